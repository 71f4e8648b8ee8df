"""Asking back when unsure, and the short answers of both languages to a pending question."""

from __future__ import annotations

import pytest

from cockpit.clarify import INTENT_WORDS, clarifying_question, short_answer
from cockpit.nlu.catalogue import INTENT_NAMES
from cockpit.nlu.tokenizer import detect_lang

YES = [
    "是的",
    "对",
    "确定",
    "没问题",
    "好呀",
    "行",
    "可以",
    "好的",
    "嗯嗯",
    "好的呀谢谢",
    "yes",
    "Yep!",
    "go ahead",
    "sure.",
    "ok thanks",
]
NO = ["不用", "别", "不要", "不用了，谢谢", "不了", "算了", "no", "Nope.", "no thanks", "nah"]
NOT_ANSWERS = ["打开空调", "别开窗", "yes open the trunk and the frunk", "not now, open the window", "", "  "]


@pytest.mark.parametrize("text", YES)
def test_yes(text):
    assert short_answer(text) is True


@pytest.mark.parametrize("text", NO)
def test_no(text):
    assert short_answer(text) is False


@pytest.mark.parametrize("text", NOT_ANSWERS)
def test_a_request_is_not_a_short_answer(text):
    assert short_answer(text) is None


def test_every_intent_has_words_in_both_languages():
    assert set(INTENT_WORDS) == set(INTENT_NAMES)
    for words in INTENT_WORDS.values():
        assert detect_lang(words["zh"]) == "zh" and detect_lang(words["en"]) == "en"


@pytest.mark.parametrize("intent", INTENT_NAMES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_question_names_both_readings_in_the_speakers_language(intent, lang):
    other = "home.turn_on" if intent != "home.turn_on" else "light.set"
    question = clarifying_question(intent, (other, 0.3), lang)
    assert detect_lang(question) == lang
    if intent != "out_of_scope":
        assert INTENT_WORDS[intent][lang] in question and INTENT_WORDS[other][lang] in question
