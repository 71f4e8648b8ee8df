"""Loading a scenario file: YAML with line numbers -> declarative validation -> a frozen Scenario.

Every problem the run could meet in the file is found here, before anything is simulated: the schema, the
names, the route's shape, each event's values (event_kinds.py), the car clock's range over the whole run.
The work is linear in the file: ids are looked up in dicts, never searched for among the earlier ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import get_args

from scenario import schema as s
from scenario.errors import ScenarioError, SourceLocation, suggestion_hint
from scenario.event_kinds import environment_schema, event_checks, event_kinds, home_schema
from scenario.expectations import Expectation, ExpectationKind, TimeWindow
from scenario.expressions import compile_expression
from scenario.model import (
    DEFAULT_START_TIME,
    LANGUAGES,
    SEATS,
    TRIMS,
    Environment,
    Event,
    Occupant,
    Route,
    Scenario,
    Vehicle,
)
from scenario.time_references import RUN_SYMBOLS, TimeReference, at_seconds, parse_time_reference
from scenario.vocabulary import Vocabulary
from scenario.yaml_source import LocatedMapping, parse_yaml, read_yaml_file

# Names become directories (out/<scenario>/) and JUnit test names, so keep them plain and short enough for
# every file system (255 bytes for a name) with room for what is put next to them.
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
MAX_NAME_LENGTH = 64
EVENT_FIXED_KEYS = ("at", "id")
EXPECTATION_FORMS: dict[str, ExpectationKind] = {form: form for form in get_args(ExpectationKind)}
_START = at_seconds(0.0, "start")
_END = TimeReference("end", 0.0, ((1, "end"),))


def load_scenario(path: Path, vocabulary: Vocabulary) -> Scenario:
    """Read and validate a scenario file; any problem is a ScenarioError with file, line and hint."""
    return build_scenario(read_yaml_file(path), path, vocabulary)


def load_scenario_text(text: str, vocabulary: Vocabulary, path: Path = Path("<scenario>")) -> Scenario:
    """The same from text; `path` names it in messages and anchors relative audio paths."""
    return build_scenario(parse_yaml(text, str(path)), path, vocabulary)


def build_scenario(data: object, path: Path, vocabulary: Vocabulary) -> Scenario:
    top = _scenario_schema(vocabulary).validate(data, SourceLocation(str(path), 1), "scenario")
    duration_s = top["duration"]
    if duration_s <= 0:
        raise ScenarioError("duration must be more than 0 s", _location_of(data, "duration", path))
    start = top["start"]
    if start["time"] + timedelta(seconds=duration_s) > s.LATEST_TIME:
        raise ScenarioError(
            f"the run would end after {s.LATEST_TIME.isoformat()}, the last second the car's clock can show",
            _location_of(data, "duration", path),
            "start earlier or run shorter",
        )
    events_data, events_location = top["events"]
    events = _build_events(events_data, events_location, vocabulary, path, duration_s)
    event_times = {event.id: event.at_s for event in events if event.id is not None}
    expect_data, expect_location = top["expect"]
    expectations = _build_expectations(expect_data, expect_location, vocabulary, event_times)
    route = top["route"]
    return Scenario(
        name=top["name"],
        description=top["description"],
        seed=top["seed"],
        duration_s=duration_s,
        start_time=start["time"],
        start_place=start.get("place"),
        vehicle=Vehicle(**top["vehicle"]),
        environment=Environment(**top["environment"]),
        route=Route(**route) if route is not None else None,
        occupants=tuple(Occupant(**occupant) for occupant in top["occupants"]),
        home=top["home"],
        events=events,
        expectations=expectations,
        source_path=path,
    )


def _scenario_schema(vocabulary: Vocabulary) -> s.Schema:
    place = s.known_name(vocabulary.is_place, vocabulary.places, "place")
    occupant = s.Schema(
        # The driver's name (else persona) names their habit profile file: short, like other names.
        {
            "seat": s.Key(s.one_of(SEATS), required=True),
            "persona": s.Key(_short_text),
            "name": s.Key(_short_text),
            "language": s.Key(s.one_of(LANGUAGES)),
        }
    )
    return s.Schema(
        {
            "name": s.Key(_identifier, required=True),
            "description": s.Key(s.text, default=""),
            "seed": s.Key(s.integer, default=0),
            "duration": s.Key(s.duration, required=True),
            "start": s.Key(
                s.nested(
                    s.Schema(
                        {
                            "time": s.Key(s.datetime_with_offset, default=datetime.fromisoformat(DEFAULT_START_TIME)),
                            "place": s.Key(place),
                        }
                    ),
                    "start",
                ),
                default={"time": datetime.fromisoformat(DEFAULT_START_TIME)},
            ),
            "vehicle": s.Key(
                s.nested(
                    s.Schema(
                        {
                            "trim": s.Key(s.one_of(TRIMS)),
                            "soc": s.Key(s.number(0, 100)),
                            "cabin_temp": s.Key(s.number(-40, 80)),
                        }
                    ),
                    "vehicle",
                ),
                default={},
            ),
            "environment": s.Key(s.nested(environment_schema(required=True), "environment"), default={}),
            "route": s.Key(
                s.nested(
                    s.Schema(
                        {
                            "to": s.Key(place, required=True),
                            "via": s.Key(s.list_of(place, "via"), default=()),
                            "charge_at": s.Key(
                                s.nested(s.FreeMapping(_charger_key(vocabulary), _charge_target), "charge_at")
                            ),
                        },
                        check=_one_stop_on_the_way,
                    ),
                    "route",
                ),
                default=None,
            ),
            "occupants": s.Key(
                _occupants(s.list_of(s.nested(occupant, "occupant"), "occupants")),
                default=({"seat": "driver"},),
            ),
            "home": s.Key(s.nested(home_schema(vocabulary, min_items=0), "home"), default={}),
            # Validated after the rest: expectations refer to event ids.
            "events": s.Key(_located, default=(None, None)),
            "expect": s.Key(_located, default=(None, None)),
        }
    )


def _build_events(
    data: object, location: SourceLocation | None, vocabulary: Vocabulary, path: Path, duration_s: float
) -> tuple[Event, ...]:
    if data is None or location is None:  # no `events:` key (it defaults to (None, None))
        return ()
    kinds = event_kinds(vocabulary, path.parent)
    checks = event_checks(vocabulary)
    items = s.require_sequence(data, location, "events")
    events: list[Event] = []
    ids: set[str] = set()
    for index, item in enumerate(items):
        item_location = items.location_of(index)
        mapping = s.require_mapping(item, item_location, f"event {index + 1}")
        kind = _single_kind(mapping, kinds, f"event {index + 1}", EVENT_FIXED_KEYS)
        if "at" not in mapping:
            raise ScenarioError(f"missing required key 'at' in {kind} event", item_location)
        at_s = s.duration(mapping["at"], mapping.location_of("at"))
        if at_s > duration_s:
            raise ScenarioError(
                f"{kind} event at {at_s:g} s is after the end of the scenario ({duration_s:g} s)",
                mapping.location_of("at"),
            )
        event_id = _event_id(mapping, ids) if "id" in mapping else None
        payload = kinds[kind].validate(mapping[kind], mapping.location_of(kind), f"{kind} event")
        if kind in checks:
            checks[kind](payload, at_s, mapping.location_of(kind))
        events.append(Event(at_s, kind, payload, item_location, event_id))
    return tuple(sorted(events, key=lambda event: event.at_s))  # sorted() is stable: same-time order kept


def _build_expectations(
    data: object, location: SourceLocation | None, vocabulary: Vocabulary, event_times: Mapping[str, float]
) -> tuple[Expectation, ...]:
    if data is None or location is None:  # no `expect:` key
        return ()
    items = s.require_sequence(data, location, "expect")
    expectations: list[Expectation] = []
    seen: dict[str, SourceLocation] = {}
    for index, item in enumerate(items):
        item_location = items.location_of(index)
        raw_id = item.get("id") if isinstance(item, dict) else None
        what = f"expectation {s.describe(raw_id)}" if isinstance(raw_id, str) else f"expectation {index + 1}"
        mapping = s.require_mapping(item, item_location, what)
        kind = EXPECTATION_FORMS[
            _single_kind(mapping, EXPECTATION_FORMS, what, ("id", "that", "after", "before", "description"))
        ]
        values = _expectation_schema(kind, vocabulary, event_times).validate(mapping, item_location, what)
        if values["id"] in seen:
            raise ScenarioError(
                f"duplicate expectation id {values['id']!r}",
                mapping.location_of("id"),
                f"first used at line {seen[values['id']].line}",
            )
        seen[values["id"]] = mapping.location_of("id")
        expectations.append(_expectation(kind, values, item_location))
    return tuple(expectations)


def _expectation_schema(kind: str, vocabulary: Vocabulary, event_times: Mapping[str, float]) -> s.Schema:
    def expression(value: object, location: SourceLocation) -> object:
        return compile_expression(value, vocabulary, location)

    def time(value: object, location: SourceLocation) -> TimeReference:
        return parse_time_reference(value, event_times, location)

    keys = {"id": s.Key(_identifier, required=True), "description": s.Key(s.text, default="")}
    if kind == "within":
        keys |= {
            "within": s.Key(s.duration, required=True),
            "after": s.Key(time, default=_START),
            "that": s.Key(expression, required=True),
        }
    else:
        keys |= {
            kind: s.Key(expression, required=True),
            "after": s.Key(time, default=_START),
            "before": s.Key(time, default=_END),
        }
    return s.Schema(keys)


def _expectation(kind: ExpectationKind, values: dict, location: SourceLocation) -> Expectation:
    if kind == "within":
        window = TimeWindow(values["after"], values["after"].plus(values["within"]))
        return Expectation(
            values["id"],
            "within",
            values["that"],
            window,
            location,
            values["description"],
            within_s=values["within"],
        )
    return Expectation(
        values["id"],
        kind,
        values[kind],
        TimeWindow(values["after"], values["before"]),
        location,
        values["description"],
    )


def _single_kind(mapping: LocatedMapping, kinds: Mapping[str, object], what: str, fixed_keys: tuple[str, ...]) -> str:
    """The one key of `mapping` that names a kind (event kind or expectation form)."""
    allowed = [*kinds, *fixed_keys]
    for key in mapping:
        if key not in allowed:
            raise ScenarioError(
                f"unknown key {s.describe(key)} in {what}",
                mapping.key_locations.get(key, mapping.location),
                suggestion_hint(str(key)[: s.MAX_SHOWN], allowed, list_expected=True),
            )
    found = [key for key in mapping if key in kinds]
    if len(found) != 1:
        given = f"found {', '.join(found)}" if found else "found none"
        raise ScenarioError(f"{what} needs exactly one of: {', '.join(kinds)} ({given})", mapping.location)
    return found[0]


def _event_id(mapping: LocatedMapping, ids: set[str]) -> str:
    """The event's id, added to `ids` (the ids so far: a set, so 10,000 events stay linear)."""
    event_id = _identifier(mapping["id"], mapping.location_of("id"))
    if event_id in RUN_SYMBOLS or event_id in ids:
        raise ScenarioError(
            f"event id {event_id!r} is already used",
            mapping.location_of("id"),
            f"ids must be unique and not one of {', '.join(RUN_SYMBOLS)}",
        )
    ids.add(event_id)
    return event_id


