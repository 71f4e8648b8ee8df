"""Declarative schemas for action data, in the spirit of Home Assistant's service schemas."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class ActionDataError(ValueError):
    """Action data that does not fit its schema."""


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = True
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def validate(self, name: str, value: Any) -> Any:
        if isinstance(value, bool) and self.kind in (int, float, (int, float)):
            raise ActionDataError(f"{name}: expected a number, got {value!r}")
        if not isinstance(value, self.kind):
            if self.kind in (float, (int, float)) and isinstance(value, int):
                value = float(value)
            else:
                raise ActionDataError(f"{name}: expected {self._kind_name()}, got {value!r}")
        if self.choices is not None and value not in self.choices:
            raise ActionDataError(f"{name}: {value!r} is not one of {', '.join(map(str, self.choices))}")
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            raise ActionDataError(f"{name}: {value!r} is outside {self.minimum}..{self.maximum}")
        return value

    def _kind_name(self) -> str:
        kinds = self.kind if isinstance(self.kind, tuple) else (self.kind,)
        return " or ".join(k.__name__ for k in kinds)


def validate(schema: Mapping[str, Field], data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(schema)
    if unknown:
        raise ActionDataError(f"unexpected {', '.join(sorted(unknown))} (expected: {', '.join(schema)})")
    validated = {}
    for name, field in schema.items():
        if name in data and data[name] is not None:
            validated[name] = field.validate(name, data[name])
        elif field.required:
            raise ActionDataError(f"{name} is required")
    return validated
