"""Several commands in one request, short answers to a confirmation, and asking back when unsure,
through the whole cockpit (real car on a virtual bus, real house), judged from the trace."""

from __future__ import annotations

import pytest

from cockpit.clarify import INTENT_WORDS
from cockpit.nlu.model import Part, Understanding
from tests.cockpit_e2e.harness import HAN, Run, UnderstandingFeed


@pytest.fixture
def feed_run(parts):
    feed = UnderstandingFeed()
    runs = []

    def start(situation: str = "parked_at_home") -> tuple[Run, UnderstandingFeed]:
        runs.append(Run(parts, situation, feed))
        return runs[-1], feed

    yield start
    for run in runs:
        run.close()


def _understanding(text: str, lang: str, parts: list[tuple[str, dict]], confidence: float = 0.99) -> Understanding:
    built = tuple(Part(intent, slots, f"part {i}", confidence) for i, (intent, slots) in enumerate(parts))
    return Understanding(text, lang, built[0].intent, confidence, built[0].slots, built, None)


def test_a_mandarin_request_with_two_commands_is_carried_out_in_order(parts):
    run = Run(parts, "parked_at_home", parts.understander)
    try:
        turn = run.turn("driver", "把车窗关上再把空调调到二十度")
        assert turn.error is None
        done = [(a["kind"], a["status"]) for a in turn.actions]
        assert done == [("window.set", "sent"), ("climate.set_temperature", "sent")]
        assert turn.actions[0]["position"] == 0 and turn.actions[1]["temperature"] == 20.0
        assert len(turn.replies) == 2 and all(HAN.search(r["text"]) for r in turn.replies)
    finally:
        run.close()


def test_each_part_goes_through_the_guard_and_the_reply_covers_every_part(feed_run):
    run, feed = feed_run("driving")
    feed.next = _understanding(
        "open the trunk and turn the music down",
        "en",
        [("body.open", {"target": "trunk"}), ("media.volume", {"direction": "down"})],
    )
    turn = run.turn("driver", "open the trunk and turn the music down")
    assert [(a["kind"], a["status"]) for a in turn.actions] == [("body.open", "refused"), ("media.volume", "sent")]
    first, second = (r["text"] for r in turn.replies)
    assert "moving" in first and "trunk" in first  # the refusal says why
    assert "olume" in second


def test_a_part_that_needs_a_yes_waits_while_the_others_are_done(feed_run):
    run, feed = feed_run()
    feed.next = _understanding(
        "open the garage and turn on the reading light",
        "en",
        [("home.open", {"device": "garage"}), ("light.set", {"target": "reading", "state": "on"})],
    )
    turn = run.turn("driver", "open the garage and turn on the reading light")
    assert [(a["kind"], a["status"]) for a in turn.actions] == [("light.set", "sent")]
    assert "garage" in turn.replies[0]["text"].lower() and turn.replies[0]["text"].endswith("?")


