"""A front and a rear said as one: "打开前后除雾", "前后备箱都关上", "open the front and rear trunks" (and the two
front sides: "heat the driver and passenger seats").

The words name two objects of one command with one shared noun (前后 before 除雾, "front and rear" before "trunks"),
which no connector splits and the model reads as one of the two (the rear's, mostly). The request is read twice,
once with each end alone ("打开前除雾", "打开后除雾"); when the two readings are the same commands but for one part
whose only difference is that end, the request holds both: that part once per end, front first, or, for a zone of
seats or windows, once for every zone ("前后座椅加热都打开" heats all of them). Any other difference ("三点前后", "about
three": a time before and a time after) means the words were no such pair, and the request is read as said.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.nlu.model import Part, Understanding

# Slot values that are the front and the rear end of one thing (catalogue.py's targets).
END_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "target": (("front", "rear"), ("frunk", "trunk")),
    "zone": (("driver", "passenger"),),  # the two sides: "heat the driver and passenger seats"
}
# A zone read at the rear end and elsewhere at the front: both ends are every seat or window.
REAR_ZONES = frozenset({"rear", "rear_left", "rear_right"})
BOTH_ZONES = "all"

_ZH_BOTH = re.compile("前后")
_EN_BOTH = re.compile(r"\b(front|rear|back) and (?:the )?(front|rear|back)\b", re.IGNORECASE)


_EN_SIDES = re.compile(
    r"\b(?:both )?(?:the )?driver(?:'s)?(?: side)? and (?:the )?passenger(?:'s)?(?: side)?", re.IGNORECASE
)


def each_end_alone(text: str) -> tuple[str, str] | None:
    """The text with the front end alone and with the rear end alone (or the driver's side and the passenger's);
    None when it names no such pair."""
    if _ZH_BOTH.search(text):
        return _ZH_BOTH.sub("前", text), _ZH_BOTH.sub("后", text)
    sides = _EN_SIDES.search(text)
    if sides is not None:
        before, after = text[: sides.start()], text[sides.end() :]
        return f"{before}the driver{after}", f"{before}the passenger{after}"
    match = _EN_BOTH.search(text)
    if match is None or {match.group(1).lower(), match.group(2).lower()} not in ({"front", "rear"}, {"front", "back"}):
        return None
    rear = next(word for word in match.groups() if word.lower() != "front")
    front = next(word for word in match.groups() if word.lower() == "front")
    return text[: match.start()] + front + text[match.end() :], text[: match.start()] + rear + text[match.end() :]


def _one_end_apart(front: Part, rear: Part) -> tuple[Part, ...] | None:
    """The parts both ends of `front` and `rear` say, when they differ only in their end; None otherwise."""
    if front.intent != rear.intent:
        return None
    keys = {key for key in front.slots.keys() | rear.slots.keys() if front.slots.get(key) != rear.slots.get(key)}
    if len(keys) != 1:
        return None
    (key,) = keys
    ends = (front.slots.get(key), rear.slots.get(key))
    if any(ends == pair for pair in END_PAIRS.get(key, ())):
        return front, rear
    if key == "zone" and ends[1] in REAR_ZONES and ends[0] not in REAR_ZONES:
        return (replace(front, slots={**front.slots, "zone": BOTH_ZONES}),)
    return None


def read_both_ends(read: Callable[[str], Understanding], text: str) -> Understanding | None:
    """`text` read with both ends it names (see the module's description), by `read`; None when it names no front
    and rear, or the two readings are not one command at each end."""
    alone = each_end_alone(text)
    if alone is None:
        return None
    front, rear = (read(said) for said in alone)
    if len(front.parts) != len(rear.parts):
        return None
    parts: list[Part] = []
    apart = 0
    for front_part, rear_part in zip(front.parts, rear.parts, strict=True):
        if (front_part.intent, front_part.slots) == (rear_part.intent, rear_part.slots):
            parts.append(front_part)
            continue
        both = _one_end_apart(front_part, rear_part)
        if both is None:
            return None
        parts += both
        apart += 1
    if apart != 1:
        return None
    first = parts[0]
    confidence = min(front.confidence, rear.confidence)
    return replace(
        front,
        text=text,
        intent=first.intent,
        slots=first.slots,
        confidence=confidence,
        parts=tuple(parts),
        alternative=None,
    )
