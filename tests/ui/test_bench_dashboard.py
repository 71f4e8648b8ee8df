"""The bench's dashboard measurement runs in its own process and says what it measured (figures are not judged
here: a test never asserts a speed)."""

from __future__ import annotations

import shutil

import pytest

from runner.bench_dashboard import XvfbServer, _measure_child
from runner.cli import DEFAULT_SCENARIO


def test_a_child_measurement_reports_every_figure():
    figures = _measure_child("dummy", {"SDL_VIDEODRIVER": "dummy"}, DEFAULT_SCENARIO, 5)
    for name in (
        "dashboard_fps",
        "dashboard_frames_per_cpu_s",
        "dashboard_achieved_warp",
        "baseline_fps",
        "dashboard_to_baseline",
        "sim_alone_x",
        "cold_start_to_first_frame_ms",
    ):
        value = figures.get(f"{name}_dummy")
        assert isinstance(value, int | float) and value > 0, (name, figures)


def test_a_broken_child_is_an_error_figure_not_a_crash(tmp_path):
    figures = _measure_child("dummy", {"SDL_VIDEODRIVER": "dummy"}, tmp_path / "missing.yaml", 5)
    assert list(figures) == ["dashboard_dummy_error"] and "missing.yaml" in figures["dashboard_dummy_error"]


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="no Xvfb on this machine")
def test_the_bench_starts_and_stops_its_own_xvfb():
    server = XvfbServer.start()
    assert server is not None and server.display.startswith(":")
    server.stop()
    assert server.process.poll() is not None
