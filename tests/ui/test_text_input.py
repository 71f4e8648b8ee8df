"""The typing box: Enter sends what was typed and gives the keyboard back to the dashboard."""

from __future__ import annotations

import pygame

from cockpit.ui.widgets.text_input import TextInput


def test_enter_submits_and_leaves_the_box() -> None:
    box = TextInput()
    box.focus(True)
    for text in ("open ", "the trunk"):
        assert box.handle(pygame.event.Event(pygame.TEXTINPUT, text=text)) is None
    assert box.focused
    assert box.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)) == "open the trunk"
    assert not box.focused and box.text == ""


def test_escape_leaves_keeping_the_draft_and_an_empty_enter_sends_nothing() -> None:
    box = TextInput()
    box.focus(True)
    box.handle(pygame.event.Event(pygame.TEXTINPUT, text="half"))
    assert box.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0)) is None
    assert not box.focused and box.text == "half"
    box.focus(True)
    assert box.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)) == "half"
    box.focus(True)
    assert box.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)) is None
