"""`python main.py run SCENARIO...`: headless replays with outputs, a summary and an exit code.

Exit codes (runner/errors.py): 0 every expectation passed, 1 some failed, 2 bad input (also an --out that
cannot be written: no permission, a full disk), 3 internal error, 130 interrupted by Ctrl-C, 143 by SIGTERM.
A run that starts writes report.json ("status": "running") and junit.xml at once, and replaces them when it
ends ("status": finished, interrupted or error), so a folder always says what it holds; before a run replaces
one, it says what the folder held (a run that still says "running" was killed). After an internal error, an
interruption or a failed write the run's trace, bus log, report and junit are still whole; an internal error's
traceback is in out/<scenario>/error.txt.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from canbus.line_file import OutputWriteError
from runner import interrupts
from runner.assembly import Parts
from runner.console import command_prefix
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
from scenario.report import format_summary, read_run_status, write_junit, write_report_json, write_started_outputs

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_INTERNAL_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_PASSED",
    "parse_speed",
    "run_one_scenario",
    "run_scenarios",
    "write_outputs",
]


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
        "seed": scenario.seed,
        "sim_seconds": outcome.sim_seconds,
        "wall_seconds": round(outcome.wall_seconds, 3),
        "speed_factor": round(outcome.sim_seconds / outcome.wall_seconds, 1) if outcome.wall_seconds else None,
        "requested_speed": "max" if speed is None else speed,
        "frames": outcome.frames,
        "interrupted": outcome.interrupted,
        "ended": outcome.ended,
        "python": platform.python_version(),
        **outcome.info,
    }
    error = None
    if outcome.error is not None:
        error = describe(outcome.error)
        kind = "output_error" if isinstance(outcome.error, OutputWriteError) else outcome.ended
        run_info["ended"] = kind
        run_info["error"] = {
            "kind": kind,
            "message": error,
            "at_sim_s": outcome.sim_seconds,
            "raised_at": raised_at(outcome.error),
        }
        if kind == "internal_error":
            run_info["error"]["traceback"] = "error.txt"
    elif outcome.interrupted:
        run_info["stopped_by"] = interrupts.what_stopped()
        error = f"interrupted by {run_info['stopped_by']} at {outcome.sim_seconds:g} s simulated"
    write_report_json(out_dir / "report.json", scenario, outcome.results, run_info)
    write_junit(out_dir / "junit.xml", scenario, outcome.results, error)


def _say_what_the_folder_held(out_dir: Path) -> None:
    """Before a run replaces a folder's outputs: what they were (a run still 'running' was killed)."""
    held = read_run_status(out_dir)
    if held == "running":
        print(f"note: {out_dir} held a run that never finished (report.json says running: it was killed); replacing it")
    elif held is not None:
        print(f"note: {out_dir} held a{'n' if held[0] in 'aeiou' else ''} {held} run; replacing it")


def _start_outputs(out_dir: Path, scenario: Scenario) -> None:
    """report.json and junit.xml saying the run started; UsageError (exit 2) when --out cannot be written."""
    try:
        write_started_outputs(out_dir, scenario)
    except OSError as error:
        raise UsageError(
            f"cannot write {error.filename or out_dir}: {error.strerror or error} (the run's "
            f"outputs go to {out_dir}; give an --out folder that can be written)"
        ) from None


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


def _run_one(
    scenario: Scenario,
    out_dir: Path,
    parts: Parts,
    *,
    speed: float | None,
    screenshots: bool,
    bus: str,
    understander=None,
) -> tuple[RunOutcome, ScreenshotRecorder | None]:
    try:
        session = parts.session(scenario, out_dir, bus, understander=understander)
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


def run_scenarios(
    paths: list[Path],
    *,
    out_root: Path,
    speed: float | None,
    parts: Parts,
    headless: bool = True,
    screenshots: bool = False,
    bus: str = "virtual",
) -> int:
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
        code = run_one_scenario(
            scenario, out_root / scenario.name, parts, speed=speed, screenshots=screenshots, bus=bus
        )
        if code not in (EXIT_PASSED, EXIT_FAILED):
            return code
        if code == EXIT_FAILED:
            exit_code = EXIT_FAILED
    return exit_code


