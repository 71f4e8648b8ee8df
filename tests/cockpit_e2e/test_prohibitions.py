"""Requests that forbid what they name, and reminders that ask for it, through the real model and the whole cockpit
(cockpit/prohibitions.py, postprocess.without_reminder). The model drops the negation of the one and reads the
"don't" of the other: "don't open the window" opened it, "don't forget to turn on the AC" turned it off."""

from __future__ import annotations

import pytest

from cockpit.replies import reply_text
from tests.cockpit_e2e.harness import Run, one_turn

FORBIDDING = {
    "en": [
        "don't open the window",
        "please don't turn on the AC",
        "do not open the trunk",
        "never open the frunk while I'm driving",
        "okay, don't close the window",
        "never mind the trunk",
        "don't turn the music up",
    ],
    "zh": ["别开窗", "不要打开后备箱", "千万别关空调", "先别开座椅加热", "不要把音量调大", "好的，别开后备箱"],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("situation", ["driving", "parked_at_home"])
def test_a_request_that_forbids_its_action_does_nothing(parts, lang, situation):
    run = Run(parts, situation, parts.understander)
    problems = []
    try:
        for text in FORBIDDING[lang]:
            turn = run.turn("driver", text)
            said = [reply["text"] for reply in turn.replies]
            if turn.error or turn.actions or said != [reply_text("left_as_is", lang)]:
                problems.append(f"{text!r}: {turn.describe()}")
    finally:
        run.close()
    assert not problems, "\n".join(problems)


# (text, the action kinds it must lead to, a field of the first of them)
ASKING = [
    ("don't forget to turn on the AC", ["climate.power"], ("state", "on")),
    ("别忘了开空调", ["climate.power"], ("state", "on")),
    ("remember to close the windows", ["window.set"], ("position", 0.0)),
    ("no need to heat my seat anymore", ["seat.heat"], ("level", 0)),
    ("座椅加热不用开了", ["seat.heat"], ("level", 0)),
    ("stop heating my seat", ["seat.heat"], ("level", 0)),
    ("don't open the window, just turn on the AC", ["climate.power"], ("state", "on")),
    ("别开窗，把空调打开", ["climate.power"], ("state", "on")),
]


def test_a_reminder_or_a_request_to_stop_is_carried_out(parts):
    run = Run(parts, "driving", parts.understander)
    problems = []
    try:
        for text, kinds, (field, value) in ASKING:
            turn = run.turn("driver", text)
            if [a["kind"] for a in turn.actions] != kinds or turn.actions[0].get(field) != value:
                problems.append(f"{text!r}: {turn.describe()} {turn.actions}")
    finally:
        run.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("text", ["don't worry", "不用了", "never mind", "别忘了"])
def test_an_answer_is_not_forbidden(parts, text):
    from cockpit.prohibitions import forbids

    turn = one_turn(parts, "driving", text)
    assert not turn.actions
    assert not forbids(text, turn.intent) or [r["text"] for r in turn.replies] == [reply_text("left_as_is", "en")]


def test_no_labelled_command_of_any_evaluation_set_is_taken_for_a_prohibition():
    # 别导了 (stop navigating) and 别放了 (stop the music) are requests of their own, read as their labels
    from cockpit.prohibitions import forbids
    from tests.labelled_sets import labelled_parts

    taken = [
        (part.file, part.request, part.intent)
        for part in labelled_parts()
        if part.intent != "out_of_scope" and forbids(part.text, part.intent)
    ]
    assert not taken, taken


@pytest.mark.parametrize(("text", "kind"), [("别导了", "nav.cancel"), ("别放了", "media.pause")])
def test_stop_doing_is_carried_out_not_left(parts, text, kind):
    turn = one_turn(parts, "driving", text)
    assert turn.intent == kind
    assert [r["text"] for r in turn.replies] != [reply_text("left_as_is", "zh")]
