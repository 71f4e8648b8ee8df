"""The signal store: the cockpit's view of the car, keyed by VSS path, with time and quality."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from canbus.codec import Value
from canbus.dbc import SignalMeta


class Quality(Enum):
    VALID = "valid"
    STALE = "stale"  # no valid frame within the message's timeout
    MISSING = "missing"  # never received
    IMPLAUSIBLE = "implausible"  # fresh, but contradicted by a second source (cockpit/plausibility.py)


@dataclass(frozen=True)
class SignalSample:
    value: Value | None
    time_s: float | None
    quality: Quality


class SignalStore:
    """Latest decoded value of every VSS signal, and when its message last arrived intact.

    Quality is judged per message (a frame is valid or not as a whole) against a timeout; a stale
    signal keeps its last value for display but `valid()` hides it, so that stale data never drives
    an action.
    """

    def __init__(self, catalogue: dict[str, SignalMeta], timeouts_s: dict[str, float]) -> None:
        self.catalogue = catalogue
        self._timeouts_s = timeouts_s
        self._values: dict[str, Value] = {}
        self._message_of: dict[str, str] = {path: meta.message for path, meta in catalogue.items()}
        self._last_valid_s: dict[str, float] = {}
        self._changed: set[str] = set()
        self._sorted_messages = tuple(sorted(timeouts_s))
        self._doubted: frozenset[str] = frozenset()  # messages a plausibility check contradicts

    def put(self, path: str, value: Value, time_s: float) -> None:
        """The latest decoded value of `path` (its message's arrival is `message_received`)."""
        if self._values.get(path, _ABSENT) != value:
            self._values[path] = value
            self._changed.add(path)

    def message_received(self, message: str, time_s: float) -> None:
        self._last_valid_s[message] = time_s

    def doubt(self, messages: frozenset[str]) -> None:
        """The messages whose fresh data a second source contradicts: kept, shown, but not valid."""
        self._doubted = messages

    def freshness(self, message: str, now_s: float) -> Quality:
        """Whether the message's frames arrive intact in time, whatever a plausibility check says of them."""
        return _quality(self._last_valid_s.get(message), self._timeouts_s[message], now_s)

    def pending_changes(self) -> set[str]:
        """The paths changed since the last `take_changes`, left for it (read only)."""
        return self._changed

    def take_changes(self) -> set[str]:
        """Paths whose value changed since the last call."""
        changed, self._changed = self._changed, set()
        return changed

    def last(self, path: str) -> Value | None:
        """The last value received, whatever its quality (for displays and expectations)."""
        return self._values.get(path)

    def message_of(self, path: str) -> str:
        """The CAN message that carries `path` (KeyError for a path the bus does not carry)."""
        return self._message_of[path]

    def message_quality(self, message: str, now_s: float) -> Quality:
        quality = _quality(self._last_valid_s.get(message), self._timeouts_s[message], now_s)
        return _IMPLAUSIBLE if quality is _VALID and message in self._doubted else quality

    def sample(self, path: str, now_s: float) -> SignalSample:
        message = self._message_of[path]
        return SignalSample(
            self._values.get(path), self._last_valid_s.get(message), self.message_quality(message, now_s)
        )

    def valid(self, path: str, now_s: float) -> Value | None:
        """The value only if its message is fresh: what decisions may use."""
        if self.message_quality(self._message_of[path], now_s) is Quality.VALID:
            return self._values.get(path)
        return None

    def valid_reader(self, now_s: float):
        """`valid` for many paths at one instant: each message's freshness is judged once."""
        last_valid, timeouts, values, message_of = self._last_valid_s, self._timeouts_s, self._values, self._message_of
        fresh = {m for m, t in last_valid.items() if now_s - t <= timeouts[m]} - self._doubted

        def valid(path: str) -> Value | None:
            return values.get(path) if message_of[path] in fresh else None

        return valid

    def messages(self) -> list[str]:
        return list(self._sorted_messages)

    def qualities(self, now_s: float) -> list[tuple[str, Quality]]:
        """`message_quality` of every message, in `messages()` order: the cockpit asks each tick."""
        last_valid, timeouts, doubted = self._last_valid_s, self._timeouts_s, self._doubted
        qualities = [
            (message, _quality(last_valid.get(message), timeouts[message], now_s)) for message in self._sorted_messages
        ]
        if doubted:
            qualities = [(m, _IMPLAUSIBLE if q is _VALID and m in doubted else q) for m, q in qualities]
        return qualities


_ABSENT = object()
# Enum members read through the class cost a lookup each; every message's quality is judged every tick.
_VALID, _STALE, _MISSING, _IMPLAUSIBLE = Quality.VALID, Quality.STALE, Quality.MISSING, Quality.IMPLAUSIBLE


def _quality(last_valid_s: float | None, timeout_s: float, now_s: float) -> Quality:
    if last_valid_s is None:
        return _MISSING
    return _VALID if now_s - last_valid_s <= timeout_s else _STALE
