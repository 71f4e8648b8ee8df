"""Runtime NLU: an ONNX model + its card -> Understanding (intent, confidence, slots).

Needs only onnxruntime and numpy. onnxruntime is imported when a model is
loaded, not when this module is imported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from canbus.limits import SET_POINT_MAX_C, SET_POINT_MIN_C
from cockpit.home.rooms import ROOM_SYNONYMS, says_the_house
from cockpit.nlu.addressed import without_wake_phrase
from cockpit.nlu.answers import answer_said
from cockpit.nlu.catalogue import (
    FREE_TEXT_SLOTS,
    INTENT_NAMES,
    LEVEL_RANGE,
    OUT_OF_SCOPE,
    SPAN_SLOTS,
    enum_groups,
    intent_spec,
)
from cockpit.nlu.code_switch import in_mandarin_words
from cockpit.nlu.compound import LIST_JOINT
from cockpit.nlu.corrected import as_corrected
from cockpit.nlu.decode import (
    chinese_word_continuations,
    edge_mask,
    mandarin_room_at_word_edges,
    numbers_the_intent_takes,
    reach_back,
    reach_capitalised,
    reach_forward,
    reach_time,
    reach_time_unit,
    reach_whole_number,
    recover_words,
    repaired_english_time,
    spans,
    transition_mask,
    viterbi,
)
from cockpit.nlu.going_there import destination_said_before
from cockpit.nlu.joints import holds_a_connector
from cockpit.nlu.kinds import kind_the_words_say
from cockpit.nlu.language_gate import LanguageGate, Verdict
from cockpit.nlu.place_names import capitalised_place, destination_said, mandarin_place, placed_name
from cockpit.nlu.polite import as_imperative, asks_to_mind
from cockpit.nlu.postprocess import (
    WHEN_VALUES,
    ZH_TIME_OFFSETS,
    category_named,
    colour_named,
    day_word_outside,
    direction_said,
    drop_asking_verb,
    every_zone_said,
    normalize_level,
    normalize_span_value,
    normalize_when,
    particle_at_the_end,
    range_end_said,
    split_leading_time,
    split_trailing_place,
    steps_said,
    without_end_marks,
)
from cockpit.nlu.said import (
    CAR_QUESTION_KINDS,
    body_target_said,
    car_question_said,
    contact_said,
    defrost_target_said,
    degrees_of_change_said,
    names_nothing,
    opens_with_play,
    play_verb_zh,
    plays_a_named_title,
    position_said,
    query_said,
    rear_zone_said,
    scene_said,
    step_said,
    volume_amount_said,
    window_by_a_little,
    zone_said,
)
from cockpit.nlu.tokenizer import CharTokenizer, detect_lang, is_cjk
from shipped_files import NLU_MODEL, shipped_path

DEFAULT_MODEL_PATH = shipped_path(NLU_MODEL)
MODEL_FIX = (
    "give --nlu-model an NLU .onnx with its .json card next to it, or restore the shipped one "
    "(git checkout -- models/nlu; installed: reinstall the package)"
)
_ORT_DTYPES = {"tensor(int64)": "int64", "tensor(float)": "float32"}


class ModelCardError(Exception):
    """The model and its card disagree, or the card names labels outside the intent catalogue."""


@dataclass(frozen=True)
class Part:
    """One command of a request: "lower the fan and find me a coffee shop" has two."""

    intent: str
    slots: dict[str, object]
    text: str
    confidence: float

    def to_json(self) -> dict:
        return {"intent": self.intent, "slots": dict(self.slots), "text": self.text}


@dataclass(frozen=True)
class Understanding:
    """What was understood of one utterance. intent/slots are those of the first part; `parts` lists every
    command in spoken order (one for a simple request). `alternative` is the runner-up intent and its
    calibrated probability, for asking back when the model is unsure."""

    text: str
    lang: str  # "en" | "zh"
    intent: str
    confidence: float
    slots: dict[str, object] = field(default_factory=dict)
    parts: tuple[Part, ...] = ()
    alternative: tuple[str, float] | None = None
    # Why the input gate answered out_of_scope without reading the text ("" when the model read it).
    not_language: str = ""

    def to_json(self) -> dict:
        """The output shape of INTENTS.md: text, lang, intent, confidence, slots, parts (+ not_language)."""
        parts = self.parts or (Part(self.intent, dict(self.slots), self.text, self.confidence),)
        shape = {
            "text": self.text,
            "lang": self.lang,
            "intent": self.intent,
            "confidence": round(float(self.confidence), 3),
            "slots": dict(self.slots),
            "parts": [part.to_json() for part in parts],
        }
        if self.not_language:
            shape["not_language"] = self.not_language
        return shape


@dataclass(frozen=True)
class Parse:
    """The model's reading of one text as a single command: intent probabilities (calibrated), the slots of
    the best intent, and the character ranges of its free-text spans (which a connector inside must not
    split: "play Hall and Oates")."""

    text: str
    intent: str
    confidence: float
    slots: dict[str, object]
    free_text_spans: tuple[tuple[int, int], ...]
    alternative: tuple[str, float] | None
    # Why the input gate read this text as out_of_scope without the model ("" when the model read it).
    not_language: str = ""
    # Character ranges of its times, which a connector inside must not split either ("in 23 hours and 17 seconds").
    time_spans: tuple[tuple[int, int], ...] = ()
    # Character ranges of its rooms (among the free-text spans): rooms are listed, never named with an "and" inside,
    # so a connector in or after one still cuts ("the kitchen and the dining room", "厨房和餐厅的灯").
    room_spans: tuple[tuple[int, int], ...] = ()


# The slot a range's end sets, per intent, and the ends (the car's set-point limits, the head unit's volume).
RANGE_ENDS: dict[str, tuple[str, float, float]] = {
    "climate.set_temperature": ("temperature", SET_POINT_MIN_C, SET_POINT_MAX_C),
    # every level's range from the catalogue ("wipers on the fastest setting", 风量开到最大)
    **{intent: ("level", low, high) for intent, (low, high) in LEVEL_RANGE.items()},
}

# The Mandarin names of the house's rooms, which a room span said inside one grows to
# (decode.mandarin_room_at_word_edges).
MANDARIN_ROOM_NAMES = tuple(name for names in ROOM_SYNONYMS.values() for name in names if not name.isascii())

# The intents whose zone is a window or a seat, where "all the windows" / 座椅都 means every one.
EVERY_ZONE_INTENTS = frozenset({"window.set", "seat.heat", "seat.ventilate"})


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def _check_card(card: dict, session, card_path: Path) -> None:
    """Refuse a model whose inputs/outputs/labels do not match its card or the catalogue."""
    for key in ("inputs", "outputs", "labels", "tokenizer"):
        if key not in card:
            raise ModelCardError(f"{card_path}: card has no {key!r} section")
    _check_interface("input", card["inputs"], session.get_inputs(), card_path)
    _check_interface("output", card["outputs"], session.get_outputs(), card_path)
    _check_labels(card["labels"], card["outputs"], card_path)


def _check_interface(kind: str, declared: list[dict], actual, card_path: Path) -> None:
    """The ONNX model's inputs or outputs are the card's: names in order, dtypes, ranks, fixed dimensions."""
    declared_names = [d["name"] for d in declared]
    actual_names = [a.name for a in actual]
    if declared_names != actual_names:
        raise ModelCardError(f"{card_path}: card {kind}s {declared_names} but the ONNX model has {actual_names}")
    for spec, node in zip(declared, actual, strict=True):
        dtype = _ORT_DTYPES.get(node.type, node.type)
        if spec["dtype"] != dtype:
            raise ModelCardError(
                f"{card_path}: {kind} {node.name!r} is {dtype} in the model, {spec['dtype']} in the card"
            )
        if len(spec["shape"]) != len(node.shape):
            raise ModelCardError(
                f"{card_path}: {kind} {node.name!r} has rank {len(node.shape)} in the model, "
                f"{len(spec['shape'])} in the card"
            )
        for dim_card, dim_model in zip(spec["shape"], node.shape, strict=True):
            if isinstance(dim_card, int) and isinstance(dim_model, int) and dim_card != dim_model:
                raise ModelCardError(
                    f"{card_path}: {kind} {node.name!r} has shape {node.shape} in the model, "
                    f"{spec['shape']} in the card"
                )


def _check_labels(labels: dict, outputs: list[dict], card_path: Path) -> None:
    """The card's labels are the catalogue's, and each output has one class per label."""
    unknown = [name for name in labels.get("intents", []) if name not in INTENT_NAMES]
    if unknown:
        raise ModelCardError(f"{card_path}: labels {unknown} are not intents of the catalogue (docs/INTENTS.md)")
    expected_sizes = {
        "intent_logits": len(labels.get("intents", [])),
        "tag_logits": len(labels.get("slot_tags", [])),
        "enum_logits": sum(len(g["classes"]) for g in labels.get("enum_slots", [])),
    }
    for spec in outputs:
        want = expected_sizes.get(spec["name"])
        if want is not None and spec["shape"][-1] != want:
            raise ModelCardError(
                f"{card_path}: output {spec['name']!r} has {spec['shape'][-1]} classes but the card lists {want} labels"
            )
    for tag in labels.get("slot_tags", []):
        if tag != "O" and tag[2:] not in SPAN_SLOTS:
            raise ModelCardError(f"{card_path}: slot tag {tag!r} names a slot outside the catalogue")
    known_groups = dict(enum_groups())
    for group in labels.get("enum_slots", []):
        allowed = known_groups.get(group["slot"])
        if allowed is None or not set(group["classes"]) <= set(allowed):
            raise ModelCardError(
                f"{card_path}: enum slot {group['slot']!r} values {group['classes']} are not in the catalogue"
            )


def _repair_english_time(text: str, slots: dict[str, object], found: list[tuple[str, int, int]]) -> None:
    """An English time cut short or of no time at all (decode.repaired_english_time) is repaired, or another time
    span read is taken ("today" of "is it below freezing today?", where "below" was read first), or none."""
    if not isinstance(slots.get("when"), str) or any(is_cjk(ch) for ch in text):
        return
    spans = [normalize_when(text[b:e]) for slot, b, e in found if slot == "when"]
    for said in dict.fromkeys([str(slots["when"]), *spans]):
        # a day already normalised ("day_after_tomorrow") is no word of the text to repair
        repaired = said if said in WHEN_VALUES else repaired_english_time(text, said)
        if repaired is not None:
            slots["when"] = normalize_when(repaired)
            return
    slots.pop("when")


def _complete_time_and_place(
    text: str, slots: dict[str, object], found: list[tuple[str, int, int]]
) -> list[tuple[int, int]]:
    """A weather question's time and place as said, where the tagger ran them together or left the time out: a place
    that opens with a time ("明天里斯本"), a time that runs on into a place ("明天早上苏州"), a day named outside every
    span ("what's the weather like today"). Returns the span of a time found that way (for the compound splitter)."""
    added: list[tuple[int, int]] = []
    _repair_english_time(text, slots, found)
    if "place" in slots and "when" not in slots:
        time_and_place = split_leading_time(str(slots["place"]))
        if time_and_place is not None:
            slots["when"], slots["place"] = normalize_when(time_and_place[0]), time_and_place[1]
    if "when" not in slots:
        day = day_word_outside(text, {i for _, b, e in found for i in range(b, e)})
        if day is not None:
            slots["when"] = normalize_when(text[day[0] : day[1]])
            added.append(day)
    if "when" in slots and "place" not in slots:
        time_and_place = split_trailing_place(str(slots["when"]))
        if time_and_place is not None:
            slots["when"] = normalize_when(time_and_place[0])
            if time_and_place[1]:  # "" is where the car is: no place
                slots["place"] = time_and_place[1]
    place, when = slots.get("place"), slots.get("when")
    offset = next((o for o in ZH_TIME_OFFSETS if isinstance(place, str) and place.startswith(o)), None)
    if offset is not None and f"{when}{offset}" in text:
        # "五天" + "以内": the offset is the time's, never a place ("五天以内的天气")
        slots["when"] = normalize_when(f"{when}{offset}")
        rest = str(place)[len(offset) :].lstrip("的")
        if len(rest) >= 2:
            slots["place"] = rest
        else:
            slots.pop("place")
    mandarin = any(is_cjk(ch) for ch in text)
    if "place" not in slots:
        taken = {i for _, b, e in found for i in range(b, e)} | {i for b, e in added for i in range(b, e)}
        listed = (
            (mandarin_place(text, taken) or _latin_name_in_chinese(text, taken))
            if mandarin
            else placed_name(text, taken) or capitalised_place(text, taken)
        )
        if listed is not None:
            slots["place"] = text[listed[0] : listed[1]]
    elif mandarin:  # a place the tagger cut short of a listed name ("布拉斯加州" of "内布拉斯加州")
        read = next(((b, e) for slot, b, e in found if slot == "place" and text[b:e] == slots["place"]), None)
        others = {i for slot, b, e in found if slot != "place" for i in range(b, e)} | {
            i for b, e in added for i in range(b, e)
        }
        listed = mandarin_place(text, others, around=read) if read is not None else None
        if listed is not None:
            slots["place"] = text[listed[0] : listed[1]]
    return added


# What the model reads a polite request as ("will you please turn the tv on": a question about the TV), and how sure
# the command it asks for must be read to be taken instead. A "do you mind ..." is read as its command whatever the
# model made of it ("would you mind closing the curtains" had opened them).
_A_POLITE_REQUEST_MISREAD_AS = frozenset({"home.query", OUT_OF_SCOPE})
POLITE_COMMAND_CONFIDENCE = 0.6


def _a_command(intent: str) -> bool:
    return intent != OUT_OF_SCOPE and not intent.startswith("dialog.") and not intent.endswith(".query")


# Words that say how to go, not where: never a destination's.
_HOW_TO_GO = re.compile(
    r"\b(?:avoid(?:ing)?|via|without|using|through|by way of|fastest|shortest|route)\b"
    r"|避开|不走|走高速|经过|途经|怎么走|怎么去|怎么开|路线|路怎么",
    re.IGNORECASE,
)

# Readings a whole answer said by its words replaces (cockpit/nlu/answers.py), and below which confidence any.
_READ_AS_NO_COMMAND = frozenset({OUT_OF_SCOPE, "dialog.confirm", "dialog.deny", "dialog.cancel"})
UNSURE_CONFIDENCE = 0.5
# What "<going to X>, take us there" was read as, read as a route to X instead (going_there.py).
_READ_AS_A_ROUTE_ASKED_THERE = _READ_AS_NO_COMMAND | {"nav.navigate", "nav.find_poi", "nav.query", "nav.cancel"}

_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*)*")


def _latin_name_in_chinese(text: str, taken: set[int]) -> tuple[int, int] | None:
    """The one capitalised Latin-letter name of a Mandarin weather question, outside every span read: its place
    ("这个周末Tahoe的天气怎么样", "Brookneal 11月的天气怎么样"); a Mandarin sentence writes few other words so."""
    if not any(is_cjk(ch) for ch in text):
        return None
    names = [m.span() for m in _LATIN_NAME.finditer(text) if not any(i in taken for i in range(*m.span()))]
    names = [(b, e) for b, e in names if e - b >= 3]
    return names[0] if len(names) == 1 else None


def _volume_as_said(slots: dict, amount: tuple[str, float, str | None]) -> dict:
    """The volume's number where its words put it: "drop the volume to fifteen" sets 15 (the model read a change
    of 15), "音量加十" changes it by ten, up."""
    kind, number, direction = amount
    kept = {k: v for k, v in slots.items() if k not in ("level", "delta")}
    if kind == "level":
        kept.pop("direction", None)  # a level to go to has no way to go
        return kept | {"level": normalize_level(str(number), "media.volume")}
    return kept | {"delta": float(number)} | ({"direction": direction} if direction else {})


def _one_of_a_pair(read: str, said: str) -> bool:
    """`read` is one of the two names `said` joins ("阿姨" of "叔叔和阿姨", "dad" of "mom and dad")."""
    names = [name.strip().lower() for name in LIST_JOINT.split(said)]
    return len(names) == 2 and all(names) and read.strip().lower() in names


def _kinds_the_words_say(text: str, intent: str, slots: dict) -> tuple[str, dict]:
    """What kind of request the words make, over the model's guess (cockpit/nlu/kinds.py); then the slots the words
    say (_slots_the_words_say)."""
    intent, slots = kind_the_words_say(text, intent, slots)
    return intent, _slots_the_words_say(text, intent, slots)


def _slots_the_words_say(text: str, intent: str, slots: dict) -> dict:
    """The slots the words say, over the model's guess: the car question's kind, a level said as steps, a window's
    opening, the rear's side, the volume's number, the house's scene, the window to defrost."""
    # The words name one kind: 电量 is never the range (a temperature the model read is left to it).
    what = car_question_said(text) if intent == "vehicle.query" else None
    if what is not None and slots.get("what") in (None, *CAR_QUESTION_KINDS):
        slots = {**slots, "what": what}
    if "level" in slots and "direction" in (intent_spec(intent).enum_slots or {}):
        step = step_said(text)  # "开大一档", "加一档": one step up, not level 1
        if step is not None and (step or "direction" in slots):
            slots = {k: v for k, v in slots.items() if k != "level"} | ({"direction": step} if step else {})
    if "level" in slots and slots.get("state") == "on":
        slots = {k: v for k, v in slots.items() if k != "state"}  # a level says on ("wipers on max" is level 3)
    if intent == "window.set":
        if (
            not {"position", "direction"} & set(slots)
            and (at := position_said(text, slots.get("state"), slots.get("zone") == "all")) is not None
        ):
            slots = {**slots, "position": at}  # "open all the windows a quarter of the way"
        slots = window_by_a_little(text, slots)
    if intent in ("body.open", "body.close") and (target := body_target_said(text)) is not None:
        slots = {**slots, "target": target}  # "我要放东西，后备箱开一下" names the trunk
    if "zone" in intent_spec(intent).slots and "zone" not in slots and (zone := zone_said(text)) is not None:
        slots = {**slots, "zone": zone}  # "那个，主驾温度给我设到二十五度"
    if slots.get("zone") == "rear" and (rear := rear_zone_said(text)) is not None:
        # "set the rear right to 25" is the rear right; "my back's all sweaty" names no seat
        slots = {k: v for k, v in slots.items() if k != "zone"} | ({"zone": rear} if rear else {})
    if intent == "media.volume" and (amount := volume_amount_said(text)) is not None:
        slots = _volume_as_said(slots, amount)
    if intent == "home.scene" and (scene := scene_said(text)) is not None:
        slots = {**slots, "scene": scene}  # "put the house in sleep mode" is sleep, whatever the scene class says
    if intent == "climate.defrost" and "target" not in slots and (target := defrost_target_said(text)) is not None:
        slots = {**slots, "target": target}
    return slots


