"""Bench figures for scale (runner/bench.py lists them): how one replay grows with its length, and how a sweep's
throughput grows with its workers. Measured here, never asserted by tests."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from runner.sweep.execute import Build, Task, default_workers, run_local

SCALING_MINUTES = (5, 30, 120, 480)
SWEEP_SCENARIO_MINUTES = 10


def replay_scaling(parts, drive_yaml: str) -> dict[str, Any]:
    """One replay of the bench drive at each length: wall time per simulated minute and per frame should stay
    flat if the replay is linear in its length."""
    from scenario.loader import load_scenario_text

    figures: dict[str, Any] = {}
    per_minute = {}
    # The drive without its events: a 5-minute run cannot hold the 10-minute fault, and events cost nothing here.
    plain = drive_yaml.split("events:")[0] + "expect:" + drive_yaml.split("expect:")[1]
    for minutes in SCALING_MINUTES:
        text = plain.replace("duration: 30min", f"duration: {minutes}min")
        scenario = load_scenario_text(text, parts.vocabulary)
        with tempfile.TemporaryDirectory() as folder:
            outcome = parts.session(scenario, Path(folder)).run()
        per_minute[minutes] = outcome.wall_seconds / minutes
        figures[f"replay_{minutes}min_speed_x"] = round(outcome.sim_seconds / outcome.wall_seconds, 1)
        figures[f"replay_{minutes}min_us_per_frame"] = round(outcome.wall_seconds / outcome.frames * 1e6, 2)
    # 1.0: an 8-hour replay costs per minute what a 5-minute one does (start-up aside, which favours long ones).
    figures["replay_scaling_480_over_30_min"] = round(per_minute[480] / per_minute[30], 3)
    return figures


def sweep_throughput(drive_yaml: str) -> dict[str, Any]:
    """The same sweep (4 runs per worker of a 10-minute drive) on one worker and on every core: the workers' start-up
    (an interpreter, the models) is spread over the runs as in a real sweep, if less thinly than over 200."""
    workers = default_workers()
    runs = 4 * workers
    text = drive_yaml.replace("duration: 30min", f"duration: {SWEEP_SCENARIO_MINUTES}min")
    figures: dict[str, Any] = {"sweep_workers": workers}
    hours_per_hour = {}
    for count in sorted({1, workers}):
        with tempfile.TemporaryDirectory() as folder:
            tasks = []
            for index in range(runs):
                run_dir = Path(folder) / f"run-{index}"
                run_dir.mkdir()
                (run_dir / "scenario.yaml").write_text(
                    text.replace("seed: 1", f"seed: {index + 1}").replace(
                        "name: bench_drive_30min", f"name: run-{index}"
                    )
                )
                tasks.append(
                    Task(run_dir.name, run_dir.name, Build("shipped"), str(run_dir / "scenario.yaml"), str(run_dir))
                )
            started = time.perf_counter()
            results = run_local(tasks, count, lambda result: None)
            wall = time.perf_counter() - started
        simulated_h = runs * SWEEP_SCENARIO_MINUTES / 60
        hours_per_hour[count] = simulated_h / (wall / 3600)
        replaying_s = sum(
            SWEEP_SCENARIO_MINUTES * 60 / (r["metrics"].get("replay_speed_x") or 1) for r in results.values()
        )
        label = "sweep_1_worker" if count == 1 else "sweep_all_workers"
        figures[f"{label}_sim_h_per_wall_h"] = round(hours_per_hour[count])
        # What each run cost beyond its own replay: worker start-up and model loading, spread over the runs.
        figures[f"{label}_overhead_s_per_run"] = round(max(0.0, (wall * count - replaying_s) / runs), 2)
    if workers > 1:
        figures["sweep_parallel_efficiency"] = round(hours_per_hour[workers] / hours_per_hour[1] / workers, 3)
    return figures
