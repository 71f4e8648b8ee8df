"""A request asked as a question about the listener is the request (cockpit/nlu/polite.py)."""

from __future__ import annotations

import itertools

import pytest

from cockpit.nlu.polite import as_imperative


@pytest.mark.parametrize(
    "text, imperative",
    [
        ("will you please turn the tv on", "turn the tv on"),
        ("Do you mind turning on the TV?", "turn on the TV"),
        ("would you mind closing the curtains", "close the curtains"),
        ("hey, could you kindly open the garage?", "open the garage"),
        ("do you mind if I open the window", None),
        ("will it rain tomorrow", None),
        ("you will turn the tv on", None),
        ("can you", None),
    ],
)
def test_the_command_a_polite_question_asks_for(text, imperative):
    assert as_imperative(text) == imperative


_FRAMES = ["will you please {}", "would you {}", "could you {}", "can you please {}"]
_MIND_FRAMES = ["do you mind {}", "would you mind {}"]
_COMMANDS = [
    ("turn the tv on", "turning the tv on", "home.turn_on"),
    ("switch on the lights in the kitchen", "switching on the lights in the kitchen", "home.turn_on"),
    ("close the curtains in the bedroom", "closing the curtains in the bedroom", "home.close"),
    ("open the garage", "opening the garage", "home.open"),
    ("turn off the tv", "turning off the tv", "home.turn_off"),
]


def test_every_polite_frame_of_a_house_command_is_the_command(nlu_model):
    """Each frame around each command reads as the command said plainly ("will you close the curtains in the
    bedroom" had been read as a question about them)."""
    wrong = []
    for (plain, gerund, intent), frame in itertools.product(_COMMANDS, _FRAMES + _MIND_FRAMES):
        text = frame.format(gerund if frame in _MIND_FRAMES else plain)
        reading = nlu_model.understand(text)
        if reading.intent != intent or reading.text != text:
            wrong.append((text, reading.intent, reading.slots))
    assert not wrong, wrong


def test_a_question_about_a_device_stays_a_question(nlu_model):
    for text in ("could you tell me if the garage is closed", "is the tv on", "could you tell me whether the tv is on"):
        assert nlu_model.understand(text).intent == "home.query", text


@pytest.mark.parametrize(
    ("text", "imperative"),
    [
        ("你可以载我回家吗?", "载我回家"),
        ("能不能帮我把空调打开", "把空调打开"),  # 能不能 is asked, never 不能 ("cannot") left in front
        ("可以帮我打开后备箱吗", "打开后备箱"),
        ("不能开窗", None),
    ],
)
def test_the_command_a_mandarin_polite_question_asks_for(text, imperative):
    from cockpit.nlu.polite import as_imperative

    assert as_imperative(text) == imperative


def test_a_mandarin_polite_request_the_model_read_as_nothing_is_its_command(nlu_model):
    parts = nlu_model.understand("你可以载我回家吗?").parts
    assert [(p.intent, p.slots) for p in parts] == [("nav.navigate", {"destination": "家"})]
