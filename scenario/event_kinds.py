"""The registry of event kinds: one schema per kind. The runner dispatches on Event.kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from scenario import schema as s
from scenario.errors import ScenarioError, SourceLocation
from scenario.model import SEATS, WEATHERS
from scenario.vocabulary import HOME_PREFIX, Vocabulary

ANSWERS = ("accept", "dismiss")


def event_kinds(vocabulary: Vocabulary, scenario_dir: Path) -> Mapping[str, s.Validator]:
    """Kind -> payload schema. Built per load because schemas close over the vocabulary and file location."""
    place = s.known_name(vocabulary.is_place, vocabulary.places, "place")
    seat = s.one_of(SEATS)
    return {
        "say": s.Schema(
            {
                "seat": s.Key(seat, default="driver"),
                "text": s.Key(s.text),
                "audio": s.Key(s.existing_file(scenario_dir)),
            },
            check=_exactly_one_of("text", "audio"),
        ),
        "driver": s.Schema(
            {"fatigue": s.Key(s.number(0, 1)), "distraction": s.Key(s.number(0, 1))}, check=_at_least_one
        ),
        "fault": s.Schema(
            {
                # Absent only for a fault on the whole bus (bus_off); the vocabulary's fault check says so.
                "message": s.Key(s.known_name(vocabulary.is_can_message, vocabulary.can_messages, "CAN message")),
                "kind": s.Key(s.one_of(tuple(sorted(vocabulary.fault_kinds))), required=True),
                "for": s.Key(s.duration, required=True),
                "delay": s.Key(s.duration),
            }
        ),
        "manual": s.Schema(
            {
                "control": s.Key(
                    s.known_name(vocabulary.is_manual_control, vocabulary.manual_controls, "manual control"),
                    required=True,
                ),
                "value": s.Key(s.number_or_text, required=True),
                "zone": s.Key(s.text),
                "seat": s.Key(seat),
            }
        ),
        "occupant": s.Schema(
            {"seat": s.Key(seat, required=True), "present": s.Key(s.boolean, required=True)}
        ),
        "environment": environment_schema(required=False),
        "route": s.Schema(
            {"to": s.Key(place, required=True), "via": s.Key(s.list_of(place, "via"), default=())}
        ),
        "respond": s.Schema({"answer": s.Key(s.one_of(ANSWERS), required=True)}),
        "home": home_schema(vocabulary, min_items=1),
    }


EventCheck = Callable[[dict, float, SourceLocation], None]


def event_checks(vocabulary: Vocabulary) -> Mapping[str, EventCheck]:
    """Kind -> a check of the whole event (payload and time) at load, for rules no single key can state."""

    def fault_can_act(payload: dict, at_s: float, location: SourceLocation) -> None:
        if vocabulary.fault_problem is None:
            return
        problem = vocabulary.fault_problem(payload["kind"], payload.get("message"), at_s, payload["for"],
                                           payload.get("delay"))
        if problem is not None:
            raise ScenarioError(f"fault {payload['kind']}: {problem}", location)

    return {"fault": fault_can_act}


def environment_schema(*, required: bool) -> s.Schema:
    """At start every key has a default; as an event at least one key must change something."""
    keys = {
        "outside_temp": s.Key(s.number(-60, 60)),
        "weather": s.Key(s.one_of(WEATHERS)),
        "sun": s.Key(s.number(0, 1500)),
    }
    return s.Schema(keys, check=None if required else _at_least_one)


def home_schema(vocabulary: Vocabulary, *, min_items: int) -> s.FreeMapping:
    """ "room.device" -> state; names are checked by the vocabulary's home callback as "home.room.device"."""

    def check_device(device: object, location: SourceLocation, what: str) -> None:
        if not isinstance(device, str) or not vocabulary.is_home_name(HOME_PREFIX + device):
            raise ScenarioError(
                f"unknown home device {device!r} in {what}",
                location,
                "write room.device or device, e.g. living_room.ac",
            )

    return s.FreeMapping(check_device, s.scalar, min_items=min_items)


def _exactly_one_of(*names: str):
    def check(values: dict, location: SourceLocation) -> None:
        given = [name for name in names if values.get(name) is not None]
        if len(given) != 1:
            raise ScenarioError(f"give exactly one of {', '.join(names)}", location)

    return check


def _at_least_one(values: dict, location: SourceLocation) -> None:
    if not values:
        raise ScenarioError("give at least one key", location)
