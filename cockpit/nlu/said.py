"""What the words of a request say where the tagger read nothing: the title after "play" ("play Lose Yourself",
"放一首刘若英的后来"), the one to call after "call" ("i need to call my friend"), what a question about the car asks
("the pressure in my tires"). The model's reading is kept where it holds the slot; these fill in or complete it
(cockpit/nlu/model.py says when).
"""

from __future__ import annotations

import re

from cockpit.nlu.postprocess import (
    EDGE_PUNCT,
    EN_NUMBER_PHRASE,
    EN_NUMBER_WORDS,
    TITLES_WITH_A_STOP,
    ZH_NUMERALS,
    clean_free_text,
    ends_in_abbreviation,
    fraction_percent,
    normalize_zone,
    opened_a_crack,
    parse_number,
    starts_with_service,
    strip_possessive,
    switched_off,
    without_leading_quantifier,
    without_music_service,
)
from cockpit.nlu.tokenizer import detect_lang
from cockpit.nlu.zone_settings import SEAT_WORDS

# The polite words a request may open with before its verb ("please play …", "can you clear the destination").
ASKING_OPENING = r"^\s*(?:please\s+|can you\s+|could you\s+|just\s+)?"

# A request that only asks to play something, and what that is: "play Lose Yourself", "I want to hear some Aaliyah".
_PLAY_WHAT = re.compile(
    ASKING_OPENING + r"(?:play|put on|i want to (?:hear|listen to)|"
    r"i'd like to (?:hear|listen to)|i would like to (?:hear|listen to)|let'?s (?:hear|listen to|play)|"
    r"let me (?:hear|listen to))\s+(?P<what>.+?)"
    r"(?:,?\s+please)?\s*[.!?]*\s*$"
    # ... or "put my raining playlist on" (never "play Hold On" cut to "Hold")
    r"|^\s*(?:please\s+)?put\s+(?P<put>.+?)\s+on(?:,?\s+please)?\s*[.!?]*\s*$",
    re.IGNORECASE,
)
# What asks for no title: music at all, the player's own state.
_NOTHING_NAMED = frozenset(
    {
        "music",
        "some music",
        "the music",
        "something",
        "anything",
        "a song",
        "songs",
        "some songs",
        "the radio",
        "radio",
        "it",
        "that",
        "this",
        "again",
        "it again",
        "that again",
        "the next song",
        "the next one",
        "next",
    }
)


# Words that only say what kind of thing the name is: "music from E-type", "the song called Baby Shark".
_NAMED_AS = re.compile(
    r"^(?:(?:some )?music (?:from|by) |(?:the |a )?(?:song|track|album|record) (?:called|named|entitled) )",
    re.IGNORECASE,
)


# Who it is played for, after the title: "play the Frozen soundtrack for the kids", "play fresh eyes for me".
_FOR_WHOM = re.compile(
    r"\s+for\s+(?:me|us|everyone|everybody|(?:the|my|our)\s+(?:kids|kiddos|little ones|children|child|baby|son|"
    r"daughter|family|wife|husband|passengers?|girls|boys))\s*$",
    re.IGNORECASE,
)


# ... and in Mandarin: "来首周杰伦的晴天", "放一首刘若英的后来". PLAY_VERBS_ZH say "play" whatever follows (a 首 is
# a song's measure word, a 段 a recording's), the others only ask to hear (我想听你弹钢琴 is no request to the player).
PLAY_VERBS_ZH = ("播放", "放一首", "放首", "来一首", "来首", "放一段", "放段", "来一段", "来段", "整一首", "整首")
# 放 alone plays for someone it is played to ("给孩子放凯叔讲故事"), never when it lowers or puts down (放下, 放平).
_PLAYED_TO_ZH = r"给(?:孩子们?|宝宝|小朋友|大家|我们|我|爸妈|老人)放(?![下平倒到回在进])"
_PLAY_WHAT_ZH = re.compile(
    rf"^(?:请|麻烦)?(?:你)?(?:帮我|给我)?(?:(?P<to_whom>{_PLAYED_TO_ZH})|{'|'.join(PLAY_VERBS_ZH)}|放一下|我想听|我要听)"
    r"(?:一下)?(?P<what>.+?)(?:吧|呗|好吗|可以吗)?[。！？!?]*$"
)
_NOTHING_NAMED_ZH = frozenset({"音乐", "歌", "首歌", "一首歌", "点歌", "点音乐", "歌曲", "下一首", "下一个", "上一首"})


