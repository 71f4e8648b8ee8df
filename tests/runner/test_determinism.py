"""Same scenario and seed → identical trace and bus-log bytes; another seed → a different drive."""

from __future__ import annotations

import hashlib
from pathlib import Path

from runner.assembly import Parts
from tests.golden.regenerate import SCENARIO


def _run(parts: Parts, out_dir: Path, seed: int | None = None) -> tuple[str, str]:
    scenario = parts.load_scenario(SCENARIO)
    if seed is not None:
        from dataclasses import replace

        scenario = replace(scenario, seed=seed)
    parts.session(scenario, out_dir).run()
    digest = lambda name: hashlib.sha256((out_dir / name).read_bytes()).hexdigest()  # noqa: E731
    return digest("trace.jsonl"), digest("bus.log")


def test_same_seed_gives_identical_bytes(tmp_path: Path, parts: Parts) -> None:
    assert _run(parts, tmp_path / "a") == _run(parts, tmp_path / "b")


def test_another_seed_gives_another_trace(tmp_path: Path, parts: Parts) -> None:
    assert _run(parts, tmp_path / "a")[0] != _run(parts, tmp_path / "c", seed=43)[0]
