"""Rules that turn a slot span chosen by the model into its normalised value.

The model decides WHICH characters are a temperature, a zone or a contact;
these rules only read the value out of those characters: numbers in digits,
English words or Chinese numerals, units, zone words, "max"/"最大".
"""

from __future__ import annotations

import re

from cockpit.nlu.catalogue import LEVEL_RANGE, NUMERIC_SLOTS
from cockpit.nlu.tokenizer import is_cjk

_EN_UNITS = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_NUMBER_WORDS = frozenset(_EN_UNITS) | frozenset(_EN_TENS) | {"hundred", "thousand"}
_EN_NUMBER_WORD = "|".join(sorted(EN_NUMBER_WORDS, key=len, reverse=True))
# One English number, in digits or words, as a pattern: "22", "twenty two", "twenty-one and a half", "nineteen point
# five", "21 and a half" (the rules that find a number said in words all read it so).
EN_NUMBER_PHRASE = (
    rf"(?:\d+(?:\.\d+)?|(?:{_EN_NUMBER_WORD})(?:[\s-]+(?:{_EN_NUMBER_WORD}))*)"
    rf"(?:\s+and\s+a\s+half|\s+point\s+(?:{_EN_NUMBER_WORD}|\d+))?"
)
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100}
# The words for a range's ends: those a level's span may hold ("fan to max", 风量调到最大), and, read over a whole
# request the model found no number in, those that say an end without a level's words ("as cold as possible").
_TOP_WORDS, _BOTTOM_WORDS = ("max", "maximum", "highest", "最大", "最高"), ("min", "minimum", "lowest", "最小", "最低")
_MAX_WORDS = (*_TOP_WORDS, "full", "top", "最快", "最强", "满")
_MIN_WORDS = (*_BOTTOM_WORDS, "least", "最慢", "最弱")
_AS_FAR_AS = ("possible", "it goes", "it can go")
_HIGHEST_WORDS = (
    *_TOP_WORDS,
    *(f"as {word} as {far}" for word in ("hot", "warm", "loud") for far in _AS_FAR_AS),
    *("all the way up", "hottest", "warmest", "loudest", "fastest", "full blast", "最热", "最响", "最快"),
)
_LOWEST_WORDS = (
    *_BOTTOM_WORDS,
    *(f"as {word} as {far}" for word in ("cold", "cool", "quiet") for far in _AS_FAR_AS),
    *("all the way down", "coldest", "coolest", "quietest", "slowest", "最冷", "最慢"),
)
_HALF_WORDS = ("halfway", "half way", "half", "一半", "半")
# Sentence-final marks the model does not read. Whether a request ends in "?", "。" or nothing says little of what is
# asked, and depends on the keyboard or recogniser; a model that saw them mostly on one kind of data learnt them as
# a cue (issue 15: corpora end in marks, templates seldom, and "今天冷吗？" was declined), so they are cut before
# the model reads a text, for every model. An abbreviation's last full stop stays ("play R.E.M.").
SENTENCE_END_MARKS = " \t.!?。！？"
_ABBREVIATION_AT_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def whole_words(alternatives: str) -> str:
    """A regular expression for `alternatives` (itself one) found only as whole English words, not inside one
    ("red" not in "credit"); Chinese characters, which have no spaces around them, are found anywhere."""
    return rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"


def without_end_marks(text: str) -> str:
    """The text the model reads: `text` less its sentence-final marks (a prefix of it, so offsets still hold)."""
    kept = text.rstrip(SENTENCE_END_MARKS)
    if not kept:
        return text
    with_last_stop = text.rstrip(SENTENCE_END_MARKS.replace(".", ""))
    return with_last_stop if _ABBREVIATION_AT_END.search(with_last_stop) else kept


# A reminder asks for what follows it: "don't forget to turn on the AC" turns it on (the model, reading the "don't",
# turned it off), and so does 别忘了开空调.
_REMINDER = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|please|oh)[,!]?\s+)*"
    r"(?:(?:don'?t|do not) forget to|remember to|make sure to|be sure to)\s+"
    r"|^\s*(?:请)?(?:别忘了|别忘记|不要忘了|不要忘记|记得|记着)(?:要|帮我)?",
    re.IGNORECASE,
)


def without_reminder(text: str) -> str:
    """The request a reminder asks for, or `text` as it is."""
    found = _REMINDER.match(text)
    rest = text[found.end() :] if found else text
    return rest if rest.strip() else text


EDGE_PUNCT = " \t,.!?;:'\"，。！？；：、“”‘’（）()"
# The Chinese numerals of 0 to 10 (with the spoken 两 and 〇): what the rules that look for a number before a unit or
# after a time read, each adding the larger units it allows.
ZH_NUMERALS = "零〇一二两三四五六七八九十"
# One Mandarin number as a pattern, in characters or digits: 二十二, 一百, 二十二点五, 22, 21.5.
ZH_NUMBER_PHRASE = rf"[{ZH_NUMERALS}百\d]+(?:[点.][{ZH_NUMERALS}\d]+)?"