def _what_the_words_say(
    text: str, intent: str, slots: dict, free_spans: tuple[tuple[int, int], ...]
) -> tuple[str, dict, tuple[tuple[int, int], ...]]:
    """The reading completed by what its words say where the tagger read nothing or only a piece (cockpit/nlu/said.py):
    a title after "play", a contact after "call", what a question about the car asks, a destination after "drive
    to"; `free_spans` gains the spans so taken (the compound reader never splits inside them)."""
    query = query_said(text)  # the words after "play", read once for the two rules below
    play_first = opens_with_play(text)
    # a title after "play" (or music named after "put on") is played whatever the model made of its words ("play the
    # Frozen soundtrack" as warming the car); any other title only where the model read no command
    plays = play_verb_zh(text) or (
        (intent == OUT_OF_SCOPE or play_first) and query is not None and plays_a_named_title(text)
    )
    # ... and a request that opens with "play" never asks to pause or to drive anything else, however its title begins
    # ("play turn down for what" had cooled the car, "play stop and stare" paused the music)
    a_title_read_as_a_command = (
        play_first
        and query is not None
        and intent != OUT_OF_SCOPE
        and (not intent.startswith("media.") or intent == "media.pause")
    )
    if (not intent.startswith("media.") and plays and query is not None) or a_title_read_as_a_command:
        # "来首周杰伦的晴天" asks for a song whatever its title says (晴天, "sunny", had made it a weather question)
        intent, slots = "media.play", {}
    if intent == "media.play" and query is not None:
        read = slots.get("query")
        # The words after "play" are the title when the tagger read none or only a piece of them ("Monts" of
        # "play Monts Et Merveilles", "Every Woman" of "please play Every Woman In Me"), unless what they add holds
        # a connector: "play jazz and open the trunk" is two commands, for the compound reader to split.
        named_as = isinstance(read, str) and read.lower().startswith(("called ", "named ", "entitled "))
        # a title read in the words before the verb is none ("lets" of "lets play some music by korn")
        before_the_verb = isinstance(read, str) and read not in query and 0 <= text.find(read) < text.find(query)
        if (
            read is None
            or named_as  # "called baby" of "play the song called baby shark": the words after "called" are the title
            or before_the_verb
            or (read != query and read in query and not holds_a_connector(query.replace(read, " ")))
        ):
            slots = {**slots, "query": query}
            if (at := text.find(query)) >= 0 and not holds_a_connector(query):
                free_spans = (*free_spans, (at, at + len(query)))  # a title no connector splits
    if intent == "media.play" and names_nothing(str(slots.get("query", ""))):
        slots = {k: v for k, v in slots.items() if k != "query"}  # "play something on Zvooq" names no title
    intent, slots = _kinds_the_words_say(text, intent, slots)
    who = contact_said(text) if intent == "phone.call" else None
    contact = None if who is None else normalize_span_value("contact", text[who[0] : who[1]], intent)
    read = slots.get("contact")
    # The one to call as said when the tagger read no one, or one of two said together inside 给…打电话 ("阿姨" of
    # "给叔叔和阿姨打个电话": the convention keeps "mom and dad" whole; after "call" the words may go on to a second
    # command, "call Mom and play jazz", which is the compound reader's to split)
    enclosed = who is not None and text[who[1] :].lstrip().startswith("打")
    pair = read is not None and enclosed and read != contact and _one_of_a_pair(str(read), str(contact))
    # ... and whatever the tagger read when the name is enclosed by 给…打: every word between them is the one to call
    # ("小" of "给小李打个电话")
    if contact and who is not None and (read is None or pair or enclosed):
        slots, free_spans = {**slots, "contact": contact}, (*free_spans, who)
    if intent == "nav.navigate" and (read := slots.get("destination")) is not None:
        # The words after "drive to" / 去 are the destination when the tagger read only a piece of them ("IKEA"
        # of "drive to the nearest IKEA", "上海浦东国际机场" of "去上海浦东国际机场T2航站楼"), unless what they
        # add says how to go or holds a connector ("navigate to work avoiding tolls", "... and play jazz").
        said = destination_said(text, listed_only=False)
        whole = "" if said is None else text[said[0] : said[1]]
        if said is not None and read != whole and read in whole:
            added = whole.replace(read, " ")
            if not holds_a_connector(added) and not _HOW_TO_GO.search(added):
                slots, free_spans = {**slots, "destination": whole}, (*free_spans, said)
    return intent, slots, free_spans


