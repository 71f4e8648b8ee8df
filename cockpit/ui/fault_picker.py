"""The developer bar's fault picker: which fault to inject now, chosen from the run's fault registry.

No pygame here, and no import of the car: the faults come from the run (`FaultRegistry`, which
`runner/session.py` `RunSession` is: it knows `vehicle_sim.faults.FAULT_KINDS`). For the chosen kind the picker
offers only the messages it can act on (the registry says none of them is a no-op), or the whole bus for bus-off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from cantools.database.can import Database

from canbus.dbc import message_timeout_s

DURATIONS_S = (3.0, 5.0, 10.0, 30.0)


class FaultKindInfo(Protocol):
    @property
    def does(self) -> str: ...  # what happens on the bus, in words

    @property
    def takes_delay(self) -> bool: ...


class FaultRegistry(Protocol):
    """The faults a run can inject (`RunSession`)."""

    @property
    def fault_kinds(self) -> Mapping[str, FaultKindInfo]: ...

    def fault_problem(
        self, kind: str, message: str | None, *, at_s: float, duration_s: float, delay_s: float | None = None
    ) -> str | None: ...  # why this fault could not act (None: it can)


@dataclass(frozen=True)
class FaultChoice:
    kind: str
    message: str | None  # None: the whole bus
    duration_s: float
    delay_s: float | None  # for the kinds that hold frames back: past the message's timeout
    does: str = ""  # what it does, in words

    def label(self) -> str:
        return f"{self.kind} on {self.message or 'the whole bus'} for {self.duration_s:g} s"


class FaultPicker:
    def __init__(self, database: Database, registry: FaultRegistry) -> None:
        self.database = database
        self.registry = registry
        self.kinds = list(registry.fault_kinds)
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
                if self.registry.fault_problem(kind, m, at_s=1.0, duration_s=1.0, delay_s=self._delay_s(kind, m))
                is None
            ]
        return targets

    def _delay_s(self, kind: str, message: str | None) -> float | None:
        if not self.registry.fault_kinds[kind].takes_delay or message is None:
            return None
        return message_timeout_s(self.database.get_message_by_name(message)) + 1.0

    def choice(self) -> FaultChoice:
        kind = self.kinds[self._kind]
        targets = self.messages(kind)
        message = targets[self._message % len(targets)]
        does = self.registry.fault_kinds[kind].does
        return FaultChoice(kind, message, DURATIONS_S[self._duration], self._delay_s(kind, message), does)

    def next_kind(self, step: int = 1) -> None:
        self._kind = (self._kind + step) % len(self.kinds)
        self._message = 0

    def next_message(self, step: int = 1) -> None:
        self._message = (self._message + step) % len(self.messages())

    def next_duration(self, step: int = 1) -> None:
        self._duration = (self._duration + step) % len(DURATIONS_S)
