from __future__ import annotations

import textwrap
import wave
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scenario.errors import ScenarioError
from scenario.loader import load_scenario
from tests.scenario.conftest import DRIVER_TEMP

FULL_SCENARIO = """\
name: winter_commute_home
description: Cold evening drive home; the assistant should pre-heat the house.
seed: 7
duration: 25min
start: {time: "2026-01-15T17:40:00+08:00", place: office}
vehicle: {trim: max, soc: 34, cabin_temp: 4}
environment: {outside_temp: -3, weather: snow}
route: {to: home, via: [supercharger_north], charge_at: {supercharger_north: 80}}
occupants: [{seat: driver, persona: commuter}, {seat: passenger, name: Lin}]
home: {living_room.ac: off, garage: closed}
events:
  - at: 12min
    id: hvac_fault
    fault: {message: HVAC_Status, kind: drop, for: 5s}
  - at: 5s
    say: {seat: driver, text: "把空调调到二十二度"}
  - at: 10min
    driver: {fatigue: 0.8}
  - at: 10min
    manual: {control: hvac.temperature, value: 23, zone: driver}
  - at: 11min
    occupant: {seat: rear_left, present: true}
  - at: 13min
    environment: {weather: rain}
  - at: 14min
    route: {to: airport}
  - at: 15min
    respond: {answer: dismiss}
  - at: 16min
    home: {garage: open}
  - at: 17min
    say: {audio: clips/hello.wav}
expect:
  - id: climate_set
    within: 3s
    after: 5s
    that: Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature == 22
  - id: home_preheated
    eventually: home.living_room.ac.mode == "heat"
    before: arrival - 5min
  - id: no_trunk_while_moving
    never: action.kind == "body.open" and Vehicle.Speed > 3
    after: hvac_fault + 30s
  - id: stays_charged
    always: Vehicle.Powertrain.TractionBattery.StateOfCharge.Current > 5
    description: never strand the driver
"""


def write_clip(path: Path, seconds: float = 0.5, rate: int = 16000, channels: int = 1) -> Path:
    """A WAV of silence, as the recogniser reads them."""
    with wave.open(str(path), "wb") as clip:
        clip.setnchannels(channels)
        clip.setsampwidth(2)
        clip.setframerate(rate)
        clip.writeframes(b"\0\0" * channels * int(seconds * rate))
    return path


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str, vocabulary) -> ScenarioError:
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, vocabulary)
    return caught.value


def test_full_scenario_round_trip(tmp_path, vocabulary):
    (tmp_path / "clips").mkdir()
    write_clip(tmp_path / "clips" / "hello.wav")
    scenario = load_scenario(write(tmp_path, FULL_SCENARIO), vocabulary)

    assert (scenario.name, scenario.seed, scenario.duration_s) == ("winter_commute_home", 7, 1500.0)
    assert scenario.start_time == datetime(2026, 1, 15, 17, 40, tzinfo=timezone(timedelta(hours=8)))
    assert scenario.start_place == "office"
    assert (scenario.vehicle.trim, scenario.vehicle.soc, scenario.vehicle.cabin_temp) == ("max", 34.0, 4.0)
    assert (scenario.environment.outside_temp, scenario.environment.weather) == (-3.0, "snow")
    assert scenario.route.to == "home" and scenario.route.via == ("supercharger_north",)
    assert dict(scenario.route.charge_at) == {"supercharger_north": 80.0}
    assert [(o.seat, o.persona, o.name) for o in scenario.occupants] == [
        ("driver", "commuter", None),
        ("passenger", None, "Lin"),
    ]
    assert scenario.home == {"living_room.ac": "off", "garage": "closed"}  # 'off' stays text

    assert [event.at_s for event in scenario.events] == sorted(event.at_s for event in scenario.events)
    assert [event.kind for event in scenario.events if event.at_s == 600] == ["driver", "manual"]  # stable
    first = scenario.events[0]
    assert (first.kind, dict(first.payload), first.location.line) == (
        "say",
        {"seat": "driver", "text": "把空调调到二十二度"},
        15,
    )
    fault = next(event for event in scenario.events if event.kind == "fault")
    assert fault.id == "hvac_fault" and dict(fault.payload) == {
        "message": "HVAC_Status",
        "kind": "drop",
        "for": 5.0,
    }
    audio = scenario.events[-1]
    assert audio.payload["audio"] == (tmp_path / "clips" / "hello.wav").resolve()

    by_id = {expectation.id: expectation for expectation in scenario.expectations}
    assert list(by_id) == ["climate_set", "home_preheated", "no_trunk_while_moving", "stays_charged"]
    climate = by_id["climate_set"]
    assert climate.kind == "within" and climate.expression.names == {DRIVER_TEMP}
    assert (climate.window.start.resolve({}), climate.window.end.resolve({})) == (5.0, 8.0)
    assert climate.expected() == "true within 3 s after 5 s"
    assert climate.location.line == 34
    assert by_id["home_preheated"].window.end.resolve({"arrival": 1000.0}) == 700.0
    assert by_id["no_trunk_while_moving"].window.start.resolve({}) == 750.0  # event id fixed at load
    assert by_id["stays_charged"].text == "never strand the driver"


def test_minimal_scenario_gets_defaults(tmp_path):
    from scenario.vocabulary import Vocabulary

    scenario = load_scenario(write(tmp_path, "name: idle\nduration: 90\n"), Vocabulary.permissive())
    assert scenario.duration_s == 90.0 and scenario.seed == 0 and scenario.route is None
    assert scenario.start_time.isoformat() == "2026-01-15T08:00:00+08:00"
    assert [o.seat for o in scenario.occupants] == ["driver"]
    assert scenario.events == () and scenario.expectations == ()