class NluModel:
    """Bilingual intent + slot model. Create with NluModel.load()."""

    def __init__(self, session, card: dict) -> None:
        self._session = session
        self.card = card
        self.tokenizer = CharTokenizer.from_config(card["tokenizer"])
        labels = card["labels"]
        self.intents: list[str] = labels["intents"]
        self.tags: list[str] = labels["slot_tags"]
        self._enum_groups: list[tuple[str, list[str], int]] = []
        offset = 0
        for group in labels["enum_slots"]:
            self._enum_groups.append((group["slot"], group["classes"], offset))
            offset += len(group["classes"])
        self._output_names = [o["name"] for o in card["outputs"]]
        self._allowed, self._first = transition_mask(self.tags)
        self._edge = edge_mask(self.tags)
        self._tag_index = {tag: i for i, tag in enumerate(self.tags)}
        # Temperature scaling of the intent logits, fitted on held-out data (models/nlu/calibrate.py);
        # 1.0 for a card without calibration (a model brought by its user).
        self.temperature = float(card.get("calibration", {}).get("temperature", 1.0))
        self.gate = LanguageGate(self.tokenizer.vocab)

    @classmethod
    def load(cls, path: str | Path | None = None) -> NluModel:
        """Load <model>.onnx and its card <model>.json; None -> the shipped models/nlu/nlu.onnx.

        A file that is missing, not an ONNX graph / not JSON, cut short, or of another model (the needs
        model's, a card of other labels) raises ModelCardError saying which file, why and the fix;
        FileNotFoundError only for a missing .onnx (callers catch both)."""
        try:
            return cls._load_files(Path(path) if path is not None else DEFAULT_MODEL_PATH)
        except ModelCardError as error:
            raise ModelCardError(f"{error}; fix: {MODEL_FIX}") from None
        except FileNotFoundError as error:
            raise FileNotFoundError(f"{error}; fix: {MODEL_FIX}") from None

    @classmethod
    def _load_files(cls, onnx_path: Path) -> NluModel:
        import onnxruntime as ort

        card_path = onnx_path.with_suffix(".json")
        if not onnx_path.is_file():
            raise FileNotFoundError(f"NLU model not found: {onnx_path}")
        if not card_path.is_file():
            raise ModelCardError(f"model card not found next to the model: {card_path}")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ModelCardError(f"{card_path}: not valid JSON ({error})") from error
        except UnicodeDecodeError:
            raise ModelCardError(f"{card_path}: not a text file (expected the model's JSON card)") from None
        if not isinstance(card, dict):
            raise ModelCardError(f"{card_path}: expected a JSON object (the model's card), got {type(card).__name__}")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # noqa: BLE001 - onnxruntime's errors share no base class but Exception
            first_line = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            raise ModelCardError(f"{onnx_path}: not a loadable ONNX model ({first_line})") from None
        try:
            _check_card(card, session, card_path)
            return cls(session, card)
        except ModelCardError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            # A card of another shape (its sections present but not as this code reads them).
            raise ModelCardError(f"{card_path}: not an NLU model card ({type(error).__name__}: {error})") from None

    def understand(self, text: str) -> Understanding:
        """One utterance -> its commands (several for "open the trunk and turn the music down"); a text that is
        not language (language_gate.py) -> out_of_scope, without reading it."""
        from cockpit.nlu.both_ends import read_both_ends
        from cockpit.nlu.compound import understand_request

        addressed, asked = without_wake_phrase(text)
        if addressed:  # "hey xiaomi, turn on the ac": the assistant's name is no part of the request
            understood = self.understand(asked)
            # the name alone asks nothing, in the language it was said in
            return replace(understood, text=text, lang=understood.lang if asked.strip() else detect_lang(text))
        corrected = as_corrected(text)
        if corrected is not None:  # "set it to twenty no twenty two": what is meant is the corrected request
            understood = self.understand(corrected)
            if understood.intent != OUT_OF_SCOPE:
                return replace(understood, text=text)
        if (said := in_mandarin_words(text)) is not None:
            # "把AC关了", "车窗都关上然后把AC打开": the English device words said in Mandarin (read with them, the
            # request mixed its scripts as noise does, and the model missed the AC); a part's text holds the Mandarin
            return replace(self.understand(said), text=text)
        verdict = self.gate.judge(without_end_marks(text))
        # a short answer is language whatever characters it is written in (妥了, 要得: words the model rarely met)
        if not verdict.is_language and answer_said(text) is None:
            said = text.strip()
            return Understanding(
                text,
                detect_lang(text[: self.tokenizer.max_length]),
                OUT_OF_SCOPE,
                1.0,
                {},
                (Part(OUT_OF_SCOPE, {}, said, 1.0),),
                None,
                verdict.reason,
            )

        def read(said: str) -> Understanding:
            return understand_request(self, said, judged=True)

        understood = read_both_ends(read, text) or read(text)
        misread = understood.intent in _A_POLITE_REQUEST_MISREAD_AS or asks_to_mind(text)
        imperative = as_imperative(text) if misread else None
        if imperative is not None:
            commanded = understand_request(self, imperative, judged=True)
            if _a_command(commanded.intent) and commanded.confidence >= POLITE_COMMAND_CONFIDENCE:
                return replace(commanded, text=text)
        return understood

    def parse(self, texts: Sequence[str], judged: bool = False) -> list[Parse]:
        """Each text read as one command, in one batched model run. A text that is not language (a piece of a
        request: "open the trunk and asdfgh") is read as out_of_scope without the model; `judged`: the gate has
        already found every text language (understand's whole request), so it is not judged twice."""
        if not texts:
            return []
        verdicts = [Verdict(True) if judged else self.gate.judge(without_end_marks(text)) for text in texts]
        readable = [i for i, verdict in enumerate(verdicts) if verdict.is_language]
        parses = [
            Parse(text, OUT_OF_SCOPE, 1.0, {}, (), None, verdict.reason)
            for text, verdict in zip(texts, verdicts, strict=True)
        ]
        if readable:
            read = [without_end_marks(texts[i]) for i in readable]
            lengths, intent_logits, tag_logits, enum_logits = self._run(read)
            for row, (index, length) in enumerate(zip(readable, lengths, strict=True)):
                parses[index] = self._read(read[row], intent_logits[row], tag_logits[row, :length], enum_logits[row])
        return parses

    def intent_logits(self, texts: Sequence[str]) -> np.ndarray:
        """Raw intent logits [len(texts), intents], before temperature scaling (for calibration)."""
        return self._run([without_end_marks(text) for text in texts])[1]

    def _run(self, texts: Sequence[str]):
        """One model run over a padded batch; returns each text's length with the three outputs."""
        char_ids, ngram_ids, mask = self.tokenizer.encode_batch([t if t.strip() else " " for t in texts])
        feeds = {"char_ids": char_ids, "ngram_ids": ngram_ids, "mask": mask}
        intent_logits, tag_logits, enum_logits = self._session.run(self._output_names, feeds)
        return mask.sum(axis=1).astype(int).tolist(), intent_logits, tag_logits, enum_logits

    def _read(self, text: str, intent_logits: np.ndarray, tag_logits: np.ndarray, enum_logits: np.ndarray) -> Parse:
        probs = _softmax(intent_logits / self.temperature)
        order = np.argsort(-probs)
        best, second = int(order[0]), int(order[1])
        intent = self.intents[best]
        slots, free_spans, time_spans, room_spans = self._decode_slots(text, intent, tag_logits, enum_logits)
        intent, slots = _the_cars_own(text, intent, slots)
        if (intent in _READ_AS_NO_COMMAND or probs[best] < UNSURE_CONFIDENCE) and (
            answer := answer_said(text)
        ) is not None:
            # "that isn't right", "yes is my answer", 妥了, 就当我没说吧: an answer, whatever the model read
            intent, slots = answer, {}
        intent, slots, free_spans = _what_the_words_say(text, intent, slots, free_spans)
        # a place after a driving verb is the destination, listed or not, when the reading has none to act on: a
        # route without one, or a search without a kind of place ("导航去星巴克" read as a search for nothing)
        unfilled = (intent == "nav.navigate" and "destination" not in slots) or (
            intent == "nav.find_poi" and "category" not in slots
        )
        heading = destination_said(text, listed_only=not unfilled)
        if heading is None and intent == OUT_OF_SCOPE:
            # "show me the way to Wagga Wagga": a name written with capitals after a driving verb, listed or not
            unlisted = destination_said(text, listed_only=False)
            heading = unlisted if unlisted is not None and text[unlisted[0]].isupper() else None
        if heading is not None and slots.get("destination") != text[heading[0] : heading[1]]:
            intent, slots = "nav.navigate", {"destination": text[heading[0] : heading[1]]}
            free_spans = (*free_spans, heading)
        if intent in _READ_AS_A_ROUTE_ASKED_THERE and (place := destination_said_before(text)) is not None:
            # "乘客要去成都东站，导航一下": the place said first, then only "take us there"
            start = text.rfind(place)
            intent, slots = "nav.navigate", {"destination": place}
            free_spans = (*free_spans, (start, start + len(place)))
        alternative = (self.intents[second], float(probs[second]))
        return Parse(
            text,
            intent,
            float(probs[best]),
            slots,
            free_spans,
            alternative,
            time_spans=time_spans,
            room_spans=room_spans,
        )

    def _decode_slots(
        self, text: str, intent: str, tag_logits: np.ndarray, enum_logits: np.ndarray
    ) -> tuple[dict, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
        spec = intent_spec(intent)
        slots: dict[str, object] = {}
        free_spans: list[tuple[int, int]] = []
        time_spans: list[tuple[int, int]] = []
        room_spans: list[tuple[int, int]] = []
        top = tag_logits.max(axis=1, keepdims=True)
        log_probs = tag_logits - top - np.log(np.exp(tag_logits - top).sum(axis=1, keepdims=True))
        inside_word = chinese_word_continuations(text[: log_probs.shape[0]])
        path = viterbi(log_probs, self._allowed, self._first, inside_word, self._edge)
        tags = [self.tags[i] for i in path]
        found = reach_back(text, spans(text, tags), log_probs, self._tag_index)
        found = reach_time(text, reach_capitalised(text, reach_forward(text, found, log_probs, self._tag_index)))
        found = reach_time_unit(text, recover_words(text, found, log_probs, self._tag_index, spec.span_slots))
        found = reach_whole_number(text, numbers_the_intent_takes(found, spec.span_slots))
        if any(slot == "room" for slot, _, _ in found) and any(is_cjk(ch) for ch in text):
            found = [
                (slot, *mandarin_room_at_word_edges(text, begin, end, MANDARIN_ROOM_NAMES))
                if slot == "room"
                else (slot, begin, end)
                for slot, begin, end in found
            ]
        for slot, begin, end in found:
            if slot in FREE_TEXT_SLOTS:
                free_spans.append((begin, end))
                if slot == "room":
                    room_spans.append((begin, end))
            elif slot == "when":
                time_spans.append((begin, end))
            if slot in spec.span_slots and slot not in slots:
                spoken = drop_asking_verb(slot, text[begin:end], text[:begin])
                value = normalize_span_value(slot, spoken, intent, after=text[end:], before=text[:begin])
                if value is not None:
                    slots[slot] = value
        if "when" in spec.span_slots:
            time_spans += _complete_time_and_place(text, slots, found)
        allowed = spec.enum_slots or {}
        for slot, classes, offset in self._enum_groups:
            if slot not in allowed:
                continue
            # Only "none" and the values this intent allows compete (window state: open/close, not on/off).
            candidates = [i for i, c in enumerate(classes) if c == "none" or c in allowed[slot]]
            logits = enum_logits[offset : offset + len(classes)]
            choice = max(candidates, key=lambda i: logits[i])
            if classes[choice] != "none":
                slots[slot] = classes[choice]
        _said_in_words(text, intent, slots, spec.slots, allowed)
        kept = {name: slots[name] for name in spec.slots if name in slots}
        return kept, tuple(free_spans), tuple(time_spans), tuple(room_spans)


def _said_in_words(
    text: str, intent: str, slots: dict[str, object], intent_slots: Sequence[str], allowed: dict
) -> None:
    """What the words say over what the model guessed: every zone ("all the windows"), a range's end ("as cold as
    possible"), an on/off particle at the end ("turn the seat heater on"), a colour named (purple, 紫色). `allowed`:
    the values of each enumerated slot the intent allows. Changes `slots` in place."""
    if "zone" in intent_slots and "zone" not in slots and intent in EVERY_ZONE_INTENTS and every_zone_said(text):
        slots["zone"] = "all"
    if intent in RANGE_ENDS and RANGE_ENDS[intent][0] not in slots:
        end = range_end_said(text)
        if end is not None:
            slot, lowest, highest = RANGE_ENDS[intent]
            slots[slot] = highest if end == "highest" else lowest
            slots.pop("direction", None)  # "all the way up" is the end, not one step
    if "category" in allowed:
        category = category_named(text)  # the kind of place named decides ("找个餐厅" had been read as a toilet)
        if category is not None and category in allowed["category"]:
            slots["category"] = category
    if "direction" in allowed and not {"level", "temperature"} & slots.keys():
        direction = direction_said(text, intent)  # "您能把收音机开小声一点吗", "我冷"; 加热 warms whatever was read
        if direction is not None:
            slots["direction"] = direction
    if intent == "climate.adjust_temperature" and "delta" not in slots:
        degrees = degrees_of_change_said(text)  # "two degrees warmer on my side": the model tagged no number
        if degrees is not None and degrees > 0:
            slots["delta"] = degrees
    if {"level", "direction"} <= slots.keys() and "delta" not in intent_slots and steps_said(text):
        del slots["level"]  # "fan down one": one step down, not level 1
    if "on" in allowed.get("state", ()) and not {"state", "level", "direction"} & slots.keys():
        # "turn the seat heater on": the enum head reads the particle before the object, rarely after it
        particle = particle_at_the_end(text)
        if particle is not None:
            slots["state"] = particle
    colours = allowed.get("color", ())
    if colours:
        heard = colour_named(text)
        if heard is not None and heard in colours:
            slots["color"] = heard


# A house's device the car has too, named without a room or the house ("turn on 空调"): the car's. Every labelled
# home request for the AC says the house or a room ("把家里的空调打开", "turn on the ac in the bedroom").
_THE_CARS_OWN = {"home.turn_on": "on", "home.turn_off": "off"}


def _the_cars_own(text: str, intent: str, slots: dict) -> tuple[str, dict]:
    state = _THE_CARS_OWN.get(intent)
    if state is None or slots.get("device") != "ac" or "room" in slots or says_the_house(text):
        return intent, slots
    return "climate.power", {"state": state}
