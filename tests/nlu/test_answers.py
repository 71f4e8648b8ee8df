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


def test_every_answer_the_words_read_agrees_with_every_labelled_set():
    """A never mind, a yes or a no read by the words (answer_said: cancel phrases, colloquial yes-forms, the
    cockpit's short answers, judgements) is the labelled answer wherever a labelled set has the utterance."""
    from cockpit.nlu.answers import answer_said

    checked, wrong = 0, []
    for part in labelled_parts():
        answer = answer_said(part.text)
        if answer is None:
            continue
        checked += 1
        if part.intent != answer:
            wrong.append((part.file, part.text, part.intent, answer))
    assert checked >= 200
    assert not wrong


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("妥了", "dialog.confirm"),  # characters the language gate does not know: an answer all the same
        ("要得", "dialog.confirm"),
        ("就当我没说吧", "dialog.cancel"),
        ("不用管了，取消吧", "dialog.cancel"),
        ("scratch that", "dialog.cancel"),
        ("asdf", "out_of_scope"),
    ],
)
def test_the_model_reads_a_colloquial_answer_as_its_answer(nlu_model, text, intent):
    assert nlu_model.understand(text).intent == intent
