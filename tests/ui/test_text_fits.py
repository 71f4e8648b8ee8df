"""No text leaves its box: every string the dashboard draws is whole inside the widget it belongs to (the `box`
each `draw.text` names), and inside the window, at the three supported sizes, in English and in Mandarin, with
long requests, a long notice and a long card, in every scene: live (history folded and unfolded, home panel and
developer bar open), help page, replay (a mark selected). Measured with the font: the rectangles pygame blits."""

from __future__ import annotations

import pygame
import pytest

from cockpit.actions import Action
from cockpit.proactive.policy import Suggestion
from cockpit.ui.widgets import draw

LONG_EN = (
    "please set the temperature of the rear left zone to twenty-three and a half degrees and open the window a bit"
)
LONG_ZH = "请把后排左边的空调温度调到二十三度半然后把车窗稍微打开一点再导航去济南酒店顺便把座椅加热打开"
LONG_CARD = "We are almost home and it is very cold outside: shall I warm up the living room and open the garage?"
SIZES = [(1920, 720), (1280, 480), (1440, 900)]


def record_boxes(screen: pygame.Surface, monkeypatch) -> list[tuple[str, pygame.Rect, pygame.Rect | None]]:
    drawn: list[tuple[str, pygame.Rect, pygame.Rect | None]] = []
    original = draw.text

    def recording(surface, fonts, value, size, colour, pos, **kwargs):
        rect = original(surface, fonts, value, size, colour, pos, **kwargs)
        if surface is screen:
            drawn.append((value, rect, kwargs.get("box")))
        return rect

    monkeypatch.setattr(draw, "text", recording)
    return drawn


def assert_every_text_fits(drawn, window: pygame.Rect) -> None:
    assert len(drawn) > 20, "too little was drawn to judge"
    no_box = [value for value, _, box in drawn if box is None]
    assert no_box == [], f"texts drawn without naming their box: {no_box[:5]}"
    spilled = [(value, tuple(rect), tuple(box)) for value, rect, box in drawn if not box.contains(rect)]
    assert spilled == [], spilled[:5]
    off_screen = [(value, tuple(rect)) for value, rect, _ in drawn if not window.contains(rect)]
    assert off_screen == [], off_screen[:5]


def _busy_live_app(make_app, size, last_language: str):
    app = make_app(size=size)
    app.controller.set_warp(10.0)
    for _ in range(5):
        app.frame(1 / 30)
    session = app.controller.session
    action = Action("home.open", {"device": "garage"}, source="proactive", seat="driver")
    session.cockpit.assistant.offer(
        Suggestion("garage_open", "offer", (action,), "garage", {}, 0.9), session.now_s, "driver"
    )
    session.trace.record(session.now_s, "utterance", speaker="assistant", seat="driver", text=LONG_CARD, lang="en")
    session.trace.record(session.now_s, "alert", kind="distraction", level=2)
    first, last = (LONG_EN, LONG_ZH) if last_language == "zh" else (LONG_ZH, LONG_EN)
    app.controller.say("driver", first)
    app.controller.say("passenger", last)
    app.controller.notices.append("notice: " + LONG_EN)
    app.controller.dev_notices.append("fault injected: " + LONG_EN)
    app.frame(1 / 30)
    return app


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("opened", ["nothing", "history", "home", "dev_bar", "all", "help"])
def test_every_live_text_fits_its_box(make_app, size, language, opened, monkeypatch):
    app = _busy_live_app(make_app, size, language)
    scene = app.scene
    scene.history_open = opened in ("history", "all")
    scene.home_open = opened in ("home", "all")
    scene.dev_bar.shown = opened in ("dev_bar", "all")
    scene.show_help = opened == "help"
    drawn = record_boxes(app.screen, monkeypatch)
    app.frame(1 / 30)
    if opened != "help":
        assert scene.state.card is not None and scene.state.top_driver_alert is not None
        if language == "zh":
            assert any("主驾" in value or "副驾" in value for value, _, _ in drawn), "the screen is not in Mandarin"
    assert_every_text_fits(drawn, app.screen.get_rect())


@pytest.fixture(scope="module")
def recorded_run(parts, understander, tmp_path_factory):
    from pathlib import Path

    from runner.run_command import write_outputs
    from runner.session import RunSession

    scenario = parts.load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "confirm_consequential.yaml")
    out_dir = tmp_path_factory.mktemp("fits") / scenario.name
    session = RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander, out_dir=out_dir)
    session.advance(5.0)
    session.cockpit.hear("driver", LONG_ZH, session.now_s)
    session.cockpit.hear("driver", LONG_EN, session.now_s)
    outcome = session.run()
    write_outputs(out_dir, scenario, outcome, None)
    return out_dir


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("opened", ["nothing", "all", "help"])
def test_every_replay_text_fits_its_box(recorded_run, parts, size, opened, monkeypatch):
    from runner.app_command import build_replay_app

    app = build_replay_app(parts, recorded_run, size=size)
    try:
        scene, controller = app.scene, app.controller
        controller.select(controller.marks[-1])
        scene.history_open = scene.home_open = scene.dev_bar.shown = opened == "all"
        scene.show_help = opened == "help"
        drawn = record_boxes(app.screen, monkeypatch)
        app.frame(0.0)
        assert_every_text_fits(drawn, app.screen.get_rect())
    finally:
        app.close()
