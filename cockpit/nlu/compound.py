"""Requests with several commands: "lower the fan and find me a coffee shop", "打开后备箱，顺便把音量调小".

The model reads one command at a time. A request is split where a connector stands ("and", "then",
commas, 和, 再, 顺便, ...) and each piece is read on its own; the model then decides whether the
split was right:

* A connector inside a free-text slot of the whole request's reading never splits it: "play Hall and
  Oates", "导航去和平门", "call mom and dad"; nor one inside a number or a date ("twenty and a half",
  "Oct. 16, 2036"); a piece that is no command right after a name is the rest of that name ("Tom Petty and
  the Heartbreakers").
* A piece that does not stand on its own as a command (out of scope, unsure, or missing the slot its
  intent cannot do without) borrows the verb it shares with its neighbour across a coordinating
  connector: "turn on the reading light and the ambient light" -> "turn on the ambient light";
  "把阅读灯和氛围灯都打开" -> "把阅读灯打开". A piece that does stand may still borrow, but only to
  gain slots without changing its intent ("the ambient light" has no on/off of its own).
* A piece that finds no reading is put back with its neighbour ("温度再高一点" is one command).
* A piece made by borrowing that says no more than the command it borrowed from is dropped (a filler
  such as "hey car," in front of a command is not a command), and so is a word of the one command another
  piece says in full ("温度" of "温度再高一点").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cockpit.car_features import missing_feature_named
from cockpit.clarify import short_answer
from cockpit.nlu.answers import answer_said
from cockpit.nlu.catalogue import OUT_OF_SCOPE, SPAN_SLOTS, intent_spec
from cockpit.nlu.decode import chinese_word_continuations
from cockpit.nlu.joints import Boundary, boundaries, names_only_a_kind_of_place
from cockpit.nlu.postprocess import normalize_span_value, without_end_marks, without_reminder
from cockpit.nlu.reasons import is_a_reason
from cockpit.nlu.there import rooms_pointed_back_to
from cockpit.nlu.tokenizer import detect_lang
from cockpit.nlu.zone_settings import for_another_zone, zone_and_setting
from cockpit.prohibitions import forbids

if TYPE_CHECKING:
    from cockpit.nlu.model import NluModel, Parse, Part, Understanding

# Below this calibrated confidence a piece does not stand on its own as a command.
STANDS_ALONE_CONFIDENCE = 0.6
# No spoken request asks for more commands than this (the labelled ones hold three at most); a text cut into more
# pieces (a hostile one: "打开车窗不对" said a hundred times took half a second) is read as this many, the last
# holding the rest, so that reading it costs a bounded number of model runs.
MAX_COMMANDS = 8
# ... and the least a piece may be read with to stand beside a whole request read with less (_surer_than_the_whole).
UNSURE_PIECE_CONFIDENCE = 0.5
# How much of a neighbour a piece may borrow (a verb and its particle: "turn on the", "帮我打开", "都打开"), and how
# short a piece that is a command already must be to try (a bare object: "the ambient light", "氛围灯").
MAX_BORROWED_WORDS_EN, MAX_BORROWED_CHARS_ZH = 3, 4
SHORT_PIECE_WORDS_EN, SHORT_PIECE_CHARS_ZH = 4, 6
# The longest piece that may take a name's place in its neighbour's command ("the laundry room").
MAX_NAME_WORDS_EN = 3
# ... and in Mandarin ("把儿童房", "衣帽间"): a longer piece says more than a name.
MAX_NAME_CHARS_ZH = 6
# A piece this short with the whole request's intent, beside a piece that says the whole request, is a word of it.
FRAGMENT_WORDS_EN, FRAGMENT_CHARS_ZH = 1, 3
# The longest piece that is no command and may be dropped beside the one command of an unsure request ("stop", "好吧").
FILLER_WORDS_EN, FILLER_CHARS_ZH = 2, 3

NOT_A_COMMAND = frozenset({OUT_OF_SCOPE, "dialog.confirm", "dialog.deny", "dialog.cancel"})
# The commands on the cabin's temperature: a feeling about it beside one of them is its reason (reasons.py).
CABIN_TEMPERATURE = frozenset({"climate.set_temperature", "climate.adjust_temperature"})


@dataclass
class _Piece:
    text: str
    start: int
    end: int
    read_as: Parse | None = None  # set by _resolve before anything asks for the reading
    borrowed_from: int | None = None  # index of the piece whose words were borrowed
    another_zone: bool = False  # it said only a zone and a setting, and borrowed the command (zone_settings.py)

    @property
    def reading(self) -> Parse:
        if self.read_as is None:
            raise RuntimeError(f"piece {self.text!r} asked for its reading before it was read")
        return self.read_as

    @reading.setter
    def reading(self, value: Parse) -> None:
        self.read_as = value


def stands_alone(reading: Parse) -> bool:
    return reading.confidence >= STANDS_ALONE_CONFIDENCE and _a_whole_command(reading)


def _a_whole_command(reading: Parse) -> bool:
    """A command of the catalogue with the slot it cannot do without, however sure the model is of it."""
    if reading.intent in NOT_A_COMMAND:
        return False
    required = intent_spec(reading.intent).required
    return required is None or required in reading.slots


def _surer_than_the_whole(reading: Parse, whole: Parse) -> bool:
    """A piece the model is unsure of still stands when it is a whole command and the model is surer of it than of
    the request read as one command, itself unsure: "find me a restaurant" (0.56) of "find me a restaurant, then
    call Priya" (0.42 as one search) is a command, not half of one."""
    return (
        whole.confidence < STANDS_ALONE_CONFIDENCE
        and reading.confidence > whole.confidence
        and reading.confidence >= UNSURE_PIECE_CONFIDENCE
        and _a_whole_command(reading)
    )


