"""A command whose extra is not installed is refused up front, naming the extra (exit 2), before anything loads.

The package is made absent the way Python itself records a failed import: None in sys.modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from runner.cli import main
from runner.errors import EXIT_BAD_INPUT

REPO = Path(__file__).resolve().parents[2]
SCENARIO = str(REPO / "scenarios" / "fault_bus_off.yaml")


@pytest.mark.parametrize(
    ("absent", "argv", "extra"),
    [
        ("matplotlib", ["sweep", SCENARIO, "--vary", "seed=1,2"], "sweep"),
        ("rich", ["sweep", SCENARIO, "--vary", "seed=1,2"], "sweep"),
        ("paho", ["home", "--mqtt", "mqtt://127.0.0.1:1883"], "mqtt"),
        ("paho", ["run", SCENARIO, "--headless", "--home", "mqtt://127.0.0.1:1883"], "mqtt"),
    ],
)
def test_a_missing_extra_is_bad_input_naming_it(monkeypatch, capsys, tmp_path, absent, argv, extra):
    monkeypatch.setitem(sys.modules, absent, None)
    monkeypatch.chdir(tmp_path)
    assert main([*argv, *(["--out", str(tmp_path / "out")] if argv[0] in ("run", "sweep") else [])]) == EXIT_BAD_INPUT
    error = capsys.readouterr().err
    assert f"needs {absent}" in error and f"pip install 'cockpit-ai-simulator[{extra}]'" in error, error
    assert not (tmp_path / "out").exists()  # refused before anything ran
