"""Report writers: report.json and junit.xml (contract outputs of a run) and the terminal summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path

from scenario.expectations import ExpectationResult
from scenario.model import Scenario

REPORT_FORMAT_VERSION = 1


def result_to_dict(result: ExpectationResult) -> dict:
    return {
        "id": result.id,
        "kind": result.kind,
        "expression": result.expression,
        "expected": result.expected,
        "actual": result.actual,
        "units": result.units,
        "time_s": result.time_s,
        "passed": result.passed,
        "message": result.message,
        "location": str(result.location),
    }


def write_report_json(
    path: Path, scenario: Scenario, results: Sequence[ExpectationResult], run_info: dict
) -> None:
    """report.json: the scenario, `run_info` as given (seed, durations, speed, versions) and every result."""
    failed = sum(not result.passed for result in results)
    report = {
        "format_version": REPORT_FORMAT_VERSION,
        "scenario": {
            "name": scenario.name,
            "description": scenario.description,
            "file": str(scenario.source_path),
            "seed": scenario.seed,
            "duration_s": scenario.duration_s,
        },
        "run": run_info,
        "passed": failed == 0,
        "counts": {"total": len(results), "passed": len(results) - failed, "failed": failed},
        "expectations": [result_to_dict(result) for result in results],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # default=str: values from the sim may be enums or numpy scalars; a report must still be written.
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")


def write_junit(
    path: Path, scenario: Scenario, results: Sequence[ExpectationResult], error: str | None = None
) -> None:
    """junit.xml: one testsuite per scenario, one testcase per expectation (CI systems read this); `error`
    (what ended the run early) adds a `run` testcase in error."""
    failed = sum(not result.passed for result in results)
    tests = len(results) + (error is not None)
    errors = int(error is not None)
    suites = ElementTree.Element("testsuites", tests=str(tests), failures=str(failed), errors=str(errors))
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name=scenario.name,
        tests=str(tests),
        failures=str(failed),
        errors=str(errors),
        skipped="0",
        file=str(scenario.source_path),
    )
    for result in results:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name=result.id,
            classname=f"scenario.{scenario.name}",
            file=result.location.file,
            line=str(result.location.line),
        )
        if not result.passed:
            summary = f"expected {result.expected}; actual {_format_actual(result)}"
            failure = ElementTree.SubElement(case, "failure", message=summary, type="ExpectationFailed")
            failure.text = (
                f"{result.location}: {result.kind}: {result.expression}\n"
                f"expected: {result.expected}\nactual: {_format_actual(result)}\n{result.message}\n"
            )
    if error is not None:
        case = ElementTree.SubElement(suite, "testcase", name="run", classname=f"scenario.{scenario.name}",
                                      file=str(scenario.source_path), line="1")
        ElementTree.SubElement(case, "error", message=error, type="RunError").text = error + "\n"
    ElementTree.indent(suites)
    path.parent.mkdir(parents=True, exist_ok=True)
    ElementTree.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)


def format_summary(results: Sequence[ExpectationResult]) -> str:
    """A short table for the terminal: ✓/✗, id, expected, actual, time."""
    rows = [("  expectation", "expected", "actual", "time")]
    for result in results:
        time = f"{result.time_s:.1f} s" if result.time_s is not None else "-"
        mark = "✓" if result.passed else "✗"
        rows.append((f"{mark} {result.id}", result.expected, _format_actual(result), time))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in rows
    ]
    failed = sum(not result.passed for result in results)
    lines.append(f"{len(results) - failed} passed, {failed} failed")
    return "\n".join(line.rstrip() for line in lines)


def _format_actual(result: ExpectationResult) -> str:
    if isinstance(result.actual, str):
        return result.actual
    parts = []
    for name, value in result.actual.items():
        units = result.units.get(name)
        shown = (
            "missing"
            if value is None
            else f"{value:g}"
            if isinstance(value, float)
            else repr(value)
            if isinstance(value, str)
            else str(value)
        )
        parts.append(f"{name}={shown}" + (f" {units}" if units and value is not None else ""))
    return ", ".join(parts) or "-"
