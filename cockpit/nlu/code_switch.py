"""English device words inside a Mandarin request, as a recogniser hands code-switched speech over: "把AC关了",
"fan调大一点", "volume调小一点".

The model reads some of them ("帮我开一下AC") and not others, and the language gate took "把AC关了" for noise (its
letters switch script as noise's do). A Mandarin request is read with these words said in Mandarin (model.py); its
`text` stays as said. Only the car's own words are here: "bluetooth" or "CarPlay" are features the car lacks
(cockpit/car_features.py), and a name in English stays as said ("导航去Starbucks").
"""

from __future__ import annotations

import re

from cockpit.nlu.tokenizer import detect_lang

_IN_MANDARIN = {"ac": "空调", "a/c": "空调", "aircon": "空调", "fan": "风量", "volume": "音量", "defrost": "除雾"}
_ENGLISH_WORD = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(word) for word in _IN_MANDARIN) + r")(?![A-Za-z])", re.I
)


def in_mandarin_words(text: str) -> str | None:
    """The Mandarin request with its English device words said in Mandarin, or None when it holds none."""
    if detect_lang(text) != "zh" or _ENGLISH_WORD.search(text) is None:
        return None
    return _ENGLISH_WORD.sub(lambda found: _IN_MANDARIN[found.group(0).lower()], text)
