"""Questions about the car's own parts (cockpit/state_questions.py), through the real model and the whole cockpit:
answered from what the car reports, never carried out, in the speaker's language."""

from __future__ import annotations

import pytest

from cockpit.replies import reply_text
from cockpit.state_questions import CAR_PARTS, asked_about, state_reply
from tests.cockpit_e2e.harness import Run

# part -> (English questions, Mandarin questions); the model reads many as the command (后备箱关了吗: close it).
QUESTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "frunk": (("is the frunk open?", "did I leave the front trunk open"), ("前备箱关了吗",)),
    "trunk": (("is the trunk open?", "I wonder if the boot is closed"), ("后备箱关了吗", "后备箱是不是开着")),
    "charge_port": (("is the charge port closed",), ("充电口关了吗",)),
    "seat_heating": (("is my seat heater on?",), ("座椅加热开了没有",)),
    "seat_ventilation": (("is the seat ventilation on",), ("座椅通风开着吗",)),
    "windows": (("are the windows closed?", "can you check whether the windows are up"), ("车窗关好了吗",)),
    "ambient": (("is the ambient light on",), ("氛围灯开着吗",)),
    "reading": (("are the reading lights on?",), ("阅读灯关了吗",)),
    "headlights": (("are the headlights on",), ("大灯开着吗",)),
    "wipers": (("are the wipers on?",), ("雨刮开着吗",)),
    "climate": (("is the AC on?", "did you turn the climate control off"), ("空调开着吗",)),
}


def test_every_part_has_questions_in_both_languages():
    assert set(QUESTIONS) == {part.key for part in CAR_PARTS}
    assert all(en and zh for en, zh in QUESTIONS.values())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("situation", ["driving", "parked_at_home"])
def test_a_question_about_a_part_is_answered_from_the_car_and_never_carried_out(parts, lang, situation):
    parts_by_key = {part.key: part for part in CAR_PARTS}
    run = Run(parts, situation, parts.understander)
    problems = []
    try:
        for key, (english, mandarin) in QUESTIONS.items():
            for text in english if lang == "en" else mandarin:
                expected_key, params = state_reply(parts_by_key[key], run.session.cockpit.context, "driver")
                turn = run.turn("driver", text)
                expected = reply_text(expected_key, lang, **params)
                said = [reply["text"] for reply in turn.replies]
                if turn.error or turn.actions or said != [expected]:
                    problems.append(f"{text!r}: {turn.describe()} (expected only {expected!r})")
    finally:
        run.close()
    assert not problems, f"{len(problems)} questions:\n" + "\n".join(problems)


def test_the_answer_follows_the_car_after_a_command(parts):
    run = Run(parts, "parked_at_home", parts.understander)
    try:
        before = run.turn("driver", "is the trunk open?")
        opened = run.turn("driver", "open the trunk")
        after = run.turn("driver", "is the trunk open?")
    finally:
        run.close()
    assert [r["text"] for r in before.replies] == [reply_text("car_part_closed", "en", car_part="trunk")]
    assert [a["kind"] for a in opened.actions] == ["body.open"]
    assert [r["text"] for r in after.replies] == [reply_text("car_part_open", "en", car_part="trunk")]


@pytest.mark.parametrize(
    "text",
    [
        "close the trunk",
        "open the windows",
        "turn on the AC",
        "is it possible to open the trunk",
        "could you open the trunk",
        "能帮我打开后备箱吗",
        "可以把空调打开吗",
        "后备箱关一下",
        "is the AC on at home?",
        "家里的空调开着吗",
        "how far can I go",
        "is it cold outside",
        "你介意打开窗户吗?",  # Tatoeba's, a request
        "would you mind opening the window if it is closed",
    ],
)
def test_a_command_a_house_question_or_a_figure_is_no_part_question(text):
    assert asked_about(text) is None


def test_no_labelled_command_of_any_evaluation_set_is_taken_for_a_part_question():
    from tests.labelled_sets import labelled_parts

    taken = [
        (part.file, part.request, part.intent)
        for part in labelled_parts()
        if part.intent not in ("out_of_scope", "vehicle.query", "home.query") and asked_about(part.text) is not None
    ]
    assert not taken, taken
