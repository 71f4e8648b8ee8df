"""The proactive card: it shows with the assistant's words, Accept / Dismiss (click or Y / N) answer it."""

from __future__ import annotations

import pygame

from cockpit.actions import Action
from cockpit.proactive.policy import Suggestion
from cockpit.ui.view_model import TraceFeed


def _offer(app, need="garage_open", text="We're almost home. Open the garage?"):
    session = app.controller.session
    now = session.now_s
    action = Action("home.open", {"device": "garage"}, source="proactive", seat="driver")
    session.cockpit.assistant.offer(Suggestion(need, "offer", (action,), "garage_offer", {}, 0.9), now, "driver")
    session.trace.record(now, "utterance", speaker="assistant", seat="driver", text=text, lang="en", kind="reply")
    app.frame(0.0)


def _suggestions(records):
    return [(r["need"], r["status"]) for r in records if r["type"] == "suggestion"]


def test_card_shows_and_accept_click_answers_it(make_app):
    app = make_app()
    records = []
    app.controller.session.trace.subscribe(records.append)
    app.frame(1 / 30)
    assert app.scene.state.card is None
    _offer(app)
    card = app.scene.state.card
    assert card is not None and card.need == "garage_open" and card.text == "We're almost home. Open the garage?"
    layout = app.scene.layout
    accept = layout.card_accept
    assert layout.assistant.contains(layout.card) and accept.width > 20
    assert tuple(app.screen.get_at(accept.center))[:3] != tuple(app.screen.get_at(layout.card.center))[:3]
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=accept.center))
    app.frame(0.0)
    assert ("garage_open", "accepted") in _suggestions(records)
    assert app.controller.session.cockpit.assistant.policy.pending is None
    assert app.scene.state.card is None
    assert any(r["type"] == "action" and r["kind"] == "home.open" for r in records)


def test_n_key_dismisses_the_card(make_app):
    app = make_app(size=(1280, 480))
    records = []
    app.controller.session.trace.subscribe(records.append)
    app.frame(1 / 30)
    _offer(app)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n"))
    app.frame(0.0)
    assert _suggestions(records)[-1] == ("garage_open", "dismissed")
    assert app.scene.state.card is None


def test_feed_follows_cards_and_driver_alerts():
    feed = TraceFeed()
    feed({"t": 3.0, "type": "suggestion", "need": "rest_break", "status": "offered", "score": 0.9})
    feed({"t": 3.0, "type": "utterance", "speaker": "assistant", "seat": "driver", "text": "Stop for a break?"})
    assert feed.card.text == "Stop for a break?" and feed.card.offered_s == 3.0
    feed({"t": 48.0, "type": "suggestion", "need": "rest_break", "status": "expired"})
    assert feed.card is None
    feed({"t": 50.0, "type": "alert", "kind": "drowsiness", "level": 1})
    feed({"t": 70.0, "type": "alert", "kind": "drowsiness", "level": 3})
    assert feed.driver_alerts["drowsiness"].level == 3
    feed({"t": 99.0, "type": "alert", "kind": "drowsiness", "level": 0})
    assert not feed.driver_alerts


def test_alert_banner_is_drawn_and_highlighted_at_level_two(make_app):
    app = make_app()
    app.controller.step(1.0)  # past the start, when driver monitoring has no data yet
    app.frame(0.0)
    assert app.scene.state.top_driver_alert is None
    banner = app.scene.layout.banner
    session = app.controller.session

    def banner_colour():
        return tuple(app.screen.get_at((banner.centerx, banner.centery + 12)))[:3]

    plain = banner_colour()
    session.trace.record(session.now_s, "alert", kind="distraction", level=1)
    app.frame(0.0)
    visual = banner_colour()
    session.trace.record(session.now_s, "alert", kind="distraction", level=2)
    app.frame(0.0)
    highlighted = banner_colour()
    assert app.scene.state.top_driver_alert.level == 2
    assert len({plain, visual, highlighted}) == 3