# An English piece that opens with one of these is an object, not a command: "the fan in the den" of "turn on the
# humidifier in the nursery and the fan in the den" needs the verb of its neighbour, however long it is.
_EN_OBJECT_OPENERS = frozenset({"the", "my", "our", "your", "a", "an", "all"})
# The particles of the cockpit's phrasal verbs: a verb is never borrowed without the one after it ("turn" of "turn on
# the reading light" says neither on nor off; "turn on" does).
_EN_VERB_PARTICLES = frozenset({"on", "off", "up", "down"})


def _is_object(text: str, lang: str) -> bool:
    # A Mandarin object is a kind of place said alone: "停车场" of "附近找个咖啡店跟停车场" is the search's (充电站
    # read alone had opened the charge port).
    if lang != "en":
        return names_only_a_kind_of_place(text)
    words = text.lower().split()
    return len(words) > 1 and words[0] in _EN_OBJECT_OPENERS


def _takes_a_zone(intent: str) -> bool:
    return intent not in NOT_A_COMMAND and "zone" in intent_spec(intent).slots


def _another_zones_setting(pieces: list[_Piece], joints: list[Boundary], i: int, lang: str) -> list[str]:
    """Piece i says only a zone and a setting after a command that takes a zone ("主驾三档" after "副驾座椅加热一档"):
    that command for the piece's zone with its setting (zone_settings.py); none otherwise."""
    if i == 0 or not joints[i - 1].coordinating or not _takes_a_zone(pieces[i - 1].reading.intent):
        return []
    said = zone_and_setting(pieces[i].text, lang)
    return for_another_zone(pieces[i - 1].text, *said, lang) if said else []


@dataclass(frozen=True)
class _SharedVerb:
    """Pieces that share one verb said once for all of them. `chain`: every piece of such a list; `objects`: those
    that take the verb from a neighbour; `ba`: those of a "把 A 和 B VERB", which take its 把 as well."""

    chain: frozenset[int] = frozenset()
    objects: frozenset[int] = frozenset()
    ba: frozenset[int] = frozenset()
    # English pieces that say a verb whose object or particle the next piece says (`_completion`).
    completed: frozenset[int] = frozenset()


def _shared_verbs(pieces: list[_Piece], joints: list[Boundary], lang: str) -> _SharedVerb:
    """The Mandarin lists whose verb is said once, after the objects:

    * "把 A 和 B VERB": the first piece opens with 把, the next ones follow a coordinating connector without a 把 of
      their own. They share the 把, the verb, and a possessor said once ("把客厅的电视和灯关掉": the lights of the
      living room are turned off too), as English objects share a verb;
    * "A 和 B 都 VERB": 都 after the last object says the verb is said of every object before it ("车窗和天窗都关上"
      closes both; "座椅加热和通风都关掉" switches both off). An object read alone gets a guessed state ("车窗" alone
      reads as opening it), so the objects before 都 take the verb whatever they read alone."""
    if lang == "en":
        completed = (i for i in range(len(pieces) - 1) if joints[i].coordinating)
        return _SharedVerb(completed=frozenset(i for i in completed if _completion(pieces[i], pieces[i + 1])))
    if not pieces:
        return _SharedVerb()
    if pieces[0].text.startswith("把"):
        chain = {0}
        for i in range(1, len(pieces)):
            if not joints[i - 1].coordinating or pieces[i].text.startswith("把"):
                break
            chain.add(i)
        if len(chain) > 1:
            return _SharedVerb(frozenset(chain), frozenset(chain), frozenset(chain))
    for last in range(1, len(pieces)):
        if not _says_du(pieces[last]):
            continue
        first = last
        while first > 0 and joints[first - 1].coordinating:
            first -= 1
        if first < last:
            return _SharedVerb(frozenset(range(first, last + 1)), frozenset(range(first, last)))
    return _SharedVerb()


# What opens the place a command is carried out in, after its particle ("switch the TV and the lights off in the
# living room": both are switched off in the living room).
_PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "upstairs", "downstairs"})
# Verbs that say nothing without their particle ("turn the seat heating" is neither on nor off).
_EN_PHRASAL_VERBS = frozenset({"turn", "switch"})


def _completion(piece: _Piece, following: _Piece) -> str | None:
    """An English piece that is a verb said once for two objects, completed with what the next piece says of it:
    a verb alone takes the next one's object ("heat and ventilate my seat" -> "heat my seat"); a phrasal verb without
    its particle takes the one that ends the next ("turn the seat heating and the ventilation off" -> "turn the
    seat heating off"), with the place said after it ("switch the TV and the lights off in the living room")."""
    words, after = piece.text.split(), following.text.split()
    if not words or not after:
        return None
    if len(words) == 1 and len(after) >= 2 and piece.reading.intent not in NOT_A_COMMAND:
        object_starts = 2 if after[1].lower() in _EN_VERB_PARTICLES and len(after) > 2 else 1
        return " ".join([*words, *after[object_starts:]])
    lowered = {w.lower() for w in words}
    if words[0].lower() not in _EN_PHRASAL_VERBS or lowered & (_EN_VERB_PARTICLES | {"to"}):
        return None
    # the particle ends the next piece, or stands before the place all of it is done in ("... off in the den")
    for position in range(len(after) - 1, 0, -1):
        if after[position].lower() in _EN_VERB_PARTICLES and (
            position == len(after) - 1 or after[position + 1].lower() in _PLACE_PREPOSITIONS
        ):
            return " ".join([*words, *after[position:]])
    return None


def _completes_alike(piece: _Piece, completed: Parse, following: Parse, lang: str) -> bool:
    """An English word alone takes the next piece's object only for a part of the same system: "heat" and
    "ventilate my seat" are both the seat's; "stop" and "go home" share nothing ("stop home" is no command of the
    request)."""
    if lang != "en" or len(piece.text.split()) > 1:
        return True
    return completed.intent.split(".")[0] == following.intent.split(".")[0]


