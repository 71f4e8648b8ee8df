"""Shared by the two-process tests: running main.py as a child process and reading traces."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
SPEED = "Vehicle.Speed"
CABIN_TEMP = "Vehicle.Cabin.HVAC.AmbientAirTemperature"
SOC = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
DRIVER_SET_POINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"

COLD_SCENARIO = """\
name: two_process_test
description: a cold car driving home, for the two-process tests
seed: 3
duration: {duration}
start: {{time: "2026-01-15T17:40:00+08:00", place: office}}
vehicle: {{trim: max, soc: 60, cabin_temp: 6}}
environment: {{outside_temp: 1, weather: clear}}
route: {{to: home}}
occupants: [{{seat: driver}}]
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SDL_VIDEODRIVER"] = "dummy"
    env["PYTHONUNBUFFERED"] = "1"
    env["COCKPIT_MULTICAST_TTL"] = "0"  # test traffic stays on this host
    return env


def main_py(*args: str, scripted_nlu: bool = False, **kwargs: Any) -> subprocess.Popen:
    """main.py ARGS in a child process; `scripted_nlu`: with the scripted NLU test double instead."""
    program = ["-m", "tests.two_process.scripted_nlu"] if scripted_nlu else [str(MAIN)]
    return subprocess.Popen(
        [sys.executable, *program, *args],
        cwd=ROOT,
        env=child_env(),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def run_main_py(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(MAIN), *args],
        cwd=ROOT,
        env=child_env(),
        text=True,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def read_trace(path: Path) -> list[dict[str, Any]]:
    """Every line must be one JSON object: a half-written line fails here."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def signal_values(records: list[dict[str, Any]], path: str) -> list[Any]:
    return [r["value"] for r in records if r["type"] == "signal" and r["path"] == path]


def last_signal(records: list[dict[str, Any]], path: str) -> Any:
    values = signal_values(records, path)
    assert values, f"no {path} in the trace"
    return values[-1]
