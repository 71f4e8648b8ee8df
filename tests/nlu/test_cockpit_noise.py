"""Noise said to the whole cockpit (the real model behind the real Cockpit): nothing is done, the driver is told."""

from __future__ import annotations

import pytest

from cockpit.nlu.catalogue import OUT_OF_SCOPE
from cockpit.replies import reply_text
from tests.cockpit_e2e.harness import Run

NOISE = ["中" * 20, "asdfghjkl", "12345", "😀😀🚗", "a中b文c"]


@pytest.fixture(scope="module")
def run(parts):
    session = Run(parts, "parked_at_home", parts.understander)
    yield session
    session.close()


@pytest.mark.parametrize("text", NOISE)
def test_noise_heard_by_the_cockpit_takes_no_action_and_is_answered(run, text):
    turn = run.turn("driver", text)
    assert turn.error is None
    assert turn.intent == OUT_OF_SCOPE
    assert turn.actions == []
    assert [reply["text"] for reply in turn.replies] == [reply_text("out_of_scope", turn.lang)]


def test_a_request_after_noise_is_carried_out(run):
    run.turn("driver", "中" * 20)
    turn = run.turn("driver", "open the trunk")
    assert [(action["kind"], action["status"]) for action in turn.actions] == [("body.open", "sent")]
