"""`python main.py run SCENARIO...`: headless replays with outputs, a summary and an exit code."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from runner.assembly import Parts
from runner.progress import ProgressBar
from runner.screenshots import ScreenshotRecorder
from runner.session import RunOutcome
from runner.timeline_plot import write_timeline
from scenario.errors import ScenarioError
from scenario.model import Scenario
from scenario.report import format_summary, write_junit, write_report_json

EXIT_PASSED, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def parse_speed(text: str) -> float | None:
    if text == "max":
        return None
    try:
        speed = float(text.rstrip("x"))
    except ValueError:
        raise ValueError(f"--speed takes a number (1, 10, 60) or 'max', not {text!r}") from None
    if speed <= 0:
        raise ValueError("--speed must be more than 0")
    return speed


def write_outputs(out_dir: Path, scenario: Scenario, outcome: RunOutcome, speed: float | None) -> None:
    run_info = {
        "seed": scenario.seed, "sim_seconds": outcome.sim_seconds, "wall_seconds": round(outcome.wall_seconds, 3),
        "speed_factor": round(outcome.sim_seconds / outcome.wall_seconds, 1) if outcome.wall_seconds else None,
        "requested_speed": "max" if speed is None else speed, "frames": outcome.frames,
        "interrupted": outcome.interrupted, "python": platform.python_version(), **outcome.info,
    }
    write_report_json(out_dir / "report.json", scenario, outcome.results, run_info)
    write_junit(out_dir / "junit.xml", scenario, outcome.results)


def run_scenarios(paths: list[Path], *, out_root: Path, speed: float | None, parts: Parts,
                  headless: bool = True, screenshots: bool = False, bus: str = "virtual") -> int:
    try:
        scenarios = [parts.load_scenario(path) for path in paths]
    except (ScenarioError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    exit_code = EXIT_PASSED
    for scenario in scenarios:
        out_dir = out_root / scenario.name
        try:
            session = parts.session(scenario, out_dir, bus)
            recorder = ScreenshotRecorder(session, out_dir).install() if screenshots else None
            progress = ProgressBar(scenario.name)
            outcome = session.run(speed=speed, progress=progress)
            progress.close()
        except ScenarioError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        write_outputs(out_dir, scenario, outcome, speed)
        write_timeline(out_dir)
        if recorder is not None:
            recorder.close(outcome.results)
        rate = f"{outcome.sim_seconds / outcome.wall_seconds:,.0f}x real time" if outcome.wall_seconds else ""
        print(f"{scenario.name}: {outcome.sim_seconds:g} s simulated in {outcome.wall_seconds:.2f} s ({rate}) "
              f"→ {out_dir}")
        print(format_summary(outcome.results))
        if outcome.interrupted:
            print("interrupted: outputs hold what happened up to that point", file=sys.stderr)
            return EXIT_INTERRUPTED
        if not outcome.passed:
            exit_code = EXIT_FAILED
    return exit_code