def run_one_scenario(
    scenario: Scenario,
    out_dir: Path,
    parts: Parts,
    *,
    speed: float | None = None,
    screenshots: bool = False,
    bus: str = "virtual",
    understander=None,
) -> int:
    """One loaded scenario into `out_dir`, its outputs whole whatever happens; the exit code of its run.
    `understander`: in place of the parts' NLU model (the sweep's timed wrapper around it)."""
    _say_what_the_folder_held(out_dir)
    try:
        _start_outputs(out_dir, scenario)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        outcome, recorder = _run_one(
            scenario, out_dir, parts, speed=speed, screenshots=screenshots, bus=bus, understander=understander
        )
    except Exception as error:
        if not is_bad_input(error):
            raise
        with DeferredInterrupt():  # refused before the run began: the folder says so, not "running"
            _write_outputs_if_possible(out_dir, scenario, _failed_outcome(error), speed)
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with DeferredInterrupt() as late:  # a Ctrl-C or SIGTERM now waits until the outputs are whole
        unwritten = _write_outputs_if_possible(out_dir, scenario, outcome, speed)
        output_failed = unwritten is not None or isinstance(outcome.error, OutputWriteError)
        if not output_failed and (out_dir / "trace.jsonl").is_file():  # none when the run was not built
            write_timeline(out_dir)
        if recorder is not None:
            recorder.close(outcome.results)
    rate = f"{outcome.sim_seconds / outcome.wall_seconds:,.0f}x real time" if outcome.wall_seconds else ""
    print(f"{scenario.name}: {outcome.sim_seconds:g} s simulated in {outcome.wall_seconds:.2f} s ({rate}) → {out_dir}")
    print(format_summary(outcome.results))
    if not output_failed and (out_dir / "trace.jsonl").is_file():
        print(f"to look at it: {command_prefix()} replay {out_dir}   (at a glance: {out_dir / 'timeline.png'})")
    if output_failed:
        print(_output_failure_message(outcome, unwritten), file=sys.stderr)
        return EXIT_BAD_INPUT
    if outcome.error is not None:
        if is_bad_input(outcome.error):
            print(f"error: {outcome.error} (the run stopped at {outcome.sim_seconds:g} s simulated)", file=sys.stderr)
            return EXIT_BAD_INPUT
        header = f"{scenario.name} ({scenario.source_path}): internal error at {outcome.sim_seconds:g} s simulated\n\n"
        return report_internal_error(outcome.error, out_dir, traceback_text=outcome.error_traceback, header=header)
    if outcome.interrupted or late.requested:
        print(
            f"interrupted by {interrupts.what_stopped()}: outputs hold what happened up to "
            f"{outcome.sim_seconds:g} s simulated (report.json status: interrupted)",
            file=sys.stderr,
        )
        return interrupts.exit_code()
    return EXIT_PASSED if outcome.passed else EXIT_FAILED


def _write_outputs_if_possible(
    out_dir: Path, scenario: Scenario, outcome: RunOutcome, speed: float | None
) -> OSError | None:
    """write_outputs, or the OSError that stopped it (a full disk): the caller says it once."""
    try:
        write_outputs(out_dir, scenario, outcome, speed)
    except OSError as error:
        return error
    return None


def _output_failure_message(outcome: RunOutcome, unwritten: OSError | None) -> str:
    """The one line a run that could not write its outputs ends with."""
    parts = []
    if isinstance(outcome.error, OutputWriteError):
        parts.append(
            f"error: {outcome.error}; the run stopped at {outcome.sim_seconds:g} s simulated, the trace "
            f"and bus log end with their last whole line"
        )
    if unwritten is not None:
        what = f"{unwritten.filename}: {unwritten.strerror or unwritten}" if unwritten.filename else str(unwritten)
        parts.append(
            ("error: " if not parts else "") + f"the report could not be written ({what}); report.json "
            f"still says the run started"
        )
    else:
        parts.append("report.json and junit.xml say so")
    return "; ".join(parts)
