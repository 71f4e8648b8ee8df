"""A request corrected as it is said: "set it to twenty no twenty two", "call mom sorry call dad", 二十度不对二十二度.

A speaker who hears the wrong word leave their mouth says a correction marker (no, sorry, actually, i mean, make
that; 不对, 哦不是, 说错了, 我是说) and then either the command again ("go to the office no take me to the gym",
打开车窗哦不是关上车窗) or only the word that was wrong ("twenty no twenty two", "the frunk no the trunk", "on sorry
off", 二十五呃不是二十四, 打开不对关掉). What is meant is the request with the correction in its place:

* a command said again replaces the command it corrects, the last one before the marker (an earlier command
  joined by "and" or 然后 stays: "open the window and call mom sorry call dad");
* a number replaces the last number before the marker, a switch word (on, off, 打开, 关掉) the last switch word,
  "the X" / "my X" the last such phrase, and a bare name the words after the last verb or preposition
  ("call mom sorry dad", "navigate to boston i mean austin").

Read without this, the model reads both tries as one command: it keeps the first value, or joins both into one
slot. A marker counts only where a command has begun before it (a verb of the command vocabulary) and something
follows it; so "no need to heat my seat", "there is no ac in the bedroom", "no just close the window" (a no that
opens a request is a part of its own) and "it's actually cold in here" are left as they are.
"""

from __future__ import annotations

import re

from cockpit.nlu.joints import COMMAND_VERBS_EN
from cockpit.nlu.postprocess import EN_NUMBER_PHRASE, ZH_NUMBER_PHRASE
from cockpit.nlu.said import opens_with_play

# --- English ----------------------------------------------------------------------------------------------------
_MARKER_EN = r"(?:no\s+wait|no\s+no|no\s+sorry|sorry|actually|i\s+mean|make\s+that|or\s+rather|oops|wait|no)"
_MARKERS_EN = re.compile(rf"(?:^|(?<=[\s,.;!?]))(?:{_MARKER_EN}\b[\s,.;!?]*)+", re.IGNORECASE)
# "no" and "wait" are correction markers only when no word that makes them a plain word follows
_NOT_A_CORRECTION_AFTER_EN = re.compile(
    r"^(?:need|more|longer|thanks|thank|problem|worries|way|idea|rush|hurry|matter|one|music|sound|for|until|till|"
    r"a\s+(?:minute|second|sec|moment)|here|there)",
    re.IGNORECASE,
)
# "there is no ac", "i have no idea": "no" after these words says nothing is there
_NOT_A_CORRECTION_BEFORE_EN = re.compile(
    r"(?:\b(?:is|are|was|were|there's|have|has|had|got|with|say|said|says|and|or|but)|'s)\s*$", re.IGNORECASE
)
_FILLERS_EN = re.compile(r"(?:\b(?:uh|um|uhm|er|erm|hmm|like|so|oh|ah|okay|ok)\b[\s,.]*)+$", re.IGNORECASE)
_NUMBER_EN = EN_NUMBER_PHRASE
_UNITS_EN = r"(?:\s+(?:degrees?|percent|%|celsius|fahrenheit|c|f))?"
_ONLY_A_NUMBER_EN = re.compile(rf"^{_NUMBER_EN}{_UNITS_EN}$", re.IGNORECASE)
_NUMBERS_EN = re.compile(rf"\b{_NUMBER_EN}{_UNITS_EN}\b", re.IGNORECASE)
_SWITCH_EN = r"(?:on|off|up|down|open|closed|higher|lower|louder|quieter|warmer|cooler)"
_ONLY_A_SWITCH_EN = re.compile(rf"^{_SWITCH_EN}$", re.IGNORECASE)
_SWITCHES_EN = re.compile(rf"\b{_SWITCH_EN}\b", re.IGNORECASE)
_DETERMINERS_EN = re.compile(r"\b(?:the|my|a|an|our|his|her|their)\b", re.IGNORECASE)
# a free-text value starts after these (call mom, navigate to boston, play jazz)
_VALUE_LEADS_EN = re.compile(r"\b(?:to|call|ring|dial|phone|text|play|in|for|at|near)\b", re.IGNORECASE)
_CLAUSE_JOINTS_EN = re.compile(r"\b(?:and then|and|then|also)\b(?!\s+a\s+half)", re.IGNORECASE)
_ENDS_IN_A_NUMBER_EN = re.compile(rf"\b{_NUMBER_EN}{_UNITS_EN}$", re.IGNORECASE)

