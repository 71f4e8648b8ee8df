"""The registry of event kinds: one schema per kind. The runner dispatches on Event.kind.

Whatever a kind's handler in the run (runner/session.py) would refuse is refused here, at load, with the line:
a clip that is no WAV the recogniser reads, a second stop on the way, a manual press or a home state the car or
the house would not take (asked of them through the vocabulary), a fault that could not act.
"""

from __future__ import annotations

import wave
from collections.abc import Callable, Mapping
from pathlib import Path

from scenario import schema as s
from scenario.errors import ScenarioError, SourceLocation
from scenario.model import SEATS, WEATHERS
from scenario.vocabulary import HOME_PREFIX, Vocabulary

ANSWERS = ("accept", "dismiss")
# What the recogniser (cockpit/voice/asr.py recognise_file) reads: PCM, mono or stereo (mixed down), a rate it
# resamples to 16 kHz from; a spoken command is seconds long, not minutes.
CLIP_CHANNELS = (1, 2)
CLIP_SAMPLE_BYTES = (1, 2, 4)
CLIP_RATES_HZ = (8000, 96000)
CLIP_MAX_S = 60.0


def event_kinds(vocabulary: Vocabulary, scenario_dir: Path) -> Mapping[str, s.Validator]:
    """Kind -> payload schema. Built per load because schemas close over the vocabulary and file location."""
    place = s.known_name(vocabulary.is_place, vocabulary.places, "place")
    seat = s.one_of(SEATS)
    return {
        "say": s.Schema(
            {
                "seat": s.Key(seat, default="driver"),
                "text": s.Key(s.text),
                "audio": s.Key(voice_clip(scenario_dir)),
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
        "occupant": s.Schema({"seat": s.Key(seat, required=True), "present": s.Key(s.boolean, required=True)}),
        "environment": environment_schema(required=False),
        "route": s.Schema(
            {"to": s.Key(place, required=True), "via": s.Key(one_stop(s.list_of(place, "via")), default=())}
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
        problem = vocabulary.fault_problem(
            payload["kind"], payload.get("message"), at_s, payload["for"], payload.get("delay")
        )
        if problem is not None:
            raise ScenarioError(f"fault {payload['kind']}: {problem}", location)

    def manual_press_works(payload: dict, at_s: float, location: SourceLocation) -> None:
        if vocabulary.manual_problem is None:
            return
        where = payload.get("zone") or payload.get("seat") or ""
        problem = vocabulary.manual_problem(payload["control"], payload["value"], str(where))
        if problem is not None:
            raise ScenarioError(
                f"manual {payload['control']}: {problem}",
                location,
                "the car would refuse this press when the event fires",
            )

    return {"fault": fault_can_act, "manual": manual_press_works}


def one_stop(convert_list: s.Converter[tuple[str, ...]]) -> s.Converter[tuple[str, ...]]:
    """`via`: the car's nav module takes one stop on the way; a second would be dropped without a word."""

    def convert(value: object, location: SourceLocation) -> tuple[str, ...]:
        stops = convert_list(value, location)
        if len(stops) > 1:
            raise ScenarioError(
                f"{len(stops)} stops on the way ({', '.join(stops)}); the car takes one",
                location,
                "keep one `via` place, or split the drive into route events",
            )
        return stops

    return convert


def voice_clip(scenario_dir: Path) -> s.Converter[Path]:
    """An existing WAV file the recogniser can read, checked from its header now rather than when it is said."""
    existing = s.existing_file(scenario_dir)

    def convert(value: object, location: SourceLocation) -> Path:
        path = existing(value, location)
        try:
            with wave.open(str(path), "rb") as clip:
                channels, width, rate, frames = (
                    clip.getnchannels(),
                    clip.getsampwidth(),
                    clip.getframerate(),
                    clip.getnframes(),
                )
        except (wave.Error, EOFError, OSError, ValueError) as error:
            raise ScenarioError(
                f"audio {path.name} is not a WAV file the recogniser reads: {error or 'truncated'}",
                location,
                "expected RIFF/WAVE PCM, e.g. 16-bit mono",
            ) from None
        problems = []
        if channels not in CLIP_CHANNELS:
            problems.append(f"{channels} channels (expected mono or stereo)")
        if width not in CLIP_SAMPLE_BYTES:
            problems.append(f"{8 * width}-bit samples (expected 8, 16 or 32)")
        if not CLIP_RATES_HZ[0] <= rate <= CLIP_RATES_HZ[1]:
            problems.append(f"{rate} Hz (expected {CLIP_RATES_HZ[0]} to {CLIP_RATES_HZ[1]} Hz)")
        elif frames == 0 or frames / rate > CLIP_MAX_S:
            problems.append(f"{frames / rate:g} s of sound (expected more than 0 and at most {CLIP_MAX_S:g} s)")
        if problems:
            raise ScenarioError(f"audio {path.name}: {'; '.join(problems)}", location)
        return path

    return convert


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
                f"unknown home device {s.describe(device)} in {what}",
                location,
                "write room.device or device, e.g. living_room.ac",
            )

    def check_state(device: object, value: object, location: SourceLocation) -> None:
        if vocabulary.home_state_problem is None or vocabulary.accept_unknown:
            return
        problem = vocabulary.home_state_problem(str(device), value)
        if problem is not None:
            raise ScenarioError(problem, location)

    return s.FreeMapping(check_device, s.scalar, min_items=min_items, check_entry=check_state)


def _exactly_one_of(*names: str):
    def check(values: dict, location: SourceLocation) -> None:
        given = [name for name in names if values.get(name) is not None]
        if len(given) != 1:
            raise ScenarioError(f"give exactly one of {', '.join(names)}", location)

    return check


def _at_least_one(values: dict, location: SourceLocation) -> None:
    if not values:
        raise ScenarioError("give at least one key", location)
