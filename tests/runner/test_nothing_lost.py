"""Nothing lost (issue 17 item 4): a full disk or an unwritable --out is one message and whole last lines (also
through voice output, which never raises); SIGTERM stops a run as Ctrl-C does, with its report; after SIGKILL
the trace is at most one tick behind bus.log and report.json says the run never finished; junit.xml is always
well-formed."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy as np
import pytest

from canbus.line_file import LineFile, OutputWriteError
from cockpit.trace import TraceRecorder
from runner.errors import EXIT_BAD_INPUT, EXIT_TERMINATED
from scenario.errors import SourceLocation
from scenario.expectations import ExpectationResult
from scenario.report import read_run_status, write_junit, write_report_json, write_started_outputs
from tests.two_process.helpers import COLD_SCENARIO

REPO = Path(__file__).resolve().parents[2]
TICK_S = 0.1
DEV_FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this OS")


def _env() -> dict[str, str]:
    return {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYTHONUNBUFFERED": "1"}


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        cwd=REPO,
        env=_env(),
        text=True,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), *args],
        cwd=REPO,
        env=_env(),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )


def _whole_records(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "the last line is whole"
    return [json.loads(line) for line in text.splitlines()]


def _whole_bus_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "the last line is whole"
    lines = text.splitlines()
    assert all(line.endswith((" R", " T")) for line in lines)
    return lines


def _wait_for(condition, what: str, process: subprocess.Popen, timeout_s: float = 120) -> None:
    """Poll the run's own files until `condition` holds (the point to signal at), failing if the run ends."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert process.poll() is None, f"the run ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"never {what}"
        time.sleep(0.05)


def _bus_seconds(path: Path) -> float:
    """Log time of bus.log's last whole line, from its first (frames at 0 s open every run)."""
    if not path.exists():
        return 0.0
    lines = [line for line in path.read_text(encoding="utf-8").split("\n")[:-1] if line]
    if len(lines) < 2:
        return 0.0
    return float(lines[-1][1 : lines[-1].index(")")]) - float(lines[0][1 : lines[0].index(")")])


# --- whole lines on a full disk --------------------------------------------------------------------
@needs_dev_full
def test_a_full_disk_is_raised_once_and_later_lines_are_dropped() -> None:
    output = LineFile(DEV_FULL)
    output.write("first\n")
    with pytest.raises(OutputWriteError) as raised:
        output.flush()
    assert raised.value.errno == errno.ENOSPC and str(raised.value).startswith(f"cannot write {DEV_FULL}: ")
    output.write("second\nthird\n")
    output.flush()  # told once: no second exception
    output.close()
    assert output.lines_dropped == 3


def test_a_write_the_disk_takes_only_part_of_is_cut_back_to_the_last_whole_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trace.jsonl"
    output = LineFile(path)
    output.write('{"t":0.0}\n')
    output.flush()
    real_write = os.write
    calls = {"n": 0}

    def disk_fills(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:7]))  # the disk takes 7 bytes of the next line...
        raise OSError(errno.ENOSPC, "No space left on device")  # ...and then no more

    monkeypatch.setattr(os, "write", disk_fills)
    output.write('{"t":0.1,"type":"signal"}\n')
    with pytest.raises(OutputWriteError):
        output.flush()
    monkeypatch.undo()
    output.close()
    assert path.read_text() == '{"t":0.0}\n'


@needs_dev_full
def test_the_trace_on_a_full_disk_stops_once_and_keeps_telling_its_listeners() -> None:
    trace = TraceRecorder(DEV_FULL)
    heard: list[dict] = []
    trace.subscribe(heard.append)
    trace.record(0.0, "run_start")
    with pytest.raises(OutputWriteError):
        trace.flush()
    trace.record(0.1, "run_end")  # the run's last record: no second exception
    trace.close()
    assert [r["type"] for r in heard] == ["run_start", "run_end"] and trace.records_dropped == 2


class _SilentSynthesiserTestDouble:
    """TEST DOUBLE for espeak-ng: a tenth of a second of silence for any text."""

    def synthesise(self, text: str, lang: str = "en"):
        from cockpit.voice.tts import Speech

        return Speech(np.zeros(2205, dtype=np.int16), 22050, text, "test-double")


