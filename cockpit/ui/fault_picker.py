"""The developer bar's fault picker: which fault to inject now, chosen from the fault registry.

No pygame here. The kinds are `vehicle_sim.faults.FAULT_KINDS`; for the chosen kind the picker offers only
the messages it can act on (`fault_problem` says none of them is a no-op), or the whole bus for bus-off.
"""

from __future__ import annotations

from dataclasses import dataclass

from cantools.database.can import Database

from canbus.dbc import message_timeout_s
from vehicle_sim.faults import FAULT_KINDS, fault_problem

DURATIONS_S = (3.0, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class FaultChoice:
    kind: str
    message: str | None  # None: the whole bus
    duration_s: float
    delay_s: float | None  # for the kinds that hold frames back: past the message's timeout

    @property
    def does(self) -> str:
        return FAULT_KINDS[self.kind].does

    def label(self) -> str:
        return f"{self.kind} on {self.message or 'the whole bus'} for {self.duration_s:g} s"


class FaultPicker:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.kinds = list(FAULT_KINDS)
        self._kind = 0
        self._message = 0
        self._duration = 1
        self._targets: dict[str, list[str | None]] = {}

    def messages(self, kind: str | None = None) -> list[str | None]:
        """The targets `kind` can act on once the car has sent its first frames."""
        kind = kind or self.kinds[self._kind]
        targets = self._targets.get(kind)
        if targets is None:  # worked out once per kind: the bar draws the choice every frame
            candidates: list[str | None] = [None, *(m.name for m in self.database.messages)]
            targets = self._targets[kind] = [
                m
                for m in candidates
                if fault_problem(self.database, kind, m, at_s=1.0, duration_s=1.0, delay_s=self._delay_s(kind, m))
                is None
            ]
        return targets

    def _delay_s(self, kind: str, message: str | None) -> float | None:
        if not FAULT_KINDS[kind].takes_delay or message is None:
            return None
        return message_timeout_s(self.database.get_message_by_name(message)) + 1.0

    def choice(self) -> FaultChoice:
        kind = self.kinds[self._kind]
        targets = self.messages(kind)
        message = targets[self._message % len(targets)]
        return FaultChoice(kind, message, DURATIONS_S[self._duration], self._delay_s(kind, message))

    def next_kind(self, step: int = 1) -> None:
        self._kind = (self._kind + step) % len(self.kinds)
        self._message = 0

    def next_message(self, step: int = 1) -> None:
        self._message = (self._message + step) % len(self.messages())

    def next_duration(self, step: int = 1) -> None:
        self._duration = (self._duration + step) % len(DURATIONS_S)