@pytest.mark.parametrize(
    "answer, opened",
    [
        ("是的", True),
        ("对", True),
        ("确定", True),
        ("没问题", True),
        ("好呀", True),
        ("行", True),
        ("可以", True),
        ("不用", False),
        ("别", False),
    ],
)
def test_mandarin_short_answers_settle_a_pending_confirmation(feed_run, answer, opened):
    run, feed = feed_run()
    feed.next = Understanding("打开车库门", "zh", "home.open", 0.99, {"device": "garage"})
    asked = run.turn("driver", "打开车库门")
    assert asked.actions == [] and HAN.search(asked.replies[0]["text"])
    # the model's reading of the answer is deliberately wrong: the short answer still settles the question
    feed.next = Understanding(answer, "zh", "nav.navigate", 0.9, {"destination": answer})
    answered = run.turn("driver", answer)
    sent = [(a["kind"], a.get("device")) for a in answered.actions if a["status"] == "sent"]
    assert sent == ([("home.open", "garage")] if opened else [])
    assert not [a for a in answered.actions if a["kind"] == "nav.navigate"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_below_the_threshold_the_assistant_asks_which_was_meant(feed_run, lang):
    run, feed = feed_run()
    feed.next = Understanding("lights", lang, "home.turn_on", 0.4, {"device": "light"}, (), ("light.set", 0.35))
    turn = run.turn("driver", "lights")
    assert turn.actions == []
    question = turn.replies[0]["text"]
    assert INTENT_WORDS["home.turn_on"][lang] in question and INTENT_WORDS["light.set"][lang] in question


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_set_point_beyond_the_cars_range_is_limited_and_said_and_no_temperature_is_not_set(feed_run, lang):
    run, feed = feed_run()
    feed.next = Understanding("45 degrees", lang, "climate.set_temperature", 0.99, {"temperature": 45.0})
    limited = run.turn("driver", "45 degrees")
    assert [(a["kind"], a["status"], a["temperature"]) for a in limited.actions] == [
        ("climate.set_temperature", "sent", 32.0)
    ]
    assert "16" in limited.replies[0]["text"] and "32" in limited.replies[0]["text"]
    feed.next = Understanding("2018", lang, "climate.set_temperature", 0.99, {"temperature": 2018.0})
    absurd = run.turn("driver", "2018")
    assert absurd.actions == [] and "2018" in absurd.replies[0]["text"]


def test_a_yes_with_a_further_command_answers_and_carries_the_command_out(feed_run):
    run, feed = feed_run()
    feed.next = Understanding("open the garage", "en", "home.open", 0.99, {"device": "garage"})
    run.turn("driver", "open the garage")
    feed.next = _understanding(
        "yes, and turn on the reading light",
        "en",
        [("dialog.confirm", {}), ("light.set", {"target": "reading", "state": "on"})],
    )
    turn = run.turn("driver", "yes, and turn on the reading light")
    sent = sorted((a["kind"], a.get("device") or a.get("target")) for a in turn.actions if a["status"] == "sent")
    assert sent == [("home.open", "garage"), ("light.set", "reading")]


@pytest.mark.parametrize("asked_first", [False, True])
@pytest.mark.parametrize("text", ["no, turn on the AC", "不用了，打开空调"])
def test_a_no_before_a_command_answers_what_was_asked_and_the_command_is_carried_out(parts, asked_first, text):
    """The shipped model: "no, ..." turns down a pending question (if any) and asks for the command after it; read
    whole, 不用了 had made it "air conditioning off", and "no" had lent itself "the AC" as a second command."""
    run = Run(parts, "parked_at_home", parts.understander)
    try:
        if asked_first:
            asked = run.turn("driver", "open the garage")
            assert asked.actions == [] and asked.replies[0]["text"].endswith("?")
        turn = run.turn("driver", text)
        assert turn.error is None
        done = [(a["kind"], a.get("state"), a["status"]) for a in turn.actions]
        assert done == [("climate.power", "on", "sent")]
        # With nothing asked the no answers nothing and only the command is replied to; else the no is acknowledged.
        assert len(turn.replies) == (2 if asked_first else 1), [r["text"] for r in turn.replies]
        assert not [a for a in turn.actions if a["kind"] == "home.open"]
    finally:
        run.close()


@pytest.mark.parametrize("text", ["never mind, turn on the AC", "算了，打开空调"])
def test_a_never_mind_before_a_command_undoes_nothing_done_before(parts, text):
    """The shipped model reads "never mind" as its own part; with nothing asked it gives up on nothing the cockpit
    did (the reading light switched on just before stays on) and the command after it is carried out."""
    run = Run(parts, "parked_at_home", parts.understander)
    try:
        first = run.turn("driver", "turn on the reading light")
        assert [(a["kind"], a["status"]) for a in first.actions] == [("light.set", "sent")]
        turn = run.turn("driver", text)
        assert turn.error is None
        assert [(a["kind"], a.get("state"), a["status"]) for a in turn.actions] == [("climate.power", "on", "sent")]
    finally:
        run.close()
