"""A place said in a clause of its own, then a bare "take us there" ("乘客要去成都东站，导航一下", "the passenger wants
to go to the airport, take us there"): one route to that place.

Read alone, the first clause is a statement (often read as a search, or as nothing) and the second a route with no
destination; read as one, the tagger found no place, or a word of the statement ("wants"). The place is the words
after the clause's "go to" / 去, up to its end; the command clause names no place of its own.
"""

from __future__ import annotations

import re

from cockpit.nlu.postprocess import WHERE_WORDS, without_enough_said

# The clause that says where to go: "(the passenger) wants to go to X", "I need to get to X", "我要去X", "乘客要去X".
_GOING_TO_EN = re.compile(
    r"\b(?:go|get|be|going|heading|head|headed)\s+to\s+(?P<place>[^,.!?;]+?)\s*$",
    re.IGNORECASE,
)
_GOING_TO_ZH = re.compile(r"(?:要|想|得|需要|准备|打算)(?:去|到)(?P<place>[^，,。！？!?；;吧]+?)(?:吧|呢)?$")
# ... and the clause that only asks to be driven there: "take us there", "navigate there", "导航一下", "带我过去".
_DRIVE_THERE_EN = re.compile(
    r"^(?:(?:ok|okay|so|please|just|can you|could you|then)\s+)*"
    r"(?:navigate(?:\s+(?:us|me))?(?:\s+there)?|(?:take|drive|get|bring|guide|route)\s+(?:us|me|them|her|him)\s+there"
    r"|(?:go|head)\s+there|let's\s+go\s+there|set\s+(?:a|the)\s+route(?:\s+there)?|start\s+(?:the\s+)?navigation)"
    r"(?:\s+(?:now|please))?$",
    re.IGNORECASE,
)
_DRIVE_THERE_ZH = re.compile(
    r"^(?:请|麻烦|你)?(?:帮我|给我|帮忙)?(?:导航|导个航|开导航|带路|带我过去|带我们过去|开过去|导航过去|送我过去|送过去)"
    r"(?:一下|下)?(?:吧|呗)?$"
)
_CLAUSES = re.compile(r"[^,，;；。.!?！？]+")


def destination_said_before(text: str) -> str | None:
    """The place of "<a clause that goes to X>, <a clause that only asks to be taken there>", in that order; None
    when the request is not so made."""
    clauses = [found.group(0).strip() for found in _CLAUSES.finditer(text) if found.group(0).strip()]
    if len(clauses) != 2:
        return None
    saying, asking = clauses
    english = text.isascii()
    if (_DRIVE_THERE_EN if english else _DRIVE_THERE_ZH).match(asking) is None:
        return None
    going = (_GOING_TO_EN if english else _GOING_TO_ZH).search(saying)
    if going is None:
        return None
    place = without_enough_said(going.group("place").strip())
    return place if place and place.lower() not in WHERE_WORDS else None