def _says_du(piece: _Piece) -> bool:
    """The piece says 都 after its object and before its verb ("天窗都关上"), outside every name its reading holds
    (成都, 首都)."""
    text = piece.text
    names = piece.reading.free_text_spans + piece.reading.time_spans
    return any(
        0 < at < len(text.rstrip("。！？!?")) - 1 and not any(begin <= at < end for begin, end in names)
        for at in (m.start() for m in re.finditer("都", text))
    )


def _ba_borrowings(piece: _Piece, neighbour: _Piece) -> list[str]:
    """A later object of "把 A 和 B VERB" takes the 把 of the first, and its possessor when it names none of its own
    ("灯关掉" after "把客厅的电视关掉" -> "把客厅的灯关掉"); nothing else of the first object."""
    found = ["把" + piece.text]
    possessor = neighbour.text.find("的")
    if "的" not in piece.text and 1 < possessor <= MAX_BORROWED_CHARS_ZH:
        # tried first: a possessor said once is every object's ("把家里的灯和空调都打开": the house's AC too)
        found.insert(0, neighbour.text[: possessor + 1] + piece.text)
    return found


def _du_borrowings(piece: _Piece, neighbour: _Piece) -> list[str]:
    """An object of "A 和 B 都 VERB" takes the verb after the next object, and what that object's 的 says of it:
    "主驾" of "主驾和副驾的座椅加热都打开" -> "主驾的座椅加热都打开" (the seats' heating, not the driver's window)."""
    found = _borrowings(piece, neighbour, "zh", neighbour_first=False)
    possessive = neighbour.text.find("的")
    if 0 < possessive <= MAX_NAME_CHARS_ZH and "的" not in piece.text:
        found.append(piece.text + neighbour.text[possessive:])
    return found


def _substitutions(piece: _Piece, neighbour: _Piece) -> list[str]:
    """The neighbour's command with one of its names replaced by the piece: "turn the lights on in the attic,
    the basement" -> "turn the lights on in the basement" (a list of rooms, places or people after one verb)."""
    words = piece.text.split()
    if len(words) > MAX_NAME_WORDS_EN:
        return []  # a piece with more to say than a name ("the fan in the den") takes a verb, not a name's place
    bare = " ".join(words[1:]) if len(words) > 1 and words[0].lower() in _EN_OBJECT_OPENERS else piece.text
    found = []
    for begin, end in neighbour.reading.free_text_spans[:2]:
        before = neighbour.text[:begin].split()
        # after the neighbour's own article the piece's is not said twice ("in the office" -> "in the den")
        names = (bare,) if before and before[-1].lower() in _EN_OBJECT_OPENERS else (piece.text, bare)
        found += [neighbour.text[:begin] + name + neighbour.text[end:] for name in dict.fromkeys(names)]
    return found


DIALOG_ANSWERS = frozenset({"dialog.confirm", "dialog.deny", "dialog.cancel"})


def _a_yes_or_no(piece: _Piece) -> bool:
    """ "no" of "no, turn on the AC" answers; it is no verb that takes an object ("no the AC" had switched it off,
    "行后备箱" closed the trunk), whatever the model reads it as."""
    return _few_words(piece.text) and (
        piece.reading.intent in ("dialog.confirm", "dialog.deny") or short_answer(piece.text) is not None
    )


def _leading_answer(index: int, piece: _Piece, joints: list[Boundary], whole: Parse) -> bool:
    """An answer that opens a request, followed by a connector that starts something new, stands as its own part:
    "sure, go ahead, and also set the fan to three", "好的，另外把风量调到三档" (it answers the question asked; the
    commands after it are new). Without such a connector a yes is a word of the command ("okay, play some jazz");
    a no (or a never mind) is not, whatever follows: "no, just take me to the office", "不用了，打开空调",
    "算了，给老张打电话吧" turn down what was asked and ask for something else (read whole, 不用 made that "no air
    conditioning"); nor is a yes the whole request is read as ("yes, open the trunk" read whole is only a yes)."""
    reading = piece.reading
    if index != 0 or not joints or reading.intent not in DIALOG_ANSWERS:
        return False
    said = answer_said(piece.text)  # the words of a whole answer ("never mind that", 行), however unsure the model
    an_answer_of_its_own = (_few_words(piece.text) or said is not None) and (
        reading.intent in ("dialog.deny", "dialog.cancel") or whole.intent in DIALOG_ANSWERS
    )
    return (not joints[0].coordinating or an_answer_of_its_own) and (
        reading.confidence >= STANDS_ALONE_CONFIDENCE or said == reading.intent
    )


_ZH_CLOSING_PARTICLES = "了吧啊呀呢吗嘛哦啦。！？!?"
# What says an object shares its neighbour's command ("and the headlights too"), no word of the command itself.
_EN_TOO = re.compile(r"[\s,]+(?:too|as well|also)$", re.IGNORECASE)


