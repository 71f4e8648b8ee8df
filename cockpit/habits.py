"""Habits: what this driver keeps choosing by hand in the same situation, learnt and offered next time.

A situation is coarse on purpose (part of the day, weekday or weekend, where the drive starts, cold
or warm outside), so that "21 °C on cold weekday mornings from home" is the same situation every
day. A choice seen at least `MIN_SEEN` times in a situation, the same way at least `AGREEMENT` of the
time, is a habit. Habits are kept per driver profile in a JSON file and can be listed and reset.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

MIN_SEEN = 3
AGREEMENT = 0.75
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Situation:
    part_of_day: str  # morning | midday | evening | night
    day_type: str  # weekday | weekend
    place: str  # home | office | elsewhere (where the drive started)
    weather: str  # cold | mild | hot

    @classmethod
    def of(cls, local_time: datetime, place: str | None, outside_temp_c: float | None) -> Situation:
        hour = local_time.hour
        part = "morning" if 5 <= hour < 11 else "midday" if hour < 16 else "evening" if hour < 22 else "night"
        day = "weekend" if local_time.weekday() >= 5 else "weekday"
        temp = outside_temp_c if outside_temp_c is not None else 15.0
        weather = "cold" if temp < 10 else "hot" if temp > 26 else "mild"
        return cls(part, day, place if place in ("home", "office") else "elsewhere", weather)

    def key(self) -> str:
        return f"{self.part_of_day}/{self.day_type}/{self.place}/{self.weather}"


@dataclass(frozen=True)
class Habit:
    situation: str
    control: str  # an action kind with its target, e.g. climate.set_temperature:driver
    value: Any
    seen: int


class HabitFileError(ValueError):
    """A driver profile that cannot be read (not JSON, or another format version)."""


class HabitStore:
    """Observations per situation and control, in memory and (when given a path) in a JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._seen: dict[str, dict[str, list[Any]]] = {}
        self.sections: dict[str, Any] = {}  # other per-driver state kept in the same profile (answers to cards)
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                raise HabitFileError(f"{path}: not a habit file ({error})") from error
            found = data.get("format") if isinstance(data, dict) else None
            if found != FORMAT_VERSION:
                raise HabitFileError(f"{path}: habit file format {found!r}, expected {FORMAT_VERSION}")
            self._seen = data["observations"]
            self.sections = data.get("sections", {})

    def observe(self, situation: Situation, control: str, value: Any) -> None:
        self._seen.setdefault(situation.key(), {}).setdefault(control, []).append(value)

    def habits(self) -> list[Habit]:
        found = []
        for situation, controls in sorted(self._seen.items()):
            for control, values in sorted(controls.items()):
                value, count = Counter(json.dumps(v) for v in values).most_common(1)[0]
                if len(values) >= MIN_SEEN and count / len(values) >= AGREEMENT:
                    found.append(Habit(situation, control, json.loads(value), len(values)))
        return found

    def habits_for(self, situation: Situation) -> list[Habit]:
        return [h for h in self.habits() if h.situation == situation.key()]

    def reset(self) -> None:
        self._seen = {}
        self.sections = {}
        self.save()

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"format": FORMAT_VERSION, "observations": self._seen, "sections": self.sections}, indent=1, sort_keys=True
        )
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(text + "\n", encoding="utf-8")
        temporary.replace(self.path)  # never a half-written profile


def profile_path(profiles_dir: Path, driver: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in driver) or "driver"
    return profiles_dir / f"{safe}.json"


# What counts as a habit-worthy choice: the action kind, the data that names what was set, the value.
HABIT_KINDS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "climate.set_temperature": (("zone",), "temperature"),
    "seat.heat": (("zone",), "level"),
    "home.turn_on": (("device", "room"), None),
    "home.set_temperature": (("room",), "temperature"),
}


def control_of(kind: str, data: dict[str, Any]) -> tuple[str, Any] | None:
    """("climate.set_temperature zone=driver", 21.0) for a habit-worthy action, else None."""
    spec = HABIT_KINDS.get(kind)
    if spec is None:
        return None
    names, value_field = spec
    target = " ".join(f"{name}={data[name]}" for name in names if data.get(name) is not None)
    return f"{kind} {target}".strip(), (data.get(value_field) if value_field else "on")


def action_data_of(control: str, value: Any) -> tuple[str, dict[str, Any]]:
    """The inverse of control_of: the action kind and data that repeat a habit."""
    kind, *pairs = control.split(" ")
    data: dict[str, Any] = dict(pair.split("=", 1) for pair in pairs)
    value_field = HABIT_KINDS[kind][1]
    if value_field is not None:
        data[value_field] = value
    return kind, data


class HabitAdvisor:
    """Per drive: notes the driver's choices, and offers the habits of this situation once each."""

    def __init__(self, store: HabitStore) -> None:
        self.store = store
        self.situation: Situation | None = None
        self._offered: set[str] = set()

    def start(self, situation: Situation) -> None:
        if self.situation is None:
            self.situation = situation

    def observe(self, kind: str, data: dict[str, Any]) -> None:
        control = control_of(kind, data)
        if control is not None and self.situation is not None:
            self.store.observe(self.situation, *control)
            self._offered.add(control[0])  # done by hand this drive: nothing left to offer
            self.store.save()

    def next_offer(self, already_true: Any) -> Habit | None:
        """The first habit of this situation not yet offered and not already in place."""
        if self.situation is None:
            return None
        for habit in self.store.habits_for(self.situation):
            if habit.control in self._offered:
                continue
            self._offered.add(habit.control)
            if not already_true(habit):
                return habit
        return None
