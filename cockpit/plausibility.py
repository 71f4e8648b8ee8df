"""Plausibility: fresh data that a second source contradicts is not trusted.

A frame can pass every check a receiver makes of it (length, range, CRC, counter, timing) and still carry a
value that is wrong: a sender stuck on an old value with its counter still running. Such a value shows only
against another source of the same fact. Each `Check` compares two messages; when they disagree for
`DOUBT_AFTER_S`, both are doubted (the cockpit cannot tell which one is wrong, so it uses neither) until
they agree again for `TRUST_AFTER_S`. Doubted messages read as `Quality.IMPLAUSIBLE`: shown, never acted on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from cockpit.context import LATITUDE, LONGITUDE, SPEED
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


@dataclass
class SpeedAgainstPosition:
    """The speed the bus reports against the speed the position fixes imply, over a sliding window."""

    window_s: float = 2.0
    tolerance_kph: float = 10.0
    tolerance_share: float = 0.3
    _fixes: deque = field(default_factory=deque)   # (time, lat, lon, reported speed)

    def __call__(self, store: SignalStore, now_s: float) -> bool | None:
        fresh = store.freshness
        if fresh(store.message_of(SPEED), now_s) is not Quality.VALID or \
                fresh(store.message_of(LATITUDE), now_s) is not Quality.VALID:
            self._fixes.clear()
            return None
        lat, lon, speed = store.last(LATITUDE), store.last(LONGITUDE), store.last(SPEED)
        if not all(isinstance(v, int | float) for v in (lat, lon, speed)):
            return None
        fixes = self._fixes
        fixes.append((now_s, float(lat), float(lon), float(speed)))
        while fixes and now_s - fixes[0][0] > self.window_s:
            fixes.popleft()
        elapsed = fixes[-1][0] - fixes[0][0]
        if elapsed < self.window_s * 0.9:
            return None
        travelled = sum(great_circle_m(a[1], a[2], b[1], b[2]) for a, b in zip(fixes, list(fixes)[1:], strict=False))
        by_position = travelled / elapsed * 3.6
        reported = sum(f[3] for f in fixes) / len(fixes)
        return abs(by_position - reported) <= max(self.tolerance_kph,
                                                  self.tolerance_share * max(by_position, reported))


def default_checks(store: SignalStore) -> list[Check]:
    return [Check("speed_vs_position", frozenset({store.message_of(SPEED), store.message_of(LATITUDE)}),
                  SpeedAgainstPosition())]


@dataclass(frozen=True)
class Verdict:
    check: str
    messages: frozenset[str]
    doubting: bool


class PlausibilityMonitor:
    """Runs the checks each cockpit tick and tells the store which messages to doubt."""

    def __init__(self, store: SignalStore, checks: list[Check] | None = None) -> None:
        self.store = store
        self.checks = checks if checks is not None else default_checks(store)

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
                if check.doubting and now_s - check.agree_since_s >= TRUST_AFTER_S:
                    check.doubting = False
                    changed.append(Verdict(check.name, check.messages, False))
            else:
                check.agree_since_s = None
                check.disagree_since_s = now_s if check.disagree_since_s is None else check.disagree_since_s
                if not check.doubting and now_s - check.disagree_since_s >= DOUBT_AFTER_S:
                    check.doubting = True
                    changed.append(Verdict(check.name, check.messages, True))
        if changed:
            self.store.doubt(frozenset().union(*(c.messages for c in self.checks if c.doubting)))
        return changed