def _borrowings(piece: _Piece, neighbour: _Piece, lang: str, neighbour_first: bool) -> list[str]:
    """The piece with the verb of its neighbour: the neighbour's opening words in front of it (en, and zh
    "打开A和B"), or its closing words behind it (zh "把A和B都打开", en "heat and ventilate my seat"), or, for a
    name, the neighbour's command with its name replaced ("in the attic, the basement")."""
    if lang == "en":
        words = neighbour.text.split()
        limit = min(len(words) - 1, MAX_BORROWED_WORDS_EN)
        own = piece.text.split()
        # Never a word said twice where the two meet ("turn on the" + "the ambient light"), nor a verb cut from its
        # particle: a text that says nothing new, or less, costs a model run of its own.
        if neighbour_first:
            verb_first = [
                " ".join(words[:k] + [piece.text])
                for k in range(1, limit + 1)
                if words[k - 1].lower() != own[0].lower() and words[k].lower() not in _EN_VERB_PARTICLES
            ]
            # "wipers off, and the headlights too": a neighbour of a noun and its particle lends the particle
            if len(words) <= MAX_BORROWED_WORDS_EN and words[-1].lower() in _EN_VERB_PARTICLES:
                verb_first.append(f"{_EN_TOO.sub('', piece.text)} {words[-1]}")
            return verb_first + _substitutions(piece, neighbour)
        return [
            " ".join([piece.text] + words[-k:]) for k in range(1, limit + 1) if words[-k].lower() != own[-1].lower()
        ]
    other = neighbour.text
    limit = min(len(other) - 1, MAX_BORROWED_CHARS_ZH)
    # What is borrowed never cuts a name or a time of the neighbour's reading: "打开客厅" takes 的空调 of "卧室的空调",
    # never 室的空调.
    read = neighbour.reading
    spans = read.free_text_spans + read.time_spans
    # ... nor a word of the dictionary ("屁股好凉" lends 屁股 and 屁股好, never 屁); the segmenter's guessed words
    # are no bar ("和灯关了" lends 关了: 灯关 is a guess).
    inside_word = chinese_word_continuations(other, guessed_words=False)

    def whole(cut: int) -> bool:
        return not inside_word[cut] and not any(begin < cut < end for begin, end in spans)

    # ... nor a character said twice where the two meet ("把阅读灯" + "灯都打开").
    if neighbour_first:
        borrowed = [other[:k] + piece.text for k in range(1, limit + 1) if whole(k) and other[k - 1] != piece.text[0]]
    else:
        # ... nor only the particles that close a sentence: "阅读灯了" of "氛围灯都关了" borrows no verb.
        borrowed = [
            piece.text + other[-k:]
            for k in range(1, limit + 1)
            if whole(len(other) - k) and other[-k] != piece.text[-1] and other[-k:].strip(_ZH_CLOSING_PARTICLES)
        ]
    return borrowed + _substitutions_zh(piece, neighbour)


def _substitutions_zh(piece: _Piece, neighbour: _Piece) -> list[str]:
    """The neighbour's command with one of its names replaced by the piece, on either side: a list of rooms shares
    all that follows the last one ("儿童房、次卧和主卧的空调都打开" -> "次卧的空调都打开"), more than a verb."""
    if len(piece.text) > MAX_NAME_CHARS_ZH:
        return []
    text = neighbour.text
    return [text[:begin] + piece.text + text[end:] for begin, end in neighbour.reading.free_text_spans[:2]]


def _ends_in_a_name(piece: _Piece) -> bool:
    """The piece's reading ends in a free-text span (a name, a place, a title) at its last word; a room is no such
    name: rooms are listed ("in the attic, the basement and the laundry room"), a band is named with an "and"."""
    end = len(piece.text.rstrip(" .!?。？！"))
    rooms = set(piece.reading.room_spans)
    return any(span[1] >= end - 1 for span in piece.reading.free_text_spans if span not in rooms)


def _few_words(text: str) -> bool:
    """At most FILLER_WORDS_EN words, or FILLER_CHARS_ZH characters of Mandarin."""
    lang = detect_lang(text)
    return len(text.split()) <= FILLER_WORDS_EN if lang == "en" else len(text) <= FILLER_CHARS_ZH


def _fragment(text: str, lang: str) -> bool:
    return len(text.split()) <= FRAGMENT_WORDS_EN if lang == "en" else len(text) <= FRAGMENT_CHARS_ZH


def _short(text: str, lang: str) -> bool:
    return len(text.split()) <= SHORT_PIECE_WORDS_EN if lang == "en" else len(text) <= SHORT_PIECE_CHARS_ZH


def _better(candidate: Parse, bare: Parse, bare_stands: bool, is_object: bool = False) -> bool:
    """`bare_stands`: the piece read without borrowing is a command (_Reader.stands)."""
    if not stands_alone(candidate):
        return False
    # a borrowing never loses a value the piece's words said ("the temperature to twenty" read after "set the fan"
    # as "set the fan the temperature to twenty" loses its twenty; "… down to sixty eight" + "the fan up" its 68)
    if not all(key in candidate.slots for key in bare.slots if key in SPAN_SLOTS):
        return False
    if is_object or not bare_stands:
        return True
    # A short piece that is a command already borrows only to say as much with the verb, never to change its
    # meaning: "the ambient light" read alone may guess a colour, "turn on the ambient light" says on.
    # It must keep what the piece said ("open the frunk" never becomes "open the frunk the trunk") and add a slot.
    agrees = all(candidate.slots[k] == v for k, v in bare.slots.items() if k in candidate.slots)
    gains = bool(set(candidate.slots) - set(bare.slots))
    # ... and the model is as sure of it (within a hair: two readings near 1.0 are equally sure).
    as_sure = candidate.confidence >= bare.confidence - 0.01
    return candidate.intent == bare.intent and agrees and gains and as_sure


