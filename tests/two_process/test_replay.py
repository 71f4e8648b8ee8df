"""`cockpit --bus replay:LOG` reproduces what the in-process cockpit saw in a `run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from canbus.interfaces import open_bus, private_virtual_channel
from canbus.port import BusPort
from cockpit.cockpit import Cockpit
from cockpit.parts import HeadUnitParts
from cockpit.trace import TraceRecorder
from runner.assembly import Parts
from runner.session import RunSession
from runner.two_process import command_frame_ids, parse_typed_line, replay_log
from tests.two_process.helpers import (
    CABIN_TEMP,
    COLD_SCENARIO,
    DRIVER_SET_POINT,
    SOC,
    SPEED,
    last_signal,
    read_trace,
    run_main_py,
    signal_values,
)


class OutOfScopeUnderstanderTestDouble:
    """TEST DOUBLE for the NLU model (which may not be trained yet): understands nothing."""

    def understand(self, text: str):
        from cockpit.nlu.model import Understanding

        return Understanding(text=text, lang="en", intent="out_of_scope", confidence=1.0)


@pytest.fixture(scope="module")
def parts() -> Parts:
    return Parts()


@pytest.fixture(scope="module")
def recorded_run(parts: Parts, tmp_path_factory) -> Path:
    """A 30 s in-process run (cold car, driving home) with its trace and bus.log."""
    folder = tmp_path_factory.mktemp("run")
    scenario_path = folder / "cold.yaml"
    scenario_path.write_text(COLD_SCENARIO.format(duration="30s"), encoding="utf-8")
    try:
        understander = parts.understander
    except Exception:  # noqa: BLE001 - no model yet: the run has no utterances anyway
        understander = OutOfScopeUnderstanderTestDouble()
    session = RunSession(
        parts.load_scenario(scenario_path),
        codec=parts.codec,
        roadmap=parts.roadmap,
        understander=understander,
        out_dir=folder / "original",
    )
    session.run()
    return folder / "original"


def test_replayed_log_gives_the_same_signals(recorded_run: Path, tmp_path: Path) -> None:
    result = run_main_py("cockpit", "--bus", f"replay:{recorded_run / 'bus.log'}", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "replay:" in result.stdout and "rejected" in result.stdout

    original = read_trace(recorded_run / "trace.jsonl")
    replayed = read_trace(tmp_path / "trace.jsonl")
    assert max(signal_values(original, SPEED)) > 10, "the recorded run should have driven"
    for path in (SPEED, CABIN_TEMP, SOC, DRIVER_SET_POINT):
        assert last_signal(replayed, path) == last_signal(original, path), path
    # Stronger: every signal change at the same cockpit time, since the log carries simulation time.
    assert [r for r in replayed if r["type"] == "signal"] == [r for r in original if r["type"] == "signal"]
    assert replayed[0]["type"] == "cockpit_start" and replayed[-1]["type"] == "cockpit_end"
    assert replayed[-1]["frames"] > 1000 and replayed[-1]["frames_rejected"] == 0


def test_replay_skips_the_cockpits_own_commands_and_sorts_by_time(parts: Parts, tmp_path: Path) -> None:
    sender = BusPort(None, parts.codec)  # only to encode (E2E counter and CRC included)  # type: ignore[arg-type]

    def frame(time_s: float, message: str, values: dict, direction: str = "R") -> str:
        frame_id, payload = sender.encode(message, values)
        return f"({time_s:f}) can0 {frame_id:03X}#{bytes(payload).hex().upper()} {direction}"

    dynamics = {"Gear": 127, "LongitudinalAccel": 0.0, "MotorPower": 1.0}
    first = frame(1000.0, "VCU_Dynamics", {**dynamics, "VehicleSpeed": 10.0})
    second = frame(1000.2, "VCU_Dynamics", {**dynamics, "VehicleSpeed": 30.0})
    command = f"(1000.100000) can0 {parts.codec['CCU_HVAC_Cmd'].frame_id:03X}#{'00' * 8} T"  # ours: skipped
    log = tmp_path / "bus.log"
    log.write_text("\n".join([second, first, command]) + "\n", encoding="utf-8")  # out of order on purpose

    records: list[dict] = []
    trace = TraceRecorder(None)
    trace.subscribe(records.append)
    port = BusPort(open_bus(f"virtual:{private_virtual_channel()}"), parts.codec)
    cockpit = Cockpit(port, trace, parts.roadmap, HeadUnitParts(OutOfScopeUnderstanderTestDouble()))
    summary = replay_log(log, cockpit, command_frame_ids(parts.codec))
    port.close()
    assert summary["frames"] == 2 and summary["commands_skipped"] == 1 and summary["frames_rejected"] == 0
    assert summary["duration_s"] == pytest.approx(0.2)
    # Ticks at 0.0, 0.1 and 0.2 of log time; each sees the frames stamped up to it.
    assert [(r["t"], r["value"]) for r in records if r.get("path") == SPEED] == [(0.0, 10.0), (0.2, 30.0)]


def test_replay_skips_long_silences_instead_of_ticking_through_them(parts: Parts, tmp_path: Path) -> None:
    sender = BusPort(None, parts.codec)  # type: ignore[arg-type]
    lines = []
    for time_s in (1000.0, 1000.0 + 86_400):  # a day apart: 864,000 ticks if ticked through
        frame_id, payload = sender.encode(
            "VCU_Dynamics", {"Gear": 126, "VehicleSpeed": 0.0, "LongitudinalAccel": 0.0, "MotorPower": 0.0}
        )
        lines.append(f"({time_s:f}) can0 {frame_id:03X}#{bytes(payload).hex().upper()} R")
    log = tmp_path / "bus.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records: list[dict] = []
    trace = TraceRecorder(None)
    trace.subscribe(records.append)
    port = BusPort(open_bus(f"virtual:{private_virtual_channel()}"), parts.codec)
    cockpit = Cockpit(port, trace, parts.roadmap, HeadUnitParts(OutOfScopeUnderstanderTestDouble()))
    summary = replay_log(log, cockpit, command_frame_ids(parts.codec))
    port.close()
    assert summary["frames"] == 2 and summary["duration_s"] == 86_400
    assert [r["until"] for r in records if r["type"] == "replay_gap"] == [86_400]


def test_replay_of_a_missing_log_is_bad_input(tmp_path: Path) -> None:
    result = run_main_py("cockpit", "--bus", f"replay:{tmp_path / 'nope.log'}", "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "no such log file" in result.stderr


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("rear_left: open my window", ("rear_left", "open my window")),
        ("  set the temperature to 25 degrees\n", ("driver", "set the temperature to 25 degrees")),
        ("Passenger:  warmer please", ("passenger", "warmer please")),
        ("note: this is not a seat", ("driver", "note: this is not a seat")),
        ("   ", None),
    ],
)
def test_typed_lines_name_an_optional_seat(line: str, expected) -> None:
    assert parse_typed_line(line) == expected
