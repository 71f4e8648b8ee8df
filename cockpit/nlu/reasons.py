"""A reason said beside a command ("Seat warmer off, my bum's cooking", "Pop the boot, I've got shopping to load",
"把后排温度设成24度，小孩怕冷", "热死了，温度直接调到十八"): it tells why, and asks nothing of its own.

Read alone, the model takes such a clause for the nearest command it knows (小孩怕冷 as warmer, "sun's hitting the
TV" as cooler) or for nothing, and the request became two commands, or none. The compound reader
(cockpit/nlu/compound.py) leaves a reason out when another piece of the request is a sure command of its own.
A reason is known by its shape, not its topic: an English statement (a subject, then its verb: "my wife gets cold",
"I know the way from here", "the passenger got out", or a clause opened by "because"), or a Mandarin clause that
says how something is (怕冷, 太大了, 热死了, 快没了, 有点闷热) and holds no verb that asks for anything.
"""

from __future__ import annotations

import re

# An English statement opens with its subject: a pronoun, a possessive, or "the …" followed by a verb of its own.
_EN_STATEMENT = re.compile(
    r"^(?:(?:because|cause|'cause|cuz|coz|since|as)\s+.+"
    r"|(?:i|i'm|im|i've|i'd|i'll|we|we're|we've|she|she's|he|he's|they|they're|it's|its|there's|that's|sun's|"
    r"baby's|kids|the kids|the baby)\b.*"
    r"|(?:my|our|his|her|their)\s+\w+(?:'s|\s+(?:is|are|was|were|gets|got|feels|feel|keeps|won't|can't|has|have|"
    r"just|finally|need|needs|wants?))\b.*"
    r"|the\s+\w+(?:\s+\w+)?\s+(?:is|are|was|were|got|gets|has|have|keeps|won't|can't|needs?|wants?)\b.*)$",
    re.IGNORECASE,
)
# ... and asks nothing: no request to the listener inside it ("I'd like you to open the trunk", "we need you to…").
_EN_ASKS = re.compile(
    r"\b(?:can you|could you|would you|will you|please|you (?:can|could|should|need to|have to)|"
    r"(?:want|need|like|love) (?:you|it) to|let's|i want|i'd like|(?:i|we) need\b|"
    r"turn|switch|open|close|play|call|navigate|take me|find)\b",
    re.IGNORECASE,
)
# A Mandarin clause saying how things are: a feeling, a degree, a state ("怕冷", "风太大", "热死了", "油快没了").
_ZH_STATE = re.compile(
    r"怕冷|怕热|怕吵|太.{1,3}了?$|[冷热闷晒吵累困饿]死了|快没了|有点[冷热闷晒吵]|说冷|说热|睡着了|不舒服"
)
# ... and asks for nothing: no verb of a command in it.
_ZH_ASKS = re.compile(r"打开|关|开|调|设|放|播|导航|找|去|把|给我|帮我|降|升|加|减|来|请|麻烦")


# Words that open a clause without being its subject ("okay so the baby finally dropped off").
_EN_OPENERS = re.compile(r"^(?:(?:okay|ok|so|well|um|uh|oh|look|listen|ugh|man|dude|whew)[\s,]+)+", re.IGNORECASE)


def is_a_reason(text: str) -> bool:
    """The clause tells why (a statement that asks nothing), in English or Mandarin."""
    said = _EN_OPENERS.sub("", text.strip(" ,.!?;，。！？；"))
    if not said:
        return False
    if said.isascii():
        return _EN_STATEMENT.match(said) is not None and _EN_ASKS.search(said) is None
    return _ZH_STATE.search(said) is not None and _ZH_ASKS.search(said) is None