def _candidates(
    reader: _Reader, pieces: list[_Piece], joints: list[Boundary], lang: str, i: int, shared: _SharedVerb
) -> list[tuple[str, int]]:
    """The texts piece i would read with a neighbour's verb (or in a name's place), each with the neighbour it
    borrows from; none for a piece that does not borrow. `shared`: the lists whose verb is said once."""
    piece = pieces[i]
    another_zone = _another_zones_setting(pieces, joints, i, lang)
    if another_zone:
        return [(text, i - 1) for text in another_zone]
    stands = reader.stands(piece.reading)
    if i > 0 and joints[i - 1].coordinating and not stands and _ends_in_a_name(pieces[i - 1]):
        return []  # "Tom Petty and the Heartbreakers": the rest of a name, put back below
    is_object = _is_object(piece.text, lang) or i in shared.objects or i in shared.completed
    if stands and not _short(piece.text, lang) and not is_object:
        return []
    if _leading_answer(i, piece, joints, reader.whole) or _a_yes_or_no(piece):
        return []
    if piece.reading.not_language:
        return []  # noise ("2030?", "asdf") is no object a verb could complete: it goes back to its neighbour
    if i in shared.completed:
        completion = _completion(piece, pieces[i + 1])
        return [(completion, i + 1)] if completion else []
    candidates: list[tuple[str, int]] = []
    for j, neighbour_first in ((i - 1, True), (i + 1, False)):
        if not 0 <= j < len(pieces) or not joints[min(i, j)].coordinating:
            continue
        if stands and not is_object and not neighbour_first:
            continue  # a command already takes no words said after it ("turn off the headlights" + "light to cyan")
        neighbour = pieces[j].reading
        if forbids(pieces[j].text, neighbour.intent):
            continue  # "别开后备箱" lends no verb: "好的" + "开后备箱" would ask for what it forbids
        # a piece that is a command already only borrows a verb it shares with its neighbour's intent
        shares_intent = neighbour.intent == piece.reading.intent
        # the objects of one list with its verb said once lend to each other even when neither reads as a command
        # ... and so does a command for a feature the car lacks ("turn on the fog lights and the reading light")
        lends = (
            reader.stands(neighbour)
            or _names_what_the_car_lacks(pieces[j].text, neighbour)
            or (i in shared.chain and j in shared.chain and not neighbour.not_language)
        )
        if lends and (not stands or shares_intent or is_object):
            if neighbour_first and i in shared.ba:
                candidates += [(t, j) for t in _ba_borrowings(piece, pieces[j])]
            elif not neighbour_first and i in shared.objects and j in shared.chain:
                candidates += [(t, j) for t in _du_borrowings(piece, pieces[j])]
            else:
                candidates += [(t, j) for t in _borrowings(piece, pieces[j], lang, neighbour_first)]
    return candidates


def _borrow(
    reader: _Reader, pieces: list[_Piece], joints: list[Boundary], lang: str, i: int, shared: _SharedVerb
) -> None:
    """Piece i takes the verb (or the name's place) of a neighbour when that reads better."""
    candidates = _candidates(reader, pieces, joints, lang, i, shared)
    if not candidates:
        return
    piece = pieces[i]
    # a zone and a setting after a command is that command's object, whatever the piece reads alone
    zone_only = bool(_another_zones_setting(pieces, joints, i, lang))
    is_object = _is_object(piece.text, lang) or i in shared.objects or i in shared.completed or zone_only
    readings = reader.parse([t for t, _ in candidates], borrowings=True)
    better = [
        (r.confidence, t, r, source)
        for (t, source), r in zip(candidates, readings, strict=True)
        if _better(r, piece.reading, reader.stands(piece.reading), is_object)
        and (source < i or _completes_alike(piece, r, pieces[source].reading, lang))
    ]
    if is_object and i not in shared.completed:
        # An object shares its neighbour's verb, so it keeps its neighbour's action when one reading does:
        # "... and the fan in the den" after "turn on the humidifier" is turned on, not a fan speed.
        same_action = [b for b in better if b[2].intent == pieces[b[3]].reading.intent]
        better = same_action or better
    if better:
        # An object takes the borrowing that says most ("turn on the ambient light" over "turn the ambient
        # light"), then the one that keeps most of what it said itself ("把书房的灯关掉" over "把书房的灯扇关掉"),
        # then of what its neighbour says besides ("switch off the fan in the office" over "switch off the office",
        # read as its lights), then the surest; a piece that is a command of its own, the surest.
        def kept(slots: dict[str, object], b: tuple[float, str, Parse, int]) -> int:
            return sum(1 for k, v in b[2].slots.items() if slots.get(k) == v)

        own = piece.reading.slots

        def rank(b: tuple[float, str, Parse, int]) -> tuple[int, int, int, float]:
            if not is_object:
                return 0, 0, 0, b[0]
            return len(b[2].slots), kept(own, b), kept(pieces[b[3]].reading.slots, b), b[0]

        _, piece.text, piece.reading, piece.borrowed_from = max(better, key=rank)
        piece.another_zone = zone_only


class _Reader:
    """The model's readings of the texts of one request, each text read once: two neighbours may lend the same
    words ("uh go" + "let's go home"), and after a merge the pieces left as they were are not read again."""

    def __init__(self, model: NluModel, whole: Parse) -> None:
        self._model = model
        self.whole = whole  # the request read as one command
        self._read: dict[str, Parse] = {}

    def a_filler_beside(self, piece: _Piece, pieces: list[_Piece]) -> bool:
        """A word or two that is no command ("stop", "okay", "um"), said beside the one command of a request the model
        is unsure of as a whole: "stop and go home" is going home (read whole, it had switched off the house's TV)."""
        others = [p.reading for p in pieces if p is not piece]
        return (
            self.whole.confidence < STANDS_ALONE_CONFIDENCE
            and piece.reading.intent in NOT_A_COMMAND
            and _few_words(piece.text)
            and all(stands_alone(other) and other.confidence > self.whole.confidence for other in others)
        )

    def a_reason_beside(self, i: int, pieces: list[_Piece]) -> bool:
        """Piece i tells why another piece, a sure command, is asked for (reasons.py): "Seat warmer off, my bum's
        cooking", "把后排温度设成24度，小孩怕冷", "有点吵，把窗关上吧". An English one is left out unless the model
        reads it surely as a command of its own ("I'm heading home, so get the house to 22": the scene as well) —
        other than the cabin's temperature the command beside it sets ("热死了，温度直接调到十八" sets 18, and warms
        nothing besides)."""
        piece = pieces[i]
        if not is_a_reason(piece.text):
            return False
        sure = [p.reading for j, p in enumerate(pieces) if j != i and p.reading.confidence >= SURE_CONFIDENCE]
        commands = [r for r in sure if r.intent not in NOT_A_COMMAND and stands_alone(r)]
        if not commands:
            return False
        own = piece.reading
        if own.intent in NOT_A_COMMAND or own.confidence < SURE_CONFIDENCE or not piece.text.isascii():
            return True  # a Mandarin reason only says how things are (有点吵): it asks for nothing, however read
        return own.intent in CABIN_TEMPERATURE and any(r.intent in CABIN_TEMPERATURE for r in commands)

    def stands(self, reading: Parse) -> bool:
        """A piece's reading is a command of its own: sure enough, or surer than the request read as one."""
        return stands_alone(reading) or _surer_than_the_whole(reading, self.whole)

    def parse(self, texts: list[str], borrowings: bool = False) -> list[Parse]:
        """`borrowings`: texts made of a piece and its neighbour's words, each already found language by the gate
        (a piece that is not borrows nothing), so not judged again."""
        unread = [text for text in dict.fromkeys(texts) if text not in self._read]
        if unread:
            self._read.update(zip(unread, self._model.parse(unread, judged=borrowings), strict=True))
        return [self._read[text] for text in texts]