def plays_a_named_title(text: str) -> bool:
    """An English request only to play a title written with capitals after its verb ("Play All Things Must Pass .",
    "I would like to hear The Worst Is Yet To Come."): a request to the player, whatever the model made of the
    title's words. Lower-case words after "play" say no such thing ("play the piano", "play tennis")."""
    match = _PLAY_WHAT.match(text)
    what = None if match is None else match.group("what")
    if what is None or query_said(text) is None:
        return False
    words = what.split()
    # ... after its article too: "play the Frozen soundtrack", "put on some Aaliyah"
    named = what[:1].isupper() or (len(words) > 1 and words[0].lower() in _ARTICLES and words[1][:1].isupper())
    return named and not what.lower().startswith(("next", "the next"))


_ARTICLES = frozenset({"the", "a", "an", "some", "my"})
_PLAY_FIRST = re.compile(ASKING_OPENING + r"play\b", re.IGNORECASE)


_PUT_ON_MUSIC = re.compile(
    ASKING_OPENING + r"put\s+on\b.*\b(?:soundtrack|album|song|track|record|playlist|"
    r"podcast|audiobook|mixtape|music)s?\b",
    re.IGNORECASE,
)


def opens_with_play(text: str) -> bool:
    """The request opens with "play", or with "put on" and names music ("put on the Frozen soundtrack"; "put on the
    AC" is the climate's)."""
    return _PLAY_FIRST.match(text) is not None or _PUT_ON_MUSIC.match(text) is not None


def play_verb_zh(text: str) -> bool:
    """A Mandarin request that opens with a verb that can only ask the player to play (PLAY_VERBS_ZH)."""
    match = _PLAY_WHAT_ZH.match(text)
    if match is None:
        return False
    if match.group("to_whom") is not None:
        return True
    return any(verb in text[: match.start("what")] for verb in PLAY_VERBS_ZH)


_AN_INITIAL_OR_TITLE = re.compile(rf"(?:^|\s)(?:[A-Za-z]|{'|'.join(TITLES_WITH_A_STOP)})\.$", re.IGNORECASE)


def _second_sentence(what: str) -> bool:
    """A sentence ends inside `what` (a mark and a space, not after an initial or an abbreviation: "T. S. Monk",
    "Dr. Dre")."""
    for mark in re.finditer(r"[.!?;](?=\s)", what):
        before = what[: mark.end()]
        if mark.group() == "." and (_AN_INITIAL_OR_TITLE.search(before) or ends_in_abbreviation(before)):
            continue
        return True
    return False