@needs_dev_full
def test_voice_output_on_a_full_disk_never_raises_and_leaves_no_partial_file(tmp_path: Path) -> None:
    from cockpit.voice.audio_out import VoiceOutput

    voice_dir = tmp_path / "voice"
    voice_dir.mkdir()
    (voice_dir / "001_driver.wav.part").symlink_to(DEV_FULL)  # the first WAV meets a full disk
    (voice_dir / "index.jsonl").symlink_to(DEV_FULL)  # and so does the index
    notices: list[str] = []
    voice = VoiceOutput(voice_dir, synthesiser=_SilentSynthesiserTestDouble(), use_device=False, notify=notices.append)
    voice.say("first", seat="driver")
    voice.say("second", seat="driver")
    voice.close()
    failures = [notice for notice in notices if "failed" in notice]
    assert len(failures) == 1 and "No space left" in failures[0], notices
    assert sorted(p.name for p in voice_dir.iterdir() if not p.is_symlink()) == ["002_driver.wav"]


def test_a_full_real_disk_ends_a_run_with_one_message_and_whole_outputs(tmp_path: Path) -> None:
    """A small tmpfs fills up mid-run (needs root to mount it; skipped elsewhere)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        result = _run("run", str(REPO / "scenarios" / "arrival_home.yaml"), "--out", str(disk))
        folder = disk / "arrival_home"
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert result.returncode == EXIT_BAD_INPUT, result.stderr
        assert "Traceback" not in result.stderr and len(errors) == 1, result.stderr
        assert "No space left on device" in errors[0] and "stopped at" in errors[0], errors
        records = _whole_records(folder / "trace.jsonl")
        _whole_bus_lines(folder / "bus.log")
        assert records and records[0]["type"] == "run_start"
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        assert report["status"] == "error" and report["run"]["error"]["kind"] == "output_error"
        assert ElementTree.parse(folder / "junit.xml").find(".//testcase[@name='run']/error") is not None
        assert not list(folder.glob("**/*.part")), "no half-written file is left"
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_an_out_that_cannot_be_written_is_one_message_and_exit_2(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(COLD_SCENARIO.format(duration="2s"), encoding="utf-8")
    not_a_folder = tmp_path / "a_file"
    not_a_folder.write_text("", encoding="utf-8")
    result = _run("run", str(scenario), "--out", str(not_a_folder / "out"))
    assert result.returncode == EXIT_BAD_INPUT and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write ") and "--out" in lines[0], lines


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_out_is_one_message_and_exit_2(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(COLD_SCENARIO.format(duration="2s"), encoding="utf-8")
    read_only = tmp_path / "read_only"
    read_only.mkdir(mode=0o500)
    result = _run("run", str(scenario), "--out", str(read_only))
    assert result.returncode == EXIT_BAD_INPUT and "Traceback" not in result.stderr, result.stderr
    assert "Permission denied" in result.stderr and len(result.stderr.strip().splitlines()) == 1


# --- signals -----------------------------------------------------------------------------------------
def _driving_scenario(tmp_path: Path, duration: str) -> Path:
    path = tmp_path / "two_process_test.yaml"
    path.write_text(COLD_SCENARIO.format(duration=duration), encoding="utf-8")
    return path


def test_sigterm_stops_a_run_as_ctrl_c_does_with_its_report(tmp_path: Path) -> None:
    scenario = _driving_scenario(tmp_path, "10min")
    process = _start("run", str(scenario), "--speed", "10", "--out", str(tmp_path / "out"))
    folder = tmp_path / "out" / "two_process_test"
    _wait_for(lambda: _bus_seconds(folder / "bus.log") > 2.0, "2 s simulated", process)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_TERMINATED, stderr
    assert "Traceback" not in stderr and "interrupted by SIGTERM" in stderr, stderr
    records = _whole_records(folder / "trace.jsonl")
    assert records[-1]["type"] == "run_end" and records[-1]["interrupted"] is True
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "interrupted" and report["run"]["stopped_by"] == "SIGTERM"
    error = ElementTree.parse(folder / "junit.xml").find(".//testcase[@name='run']/error")
    assert error is not None and "SIGTERM" in error.get("message", "")


def test_after_sigkill_the_trace_is_at_most_a_tick_behind_bus_log(tmp_path: Path) -> None:
    """The killed run's trace and bus log are whole-line prefixes of a full run's (the same seed gives the same
    bytes), and the trace holds every record up to one tick before bus.log's last frame."""
    scenario = _driving_scenario(tmp_path, "40s")
    process = _start("run", str(scenario), "--speed", "4", "--out", str(tmp_path / "killed"))
    killed = tmp_path / "killed" / "two_process_test"
    _wait_for(lambda: _bus_seconds(killed / "bus.log") > 3.0, "3 s simulated", process)
    process.kill()
    process.communicate(timeout=60)
    killed_trace, killed_bus = (killed / "trace.jsonl").read_text(), (killed / "bus.log").read_text()
    assert read_run_status(killed) == "running", "report.json says the run never finished"
    assert ElementTree.parse(killed / "junit.xml").find(".//testcase[@name='run']/error") is not None

    # The same run again into the same folder says what the folder held (a fresh folder: the same bytes; in the
    # killed one, the profile it learnt would change the drive).
    again = _run("run", str(scenario), "--out", str(tmp_path / "killed"))
    assert "held a run that never finished" in again.stdout, again.stdout
    assert read_run_status(killed) == "finished"
    assert _run("run", str(scenario), "--out", str(tmp_path / "full")).returncode == 0
    full = tmp_path / "full" / "two_process_test"
    full_trace, full_bus = (full / "trace.jsonl").read_text(), (full / "bus.log").read_text()

    assert killed_trace.endswith("\n") and killed_bus.endswith("\n"), "whole last lines"
    assert full_trace.startswith(killed_trace) and full_bus.startswith(killed_bus)
    bus_lines = killed_bus.splitlines()
    bus_end_s = float(bus_lines[-1][1 : bus_lines[-1].index(")")]) - float(bus_lines[0][1 : bus_lines[0].index(")")])
    in_killed = len(killed_trace.splitlines())
    due = [r for r in map(json.loads, full_trace.splitlines()) if r["t"] <= bus_end_s - TICK_S - 1e-6]
    assert len(due) <= in_killed, f"records up to {bus_end_s - TICK_S:.2f} s are missing from the trace"


