"""Issue 17 item 3: every hostile scenario value is refused at load, with the file, the line and what was expected.

The vocabulary is the runner's (DBC, map, house, manual controls), so the checks that ask the car or the house
what they would refuse are the real ones.
"""

from __future__ import annotations

import wave
from functools import cache
from pathlib import Path

import pytest

from scenario.errors import ScenarioError
from scenario.loader import load_scenario, load_scenario_text
from scenario.vocabulary import Vocabulary

BASE = "name: hostile\nduration: 10min\n"  # the case's own lines start at line 3


@cache
def runner_vocabulary() -> Vocabulary:
    from runner.assembly import Parts

    return Parts().vocabulary


def refusal(text: str, path: Path = Path("scenarios/hostile.yaml")) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, runner_vocabulary(), path)
    return caught.value


def event(payload: str) -> str:
    return BASE + f"events:\n  - at: 1s\n    {payload}\n"  # the payload is on line 5


CASES = {
    # text itself
    "deep YAML lists": (BASE + "description: " + "[" * 10_000 + "]" * 10_000 + "\n", 3, "nesting deeper than 50"),
    "deep YAML mappings": (BASE + "vehicle: " + "{a: " * 500 + "1" + "}" * 500 + "\n", 3, "nesting deeper"),
    "raw NUL": (BASE + "description: a\x00b\n", 3, "control character U+0000"),
    "raw bell": (BASE + "\n\ndescription: a\x07b\n", 5, "control character U+0007"),
    "escaped NUL": (BASE + 'description: "a\\0b"\n', 3, "U+0000, a control character"),
    "escaped lone surrogate": (BASE + 'description: "\\ud800"\n', 3, "lone surrogate"),
    "5000-digit number": (BASE + "seed: " + "9" * 5000 + "\n", 3, "cannot read the value"),
    "day that does not exist": (BASE + "start: {time: 2026-02-30T08:00:00+08:00}\n", 3, "day is out of range"),
    # numbers
    "400-digit seed": (BASE + "seed: " + "9" * 400 + "\n", 3, "a 400-digit number"),
    "400-digit charge": (BASE + "vehicle: {soc: " + "9" * 400 + "}\n", 3, "a 400-digit number"),
    "400-digit duration": ("name: hostile\nduration: " + "9" * 400 + "\n", 2, "bad duration"),
    "duration of a year": ("name: hostile\nduration: 8760h\n", 2, "more than a week"),
    "infinite float": (BASE + "environment: {outside_temp: .inf}\n", 3, "expected a number"),
    # dates and names
    "year 9999": (BASE + 'start: {time: "9999-12-31T23:59:59+08:00"}\n', 3, "out of the car clock's range"),
    "year 1": (BASE + 'start: {time: "0001-01-01T00:00:00+08:00"}\n', 3, "out of the car clock's range"),
    "odd UTC offset": (BASE + 'start: {time: "2026-01-15T08:00:00+08:07"}\n', 3, "in steps of 15 minutes"),
    "run past the clock": (
        'name: hostile\nduration: 2h\nstart: {time: "2106-02-07T06:00:00+00:00"}\n',
        2,
        "the last second the car's clock can show",
    ),
    "300-character name": ("name: " + "a" * 300 + "\nduration: 10s\n", 1, "at most 64"),
    "300-character driver name": (BASE + "occupants: [{seat: driver, name: " + "a" * 300 + "}]\n", 3, "at most 64"),
    "5000-character text": (event('say: {text: "' + "a" * 5000 + '"}'), 5, "at most 2000"),
    # expressions
    "1000 nested parentheses": (
        BASE + "expect:\n  - id: x\n    never: " + "(" * 1000 + "Vehicle.Speed > 1" + ")" * 1000 + "\n",
        5,
        "nested more than 100 levels",
    ),
    "1000 chained additions": (
        BASE + "expect:\n  - id: x\n    never: Vehicle.Speed > " + "+".join(["1"] * 1000) + "\n",
        5,
        "levels deep; at most 100",
    ),
    "400-digit literal": (
        BASE + "expect:\n  - id: x\n    never: Vehicle.Speed > " + "9" * 400 + "\n",
        5,
        "out of range",
    ),
    "1e400 literal": (BASE + "expect:\n  - id: x\n    never: Vehicle.Speed > 1e400\n", 5, "out of range"),
    # route shape
    "two via stops": (BASE + "route: {to: home, via: [office, school]}\n", 3, "2 stops on the way"),
    "via and another charge stop": (
        BASE + "route: {to: home, via: [office], charge_at: {charger_super_480: 80}}\n",
        3,
        "2 stops on the way",
    ),
    "charge stop without a charger": (BASE + "route: {to: home, charge_at: {office: 80}}\n", 3, "has no charger"),
    "charge target 0": (BASE + "route: {to: home, charge_at: {charger_super_480: 0}}\n", 3, "more than 0 %"),
    "route event with two stops": (event("route: {to: home, via: [office, school]}"), 5, "2 stops on the way"),
    # values the run's handlers would refuse when the event fires
    "fan level as text": (event("manual: {control: climate.fan, value: high}"), 5, "manual climate.fan"),
    "switch not on/off": (event("manual: {control: climate.power, value: maybe}"), 5, "expected on/off"),
    "zone without climate": (
        event("manual: {control: climate.temperature, value: 22, zone: rear_middle}"),
        5,
        "unknown climate zone 'rear_middle'",
    ),
    "headlight mode": (event("manual: {control: lights.headlights, value: purple}"), 5, "unknown headlight mode"),
    "wiper mode": (event("manual: {control: wiper, value: fast}"), 5, "unknown wiper mode"),
    "window zone": (event("manual: {control: window.position, value: 50, zone: roof}"), 5, "unknown window"),
    "home event state": (event("home: {garage: purple}"), 5, "'purple' is not one of"),
    "initial home state": (BASE + "home: {living_room.ac: 5}\n", 3, "5 is not one of"),
    "room temperature as text": (BASE + "home: {living_room.temperature: warm}\n", 3, "expected a temperature"),
}