# --- Mandarin ---------------------------------------------------------------------------------------------------
_MARKERS_ZH = re.compile(
    r"[\s,，。、]*(?:[哦噢呃额啊嗯]?\s*(?:不对|不是不是|说错了|搞错了)|[哦噢呃额啊嗯]\s*不是|我是说|我的意思是|哦不|不不不?)"
    r"[\s,，。、!！]*"
)
_COMMAND_VERBS_ZH = re.compile(r"打开|关|开|调|导航|去|到|放|播|打给|打电话|给|设|升|降|拉|换|切|来")
_NUMBER_ZH = ZH_NUMBER_PHRASE
_UNITS_ZH = r"(?:度|档|格|%|摄氏度)?"
_ONLY_A_NUMBER_ZH = re.compile(rf"^(?:调到|开到|设到|到)?{_NUMBER_ZH}{_UNITS_ZH}(?:吧|啊)?$")
_NUMBERS_ZH = re.compile(rf"{_NUMBER_ZH}{_UNITS_ZH}")
_SWITCH_ZH = r"(?:打开|关掉|关闭|关上|关了|开启|开了|开|关)"
_ONLY_A_SWITCH_ZH = re.compile(rf"^{_SWITCH_ZH}(?:吧|啊|一下)?$")
_SWITCHES_ZH = re.compile(_SWITCH_ZH)
_VALUE_LEADS_ZH = re.compile(r"打给|给|去|到|放|播放|听|找")
_CLAUSE_JOINTS_ZH = re.compile(r"然后|还有|顺便|再|另外|同时|[,，]")
_JOINTS_AFTER_ZH = re.compile(r"然后|还有|顺便|另外|同时|[,，]")  # not 再: 再大点 is "a bit more"
_ENDS_IN_A_NUMBER_ZH = re.compile(rf"{_NUMBER_ZH}{_UNITS_ZH}$")
_OBJECT_LEADS_ZH = re.compile(rf"{_SWITCH_ZH}|{_VALUE_LEADS_ZH.pattern}")
_MOST_OBJECT_CHARS_ZH = 4
_MEASURE_ZH = re.compile(r"一首|首|一个|个|一下|一点|点")
_FILLERS_ZH = re.compile(r"[呃额嗯啊哦噢\s,，]+$")


def _replace_last(pattern: re.Pattern[str], before: str, by: str) -> str | None:
    found = list(pattern.finditer(before))
    if not found:
        return None
    last = found[-1]
    return before[: last.start()] + by + before[last.end() :]


def _said_again_en(before: str, after: str) -> str:
    """The command said again replaces the last clause before the marker."""
    joints = list(_CLAUSE_JOINTS_EN.finditer(before))
    return f"{before[: joints[-1].end()]} {after}" if joints else after


def _corrected_en(before: str, after: str, marker: str) -> str | None:
    before = _FILLERS_EN.sub("", before).strip(" ,.")
    after = after.strip(" ,.!?")
    # the correction runs to the first joint after it; what follows is a command of its own ("twenty no twenty two
    # and turn the fan down")
    joint = _CLAUSE_JOINTS_EN.search(after)
    said, rest = (after[: joint.start()].strip(), after[joint.start() :]) if joint else (after, "")
    corrected = _corrected_clause_en(before, said, marker) if said else None
    return None if corrected is None else f"{corrected} {rest}".strip()


