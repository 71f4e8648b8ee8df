"""The window under SDL's dummy driver: it renders, its controls reach the bus, typing reaches the assistant."""

from __future__ import annotations

import pygame
import pytest

from cockpit.ui.layout import compute_layout
from tests.ui.conftest import FIXED_PHRASE

DRIVER_SET_POINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"


def _colours(surface: pygame.Surface, rect: pygame.Rect, step: int = 6) -> int:
    """How many distinct colours a grid of samples over `rect` finds."""
    seen = set()
    for x in range(rect.left + 2, rect.right - 2, step):
        for y in range(rect.top + 2, rect.bottom - 2, step):
            seen.add(tuple(surface.get_at((x, y)))[:3])
    return len(seen)


def _run_sim(app, seconds: float, warp: float = 60.0, fps: float = 30.0) -> None:
    app.controller.set_warp(warp)
    for _ in range(round(seconds / warp * fps)):
        app.frame(1 / fps)


@pytest.mark.parametrize("size", [(1920, 720), (1280, 480)])
def test_renders_cockpit_regions(make_app, size, tmp_path):
    app = make_app(size=size)
    _run_sim(app, 20.0)
    assert app.screen.get_size() == size
    layout = compute_layout(*size)
    for name in ("strip", "map", "assistant", "climate"):
        assert _colours(app.screen, getattr(layout, name)) >= 5, f"{name} looks blank"
    if size == (1920, 720):
        shot = tmp_path / "dashboard.png"
        app.screenshot(str(shot))
        assert pygame.image.load(str(shot)).get_size() == size


def test_frames_at_10x_warp_advance_the_simulation_ten_times_the_frame_time(make_app):
    """The frame rate itself is measured by `python main.py bench`; here, what a frame must do at a warp."""
    app = make_app(size=(1920, 720), fps_cap=0)
    app.controller.set_warp(10.0)
    app.frame(1 / 60)
    before, expected = app.controller.session.now_s, 0.0
    for _ in range(90):
        expected += app.controller.effective_warp / 60  # 10x, or 1x while a card waits for an answer
        app.frame(1 / 60)
    assert app.controller.session.now_s - before == pytest.approx(expected, abs=0.02)
    assert expected > 90 / 60  # some of it at 10x


def test_climate_plus_sends_the_hvac_command_and_the_set_point_rises(make_app):
    app = make_app()
    _run_sim(app, 5.0)
    session = app.controller.session
    before = session.cockpit.store.last(DRIVER_SET_POINT)
    assert before is not None
    sent = []
    original_send = session.cockpit_port.send

    def spy(message_name, values, time_s):
        sent.append((message_name, dict(values)))
        return original_send(message_name, values, time_s)

    session.cockpit_port.send = spy
    plus = app.scene.layout.climate_buttons[("driver", +1)]
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=plus.center))
    app.controller.set_warp(1.0)
    app.frame(1 / 60)
    hvac = [values for name, values in sent if name == "CCU_HVAC_Cmd"]
    assert hvac and hvac[0]["DriverSetPointRequest"] == before + 0.5
    assert app.controller.feed.actions[-1].source == "ui"
    app.controller.step(1.0)
    after = session.cockpit.store.last(DRIVER_SET_POINT)
    assert after - before in (0.5, 1.0)


def test_typed_utterance_and_reply_reach_the_conversation(make_app):
    app = make_app()
    _run_sim(app, 3.0)
    app.scene.text_input.seat_index = 0
    for event in (
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"),
        pygame.event.Event(pygame.TEXTINPUT, text=FIXED_PHRASE),
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"),
    ):
        pygame.event.post(event)
    app.frame(1 / 60)
    conversation = app.scene.state.conversation
    mine = [i for i, line in enumerate(conversation) if line.speaker == "user" and line.text == FIXED_PHRASE]
    assert mine, "the typed utterance is not in the conversation"
    assert conversation[mine[-1]].seat == "driver"
    replies = [line for line in conversation[mine[-1] + 1 :] if line.speaker == "assistant"]
    assert replies and replies[0].seat == "driver" and replies[0].text
    assert app.scene.text_input.text == ""


def test_keyboard_controls(make_app):
    app = make_app()
    app.frame(1 / 60)

    def press(key):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
        app.frame(0.0)

    press(pygame.K_3)
    assert app.controller.warp == 60.0
    press(pygame.K_SPACE)
    assert app.controller.paused
    now = app.controller.now_s
    app.frame(0.5)
    assert app.controller.now_s == now  # paused: no time passes
    press(pygame.K_s)
    assert app.controller.now_s == pytest.approx(now + 1.0, abs=0.02)
    press(pygame.K_h)
    assert app.scene.show_help
    press(pygame.K_F1)
    assert not app.scene.show_help
    press(pygame.K_TAB)
    assert app.scene.text_input.seat == "passenger"
    press(pygame.K_r)
    assert app.controller.now_s < 0.1
