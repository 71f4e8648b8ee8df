"""Headless pictures: screenshots at events and expectations (the trace unchanged), and timeline.png."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from runner.run_command import write_outputs
from runner.screenshots import ScreenshotRecorder
from runner.session import RunSession
from runner.timeline_plot import SIZE, write_timeline

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "confirm_consequential.yaml"
NAME = re.compile(r"^\d{3}_\d+\.\ds_[A-Za-z0-9_.-]+\.png$")


def _run(parts, understander, out_dir: Path, screenshots: bool):
    scenario = parts.load_scenario(SCENARIO)
    session = RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander, out_dir=out_dir)
    recorder = ScreenshotRecorder(session, out_dir).install() if screenshots else None
    outcome = session.run()
    write_outputs(out_dir, scenario, outcome, None)
    shots = recorder.close() if recorder is not None else []
    return scenario, outcome, shots


@pytest.fixture(scope="module")
def runs(parts, understander, tmp_path_factory):
    root = tmp_path_factory.mktemp("shots")
    plain = _run(parts, understander, root / "plain", screenshots=False)
    pictured = _run(parts, understander, root / "pictured", screenshots=True)
    return root, plain, pictured


def test_trace_is_identical_with_and_without_screenshots(runs):
    root, _, _ = runs
    assert (root / "plain" / "trace.jsonl").read_bytes() == (root / "pictured" / "trace.jsonl").read_bytes()


def test_screenshots_at_events_and_expectations_are_written_and_not_blank(runs):
    root, _, (scenario, outcome, shots) = runs
    files = sorted((root / "pictured" / "screenshots").glob("*.png"))
    assert files == sorted(shots)
    timed = [r for r in outcome.results if r.time_s is not None]
    assert len(files) == len(scenario.events) + len(timed)
    assert all(NAME.match(f.name) for f in files), [f.name for f in files]
    times = [float(f.name.split("_")[1][:-1]) for f in files]
    assert times == sorted(times)
    assert any("expect_asked_first" in f.name for f in files) or not timed
    picture = pygame.image.load(str(files[0]))
    assert picture.get_size() == (1920, 720)
    colours = {tuple(picture.get_at((x, y)))[:3] for x in range(0, 1920, 37) for y in range(0, 720, 23)}
    assert len(colours) > 20


def test_timeline_png_is_written_with_its_size(runs):
    root, _, _ = runs
    path = write_timeline(root / "pictured")
    assert path == root / "pictured" / "timeline.png"
    picture = pygame.image.load(str(path))
    assert picture.get_size() == SIZE
    colours = {tuple(picture.get_at((x, y)))[:3] for x in range(0, SIZE[0], 29) for y in range(0, SIZE[1], 17)}
    assert len(colours) > 10


def test_every_picture_is_its_own_and_says_what_it_shows(runs):
    import hashlib

    root, _, (scenario, outcome, shots) = runs
    files = sorted((root / "pictured" / "screenshots").glob("*.png"))
    digests = [hashlib.sha256(pygame.image.tobytes(pygame.image.load(str(f)), "RGB")).hexdigest() for f in files]
    assert len(set(digests)) == len(files)  # two moments never give two identical pictures


def test_captions_name_the_event_or_the_verdict_and_no_frame_rate_is_drawn(parts, understander, tmp_path):
    scenario = parts.load_scenario(SCENARIO)
    session = RunSession(
        scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander, out_dir=tmp_path
    )
    recorder = ScreenshotRecorder(session, tmp_path).install()
    outcome = session.run()
    write_outputs(tmp_path, scenario, outcome, None)
    recorder.close()
    captions = [shot.caption for shot in recorder.shots]
    assert any(c.startswith("event ") for c in captions)
    assert any(c.startswith("expectation ") and c.endswith(("PASS", "FAIL")) for c in captions)
    assert recorder._scene.show_frame_rate is False