def _identifier(value: object, location: SourceLocation) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        raise ScenarioError(f"expected a plain name (letters, digits, _ . -), got {s.describe(value)}", location)
    if len(value) > MAX_NAME_LENGTH:
        raise ScenarioError(
            f"a name of {len(value)} characters; at most {MAX_NAME_LENGTH}",
            location,
            "names become folder and test names: keep them short",
        )
    return value


def _short_text(value: object, location: SourceLocation) -> str:
    name = s.text(value, location)
    if len(name) > MAX_NAME_LENGTH:
        raise ScenarioError(f"{len(name)} characters; at most {MAX_NAME_LENGTH}", location)
    return name


def _located(value: object, location: SourceLocation) -> tuple[object, SourceLocation]:
    return value, location


def _occupants(convert_list: s.Converter[tuple[dict, ...]]) -> s.Converter[tuple[dict, ...]]:
    def convert(value: object, location: SourceLocation) -> tuple[dict, ...]:
        occupants = convert_list(value, location)
        seats = Counter(occupant["seat"] for occupant in occupants)
        duplicates = sorted(seat for seat, count in seats.items() if count > 1)
        if duplicates:
            raise ScenarioError(f"more than one occupant in seat {duplicates[0]!r}", location)
        return occupants

    return convert


def _charger_key(vocabulary: Vocabulary):
    """A `charge_at` place: on the map, with a charger (the car's route follower refuses a stop without one)."""
    place = s.known_name(vocabulary.is_place, vocabulary.places, "place")

    def check(key: object, location: SourceLocation, what: str) -> None:
        place(key, location)
        if not vocabulary.has_charger(str(key)):
            chargers = sorted(vocabulary.chargers or ())
            raise ScenarioError(
                f"{key!r} has no charger to stop at",
                location,
                "expected one of: " + ", ".join(chargers) if chargers else None,
            )

    return check


def _charge_target(value: object, location: SourceLocation) -> float:
    # 0 would be read as "no charging" when the stop is sent to the car: the stop would silently be a break.
    target = s.number(0, 100)(value, location)
    if target <= 0:
        raise ScenarioError("a charge target must be more than 0 %", location, "expected 1 to 100")
    return target


def _one_stop_on_the_way(route: dict, location: SourceLocation) -> None:
    """The car's nav module takes one stop: one `via` place, and `charge_at` may only name that same place."""
    stops = list(route.get("via", ())) + [
        place for place in route.get("charge_at") or {} if place not in route.get("via", ())
    ]
    if len(stops) > 1:
        raise ScenarioError(
            f"the route has {len(stops)} stops on the way ({', '.join(stops)}); the car takes one",
            location,
            "one `via` place (a `charge_at` place counts as one unless it is the via)",
        )


def _location_of(data: object, key: str, path: Path) -> SourceLocation:
    if isinstance(data, dict) and hasattr(data, "location_of"):
        return data.location_of(key)
    return SourceLocation(str(path), 1)
