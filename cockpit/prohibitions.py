"""A request that forbids what it names ("don't open the window", 别开窗, 不要打开后备箱): nothing is done.

The model reads the command inside and drops the negation: "don't open the window" opened it. A request that opens
with a prohibition is answered "OK, I'll leave it as it is." whatever the model read, before any action. Not a
prohibition: "don't forget to turn on the AC" / 别忘了开空调 (a request), "no need to heat my seat anymore" /
座椅加热不用开了 (the model reads them as turning it off, which is what they ask), and 别导了 / 别放了 (stop navigating,
stop the music: 别 … 了 asks to stop what is going on).
"""

from __future__ import annotations

import re

_FORBIDS_EN = re.compile(
    r"^(?:(?:ok(?:ay)?|no|please|just|and|but|hey|oh)[,!]?\s+)*(?:don'?t|do not|never|please don'?t)\b"
    r"(?!\s+(?:forget|you)\b)"
    r"|^never ?mind\b(?!\s*[,.]?\s*$)",
    re.IGNORECASE,
)
_FORBIDS_ZH = re.compile(r"^(?:好的|算了|还是|请|你)?[，,]?(?:别|不要|不许|不准|千万别|千万不要|先别|先不要)(?!忘)")
# Intents that are an answer or a question: "don't" there forbids no action. out_of_scope is not among them: the
# model reads some prohibitions so (千万别关空调), and "OK, I'll leave it as it is" answers "don't worry" too.
_NOT_ACTIONS = frozenset(
    {"dialog.confirm", "dialog.deny", "dialog.cancel", "vehicle.query", "nav.query", "home.query", "info.weather"}
)


# 别 … 了 asks to stop what is going on, a request of its own: 别导了 (stop navigating), 先别放了 (stop the music).
_STOP_DOING_ZH = re.compile(r"了[。！!？?，,\s]*$")


def forbids(text: str, intent: str) -> bool:
    """True when `text`, read as `intent`, asks that the action it names not be done ("don't you …?" is a
    question, not a prohibition)."""
    if intent in _NOT_ACTIONS:
        return False
    said = text.strip()
    if _FORBIDS_EN.search(said):
        return True
    return bool(_FORBIDS_ZH.search(said)) and not _STOP_DOING_ZH.search(said)
