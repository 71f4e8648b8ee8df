"""A small declarative schema: key -> converter, required/default, unknown keys are errors.

Converters take (value, location) and return the converted value or raise ScenarioError. Factories below
build the usual ones; schemas are plain data, so the scenario format reads as a table (see loader.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from scenario.durations import parse_duration
from scenario.errors import ScenarioError, SourceLocation, suggestion_hint
from scenario.yaml_source import LocatedMapping, LocatedSequence

_Converted = TypeVar("_Converted")
# (value, location) -> the converted value, or ScenarioError; Converter[float] gives a float.
Converter = Callable[[object, SourceLocation], _Converted]
# A single value: what a home state or a manual control takes (scalar() below).
Scalar = str | float | bool
_NO_DEFAULT = object()
# Beyond this a whole number is no measurement (and float() of a 400-digit int overflows).
LARGEST_NUMBER = 1e15
MAX_TEXT_LENGTH = 2000  # a description or an utterance; longer text is a pasted file, not a scenario value
MAX_SHOWN = 60  # characters of a bad value quoted back in a message
# The car's clock is GW_Clock.UnixTime, 32-bit seconds since 1970, and UtcOffset in steps of 15 min:
# a start (and the end of the run) must fit it.
EARLIEST_TIME = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_TIME = EARLIEST_TIME + timedelta(seconds=2**32 - 1)
UTC_OFFSET_RANGE = (timedelta(hours=-12), timedelta(hours=14))
UTC_OFFSET_STEP = timedelta(minutes=15)


@dataclass(frozen=True)
class Key:
    convert: Converter[object]
    required: bool = False
    default: object = _NO_DEFAULT  # used as is when the key is absent; keep it immutable


@dataclass(frozen=True)
class Schema:
    keys: Mapping[str, Key]
    # Rules across keys ("text or audio, not both"): called with the converted dict and the mapping location.
    check: Callable[[dict, SourceLocation], None] | None = None

    def validate(self, data: object, location: SourceLocation, what: str) -> dict:
        """The converted mapping; `what` names it in messages ("vehicle", "expectation 'climate_set'")."""
        mapping = require_mapping(data, location, what)
        for key in mapping:
            if key not in self.keys:
                raise ScenarioError(
                    f"unknown key {describe(key)} in {what}",
                    mapping.key_locations.get(key, location),
                    suggestion_hint(str(key)[:MAX_SHOWN], self.keys, list_expected=True),
                )
        result: dict = {}
        for name, key in self.keys.items():
            if name in mapping:
                try:
                    result[name] = key.convert(mapping[name], mapping.location_of(name))
                except ScenarioError as error:
                    raise error.with_context(f"{name} in {what}") from None
            elif key.required:
                raise ScenarioError(f"missing required key {name!r} in {what}", mapping.location)
            elif key.default is not _NO_DEFAULT:
                result[name] = key.default
        if self.check is not None:
            self.check(result, mapping.location)
        return result


@dataclass(frozen=True)
class FreeMapping:
    """A mapping whose keys are names rather than fixed fields (home device states)."""

    check_key: Callable[[object, SourceLocation, str], None]  # (key, location, what); raises ScenarioError
    convert_value: Converter
    min_items: int = 0
    # (key, converted value, location of the value): rules on the pair, e.g. a state the device can take.
    check_entry: Callable[[object, object, SourceLocation], None] | None = None

    def validate(self, data: object, location: SourceLocation, what: str) -> dict:
        mapping = require_mapping(data, location, what)
        if len(mapping) < self.min_items:
            raise ScenarioError(f"{what} needs at least {self.min_items} entries", location)
        result = {}
        for key, value in mapping.items():
            self.check_key(key, mapping.key_locations.get(key, location), what)
            try:
                result[key] = self.convert_value(value, mapping.location_of(key))
                if self.check_entry is not None:
                    self.check_entry(key, result[key], mapping.location_of(key))
            except ScenarioError as error:
                raise error.with_context(f"{key} in {what}") from None
        return result


Validator = Schema | FreeMapping


def require_mapping(data: object, location: SourceLocation, what: str) -> LocatedMapping:
    if isinstance(data, LocatedMapping):
        return data
    if data is None:  # an empty section such as `vehicle:` with nothing under it
        return LocatedMapping(location)
    raise ScenarioError(f"{what} must be a mapping of key: value, got {describe(data)}", location)


def require_sequence(data: object, location: SourceLocation, what: str) -> LocatedSequence:
    if isinstance(data, LocatedSequence):
        return data
    if data is None:
        return LocatedSequence(location)
    raise ScenarioError(f"{what} must be a list, got {describe(data)}", location)


def number(minimum: float | None = None, maximum: float | None = None) -> Converter[float]:
    def convert(value: object, location: SourceLocation) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not _is_finite(value):
            raise ScenarioError(f"expected a number, got {describe(value)}", location)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            low = "-inf" if minimum is None else f"{minimum:g}"
            high = "inf" if maximum is None else f"{maximum:g}"
            raise ScenarioError(f"expected a number from {low} to {high}, got {value:g}", location)
        return float(value)

    return convert


def integer(value: object, location: SourceLocation) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioError(f"expected a whole number, got {describe(value)}", location)
    if abs(value) > LARGEST_NUMBER:
        raise ScenarioError(
            f"expected a whole number from {-LARGEST_NUMBER:.0f} to {LARGEST_NUMBER:.0f}, got {describe(value)}",
            location,
        )
    return value


def boolean(value: object, location: SourceLocation) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(f"expected true or false, got {describe(value)}", location)
    return value


def text(value: object, location: SourceLocation) -> str:
    if not isinstance(value, str) or not value:
        raise ScenarioError(f"expected text, got {describe(value)}", location)
    if len(value) > MAX_TEXT_LENGTH:
        raise ScenarioError(f"text of {len(value)} characters; at most {MAX_TEXT_LENGTH}", location)
    return value


def number_or_text(value: object, location: SourceLocation) -> float | str:
    if isinstance(value, str):
        return text(value, location)
    return number()(value, location)


def duration(value: object, location: SourceLocation) -> float:
    return parse_duration(value, where=location)


def one_of(choices: Collection[str]) -> Converter[str]:
    def convert(value: object, location: SourceLocation) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ScenarioError(
                f"unexpected value {describe(value)}",
                location,
                suggestion_hint(describe(value).strip("'"), choices, list_expected=True),
            )
        return value

    return convert


def known_name(is_known: Callable[[str], bool], candidates: Collection[str], what: str) -> Converter[str]:
    """A name checked against a vocabulary (places, CAN messages...), with a 'did you mean' hint."""

    def convert(value: object, location: SourceLocation) -> str:
        name = text(value, location)
        if not is_known(name):
            raise ScenarioError(
                f"unknown {what} {describe(name)}",
                location,
                suggestion_hint(name[:MAX_SHOWN], candidates, list_expected=len(candidates) <= 20),
            )
        return name

    return convert


def list_of(item: Converter[_Converted], what: str) -> Converter[tuple[_Converted, ...]]:
    def convert(value: object, location: SourceLocation) -> tuple[_Converted, ...]:
        sequence = require_sequence(value, location, what)
        return tuple(item(element, sequence.location_of(index)) for index, element in enumerate(sequence))

    return convert


def scalar(value: object, location: SourceLocation) -> Scalar:
    """Text, a number, true/false: what a home state or a manual control takes (checked further by the caller)."""
    if isinstance(value, str):
        return text(value, location)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        checked = number(-LARGEST_NUMBER, LARGEST_NUMBER)(value, location)
        return value if isinstance(value, int) else checked
    raise ScenarioError(f"expected a single value, got {describe(value)}", location)


def nested(schema: Validator, what: str) -> Converter[dict]:
    def convert(value: object, location: SourceLocation) -> dict:
        try:
            return schema.validate(value, location, what)
        except ScenarioError as error:
            error.has_context = True  # the inner schema already named the key; don't prefix it twice
            raise

    return convert


def datetime_with_offset(value: object, location: SourceLocation) -> datetime:
    """ISO 8601 with a UTC offset: the sim must not depend on the machine's time zone."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ScenarioError(
                f"bad time {describe(value)}",
                location,
                'expected ISO 8601 with an offset, e.g. "2026-01-15T08:00:00+08:00"',
            ) from None
    if not isinstance(value, datetime):
        raise ScenarioError(f"expected a date and time, got {describe(value)}", location)
    if value.tzinfo is None:
        raise ScenarioError("the time needs a UTC offset", location, 'e.g. "2026-01-15T08:00:00+08:00"')
    offset = value.utcoffset() or timedelta(0)
    if not UTC_OFFSET_RANGE[0] <= offset <= UTC_OFFSET_RANGE[1] or offset % UTC_OFFSET_STEP:
        raise ScenarioError(
            f"UTC offset {_offset_text(offset)} of {value.isoformat()} is not one a clock shows",
            location,
            "expected -12:00 to +14:00 in steps of 15 minutes (the car's GW_Clock)",
        )
    if not EARLIEST_TIME <= value <= LATEST_TIME:
        raise ScenarioError(
            f"time {value.isoformat()} is out of the car clock's range",
            location,
            f"expected {EARLIEST_TIME.date()} to {LATEST_TIME.date()} (GW_Clock.UnixTime, 32-bit)",
        )
    return value


def _offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds() // 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def existing_file(base_dir: Path) -> Converter[Path]:
    """A path relative to the scenario file that must exist (audio clips)."""

    def convert(value: object, location: SourceLocation) -> Path:
        try:
            path = (base_dir / text(value, location)).resolve()
            found = path.is_file()
        except (OSError, ValueError):  # a name too long for the file system, a NUL...
            raise ScenarioError(f"not a usable file name: {describe(value)}", location) from None
        if not found:
            raise ScenarioError(f"file not found: {describe(value)} (looked for {path})", location)
        return path

    return convert


def _is_finite(value: int | float) -> bool:
    if isinstance(value, int):
        return abs(value) <= LARGEST_NUMBER  # also keeps float() of the value from overflowing
    return math.isfinite(value)


def describe(value: object) -> str:
    """A value as a message quotes it: short, and never the whole of a pasted blob."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple | set | frozenset):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_NUMBER:
        return f"a {len(str(abs(value)))}-digit number"
    shown = repr(value)
    return shown if len(shown) <= MAX_SHOWN else shown[:MAX_SHOWN] + "..."
