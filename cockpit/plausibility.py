"""Plausibility: fresh data that a second source contradicts is not trusted.

A frame can pass every check a receiver makes of it (length, range, CRC, counter, timing) and still carry a
value that is wrong: a sender stuck on an old value with its counter still running. Such a value shows only
against another source of the same fact. Each `Check` compares two messages; when they disagree for
`DOUBT_AFTER_S`, both are doubted (the cockpit cannot tell which one is wrong, so it uses neither) until
they agree again for `TRUST_AFTER_S`. Doubted messages read as `Quality.IMPLAUSIBLE`: shown, never acted on.

Some data has no second source but a known pace: a setting a person chooses (a set point, a seat heating
level) or a state (a seat occupied, a drive mode, a light on) changes a few times a second at most. A
message whose settings or states change at `SettingsChurn.limit` moments within a second (six cycles of a
slower message) is noise (random bytes on a message without a CRC pass every frame check); it is doubted at
once and trusted again after a calm `TRUST_AFTER_S`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from cantools.database.can import Database

from canbus.dbc import is_e2e_protected, state_signals, vss_path_of
from canbus.vss import LATITUDE, LONGITUDE, SPEED
from cockpit.signals import Quality, SignalStore
from roadmap.geo import great_circle_m

DOUBT_AFTER_S = 2.0
TRUST_AFTER_S = 2.0


@dataclass
class Check:
    """One cross-check: `agrees(store, now_s)` is True, False, or None when it cannot judge (data stale)."""

    name: str
    messages: frozenset[str]
    agrees: Callable[[SignalStore, float], bool | None]
    disagree_since_s: float | None = None
    agree_since_s: float | None = None
    doubting: bool = False
    doubt_after_s: float = DOUBT_AFTER_S
    trust_after_s: float = TRUST_AFTER_S


@dataclass
class SpeedAgainstPosition:
    """The speed the bus reports against the speed the position fixes imply, over a sliding window."""

    window_s: float = 2.0
    tolerance_kph: float = 10.0
    tolerance_share: float = 0.3
    _fixes: deque = field(default_factory=deque)  # (time, lat, lon, reported speed)
    _travelled_m: float = 0.0
    _speed_sum: float = 0.0

    def __call__(self, store: SignalStore, now_s: float) -> bool | None:
        fresh = store.freshness
        if (
            fresh(store.message_of(SPEED), now_s) is not Quality.VALID
            or fresh(store.message_of(LATITUDE), now_s) is not Quality.VALID
        ):
            self._fixes.clear()
            self._travelled_m = self._speed_sum = 0.0
            return None
        lat, lon, speed = store.last(LATITUDE), store.last(LONGITUDE), store.last(SPEED)
        if not (isinstance(lat, int | float) and isinstance(lon, int | float) and isinstance(speed, int | float)):
            return None
        fixes = self._fixes
        # The path length over the window is kept as a running sum: one segment added, old ones taken off.
        if fixes:
            last = fixes[-1]
            self._travelled_m += great_circle_m(last[1], last[2], float(lat), float(lon))
        fixes.append((now_s, float(lat), float(lon), float(speed)))
        self._speed_sum += float(speed)
        while fixes and now_s - fixes[0][0] > self.window_s:
            first = fixes.popleft()
            self._speed_sum -= first[3]
            if fixes:
                self._travelled_m -= great_circle_m(first[1], first[2], fixes[0][1], fixes[0][2])
        elapsed = fixes[-1][0] - fixes[0][0]
        if elapsed < self.window_s * 0.9:
            return None
        travelled = max(0.0, self._travelled_m)
        by_position = travelled / elapsed * 3.6
        reported = self._speed_sum / len(fixes)
        return abs(by_position - reported) <= max(self.tolerance_kph, self.tolerance_share * max(by_position, reported))


@dataclass
class SettingsChurn:
    """Agrees while the settings `paths` changed at fewer than `limit` moments (ticks) within `window_s`."""

    paths: frozenset[str]
    window_s: float = 1.0
    limit: int = 4
    _change_times: deque = field(default_factory=deque)

    def __call__(self, store: SignalStore, now_s: float) -> bool:
        times = self._change_times
        if not self.paths.isdisjoint(store.pending_changes()):
            times.append(now_s)
        while times and now_s - times[0] >= self.window_s:
            times.popleft()
        return len(times) < self.limit


def paced_signals(database: Database, store: SignalStore, settings: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """Message -> the paths whose pace is judged: the `settings` a person sets by hand on any message, and the
    state signals (`canbus.dbc.state_signals`) of messages without a CRC, which nothing else protects."""
    paced: dict[str, set[str]] = {}
    for path in settings:
        paced.setdefault(store.message_of(path), set()).add(path)
    for message in database.messages:
        if is_e2e_protected(message) or message.name not in store.messages():
            continue
        for signal in state_signals(message):
            if (state_path := vss_path_of(signal)) is not None:
                paced.setdefault(message.name, set()).add(state_path)
    return {message: frozenset(paths) for message, paths in paced.items()}


def default_checks(
    store: SignalStore, paced: Mapping[str, frozenset[str]] | None = None, cycles_s: Mapping[str, float] | None = None
) -> list[Check]:
    """The speed against the position fixes, and the pace of each message's `paced` state paths (judged over
    a second, or six cycles of a slower message)."""
    checks = [
        Check(
            "speed_vs_position",
            frozenset({store.message_of(SPEED), store.message_of(LATITUDE)}),
            SpeedAgainstPosition(),
        )
    ]
    paced = paced or {}
    for message in sorted(paced):
        window_s = max(1.0, 6 * (cycles_s or {}).get(message, 0.1))
        checks.append(
            Check(
                f"state_pace:{message}",
                frozenset({message}),
                SettingsChurn(paced[message], window_s=window_s),
                doubt_after_s=0.0,
            )
        )
    return checks


@dataclass(frozen=True)
class Verdict:
    check: str
    messages: frozenset[str]
    doubting: bool


class PlausibilityMonitor:
    """Runs the checks each cockpit tick and tells the store which messages to doubt."""

    def __init__(self, store: SignalStore, checks: list[Check]) -> None:
        self.store = store
        self.checks = checks

    @classmethod
    def for_bus(cls, database: Database, store: SignalStore, settings: Iterable[str] = ()) -> PlausibilityMonitor:
        """Every check the DBC allows: speed against position, the pace of settings and state signals."""
        cycles_s = {m.name: (m.cycle_time or 100) / 1000 for m in database.messages}
        return cls(store, default_checks(store, paced_signals(database, store, settings), cycles_s))

    def update(self, now_s: float) -> list[Verdict]:
        """The checks whose verdict changed at `now_s`."""
        changed = []
        for check in self.checks:
            agrees = check.agrees(self.store, now_s)
            if agrees is None:
                check.disagree_since_s = check.agree_since_s = None
                continue
            if agrees:
                check.disagree_since_s = None
                check.agree_since_s = now_s if check.agree_since_s is None else check.agree_since_s
                if check.doubting and now_s - check.agree_since_s >= check.trust_after_s:
                    check.doubting = False
                    changed.append(Verdict(check.name, check.messages, False))
            else:
                check.agree_since_s = None
                check.disagree_since_s = now_s if check.disagree_since_s is None else check.disagree_since_s
                if not check.doubting and now_s - check.disagree_since_s >= check.doubt_after_s:
                    check.doubting = True
                    changed.append(Verdict(check.name, check.messages, True))
        if changed:
            self.store.doubt(frozenset().union(*(c.messages for c in self.checks if c.doubting)))
        return changed
