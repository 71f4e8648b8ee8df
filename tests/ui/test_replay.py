"""Replay: the state rebuilt from the trace equals the live state; the scrubber marks the expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from cockpit.ui.controller import SimController
from runner.run_command import write_outputs
from runner.session import RunSession

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "confirm_consequential.yaml"
TIMES = (4.0, 5.0, 12.3, 14.0, 47.5)
SIGNAL_FIELDS = (
    "speed_kph",
    "gear",
    "soc_pct",
    "range_km",
    "cabin_temp_c",
    "outside_temp_c",
    "set_points",
    "seat_heat",
    "position",
    "destination_id",
    "fatigue_pct",
    "hvac_on",
    "fan_level",
    "local_time",
    "stale",
    "stale_messages",
)


@pytest.fixture(scope="module")
def recorded(parts, understander, tmp_path_factory):
    """A finished run of a short scenario, with the live dashboard states at a few times."""
    out_dir = tmp_path_factory.mktemp("replay") / "confirm_consequential"
    scenario = parts.load_scenario(SCENARIO)

    def factory():
        return RunSession(
            scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander, out_dir=out_dir
        )

    def finish(session, outcome, warp):
        write_outputs(out_dir, session.scenario, outcome, warp)

    controller = SimController(factory, on_finish=finish)
    live = {}
    for t in TIMES:
        controller.session.advance(t)
        live[t] = controller.state()
    controller.session.advance(scenario.duration_s)
    controller.close()
    return out_dir, live


@pytest.fixture(scope="module")
def model(recorded, parts):
    from runner.app_command import load_replay_model

    return load_replay_model(recorded[0], parts)


def test_replay_state_equals_live_state(recorded, model):
    _, live = recorded
    for t, expected in live.items():
        state = model.state_at(t)
        for name in SIGNAL_FIELDS:
            assert getattr(state, name) == getattr(expected, name), f"{name} at {t} s"
        assert state.conversation == expected.conversation, f"conversation at {t} s"
        assert state.actions == expected.actions and state.driver_alerts == expected.driver_alerts
        assert (state.card and state.card.need) == (expected.card and expected.card.need), f"card at {t} s"
        assert [(h.key, h.value) for h in state.home] == [(h.key, h.value) for h in expected.home], f"home at {t}"


def test_replay_goes_back_and_forth(model):
    late = model.state_at(60.0)
    early = model.state_at(4.0)
    assert len(early.conversation) <= len(late.conversation)
    assert model.state_at(60.0).conversation == late.conversation


def _replay_app(recorded, parts, size=(1920, 720)):
    from runner.app_command import build_replay_app

    return build_replay_app(parts, recorded[0], size=size)


def _key(app, key, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""))
    app.frame(0.0)


def test_scrubber_marks_expectations_and_a_click_jumps_there(recorded, parts):
    report = json.loads((recorded[0] / "report.json").read_text())
    app = _replay_app(recorded, parts)
    try:
        app.frame(0.0)
        scene, controller = app.scene, app.controller
        assert len(controller.marks) == len(report["expectations"]) > 0
        timed = [m for m in controller.marks if m.time_s is not None]
        assert timed
        mark = timed[-1]
        x = scene.x_of(mark.time_s)
        track = scene.layout.timeline_track
        colour = tuple(app.screen.get_at((x, track.top + 2)))[:3]
        assert colour == ((52, 214, 150) if mark.passed else (255, 77, 79))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, track.top + 3)))
        app.frame(0.0)
        assert controller.selected is not None and controller.selected.time_s == mark.time_s
        assert controller.now_s == pytest.approx(mark.time_s)
        assert scene.state.time_s == pytest.approx(mark.time_s)
    finally:
        app.close()


def test_scrubber_keys_drag_and_play(recorded, parts):
    app = _replay_app(recorded, parts, size=(1280, 480))
    try:
        app.frame(0.0)
        controller, scene = app.controller, app.scene
        _key(app, pygame.K_RIGHT)
        assert controller.now_s == pytest.approx(1.0)
        _key(app, pygame.K_RIGHT, pygame.KMOD_LSHIFT)
        assert controller.now_s == pytest.approx(11.0)
        _key(app, pygame.K_LEFT)
        assert controller.now_s == pytest.approx(10.0)
        _key(app, pygame.K_END)
        assert controller.now_s == controller.duration_s
        _key(app, pygame.K_HOME)
        assert controller.now_s == 0.0
        _key(app, pygame.K_3)
        _key(app, pygame.K_SPACE)
        assert not controller.paused and controller.warp == 60.0
        app.frame(0.1)  # one frame's wall time (at most 0.1 s) × 60
        assert controller.now_s == pytest.approx(6.0)
        _key(app, pygame.K_SPACE)
        track = scene.layout.timeline_track
        middle = (track.centerx, track.centery)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(track.left + 1, middle[1])))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=middle, rel=(1, 0), buttons=(1, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=middle))
        app.frame(0.0)
        assert controller.now_s == pytest.approx(controller.duration_s / 2, abs=controller.duration_s / 100)
    finally:
        app.close()


def test_run_replay_rejects_a_folder_without_trace(tmp_path, parts, capsys):
    from runner.app_command import run_replay

    assert run_replay(tmp_path, parts=parts, max_frames=1) == 2
    assert "trace.jsonl" in capsys.readouterr().err


def test_run_replay_opens_and_closes(recorded, parts):
    from runner.app_command import run_replay

    assert run_replay(recorded[0], parts=parts, max_frames=3) == 0


def test_the_replay_view_has_no_live_control(recorded, parts):
    """Nothing on a replay's screen acts on a car: no typing box, no set point buttons, no push-to-talk."""
    app = _replay_app(recorded, parts, size=(1920, 720))
    try:
        app.frame(0.0)
        scene, controller = app.scene, app.controller
        _key(app, pygame.K_RETURN)
        _key(app, pygame.K_t)
        assert not scene.text_input.focused
        layout = scene.layout
        for rect in (layout.input_box, *layout.climate_buttons.values()):
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=rect.center))
            app.frame(0.0)
        assert not scene.text_input.focused
        assert not any("cannot be changed" in note for note in controller.notices)  # nothing was even tried
        _key(app, pygame.K_p)
        assert not any("listening" in note or "microphone" in note for note in controller.notices)
    finally:
        app.close()
