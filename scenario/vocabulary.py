"""What a scenario may name: signals, places, CAN messages, controls, record fields, home devices.

The lead builds a Vocabulary from the DBC, the map and the home adapter, so the loader can reject a typo
at load time instead of a scenario silently never matching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from scenario.schema import Scalar

SignalKind = Literal["number", "string", "bool"]

# Fields of the records the runner passes to ExpectationMonitor.observe (see scenarios/README.md).
DEFAULT_RECORD_FIELDS: Mapping[str, frozenset[str]] = {
    "action": frozenset({"kind", "target", "zone", "value", "source", "status"}),
    "utterance": frozenset({"text", "seat", "lang", "intent", "speaker"}),
    "alert": frozenset({"kind", "level"}),
    "suggestion": frozenset({"need", "status", "basis"}),
}

HOME_PREFIX = "home."
SIGNAL_PREFIX = "Vehicle."


@dataclass(frozen=True)
class SignalInfo:
    units: str | None = None
    kind: SignalKind = "number"
    values: frozenset[str] | None = None  # the text values a "string" signal takes (its DBC value table)


@dataclass(frozen=True)
class Vocabulary:
    signals: Mapping[str, SignalInfo] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    can_messages: frozenset[str] = frozenset()
    manual_controls: frozenset[str] = frozenset()
    record_fields: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_RECORD_FIELDS))
    # Accepts 'home.living_room.ac' (a device, for scenario `home:` states) and
    # 'home.living_room.ac.mode' (an attribute, in expressions). None: any 'home.' name is accepted.
    home_names: Callable[[str], bool] | None = None
    # Bus fault kinds, and why a fault could not act as written: (kind, message or None, at_s, for_s, delay_s)
    # -> the reason, or None. Given by the lead from the DBC (vehicle_sim/faults.py); None: no check.
    fault_kinds: frozenset[str] = frozenset({"drop", "bad_crc", "stale_counter", "garbage"})
    fault_problem: Callable[[str, str | None, float, float, float | None], str | None] | None = None
    # What the run would refuse when the event fires, asked at load instead (None: no check). Each gives the
    # reason or None. Places with a charger (a `charge_at` stop must have one); a `manual` press
    # (control, value, zone or seat or ""); a home state ("room.device" or "device", value).
    chargers: frozenset[str] | None = None
    manual_problem: Callable[[str, Scalar, str], str | None] | None = None
    home_state_problem: Callable[[str, object], str | None] | None = None
    # Signal names of earlier releases -> what to write now; signal -> how its values are written now.
    renamed_signals: Mapping[str, str] = field(default_factory=dict)
    value_hints: Mapping[str, str] = field(default_factory=dict)
    # True only for Vocabulary.permissive(): unknown signals, places, messages and controls are accepted.
    accept_unknown: bool = False

    @classmethod
    def permissive(cls) -> Vocabulary:
        """For tests and quick experiments: accepts any signal, place, message, control and home name."""
        return cls(accept_unknown=True)

    def is_signal(self, name: str) -> bool:
        return name in self.signals or (self.accept_unknown and name.startswith(SIGNAL_PREFIX))

    def is_place(self, name: str) -> bool:
        return name in self.places or self.accept_unknown

    def is_can_message(self, name: str) -> bool:
        return name in self.can_messages or self.accept_unknown

    def is_manual_control(self, name: str) -> bool:
        return name in self.manual_controls or self.accept_unknown

    def has_charger(self, place: str) -> bool:
        return self.chargers is None or self.accept_unknown or place in self.chargers

    def is_home_name(self, name: str) -> bool:
        if not name.startswith(HOME_PREFIX) or name == HOME_PREFIX:
            return False
        return self.home_names is None or self.accept_unknown or self.home_names(name)

    def is_record_field(self, name: str) -> bool:
        namespace, _, field_name = name.partition(".")
        return field_name in self.record_fields.get(namespace, frozenset())

    def is_expression_name(self, name: str) -> bool:
        """Whether an expression may read `name`: a signal, a home attribute or a record field."""
        return self.is_signal(name) or self.is_home_name(name) or self.is_record_field(name)

    def units_of(self, name: str) -> str | None:
        info = self.signals.get(name)
        return info.units if info is not None else None

    def expression_names(self) -> Iterator[str]:
        """Every name known by spelling, for 'did you mean' hints."""
        yield from self.signals
        for namespace, fields in self.record_fields.items():
            for field_name in fields:
                yield f"{namespace}.{field_name}"
