"""The assistant addressed by name before a request ("hey xiaomi, turn on the ac", "小爱同学 打开空调"): the words
that call it are no part of what is asked.

A recogniser that listens for a wake phrase cuts it off (cockpit/voice/grammar.py decodes the English ones below);
typed text, a scenario's utterance or another recogniser's output may keep it, and read with it the model took
"xiaomi" for a destination ("hey xiaomi" navigated there) or a title ("ok xiaomi play some jazz"). A name that is
also a common word ("car", 小米) calls the assistant only after a greeting ("hey car") or with a pause after it
("小米，…"); the assistant's own names (xiaomi, xiao ai, 小爱) do alone.
"""

from __future__ import annotations

import re

# The English phrases the shipped recogniser's grammar decodes as the wake phrase (models/asr/build_grammar.py).
WAKE_PHRASES = ("hey xiaomi", "hello car", "hey car", "hello xiaomi", "xiao ai")

_GREETING_EN = r"(?:hey|hi|hello|ok|okay|yo)"
_OWN_NAMES_EN = r"(?:xiaomi|xiao\s?ai|xiaoai|xiao\s?mi)"
_COMMON_NAMES_EN = r"(?:car|assistant|cockpit)"
_ADDRESSED_EN = re.compile(
    rf"^\s*(?:(?:{_GREETING_EN}[\s,]+)?{_OWN_NAMES_EN}\b|{_GREETING_EN}[\s,]+{_COMMON_NAMES_EN}\b"
    rf"|{_COMMON_NAMES_EN}\s*,)[\s,.!:;-]*",
    re.IGNORECASE,
)
_GREETING_ZH = r"(?:你好|嗨|哈喽|嘿|hi|hey|hello)"
_ADDRESSED_ZH = re.compile(
    rf"^\s*(?:{_GREETING_ZH}[\s,，]*)?(?:小爱同学|小爱小爱|小爱)[\s,，。.!！:：]*"
    rf"|^\s*(?:{_GREETING_ZH}[\s,，]*小米|小米小米|小米\s*[,，])[\s,，。.!！:：]*",
    re.IGNORECASE,
)


def without_wake_phrase(text: str) -> tuple[bool, str]:
    """(was the assistant called by name first?, the words after its name)."""
    for pattern in (_ADDRESSED_EN, _ADDRESSED_ZH):
        found = pattern.match(text)
        if found is not None and found.end() > 0:
            return True, text[found.end() :]
    return False, text
