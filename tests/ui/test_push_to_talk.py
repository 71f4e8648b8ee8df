"""Push-to-talk never blocks the frame loop, and says why when there is no microphone."""

from __future__ import annotations

import time

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