def _corrected_clause_en(before: str, said: str, marker: str) -> str | None:
    words_before = before.lower().split()
    number_for_number = _ONLY_A_NUMBER_EN.match(said) is not None and _ENDS_IN_A_NUMBER_EN.search(before) is not None
    if not words_before or (not number_for_number and not _begun_en(before)):
        return None  # "heated seat two no three" corrects a number; elsewhere a command must have begun
    plain_word_marker = marker.lower().strip(" ,.!?") in ("no", "wait")
    if plain_word_marker and (_NOT_A_CORRECTION_AFTER_EN.match(said) or _NOT_A_CORRECTION_BEFORE_EN.search(before)):
        return None
    first_said = said.split()[0].lower()
    if _ONLY_A_NUMBER_EN.match(said):
        return _replace_last(_NUMBERS_EN, before, said)
    if _ONLY_A_SWITCH_EN.match(said):
        return _replace_last(_SWITCHES_EN, before, said)
    if _VALUE_LEADS_EN.fullmatch(first_said):  # "navigate to boston no to austin"
        replaced = _replace_from_last(re.compile(rf"\b{first_said}\b", re.IGNORECASE), before, said)
        verb = before.split()[0]
        # "navigate home no wait to the office": no "to" was said first, the verb takes the new one
        return replaced or (f"{verb} {said}" if first_said == "to" and verb.lower() in COMMAND_VERBS_EN else None)
    if first_said in COMMAND_VERBS_EN:
        return _verb_said_again_en(before, said) or _said_again_en(before, said)
    if _DETERMINERS_EN.match(said):
        return _replace_from_last(_DETERMINERS_EN, before, said)
    if plain_word_marker or len(said.split()) > 3:
        return None  # "play no diggity": a bare "no" before a name is a title's word
    return _replace_from_last(_VALUE_LEADS_EN, before, said, keep_lead=True)


def _verb_said_again_en(before: str, said: str) -> str | None:
    """ "open the window no close it" -> "close the window": a verb said again with a pronoun for the object keeps
    the object said first."""
    words, said_words = before.split(), said.split()
    pronoun = next((i for i, word in enumerate(said_words) if word.lower() in ("it", "them")), None)
    if pronoun is None or len(said_words) > 3 or words[0].lower() not in COMMAND_VERBS_EN:
        return None
    verb_ends = 2 if len(words) > 2 and words[1].lower() in ("on", "off", "up", "down") else 1
    return " ".join([*said_words[:pronoun], *words[verb_ends:], *said_words[pronoun + 1 :]])


def _replace_from_last(pattern: re.Pattern[str], before: str, by: str, keep_lead: bool = False) -> str | None:
    """`before` up to its last match of `pattern` (kept when `keep_lead`), then `by`."""
    found = list(pattern.finditer(before))
    if not found:
        return None
    cut = found[-1].end() if keep_lead else found[-1].start()
    return f"{before[:cut].rstrip()} {by}".strip()


def _corrected_zh(before: str, after: str) -> str | None:
    before = _FILLERS_ZH.sub("", before)
    after = after.strip(" ,，。!！")
    joint = _JOINTS_AFTER_ZH.search(after)  # 二十度不对二十二度，然后把风量调大: the correction ends at the joint
    said, rest = (after[: joint.start()], after[joint.start() :]) if joint else (after, "")
    corrected = _corrected_clause_zh(before, said) if said else None
    return None if corrected is None else corrected + rest