# --- well-formed reports -----------------------------------------------------------------------------
HOSTILE = "".join(chr(code) for code in range(32)) + "\ud800\udfff\ufffe\uffff<&>\"'" + "中"


def _hostile_scenario(tmp_path: Path):
    from scenario.model import Scenario

    scenario = Scenario.__new__(Scenario)
    for name, value in {
        "name": f"s{HOSTILE}",
        "description": HOSTILE,
        "source_path": tmp_path / f"x{HOSTILE}",
        "seed": 0,
        "duration_s": 1.0,
    }.items():
        object.__setattr__(scenario, name, value)
    return scenario


def test_junit_and_report_stay_well_formed_with_any_characters(tmp_path: Path) -> None:
    scenario = _hostile_scenario(tmp_path)
    result = ExpectationResult(
        id=f"id{HOSTILE}",
        kind="eventually",
        expression=f"x == '{HOSTILE}'",
        expected=HOSTILE,
        actual={f"sig{HOSTILE}": HOSTILE},
        units={},
        time_s=None,
        passed=False,
        message=HOSTILE,
        location=SourceLocation(f"f{HOSTILE}", 3),
    )
    write_started_outputs(tmp_path, scenario)
    ElementTree.parse(tmp_path / "junit.xml")
    json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    write_junit(tmp_path / "junit.xml", scenario, [result], error=f"boom{HOSTILE}")
    write_report_json(tmp_path / "report.json", scenario, [result], {"ended": "internal_error"})
    suite = ElementTree.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert cases[0].get("name", "").startswith("id\\x00\\x01") and "<&>" in cases[0].get("name", "")
    assert "中" in cases[0].get("name", "") and "\\ud800" in cases[0].get("name", "")
    assert cases[1].find("error") is not None
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "error" and report["expectations"][0]["message"].startswith("\x00")


def test_the_whole_lines_a_full_disk_took_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk takes the first line and part of the second of one write: the first stays, the part goes."""
    path = tmp_path / "trace.jsonl"
    output = LineFile(path)
    real_write = os.write
    calls = {"n": 0}

    def disk_fills(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:14]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_fills)
    output.write('{"t":0.0}\n{"t":0.1}\n{"t":0.2}\n')
    with pytest.raises(OutputWriteError):
        output.flush()
    monkeypatch.undo()
    output.close()
    assert path.read_text() == '{"t":0.0}\n' and output.lines_dropped == 2
