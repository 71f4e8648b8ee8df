from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from scenario.expectations import ExpectationMonitor
from scenario.loader import load_scenario_text
from scenario.report import format_summary, write_junit, write_report_json
from scenario.vocabulary import SignalInfo, Vocabulary

SPEED = "Vehicle.Speed"
SCENARIO = f"""\
name: report_demo
duration: 20s
expect:
  - id: gets_moving
    within: 3s
    after: 1s
    that: {SPEED} > 10
  - id: never_fast
    never: {SPEED} > 100
"""


@pytest.fixture
def run(tmp_path):
    vocabulary = Vocabulary(signals={SPEED: SignalInfo("km/h")})
    path = tmp_path / "report_demo.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    scenario = load_scenario_text(SCENARIO, vocabulary, path)
    monitor = ExpectationMonitor(scenario.expectations)
    for index in range(201):
        t = index * 0.1
        monitor.observe(t, {SPEED: 12.0 * t}.get)  # reaches 10 km/h at ~0.83 s, 100 km/h at ~8.3 s
    return scenario, monitor.finish(20.0)


def test_report_json_lists_every_expectation(tmp_path, run):
    scenario, results = run
    path = tmp_path / "out" / "report.json"
    write_report_json(path, scenario, results, {"seed": 0, "sim_duration_s": 20.0, "wall_time_s": 0.1})
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["passed"] is False
    assert report["counts"] == {"total": 2, "passed": 1, "failed": 1}
    assert report["run"]["seed"] == 0
    first, second = report["expectations"]
    assert first["id"] == "gets_moving" and first["passed"] is True and first["time_s"] == pytest.approx(1.0)
    assert first["units"] == {SPEED: "km/h"} and first["location"].endswith("report_demo.yaml:4")
    assert second["passed"] is False and second["actual"][SPEED] > 100
    assert set(first) == {
        "id",
        "kind",
        "expression",
        "expected",
        "actual",
        "units",
        "time_s",
        "passed",
        "message",
        "location",
    }


def test_junit_is_parseable_with_one_failure(tmp_path, run):
    scenario, results = run
    path = tmp_path / "junit.xml"
    write_junit(path, scenario, results)
    root = ElementTree.parse(path).getroot()
    suite = root.find("testsuite")
    assert suite.get("name") == "report_demo" and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert cases["gets_moving"].find("failure") is None
    failure = cases["never_fast"].find("failure")
    assert "expected false at every sample" in failure.get("message")
    assert "actual Vehicle.Speed=" in failure.get("message")


def test_summary_marks_pass_and_fail(run):
    _, results = run
    summary = format_summary(results)
    lines = summary.splitlines()
    assert lines[1].startswith("✓ gets_moving") and lines[2].startswith("✗ never_fast")
    assert "km/h" in lines[2] and lines[-1] == "1 passed, 1 failed"
