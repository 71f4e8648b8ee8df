"""A request asked as a question about the listener ("will you please turn the tv on", "do you mind turning on the
TV?") is the request: the model, which met "will ..."/"do you ..." mostly in questions, may read it as a question
about the device. `as_imperative` gives the command the question asks for, for the reader to read instead."""

from __future__ import annotations

import re

# The frames, each followed by the verb of the command: "will you (please)", "would you (kindly)", "do you mind".
_ASKING = re.compile(
    r"^\s*(?:hey,?\s+)?(?:(?P<mind>(?:do|would)\s+you\s+mind)"
    r"|(?:will|would|could|can|won't|wouldn't|couldn't)\s+you(?:\s+(?:please|kindly))?)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# The verbs of the catalogue's commands as "do you mind ..." says them, and as a command does.
_GERUNDS = {
    "turning": "turn",
    "switching": "switch",
    "opening": "open",
    "closing": "close",
    "shutting": "shut",
    "locking": "lock",
    "unlocking": "unlock",
    "playing": "play",
    "pausing": "pause",
    "stopping": "stop",
    "putting": "put",
    "setting": "set",
    "raising": "raise",
    "lowering": "lower",
    "starting": "start",
    "making": "make",
    "calling": "call",
    "taking": "take",
    "finding": "find",
    "heating": "heat",
    "cooling": "cool",
    "warming": "warm",
    "dimming": "dim",
    "skipping": "skip",
    "navigating": "navigate",
    "drawing": "draw",
    "pulling": "pull",
    "rolling": "roll",
}
_END_MARKS = " ?.!"
# ... and in Mandarin: "你可以载我回家吗", "能不能帮我把空调打开", "可以帮我打开后备箱吗".
_ASKING_ZH = re.compile(
    r"^\s*(?:请问)?(?:你|您)?(?:可不可以|能不能|会不会|能否|可以|能)(?:帮我|给我|替我)?(?P<rest>.+?)"
    r"(?:吗|么|嘛|呢|吧|好吗|行吗)?[\s？?。！!]*$"
)


def asks_to_mind(text: str) -> bool:
    """ "do you mind turning on the TV": nothing but a request (a "will you ..." may still ask about the future)."""
    match = _ASKING.match(text)
    return match is not None and bool(match.group("mind"))


# "make sure the garage is closed" asks that it be closed (not whether it is): the command for the state it names.
_MAKE_SURE = re.compile(
    r"^\s*(?:please\s+)?(?:make\s+sure|ensure|see\s+to\s+it)\s+(?:that\s+)?(?P<what>.+?)\s+"
    r"(?:is|are|'s|gets?|stays?)\s+(?P<state>closed|shut|open|opened|off|on|turned\s+off|turned\s+on|switched\s+off|"
    r"switched\s+on)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_STATE_VERBS = {
    "closed": "close",
    "shut": "close",
    "open": "open",
    "opened": "open",
    "off": "turn off",
    "on": "turn on",
}


# "Kindly take me to Phoenix Marketcity": the polite word of Indian English, before the command itself.
_KINDLY = re.compile(r"^\s*(?:please\s+)?kindly\s+(?P<rest>.+)$", re.IGNORECASE)


def _made_sure(text: str) -> str | None:
    match = _MAKE_SURE.match(text)
    if match is None:
        return None
    state = match.group("state").lower().split()[-1]
    return f"{_STATE_VERBS[state]} {match.group('what')}"


def as_imperative(text: str) -> str | None:
    """The command a polite question asks for ("will you please turn the tv on" -> "turn the tv on", "do you mind
    turning on the TV?" -> "turn on the TV", "你可以载我回家吗" -> "载我回家", "make sure the garage is closed" ->
    "close the garage"), or None for a text that is no such question."""
    made_sure = _made_sure(text)
    if made_sure is not None:
        return made_sure
    kindly = _KINDLY.match(text)
    if kindly is not None:
        return kindly.group("rest").strip().rstrip(_END_MARKS).strip() or None
    match = _ASKING.match(text)
    if match is None:
        chinese = _ASKING_ZH.match(text)
        rest = "" if chinese is None else chinese.group("rest").strip()
        return rest if len(rest) >= 2 else None
    rest = match.group("rest").strip().rstrip(_END_MARKS).strip()
    if not rest:
        return None
    if match.group("mind"):
        first, _, after = rest.partition(" ")
        verb = _GERUNDS.get(first.lower())
        if verb is None:
            return None  # "do you mind if I open the window" asks leave, not for a command
        return f"{verb} {after}".strip()
    return rest
