"""`sim` and `cockpit` as separate processes: over udp_multicast, and stopping cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import can
import pytest

from tests.two_process.helpers import (
    CABIN_TEMP,
    COLD_SCENARIO,
    DRIVER_SET_POINT,
    SPEED,
    main_py,
    read_trace,
    run_main_py,
    signal_values,
)

TYPED_LINE = "driver: set the temperature to 25 degrees"
GROUP = f"239.74.163.{100 + os.getpid() % 75}"  # one group per test run: runs in parallel do not mix
SCRIPTED_GROUP = f"239.74.163.{175 + os.getpid() % 75}"


def _nlu_unavailable() -> str | None:
    from runner.assembly import Parts

    try:
        _ = Parts().understander
    except Exception as error:  # noqa: BLE001
        return f"{type(error).__name__}: {error}"
    return None


def _multicast_unavailable(group: str, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Why two udp_multicast endpoints on this host cannot hear each other (host-only TTL), or None."""
    from canbus.interfaces import BusSpecError
    from runner.two_process import _open_live_bus

    monkeypatch.setenv("COCKPIT_MULTICAST_TTL", "0")
    try:
        sender = _open_live_bus(f"udp_multicast:{group}", "test")
    except BusSpecError as error:
        return str(error)
    receiver = _open_live_bus(f"udp_multicast:{group}", "test")
    try:
        sender.send(can.Message(arbitration_id=0x7AB, data=b"probe", is_extended_id=False))
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            frame = receiver.recv(0.2)
            if frame is not None and frame.arbitration_id == 0x7AB:
                return None
        return f"a frame sent to {group} never came back on loopback"
    except can.CanError as error:
        return f"cannot send to {group}: {error}"
    finally:
        sender.shutdown()
        receiver.shutdown()


def _run_pair(folder: Path, group: str, scripted_nlu: bool = False) -> dict[str, Any]:
    """`sim` (6 s) and `cockpit` (5 s) on one multicast group; the cockpit gets TYPED_LINE at ~1 s."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        why = _multicast_unavailable(group, monkeypatch)
    if why is not None:
        pytest.skip(f"udp_multicast on loopback is not usable here: {why}")
    scenario = folder / "cold.yaml"
    scenario.write_text(COLD_SCENARIO.format(duration="10min"), encoding="utf-8")
    bus = f"udp_multicast:{group}"
    sim = main_py("sim", "--bus", bus, "--scenario", str(scenario), "--duration", "6", stdin=subprocess.DEVNULL)
    cockpit = main_py(
        "cockpit",
        "--bus",
        bus,
        "--duration",
        "5",
        "--out",
        str(folder / "cockpit"),
        stdin=subprocess.PIPE,
        scripted_nlu=scripted_nlu,
    )
    try:
        assert cockpit.stdout is not None and cockpit.stdin is not None
        # Type once the cockpit has run 1.5 s: past its first proactive check with the car's data, which
        # would otherwise race the typed request (see the report on proactive pre-conditioning).
        first_line = cockpit.stdout.readline()
        assert "listening on" in first_line, first_line + cockpit.stderr.read() if cockpit.stderr else ""
        time.sleep(1.5)
        cockpit.stdin.write(TYPED_LINE + "\n")
        cockpit.stdin.flush()
        cockpit_out, cockpit_err = cockpit.communicate(timeout=30)
        cockpit_out = first_line + cockpit_out
        sim_out, sim_err = sim.communicate(timeout=30)
    finally:
        for process in (sim, cockpit):
            if process.poll() is None:
                process.kill()
                process.wait()
    return {
        "folder": folder / "cockpit",
        "cockpit": (cockpit.returncode, cockpit_out, cockpit_err),
        "sim": (sim.returncode, sim_out, sim_err),
        "trace": read_trace(folder / "cockpit" / "trace.jsonl"),
    }


@pytest.fixture(scope="module")
def live_pair(tmp_path_factory) -> dict[str, Any]:
    return _run_pair(tmp_path_factory.mktemp("live"), GROUP)


def test_both_processes_finish_cleanly(live_pair: dict[str, Any]) -> None:
    for name in ("sim", "cockpit"):
        code, out, err = live_pair[name]
        assert code == 0, f"{name} exited {code}: {err}"
    assert live_pair["trace"][-1]["type"] == "cockpit_end"
    assert live_pair["trace"][-1]["frames"] > 500  # ~250 frames/s for 5 s
    # bus.log: received and sent frames on the cockpit's clock (epoch-based), in order, replayable.
    start = live_pair["trace"][0]["wall_time"]
    stamps = [frame.timestamp for frame in can.LogReader(str(live_pair["folder"] / "bus.log"))]
    assert len(stamps) > 500
    assert start - 0.01 <= stamps[0] and stamps[-1] <= start + 6
    assert stamps == sorted(stamps)


def test_cockpit_log_replays_to_the_same_signals(live_pair: dict[str, Any], tmp_path: Path) -> None:
    """Replay time starts at the log's first frame, not at the live cockpit's start: compare final values."""
    result = run_main_py("cockpit", "--bus", f"replay:{live_pair['folder'] / 'bus.log'}", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    replayed, live = read_trace(tmp_path / "trace.jsonl"), live_pair["trace"]
    assert replayed[-1]["frames"] == live[-1]["frames"]
    assert {r["path"] for r in replayed if r["type"] == "signal"} == {r["path"] for r in live if r["type"] == "signal"}
    for path in (SPEED, CABIN_TEMP, DRIVER_SET_POINT):
        assert signal_values(replayed, path)[-1] == signal_values(live, path)[-1], path


def test_multicast_groups_do_not_hear_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux hands a socket every group joined on the host for its port unless told not to."""
    from runner.two_process import _open_live_bus

    if (why := _multicast_unavailable(GROUP, monkeypatch)) is not None:
        pytest.skip(f"udp_multicast on loopback is not usable here: {why}")
    here, there = (
        _open_live_bus(f"udp_multicast:{GROUP}", "test"),
        _open_live_bus(f"udp_multicast:{SCRIPTED_GROUP}", "test"),
    )
    try:
        there.send(can.Message(arbitration_id=0x7AC, data=b"other", is_extended_id=False))
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            frame = here.recv(0.1)
            assert frame is None or frame.arbitration_id != 0x7AC, "a frame for another group arrived"
    finally:
        here.shutdown()
        there.shutdown()


