"""The figures a sweep compares across runs, read from one run's trace and report (one pass over the trace).

Each metric is named with its unit; a run where a metric does not apply (no set point was ever reached) has
None for it, which the report leaves out of that metric's distribution.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from canbus import vss

SET_POINT_REACHED_C = 1.0  # the cabin is "at the set point" within this much of the driver's


METRICS: dict[str, str] = {  # name -> what it is, with its unit
    "time_to_set_point_s": "time until the cabin is within 1 °C of the driver's set point (s)",
    "energy_used_kwh": "battery energy used over the run (kWh)",
    "suggestions_offered_per_h": "proactive suggestions offered per simulated hour",
    "suggestions_dismissed_per_h": "suggestions dismissed per simulated hour",
    "alerts": "driver alerts raised (level 1 or more)",
    "replay_speed_x": "simulated seconds per wall second",
    "nlu_latency_median_ms": "median wall time of one understanding (ms; measured by the sweep's worker)",
}


def run_metrics(trace_path: Path, run: dict[str, Any]) -> dict[str, float | None]:
    offered = dismissed = alerts = 0
    first_energy: float | None = None
    last_energy: float | None = None
    cabin = set_point = None
    reached_s = None
    try:
        lines = trace_path.open(encoding="utf-8")
    except OSError:
        lines = None
    if lines is not None:
        with lines:
            for line in lines:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                kind = record.get("type")
                if kind == "signal":
                    path, value = record.get("path"), record.get("value")
                    if path == vss.ENERGY and isinstance(value, int | float):
                        first_energy = value if first_energy is None else first_energy
                        last_energy = value
                    elif path == vss.CABIN_TEMPERATURE:
                        cabin = value
                    elif path == vss.SET_POINT_PATH["driver"]:
                        set_point = value
                    if (
                        reached_s is None
                        and isinstance(cabin, int | float)
                        and isinstance(set_point, int | float)
                        and abs(cabin - set_point) <= SET_POINT_REACHED_C
                    ):
                        reached_s = record.get("t")
                elif kind == "suggestion":
                    status = record.get("status")
                    offered += status == "offered"
                    dismissed += status == "dismissed"
                elif kind == "alert" and (record.get("level") or 0) > 0:
                    alerts += 1
    hours = (run.get("sim_seconds") or 0) / 3600
    wall = run.get("wall_seconds") or 0
    energy_used_kwh = None if first_energy is None or last_energy is None else round(first_energy - last_energy, 3)
    return {
        "time_to_set_point_s": reached_s,
        "energy_used_kwh": energy_used_kwh,
        "suggestions_offered_per_h": round(offered / hours, 3) if hours else None,
        "suggestions_dismissed_per_h": round(dismissed / hours, 3) if hours else None,
        "alerts": alerts,
        "replay_speed_x": round(run["sim_seconds"] / wall, 1) if wall and run.get("sim_seconds") else None,
    }
