"""What a device type declares, Home Assistant style: its attributes and the actions (services) it accepts.

An action is refused before it touches the device when the device type does not declare it, or when its data
does not fit the action's declared parameters: nothing reaches a device that it does not understand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class CapabilityError(ValueError):
    """An action a device does not support, or data that does not fit the action."""


@dataclass(frozen=True)
class Param:
    """One parameter of an action: a number in a range, or one of a set of text values."""

    kind: str = "number"  # number | text | bool
    required: bool = True
    choices: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def check(self, name: str, value: Any) -> Any:
        if self.kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise CapabilityError(f"{name}: expected a number, got {value!r}")
            value = float(value)
            if not math.isfinite(value):  # NaN slips through any range test, and no JSON reader takes it
                raise CapabilityError(f"{name}: expected a finite number, got {value!r}")
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                raise CapabilityError(f"{name}: {value:g} is outside {self.minimum:g}..{self.maximum:g}")
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise CapabilityError(f"{name}: expected true or false, got {value!r}")
            return value
        if not isinstance(value, str):
            raise CapabilityError(f"{name}: expected text, got {value!r}")
        if self.choices is not None and value not in self.choices:
            raise CapabilityError(f"{name}: {value!r} is not one of {', '.join(self.choices)}")
        return value


@dataclass(frozen=True)
class Attribute:
    """A readable attribute: `kind` number | text | bool, with its choices or unit."""

    kind: str = "text"
    choices: tuple[str, ...] | None = None
    unit: str | None = None
    writable: bool = False  # settable directly by a scenario (initial state, `home` events)


@dataclass(frozen=True)
class Capabilities:
    """A device type: its attributes, its primary attribute (the one `room.device: value` sets), its actions."""

    kind: str
    component: str  # the Home Assistant MQTT component: climate, light, cover, ...
    attributes: Mapping[str, Attribute]
    primary: str
    actions: Mapping[str, Mapping[str, Param]] = field(default_factory=dict)

    def check(self, action: str, data: Mapping[str, Any] | None) -> dict[str, Any]:
        """The validated data of `action`, or CapabilityError saying what is wrong."""
        params = self.actions.get(action)
        if params is None:
            raise CapabilityError(
                f"a {self.kind} does not support {action!r} (it supports: {', '.join(sorted(self.actions))})"
            )
        data = dict(data or {})
        unknown = sorted(set(data) - set(params))
        if unknown:
            raise CapabilityError(
                f"{action}: unexpected {', '.join(unknown)} (expected: {', '.join(params) or 'nothing'})"
            )
        checked = {}
        for name, param in params.items():
            if data.get(name) is not None:
                checked[name] = param.check(name, data[name])
            elif param.required:
                raise CapabilityError(f"{action}: {name} is required")
        return checked


ON_OFF = ("on", "off")
NO_DATA: Mapping[str, Param] = {}


def temperature_param(minimum: float, maximum: float, required: bool = True) -> Param:
    return Param("number", required=required, minimum=minimum, maximum=maximum)
