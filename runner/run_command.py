"""`python main.py run SCENARIO...`: headless replays with outputs, a summary and an exit code.

Exit codes (runner/errors.py): 0 every expectation passed, 1 some failed, 2 bad input, 3 internal error,
130 interrupted. After an internal error or a Ctrl-C the run's trace, report and junit are still whole;
an internal error's traceback is in out/<scenario>/error.txt.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from runner.assembly import Parts
from runner.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_PASSED,
    DeferredInterrupt,
    UsageError,
    describe,
    is_bad_input,
    raised_at,
    report_internal_error,
)
from runner.progress import ProgressBar
from runner.screenshots import ScreenshotRecorder
from runner.session import RunOutcome
from runner.timeline_plot import write_timeline
from scenario.errors import ScenarioError
from scenario.model import Scenario
from scenario.report import format_summary, write_junit, write_report_json

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_INTERNAL_ERROR", "EXIT_INTERRUPTED", "EXIT_PASSED",
           "parse_speed", "run_scenarios", "write_outputs"]


def parse_speed(text: str) -> float | None:
    if text == "max":
        return None
    try:
        speed = float(text.rstrip("x"))
    except ValueError:
        raise UsageError(f"--speed takes a number (1, 10, 60) or 'max', not {text!r}") from None
    if speed <= 0:
        raise UsageError("--speed must be more than 0")
    return speed


def write_outputs(out_dir: Path, scenario: Scenario, outcome: RunOutcome, speed: float | None) -> None:
    run_info = {
        "seed": scenario.seed, "sim_seconds": outcome.sim_seconds, "wall_seconds": round(outcome.wall_seconds, 3),
        "speed_factor": round(outcome.sim_seconds / outcome.wall_seconds, 1) if outcome.wall_seconds else None,
        "requested_speed": "max" if speed is None else speed, "frames": outcome.frames,
        "interrupted": outcome.interrupted, "ended": outcome.ended, "python": platform.python_version(),
        **outcome.info,
    }
    error = None
    if outcome.error is not None:
        error = describe(outcome.error)
        run_info["error"] = {"kind": outcome.ended, "message": error, "at_sim_s": outcome.sim_seconds,
                             "raised_at": raised_at(outcome.error)}
        if outcome.ended == "internal_error":
            run_info["error"]["traceback"] = "error.txt"
    write_report_json(out_dir / "report.json", scenario, outcome.results, run_info)
    write_junit(out_dir / "junit.xml", scenario, outcome.results, error)


def _failed_outcome(error: Exception) -> RunOutcome:
    """The outcome of a run whose session could not even be built (nothing was simulated)."""
    import traceback

    return RunOutcome([], 0.0, 0.0, 0, error=error, error_traceback="".join(traceback.format_exception(error)))


def _load_understander(parts: Parts) -> str | None:
    """Load the NLU model up front: a model the person named (--nlu-model) that cannot be loaded is bad input."""
    from cockpit.nlu.model import ModelCardError

    try:
        parts.understander  # noqa: B018 - a cached property: this loads it
    except (ModelCardError, FileNotFoundError) as error:
        return f"cannot load the NLU model: {error}"
    except Exception as error:
        if parts.nlu_model_path is None:
            raise  # the shipped model: an internal error
        return f"cannot load the NLU model {parts.nlu_model_path}: {describe(error)}"
    return None


def _run_one(scenario: Scenario, out_dir: Path, parts: Parts, *, speed: float | None, screenshots: bool,
             bus: str) -> tuple[RunOutcome, ScreenshotRecorder | None]:
    try:
        session = parts.session(scenario, out_dir, bus)
    except Exception as error:
        if is_bad_input(error):
            raise  # refused before the run began: the caller says so, no report
        return _failed_outcome(error), None
    progress = ProgressBar(scenario.name)
    try:
        recorder = ScreenshotRecorder(session, out_dir).install() if screenshots else None
    except Exception as error:  # noqa: BLE001 - the session's outputs are closed whole, then it is reported
        return session.finish(error=error), None
    try:
        outcome = session.run(speed=speed, progress=progress)
    finally:
        progress.close()
    return outcome, recorder


def run_scenarios(paths: list[Path], *, out_root: Path, speed: float | None, parts: Parts,
                  headless: bool = True, screenshots: bool = False, bus: str = "virtual") -> int:
    try:
        scenarios = [parts.load_scenario(path) for path in paths]
    except (ScenarioError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    problem = _load_understander(parts)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    exit_code = EXIT_PASSED
    for scenario in scenarios:
        out_dir = out_root / scenario.name
        try:
            outcome, recorder = _run_one(scenario, out_dir, parts, speed=speed, screenshots=screenshots, bus=bus)
        except Exception as error:
            if not is_bad_input(error):
                raise
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        with DeferredInterrupt() as late:  # a Ctrl-C now waits until the outputs are whole
            write_outputs(out_dir, scenario, outcome, speed)
            if (out_dir / "trace.jsonl").is_file():  # none when the run could not even be built
                write_timeline(out_dir)
            if recorder is not None:
                recorder.close(outcome.results)
        rate = f"{outcome.sim_seconds / outcome.wall_seconds:,.0f}x real time" if outcome.wall_seconds else ""
        print(f"{scenario.name}: {outcome.sim_seconds:g} s simulated in {outcome.wall_seconds:.2f} s ({rate}) "
              f"→ {out_dir}")
        print(format_summary(outcome.results))
        if outcome.error is not None:
            if is_bad_input(outcome.error):
                print(f"error: {outcome.error} (the run stopped at {outcome.sim_seconds:g} s simulated)",
                      file=sys.stderr)
                return EXIT_BAD_INPUT
            header = (f"{scenario.name} ({scenario.source_path}): internal error at {outcome.sim_seconds:g} s "
                      f"simulated\n\n")
            return report_internal_error(outcome.error, out_dir, traceback_text=outcome.error_traceback,
                                         header=header)
        if outcome.interrupted or late.requested:
            print("interrupted: outputs hold what happened up to that point", file=sys.stderr)
            return EXIT_INTERRUPTED
        if not outcome.passed:
            exit_code = EXIT_FAILED
    return exit_code