def test_cockpit_decodes_the_cars_signals_over_the_network(live_pair: dict[str, Any]) -> None:
    trace = live_pair["trace"]
    assert signal_values(trace, SPEED), "no Vehicle.Speed from the sim process"
    cabin = signal_values(trace, CABIN_TEMP)
    assert cabin and 4.0 < cabin[0] < 9.0, f"cabin temperature should start near the scenario's 6 °C: {cabin[:3]}"
    assert live_pair["trace"][-1]["frames_rejected"] == 0


def test_every_command_frame_the_cockpit_sends_is_obeyed_by_the_car(live_pair: dict[str, Any]) -> None:
    """Commands without the NLU: a 6 °C cabin makes the cockpit pre-condition it on its own."""
    sent = live_pair["trace"][-1]["commands_sent"]
    obeyed = re.findall(r"commands obeyed (\d+)", live_pair["sim"][1])
    assert sent > 0, "the cockpit sent no command (no pre-conditioning of a cold cabin, no typed request)"
    assert obeyed and int(obeyed[-1]) == sent, f"sent {sent}, the car's last status: {obeyed[-1:]}"


def test_typed_utterance_closes_the_loop_across_processes(live_pair: dict[str, Any]) -> None:
    _, _, cockpit_err = live_pair["cockpit"]
    why = _nlu_unavailable()
    if why is not None:
        # The line still crossed the pipe and the reader thread: the cockpit says why it cannot act on it.
        assert "not understood: no NLU model" in cockpit_err
        pytest.skip(f"the NLU model cannot be loaded ({why}); the typed line was received but not understood")
    heard = [r for r in live_pair["trace"] if r["type"] == "utterance" and r.get("speaker") == "user"]
    assert heard and heard[0]["text"] == TYPED_LINE.split(": ", 1)[1] and heard[0]["seat"] == "driver"
    assert 25 in signal_values(live_pair["trace"], DRIVER_SET_POINT)


def test_typed_line_with_a_scripted_understander_closes_the_loop(tmp_path: Path) -> None:
    """The same path with the NLU replaced by a TEST DOUBLE that knows one sentence (see scripted_nlu)."""
    pair = _run_pair(tmp_path, SCRIPTED_GROUP, scripted_nlu=True)
    assert pair["cockpit"][0] == 0, pair["cockpit"][2]
    heard = [r for r in pair["trace"] if r["type"] == "utterance" and r.get("speaker") == "user"]
    assert [(r["seat"], r["text"], r["intent"]) for r in heard] == [
        ("driver", "set the temperature to 25 degrees", "climate.set_temperature")
    ]
    assert "assistant" in pair["cockpit"][1]  # the reply was printed as it happened
    values = signal_values(pair["trace"], DRIVER_SET_POINT)
    assert 25 in values, f"the car never reported 25 °C back: {values}"
    assert [r["t"] for r in pair["trace"] if r.get("path") == DRIVER_SET_POINT and r["value"] == 25][0] > heard[0]["t"]


@pytest.mark.parametrize("command", ["cockpit", "sim"])
def test_ctrl_c_stops_cleanly_with_valid_outputs(command: str, tmp_path: Path) -> None:
    args = ["--bus", f"virtual:ctrl-c-{os.getpid()}"]
    args += ["--out", str(tmp_path)] if command == "cockpit" else ["--duration", "60"]
    process = main_py(command, *args, stdin=subprocess.DEVNULL)
    try:
        # Signalled once it says it runs (not after a fixed sleep: a loaded machine may still be starting up).
        assert process.stdout is not None
        started = [process.stdout.readline()]
        while started[-1] and not started[-1].startswith(("cockpit: listening", "vehicle: ")):
            started.append(process.stdout.readline())
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=60)
        out = "".join(started) + rest
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, err  # Ctrl-C: 130, as every command (SIGTERM stops with 0)
    assert "stopped" in out and "Traceback" not in err
    if command == "cockpit":
        trace = read_trace(tmp_path / "trace.jsonl")
        assert trace[0]["type"] == "cockpit_start"
        assert trace[-1]["type"] == "cockpit_end" and trace[-1]["interrupted"] is True
        assert list(can.LogReader(str(tmp_path / "bus.log"))) == []  # nobody else on this bus: empty, valid


def test_sim_rejects_a_bad_bus_spec() -> None:
    result = run_main_py("sim", "--bus", "carrier_pigeon", "--duration", "1")
    assert result.returncode == 2
    assert "unknown bus interface" in result.stderr
    result = run_main_py("sim", "--bus", "replay:some.log", "--duration", "1")
    assert result.returncode == 2 and "needs a live bus" in result.stderr