def _parse_zh_integer(text: str) -> int | None:
    """二十二 -> 22, 十八 -> 18, 一百 -> 100, 二五 -> 25 (digit by digit); a digit said right after 百 counts tens, as
    people say it: 一百五 -> 150 (一百零五 -> 105)."""
    if not text:
        return None
    if all(ch in _ZH_DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _ZH_DIGITS[ch]
        return value
    total, current, last_unit, after_unit = 0, None, None, False
    for ch in text:
        if ch in _ZH_DIGITS:
            current, after_unit = _ZH_DIGITS[ch], after_unit and ch not in "零〇"
        elif ch in _ZH_UNITS:
            total += (1 if current is None else current) * _ZH_UNITS[ch]
            current, last_unit, after_unit = None, _ZH_UNITS[ch], True
        else:
            return None
    if current is not None and after_unit and last_unit is not None and last_unit >= 100:
        return total + current * last_unit // 10
    return total + (current or 0)


def _parse_en_words(words: list[str]) -> float | None:
    """["twenty", "two", "point", "five"] -> 22.5; ["twenty", "two", "and", "a", "half"] -> 22.5."""
    value, seen, fraction, in_fraction = 0.0, False, "", False
    for i, word in enumerate(words):
        if word == "point":
            in_fraction = True
        elif in_fraction and word in _EN_UNITS and _EN_UNITS[word] < 10:
            fraction += str(_EN_UNITS[word])
        elif word == "half" and seen:
            value += 0.5
        elif word in _EN_TENS:
            value, seen = value + _EN_TENS[word], True
        elif word in _EN_UNITS:
            value, seen = value + _EN_UNITS[word], True
        elif word == "hundred":
            value, seen = max(value, 1) * 100, True
        elif word in ("and", "a") and i > 0:
            continue
        else:
            continue
    if not seen:
        return None
    return value + (float("0." + fraction) if fraction else 0.0)


def parse_number(text: str) -> float | None:
    """A number out of a spoken span: '22.5°', 'twenty-two', '二十二点五', '二十二度半', '百分之三十'."""
    # "百分之三十" is "30 percent": drop the percent prefix so 百 is not read as 100.
    lowered = text.lower().replace("，", ",").replace("百分之", "").strip()
    digits = re.search(r"\d+(?:[.,]\d+)?", lowered)
    if digits:
        value = float(digits.group().replace(",", "."))
        if re.search(r"(半|and a half|\.5 ?half)", lowered[digits.end() :]):
            value += 0.5
        return value
    zh = re.search(r"[零〇一幺二两俩三四五六七八九十百]+(?:[点點][零〇一二三四五六七八九]+)?", lowered)
    if zh:
        whole, _, frac = zh.group().replace("點", "点").partition("点")
        integer = _parse_zh_integer(whole)
        if integer is not None:
            value = float(integer)
            if frac:
                value += float("0." + "".join(str(_ZH_DIGITS[ch]) for ch in frac))
            elif "半" in lowered[zh.end() :]:
                value += 0.5
            return value
    words = re.findall(r"[a-z]+", lowered)
    return _parse_en_words(words)


def normalize_zone(text: str) -> str | None:
    """A zone word or phrase -> driver | passenger | rear_left | rear_right | rear | all; None if unknown."""
    t = text.lower()
    rear = any(w in t for w in ("rear", "back", "behind", "后", "second row", "二排", "第二排"))
    if rear and any(w in t for w in ("left", "左", "behind the driver", "driver")):
        return "rear_left"
    if rear and any(w in t for w in ("right", "右", "behind the passenger", "passenger")):
        return "rear_right"
    if rear:
        return "rear"
    if any(w in t for w in ("all", "every", "whole", "entire", "全", "整车", "所有", "大家")):
        return "all"
    if any(
        w in t
        for w in ("passenger", "co-driver", "codriver", "副驾", "副", "right front", "front right", "右前", "shotgun")
    ):
        return "passenger"
    if any(w in t for w in ("driver", "主驾", "驾驶", "主", "左前", "front left", "left front")):
        return "driver"
    return None


_WHEN_WORDS = (
    ("day_after_tomorrow", ("day after tomorrow", "后天")),
    ("tonight", ("tonight", "this evening", "今晚", "今天晚上")),
    ("tomorrow", ("tomorrow", "明天", "明儿", "明日", "明早", "明晚")),  # 明早 / 明晚: tomorrow's morning, evening
    ("weekend", ("weekend", "周末")),
    ("today", ("today", "今天", "今日", "今早")),
    ("now", ("right now", "now", "现在", "此刻")),
)

WHEN_VALUES = tuple(value for value, _ in _WHEN_WORDS)  # the normalised times: "right now" and 现在 are both "now"

# Words that may stand around a recognised day without changing it ("tomorrow morning" is tomorrow,
# "8 hours from now" is not now, "next weekend" is not this weekend).
_WHEN_FILLERS = {
    "this",
    "the",
    "on",
    "for",
    "at",
    "in",
    "over",
    "morning",
    "afternoon",
    "evening",
    "night",
    "early",
    "late",
    "right",
    "later",
    "上午",
    "下午",
    "早上",
    "晚上",
    "中午",
    "这个",
    "这",
    "的",
}


def normalize_when(text: str) -> str:
    """today/tonight/tomorrow/day_after_tomorrow/weekend/now when that is all the span says (up to a part of the
    day), else the words as spoken, without a leading "on", "at" or "for" ("on Wednesday" -> "Wednesday", "at six
    o'clock" -> "six o'clock": the time, not its preposition, as the labelled sets write it; "in 3 hours" keeps its
    "in", which says the time)."""
    spoken = _strip_leading_preposition(drop_trailing_function_words(clean_free_text(text)))
    if len(spoken) > 1 and spoken.endswith("下"):
        spoken = spoken[:-1]  # no time ends in 下: it is the verb of what follows ("上海明天下不下雨" is 明天)
    t = spoken.lower()
    for value, words in _WHEN_WORDS:
        for word in words:
            if word not in t:
                continue
            rest = t.replace(word, " ", 1)
            for filler in sorted(_WHEN_FILLERS, key=len, reverse=True):
                rest = (
                    rest.replace(filler, " ")
                    if not filler.isascii()
                    else " ".join(w for w in rest.split() if w != filler)
                )
            if not rest.strip():
                return value
    return spoken


_ZH_PRONOUNS = ("我们", "咱们", "你们", "他们", "她们", "我", "你", "您", "他", "她")
# The future's auxiliaries, which stand between a time or a place and what is asked of it ("明天将会下雪吗",
# "特尼诺将会下雨吗"): never the end of either. 会 alone ends a few place names (省会, 庙会), so a place keeps it
# unless two characters stay before it.
_ZH_AUXILIARIES = ("将会", "将要", "将", "会", "要")
# A place or a time never ends in the particle that ties it to what follows ("东京的夏天" is 东京) or in the
# preposition of a place said after it ("2026年10月19日离这里不远的天气" is the date). Not 在 or 从, which end
# words of time themselves (现在, 自从).
_ZH_TIES = ("的", "离")


def drop_trailing_function_words(spoken: str) -> str:
    """A time or a place never ends in a person, in the future's auxiliary verb or in a tie to what follows:
    "今天我需要带伞吗" -> 今天, not 今天我; "明天将会下雪吗" -> 明天, not 明天将; "东京的夏天" -> 东京 (Chinese has no
    space to stop the span at the word that follows it)."""
    trimmed = True
    while trimmed:
        trimmed = False
        for word in (*_ZH_PRONOUNS, *_ZH_AUXILIARIES, *_ZH_TIES):
            rest = clean_free_text(spoken[: -len(word)]) if spoken.endswith(word) else ""
            if rest and (word not in ("会", "要") or len(rest) >= 2):
                spoken, trimmed = rest, True  # what is cut off takes its space with it
                break
    return spoken


_ZH_TIME_OPENERS = tuple(
    sorted(
        {"这周末", "今天晚上", "明天早上", "明天晚上", "下周", "这周", "本周", "今早", "明早"}
        | {word for _, words in _WHEN_WORDS for word in words if not word.isascii()},
        key=len,
        reverse=True,
    )
)


def split_leading_time(name: str) -> tuple[str, str] | None:
    """(time, place) when a Chinese place span opens with a time word: "明天里斯本" -> ("明天", "里斯本"). A place never
    begins with a time, but with no space between them the tagger may run the two together."""
    for word in _ZH_TIME_OPENERS:
        rest = clean_free_text(name[len(word) :].lstrip("的"))
        if name.startswith(word) and len(rest) >= 2:
            return word, rest
    return None


# What goes on with a time rather than opening a place (星期 of 这个星期, 全天 of 今天全天, 凌晨, a day, a month, 半 of
# 十一年半).
_ZH_TIME_CONTINUATIONS = (
    "半",
    "星期",
    "礼拜",
    "周",
    "全天",
    "整天",
    "白天",
    "夜",
    "凌晨",
    "傍晚",
    "晚",
    "早",
    "中午",
    "天",
    "月",
    "年",
    "点",
    "号",
    "日",
)
_ZH_TIME_WORDS = tuple(
    sorted({*_ZH_TIME_OPENERS, *(w for w in _WHEN_FILLERS if not w.isascii())}, key=len, reverse=True)
)


_EN_DAY_WORD = re.compile(
    r"\b(" + "|".join(sorted((w for _, ws in _WHEN_WORDS for w in ws if w.isascii()), key=len, reverse=True)) + r")\b"
)


_ZH_DAY_WORDS = tuple(sorted((w for _, ws in _WHEN_WORDS for w in ws if not w.isascii()), key=len, reverse=True))


def day_word_outside(text: str, taken: set[int]) -> tuple[int, int] | None:
    """Where a request names one of the catalogue's days in words of its own ("today", "right now", "明天"), outside
    every span: a weather question's time, when the tagger left it out ("what's the weather like today")."""
    found = [m.span() for m in _EN_DAY_WORD.finditer(text.lower())]
    for word in _ZH_DAY_WORDS:
        position = text.find(word)
        inside_another = any(b <= position and position + len(word) <= e for b, e in found)
        if position >= 0 and not inside_another:  # 今天 of 今天晚上 is that one day
            found.append((position, position + len(word)))
    free = [span for span in found if not taken.intersection(range(*span))]
    return free[0] if len(free) == 1 else None  # two days named: which one is asked about is the model's to say


# The units a Chinese time's number is counted in, longest first ("下午4" + "点", "四个" + "月后", "13个" + "小时"),
# and the words that make it an offset from now ("三天" + "之后", "五天" + "以内").
ZH_TIME_UNITS = (
    "点钟",
    "个小时",
    "小时",
    "个月",
    "分钟",
    "星期",
    "点半",
    "点",
    "号",
    "日",
    "时",
    "分",
    "秒",
    "月",
    "年",
    "天",
    "周",
)
ZH_TIME_OFFSETS = ("以后", "之后", "以前", "之前", "以内", "之内", "后", "前")
# A period named from now: 这个星期, 下个月, 本周.
_ZH_PERIODS = tuple(
    sorted(
        {f"{near}{period}" for near in ("这个", "下个", "上个", "这", "下", "本") for period in ("星期", "礼拜", "月")},
        key=len,
        reverse=True,
    )
)


def _zh_time_said(spoken: str) -> int:
    """How much of a Chinese span its time is: the run of time words, periods (这个星期) and counted times with their
    offset (三天之后) it opens with; 0 when it opens with none, or only with a filler (这个, 的)."""
    position, said_to, moved = 0, 0, True
    while moved:
        moved = False
        for word in (*_ZH_PERIODS, *_ZH_TIME_WORDS):
            if spoken.startswith(word, position):
                position, moved = position + len(word), True
                if word in _ZH_TIME_OPENERS or word in _ZH_PERIODS or said_to:
                    said_to = position if word not in _WHEN_FILLERS else said_to  # a filler ends no time (这, 的)
                break
        else:
            end = position
            while end < len(spoken) and (spoken[end].isdigit() or spoken[end] in ZH_NUMERALS + "百千几"):
                end += 1
            unit = next((u for u in ZH_TIME_UNITS if end > position and spoken.startswith(u, end)), None)
            if unit is not None:
                end += len(unit)
                end += next((len(o) for o in ZH_TIME_OFFSETS if spoken.startswith(o, end)), 0)
                position, said_to, moved = end, end, True
    return said_to


def split_trailing_place(spoken: str) -> tuple[str, str] | None:
    """(time, place) when a Chinese time span runs on into a place: "明天早上苏州" -> ("明天早上", "苏州"),
    "这个星期纽约" -> ("这个星期", "纽约"), "三天之后上海" -> ("三天之后", "上海"). The time is the run of time words
    and counted times it opens with; what follows is a place when it is a name of two characters or more that no
    number opens ("明天早上六点" is one time); where the car is ("下午五点这里") is the place "" (none)."""
    position = _zh_time_said(spoken)
    time, rest = spoken[:position], clean_free_text(spoken[position:].lstrip("的"))
    if not position or not rest:
        return None
    if says_here(rest.rstrip("的")):
        return time, ""
    if len(rest) < 2:
        return None
    if rest[0].isdigit() or rest[0] in ZH_NUMERALS + "百几" or rest.startswith(_ZH_TIME_CONTINUATIONS):
        return None  # the time goes on: "明天早上六点", "今天全天"
    return time, rest


_PARTS_OF_THE_DAY = ("morning", "afternoon", "evening", "night")


def _strip_leading_preposition(spoken: str) -> str:
    """A time without the preposition and the article in front of it: "on Wednesday" -> "Wednesday", "the 3 day" ->
    "3 day", "in the morning" -> "morning"; "in 3 hours" keeps its "in", which says the time."""
    words = spoken.split(" ")
    if len(words) > 1 and words[0].lower() in ("on", "at", "for"):
        words = words[1:]
    if (
        len(words) > 2
        and words[0].lower() == "in"
        and words[1].lower() == "the"
        and words[2].lower() in (_PARTS_OF_THE_DAY)
    ):
        words = words[1:]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


def strip_possessive(contact: str) -> str:
    """A contact is named without "my"/"我": "my mom" -> "mom", "我妈" -> "妈", "我的老板" -> "老板"."""
    lowered = contact.lower()
    if lowered.startswith("my "):
        return contact[3:].strip()
    for prefix in ("我的", "我"):
        if contact.startswith(prefix) and contact[len(prefix) :].strip():
            return contact[len(prefix) :].strip()  # "我 Anna": the name, not its space
    return contact


# Titles and abbreviations written with a full stop before a name or a word that goes on ("Mrs. Abernathy-Cole",
# "Dr. Dre", "St. Louis"): the full stop ends no sentence and no name.
TITLES_WITH_A_STOP = ("Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "St", "Rev", "Jr", "Sr", "Mt", "vs", "No")


def ends_in_abbreviation(text: str) -> bool:
    """ "U.S.A.", "7 p.m.": the last full stop is the abbreviation's, not the sentence's."""
    return _ABBREVIATION_AT_END.search(text) is not None


def clean_free_text(text: str) -> str:
    """Free-text slots keep the words as spoken, trimmed of spaces and punctuation at the edges; an abbreviation
    keeps its last full stop ("at 9 a.m.")."""
    spoken = " ".join(text.split())
    kept = spoken.strip(EDGE_PUNCT)
    end = len(spoken) - len(spoken.lstrip(EDGE_PUNCT)) + len(kept)
    if kept and spoken[end : end + 1] == "." and ends_in_abbreviation(kept + "."):
        return kept + "."
    return kept


def _is_word(text: str, words: tuple[str, ...]) -> bool:
    t = text.lower()
    return any(w in t for w in words)


def normalize_level(text: str, intent: str) -> int | None:
    """A spoken level -> integer; "max"/"最大" -> the top of the intent's range; "mute"/"静音" -> 0."""
    low, high = LEVEL_RANGE.get(intent, (0, 100))
    if _is_word(text, _MAX_WORDS):
        return high
    if _is_word(text, _MIN_WORDS):
        return low
    if _is_word(text, ("mute", "静音", "silent")):
        return 0
    number = parse_number(text)
    return None if number is None else int(round(number))


_ZH_FRACTION = re.compile(rf"([{ZH_NUMERALS}\d]+)分之([{ZH_NUMERALS}\d]+)")
_EN_FRACTIONS = (("three quarters", 75), ("two thirds", 67), ("a quarter", 25), ("quarter", 25), ("a third", 33))


def fraction_percent(text: str) -> int | None:
    """'四分之一' -> 25, 'three quarters' -> 75: a part of the whole as a percentage."""
    zh = _ZH_FRACTION.search(text)
    if zh:
        whole, part = (_parse_zh_integer(g) if not g.isdigit() else int(g) for g in zh.groups())
        return round(100 * part / whole) if whole and part is not None and part <= whole else None
    lowered = text.lower()
    return next((value for words, value in _EN_FRACTIONS if words in lowered), None)


def normalize_position(text: str) -> int | None:
    """Window opening 0-100: '30%', '百分之三十', 'halfway'/'一半' -> 50, '四分之一'/'a quarter' -> 25."""
    if _is_word(text, _HALF_WORDS):  # before numbers: "一半" is not 1.5
        return 50
    fraction = fraction_percent(text)
    if fraction is not None:  # before numbers: "四分之一" is not 4
        return fraction
    number = parse_number(text)
    return None if number is None else int(round(number))


# Music services as people write them, in English and in Mandarin sentences. A service says where to play, not
# what: it is no part of a query ("play New World on Groove Shark" -> "New World"). The generator's templates name
# the services from these lists too.
MUSIC_SERVICES_EN = (
    "spotify", "Spotify", "deezer", "Deezer", "youtube", "YouTube", "vimeo", "Vimeo", "pandora", "Pandora",
    "soundcloud", "SoundCloud", "last.fm", "Lastfm", "google music", "Google Music", "groove shark", "Groove Shark",
    "zvooq", "Zvooq", "itunes", "iTunes", "apple music", "Apple Music", "tidal", "Tidal", "amazon music",
    "Amazon Music", "iheartradio", "iHeartRadio", "slacker", "Slacker",
)  # fmt: skip
MUSIC_SERVICES_ZH = (
    "QQ音乐",
    "网易云音乐",
    "酷狗",
    "酷我",
    "Spotify",
    "Youtube",
    "YouTube",
    "Apple Music",
    "Deezer",
    "喜马拉雅",
)


def _service_key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


_SERVICE_KEYS = frozenset(_service_key(name) for name in (*MUSIC_SERVICES_EN, *MUSIC_SERVICES_ZH))
_LONGEST_SERVICE_WORDS = max(len(name.split()) for name in MUSIC_SERVICES_EN)
# The words that put a service after what is played ("on Vimeo", "from Lastfm", "off Google Music").
_SERVICE_PREPOSITIONS = ("on", "from", "off", "using", "via", "with", "in")
# Words that cannot end a title whatever follows them ("bouncy techno from"); "on"/"by"/"in" can ("Hold On").
_NEVER_LAST_IN_QUERY = ("from", "off", "via", "using")


def starts_with_service(text: str) -> bool:
    words = text.split()
    return any(_service_key(" ".join(words[:n])) in _SERVICE_KEYS for n in range(1, _LONGEST_SERVICE_WORDS + 1))


# A Mandarin query that opens with the service it is on: "Spotify上的Lo-fi歌单" is the Lo-fi playlist.
_SERVICE_LEAD_ZH = re.compile(
    # (or with the service's name already cut off: no title opens with 上的)
    "^(?:在?(?:" + "|".join(re.escape(service) for service in (*MUSIC_SERVICES_ZH, *MUSIC_SERVICES_EN)) + "))?[上里]的",
    re.IGNORECASE,
)


def without_music_service(query: str, after: str = "") -> str:
    """A query without the service it is played on: "Jim Martin on Vimeo" -> "Jim Martin"; "New World on" (the
    tagger stopped before "groove shark", which `after` holds) -> "New World"; "bouncy techno from" -> "bouncy
    techno". A query that is only a service's name is kept: that is what was asked for."""
    lead = _SERVICE_LEAD_ZH.match(query)  # "Spotify上的Lo-fi歌单", "在网易云音乐里的…"
    if lead is not None and len(query[lead.end() :].strip()) >= 2:
        return clean_free_text(query[lead.end() :])
    words = query.split()
    for position in range(len(words) - 1, 0, -1):
        if words[position].lower() in _SERVICE_PREPOSITIONS and _service_key(" ".join(words[position + 1 :])) in (
            _SERVICE_KEYS
        ):
            words = words[:position]
            break
    if len(words) > 1 and words[-1].lower() in _SERVICE_PREPOSITIONS and starts_with_service(after):
        words = words[:-1]
    if len(words) > 1 and words[-1].lower() in _NEVER_LAST_IN_QUERY:
        words = words[:-1]
    return clean_free_text(" ".join(words))


# How much of it, not what: "put on some jazz" asks for jazz, "play an ep by X" for an ep by X. "the" stays ("the
# latest episode of my podcast" names one thing); so does a title's capital ("A Drop Of The Hard Stuff").
_LEADING_QUANTIFIERS = ("some", "a", "an")
# ... nor whose, for one's own collection: "play my chill playlist" asks for the chill playlist (as a contact is named
# without "my", and as the public corpora label it: SNIPS "my Happy House playlist" -> "Happy House playlist"); a
# title that opens with "my" stays ("play my heart will go on").
_POSSESSIVES = {"en": "my ", "zh": "我的"}
_COLLECTIONS = re.compile(
    r"(?:playlists?|albums?|library|mix(?:tape)?|station|favou?rites|podcasts?|songs|music|tracks|歌单|播放列表|专辑|收藏|歌曲|音乐)$",
    re.IGNORECASE,
)


# Words a title never ends in: a possessive or a relative left dangling where the tagger stopped ("Roni Duani 's"
# of "Roni Duani 's music", "song from Jesse Harris that's" of "... that's on Youtube").
_DANGLING_END = re.compile(r"(?:\s*'s|\s+(?:that's|that is|which is|that|which|who))$", re.IGNORECASE)


# A Mandarin title never opens with the measure word of what is played (放首歌, 来首邓紫棋的光年之外, 放段相声) nor ends
# in the particle, the "to hear" or the listener of the request (放首歌嘛, 放首歌听听, 放点儿歌给孩子听).
_ZH_QUERY_MEASURE = re.compile(r"^(?:一首|一段|几首|首|段)")
_ZH_QUERY_TAIL = re.compile(
    r"(?:来听听|听听|听一下|一下|嘛|吧|呗|啊|呀|哈|啦)$"
    r"|给(?:孩子们?|小孩|宝宝|我们?|大家|他们?|她们?)听?$"  # for whom: 放点儿歌给孩子听
)


def _without_zh_measure_and_particle(query: str) -> str:
    rest = _ZH_QUERY_TAIL.sub("", query)
    query = rest if len(rest) >= 1 else query
    rest = _ZH_QUERY_MEASURE.sub("", query)
    return rest if len(rest) >= 1 else query


# "the song", "the genre", "the playlist" before a name are no part of it ("play the song called baby shark", "the
# genre Rock Strumentale"), as every labelled set has it; "the Frozen soundtrack" keeps its "the".
_THE_KIND_NAMED = re.compile(
    r"^the\s+(?:songs?|genre|playlist)\s+(?:(?:called|named|entitled)\s+)?(?=\S)", re.IGNORECASE
)


def without_leading_quantifier(query: str) -> str:
    """The query without how much of it ("some jazz", 首 of 放首歌), whose collection ("my chill playlist"), for whom
    ("me some Dom Pachino" of "play me some Dom Pachino"), a dangling end ("Roni Duani 's") or the request's own
    particle (放首歌嘛)."""
    query = _DANGLING_END.sub("", query) or query
    if is_cjk(query[:1]) or is_cjk(query[-1:]):
        query = _without_zh_measure_and_particle(query)
    words = query.split(" ")
    if len(words) > 1 and words[0] == "me":  # "play me a concerto by ...": played for the speaker
        words = words[1:]
        query = " ".join(words)
    if len(words) > 1 and words[0] in _LEADING_QUANTIFIERS:
        return " ".join(words[1:])
    if len(words) > 2:
        query = _THE_KIND_NAMED.sub("", query, count=1) or query
    for possessive in _POSSESSIVES.values():
        rest = query[len(possessive) :]
        if query.lower().startswith(possessive) and len(rest.strip()) >= 2 and _COLLECTIONS.search(rest):
            return rest.strip()
    return query


# The words that ask for a free-text slot in Mandarin ("放周杰伦的歌": 放 asks for the song, it is not in its name).
_ZH_ASKING_VERBS = {
    "query": ("播放", "放一首", "放首", "放点", "放", "来一首", "来首", "来点", "我想听", "听"),
    "destination": ("导航到", "导航去", "导航", "开到", "去"),
    "contact": ("打电话给", "打给", "呼叫", "拨打"),
}


def drop_asking_verb(slot: str, span: str, before: str) -> str:
    """A Chinese span that begins with the verb asking for it loses the verb, unless such a verb already stands
    before the span (then the span's first word is its name's: "播放听海" keeps 听海)."""
    verbs = _ZH_ASKING_VERBS.get(slot, ())
    if any(before.rstrip().endswith(verb) for verb in verbs):
        return span
    for verb in verbs:
        if span.startswith(verb) and len(clean_free_text(span[len(verb) :])) >= 2:
            return clean_free_text(span[len(verb) :])
    return span


# The words a colour is heard by (the model's colour class is a guess beside them: "make the ambient light purple"
# read as orange, 氛围灯换成蓝色 as red).
COLOUR_HEARD: dict[str, tuple[str, str]] = {  # colour -> (English words, Mandarin characters), as regular expressions
    "red": (r"red|crimson|scarlet", "红"),
    "orange": (r"orange|amber", "橙|橘"),
    "yellow": (r"yellow|gold(?:en)?", "黄|金色"),
    "green": (r"green|lime", "绿"),
    "cyan": (r"cyan|teal|turquoise|aqua", "青"),
    "blue": (r"blue|navy", "蓝"),
    "purple": (r"purple|violet|lilac|lavender", "紫"),
    "pink": (r"pink|magenta|rose", "粉"),
    "white": (r"white", "白"),
}
_COLOUR_PATTERNS = {
    colour: re.compile(rf"{whole_words(english)}|{mandarin}", re.IGNORECASE)
    for colour, (english, mandarin) in COLOUR_HEARD.items()
}


def colour_named(text: str) -> str | None:
    """The one colour `text` names; None when it names none or several ("red or blue")."""
    named = [colour for colour, pattern in _COLOUR_PATTERNS.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


# Every zone said with a quantifier ("roll down all the windows", "把车窗都降下来", "所有座椅加热"): the model
# reads a zone only where one is named. 都 after a list ("把阅读灯和氛围灯都打开") is "both of those", not every zone.
_EVERY_ZONE_EN = re.compile(
    whole_words(r"(?:all|every|each)(?: of)?(?: the| my| our)? (?:windows?|seats?)"), re.IGNORECASE
)
_EVERY_ZONE_ZH = re.compile(r"所有|全部|全都|全(?=打开|开|关|降|升|拉)")
_LISTED_ZH = re.compile(r"[和、与及跟]")
# 都 right after the windows or seats ("车窗都降下来"), not of anything else ("后背都是汗", "座椅加热和通风都关掉").
_EVERY_OF_THEM_ZH = re.compile(r"(?:车窗|窗户|窗|座椅|座位)都")
# A window opened "a crack" / 开条缝: a step from where it is, not all the way.
_A_CRACK = re.compile(whole_words("crack(?:ed)?") + "|缝", re.IGNORECASE)


def every_zone_said(text: str) -> bool:
    if _EVERY_ZONE_EN.search(text) or _EVERY_ZONE_ZH.search(text):
        return True
    return bool(_EVERY_OF_THEM_ZH.search(text)) and not _LISTED_ZH.search(text)


def opened_a_crack(text: str) -> bool:
    return bool(_A_CRACK.search(text))


# The end of a range said in words ("as cold as possible", 温度调到最低, "volume all the way up"): the model reads
# no number, and the request is the range's end, which the car's limits give.
_HIGHEST, _LOWEST = (
    re.compile(whole_words("|".join(re.escape(word) for word in words)), re.IGNORECASE)
    for words in (_HIGHEST_WORDS, _LOWEST_WORDS)
)


def range_end_said(text: str) -> str | None:
    """ "highest" or "lowest" when `text` asks for one end of a range (and not both), else None."""
    high, low = bool(_HIGHEST.search(text)), bool(_LOWEST.search(text))
    return None if high == low else "highest" if high else "lowest"


# Switched off, said of something without an on/off slot ("turn the fan off", 把风扇关掉; not 关小, "turn it down").
_SWITCHED_OFF = re.compile(whole_words("off") + "|关掉|关闭|关了|关上", re.IGNORECASE)


def switched_off(text: str) -> bool:
    return bool(_SWITCHED_OFF.search(text))


# The particle that ends an English phrasal verb said around its object ("turn the seat heater on", "switch the
# wipers off please", "put the aircon on will ya"), or said as the verb itself ("Can on the aircon or not?").
_PARTICLE_AT_THE_END = re.compile(
    r"\b(on|off)(?:[\s,]+(?:please|now|for me|will ya|will you|would ya|would you|yeah|mate|eh|then|thanks|"
    r"thank you|lah|leh|la|hor|ok|okay|can|or not))*\s*[.!?]*\s*$",
    re.IGNORECASE,
)
_PARTICLE_AS_THE_VERB = re.compile(r"^(?:can|pls|please|help me|quickly|go|just)\s+(on|off)\b", re.IGNORECASE)


def particle_at_the_end(text: str) -> str | None:
    """ "on" or "off" when the request ends with it (or opens with it as its verb), else None."""
    match = _PARTICLE_AT_THE_END.search(text) or _PARTICLE_AS_THE_VERB.search(text)
    return match.group(1).lower() if match else None


# A number of steps right after the direction ("fan down one", "bump the seat heat down one"): how far, not a level.
_STEPS_AFTER_THE_DIRECTION = re.compile(
    r"\b(?:up|down|higher|lower)\s+(?:by\s+)?(?:one|two|three|a couple|\d+)\b(?!\s*(?:%|percent|degrees?))",
    re.IGNORECASE,
)


def steps_said(text: str) -> bool:
    """The request moves by a number of steps ("down one"), which a level slot would misread as the level."""
    return _STEPS_AFTER_THE_DIRECTION.search(text) is not None


# The kinds of place a search names ("找个餐厅" had been read as a toilet): the one named decides.
_CATEGORY_WORDS = {
    "restaurant": re.compile(whole_words("restaurants?|somewhere to eat|a bite to eat") + "|餐厅|饭店|餐馆|吃饭", re.I),
    "toilet": re.compile(whole_words("toilets?|restrooms?|bathrooms?|washrooms?") + "|厕所|洗手间|卫生间", re.I),
    "gas": re.compile(whole_words("gas stations?|petrol stations?|fuel|servos?") + "|加油站", re.I),
    "charger": re.compile(
        whole_words("(?:super)?chargers?|charging stations?|charging points?|charging spots?") + "|充电桩|充电站|超充",
        re.I,
    ),
    "coffee": re.compile(whole_words("coffee|cafes?|café") + "|咖啡", re.I),
    "parking": re.compile(whole_words("parking|car park|parking lot") + "|停车场|停车位", re.I),
    "rest_area": re.compile(
        whole_words("rest areas?|rest stops?|service areas?|(?:motorway |the next |the )services") + "|服务区|休息区",
        re.I,
    ),
}


def category_named(text: str) -> str | None:
    """The one kind of place the words name, or None when they name none or several."""
    named = [category for category, pattern in _CATEGORY_WORDS.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


# The way a relative request goes, said in words the model may miss in a short or polite request ("您能把收音机开
# 小声一点吗", "我冷"): per intent, (direction, pattern) in the order tried; a negation before the word says nothing.
_DIRECTION_WORDS = {
    "media.volume": (
        ("up", re.compile(whole_words("louder") + "|大声|大点声|响一点|调大|开大", re.IGNORECASE)),
        ("down", re.compile(whole_words("quieter|softer") + "|小声|小点声|轻一点|调小|开小|关小", re.IGNORECASE)),
    ),
    "climate.adjust_temperature": (
        # 加热 / 制热 heat (up), 制冷 / 冷气 cool (down): the feeling words 热 and 冷 only outside them
        (
            "up",
            re.compile(
                whole_words("warmer|cold|freezing|chilly") + "|(?<!制)冷(?!气)|加热|制热|升温|暖和一点|暖一点",
                re.IGNORECASE,
            ),
        ),
        (
            "down",
            re.compile(
                whole_words("cooler|colder|hot|boiling|stuffy") + "|(?<![加制])热|制冷|冷气|降温|凉快一点|凉一点",
                re.IGNORECASE,
            ),
        ),
    ),
}
_NEGATED = re.compile(r"(?:不|没|别|\bnot\b|n't)\s*\S{0,4}\s*$", re.IGNORECASE)


def direction_said(text: str, intent: str) -> str | None:
    """ "up" or "down" when the words say which way a relative request goes and only one way; else None."""
    found = set()
    for direction, pattern in _DIRECTION_WORDS.get(intent, ()):
        for match in pattern.finditer(text):
            if not _NEGATED.search(text[: match.start()]):
                found.add(direction)
    return found.pop() if len(found) == 1 else None


# A temperature said in Fahrenheit ("72 degrees Fahrenheit", "70°F", "华氏72度"): the car and the house set Celsius.
_FAHRENHEIT_AFTER = re.compile(r"^\s*(?:degrees?\s+)?(?:fahrenheit|f\b|°\s*f\b|℉)|^\s*华氏", re.IGNORECASE)
_FAHRENHEIT_INSIDE = re.compile(r"fahrenheit|°\s*f\b|℉|\d\s*f\b|华氏", re.IGNORECASE)


def says_fahrenheit(span: str, before: str = "", after: str = "") -> bool:
    return bool(_FAHRENHEIT_INSIDE.search(span) or _FAHRENHEIT_AFTER.search(after) or before.rstrip().endswith("华氏"))


def celsius_of_fahrenheit(fahrenheit: float) -> float:
    """To the nearest half degree, the step a climate set point takes."""
    return round((fahrenheit - 32.0) * 5.0 / 9.0 * 2.0) / 2.0


# Where the car is, said as a place ("at my current location", "in the current spot", "here", "这里"): no place, the
# weather service is asked about where the car is (the labelled sets' convention: "here" gives no place).
_HERE_WORDS = frozenset(
    {"current", "present", "exact", "my", "our", "this", "the", "location", "position", "place", "spot", "area"}
)
_HERE_NOUNS = frozenset({"location", "position", "place", "spot", "area"})
_HERE_ZH = ("这里", "这儿", "这边", "当前位置", "目前位置", "现在的位置", "我的位置", "我现在的位置", "附近", "本地")


def says_here(place: str, before: str = "") -> bool:
    """The place is where the car is: "here", "(my) current location", "our position", "这里". `before`: the text
    ahead of the span, whose words may make a bare noun the car's place ("current" + "position")."""
    if place.lower() in ("here", "there", "out", "outside", "around here") or place in _HERE_ZH:
        return True
    words = place.lower().split()
    if not words or words[-1] not in _HERE_NOUNS or not all(w in _HERE_WORDS for w in words):
        return False
    said_before = before.lower().split()[-2:]
    return len(words) > 1 or any(w in ("current", "present", "my", "our") for w in said_before)


# The endings of English words that describe or do ("hazardous", "golfing", "beginning"): a lower-case word of
# these, on no list of places, is no town ("Will it snow enough tonight to make travelling hazardous?").
_DESCRIBING_ENDINGS = ("ing", "ous", "ful", "ly", "ive", "able", "ible", "ness")


def _a_describing_word(place: str) -> bool:
    if place.isascii() and place.lower().removesuffix("'s") in ("today", "tomorrow", "tonight", "yesterday"):
        return True  # "today's forecast": a day, never a place
    if not place.isascii() or " " in place or place != place.lower() or not place.endswith(_DESCRIBING_ENDINGS):
        return False
    from cockpit.nlu.place_names import shipped_place_names  # on use: the list imports this module

    return place not in shipped_place_names()


# Words that ask where instead of naming a place.
WHERE_WORDS = frozenset({"哪儿", "哪里", "哪", "哪边", "where", "somewhere"})


# What ends a Mandarin request only to say it is enough ("去火车站就行", "到公司就好"): never a destination's.
_ENOUGH_AFTER = re.compile(r"(?<=.)(?:就行了?|就好了?|就可以了?|就成|就得)[吧啊呀]*$")


def without_enough_said(destination: str) -> str:
    """A destination without the words that only say it is enough ("火车站就行" -> 火车站); "" when nothing else."""
    return (
        ""
        if re.fullmatch(r"(?:就行了?|就好了?|就可以了?|就成)[吧啊呀]*", destination)
        else _ENOUGH_AFTER.sub("", destination)
    )


# Muting said in words of its own, split verb included ("静音", "先静个音", "mute it").
_MUTED = re.compile(r"静音|静个音|静一下音|\bmute\b", re.IGNORECASE)


def mutes(text: str) -> bool:
    """The words mute the sound."""
    return _MUTED.search(text) is not None


def normalize_span_value(slot: str, text: str, intent: str, after: str = "", before: str = "") -> object | None:
    """The normalised value of a span slot, or None when the span holds no usable value. `after` is the text that
    follows the span (a query's service may stand there), `before` the text ahead of it (华氏 of a temperature)."""
    if slot == "zone":
        return normalize_zone(text)
    if slot == "level":
        return normalize_level(text, intent)
    if slot == "position":
        return normalize_position(text)
    if slot == "when":
        return normalize_when(text) or None
    if slot == "contact":
        return strip_possessive(clean_free_text(text)) or None
    if slot == "place":
        place = drop_trailing_function_words(clean_free_text(text))
        return None if says_here(place, before) or _a_describing_word(place) else place or None
    if slot == "query":
        query = without_leading_quantifier(without_music_service(clean_free_text(text), after))
        if query.startswith("儿") and before.endswith("点") and len(query) > 2 and query[1] not in "歌童子":
            query = query[1:]  # "来点儿周杰伦": the 儿 is 点儿's (儿歌, 儿童 are words of their own)
        return query or None
    if slot == "destination" and clean_free_text(text).lower() in WHERE_WORDS:
        return None  # "导航去哪儿": where to is asked, not said
    if slot in NUMERIC_SLOTS:
        number = parse_number(text)
        if number is None and slot == "delta" and _is_word(text, ("half", "半")):
            number = 0.5
        if number is not None and slot == "temperature" and says_fahrenheit(text, before, after):
            number = celsius_of_fahrenheit(number)
        return None if number is None else NUMERIC_SLOTS[slot](number)
    return clean_free_text(text) or None