@pytest.mark.parametrize("text, line, fragment", CASES.values(), ids=CASES.keys())
def test_hostile_scenarios_are_refused_at_load_with_their_line(text, line, fragment):
    error = refusal(text)
    assert error.location is not None and error.location.line == line, str(error)
    assert fragment in str(error)
    assert str(error).startswith(f"scenarios/hostile.yaml:{line}: ")
    assert len(str(error)) < 600  # a blob given as a value is not quoted back whole


def test_values_the_handlers_take_still_load():
    text = BASE + (
        "route: {to: home, via: [charger_super_480], charge_at: {charger_super_480: 80}}\n"
        "home: {living_room.ac: off, garage: closed, living_room.temperature: 18}\n"
        "events:\n"
        "  - {at: 1s, manual: {control: climate.fan, value: 3}}\n"
        "  - {at: 2s, manual: {control: climate.temperature, value: 22, zone: passenger}}\n"
        "  - {at: 3s, manual: {control: lights.headlights, value: auto}}\n"
        "  - {at: 4s, home: {garage: open}}\n"
        "  - {at: 5s, route: {to: office, via: [coffee_rongjing]}}\n"
    )
    loaded = load_scenario_text(text, runner_vocabulary(), Path("scenarios/fine.yaml"))
    assert [event.kind for event in loaded.events] == ["manual", "manual", "manual", "home", "route"]
    assert loaded.route.via == ("charger_super_480",)


def write_clip(path: Path, *, rate: int = 16000, channels: int = 1, width: int = 2, seconds: float = 0.5) -> Path:
    with wave.open(str(path), "wb") as clip:
        clip.setnchannels(channels)
        clip.setsampwidth(width)
        clip.setframerate(rate)
        clip.writeframes(b"\0" * width * channels * int(rate * seconds))
    return path


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda path: path.write_bytes(b"RIFF"), "not a WAV file the recogniser reads"),
        (lambda path: path.write_text("name: not audio\n"), "not a WAV file the recogniser reads"),
        (lambda path: write_clip(path, channels=6), "6 channels"),
        (lambda path: write_clip(path, rate=4000), "4000 Hz"),
        (lambda path: write_clip(path, seconds=0), "0 s of sound"),
        (lambda path: write_clip(path, rate=8000, seconds=61), "61 s of sound"),
        (lambda path: write_clip(path, width=3), "24-bit samples"),
    ],
    ids=["truncated", "text", "six channels", "4 kHz", "empty", "a minute", "24-bit"],
)
def test_an_audio_clip_is_checked_from_its_header_at_load(tmp_path, make, fragment):
    make(tmp_path / "clip.wav")
    scenario_file = tmp_path / "clip_scenario.yaml"
    scenario_file.write_text(event("say: {audio: clip.wav}"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(scenario_file, runner_vocabulary())
    assert caught.value.location.line == 5 and fragment in str(caught.value), str(caught.value)


def test_a_clip_the_recogniser_reads_loads(tmp_path):
    write_clip(tmp_path / "clip.wav", rate=22050, channels=2)
    scenario_file = tmp_path / "clip_scenario.yaml"
    scenario_file.write_text(event("say: {audio: clip.wav}"), encoding="utf-8")
    loaded = load_scenario(scenario_file, runner_vocabulary())
    assert loaded.events[0].payload["audio"] == (tmp_path / "clip.wav").resolve()


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: x\nduration: 10s\ndescription: caf\xe9\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, runner_vocabulary())
    assert caught.value.location.line == 3 and "not UTF-8" in str(caught.value)


def test_expressions_never_raise_past_the_float_range(where):
    from scenario.expressions import compile_expression

    vocabulary = Vocabulary.permissive()
    # Literals are at most 1e15, but their products are not: each evaluates to a value or to missing.
    product = " * ".join(["1000000000000000"] * 30)
    for text in (
        f"Vehicle.Speed == {product}",
        f"Vehicle.Speed < {product} - 1",
        f"round({product} * 1.0) > 1",
        f"round(Vehicle.Speed * {product} * 1.0 * {product}) > 1",
        f"abs(Vehicle.Speed - {product}) > 1",
    ):
        expression = compile_expression(text, vocabulary, where)
        expression.evaluate(lambda name: 3.5)  # no OverflowError


def test_home_events_with_a_real_home_are_refused_before_the_run_begins():
    from runner.session import RunSession

    loaded = load_scenario_text(event("home: {garage: open}"), runner_vocabulary(), Path("scenarios/hostile.yaml"))
    with pytest.raises(ScenarioError) as caught:
        RunSession._open_home(loaded, "mqtt://127.0.0.1:9")  # refused before any connection is tried
    assert caught.value.location.line == 4 and "real home over MQTT" in str(caught.value)
