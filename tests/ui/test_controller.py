"""The simulation does not depend on frame timing; the app falls back to headless without a display."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.ui.controller import MAX_LAG_WALL_S, SIM_SLICE_S, SimController
from runner import app_command
from runner.session import RunSession


def _records(parts, scenario, understander, chunks):
    records = []

    def factory():
        session = RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander)
        session.trace.subscribe(records.append)
        return session

    controller = SimController(factory, warp=1.0)
    for dt in chunks:
        controller.update(dt)
    controller.close()
    return [r for r in records if r["type"] != "run_end"]


def test_trace_is_the_same_whatever_the_frame_timing(parts, scenario, understander):
    uneven = [0.016, 0.05, 0.0, 0.033, 0.1, 0.007] * 40
    total = sum(uneven)
    even = _records(parts, scenario, understander, [total / 16] * 16)  # each within the per-frame bound
    framed = _records(parts, scenario, understander, uneven)
    assert len(even) > 50
    assert framed == even


def test_a_slow_frame_is_bounded(parts, scenario, understander):
    controller = SimController(
        lambda: RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander), warp=60.0
    )
    controller.update(10.0)  # ten wall seconds at 60x would be 600 s of simulation
    # At most MAX_LAG_WALL_S of wall time's worth is caught up (a stall drops the rest), within one slice.
    assert 0 < controller.now_s <= MAX_LAG_WALL_S * 60.0 + SIM_SLICE_S
    controller.close()


def test_the_warp_shown_is_the_warp_achieved_and_a_card_slows_time(parts, scenario, understander):
    controller = SimController(
        lambda: RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander), warp=10.0
    )
    assert controller.achieved_warp is None
    for _ in range(60):
        controller.update(1 / 30)
    expected = controller.effective_warp
    assert controller.achieved_warp == pytest.approx(expected, rel=0.05)
    controller.close()


def test_display_detection():
    assert not app_command.display_available({}, "linux")
    assert app_command.display_available({"DISPLAY": ":0"}, "linux")
    assert app_command.display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert app_command.display_available({"SDL_VIDEODRIVER": "dummy"}, "linux")
    assert app_command.display_available({}, "darwin")


def test_no_display_runs_headless(monkeypatch, parts, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app_command.sys, "platform", "linux")
    calls = []

    def fake_run_scenarios(paths, *, out_root, speed, parts):
        calls.append((paths, out_root, speed))
        return 0

    monkeypatch.setattr("runner.run_command.run_scenarios", fake_run_scenarios)
    assert app_command.run_app(parts, Path("scenarios/winter_commute_home.yaml")) == 0
    assert calls == [([Path("scenarios/winter_commute_home.yaml")], Path("out"), None)]
    assert "headless" in capsys.readouterr().out


def test_app_window_writes_outputs_on_close(parts, tmp_path):
    scenario_path = Path(__file__).resolve().parents[2] / "scenarios" / "winter_commute_home.yaml"
    assert app_command.run_app(parts, scenario_path, max_frames=5, out_root=tmp_path) == 0
    out_dir = tmp_path / "winter_commute_home"
    assert (out_dir / "trace.jsonl").stat().st_size > 0
    assert (out_dir / "report.json").is_file()


def test_the_app_with_a_stand_in_understander_keeps_every_other_part(parts, scenario):
    """When the NLU model cannot load the app runs with a stand-in; the needs model and the home stay."""
    from runner.app_command import build_app
    from tests.ui.conftest import FixedPhraseUnderstanderDouble

    app = build_app(parts, scenario, None, understander=FixedPhraseUnderstanderDouble())
    try:
        cockpit = app.controller.session.cockpit
        assert isinstance(cockpit.understander, FixedPhraseUnderstanderDouble)
        if parts.optional(lambda: parts.need_scorer) is not None:
            assert cockpit.assistant.policy.score is not None  # the proactive model was not lost
    finally:
        app.close()


def test_run_opens_a_window_only_for_a_person_watching():
    assert app_command.person_watching({"DISPLAY": ":0"}, "linux")
    assert not app_command.person_watching({"DISPLAY": ":0", "SDL_VIDEODRIVER": "dummy"}, "linux")  # tests, CI
    assert not app_command.person_watching({}, "linux")


def test_main_with_a_scenario_opens_the_window_on_it(monkeypatch, tmp_path):
    from runner import cli

    opened = []
    monkeypatch.setattr(app_command, "run_app", lambda parts, path, **kwargs: opened.append(path) or 0)
    monkeypatch.setattr(app_command, "person_watching", lambda *a: True)
    scenario = Path("scenarios/arrival_home.yaml")
    assert cli.main(["--scenario", str(scenario)]) == 0
    assert cli.main(["run", str(scenario), "--out", str(tmp_path)]) == 0
    assert opened == [scenario, scenario]
