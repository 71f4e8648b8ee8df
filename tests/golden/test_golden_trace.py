"""Golden replay: the pinned drive's trace must match its reference, numbers within a tolerance."""

from __future__ import annotations

import json
import math
from pathlib import Path

from tests.golden.regenerate import REFERENCE, replay_golden

RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-3


def _close(expected: object, actual: object) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isclose(expected, actual, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(_close(expected[k], actual[k]) for k in expected)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(map(_close, expected, actual))
    return expected == actual


def diff_traces(reference: list[dict], replay: list[dict], limit: int = 5) -> list[str]:
    differences = []
    for index, (expected, actual) in enumerate(zip(reference, replay, strict=False)):
        if not _close(expected, actual):
            differences.append(f"record {index + 1}: expected {expected}\n{' ' * 12}got      {actual}")
            if len(differences) >= limit:
                break
    if len(reference) != len(replay):
        differences.append(f"{len(reference)} records pinned, {len(replay)} replayed")
    return differences


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_replay_matches_the_pinned_trace(tmp_path: Path) -> None:
    replayed = _records(replay_golden(tmp_path))
    differences = diff_traces(_records(REFERENCE), replayed)
    assert not differences, "golden trace differs (python -m tests.golden.regenerate re-pins it):\n" + "\n".join(
        differences
    )


def test_the_diff_catches_a_changed_value() -> None:
    reference = _records(REFERENCE)
    changed = [dict(record) for record in reference]
    signal = next(r for r in changed if r["type"] == "signal" and isinstance(r["value"], float))
    signal["value"] += 0.5
    assert diff_traces(reference, changed)
    assert not diff_traces(reference, [dict(r) for r in reference])