def _corrected_clause_zh(before: str, said: str) -> str | None:
    number_for_number = _ONLY_A_NUMBER_ZH.match(said) is not None and _ENDS_IN_A_NUMBER_ZH.search(before) is not None
    if len(before) < 2 or (not number_for_number and not _begun_zh(before)):
        return None  # 风量二档不对四档 corrects a number; elsewhere a command must have begun
    if _ONLY_A_NUMBER_ZH.match(said):
        number = _NUMBERS_ZH.search(said)
        return _replace_last(_NUMBERS_ZH, before, number.group(0)) if number else None
    if _ONLY_A_SWITCH_ZH.match(said):
        return _replace_last(_SWITCHES_ZH, before, said)
    lead = _VALUE_LEADS_ZH.match(said)
    if lead is not None and lead.group(0) in before:  # 导航去西湖不对去灵隐寺
        at = before.rfind(lead.group(0)) + lead.end()
        measure = _MEASURE_ZH.match(before, at)  # 放一首晴天不对放七里香: 放一首七里香
        kept = measure.group(0) if measure and not _MEASURE_ZH.match(said, lead.end()) else ""
        return before[:at] + kept + said[lead.end() :]
    if _COMMAND_VERBS_ZH.match(said) or len(said) > _MOST_OBJECT_CHARS_ZH:
        joints = list(_CLAUSE_JOINTS_ZH.finditer(before))
        return before[: joints[-1].end()] + said if joints else said
    # 打开后备箱不对前备箱, 打给老王不对老李: the object said again after the last verb
    found = list(_OBJECT_LEADS_ZH.finditer(before))
    return before[: found[-1].end()] + said if found else None


_MOST_CORRECTIONS = 3  # "twenty no twenty one sorry twenty two"


def as_corrected(text: str) -> str | None:
    """The request as its speaker corrected it while saying it, or None when no correction was said."""
    corrected = None
    for _ in range(_MOST_CORRECTIONS):
        once = _corrected_once(corrected or text)
        if once is None:
            break
        corrected = once
    return corrected


# A command taken back as it is said ("open the window no wait don't", "turn on the ac actually never mind",
# 把车窗打开算了不用了, 打开车窗不要了): what is meant is only the taking back, read as "never mind" / 算了 (a cancel:
# with no question pending, the cockpit does nothing). Only after a command has begun, so "音乐不要了" keeps its
# meaning.
_TAKEN_BACK_EN = re.compile(
    r"(?:^|[\s,.;!?])(?P<back>(?:(?:no|wait|actually|oh|sorry)[\s,.]+)*(?:don'?t|do not|never ?mind|forget it|"
    r"cancel that|scratch that|leave it|no need))[\s,.!?]*$",
    re.IGNORECASE,
)
_TAKEN_BACK_ZH = re.compile(r"[\s,，。]*(?P<back>(?:算了)?(?:不用了|不要了|算了吧|算了))[\s,，。！!]*$")


def _taken_back(text: str) -> str | None:
    for pattern, begun, meant in ((_TAKEN_BACK_EN, _begun_en, "never mind"), (_TAKEN_BACK_ZH, _begun_zh, "算了")):
        found = pattern.search(text)
        # "play leave it", "play dont stop me now": the words after "play" are a title
        if found is not None and begun(text[: found.start("back")]) and not opens_with_play(text):
            return meant  # said in the words a cancel is always read from
    return None


def _begun_en(before: str) -> bool:
    """A command has begun in these words: they hold a verb of a command."""
    return bool(COMMAND_VERBS_EN & set(before.lower().split()))


def _begun_zh(before: str) -> bool:
    """... in Mandarin."""
    return len(before.strip()) >= 2 and _COMMAND_VERBS_ZH.search(before) is not None


def _corrected_once(text: str) -> str | None:
    taken_back = _taken_back(text)
    if taken_back is not None and taken_back != text.strip():
        return taken_back
    for found in reversed(list(_MARKERS_EN.finditer(text))):
        if found.start() == 0 or found.end() >= len(text):
            continue
        corrected = _corrected_en(text[: found.start()], text[found.end() :], found.group(0))
        if corrected is not None:
            return corrected
    for found in reversed(list(_MARKERS_ZH.finditer(text))):
        if found.start() == 0 or found.end() >= len(text):
            continue
        corrected = _corrected_zh(text[: found.start()], text[found.end() :])
        if corrected is not None:
            return corrected
    return None
