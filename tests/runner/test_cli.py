"""The command line: the subcommands of the contract, and an interrupted run that still leaves its trace."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_help_lists_every_subcommand() -> None:
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=REPO, capture_output=True, text=True, check=True)
    for command in ("run", "understand", "sim", "cockpit", "bench"):
        assert command in result.stdout


def test_ctrl_c_leaves_a_valid_flushed_trace(tmp_path: Path) -> None:
    scenario = REPO / "scenarios" / "arrival_home.yaml"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen(
        [sys.executable, "main.py", "run", str(scenario), "--headless", "--speed", "5", "--out", str(tmp_path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    trace = tmp_path / "arrival_home" / "trace.jsonl"

    def simulated_s() -> float:
        """The time of the trace's last whole record.

        The run writes while this reads, so the text may end inside a record: only lines that end in a
        newline are whole, and a partly written one is left for the next poll.
        """
        text = trace.read_text(encoding="utf-8") if trace.exists() else ""
        whole_lines = text[: text.rfind("\n") + 1].splitlines()
        return json.loads(whole_lines[-1])["t"] if whole_lines else 0.0

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and simulated_s() <= 2.5 and process.poll() is None:
        time.sleep(0.05)  # polls the run's own progress: signalled once it is 2.5 s in, not after a fixed sleep
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    records = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    assert records[-1]["type"] == "run_end" and records[-1]["interrupted"] is True
    assert 2 < records[-1]["t"] < 15 * 60
    report = json.loads((tmp_path / "arrival_home" / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["interrupted"] is True
    log_lines = (tmp_path / "arrival_home" / "bus.log").read_text().splitlines()
    assert log_lines and log_lines[-1].endswith((" R", " T"))
