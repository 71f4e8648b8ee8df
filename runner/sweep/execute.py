"""Running a sweep's variations in parallel: worker processes on this machine, or a Ray cluster.

Each worker loads the models once (one `Parts` per build, kept for every run it is given) and runs a variation
from the scenario file written for it, into that variation's folder, exactly as `main.py run FILE` would: the
same file gives the same trace bytes wherever it runs. A run that ends in an internal error, or whose worker
dies, is run once more; a worker death takes down only what was in flight, and those runs are retried each in a
worker of their own, so one crashing variation cannot fail the others.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runner.errors import EXIT_FAILED, EXIT_INTERNAL_ERROR, EXIT_PASSED
from runner.sweep.metrics import run_metrics

RUN_LOG = "run.log"


@dataclass(frozen=True)
class Build:
    """The models a run uses: the shipped ones, or the files given with --nlu-model / --proactive-model."""

    name: str
    nlu_model: str | None = None
    proactive_model: str | None = None

    def options(self) -> list[str]:
        """What chooses these models on a command line (for the re-run command): the needs model's variable, then
        main.py's --nlu-model."""
        from runner.assembly import NEEDS_MODEL_ENV

        found = [f"{NEEDS_MODEL_ENV}={self.proactive_model}"] if self.proactive_model else []
        if self.nlu_model:
            found += ["--nlu-model", self.nlu_model]
        return found


@dataclass(frozen=True)
class Task:
    key: str  # "<build>/<variation id>" when several builds, else the variation id
    variation_id: str
    build: Build
    scenario_file: str  # the variation's scenario.yaml
    out_dir: str


Result = dict[str, Any]
_WORKER_PARTS: dict[Build, Any] = {}


def _parts(build: Build):
    """This worker's parts for `build`, loaded on its first run and kept (models load once per worker)."""
    if build not in _WORKER_PARTS:
        from runner.assembly import Parts

        nlu_model_path = Path(build.nlu_model) if build.nlu_model else None
        if build.proactive_model:
            parts = Parts(nlu_model_path=nlu_model_path, proactive_model_path=Path(build.proactive_model))
        else:  # the default needs model (Parts' own default)
            parts = Parts(nlu_model_path=nlu_model_path)
        parts.understander  # noqa: B018 - a cached property: load it now, not in the first run
        _WORKER_PARTS[build] = parts
    return _WORKER_PARTS[build]


