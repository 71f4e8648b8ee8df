"""The cockpit replays all four formats alike: a recorded bus.log converted to .asc, .blf and .mf4 gives the same
signal changes, at the same cockpit times, as the bus.log itself, each told by its content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runner.convert_command import convert_log
from tests.bus.log_fixtures import shared_recorded_log
from tests.bus.test_log_convert import main_py


@pytest.fixture(scope="module")
def recorded_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_recorded_log(tmp_path_factory)


def replayed_signals(log: Path, out: Path) -> tuple[list[dict], dict]:
    result = main_py("cockpit", "--bus", f"replay:{log}", "--out", str(out))
    assert result.returncode == 0, result.stderr
    trace = [json.loads(line) for line in (out / "trace.jsonl").read_text(encoding="utf-8").splitlines()]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return [r for r in trace if r["type"] == "signal"], report


@pytest.fixture(scope="module")
def candump_replay(recorded_log: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    signals, report = replayed_signals(recorded_log, tmp_path_factory.mktemp("replay") / "candump")
    assert len(signals) > 50 and report["log"]["format"] == "candump"
    return recorded_log, signals


@pytest.mark.parametrize("suffix", (".asc", ".blf", ".mf4"))
def test_every_format_replays_to_the_same_signals(candump_replay, tmp_path: Path, suffix: str) -> None:
    log, wanted = candump_replay
    converted = tmp_path / f"bus{suffix}"
    convert_log(log, converted)
    hidden = converted.rename(tmp_path / "bus.dat")  # told by its content, not its name
    signals, report = replayed_signals(hidden, tmp_path / "out")
    assert report["log"]["format"] == suffix[1:]
    assert signals == wanted
