"""The voice overlay: folded it shows the last exchange; unfolded (V or its button) the history, scrollable,
each bubble labelled in one style, who spoke and the clock time."""

from __future__ import annotations

import re

import pygame

from cockpit.ui.widgets import draw

LABEL = re.compile(r"^(Driver|Passenger|Rear left|Rear middle|Rear right|Assistant) · \d\d:\d\d$")


def _texts_of_a_frame(app, monkeypatch) -> list[str]:
    drawn: list[str] = []
    original = draw.text

    def recording(surface, fonts, value, *args, **kwargs):
        if (
            surface is app.screen
            and kwargs.get("box") is not None
            and app.scene.layout.conversation.contains(kwargs["box"])
        ):
            drawn.append(value)
        return original(surface, fonts, value, *args, **kwargs)

    monkeypatch.setattr(draw, "text", recording)
    app.frame(0.0)
    monkeypatch.setattr(draw, "text", original)
    return drawn


def test_history_unfolds_scrolls_and_labels_each_bubble_with_the_clock(make_app, monkeypatch):
    app = make_app(size=(1440, 900))
    app.frame(1 / 30)
    for number in range(12):
        app.controller.say("driver", f"request number {number}")
        app.controller.step(1.0)
    app.frame(0.0)
    folded = _texts_of_a_frame(app, monkeypatch)
    assert "request number 11" in folded and "request number 0" not in folded
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=app.scene.layout.history_button.center))
    app.frame(0.0)
    assert app.scene.history_open
    unfolded = _texts_of_a_frame(app, monkeypatch)
    assert len([t for t in unfolded if t.startswith("request number")]) > len(
        [t for t in folded if t.startswith("request number")]
    )
    # A bubble's label ends in its clock; a suggestion card over the history ("Suggestion · 11 s") is no bubble.
    labels = [t for t in unfolded if re.search(r" · \d\d:\d\d$", t)]
    assert labels and all(LABEL.match(t) for t in labels), [t for t in labels if not LABEL.match(t)]
    clock = f"{app.scene.state.local_time:%H:%M}"
    assert any(t.endswith(clock) for t in labels)
    for _ in range(30):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    scrolled = _texts_of_a_frame(app, monkeypatch)
    assert "request number 0" in scrolled and "request number 11" not in scrolled
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=0, unicode="v"))
    app.frame(0.0)
    assert not app.scene.history_open
