"""A room pointed back to: "switch off the heater in the kids' room and turn on the fan in there", 把卧室的灯关了，
那里的空调也打开.

The second command says "there" for the room the one before it named; read alone it has no room, and without one
the model takes "the fan" for the car's. Such a command is read again with the room said in place of "there"; when
that reading is the house's command for that room, its intent and slots are taken, but for the room: a part's slots
are those its own words give, and a pronoun brings none of its referent's (models/nlu/data/README.md, the label
convention every set follows), so the house's fan is asked for without a room.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.nlu.model import Parse, Part

_THERE_EN = re.compile(r"\b(?:in|out) there\b|\bthere\b$", re.IGNORECASE)
_THERE_ZH = re.compile(r"那里的?|那边的?|那儿的?")


def _with_the_room(text: str, room: str) -> str | None:
    if _THERE_EN.search(text):
        return _THERE_EN.sub(f"in the {room}" if not room.lower().startswith("the ") else f"in {room}", text, count=1)
    if _THERE_ZH.search(text):
        return _THERE_ZH.sub(f"{room}的", text, count=1)
    return None


def rooms_pointed_back_to(parts: Sequence[Part], parse: Callable[[list[str]], list[Parse]]) -> list[Part]:
    """`parts` with each command that says "there" after one naming a room read again as the house's."""
    result = list(parts)
    for i in range(1, len(result)):
        room = result[i - 1].slots.get("room")
        if not isinstance(room, str) or "room" in result[i].slots:
            continue
        rewritten = _with_the_room(result[i].text, room)
        if rewritten is None:
            continue
        reading = parse([rewritten])[0]
        if reading.intent.startswith("home.") and reading.slots.get("room") == room:
            own = {slot: value for slot, value in reading.slots.items() if slot != "room"}
            result[i] = replace(result[i], intent=reading.intent, slots=own, confidence=reading.confidence)
    return result
