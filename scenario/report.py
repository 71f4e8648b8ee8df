"""Report writers: report.json and junit.xml (contract outputs of a run) and the terminal summary.

Every run that starts writes both at once (`write_started_outputs`, report.json `"status": "running"`), and
replaces them when it ends with `"status"` `finished`, `interrupted` or `error`; so a folder whose report still
says `running` holds a run that was killed (SIGKILL, power loss) and `read_run_status` tells which kind a folder
holds. Both files are replaced atomically (a temporary file renamed over them), so neither is ever half
written; the started ones reserve room on the disk, so that on a full disk the final report can still be
written over them in place. junit.xml is always well-formed XML 1.0: characters XML forbids (control
characters, lone surrogates) are written as visible `\\xNN` / `\\uNNNN` escapes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path

from scenario.expectations import ExpectationResult
from scenario.model import Scenario

REPORT_FORMAT_VERSION = 1
REPORT_FILE, JUNIT_FILE = "report.json", "junit.xml"
RUN_STATUSES = ("running", "finished", "interrupted", "error")
RESERVED_BYTES = 16_384  # room the started files keep on the disk for the final ones (trailing whitespace)
# Not allowed anywhere in an XML 1.0 document: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def run_status(ended: str | None) -> str:
    """report.json's `status` for a run's `run.ended` (completed, interrupted, bad_input, internal_error...)."""
    return {"completed": "finished", "interrupted": "interrupted", "running": "running"}.get(ended or "", "error")


def read_run_status(out_dir: Path) -> str | None:
    """What the run folder holds: running (a run that never finished: killed), finished, interrupted or error;
    None when it holds no report.json (or one this version cannot read)."""
    try:
        report = json.loads((out_dir / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict):
        return None
    status = report.get("status")
    if status in RUN_STATUSES:
        return status
    run = report.get("run")  # a report written before `status` existed
    return run_status(run.get("ended")) if isinstance(run, dict) else None


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold written as a visible escape (\\x07, \\ud800)."""
    return _NOT_XML.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _write_whole(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; on a full disk, over the old file in place when it has the room."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
        return
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        try:
            fits = path.stat().st_size >= len(data)
        except OSError:
            fits = False
        if not fits:
            raise
    with path.open("r+b") as handle:  # the blocks are the old file's: no new room is needed
        handle.write(data)
        handle.truncate()


def _json_bytes(report: dict, reserve: int = 0) -> bytes:
    # default=str: values from the sim may be enums or numpy scalars; a report must still be written.
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"
    # A lone surrogate (from a name or an utterance) cannot be UTF-8: written as the JSON escape \\udXXX.
    data = text.encode("utf-8", errors="backslashreplace")
    return data + b" " * max(reserve - len(data), 0)


def _scenario_fields(scenario: Scenario) -> dict:
    return {
        "name": scenario.name,
        "description": scenario.description,
        "file": str(scenario.source_path),
        "seed": scenario.seed,
        "duration_s": scenario.duration_s,
    }


def write_started_outputs(out_dir: Path, scenario: Scenario) -> None:
    """report.json (`"status": "running"`) and junit.xml (a `run` case in error) for a run that starts: what
    the folder says if the process is killed before it writes the real ones. OSError if out_dir cannot be
    written."""
    report = {
        "format_version": REPORT_FORMAT_VERSION,
        "status": "running",
        "scenario": _scenario_fields(scenario),
        "run": {"ended": "running"},
        "passed": False,
        "counts": {"total": 0, "passed": 0, "failed": 0},
        "expectations": [],
    }
    _write_whole(out_dir / REPORT_FILE, _json_bytes(report, RESERVED_BYTES))
    message = (
        "the run started and has not ended; if no run is going on, it was killed (SIGKILL, power loss) "
        "before it could write its report"
    )
    junit = _junit_bytes(scenario, [], message)
    _write_whole(out_dir / JUNIT_FILE, junit + b" " * max(RESERVED_BYTES - len(junit), 0))


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


def write_report_json(path: Path, scenario: Scenario, results: Sequence[ExpectationResult], run_info: dict) -> None:
    """report.json: `status` (finished, interrupted or error, from `run_info["ended"]`), the scenario, `run_info`
    as given (seed, durations, speed, versions) and every result. Replaced whole; on a full disk without the
    room for every result, the report without its expectations' details (`"expectations_left_out": true`)."""
    failed = sum(not result.passed for result in results)
    report = {
        "format_version": REPORT_FORMAT_VERSION,
        "status": run_status(run_info.get("ended", "completed")),
        "scenario": _scenario_fields(scenario),
        "run": run_info,
        "passed": failed == 0,
        "counts": {"total": len(results), "passed": len(results) - failed, "failed": failed},
        "expectations": [result_to_dict(result) for result in results],
    }
    try:
        _write_whole(path, _json_bytes(report))
    except OSError:
        if not results:
            raise
        _write_whole(path, _json_bytes({**report, "expectations": [], "expectations_left_out": True}))


def write_junit(path: Path, scenario: Scenario, results: Sequence[ExpectationResult], error: str | None = None) -> None:
    """junit.xml: one testsuite per scenario, one testcase per expectation (CI systems read this); `error`
    (what ended the run early) adds a `run` testcase in error. Always well-formed; replaced whole."""
    _write_whole(path, _junit_bytes(scenario, results, error))


def _junit_bytes(scenario: Scenario, results: Sequence[ExpectationResult], error: str | None) -> bytes:
    failed = sum(not result.passed for result in results)
    tests = len(results) + (error is not None)
    errors = int(error is not None)
    suites = ElementTree.Element("testsuites", tests=str(tests), failures=str(failed), errors=str(errors))
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name=xml_safe(scenario.name),
        tests=str(tests),
        failures=str(failed),
        errors=str(errors),
        skipped="0",
        file=xml_safe(str(scenario.source_path)),
    )
    for result in results:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name=xml_safe(result.id),
            classname=xml_safe(f"scenario.{scenario.name}"),
            file=xml_safe(str(result.location.file)),
            line=str(result.location.line),
        )
        if not result.passed:
            summary = f"expected {result.expected}; actual {_format_actual(result)}"
            failure = ElementTree.SubElement(case, "failure", message=xml_safe(summary), type="ExpectationFailed")
            failure.text = xml_safe(
                f"{result.location}: {result.kind}: {result.expression}\n"
                f"expected: {result.expected}\nactual: {_format_actual(result)}\n{result.message}\n"
            )
    if error is not None:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name="run",
            classname=xml_safe(f"scenario.{scenario.name}"),
            file=xml_safe(str(scenario.source_path)),
            line="1",
        )
        ElementTree.SubElement(case, "error", message=xml_safe(error), type="RunError").text = xml_safe(error) + "\n"
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="utf-8", xml_declaration=True)


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
