"""The same sweep on a local Ray instance and on local worker processes: identical trace bytes per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sweep.test_sweep_runs import SCENARIO, main_py

pytest.importorskip("ray")


def test_a_ray_sweep_and_a_local_sweep_give_identical_traces(tmp_path: Path) -> None:
    common = [str(SCENARIO), "--vary", "seed=3,4", "--vary", "duration=20s"]
    local = main_py("sweep", *common, "--workers", "2", "--out", str(tmp_path / "local"))
    on_ray = main_py("sweep", *common, "--ray", "local", "--out", str(tmp_path / "ray"))
    assert local.returncode == on_ray.returncode == 1, on_ray.stdout + on_ray.stderr
    local_report = json.loads((tmp_path / "local" / "sweep.json").read_text(encoding="utf-8"))
    ray_report = json.loads((tmp_path / "ray" / "sweep.json").read_text(encoding="utf-8"))
    keys = sorted(run["key"] for run in local_report["runs"])
    assert keys == sorted(run["key"] for run in ray_report["runs"]) and len(keys) == 2
    for key in keys:
        ours, theirs = tmp_path / "local" / key, tmp_path / "ray" / key
        assert (theirs / "trace.jsonl").read_bytes() == (ours / "trace.jsonl").read_bytes(), key
        assert (theirs / "bus.log").read_bytes() == (ours / "bus.log").read_bytes(), key
    assert local_report["expectations"] == ray_report["expectations"]
