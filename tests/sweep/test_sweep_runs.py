"""`main.py sweep` end to end: variations checked before any run, parallel runs, the report, the re-run command
that gives the same trace bytes, and a worker that dies."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from runner.sweep.execute import Build, Task, run_local
from tests.sweep.worker_doubles import CRASH_MARK, crash_on_marked

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "arrival_home.yaml"
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


def main_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=ENV, timeout=900
    )


def test_a_bad_variation_is_refused_before_anything_runs(tmp_path: Path) -> None:
    done = main_py(
        "sweep", str(SCENARIO), "--vary", "seed=1,2", "--vary", "vehicle.trim=max,bogus", "--out", str(tmp_path / "out")
    )
    assert done.returncode == 2, done.stderr
    assert "variation arrival_home-0001 (seed=1, vehicle.trim=bogus)" in done.stderr
    assert "trim" in done.stderr and "Traceback" not in done.stderr
    assert not list((tmp_path / "out").rglob("report.json"))


@pytest.fixture(scope="module")
def small_sweep(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("sweep") / "out"
    # 40 s of a 15-minute drive: the car never arrives, so some expectations fail (and are reported as such).
    done = main_py(
        "sweep", str(SCENARIO), "--vary", "seed=1,2", "--vary", "duration=40s", "--workers", "2", "--out", str(out)
    )
    return out, done


def test_every_variation_runs_into_its_folder_with_its_scenario(small_sweep) -> None:
    out, done = small_sweep
    assert done.returncode == 1, done.stdout + done.stderr  # some expectations fail in 40 s
    report = json.loads((out / "sweep.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"runs": 2, "passed": 0, "failed": 2, "planned": 2}
    for run in report["runs"]:
        folder = out / run["key"]
        assert (folder / "scenario.yaml").is_file() and (folder / "trace.jsonl").is_file()
        assert json.loads((folder / "report.json").read_text())["status"] == "finished"
    rates = report["expectations"]
    assert rates["destination_set"]["pass_rate"] == 1.0 and rates["arrived"]["pass_rate"] == 0.0
    assert sorted(rates["arrived"]["failed_in"]) == ["arrival_home-0000", "arrival_home-0001"]
    assert report["metrics"]["energy_used_kwh"]["n"] == 2


def test_junit_has_a_case_per_run_and_expectation_and_the_page_stands_alone(small_sweep) -> None:
    out, _ = small_sweep
    suite = ElementTree.parse(out / "junit.xml").getroot()
    cases = suite.findall("testcase")
    assert len(cases) == 2 * 4 and int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<svg" in page and "arrival_home-0000" in page
    # Self-contained: nothing to fetch (no script, stylesheet link, or resource from elsewhere).
    assert "<script" not in page and "<link" not in page
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page)


def test_the_rerun_command_of_a_failed_run_gives_the_same_trace_bytes(small_sweep, tmp_path: Path) -> None:
    out, _ = small_sweep
    failed = json.loads((out / "sweep.json").read_text(encoding="utf-8"))["failed"][0]
    command = shlex.split(failed["rerun"])
    assert command[:2] == ["python", "main.py"] and command[-2] == "run"
    done = main_py(*command[2:], "--out", str(tmp_path / "again"), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    key = failed["key"]
    assert (tmp_path / "again" / key / "trace.jsonl").read_bytes() == (out / key / "trace.jsonl").read_bytes()


def _task(folder: Path, name: str, text: str) -> Task:
    run_dir = folder / name
    run_dir.mkdir(parents=True)
    (run_dir / "scenario.yaml").write_text(text, encoding="utf-8")
    return Task(name, name, Build("shipped"), str(run_dir / "scenario.yaml"), str(run_dir))


def test_a_worker_that_dies_fails_only_its_own_run_which_is_retried_once(tmp_path: Path) -> None:
    base = SCENARIO.read_text(encoding="utf-8").replace("duration: 15min", "duration: 20s")
    assert "duration: 20s" in base
    good = _task(tmp_path, "good", base.replace("name: arrival_home", "name: good"))
    doomed = _task(
        tmp_path,
        "doomed",
        base.replace("name: arrival_home", "name: doomed").replace("description:", f"description: {CRASH_MARK}", 1),
    )
    seen = []
    results = run_local([doomed, good], 2, seen.append, runner=crash_on_marked)
    assert sorted(r["key"] for r in seen) == ["doomed", "good"]
    assert results["doomed"]["passed"] is False and results["doomed"]["retried"] is True
    assert "died" in results["doomed"]["error"]
    assert results["good"]["exit_code"] in (0, 1) and results["good"]["expectations"]
    assert json.loads((tmp_path / "good" / "report.json").read_text())["status"] == "finished"


def test_two_models_run_every_variation_and_are_compared_side_by_side(tmp_path: Path) -> None:
    model = str(ROOT / "models" / "nlu" / "nlu.onnx")  # the same model twice: no difference may be reported
    done = main_py(
        "sweep",
        str(SCENARIO),
        "--vary",
        "seed=5",
        "--vary",
        "duration=20s",
        "--nlu-model",
        model,
        "--nlu-model",
        model,
        "--out",
        str(tmp_path / "out"),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads((tmp_path / "out" / "sweep.json").read_text(encoding="utf-8"))
    assert report["counts"]["runs"] == 2 and sorted(report["builds"]) == ["1-nlu", "2-nlu"]
    comparison = report["comparison"]
    assert comparison["differing_variations"] == []
    assert all(row["1-nlu"] == row["2-nlu"] for row in comparison["expectations"].values())
    first, second = (tmp_path / "out" / build / "arrival_home-0000" / "trace.jsonl" for build in ("1-nlu", "2-nlu"))
    assert first.read_bytes() == second.read_bytes()
    assert any("--nlu-model" in failed["rerun"] for failed in report["failed"])