def query_said(text: str) -> str | None:
    """The title or artist a request only to play something names ("play Lose Yourself" -> "Lose Yourself", "play
    some art punk" -> "art punk", "play Jim Martin on Vimeo" -> "Jim Martin", "放一首刘若英的后来" -> 刘若英的后来);
    None for one that names nothing ("play some music", "play it again", "播放音乐") or says more than that."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        match = _PLAY_WHAT_ZH.match(text)
        if match is None:
            return None
        if re.search(r"[，,；;。]", match.group("what")):
            return None  # a second clause follows (整首伍佰的挪威的森林，然后呢，把温度降两度): no title runs into it
        what = without_leading_quantifier(without_music_service(clean_free_text(match.group("what"))))
        return None if not what or what in _NOTHING_NAMED_ZH or what.startswith("你") else what  # 听你唱
    match = _PLAY_WHAT.match(text)
    if match is None:
        return None
    what = match.group("what") or match.group("put")
    if _second_sentence(what):
        return None  # a second sentence follows: "Let's play one of my favorite songs. Pull up Paramore songs."
    what = without_leading_quantifier(without_music_service(clean_free_text(what)))
    what = _FOR_WHOM.sub("", _NAMED_AS.sub("", what, count=1))
    if not what or what.lower() in _NOTHING_NAMED or starts_with_service(what) or " you " in f" {what.lower()} ":
        return None  # "play anything you like" names nothing either
    return what


# What a question about the car asks, by the words for it, where the model's reading holds none ("please give me
# the amount of pressure in my car tires"): the first of these the question says, in this order.
_CAR_QUESTION_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tire_pressure", re.compile(r"\btires?\b|\btyres?\b|胎压|轮胎", re.IGNORECASE)),
    ("battery", re.compile(r"\bbattery\b|\bcharge level\b|电量|电池", re.IGNORECASE)),
    ("range", re.compile(r"\brange\b|\bhow far\b|\bmiles left\b|续航|还能跑多远|还能开多远", re.IGNORECASE)),
    ("speed", re.compile(r"\bhow fast\b|\bspeed\b|车速|多快", re.IGNORECASE)),
)


def car_question_said(text: str) -> str | None:
    """The one `what` of vehicle.query the words name (tyres, battery, range, speed), or None when they name none or
    several ("how far can I go on this battery"); temperatures are left to the model ("is it cold" is inside or
    outside by what else is said)."""
    named = [what for what, words in _CAR_QUESTION_WORDS if words.search(text)]
    return named[0] if len(named) == 1 else None


CAR_QUESTION_KINDS = frozenset(what for what, _ in _CAR_QUESTION_WORDS)

# How a volume's number is said: after "to" / 到 it is the level to set ("drop the volume to fifteen"); after "by",
# 加, 减, 调高, 调低 a change ("音量加十"). The number's words follow the marker.
_EN_NUMBER = "|".join(sorted(EN_NUMBER_WORDS, key=len, reverse=True))
_NUMBER_WORDS = (
    rf"(?:\d+|(?:{_EN_NUMBER})(?:(?:[\s-]|\s+and\s+)(?:{_EN_NUMBER}))*\b"
    r"|(?!一(?:点|些|下))[零一二两三四五六七八九十百]+)"  # 一点 is "a bit"
)
_VOLUME_TO = re.compile(rf"(?:\bto|到)\s*(?P<number>{_NUMBER_WORDS})", re.IGNORECASE)
_VOLUME_BY = re.compile(
    rf"(?:\b(?P<en>up|down)\s+by|\bby|(?P<zh>加|减|调高|调低|升高|降低|调大|调小))\s*(?P<number>{_NUMBER_WORDS})",
    re.IGNORECASE,
)


def volume_amount_said(text: str) -> tuple[str, float, str | None] | None:
    """("level", n, None) for a volume said as where to go, ("delta", n, "up"/"down"/None) for a change; None when
    neither marker stands before a number."""
    to, by = _VOLUME_TO.search(text), _VOLUME_BY.search(text)
    if (to is None) == (by is None):
        return None  # neither, or both ("from 10 to 20 by 5"): the model's reading stands
    if to is not None:
        number = parse_number(to.group("number"))
        return None if number is None else ("level", number, None)
    assert by is not None
    number = parse_number(by.group("number"))
    way = (by.group("en") or by.group("zh") or "").lower()
    direction = "up" if way in ("up", "加", "调高", "升高", "调大") else "down" if way else None
    return None if number is None else ("delta", number, direction)


# A question about when the drive ends ("how long will it take", "are we nearly there", 还要多久到): the route's
# arrival time, which the model reads as nothing when asked in words it rarely met.
_ARRIVAL_ASKED = re.compile(
    r"\bhow long (?:will it take|till|until|'?ll it take|it'?ll take|will the drive|is the drive|to get there|"
    r"before we (?:get|arrive))|\bwhen (?:will|do|are|shall) we (?:get there|arrive|be there|going to (?:arrive|get))"
    r"|\bwhen (?:we'll|we will|we're going to|we are going to) (?:get there|arrive|be there)"
    r"|\bwhat time (?:will|do|shall) (?:i|we) (?:reach|arrive|get there|be there)\b"
    r"|\bare we (?:nearly|almost|close to being) there\b|\b(?:what(?:'s| is)|whats) (?:our|the|my) eta\b"
    r"|^\s*(?:(?:the|our|my)\s+)?eta(?:\s+please)?\s*[?.!]*\s*$"
    r"|(?:我们|咱们)(?:还要多久|什么时候|几点|多久)(?:能|才)?到|还要多久(?:才|能)?到|多久(?:能|才)到|目的地还要多久",
    re.IGNORECASE,
)


def arrival_asked(text: str) -> bool:
    return _ARRIVAL_ASKED.search(text) is not None


# Traffic on the road, which no question about the car asks ("顺便看看堵不堵" read as the range).
_TRAFFIC = re.compile(r"\btraffic\b|堵车|堵不堵|堵吗|路况|拥堵|路上车(?:多|少)", re.IGNORECASE)


def traffic_said(text: str) -> bool:
    return _TRAFFIC.search(text) is not None


# A request that asks where a kind of place is ("find the next services", "where's the nearest servo", 附近哪里有
# 加油站): a search, whatever the model made of the place's word.
_SEARCHES = re.compile(
    r"^\s*(?:um\s+|uh\s+)?(?:please\s+|can you\s+|could you\s+)?(?:find|locate|search for|look for|where(?:'s| is| are)"
    r"|are there|is there|any)\b|找|哪里有|哪儿有|附近有",
    re.IGNORECASE,
)


def asks_where(text: str) -> bool:
    """The words ask to find a place or where one is."""
    return _SEARCHES.search(text) is not None


# What makes Mandarin words a question or a request to be told: a question particle or word (吗, 多少, 会不会, 热不热),
# a verb asking to be told (告诉我, 查一下, 预报), or a phrase that only names the weather (明天北京天气, 加勒比海的
# 热带风暴); "今天天气很好" says what the weather is and asks nothing.
_ZH_ASKS = re.compile(
    r"吗|嘛|呢|么|吧[。！!]*$|没有?[。！!]*$|多少|多大|多高|多低|多冷|多热|多久|几|什么|啥|怎|咋|如何|哪|是否|(.)[不没]\1"
    r"|预报|告诉|查|看看|看一下|说说|讲讲|播报|报一下|知道|问|了解"
    r"|(?:天气(?:情况|状况|更新)?|风暴|台风|飓风|气温|温度|湿度|风力|风速|雨量|降水|空气质量)[。！!]*$"
)


# An English sentence that says what the weather is ("The weather is nice today.", "It is hot in Tokyo in summer."):
# a statement opening with its subject (the reader never sees end marks: speech has none).
_EN_REMARK = re.compile(
    r"^\s*(?:it(?:'s|\s+is|\s+was|\s+will\s+be|\s+looks|\s+seems|\s+feels)|the\s+weather(?:'s|\s+is|\s+was|\s+looks|"
    r"\s+seems)|there(?:'s|\s+is|\s+was|\s+will\s+be))\b",
    re.IGNORECASE,
)


def remarks_on_weather(text: str) -> bool:
    """Words about the weather that ask nothing: a remark ("昨天下雨了", "东京的夏天很热", "The weather is nice
    today."), no question for the weather service. False for any question or request to be told."""
    if detect_lang(text) == "zh":
        return _ZH_ASKS.search(text) is None
    return _EN_REMARK.match(text) is not None


# A level said as a count of steps from where it is: "开大一档", "加两档", "down a notch", "up one level". A level
# said as where to go ("调到三档", "to level 3") is none.
_STEPS_SAID = re.compile(
    r"(?<![到最])(?:加|减|大|小|高|低|升|降|再)\s*(?:一|两|二|三|[1-3])?\s*(?:档|级|格)"
    r"|\b(?:a|one|two|three|\d)\s+(?:notch|notches|step|steps|level|levels|click|clicks)\b(?!\s+\d)",
    re.IGNORECASE,
)


_LEVEL_SET_TO = re.compile(r"到\s*(?:一|两|二|三|四|五|六|七|\d)\s*档|\bto\s+(?:level\s+)?\d", re.IGNORECASE)
_STEP_UP = re.compile(r"加|大|高|升|\bup\b|\bhigher\b|\bmore\b", re.IGNORECASE)
_STEP_DOWN = re.compile(r"减|小|低|降|\bdown\b|\blower\b|\bless\b", re.IGNORECASE)


def step_said(text: str) -> str | None:
    """The direction of a level said as a count of steps from the present one ("风量加一档" up, "turn the fan down a
    notch" down); "" when the words count steps but say no direction; None when they set a level or count none."""
    if _STEPS_SAID.search(text) is None or _LEVEL_SET_TO.search(text):
        return None
    up, down = _STEP_UP.search(text) is not None, _STEP_DOWN.search(text) is not None
    return "up" if up and not down else "down" if down and not up else ""


# Which scene of the house a request names, by its words (the model's scene class is a guess beside them: "put the
# house in sleep mode" read as leaving home).
_SCENE_WORDS = (
    ("sleep", re.compile(r"\bsleep|\bbed ?time\b|\bgood ?night\b|\bnight mode\b|睡觉|睡眠|晚安|就寝", re.IGNORECASE)),
    ("movie", re.compile(r"\bmovies?\b|\bcinema\b|\bfilms?\b|电影|观影|影院", re.IGNORECASE)),
    (
        "leave_home",
        re.compile(
            r"\baway\b|\bleaving\b|\bleave (?:the )?(?:home|house)\b|\b(?:going|off) out\b|离家|出门|外出|离开家", re.I
        ),
    ),
    (
        "arrive_home",
        re.compile(
            r"\barriv|\bcoming home\b|\bheading home\b|\bon (?:my|our) way home\b|\bbe (?:there|home)\b"
            r"|\bget (?:the house|home|it) ready\b|回家|到家|归家",
            re.IGNORECASE,
        ),
    ),
)


def scene_said(text: str) -> str | None:
    """The one scene of the house the words name ("sleep mode" -> sleep, "set the house to away" -> leave_home), or
    None when they name none or several ("leaving work, heading home")."""
    named = [scene for scene, words in _SCENE_WORDS if words.search(text)]
    return named[0] if len(named) == 1 else None


# The side of the rear a request names beside "rear"/"back" ("set the rear right to 25", "the back left window"),
# which the tagger may leave out of the zone's span; and "back" that is the speaker's back ("my back's all sweaty").
_REAR_SIDE = re.compile(r"\b(?:rear|back)[\s-]+(left|right)\b|\b(left|right)[\s-]+(?:rear|back)\b", re.IGNORECASE)
_A_BODYS_BACK = re.compile(r"\b(?:my|your|his|her|our|their)\s+backs?\b", re.IGNORECASE)
_THE_REAR_SAID = re.compile(r"\brear\b|\bbehind\b|\bback\s+(?:seats?|row|here|there)\b|\bin\s+the\s+back\b", re.I)


def rear_zone_said(text: str) -> str | None:
    """What a zone read as the rear is by the words: rear_left / rear_right when a side is said with it, "" when the
    only "back" is someone's back (no zone), None when the words leave it the rear."""
    sides = {(match.group(1) or match.group(2)).lower() for match in _REAR_SIDE.finditer(text)}
    if len(sides) == 1:
        return f"rear_{sides.pop()}"
    if _A_BODYS_BACK.search(text) and not _THE_REAR_SAID.search(text):
        return ""
    return None


# A small amount said without a number ("a bit", "a little", 一点, 点儿): a step from where the window is, which
# INTENTS.md gives as a direction (up: open further), never a state (which opens or closes it all the way).
_A_LITTLE = re.compile(
    r"\b(?:a\s+(?:bit|little|tad|touch|smidge|fraction)|slightly|some\s+more|a\s+notch)\b|一点|点儿|一些|一丢丢|些许",
    re.I,
)


def window_by_a_little(text: str, slots: dict) -> dict:
    """window.set slots with a small amount said as the step it is: "open my window a little" -> direction up,
    "车窗再升一点" -> down; a direction said with the state it moves toward loses the state ("close it a bit more"
    is a step, not all the way). A position said, or none of this, leaves the slots as read."""
    if opened_a_crack(text) and slots.get("state") == "open":
        # "crack the window", "open my window a crack" are labelled open; the cockpit opens it a step
        # (dialogue.window), so no direction besides
        return {k: v for k, v in slots.items() if k != "direction"}
    if "position" in slots or opened_a_crack(text):
        return slots
    state, direction = slots.get("state"), slots.get("direction")
    toward = {"open": "up", "close": "down"}.get(str(state))
    if direction is None and toward is not None and _A_LITTLE.search(text):
        direction = toward
    if direction is not None and toward in (None, direction):
        return {k: v for k, v in slots.items() if k != "state"} | {"direction": direction}
    return slots


# How far a window is to be open, said as a part of the whole ("halfway", "a quarter of the way", 一半, 四分之一):
# the tagger misses the longer phrasings.
_HALF_SAID = re.compile(r"\bhalf(?:\s*way)?\b|一半", re.IGNORECASE)


# Opening a window as far as it goes ("all the way", "fully", 到底, 全部打开 of one window): INTENTS.md's position 100.
_ALL_THE_WAY = re.compile(
    r"\ball the way\b|\bfully\b|\bcompletely\b|\bwide open\b|到底|全部打开|全打开|完全打开|开到最大", re.IGNORECASE
)


def position_said(text: str, state: object = None, every_window: bool = False) -> int | None:
    """The window opening a request names as a fraction (50 for "halfway", 25 for "a quarter of the way"), or as all
    the way when it opens (`state` "open"), or None. `every_window`: the request is for every window."""
    fraction = fraction_percent(text)
    if fraction is not None:
        return fraction
    if _HALF_SAID.search(text):
        return 50
    found = _ALL_THE_WAY.search(text) if state == "open" else None
    if found is None or (every_window and found.group(0).startswith("全")):
        return None  # "把车窗全部打开" opens every window: 全部 counts the windows, not how far
    return 100


# Switching off, said with no word of switching on ("让扫地机器人停下来", "shut the heater off"): a home device read as
# switched on is switched off.
_STOPPED = re.compile(r"\bstop\b|停下|停止|停掉", re.IGNORECASE)
_SAYS_ON = re.compile(r"\bon\b|打开|开启|开一下|启动", re.IGNORECASE)


def says_off(text: str) -> bool:
    """The words switch off (postprocess.switched_off) or stop something, and switch nothing on."""
    return (switched_off(text) or _STOPPED.search(text) is not None) and _SAYS_ON.search(text) is None


# Locks: the catalogue opens and closes doors, gates and the boot, and locks nothing. "lock the doors" or 把车门锁上
# asks for what it cannot do; read as "close", it would do something else.
_LOCKS = re.compile(r"\b(?:un)?lock(?:s|ed|ing)?\b|锁", re.IGNORECASE)
OPENING_INTENTS = frozenset({"body.open", "body.close", "home.open", "home.close", "window.set"})


def asks_to_lock(text: str) -> bool:
    """The words ask to lock or unlock something ("lock the doors", 把家里的门锁上, 开启儿童锁)."""
    return _LOCKS.search(text) is not None


# Which window a defrost request names: the rear window, else the windscreen.
_DEFROST_TARGET_WORDS = (
    ("rear", re.compile(r"\b(?:rear|back) (?:window|windscreen|windshield|glass)\b|后窗|后挡|后玻璃|后风挡", re.I)),
    ("front", re.compile(r"\b(?:windscreen|windshield|front window|front glass)\b|前窗|前挡|前玻璃|前风挡", re.I)),
)


def defrost_target_said(text: str) -> str | None:
    """The one window a defrost request names ("后窗全是雾" -> rear), or None."""
    named = [target for target, words in _DEFROST_TARGET_WORDS if words.search(text)]
    return named[0] if len(named) == 1 else None


# Clearing a window of what blurs it ("clear the fog off the back glass", "get the frost off the windshield"): the
# "off" is the fog's, and the defrost is switched on.
_CLEARED_OFF = re.compile(
    r"\b(?:fog|frost|ice|mist|condensation|steam)\b(?:\s+\w+){0,2}\s+(?:off|from)\s+(?:the|my|our)\b", re.IGNORECASE
)


def clears_a_window(text: str) -> bool:
    """The words take fog, frost or ice off a window: a defrost switched on, whatever "off" says alone."""
    return _CLEARED_OFF.search(text) is not None


# Curtains pulled back or drawn apart are opened ("pull back the drapes", "draw the curtains back"); "draw the
# curtains" alone is left to the model (either way in English).
_PULLED_BACK = re.compile(
    r"\b(?:pull|draw|push|throw)\s+(?:back|apart|open)\b|\b(?:pull|draw|push|throw)\s+(?:the|my|those)\s+"
    r"(?:\w+\s+){0,2}(?:back|apart|open)\b",
    re.IGNORECASE,
)


def pulls_back(text: str) -> bool:
    """The words pull curtains back or apart: they are opened."""
    return _PULLED_BACK.search(text) is not None


# Not hearing what plays ("i can barely hear the radio", "i can't hear the podcast", "the music is too quiet"): the
# volume goes up. Mandarin says it in words the model knows (听不清, 声音太小).
_AUDIO = (
    r"(?:the |my |this |that )?(?:radio|music|songs?|track|podcast|audiobook|audio|sound|stereo|speakers?|nav|"
    r"navigation|directions|volume|it|you|this|that|anything|a thing|a word)"
)
_CANNOT_HEAR = re.compile(
    # said of what plays now, by the speaker ("i couldn't hear the doorbell" tells of something else)
    rf"\b(?:i|we)\s+(?:can't|cannot|can not|can barely|can hardly|can scarcely)\s+(?:really\s+)?hear(?:\s+{_AUDIO})?"
    r"\s*(?:$|[,.!?]|\bat all\b|\banymore\b|\bover\b|\bin here\b|\bback here\b)"
    rf"|^{_AUDIO}(?:\s+is|'s|\s+sounds)\s+(?:way\s+|much\s+)?(?:too|so|very|really)\s+(?:quiet|soft|faint)\b"
    rf"|^{_AUDIO}(?:\s+is|'s)(?:\s+not|n't)\s+loud\s+enough\b",
    re.IGNORECASE,
)
# ... unless it is heard well enough to ask for less ("i can't hear anything but the bass, turn it down").
_LESS = re.compile(r"\b(?:down|lower|quieter|softer|mute)\b", re.IGNORECASE)


def too_quiet_to_hear(text: str, title: str = "") -> bool:
    """The words say what plays is too quiet to hear, and ask for no less; words inside the `title` asked for are
    its own ("play So Quiet")."""
    found = _CANNOT_HEAR.search(text)
    return found is not None and found.group(0).lower() not in title.lower() and _LESS.search(text) is None


# The part of the car's body a request names in its own words: the words decide over the model's guess ("我要放东西，
# 后备箱开一下" had opened the door).
_BODY_TARGET_WORDS = (
    ("frunk", re.compile(r"\bfrunk\b|\bfront (?:trunk|boot)\b|前备箱|前舱", re.IGNORECASE)),
    ("trunk", re.compile(r"(?<!front )\b(?:trunk|boot|tailgate|hatch)\b|后备箱|尾门|后盖|后尾箱", re.IGNORECASE)),
    ("charge_port", re.compile(r"\bchar(?:ge|ging) (?:port|flap|door|lid)\b|充电口|充电盖", re.IGNORECASE)),
    ("door", re.compile(r"\b(?:car )?doors?\b|车门", re.IGNORECASE)),
)


def body_target_said(text: str) -> str | None:
    """The one part of the car's body a request names ("后备箱开一下" -> trunk), or None (none, or several)."""
    named = [target for target, words in _BODY_TARGET_WORDS if words.search(text)]
    return named[0] if len(named) == 1 else None


# A seat or a side named in words of its own ("主驾温度给我设到二十五度", "the passenger side"); the rear's sides are
# rear_zone_said's, and a seat behind another ("behind the driver") is no driver's.
_THE_REAR = re.compile(r"\bbehind\b|\brear\b|\bback\b|后排|后座|左后|右后|后面", re.IGNORECASE)


def zone_said(text: str) -> str | None:
    """The one front seat a request names (driver, passenger), or None."""
    if _THE_REAR.search(text):
        return None
    named = {normalize_zone(found.group(0)) for found in SEAT_WORDS.finditer(text)}
    front = named & {"driver", "passenger"}
    return front.pop() if len(front) == 1 else None


# Ending the route in words of its own ("clear the destination", "stop the directions", "exit the navigation").
_ENDS_THE_ROUTE = re.compile(
    ASKING_OPENING + r"(?:clear|cancel|remove|delete|drop|end|stop|exit|quit|"
    r"scrap|ditch|kill)\s+(?:the\s+|my\s+|this\s+|our\s+|current\s+)*(?:destination|route|navigation|nav|directions|"
    r"guidance|trip|journey)\s*(?:please)?\s*[.!?]*\s*$",
    re.IGNORECASE,
)


def ends_the_route(text: str) -> bool:
    """The request only ends the route ("clear the destination"): nav.cancel, whatever the model read."""
    return _ENDS_THE_ROUTE.match(text) is not None


# Any word that ends or refuses something: a route is cancelled only in such words ("导航" alone starts one).
_ENDING_WORDS_EN = re.compile(
    r"\b(?:stop|stopping|cancel|end|ending|quit|exit|clear|off|kill|abort|forget|no more|don't|scrap|drop|ditch|"
    r"enough|done|terminate|abandon|never ?mind|dismiss|close|remove|delete|no need)\b",
    re.IGNORECASE,
)
_ENDING_WORDS_ZH = re.compile(r"取消|结束|退|停|关|别|不要|不用|不.?导航|算了|终止|放弃|撤销|清除|删")


def says_an_ending(text: str) -> bool:
    """The words end, stop or refuse something (a cancel needs them said)."""
    return (_ENDING_WORDS_EN if text.isascii() else _ENDING_WORDS_ZH).search(text) is not None


# What plays, stopped for now ("把有声书停一下", "音乐先停停", "歌先停一下"): a pause, not a new play.
_PAUSED_ZH = re.compile(
    r"(?:音乐|歌曲|歌|有声书|播客|广播|电台|节目|故事)(?:先)?(?:停一下|停一停|停停|停下|停掉|停了|停)"
)


def pauses_what_plays(text: str) -> bool:
    """The words stop what plays for now (a pause)."""
    return _PAUSED_ZH.search(text) is not None


# The house put in one of its modes ("set the house to away", "put the home in night mode").
_HOUSE_MODE = re.compile(
    r"\b(?:set|put|switch|turn)\s+(?:the\s+|my\s+|our\s+)?(?:house|home)\s+(?:to|in|into|on)\b", re.IGNORECASE
)


def sets_a_house_mode(text: str) -> bool:
    """The words put the house in a mode (its scene is scene_said's)."""
    return _HOUSE_MODE.search(text) is not None and scene_said(text) is not None


# Playing on from where it stopped ("pick up the music where we left off", "carry on with the podcast"): a play with
# no title (data/README.md: a resume names none).
_RESUMED = re.compile(
    ASKING_OPENING + r"(?:pick up|carry on|continue|resume|go on)\b.*"
    r"\b(?:music|song|songs|playlist|podcast|audiobook|album|track|where (?:we|i|you) (?:left off|stopped))\b",
    re.IGNORECASE,
)


def resumes_playing(text: str) -> bool:
    """The words ask to play on from where it stopped."""
    return _RESUMED.search(text) is not None


def names_nothing(query: str) -> bool:
    """A query that names no title or artist ("something", "music", "the radio")."""
    return query.lower() in _NOTHING_NAMED


# Who a request only to call someone names, when the model tagged no one ("i need to call my friend", "make a call
# for me to the vet", "给小王打个电话", "帮我拨一下我哥的电话"): the words after the verb that asks for a contact, up
# to the words that only say how or when. A whole phrase ("make a call to") is looked for before its verb, and
# "call" before "phone", which is also a noun ("call the phone company", "make a phone call").
# Ways of asking to call that say nothing else: a call whatever the model read ("give Uncle Raj a bell").
_EN_ASKED_TO_CALL = (
    re.compile(r"\bgive\s+(?P<who>.+?)\s+a\s+(?:call|ring|buzz|bell|shout|tinkle|holler)\b", re.IGNORECASE),
    re.compile(r"\bget\s+(?P<who>.+?)\s+on\s+the\s+(?:phone|line|blower)\b", re.IGNORECASE),
)
_EN_CALL_WHO = (
    re.compile(
        r"\b(?:make|place|start|initiate|do)\s+a\s+(?:phone\s+)?call\s+(?:for\s+me\s+)?to\s+(?P<who>.+)$",
        re.IGNORECASE,
    ),
    *_EN_ASKED_TO_CALL,
    re.compile(r"\b(?:call|ring|dial)(?:\s+(?:up|back))?\s+(?:contact\s+|to\s+)?(?P<who>.+)$", re.IGNORECASE),
    re.compile(r"\bphone(?:\s+up)?\s+(?!call\b|number\b)(?P<who>.+)$", re.IGNORECASE),
)
_EN_CALL_TAIL = re.compile(
    r"(?:[\s,]+(?:please|now|right now|for me|instead|back|again|on (?:the )?(?:phone|speaker))\b)+\s*[.!?]*\s*$"
    # ... or what to say once through: "call my brother and tell him I am late"
    r"|,?\s+(?:and|to|then)\s+(?:tell|say|let|ask|remind|check)\b.*$",
    re.IGNORECASE,
)
_ZH_CALL_WHO = (
    re.compile(r"给(?P<who>.+?)打(?:个|一个|一下|一通|通)?电话"),
    re.compile(
        r"(?:打电话给|打给|呼叫|拨打|拨一下|拨通|拨给|联系)(?P<who>.+?)(?:的(?:电话|手机|号码))?(?:吧|一下)?[。！!？?]*$"
    ),
)
# Words that stand where a contact would but name no one ("call him", "call it off").
_NO_ONE_NAMED = frozenset(
    {"him", "her", "them", "me", "us", "it", "someone", "somebody", "anyone", "anybody", "back", "that", "this"}
)


_POLITE_OPENING = re.compile(
    r"^\s*(?:(?:please|just|can you|could you|would you|will you|hey|ok|okay|um|uh)[\s,]+)*", re.IGNORECASE
)


def asks_to_call(text: str) -> bool:
    """An English request, said as one (its verb first), in a way of asking to call that says nothing else ("give
    Uncle Raj a bell", "get Xochitl on the phone"): a call, whatever the model read. "I'll give you a ring" tells."""
    opening = _POLITE_OPENING.match(text)
    start = opening.end() if opening else 0
    return any(
        (found := pattern.match(text, start)) is not None
        and found.group("who").lower() not in _NO_ONE_NAMED | {"you", "yourself"}
        for pattern in _EN_ASKED_TO_CALL
    )


def contact_said(text: str) -> tuple[int, int] | None:
    """Where the one a request to call names is said (a span of `text`), for a reading of phone.call with no
    contact; None when no verb asking for a contact is followed by a name."""
    patterns = _EN_CALL_WHO if detect_lang(text) == "en" else _ZH_CALL_WHO
    for pattern in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        begin, end = match.span("who")
        tail = _EN_CALL_TAIL.search(text, begin, end)
        end = tail.start() if tail is not None and tail.start() > begin else end
        said = text[begin:end]
        begin += len(said) - len(said.lstrip(EDGE_PUNCT))  # the span as said, without its edges' spaces and marks
        end -= len(said) - len(said.rstrip(EDGE_PUNCT))
        if text[end : end + 1] == "." and ends_in_abbreviation(text[begin : end + 1]):
            end += 1  # "call Dr." keeps its full stop, as clean_free_text does
        who = clean_free_text(text[begin:end])
        if not who or who.lower() in _NO_ONE_NAMED or not strip_possessive(who):
            return None
        return begin, end
    return None


# A change of temperature said as a number of degrees ("two degrees warmer", "调高两度"); not one said as where to go
# ("to twenty degrees", 调到二十度), which is a set point.
_DEGREES_OF_CHANGE = re.compile(
    rf"\b(?P<en>{EN_NUMBER_PHRASE})\s+degrees?\b|(?<![{ZH_NUMERALS}\d.])(?P<zh>[{ZH_NUMERALS}\d.]+)度", re.IGNORECASE
)
_SET_POINT_BEFORE = re.compile(r"(?:\b(?:to|at)\s*|[到至成为])$", re.IGNORECASE)


def degrees_of_change_said(text: str) -> float | None:
    """The number of degrees a change of temperature says, or None (see _DEGREES_OF_CHANGE)."""
    for found in _DEGREES_OF_CHANGE.finditer(text):
        before = text[: found.start()]
        if before.split()[-1:] and before.split()[-1].lower() in EN_NUMBER_WORDS:
            continue  # "two degrees" of "twenty two degrees": the number began earlier
        if _SET_POINT_BEFORE.search(before.rstrip() if found.group("en") else before):
            return None  # where to go, not by how much
        return parse_number(found.group("en") or found.group("zh"))
    return None
