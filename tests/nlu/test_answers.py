"""A yes or a no said as a judgement (cockpit/nlu/answers.py), on its own and through the shipped model."""

from __future__ import annotations

import pytest

from cockpit.nlu.answers import judgement_said
from tests.labelled_sets import labelled_parts

YES = ["that's right", "that is correct", "yes is my answer", "this is a true statement", "ya", "说得对", "没错"]
NO = [
    "that isn't right",
    "you got that wrong",
    "i am saying no",
    "no, that is a falsehood",
    "that is not correct",
    "不对",
    "你说错了",
]
NEITHER = [
    "is that right?",
    "that's right, turn left",
    "turn right",
    "yes, that's wrong",
    "the right lane",
    "no it is not raining",
    "对面那家店",
    "不对劲",
]


@pytest.mark.parametrize(("text", "answer"), [(t, True) for t in YES] + [(t, False) for t in NO])
def test_a_judgement_is_a_yes_or_a_no(text, answer):
    assert judgement_said(text) is answer


@pytest.mark.parametrize("text", NEITHER)
def test_what_says_more_or_asks_is_no_judgement(text):
    assert judgement_said(text) is None


def test_the_judgements_agree_with_every_labelled_set():
    """Every labelled request the words take for a yes or a no is labelled that answer (none is a command or an
    ordinary sentence labelled out of scope)."""
    checked, wrong = 0, []
    for part in labelled_parts():
        answer = judgement_said(part.text)
        if answer is None:
            continue
        checked += 1
        if part.intent != ("dialog.confirm" if answer else "dialog.deny"):
            wrong.append((part.file, part.text, part.intent))
    assert checked >= 50
    assert not wrong


@pytest.mark.parametrize(("text", "answer"), [(t, True) for t in YES] + [(t, False) for t in NO])
def test_the_model_reads_a_judgement_as_its_answer(nlu_model, text, answer):
    assert nlu_model.understand(text).intent == ("dialog.confirm" if answer else "dialog.deny")
