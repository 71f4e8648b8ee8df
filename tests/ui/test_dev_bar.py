"""The developer bar holds the simulator's controls and debug lines, apart from the car's screen: hidden, none of
its strings (intent ids, need ids, the frame rate) is drawn; shown (F2), they are, and its buttons act."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from cockpit.actions import Action
from cockpit.proactive.policy import Suggestion
from cockpit.ui.widgets import draw
from tests.ui.conftest import FIXED_PHRASE

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NEED = "confirm:nav.navigate"


def _record_texts(app, monkeypatch) -> list[str]:
    drawn: list[str] = []
    original = draw.text

    def recording(surface, fonts, value, *args, **kwargs):
        if surface is app.screen:
            drawn.append(value)
        return original(surface, fonts, value, *args, **kwargs)

    monkeypatch.setattr(draw, "text", recording)
    return drawn


def _say_and_offer(app) -> str:
    """A typed request (its intent goes in the trace) and a card waiting on a need: the debug lines' matter."""
    app.controller.say("driver", FIXED_PHRASE)
    session = app.controller.session
    action = Action("nav.navigate", {"place": "office"}, source="proactive", seat="driver")
    session.cockpit.assistant.offer(
        Suggestion(NEED, "offer", (action,), "route_offer", {}, 0.9), session.now_s, "driver"
    )
    app.frame(1 / 30)
    heard = [line for line in app.scene.state.conversation if line.speaker == "user" and line.intent]
    assert heard and app.scene.state.card is not None and app.scene.state.card.need == NEED
    return heard[-1].intent


@pytest.mark.parametrize("size", [(1920, 720), (1280, 480), (1440, 900)])
def test_hidden_bar_draws_no_debug_string_and_shown_bar_draws_them(make_app, size, monkeypatch):
    app = make_app(size=size)
    app.frame(1 / 30)
    intent = _say_and_offer(app)
    drawn = _record_texts(app, monkeypatch)
    app.frame(1 / 30)
    debug = (intent, NEED, "fps", "Restart", "fault:")
    assert drawn, "nothing was drawn"
    assert not app.scene.dev_bar.shown
    leaks = [text for text in drawn if any(word in text for word in debug)]
    assert leaks == [], leaks
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode=""))
    drawn.clear()
    app.frame(1 / 30)
    assert app.scene.dev_bar.shown
    for word in debug:
        assert any(word in text for text in drawn), f"{word!r} not on the developer bar"


def test_bar_buttons_control_the_run(make_app):
    app = make_app()
    app.frame(1 / 30)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode=""))
    app.frame(0.0)
    controls = app.scene.layout.dev_controls

    def click(name):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=controls[name].center))
        app.frame(0.0)

    click("warp10")
    assert app.controller.warp == 10.0
    click("play")
    assert app.controller.paused
    now = app.controller.now_s
    click("step")
    assert app.controller.now_s == pytest.approx(now + 1.0, abs=0.02)
    click("restart")
    assert app.controller.now_s < 0.1


def test_scenario_picker_opens_the_chosen_file_and_a_bad_one_is_told(make_app, parts, understander, tmp_path):
    app = make_app()
    bad = tmp_path / "broken.yaml"
    bad.write_text("name: broken\nduration: [\n", encoding="utf-8")
    chosen = SCENARIOS / "confirm_consequential.yaml"
    controller = app.controller

    def opener(path: Path):
        scenario = parts.load_scenario(path)  # raises, with the file and the line, for a bad file
        return lambda: parts.session(scenario, None, understander=understander)

    controller.scenario_opener = opener
    controller.scenario_paths = (bad, chosen)
    before = controller.scenario_name
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode=""))
    app.frame(0.0)
    controls = app.scene.layout.dev_controls
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=controls["scenario_open"].center))
    app.frame(0.0)
    assert controller.scenario_name == before
    assert "broken.yaml" in controller.dev_notices[-1]
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=controls["scenario_next"].center))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_l, mod=0, unicode="l"))
    app.frame(0.0)
    assert controller.scenario_name == "confirm_consequential" != before
    assert controller.now_s < 0.1


def test_the_help_page_tells_the_key_of_the_bar(make_app, monkeypatch):
    app = make_app(size=(1280, 480))
    drawn = _record_texts(app, monkeypatch)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode=""))
    app.frame(0.0)
    assert "F2" in drawn and any("developer bar" in text for text in drawn)


def test_the_app_offers_the_scenario_folder_and_opens_a_picked_file_with_its_own_output_folder(parts, tmp_path):
    """build_app wires the picker: every scenario of the suite is offered, and a picked one runs as a session that
    writes to a folder of its own name beside the first run's."""
    from runner.app_command import build_app

    app = build_app(parts, parts.load_scenario(SCENARIOS / "winter_commute_home.yaml"), tmp_path / "first")
    try:
        controller = app.controller
        assert SCENARIOS / "confirm_consequential.yaml" in controller.scenario_paths
        factory = controller.scenario_opener(SCENARIOS / "confirm_consequential.yaml")
        session = factory()
        assert session.scenario.name == "confirm_consequential"
        assert session.out_dir == tmp_path / "confirm_consequential"
        assert controller.open_scenario(SCENARIOS / "confirm_consequential.yaml")
        assert controller.scenario_name == "confirm_consequential"
    finally:
        app.close()
