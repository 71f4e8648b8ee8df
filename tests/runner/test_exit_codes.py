"""Exit codes: 2 stays for bad input; a component that raises is an internal error (3) with its traceback in
error.txt and the run's outputs whole; Ctrl-C during start-up exits 130 with one line and no traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from runner.cli import main
from runner.errors import EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_INTERRUPTED

REPO = Path(__file__).resolve().parents[2]
TEN_SECONDS = """\
name: tiny
duration: 10s
start: {place: home}
expect:
  - id: ok
    eventually: Vehicle.Speed >= 0
  - id: later
    eventually: Vehicle.Speed > 500
"""


def _scenario(tmp_path: Path, text: str = TEN_SECONDS) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _crash_the_car_after(monkeypatch: pytest.MonkeyPatch, steps: int) -> None:
    """The car's physics raises part-way through the run, as a bug in a component would."""
    from vehicle_sim.car import Car

    real_step = Car.step
    calls = {"n": 0}

    def step(self: Car, dt_s: float) -> None:
        calls["n"] += 1
        if calls["n"] > steps:
            raise ZeroDivisionError("a component divided by zero")
        real_step(self, dt_s)

    monkeypatch.setattr(Car, "step", step)


def test_a_component_raising_mid_run_is_an_internal_error_with_every_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _crash_the_car_after(monkeypatch, 250)  # 2.5 s of 10 ms steps
    code = main(["run", str(_scenario(tmp_path)), "--headless", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL_ERROR == 3
    out = tmp_path / "out" / "tiny"
    assert "internal error: ZeroDivisionError: a component divided by zero" in err
    assert "test_exit_codes.py" in err and str(out / "error.txt") in err and "Traceback" not in err
    error_text = (out / "error.txt").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in error_text and "in step" in error_text
    assert "internal error at 2.5 s simulated" in error_text
    records = _records(out / "trace.jsonl")  # every line is JSON: the trace was flushed whole
    assert records[0]["type"] == "run_start" and sum(r["type"] == "signal" for r in records) > 50
    end = records[-1]
    assert end["type"] == "run_end" and end["error"].startswith("ZeroDivisionError") and end["t"] == 2.5
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["ended"] == "internal_error" and report["passed"] is False
    assert report["run"]["error"]["at_sim_s"] == 2.5 == report["run"]["sim_seconds"]
    assert "test_exit_codes.py" in report["run"]["error"]["raised_at"]
    assert [e["id"] for e in report["expectations"]] == ["ok", "later"]  # judged at the time reached
    junit = ElementTree.parse(out / "junit.xml").getroot()
    assert junit.get("errors") == "1" and junit.find(".//testcase[@name='run']/error") is not None


def test_a_component_raising_while_the_run_is_built_is_internal_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import runner.session

    def broken_car(*args: object, **kwargs: object) -> None:
        raise KeyError("no such colour")

    monkeypatch.setattr(runner.session, "build_car", broken_car)
    code = main(["run", str(_scenario(tmp_path)), "--headless", "--out", str(tmp_path / "out")])
    assert code == EXIT_INTERNAL_ERROR
    assert "internal error: KeyError" in capsys.readouterr().err
    out = tmp_path / "out" / "tiny"
    assert "broken_car" in (out / "error.txt").read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["ended"] == "internal_error" and report["run"]["error"]["at_sim_s"] == 0.0


def test_an_internal_error_in_another_command_writes_error_txt_under_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cockpit.habits import HabitStore

    def broken(self: HabitStore) -> list:
        raise TypeError("cannot convert 'warm white' to a colour")

    monkeypatch.setattr(HabitStore, "habits", broken)
    monkeypatch.chdir(tmp_path)
    assert main(["habits", "list", "--profiles", str(tmp_path / "profiles")]) == EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "internal error: TypeError: cannot convert 'warm white' to a colour" in err
    assert "Traceback" in (tmp_path / "out" / "habits" / "error.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--speed", "0"], ["--speed"]),
        (["--bus", "carrier_pigeon"], ["carrier_pigeon"]),
    ],
)
def test_bad_option_values_stay_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: list[str]
) -> None:
    assert main(["run", str(_scenario(tmp_path)), "--out", str(tmp_path / "out"), *args]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert all(word in err for word in words) and "internal error" not in err


def test_unreadable_files_stay_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "out")]) == EXIT_BAD_INPUT
    assert "missing.yaml" in capsys.readouterr().err
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "driver.json").write_text("{not json", encoding="utf-8")
    assert main(["habits", "list", "--profiles", str(profiles)]) == EXIT_BAD_INPUT
    assert "driver.json" in capsys.readouterr().err
    assert (
        main(
            [
                "--nlu-model",
                str(tmp_path / "none.onnx"),
                "run",
                str(_scenario(tmp_path)),
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == EXIT_BAD_INPUT
    )
    assert "none.onnx" in capsys.readouterr().err


def test_a_bad_event_value_is_bad_input_at_load_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked at load now (issue 17: a value checked only when its event fires wasted the run up to it)."""
    text = TEN_SECONDS.replace(
        "expect:", "events:\n  - at: 2s\n    manual: {control: closure.trunk, value: sideways}\nexpect:"
    )
    code = main(["run", str(_scenario(tmp_path, text)), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and "tiny.yaml:6" in err and "sideways" in err and "internal error" not in err
    assert not (tmp_path / "out" / "tiny").exists(), "refused before the run began: nothing written"


# --- Ctrl-C during start-up, in a real process -------------------------------------------------------
LONG_SCENARIO = TEN_SECONDS.replace("duration: 10s", "duration: 10min")


def _interrupt_at(marker: str, argv: list[str], cwd: Path, stdin: int | None = subprocess.DEVNULL) -> tuple[int, str]:
    """Start main.py with -X importtime (each import prints a line on stderr as it completes); send SIGINT as
    soon as the module `marker` has been imported. No sleeps: the process itself says how far it got."""
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", str(REPO / "main.py"), *argv],
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            if line.rsplit("|", 1)[-1].strip() == marker:
                break
        else:
            pytest.fail(f"{marker} was never imported: {''.join(seen)[-2000:]}")
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    # Left out: the import lines, and the note a run prints when it starts without a sound card.
    lines = [
        line
        for line in "".join(seen).splitlines() + rest.splitlines()
        if not line.startswith(("import time:", "voice: no output sound device"))
    ]
    return process.returncode, "\n".join(lines)


@pytest.mark.parametrize(
    "marker", ["runner", "runner.cli", "runner.session", "onnxruntime", "cockpit.proactive.scorer", "cockpit.voice"]
)
def test_ctrl_c_at_any_point_of_a_runs_start_up_exits_130_with_one_line(tmp_path: Path, marker: str) -> None:
    scenario = _scenario(tmp_path, LONG_SCENARIO)
    code, err = _interrupt_at(marker, ["run", str(scenario), "--speed", "1", "--out", str(tmp_path / "out")], tmp_path)
    assert code == EXIT_INTERRUPTED, err
    assert "Traceback" not in err and len(err.splitlines()) == 1 and "interrupted" in err, err
    trace = tmp_path / "out" / "tiny" / "trace.jsonl"
    if trace.exists():  # a run that had begun leaves whole outputs
        _records(trace)


@pytest.mark.parametrize("marker", ["cockpit.nlu.model", "onnxruntime"])
def test_ctrl_c_while_understand_loads_its_model_exits_130(tmp_path: Path, marker: str) -> None:
    code, err = _interrupt_at(marker, ["understand", "--jsonl"], tmp_path, stdin=subprocess.PIPE)
    assert code == EXIT_INTERRUPTED, err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
