"""`python main.py bench`: performance figures against the budgets, as JSON and a table.

Each measurement is a small function in one registry; one that cannot run here (no model, no
display) reports why instead of a number. Figures are measured, never asserted by tests.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runner.assembly import Parts
from scenario.loader import load_scenario_text

DRIVE_30_MIN = """\
name: bench_drive_30min
seed: 1
duration: 30min
start: {time: "2026-01-15T17:40:00+08:00", place: home}
vehicle: {trim: max, soc: 80, cabin_temp: 5}
environment: {outside_temp: -2, weather: cloudy}
route: {to: jinan_hotel}
occupants: [{seat: driver}, {seat: passenger}]
events:
  - at: 1min
    say: {seat: driver, text: "set the temperature to 22 degrees"}
  - at: 10min
    fault: {message: HVAC_Status, kind: drop, for: 5s}
expect:
  - id: moving
    eventually: Vehicle.Speed > 50
"""
# A short parked-then-driving set-up for the latency measurements (no timeline of its own).
SHORT_SETUP = (
    DRIVE_30_MIN.split("events:")[0].replace("duration: 30min", "duration: 30s")
    + """expect:
  - id: moving
    eventually: Vehicle.Speed >= 0
"""
)
BENCH_UTTERANCES = [
    "set the temperature to 22 degrees",
    "把空调调到二十二度",
    "open my window halfway",
    "I'm freezing",
    "take me home",
    "导航去公司",
    "turn on the seat heater",
    "next song",
    "how far can I go",
    "还剩多少电",
    # requests with several commands (split and checked by the model: several model runs)
    "lower the fan and find me a coffee shop",
    "打开后备箱，顺便把音量调小",
    "turn on the reading light and the ambient light",
    "把阅读灯和氛围灯都打开",
    "close the window, set it to 21 and play some jazz",
]

Measurement = Callable[[Parts], dict[str, Any]]


def _replay_30_min(parts: Parts) -> dict[str, Any]:
    scenario = load_scenario_text(DRIVE_30_MIN, parts.vocabulary)
    with tempfile.TemporaryDirectory() as folder:
        session = parts.session(scenario, Path(folder))
        outcome = session.run()
        trace_bytes = (Path(folder) / "trace.jsonl").stat().st_size
    return {
        "replay_speed_x": round(outcome.sim_seconds / outcome.wall_seconds, 1),
        "replay_wall_s": round(outcome.wall_seconds, 2),
        "frames_per_sim_second": round(outcome.frames / outcome.sim_seconds, 1),
        "trace_mb_per_sim_hour": round(trace_bytes / 1e6 * 3600 / outcome.sim_seconds, 2),
    }


def _nlu_latency(parts: Parts) -> dict[str, Any]:
    from cockpit.nlu.model import DEFAULT_MODEL_PATH, NluModel

    started = time.perf_counter()
    model = NluModel.load(parts.nlu_model_path)
    load_ms = (time.perf_counter() - started) * 1000
    model.understand(BENCH_UTTERANCES[0])
    timings = []
    for _ in range(100):
        for text in BENCH_UTTERANCES:
            started = time.perf_counter()
            model.understand(text)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    model_path = Path(parts.nlu_model_path) if parts.nlu_model_path else DEFAULT_MODEL_PATH
    return {
        "nlu_load_ms": round(load_ms, 1),
        "nlu_median_ms": round(statistics.median(timings), 3),
        "nlu_p99_ms": round(timings[int(len(timings) * 0.99)], 3),
        "nlu_model_mb": round(model_path.stat().st_size / 1e6, 2),
    }


def _utterance_to_action(parts: Parts) -> dict[str, Any]:
    """Text in → the command frame on the bus, through understanding, dialogue, guard and registry."""
    scenario = load_scenario_text(SHORT_SETUP, parts.vocabulary)
    session = parts.session(scenario, None)
    session.advance(2.0)
    timings = []
    for index in range(200):
        text = f"set the temperature to {18 + index % 8} degrees"
        started = time.perf_counter()
        session.cockpit.hear("driver", text, session.now_s)
        timings.append((time.perf_counter() - started) * 1000)
    session.finish()
    timings.sort()
    return {
        "utterance_to_action_median_ms": round(statistics.median(timings), 3),
        "utterance_to_action_p99_ms": round(timings[int(len(timings) * 0.99)], 3),
    }


def _dashboard(parts: Parts) -> dict[str, Any]:
    from runner.bench_dashboard import measure_dashboard

    return measure_dashboard(parts)


def _proactive_scoring(parts: Parts) -> dict[str, Any]:
    """The need scorer per tick: features from a live context, then the ONNX session."""
    from cockpit.proactive.extras import ProactiveExtras
    from cockpit.proactive.features import features

    scenario = load_scenario_text(SHORT_SETUP, parts.vocabulary)
    session = parts.session(scenario, None)
    session.advance(10.0)
    context, scorer = session.cockpit.context, parts.need_scorer
    timings = []
    for _ in range(2000):
        started = time.perf_counter()
        scorer.score(features(context, ProactiveExtras()))
        timings.append((time.perf_counter() - started) * 1000)
    session.finish()
    timings.sort()
    return {
        "proactive_score_median_ms": round(statistics.median(timings), 4),
        "proactive_score_p99_ms": round(timings[int(len(timings) * 0.99)], 4),
    }


def _voice(parts: Parts) -> dict[str, Any]:
    """End of speech → dispatched action: recognise a synthesised command, then understand and act."""
    import numpy as np

    from cockpit.voice import Synthesiser, shared_recogniser

    synthesiser, recogniser = Synthesiser(), shared_recogniser()
    scenario = load_scenario_text(SHORT_SETUP, parts.vocabulary)
    session = parts.session(scenario, None)
    session.advance(2.0)
    commands = [
        "set the temperature to twenty two degrees",
        "open my window",
        "turn on the seat heater",
        "take me home",
        "fan to three",
    ]
    latencies, factors = [], []
    for text in commands * 4:
        speech = synthesiser.synthesise(text)
        samples = np.asarray(speech.samples)
        started = time.perf_counter()
        heard = recogniser.recognise(samples, speech.rate)
        session.cockpit.hear("driver", heard.command or heard.text, session.now_s)
        latencies.append((time.perf_counter() - started) * 1000)
        factors.append(heard.rtf)
    session.finish()
    latencies.sort()
    return {
        "speech_end_to_action_median_ms": round(statistics.median(latencies), 1),
        "speech_end_to_action_max_ms": round(latencies[-1], 1),
        "recognition_rtf_median": round(statistics.median(factors), 3),
    }


def _replay_scaling(parts: Parts) -> dict[str, Any]:
    from runner.sweep.bench import replay_scaling

    return replay_scaling(parts, DRIVE_30_MIN)


def _sweep_throughput(parts: Parts) -> dict[str, Any]:
    from runner.sweep.bench import sweep_throughput

    return sweep_throughput(DRIVE_30_MIN)


MEASUREMENTS: dict[str, Measurement] = {
    "replay": _replay_30_min,
    "nlu": _nlu_latency,
    "utterance_to_action": _utterance_to_action,
    "proactive": _proactive_scoring,
    "voice": _voice,
    "dashboard": _dashboard,
    "replay_scaling": _replay_scaling,
    "sweep": _sweep_throughput,
}
BUDGETS = {
    "replay_speed_x": (">=", 300),
    "nlu_median_ms": ("<=", 1.0),
    "nlu_p99_ms": ("<=", 3.0),
    "nlu_model_mb": ("<=", 30.0),
    "nlu_load_ms": ("<=", 200),
    "utterance_to_action_median_ms": ("<=", 20.0),
    "peak_memory_mb": ("<=", 300),
    "proactive_score_median_ms": ("<=", 0.2),
    "dashboard_fps_1920x720_at_10x": (">=", 60),
    "cold_start_to_first_frame_ms": ("<=", 2000),
    "speech_end_to_action_median_ms": ("<=", 150),
    "recognition_rtf_median": ("<=", 0.1),
    "sweep_parallel_efficiency": (">=", 0.8),
    "sweep_all_workers_overhead_s_per_run": ("<=", 1.0),
}


def _within(value: float, rule: tuple[str, float]) -> bool:
    operator, limit = rule
    return value >= limit if operator == ">=" else value <= limit


def run_bench(parts: Parts) -> int:
    parts.require_all()  # a broken part is one message (exit 2) before any figure, not an error per figure
    figures: dict[str, Any] = {}
    for name, measure in MEASUREMENTS.items():
        try:
            figures.update(measure(parts))
        except (OSError, ImportError, RuntimeError, ValueError) as error:
            figures[f"{name}_error"] = f"{type(error).__name__}: {error}"
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures, indent=2))
    print(f"\n{'figure':34} {'value':>12}  budget")
    for key, value in figures.items():
        rule = BUDGETS.get(key)
        verdict = (
            ""
            if rule is None or not isinstance(value, int | float)
            else f"{rule[0]} {rule[1]:g}  {'ok' if _within(value, rule) else 'OVER'}"
        )
        print(f"{key:34} {value!s:>12}  {verdict}", file=sys.stdout)
    return 0
