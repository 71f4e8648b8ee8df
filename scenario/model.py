"""The validated scenario, as the runner sees it. Times are seconds of sim time from the start."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from canbus.vss import SEATS as SEATS  # the car's seats, where both ends of the bus read them
from scenario.errors import SourceLocation
from scenario.expectations import Expectation

TRIMS = ("max", "standard")
WEATHERS = ("clear", "cloudy", "rain", "snow", "fog")
LANGUAGES = ("en", "zh")  # what the assistant speaks to an occupant before they have said anything
DEFAULT_START_TIME = "2026-01-15T08:00:00+08:00"


@dataclass(frozen=True)
class Vehicle:
    trim: str = "max"
    soc: float = 80.0  # percent
    cabin_temp: float | None = None  # °C; None: the cabin starts at the outside temperature


@dataclass(frozen=True)
class Environment:
    outside_temp: float = 20.0  # °C
    weather: str = "clear"
    sun: float | None = None  # W/m²; None: the simulator derives it from time and weather


@dataclass(frozen=True)
class Route:
    to: str
    via: tuple[str, ...] = ()
    charge_at: Mapping[str, float] | None = None  # place -> target state of charge in percent


@dataclass(frozen=True)
class Occupant:
    seat: str
    persona: str | None = None
    name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Event:
    """One timeline entry. `payload` holds the kind's keys, converted: durations in seconds, paths as Path.

    Its values are typed by the kind's schema (scenario/event_kinds.py), which checked them at load: hence Any
    here rather than a second description of each kind."""

    at_s: float
    kind: str
    payload: Mapping[str, Any]
    location: SourceLocation
    id: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    seed: int
    duration_s: float
    start_time: datetime
    start_place: str | None
    vehicle: Vehicle
    environment: Environment
    route: Route | None
    occupants: tuple[Occupant, ...]
    home: Mapping[str, object]  # "living_room.ac" -> state, as written
    events: tuple[Event, ...]  # by time; events at the same time keep file order
    expectations: tuple[Expectation, ...]
    source_path: Path