def _one_command(first: Parse, second: Parse) -> bool:
    """Two readings of one command: one intent, and no slot said twice with two values ("打开车窗" and "开一半" are
    one window's; "how far is it" and "what's the eta" two questions)."""
    shared = first.slots.keys() & second.slots.keys()
    return first.intent == second.intent and all(first.slots[key] == second.slots[key] for key in shared)


def _resolve(
    reader: _Reader, pieces: list[_Piece], joints: list[Boundary], lang: str
) -> tuple[list[_Piece], list[Boundary], bool]:
    """Read every piece; weak pieces borrow a verb, else one is put back with its neighbour.
    Returns (pieces, joints, final): final with every piece a command, or with no pieces when the
    request is one command after all; not final after a merge (read again)."""
    for piece, reading in zip(pieces, reader.parse([p.text for p in pieces]), strict=True):
        piece.reading = reading
    reasons = [i for i in range(len(pieces)) if reader.a_reason_beside(i, pieces)]
    if reasons:  # what tells why is said to the listener, and asks nothing: left out, the rest read again
        staying = [i for i in range(len(pieces)) if i not in reasons]
        # between two pieces that stay, the joint before the second
        joints_kept = [joints[staying[n + 1] - 1] for n in range(len(staying) - 1)]
        return [pieces[i] for i in staying], joints_kept, len(staying) == 1
    shared = _shared_verbs(pieces, joints, lang)
    # Every piece's borrowings in one model run: a run costs its texts' characters and a fixed part besides, and a
    # borrowing made on the way changes only the texts of the pieces that borrow from that one.
    borrowings = [text for i in range(len(pieces)) for text, _ in _candidates(reader, pieces, joints, lang, i, shared)]
    reader.parse(borrowings, borrowings=True)
    for i in range(len(pieces)):  # left to right: a verb said first lends itself onwards
        _borrow(reader, pieces, joints, lang, i, shared)
    for i in reversed(range(len(pieces) - 1)):
        # Right to left, for a piece still without a command whose right neighbour found one by borrowing: a verb
        # said last reaches the first of a list ("客厅、卧室和书房的灯都关掉": 客厅 through 卧室's borrowing).
        right = pieces[i + 1]
        waits = not reader.stands(pieces[i].reading) or (i in shared.objects and pieces[i].borrowed_from is None)
        if waits and right.borrowed_from is not None and reader.stands(right.reading):
            _borrow(reader, pieces, joints, lang, i, shared)
    # A piece asking for what the car lacks ("and the sunroof") is a request of its own, whatever the model reads.
    weak = [
        i
        for i, p in enumerate(pieces)
        if not reader.stands(p.reading)
        and not _leading_answer(i, p, joints, reader.whole)
        and not _names_what_the_car_lacks(p.text, p.reading)
        and not _sequenced_command(i, pieces, joints)
    ]
    # Two commands said with no connector are two only when they are of two kinds: "打开车窗开一半" says one window
    # command twice over (open, halfway), "关空调开窗" two.
    alike = [
        i for i, joint in enumerate(joints) if joint.run_on and _one_command(pieces[i].reading, pieces[i + 1].reading)
    ]
    if alike:
        a = alike[0]
        merged = _Piece("", pieces[a].start, pieces[a + 1].end)
        return [*pieces[:a], merged, *pieces[a + 2 :]], [*joints[:a], *joints[a + 1 :]], False
    if not weak:
        return pieces, joints, True
    if len(pieces) == 2:
        kept = [p for i, p in enumerate(pieces) if i not in weak or not reader.a_filler_beside(p, pieces)]
        return (kept, [], True) if len(kept) == 1 else ([], [], True)
    i = weak[0]
    a, b = sorted((i, i - 1 if i > 0 else i + 1))
    merged = _Piece("", pieces[a].start, pieces[b].end)
    return [*pieces[:a], merged, *pieces[b + 1 :]], [*joints[:a], *joints[b:]], False


