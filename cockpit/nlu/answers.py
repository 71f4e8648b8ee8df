"""Whether a whole utterance is a yes or a no said as a judgement: "that's right", "that isn't correct", "you got
that wrong", "yes is my answer", "no, that is a falsehood", "说得对", "不对". The model reads many of these as
out of scope (its answers are mostly "yes"/"no"/好的); the words decide, and only when the utterance says nothing
else (a full match), so "that's right, turn left" or "is that right?" are never taken for an answer.
"""

from __future__ import annotations

import re

# Words that judge what was said true or false (a judgement's polarity flips with "not").
_TRUE = r"right|correct|true|accurate|factual|valid|exactly|precisely|it|affirmative|the case"
_FALSE = r"wrong|incorrect|false|untrue|invalid|inaccurate|fake|mistaken|a falsehood|a lie|negative|not it"
# What may stand before the judgement: who or what is judged, or that it is an answer.
_LEAD = (
    r"(?:(?:that|this|it|which|what you said|your answer|the answer|the statement)(?: is| was)?"
    r"(?: (?:a|an|the))?(?: (?:true|false|correct|incorrect|right|wrong) (?:statement|answer))?"
    r"|you are|you were|you got (?:that|it)|you have (?:that|it)|i am saying|i say|i would say|my answer is"
    r"|i know (?:that )?(?:the statement|that|it) is|i want you to know (?:that )?(?:it|this|that) is)"
)
_TAIL = r"(?: (?:statement|answer|for sure|indeed|definitely|most definitely|absolutely|of course|again|there))*"
_OPENER = r"(?:(?P<opener>yes|yeah|yep|ya|yup|no|nope|nah)(?:,)? )?"
_EN_JUDGEMENT = re.compile(
    rf"^{_OPENER}(?:{_LEAD} )?(?P<negated>not |n't )?(?:(?P<true>{_TRUE})|(?P<false>{_FALSE})){_TAIL}$"
)
# "yes is my answer", "i am saying no", "my answer is yes": the answer word itself, said as the answer.
_EN_ANSWER_WORD = re.compile(
    r"^(?:(?P<yes>yes|yeah|yep|ya|yup|affirmative)|(?P<no>no|nope|nah|negative))"
    r"(?: (?:is my answer|it is|that is|for sure|definitely|indeed|of course))?$"
    r"|^(?:i am saying|i say|my answer is|the answer is|i would say) (?:(?P<yes2>yes)|(?P<no2>no))$"
)
_EN_CONTRACTIONS = (
    ("isn't", "is not"),
    ("wasn't", "was not"),
    ("aren't", "are not"),
    ("that's", "that is"),
    ("it's", "it is"),
    ("you're", "you are"),
    ("i'm", "i am"),
    ("i'd", "i would"),
    ("you've", "you have"),
)

_ZH_YES = re.compile(
    r"^(?:嗯|是的|对)?[，,]?(?:说得对|你说得对|没错|对的|正确|是这样|就是这样|完全正确|没错没错|答对了)[啊呀的吧]?$"
)
_ZH_NO = re.compile(r"^(?:不|不是)?[，,]?(?:不对|错了|不正确|不是这样|说错了|你说错了|答错了|搞错了)[啊呀的吧]?$")


def judgement_said(text: str) -> bool | None:
    """True for a whole utterance that says yes (or judges what was said right), False for a no, None otherwise."""
    said = " ".join(re.sub(r"[.!?。！？~～]+", " ", text).lower().split()).strip(" ,，")
    if not said:
        return None
    if re.search(r"[\u4e00-\u9fff]", said):
        compact = said.replace(" ", "")
        return True if _ZH_YES.match(compact) else False if _ZH_NO.match(compact) else None
    for short, full in _EN_CONTRACTIONS:
        said = said.replace(short, full)
    said = said.replace("n't", " not")
    answer = _EN_ANSWER_WORD.match(said)
    if answer is not None:
        return bool(answer.group("yes") or answer.group("yes2"))
    judged = _EN_JUDGEMENT.match(said)
    if judged is None:
        return None
    polarity = judged.group("true") is not None
    if judged.group("negated"):
        polarity = not polarity
    opener = judged.group("opener")
    if opener is not None and (opener in ("no", "nope", "nah")) == polarity:
        return None  # "yes, that's wrong": the two disagree, nothing is taken
    return polarity