def run_task(task: Task) -> Result:
    """One variation, in this process: its outputs in its folder, what the run said in run.log."""
    from runner.run_command import run_one_scenario

    out_dir = Path(task.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = _parts(task.build)
    timed = TimedUnderstander(parts.understander)
    with (
        open(out_dir / RUN_LOG, "w", encoding="utf-8") as log,
        contextlib.redirect_stdout(log),
        contextlib.redirect_stderr(log),
    ):
        scenario = parts.load_scenario(Path(task.scenario_file))
        code = run_one_scenario(scenario, out_dir, parts, understander=timed)
    result = summarise(task, code)
    result["metrics"]["nlu_latency_median_ms"] = timed.median_ms()
    return result


class TimedUnderstander:
    """The NLU model as the run uses it, timing each call on the wall clock. The times go to the sweep's
    metrics only, never into the run (its trace stays the same bytes)."""

    def __init__(self, understander) -> None:
        self._understander = understander
        self.latencies_ms: list[float] = []

    def understand(self, text: str):
        started = time.perf_counter()
        try:
            return self._understander.understand(text)
        finally:
            self.latencies_ms.append((time.perf_counter() - started) * 1000)

    def __getattr__(self, name: str):
        return getattr(self._understander, name)

    def median_ms(self) -> float | None:
        return round(statistics.median(self.latencies_ms), 3) if self.latencies_ms else None


def summarise(task: Task, code: int, error: str | None = None) -> Result:
    """What the sweep keeps of a run: its exit code, each expectation, its metrics, and the error if any."""
    out_dir = Path(task.out_dir)
    result: Result = {
        "key": task.key,
        "id": task.variation_id,
        "build": task.build.name,
        "exit_code": code,
        "passed": code == EXIT_PASSED,
        "expectations": {},
        "metrics": {},
        "error": error,
    }
    report_path = out_dir / "report.json"
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        report = None
    if report is not None:
        result["expectations"] = {
            e["id"]: {"passed": e["passed"], "message": e.get("message")} for e in report.get("expectations", [])
        }
        result["status"] = report.get("status")
        run = report.get("run", {})
        result["metrics"] = run_metrics(out_dir / "trace.jsonl", run)
        if error is None and (failure := run.get("error")):
            result["error"] = failure.get("message")
    if result["error"] is None and code not in (EXIT_PASSED, EXIT_FAILED):
        result["error"] = _last_line(out_dir / RUN_LOG) or f"exit {code}"
    return result


def _last_line(path: Path) -> str | None:
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError:
        return None
    return lines[-1] if lines else None


STARTED_MARK = ".sweep-started"  # a worker took the task: written before it runs, removed once it is reported


def _start(runner: Callable[[Task], Result], task: Task) -> Result:
    """In the worker: mark the task taken, then run it (so a dead worker's tasks can be told from unstarted ones)."""
    (Path(task.out_dir) / STARTED_MARK).touch()
    return runner(task)


def _was_in_flight(task: Task) -> bool:
    """A task a dead worker had taken."""
    return (Path(task.out_dir) / STARTED_MARK).exists()


def _clear_mark(task: Task) -> None:
    with contextlib.suppress(OSError):
        (Path(task.out_dir) / STARTED_MARK).unlink()


def _context():
    # A fresh interpreter per worker: onnxruntime's threads do not survive fork.
    return multiprocessing.get_context("spawn")


def run_local(
    tasks: Sequence[Task], workers: int, on_done: Callable[[Result], None], runner: Callable[[Task], Result] = run_task
) -> dict[str, Result]:
    """Every task on `workers` processes; each result goes to `on_done` as it comes. `runner` is what a worker
    does with a task (a module-level function: workers import it)."""
    results: dict[str, Result] = {}
    pending = list(tasks)
    solo: list[Task] = []
    while pending:
        broken, solo_before = False, len(solo)
        with ProcessPoolExecutor(max_workers=max(1, min(workers, len(pending))), mp_context=_context()) as pool:
            futures: dict[Future, Task] = {pool.submit(_start, runner, task): task for task in pending}
            pending = []
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for future in done:
                    task = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        (solo if _was_in_flight(task) else pending).append(task)
                        continue
                    except Exception as error:  # noqa: BLE001 - the run's failure, with its error, retried once
                        result = summarise(task, EXIT_INTERNAL_ERROR, f"{type(error).__name__}: {error}")
                    _clear_mark(task)
                    if result["exit_code"] == EXIT_INTERNAL_ERROR and not result.get("retried"):
                        solo.append(task)
                        results[task.key] = result
                        continue
                    results[task.key] = result
                    on_done(result)
        if not broken:
            break
        if len(solo) == solo_before:  # it died before any worker took a task: each alone, rather than loop
            solo, pending = solo + pending, []
    _run_alone(solo, workers, results, on_done, runner)
    return results


def _run_alone(
    tasks: Sequence[Task],
    workers: int,
    results: dict[str, Result],
    on_done: Callable[[Result], None],
    runner: Callable[[Task], Result],
) -> None:
    """The second try of runs that crashed or lost their worker: each in a process of its own."""

    def second_try(task: Task) -> Result:
        first = results.get(task.key)
        first_error = first["error"] if first else "its worker died"
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as alone:
                result = alone.submit(_start, runner, task).result()
        except BrokenProcessPool:
            result = summarise(task, EXIT_INTERNAL_ERROR, "its worker died, twice")
        except Exception as error:  # noqa: BLE001
            result = summarise(task, EXIT_INTERNAL_ERROR, f"{type(error).__name__}: {error}")
        _clear_mark(task)
        result["retried"] = True
        result["first_error"] = first_error
        return result

    if not tasks:
        return
    with ThreadPoolExecutor(max_workers=max(1, workers)) as threads:
        for result in threads.map(second_try, tasks):
            results[result["key"]] = result
            on_done(result)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