def _sequenced_command(i: int, pieces: list[_Piece], joints: list[Boundary]) -> bool:
    """A piece beside a connector that says "and then" ("然后", "再", "after that") is a command of its own when the
    model reads one in it, with what it acts on, even unsure: the connector has said a second command follows
    ("ring Aunt Dolores and after that navigate to her house", "把导航关了，然后帮我拨一下10086"), and so is one that
    says a value beside "and" and a sure command. Not beside a piece of its own intent: "风量再开大一档" is one fan
    command, its 再 says "more"; "dad" of "call mom and dad" is no second call."""
    reading = pieces[i].reading
    # joint j stands between pieces j and j + 1: the piece across joint i - 1 is i - 1, across joint i it is i + 1
    beside = [(j, j if j == i - 1 else j + 1) for j in (i - 1, i) if 0 <= j < len(joints)]
    across = [other for j, other in beside if not joints[j].coordinating]
    # ... or beside "and" with a value its words said, next to a sure command of another kind: "bring the temperature
    # down to sixty eight and turn the fan up" (0.56 for the temperature)
    said_a_value = any(slot in SPAN_SLOTS for slot in reading.slots)
    across += [
        other for j, other in beside if joints[j].coordinating and said_a_value and stands_alone(pieces[other].reading)
    ]
    return (
        bool(across)
        and all(pieces[j].reading.intent != reading.intent for j in across)
        and reading.confidence >= UNSURE_PIECE_CONFIDENCE
        and bool(reading.slots)
        and _a_whole_command(reading)
    )


def _names_what_the_car_lacks(text: str, reading: Parse) -> bool:
    """The piece asks for a feature the catalogue has no device for ("the fog lights"): read as the nearest device
    the model knows, it still says something its neighbour does not (the cockpit answers it on its own)."""
    return missing_feature_named(text, reading.intent, reading.slots) is not None


def _echoes(piece: _Piece, pieces: list[_Piece]) -> bool:
    """A borrowed piece that says nothing its source does not already say."""
    if piece.borrowed_from is None:
        return False
    source = pieces[piece.borrowed_from]
    mine = piece.reading
    if _names_what_the_car_lacks(piece.text, mine) != _names_what_the_car_lacks(source.text, source.reading):
        return False  # one of the two is a feature the car lacks, read as the other's device: both are said
    if piece.another_zone and mine.slots.get("zone") != source.reading.slots.get("zone"):
        return False  # another seat's ("mine too" after the passenger's: the speaker's zone, filled in later)
    return source.reading.intent == mine.intent and set(mine.slots.items()) <= set(source.reading.slots.items())


def _unbroken_spans(whole: Parse) -> list[tuple[int, int]]:
    """The spans a connector inside does not cut: names and times, not rooms ("把厨房和餐厅的灯打开" is two rooms)."""
    rooms = set(whole.room_spans)
    return [span for span in whole.free_text_spans if span not in rooms] + list(whole.time_spans)


# What joins the names of one list inside one span: rooms ("客厅和卧室", "主卧、次卧", "the attic and the den"), the
# two people of one call ("叔叔和阿姨").
LIST_JOINT = re.compile(r"\s*(?:、|，|,|和|跟|与|及|以及|\band\b|&)\s*", re.IGNORECASE)


def _parts_per_room(whole: Parse, text: str, said: str) -> tuple[Part, ...]:
    """A room is never a name with a connector inside: when the pieces of a request did not stand as commands of
    their own ("打开客厅" and "卧室的空调" each unsure) but the whole reads as one command on "客厅和卧室", it is
    that command once per room, in spoken order. Empty when the whole names no such list."""
    from cockpit.nlu.model import Part

    if "room" not in whole.slots or not whole.room_spans:
        return ()
    # The list runs from the first room span to the last ("厨房" + "和阳台" of "关掉厨房和阳台的灯" as two spans, or
    # "客厅和卧室" as one); every name in it must be (a piece of) one of those spans, so nothing else slips in.
    region = text[whole.room_spans[0][0] : whole.room_spans[-1][1]]
    names = [name.strip() for name in LIST_JOINT.split(region)]
    spanned = {name.strip() for begin, end in whole.room_spans for name in LIST_JOINT.split(text[begin:end])}
    if len(names) < 2 or not all(names) or not set(names) <= spanned:
        return ()
    parts = []
    for name in names:
        room = normalize_span_value("room", name, whole.intent)
        if room is None:
            return ()
        parts.append(Part(whole.intent, {**whole.slots, "room": room}, said.strip(), whole.confidence))
    return tuple(parts)


# How sure the model must be of a piece to take it for a command of its own where the request read as one says
# otherwise: the words after a connector inside a name, a short piece of the whole's intent that names another object.
SURE_CONFIDENCE = 0.9


def _commands_after(reader: _Reader, text: str, inside: list[Boundary], found: list[Boundary]) -> set[Boundary]:
    """The connectors inside a name of the whole reading that a command of another kind follows: the model read
    "jazz and turn" as the title of "play some jazz and turn on the AC", but "turn on the AC" is a command of its
    own, sure and whole; "Oates" of "play Hall and Oates" or "dad" of "call mom and dad" is none."""
    if not inside:
        return set()
    ends = [b.start for b in found] + [len(text)]
    after = [text[b.end : min(e for e in ends if e > b.end)].strip(" ,;，；。") for b in inside]
    readings = reader.parse(after)
    return {
        b
        for b, reading in zip(inside, readings, strict=True)
        if reading.intent != reader.whole.intent and reading.confidence >= SURE_CONFIDENCE and stands_alone(reading)
    }


def _pieces_of_one_command(parts: list[Part], whole: Parse) -> bool:
    """Parts of one intent that each say other slots of it, all of which the whole request read as one command says:
    "10月3日，亚利桑那州的天气如何" is one weather question (its time and its place), not two."""
    if any(part.intent != whole.intent for part in parts):
        return False
    keys = [set(part.slots) for part in parts]
    if any(a & b for i, a in enumerate(keys) for b in keys[i + 1 :]):
        return False
    merged = {key: value for part in parts for key, value in part.slots.items()}
    return merged == whole.slots