# A whole utterance that calls off what is under way ("never mind", "scratch that", 算了, 就当我没说吧,
# 不用管了，取消吧).
_CANCEL = re.compile(
    r"^(?:(?:uh|ah|oh|um|ok|okay)[, ]+)?(?:just )?(?:never ?mind(?: that| about (?:it|that))?"
    r"|forget (?:it|that|about it)|scratch that"
    r"|cancel(?: it| that)?|abort(?: it| that| mission)?|call it off)(?: then)?$"
    r"|^(?:那|那就|那还是|还是)?(?:算了|不用管了|不弄了|当我没说|就当我没说|刚才的当我没说|没事了|撤销|取消)"
    r"(?:[，, ]*(?:算了|不弄了|取消|当我没说|没事了))*[吧啊了呀哈]*$"
)
# Short yes-forms of spoken Mandarin the model meets rarely (妥了, 要得, 得嘞, 没毛病); the clarify list has the
# common ones.
_ZH_YES_COLLOQUIAL = re.compile(r"^(?:妥|妥妥的|要得|得嘞|中|成|没毛病|就这么办|就这样吧|就这样)[了吧啊呀哈]*$")


def answer_said(text: str) -> str | None:
    """The dialogue answer a whole utterance is, by its words: dialog.cancel for a never mind, dialog.confirm or
    dialog.deny for a yes or a no (said short, as clarify.short_answer reads it, or as a judgement); None when the
    utterance says anything else."""
    from cockpit.clarify import short_answer  # the cockpit's own list of short answers, read the same way

    said = " ".join(re.sub(r"[.!?。！？~～]+", " ", text).lower().split()).strip(" ,，")
    if _CANCEL.match(said) or _CANCEL.match(said.replace(" ", "")):
        return "dialog.cancel"
    if _ZH_YES_COLLOQUIAL.match(said.replace(" ", "")):
        return "dialog.confirm"
    answer = judgement_said(text)
    if answer is None:
        answer = short_answer(text)
    if answer is None:
        answer = _answers_in_a_row(said)
    return None if answer is None else "dialog.confirm" if answer else "dialog.deny"


# Sounds that open or pad an answer without saying yes or no ("嗯嗯，好", "um, yes", "oh okay").
_HESITATIONS = frozenset({"嗯", "嗯嗯", "呃", "额", "啊", "哦", "噢", "um", "uh", "er", "erm", "hmm", "oh", "well"})


def _answers_in_a_row(said: str) -> bool | None:
    """A yes or a no said with hesitations or said twice ("嗯嗯，好", "ok ok", "yeah okay", "嗯，不用了"): the one
    answer all its words give; None when they give none, or both."""
    from cockpit.clarify import short_answer

    for times in (2, 3):  # "不用不用", "好好好", "对对对": one Mandarin answer said over again
        once = said[: len(said) // times]
        if once and once * times == said and (answer := short_answer(once)) is not None:
            return answer
    pieces = [piece.strip() for piece in re.split(r"[,，、]+", said) if piece.strip()]
    if len(pieces) < 2:  # no commas: its words ("ok ok", "嗯嗯 好")
        pieces = said.split()
    if len(pieces) == 1 and pieces[0][:1] in ("嗯", "呃", "额", "哦", "噢") and len(pieces[0]) > 1:
        head = pieces[0].lstrip("嗯呃额哦噢")  # "嗯好", "嗯嗯好的": the hesitation written onto the answer
        pieces = [pieces[0][: len(pieces[0]) - len(head)], head] if head else pieces
    if pieces[:2] in (["oh", "no"], ["哦", "不"]):
        return None  # "oh no!" is dismay, not an answer
    answers = {short_answer(piece) for piece in pieces if piece not in _HESITATIONS}
    # ... said two or three times at most: "yes yes yes yes" is a repeated noise (language_gate.py)
    if not 2 <= len(pieces) <= 3 or len(answers) != 1 or None in answers:
        return None
    return answers.pop()