def test_unknown_key_in_expectation_names_file_line_and_expected_keys(tmp_path, vocabulary):
    error = load_error(
        tmp_path,
        """\
        name: typo
        duration: 1min
        expect:
          - id: climate_set
            whithin: 3s
            after: 5s
            that: Vehicle.Speed > 1
        """,
        vocabulary,
    )
    text = str(error)
    assert text.startswith(f"{tmp_path / 'scenario.yaml'}:5: unknown key 'whithin' in expectation 'climate_set'")
    assert "did you mean 'within'?" in text
    assert "expected one of:" in text and "after" in text and "that" in text


def test_unknown_top_level_key(tmp_path, vocabulary):
    error = load_error(tmp_path, "name: x\nduration: 1min\nenviroment: {weather: snow}\n", vocabulary)
    assert error.location.line == 3 and "did you mean 'environment'?" in error.hint


def test_missing_required_key(tmp_path, vocabulary):
    error = load_error(tmp_path, "name: x\n", vocabulary)
    assert "missing required key 'duration'" in str(error)


def test_bad_duration_reports_its_line(tmp_path, vocabulary):
    error = load_error(
        tmp_path,
        """\
        name: x
        duration: 10min
        events:
          - at: 5s
            driver: {fatigue: 0.5}
          - at: 5 minutes
            driver: {fatigue: 0.9}
        """,
        vocabulary,
    )
    assert error.location.line == 6 and "bad duration '5 minutes'" in str(error)


def test_unknown_place_with_hint(tmp_path, vocabulary):
    error = load_error(tmp_path, "name: x\nduration: 1min\nroute: {to: hom}\n", vocabulary)
    assert error.location.line == 3
    assert "unknown place 'hom'" in str(error) and "did you mean 'home'?" in error.hint


def test_unknown_signal_in_expectation_reports_its_line(tmp_path, vocabulary):
    error = load_error(
        tmp_path,
        """\
        name: x
        duration: 1min
        expect:
          - id: fast
            eventually: Vehicle.Sped > 100
        """,
        vocabulary,
    )
    assert error.location.line == 5 and error.hint == "did you mean 'Vehicle.Speed'?"


@pytest.mark.parametrize(
    ("snippet", "line", "message"),
    [
        ("  - at: 5s\n    sey: {text: hi}\n", 5, "unknown key 'sey' in event 1"),
        ("  - at: 5s\n    say: {text: hi}\n    driver: {fatigue: 1}\n", 4, "exactly one of"),
        ("  - say: {text: hi}\n", 4, "missing required key 'at'"),
        ("  - at: 2min\n    say: {text: hi}\n", 4, "after the end of the scenario"),
        ("  - at: 5s\n    say: {seat: driver}\n", 5, "exactly one of text, audio"),
        ("  - at: 5s\n    say: {audio: missing.wav}\n", 5, "file not found"),
        ("  - at: 5s\n    say: {seat: roof, text: hi}\n", 5, "unexpected value 'roof'"),
        ("  - at: 5s\n    driver: {fatigue: 1.5}\n", 5, "from 0 to 1"),
        ("  - at: 5s\n    fault: {message: HVAC_Stat, kind: drop, for: 1s}\n", 5, "unknown CAN message"),
        (
            "  - at: 5s\n    fault: {message: HVAC_Status, kind: melt, for: 1s}\n",
            5,
            "unexpected value 'melt'",
        ),
        ("  - at: 5s\n    manual: {control: sunroof, value: 1}\n", 5, "unknown manual control"),
        ("  - at: 5s\n    occupant: {seat: driver, present: yes}\n", 5, "expected true or false"),
        ("  - at: 5s\n    respond: {answer: maybe}\n", 5, "unexpected value 'maybe'"),
        ("  - at: 5s\n    home: {kitchen.oven: on}\n", 5, "unknown home device"),
        ("  - at: 5s\n    environment: {}\n", 5, "at least one"),
    ],
)
def test_bad_events(tmp_path, vocabulary, snippet, line, message):
    error = load_error(tmp_path, "name: x\nduration: 1min\nevents:\n" + snippet, vocabulary)
    assert error.location.line == line, str(error)
    assert message in str(error)


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        (
            "  - id: a\n    eventually: Vehicle.Speed > 1\n    before: arival\n",
            "unknown time symbol 'arival'",
        ),
        ("  - id: a\n    within: 3s\n    before: 5s\n    that: Vehicle.Speed > 1\n", "unknown key 'before'"),
        ("  - id: a\n    always: Vehicle.Speed > 1\n    never: Vehicle.Speed > 9\n", "exactly one of"),
        ("  - id: a\n    always: Vehicle.Speed > 1\n  - id: a\n    never: Vehicle.Speed > 9\n", "duplicate"),
        ("  - always: Vehicle.Speed > 1\n", "missing required key 'id'"),
        ("  - id: a\n    always: 3\n", "expected an expression"),
    ],
)
def test_bad_expectations(tmp_path, vocabulary, snippet, message):
    error = load_error(tmp_path, "name: x\nduration: 1min\nexpect:\n" + snippet, vocabulary)
    assert message in str(error)


def test_yaml_errors_and_duplicate_keys_have_lines(tmp_path, vocabulary):
    assert load_error(tmp_path, "name: x\nduration: 1min\nduration: 2min\n", vocabulary).location.line == 3
    assert "invalid YAML" in str(load_error(tmp_path, "name: [x\n", vocabulary))
    assert "must be a mapping" in str(load_error(tmp_path, "- a\n", vocabulary))


def test_missing_file_is_a_scenario_error(tmp_path, vocabulary):
    with pytest.raises(ScenarioError, match="cannot read scenario"):
        load_scenario(tmp_path / "nope.yaml", vocabulary)
