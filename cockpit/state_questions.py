"""Questions about the state of the car's own parts ("is the trunk open?", "后备箱关了吗", "did I leave the frunk
open"), answered from what the car reports and never carried out.

The catalogue's `vehicle.query` asks for figures (range, battery, speed); a yes-no question about a part is read by
the model as the command that names it (后备箱关了吗 as closing the trunk, 座椅加热开了没有 as heating the seat) or as a
question about the house. A request that is such a question, by its words, and names one of the parts below is
answered with the part's reported state (stale or unknown: said so), whatever intent the model read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cockpit.context import CockpitContext
from cockpit.home.rooms import says_the_house
from cockpit.nlu.postprocess import whole_words

State = bool | str | None  # open / on: True; closed / off: False; "auto": left to the car; not known: None


@dataclass(frozen=True)
class CarPart:
    key: str
    english: str  # regular expression, whole words of the lower-cased text
    mandarin: str  # regular expression
    kind: str  # "open" (open / closed) or "on" (on / off)
    state: Callable[[CockpitContext, str], State]  # (context, the asking seat) -> state


def _any_window_open(context: CockpitContext, seat: str) -> State:
    positions = list(context.window_position.values())
    if not positions or any(position is None for position in positions):
        return None
    return any(float(position) > 0.5 for position in positions if position is not None)


def _level_on(levels: dict[str, int | None], seat: str) -> State:
    level = levels.get(seat)
    return None if level is None else level > 0


def _wipers_on(context: CockpitContext, seat: str) -> State:
    return None if context.wiper_mode is None else context.wiper_mode != "off"


# Most specific first: "front trunk" before "trunk", "seat heating" before "heating".
CAR_PARTS: tuple[CarPart, ...] = (
    CarPart("frunk", r"frunk|front trunk", r"前备箱|前舱", "open", lambda c, s: c.closure_open.get("frunk")),
    CarPart("trunk", r"trunk|boot|tailgate|liftgate", r"后备箱|尾门", "open", lambda c, s: c.closure_open.get("trunk")),
    CarPart(
        "charge_port",
        r"charg(?:e|ing) (?:port|flap|door|lid)",
        r"充电口|充电盖",
        "open",
        lambda c, s: c.closure_open.get("charge_port"),
    ),
    CarPart(
        "seat_heating", r"seat heat(?:er|ing)?|heated seats?", r"座椅加热", "on", lambda c, s: _level_on(c.seat_heat, s)
    ),
    CarPart(
        "seat_ventilation",
        r"seat (?:ventilation|cooling|fans?)|ventilated seats?",
        r"座椅通风",
        "on",
        lambda c, s: _level_on(c.seat_vent, s),
    ),
    CarPart("windows", r"windows?", r"车窗|窗户", "open", _any_window_open),
    CarPart(
        "ambient",
        r"ambient light(?:s|ing)?|mood light(?:s|ing)?",
        r"氛围灯",
        "on",
        lambda c, s: c.light_on.get("ambient"),
    ),
    CarPart("reading", r"reading lights?|dome lights?", r"阅读灯", "on", lambda c, s: c.light_on.get("reading")),
    CarPart(
        "headlights", r"head ?lights?|headlamps?", r"大灯|前灯|车灯", "on", lambda c, s: c.light_on.get("headlights")
    ),
    CarPart("wipers", r"wipers?", r"雨刮|雨刷", "on", _wipers_on),
    CarPart(
        "climate", r"a/?c|air ?con(?:ditioning|ditioner)?|climate(?: control)?", r"空调", "on", lambda c, s: c.hvac_on
    ),
)

_STATE_EN = r"open(?:ed)?|closed|shut|on|off|up|down|running|working"
_QUESTION_EN = re.compile(
    rf"^(?:is|are|was|were|did (?:i|we|you|someone) (?:leave|close|shut|turn|switch)|have (?:i|we|you)"
    rf"(?: left)?|has (?:anyone|someone)?)\b.*\b(?:{_STATE_EN})\b"
    rf"|\b(?:whether|if) (?:the|my|our|a|any)\b.*\b(?:{_STATE_EN})\b"
)
# A polite request is not a question about a state: "is it possible to open the trunk", "能帮我打开后备箱吗".
_REQUEST_EN = re.compile(
    r"^is it (?:possible|ok|okay|alright|safe)\b|\b(?:can|could|would|will) you\b(?!.*\bcheck\b)|\bmind\b"
)
_QUESTION_ZH = re.compile(
    r"(?:开|关|打开|关上|关好|开着|关着)[^，,。]*(?:吗|么|没有|没|了没|呢)$|是不是|是否|有没有开|有没有关"
)
_REQUEST_ZH = re.compile(r"能|可以|帮我|帮忙|请|麻烦|给我|介意|要不要")

_PATTERNS = [(part, re.compile(whole_words(part.english)), re.compile(part.mandarin)) for part in CAR_PARTS]


def asked_about(text: str) -> CarPart | None:
    """The car part whose state `text` asks about; None when it is no such question (a command, a figure, the
    house's devices)."""
    said = text.strip().lower()
    bare = said.rstrip("?？!！。. ")
    if says_the_house(text):
        return None
    english = bool(_QUESTION_EN.search(bare)) and not _REQUEST_EN.search(bare)
    mandarin = bool(_QUESTION_ZH.search(bare)) and not _REQUEST_ZH.search(bare)
    if not (english or mandarin):
        return None
    for part, english_words, mandarin_words in _PATTERNS:
        if english_words.search(said) or mandarin_words.search(text):
            return part
    return None


def state_reply(part: CarPart, context: CockpitContext, seat: str) -> tuple[str, dict[str, str]]:
    """The reply key and parameters answering the question about `part`."""
    state = part.state(context, seat)
    if state is None:
        return "car_part_unknown", {"car_part": part.key}
    if isinstance(state, str):
        return f"car_part_{state}", {"car_part": part.key}
    words = ("open", "closed") if part.kind == "open" else ("on", "off")
    said = part.key if not (part.key == "windows" and state) else "some_window"
    return f"car_part_{words[0] if state else words[1]}", {"car_part": said}
