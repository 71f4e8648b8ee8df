"""Where one spoken request may be cut into commands: its connectors ("and then", "顺便", a comma) and the run-on
joints between commands said with no connector at all ("关空调开窗", "what's the battery at what's the range").
cockpit/nlu/compound.py reads the pieces between them; a joint inside a name or a number is none ("play Hall and
Oates", "one hundred and ten")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cockpit.nlu.decode import chinese_word_continuations
from cockpit.nlu.postprocess import EN_NUMBER_PHRASE, EN_NUMBER_WORDS, ZH_NUMBER_PHRASE, category_named
from cockpit.nlu.tokenizer import detect_lang

# Connectors. Coordinating ones may share a verb across them ("the reading light and the ambient light");
# sequencing ones join two whole commands ("...then...", "...再...").
_EN_COORDINATING = ("as well as", "and", "plus")
_EN_SEQUENCING = (
    "and then",
    "and also",
    "and after that",
    "after that",
    "afterwards",
    "then",
    "also",
    "and while you're at it",
    "while you're at it",
    "and please",
    "and can you",
    "and could you",
    "and once you've done that",
    "once you've done that",
    "once that's done",
    "when that's done",
    "after you've done that",
    "and oh",
    "oh and",
)
# 与 is left out: far more often a preposition ("中关村大街与知春路") than "and"; 跟 joins only a list its verb takes
# with 都 ("副驾的座椅加热跟通风都打开"), and is a preposition otherwise ("跟她说").
_ZH_COORDINATING = ("以及", "和", "及", "、", "跟")
_ZH_WITH = "跟"
_ZH_SEQUENCING = (
    *("然后再", "然后呢", "然后", "接着", "之后再", "顺便再", "顺便", "顺手", "顺带", "同时", "另外"),
    *("还有就是", "还有", "还得", "哦对了", "哦对", "对了", "一边", "并且", "而且", "再"),
)
# ... of which these join two commands only after a comma ("…，对了，…"; "说对了" judges), and 一边 only as the pair
# 一边…一边 ("一边导航去西湖一边放点音乐"; "靠一边停" is a side).
_ZH_AFTER_A_MARK_ONLY = ("哦对了", "哦对", "对了")
_ZH_PAIRED = "一边"
# After 还有, the words that make it "there is still" (还有多少电, 还有几公里, 还有没有) rather than "and also".
_ZH_REMAINING = re.compile(r"多|几|没|什么|啥")


# A Mandarin piece that only names a kind of place ("停车场", "一个充电站"): the object of a search beside it.
_ZH_A_PLACE_ONLY = re.compile(r"^(?:还有)?(?:一)?(?:个|家|处)?(?P<kind>[\u4e00-\u9fff]{2,4}?)(?:吧|呢)?$")


def names_only_a_kind_of_place(text: str) -> bool:
    """The Mandarin words name a kind of place and nothing else."""
    kind = _ZH_A_PLACE_ONLY.match(text.strip(" ，,。"))
    return kind is not None and category_named(kind.group("kind")) is not None


def _joins_with(after: str) -> bool:
    """跟 says "and" before a list its verb takes with 都, or before a kind of place said alone ("咖啡店跟停车场")."""
    return "都" in after or names_only_a_kind_of_place(re.split(r"[，,；;。]", after, maxsplit=1)[0])


def _en_pattern() -> re.Pattern[str]:
    words = sorted(_EN_COORDINATING + _EN_SEQUENCING, key=len, reverse=True)
    word = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:\s*[,;]\s*(?:(?:{word})\b\s*)*|\s+(?:(?:{word})\b[\s,;]*)+)", re.IGNORECASE)


def _zh_pattern() -> re.Pattern[str]:
    words = sorted(_ZH_COORDINATING + _ZH_SEQUENCING, key=len, reverse=True)
    word = "|".join(re.escape(w) for w in words)
    # a connector takes the marks after it ("，然后呢，把温度降两度" is one joint, not two around nothing)
    return re.compile(rf"(?:\s*[，,；;。]\s*(?:{word})*|(?:{word})+)(?:\s*[，,；;。])*\s*")


_PATTERNS = {"en": _en_pattern(), "zh": _zh_pattern()}


def holds_a_connector(text: str) -> bool:
    """A connector anywhere in `text`, edges included: words that may join two commands ("jazz and turn on the AC",
    "去公司然后放歌"), for a name that must not be taken across one."""
    return _PATTERNS[detect_lang(text)].search(text) is not None


def _only_connectors(text: str, lang: str) -> bool:
    """Nothing but connectors (or nothing): "and then play jazz" has no command before "then"."""
    rest = text.strip(" ,;，；。").lower()
    if lang == "en":
        words = set(" ".join(_EN_COORDINATING + _EN_SEQUENCING).split())
        return all(word in words for word in rest.split())
    return not rest or _PATTERNS["zh"].fullmatch(rest) is not None


def _inside_a_number(text: str, start: int, end: int) -> bool:
    """ "twenty and a half", "one hundred and ten", "Oct. 16, 2036": the connector is inside a number or a date."""
    before = text[:start].split()
    after = text[end:].lower().split()
    if not before or not after:
        return False
    if after[:2] == ["a", "half"] or after[0] == "half":
        return True  # "twenty and a half", "a week and a half"
    last = before[-1].lower().strip(",")
    number_before = last in EN_NUMBER_WORDS or last[:1].isdigit()  # "one hundred", "Oct. 16", "21st"
    number_after = after[0] in EN_NUMBER_WORDS or after[0][:1].isdigit()
    # "one hundred and ten", "Oct. 16, 2036": a comma or "and" between numbers joins one number or date
    return number_before and number_after


@dataclass(frozen=True)
class Boundary:
    start: int
    end: int
    coordinating: bool
    run_on: bool = False  # no connector: a command straight after another (_run_on_joints, _en_run_on_joints)


def boundaries(text: str, lang: str) -> list[Boundary]:
    """Where connectors stand, with text on both sides, and the run-on joints between commands said with none."""
    found = []
    for match in _PATTERNS[lang].finditer(text):
        if match.end() >= len(text.rstrip(" ?.!。？！")) or _only_connectors(text[: match.start()], lang):
            continue
        said = match.group().strip(" ").lower()
        if lang == "zh" and said.endswith("还有") and _ZH_REMAINING.match(text, match.end()):
            continue  # "电量还有多少": what is left, not "and also"
        if lang == "zh" and said.endswith(_ZH_WITH) and not _joins_with(text[match.end() :]):
            continue
        if lang == "zh" and said in _ZH_AFTER_A_MARK_ONLY:
            continue  # no comma before it
        if lang == "zh" and said.endswith(_ZH_PAIRED) and text.count(_ZH_PAIRED) < 2:
            continue
        words = re.split(r"[\s,;，；。]+", said)
        words = [w for w in words if w]
        if lang == "en":
            if _inside_a_number(text, match.start(), match.end()):
                continue
            coordinating = all(w in ("and", "as", "well", "plus") for w in words)
        else:
            coordinating = not any(w in said for w in _ZH_SEQUENCING)
        found.append(Boundary(match.start(), match.end(), coordinating))
    # ... and where a command follows another with none ("关空调开窗", "what's the battery at what's the range")
    run_on = _run_on_joints(text, found) if lang == "zh" else _en_run_on_joints(text, found)
    run_on += _opening_refusal(text, lang, found + run_on)
    run_on += _listed_settings(text, lang, found + run_on)
    if lang == "zh":
        run_on += _zh_question_joints(text, found + run_on)
    found = sorted(found + run_on, key=lambda b: b.start)
    return found


# The verbs an English command opens with (a self-correction's command said again, a request after a refusal).
COMMAND_VERBS_EN = frozenset(
    [
        "turn",
        "switch",
        "set",
        "make",
        "put",
        "open",
        "close",
        "shut",
        "call",
        "ring",
        "dial",
        "phone",
        "play",
        "navigate",
        "go",
        "take",
        "drive",
        "head",
        "find",
        "start",
        "stop",
        "raise",
        "lower",
        "increase",
        "decrease",
        "crank",
        "bump",
        "heat",
        "cool",
        "warm",
        "skip",
        "pause",
        "resume",
        "text",
        "get",
        "show",
        "change",
        "bring",
        "roll",
        "lock",
        "unlock",
        "mute",
        "unmute",
    ]
)

# An answer that opens a request with no pause after it, as a recogniser writes it ("no just close the window",
# "never mind um just take me home", 不用了帮我导航回家吧): a joint after the answer when a command's verb follows.
# Only refusals and cancels: "okay so" opens a request as a filler; and in Mandarin a refusal ends in 了 or 吧, since
# 不用 and 不要 before a verb say "don't" (不用开空调).
_OPENING_REFUSAL_EN = re.compile(
    r"^\s*(?P<answer>(?:no+|nope|nah)(?:[\s,.!]+(?:no+|nope|nah))*|never\s*mind|forget\s+it|scratch\s+that|cancel\s+that)"
    r"\b[\s,.!]*"
    r"(?:(?:um+|uh+|just|actually|instead|then|so|please)\s+)*(?P<verb>[a-z']+)",
    re.IGNORECASE,
)
_OPENING_REFUSAL_ZH = re.compile(r"^\s*(?:不用了|不要了|算了吧|算了|没事了|不了)")
_REQUEST_LEAD_ZH = re.compile(r"[\s,，。]*(?:[呃嗯啊那就还是]{0,3})(?:请|麻烦)?(?:你)?(?:帮我|给我)?")


def _opening_refusal(text: str, lang: str, found: list[Boundary]) -> list[Boundary]:
    """The joint after a refusal that opens a request said with no pause (see _OPENING_REFUSAL_EN)."""
    if lang == "en":
        match = _OPENING_REFUSAL_EN.match(text)
        if match is None or match.group("verb").lower() not in COMMAND_VERBS_EN:
            return []
        at = match.end("answer")
    else:
        match = _OPENING_REFUSAL_ZH.match(text)
        if match is None:
            return []
        lead = _REQUEST_LEAD_ZH.match(text, match.end())
        verb_at = lead.end() if lead else match.end()
        if _VERBS_BEFORE.match(text, verb_at) is None and not text.startswith("把", verb_at):
            return []
        at = match.end()
    if any(b.start <= at <= b.end + 1 for b in found):
        return []  # "no, close the window": the comma is the joint
    return [Boundary(at, at, coordinating=False, run_on=True)]


# Settings listed one after another with no connector and no verb of their own, as a recogniser writes them:
# "set the fan to two the temperature to twenty three", "…twenty two fan to three", 温度调到二十二度风量三档,
# 主驾座椅加热三档副驾一档. A joint stands after a value (a number, with its unit) when what follows names another
# setting and gives it a value at once: a few words, "to" (English), then a number.
_EN_VALUE_END = re.compile(rf"\b{EN_NUMBER_PHRASE}(?:\s+(?:degrees?|percent))?\b", re.IGNORECASE)
_EN_SETTING_FOLLOWS = re.compile(rf"\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+to\s+{EN_NUMBER_PHRASE}\b", re.IGNORECASE)
_ZH_VALUE_END = re.compile(rf"{ZH_NUMBER_PHRASE}(?:度|档|挡|格|%)")
_ZH_SETTING_FOLLOWS = re.compile(
    rf"(?![不没别])[\u4e00-\u9fff]{{1,5}}?(?:调到|开到|设到|调成|到)?{ZH_NUMBER_PHRASE}(?:度|档|挡|格|%)"
)


def _listed_settings(text: str, lang: str, found: list[Boundary]) -> list[Boundary]:
    """Joints between settings said one after another with no connector (see _EN_SETTING_FOLLOWS)."""
    value_end, follows = (_EN_VALUE_END, _EN_SETTING_FOLLOWS) if lang == "en" else (_ZH_VALUE_END, _ZH_SETTING_FOLLOWS)
    joints = []
    for value in value_end.finditer(text):
        at = value.end()
        if lang == "en":
            nxt = _EN_VALUE_END.match(text, at + 1)
            if nxt is not None and nxt.start() == at + 1:
                continue  # "twenty two": the number goes on
        setting = follows.match(text, at)
        if setting is None or any(b.start - 1 <= at <= b.end + 1 for b in found):
            continue
        if lang == "en" and setting.group(0).split()[0].lower() in ("and", "or", "to", "by", "degrees", "percent"):
            continue
        # coordinating: a setting said with no device of its own takes its neighbour's (主驾座椅加热三档|副驾一档)
        joints.append(Boundary(at, at, coordinating=True, run_on=True))
    return joints


# Mandarin questions asked one after another with no connector ("还能跑多远附近有没有充电站", "电量还有多少能跑多远"):
# a run-on joint after a question's end: 吗 or 呢 with a few more words after it that are no word of the question
# itself ("吗的"), or 多远, 多少, 怎么样, 如何 before the words a new clause opens with (能, 还, 附近, 外面, 帮, 把;
# not "多少卡路里" or "多少人", where the question goes on). Not before an elliptical "X呢" ("车库门关了吗家里的灯呢"):
# read alone it is no question, and the model took it for switching the lights on.
_ZH_QUESTION_END = re.compile(
    r"(?:(?:吗|呢)(?=[^的了啊呀吧，,。？?！!\s][^，,。？?！!]{2,})"
    r"|(?:多远|多少|怎么样|如何)(?=能|还|附近|外面|现在|今天|明天|帮|把|请|打开|导航))"
)


def _zh_question_joints(text: str, found: list[Boundary]) -> list[Boundary]:
    """Zero-width joints between Mandarin questions said with no connector (see _ZH_QUESTION_END)."""
    joints = []
    for match in _ZH_QUESTION_END.finditer(text):
        at = match.end()
        rest = text[at:].rstrip("？?。！! ")
        if rest.endswith("呢") or at < 3 or any(b.start - 1 <= at <= b.end + 1 for b in found):
            continue
        joints.append(Boundary(at, at, coordinating=False, run_on=True))
    return joints


# Verbs a Mandarin command opens with, which may start a second command said straight after a first with no
# connector at all ("关空调开窗"), and 把, which opens one with its object ("温度降两度把副驾车窗打开"): a run-on
# joint stands before one of them when the words since the last joint hold a verb of their own (_VERBS_BEFORE; so
# "把空调开到二十度" and "空调开到二十度" stay one), at the start of a dictionary word (开 of 打开 is none).
_RUN_ON_VERBS = (
    "打开",
    "关掉",
    "关闭",
    "关上",
    "开",
    "关",
    "调",
    "播放",
    "导航",
    "把",
    "改去",
    "打给",
    "放首",
    "放一首",
    "来首",
    "来一首",
)
# ... and 给 before a call ("导航去虹桥机场给小李打个电话"), which opens its command with the one called, like 把
_CALL_OPENER = r"给(?=[^，,。！？]{1,8}?打(?:个|一个|一下|一通)?电话)"
_RUN_ON_VERB = re.compile("|".join((*_RUN_ON_VERBS, _CALL_OPENER)))
_OPENS_WITH_ITS_OBJECT = ("把", "给")
_VERBS_BEFORE = re.compile(
    "|".join(("打开", "关掉", "关闭", "关上", "开", "关", "调", "播放", "导航", "放", "降", "升", "切"))
)
# The second command's subject said before its verb goes with it: 温度调到二十二度|风量调到三档, not ...风量|调到三档.
# Its words are nouns (the segmenter's tags; 车窗 is tagged a place word) and zone words (副驾, which it tags a verb).
_SUBJECT_TAGS = frozenset({"n", "nz", "ng", "nr", "ns", "s", "b", "eng"})
_ZONE_AT_THE_END = re.compile(r"(?:主驾驶?|副驾驶?|后排|前排|左后|右后|左前|右前)$")
_A_VALUE = re.compile(r"^[零〇一二两三四五六七八九十百\d.]+$|[度档格%]$")


def _subject_start(text: str, since: int, at: int) -> int:
    """Where a command said after another with no connector begins when it names its subject before its verb (the
    joint found before the verb moves back over it). The command before keeps one noun when it ends in a verb or a
    measure that still wants its object: 放点轻音乐|氛围灯调成紫色, 关上车窗|打开空调."""
    import rjieba  # imported on use, like the segmenter of chinese_word_continuations

    said = text[since:at]
    zone = _ZONE_AT_THE_END.search(said)
    head = said[: zone.start()] if zone else said
    words, position = [], since
    for word, tag in rjieba.tag(head):
        words.append((word, tag, position))
        position += len(word)
    if position != since + len(head):
        return at  # a segmenter that lost a character
    first = len(words)
    while first > 0 and words[first - 1][1] in _SUBJECT_TAGS:
        first -= 1
    if first == len(words) and zone is None:
        return at
    if first == 0:
        return at  # nothing but nouns since the last joint: no command ends before them
    opened_with_ba = [i for i, (word, _, _) in enumerate(words[:first]) if word == "把"]
    if opened_with_ba and not any(tag.startswith("v") for _, tag, _ in words[opened_with_ba[-1] : first]):
        return at  # 把玄关灯打开: the nouns are 把's object, one command
    before = words[first - 1]
    if not _A_VALUE.search(before[0]) and before[1] not in ("ul", "y"):
        first += 1  # the command before wants its object: the first noun is its own
    if first < len(words):
        return words[first][2]
    return since + zone.start() if zone else at


def _run_on_joints(text: str, found: list[Boundary]) -> list[Boundary]:
    """Zero-width joints between Mandarin commands said with no connector (see _RUN_ON_VERBS)."""
    inside_word = chinese_word_continuations(text, guessed_words=False)
    joints: list[Boundary] = []
    since = 0
    for match in _RUN_ON_VERB.finditer(text):
        at = match.start()
        since = max([since] + [b.end for b in found if b.end <= at])
        if at - since < 2 or inside_word[at] or any(b.start <= at < b.end + 1 for b in found):
            continue
        verbs_before = [m for m in _VERBS_BEFORE.finditer(text, since, at) if not inside_word[m.start()]]
        if not verbs_before or len(text.rstrip("了吧啊呀。！？!?")) - at < 2:
            continue  # (调 of 空调 is no verb)
        starts = _subject_start(text, since, at) if match.group(0) not in _OPENS_WITH_ITS_OBJECT else at
        if starts - since < 2:
            continue
        joints.append(Boundary(starts, starts, coordinating=False, run_on=True))
        since = at
    return joints


# English questions asked one after another with no connector ("what's the battery at what's the range"): a
# run-on joint before a question's opening words, after two words at least, unless a word before it embeds it
# ("tell me what's the range", "do you know how far it is").
_EN_QUESTION_OPENING = re.compile(
    r"\b(?:what's|what is|what are|how (?:long|far|much|many|fast)|where's|where is|is there|are there|when will)\b",
    re.IGNORECASE,
)
_EN_EMBEDDING = frozenset(
    [
        "know",
        "tell",
        "me",
        "ask",
        "see",
        "wonder",
        "wondering",
        "about",
        "of",
        "to",
        "in",
        "for",
        "and",
        "or",
        "is",
        "check",
        "out",
        "show",
        "guess",
        "remember",
        "sure",
        "that",
        "exactly",
    ]
)


# ... and English commands one after another, as a recogniser writes them ("turn off the ac open the window", "play
# some jazz turn it up"): a run-on joint before an imperative verb with what it acts on, after two words at least of
# a command begun with a verb of its own, unless the word before it makes the verb part of the first ("want to
# play", "let me call", "can you turn"). A title the model reads across it stays whole unless the words after it
# are a sure command of another kind (compound.py).
_EN_IMPERATIVE_OPENING = re.compile(
    r"\b(?:turn|switch|set|open|close|shut|call|ring|dial|play|navigate|take|drive|find|skip|pause|resume|mute|unmute|"
    r"roll|crank|put|lower|raise)\s+(?:the|my|on|off|up|down|it|all|some|a|an|me|us|to|him|her|them|this|that)\b",
    re.IGNORECASE,
)
_EN_MAKES_IT_ONE = frozenset(
    {"to", "can", "could", "would", "will", "you", "please", "and", "or", "i", "me", "let's", "lets", "don't"}
    | {"dont", "not", "never", "just", "then", "also"}
)


def _en_run_on_joints(text: str, found: list[Boundary]) -> list[Boundary]:
    """Zero-width joints between English questions or commands said with no connector (see _EN_QUESTION_OPENING,
    _EN_IMPERATIVE_OPENING)."""
    joints = _en_question_joints(text, found)
    since = 0
    for match in _EN_IMPERATIVE_OPENING.finditer(text):
        at = match.start()
        since = max([since] + [b.end for b in found + joints if b.end <= at])
        before = [word.lower().strip(",") for word in text[since:at].split()]
        if len(before) < 2 or before[-1] in _EN_MAKES_IT_ONE or before[-1] in _EN_EMBEDDING:
            continue
        if not COMMAND_VERBS_EN & set(before) or any(b.start <= at <= b.end for b in found + joints):
            continue
        joints.append(Boundary(at, at, coordinating=False, run_on=True))
        since = at
    return sorted(joints, key=lambda b: b.start)


def _en_question_joints(text: str, found: list[Boundary]) -> list[Boundary]:
    """Zero-width joints between English questions said with no connector (see _EN_QUESTION_OPENING)."""
    joints: list[Boundary] = []
    since = 0
    for match in _EN_QUESTION_OPENING.finditer(text):
        at = match.start()
        since = max([since] + [b.end for b in found if b.end <= at])
        before = text[since:at].split()
        if len(before) < 2 or before[-1].lower().strip(",") in _EN_EMBEDDING:
            continue
        if any(b.start <= at <= b.end for b in found):
            continue
        joints.append(Boundary(at, at, coordinating=False, run_on=True))
        since = at
    return joints
