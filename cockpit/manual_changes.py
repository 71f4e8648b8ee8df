"""Telling a hand in the car from noise on the bus.

A value that changes on the bus is somebody's choice (a `manual_change`, which quiets a need, teaches the
driver's personal thresholds and habits) only when it holds: the same value for `SETTLE_S`, on a message
that is valid (counted from when it is valid again if it was stale or doubted meanwhile), and, if the
message had a rejected frame from `SUSPECT_S` before the change, for `SETTLE_S` after the message has been
clean for `SUSPECT_S`. A frame
that passed its checks by chance during a fault (random bytes within range on a message without CRC, a
frame that passed CRC-8 by luck) changes the value for a frame or two, never settles, and teaches nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from canbus.codec import Value
from canbus.vss import FRONT_DEFROST, HVAC_ON, SEAT_CLIMATE_PATH, seat_heat_level
from cockpit.signals import Quality, SignalStore
from cockpit.zones import SET_POINT_PATH

SETTLE_S = 0.5
SUSPECT_S = 2.0


def _on_off(value: object) -> str:
    return "on" if value else "off"


def _set_point_data(zone: str) -> Callable[[Value], dict[str, object]]:
    return lambda value: {"zone": zone, "temperature": value}


def _seat_heat_data(seat: str) -> Callable[[Value], dict[str, object]]:
    return lambda value: {"zone": seat, "level": seat_heat_level(value)}


# A control a hand in the car may change -> (the action it amounts to, the command message whose echo
# it is not, the action's data from the signal's value). The cockpit learns habits and the driver's
# personal thresholds from these (cockpit/proactive/preferences.py).
MANUAL_SIGNALS: dict[str, tuple[str, str, Callable[[Value], dict[str, object]]]] = {
    **{path: ("climate.set_temperature", "CCU_HVAC_Cmd", _set_point_data(z)) for z, path in SET_POINT_PATH.items()},
    **{path: ("seat.heat", "CCU_Seat_Cmd", _seat_heat_data(seat)) for seat, path in SEAT_CLIMATE_PATH.items()},
    HVAC_ON: ("climate.power", "CCU_HVAC_Cmd", lambda v: {"state": _on_off(v)}),
    FRONT_DEFROST: ("climate.defrost", "CCU_HVAC_Cmd", lambda v: {"target": "front", "state": _on_off(v)}),
}


@dataclass(frozen=True)
class Candidate:
    value: Value
    since_s: float


class ManualChangeWatch:
    """Candidate changes per signal path; `settled` gives those a person made."""

    def __init__(self, store: SignalStore) -> None:
        self.store = store
        self._candidates: dict[str, Candidate] = {}
        self._confirmed: dict[str, Value] = {}
        self._last_fault_s: dict[str, float] = {}  # a frame of the message rejected
        self._last_invalid_s: dict[str, float] = {}  # the message not valid (stale, or doubted by a check)

    def fault(self, message: str, time_s: float) -> None:
        """A frame of `message` was rejected at `time_s`."""
        self._last_fault_s[message] = time_s

    def baseline(self, path: str, value: Value) -> None:
        """The value when the cockpit first heard the signal: the car's state, nobody's choice."""
        self._confirmed[path] = value

    def changed(self, path: str, value: Value, now_s: float) -> None:
        self._candidates[path] = Candidate(value, now_s)

    def settled(self, now_s: float) -> list[tuple[str, Value, float]]:
        """(path, value, time it changed) of the candidates that held; the others wait or are dropped."""
        if not self._candidates:
            return []
        found = []
        for path in sorted(self._candidates):
            candidate = self._candidates[path]
            message = self.store.message_of(path)
            if self.store.last(path) != candidate.value:
                del self._candidates[path]
                continue
            if self.store.message_quality(message, now_s) is not Quality.VALID:
                # Kept: a real change made while the message was doubted or late counts once it is valid again.
                self._last_invalid_s[message] = now_s
                continue
            # Near a rejected frame the value may be one that passed by chance: it must hold on a clean message.
            holds_from = max(candidate.since_s, self._last_invalid_s.get(message, candidate.since_s))
            last_fault = self._last_fault_s.get(message)
            if last_fault is not None and last_fault >= holds_from - SUSPECT_S:
                holds_from = last_fault + SUSPECT_S
            if now_s - holds_from + 1e-9 < SETTLE_S:
                continue
            del self._candidates[path]
            if self._confirmed.get(path) != candidate.value:
                self._confirmed[path] = candidate.value
                found.append((path, candidate.value, candidate.since_s))
        return found
