"""Push-to-talk never blocks the frame loop, and says why when there is no microphone."""

from __future__ import annotations

import time

import pytest

from cockpit.ui.push_to_talk import PushToTalk


def test_without_a_microphone_it_reports_why_and_hears_nothing() -> None:
    talk = PushToTalk()
    assert talk.start("rear_left")  # returns at once: the capture runs on its own thread
    assert not talk.start("driver")  # one capture at a time
    deadline = time.monotonic() + 20
    heard = []
    while not heard and time.monotonic() < deadline:
        heard = talk.take()
        time.sleep(0.05)
    [result] = heard
    assert result.seat == "rear_left" and result.text is None
    assert "microphone" in result.message or "no speech" in result.message
    assert not talk.listening


def test_no_microphone_is_known_when_the_key_is_pressed() -> None:
    from cockpit.voice.microphone import microphone_status

    if microphone_status().available:
        pytest.skip("this machine has a microphone")
    missing = PushToTalk.missing_microphone()  # the reason at once, before any capture is started
    assert missing is not None and missing.startswith("no microphone")