def _words_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces at its edges."""
    said = text[start:end]
    return start + len(said) - len(said.lstrip()), end - (len(said) - len(said.rstrip()))


def _connectors_within(text: str, lang: str, found: list[Boundary], spans: list[tuple[int, int]]) -> list[Boundary]:
    """The connectors inside a span's words (the spaces at its edges are not its words: "this " of "pause this
    and ..." read as a time does not hold the "and" after it), a span that says more than the connector: a span of
    the connector's own words (" after" of "and after that") is no name; a Mandarin name may open with the
    connector's character (导航去和平门)."""
    words = [_words_of(text, start, end) for start, end in spans]
    if lang == "en":  # an English name holds a connector between words of its own ("Hall and Oates"), never one it
        # only reaches into ("Dublin Airport and once" of "... and once you've done that call Siobhán")
        return [b for b in found if any(start < b.start and b.end < end for start, end in words)]
    return [
        b
        for b in found
        if any(start < b.end and b.start < end and (start < b.start or end > b.end) for start, end in words)
    ]


# What to say to the one a call is for, said after the call ("call my sister and tell her to open the garage",
# "给我妈打个电话，跟她说我晚点到"): the message of the call, no command of its own.
# ("check the tyres" after a call is a command: only the verbs that address the one called say a message)
_A_MESSAGE = re.compile(
    r"^(?:and\s+)?(?:tell|ask|remind|let)\s+\w+|^(?:跟|和|告诉|让)(?:他|她|他们|她们)", re.IGNORECASE
)


def understand_request(model: NluModel, text: str, judged: bool = False) -> Understanding:
    """One utterance -> Understanding with every command in spoken order; `judged`: the language gate has found
    the text language already (NluModel.understand)."""
    from cockpit.nlu.model import Part, Understanding

    said, text = text, without_reminder(without_end_marks(text))  # pieces are cut from what the model reads
    lang = detect_lang(text)
    whole = model.parse([text], judged=judged)[0]
    found = boundaries(text, lang)

    def within(spans: list[tuple[int, int]]) -> list[Boundary]:
        return _connectors_within(text, lang, found, spans)

    reader = _Reader(model, whole)
    in_a_time = within(list(whole.time_spans))  # "in 23 hours and seventeen seconds" is one time, whatever follows
    in_a_name = [b for b in within(_unbroken_spans(whole)) if b not in in_a_time]
    spoken_on = _commands_after(reader, text, in_a_name, found)
    joints = [b for b in found if b not in in_a_time and (b not in in_a_name or b in spoken_on)]
    joints = joints[: MAX_COMMANDS - 1]  # the rest is read with the last piece
    pieces: list[_Piece] = []
    begin = 0
    for joint in joints:
        pieces.append(_Piece("", begin, joint.start))
        begin = joint.end
    pieces.append(_Piece("", begin, len(text)))
    resolved: list[_Piece] = []
    while len(pieces) > 1:
        for piece in pieces:
            piece.text, piece.borrowed_from = text[piece.start : piece.end].strip(" ,;，；。"), None
            piece.another_zone = False
        pieces, joints, final = _resolve(reader, pieces, joints, lang)
        if final:
            resolved = pieces
            break
    if len(resolved) == 1:  # the one command beside a filler ("stop and go home")
        one = resolved[0].reading
        part = Part(one.intent, one.slots, resolved[0].text, one.confidence)
        return Understanding(said, lang, one.intent, one.confidence, one.slots, (part,), one.alternative)
    if len(resolved) < 2:
        per_room = _parts_per_room(whole, text, said)
        if per_room:
            return Understanding(said, lang, whole.intent, whole.confidence, per_room[0].slots, per_room, None)
        return Understanding(
            said,
            lang,
            whole.intent,
            whole.confidence,
            whole.slots,
            (Part(whole.intent, whole.slots, said.strip(), whole.confidence),),
            whole.alternative,
        )
    parts: list[Part] = []

    def whole_said_by_another(piece: _Piece) -> bool:
        """Another piece reads as the whole request read as one command (the fragment beside it only echoes it)."""
        return any(
            (p.reading.intent, p.reading.slots) == (whole.intent, whole.slots) for p in resolved if p is not piece
        )

    answer_first = _leading_answer(0, resolved[0], joints, whole)
    for index, piece in enumerate(resolved):
        reading = piece.reading
        if _echoes(piece, resolved) or (parts and parts[-1].intent == "phone.call" and _A_MESSAGE.match(piece.text)):
            continue  # (what to tell the one called is said to them, no command: data/README.md)
        if (
            not (index == 0 and answer_first)
            and whole_said_by_another(piece)
            # ... unless it surely names another object of that command ("打开后备箱和前备箱": 前备箱 is the frunk)
            and (set(reading.slots.items()) <= set(whole.slots.items()) or reading.confidence < SURE_CONFIDENCE)
            and piece.borrowed_from is None
            and reading.intent == whole.intent
            and _fragment(piece.text, lang)
            and not _names_what_the_car_lacks(piece.text, reading)
        ):
            continue  # "温度" of "温度再高一点": a word of the one command another piece says in full
        part = Part(reading.intent, reading.slots, piece.text, reading.confidence)
        if (
            parts
            and (parts[-1].intent, parts[-1].slots) == (part.intent, part.slots)
            and _names_what_the_car_lacks(parts[-1].text, reading) == _names_what_the_car_lacks(part.text, reading)
        ):
            continue
        parts.append(part)
    if len(parts) <= 1 or _pieces_of_one_command(parts, whole):  # every other piece only echoed one command
        return Understanding(
            said,
            lang,
            whole.intent,
            whole.confidence,
            whole.slots,
            (Part(whole.intent, whole.slots, said.strip(), whole.confidence),),
            whole.alternative,
        )
    parts = rooms_pointed_back_to(parts, reader.parse)  # "… in the kids' room and turn on the fan in there"
    first = parts[0]
    return Understanding(said, lang, first.intent, min(p.confidence for p in parts), first.slots, tuple(parts), None)
