"""Requests generated from the intent catalogue: every intent with every enumerated slot value, in both languages.

Enumerated slots (the catalogue's value sets) are combined in full, each also absent; span slots (kept as spoken)
are tried one at a time with the sample values below, as the NLU gives them (a room as spoken: "the kids' room",
"客厅里"). A new intent or enum value in the catalogue is covered without touching this file; a new span slot
needs its samples here (the generator says so).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cockpit.nlu.catalogue import LEVEL_RANGE, ZONES, IntentSpec

LANGS = ("en", "zh")

# Spoken samples of the span slots, as the NLU hands them on (numbers normalised, words as spoken). Each set
# includes values a handler must refuse or bound (out of range, unknown place, a room the house does not have).
SPAN_SAMPLES: dict[str, dict[str, tuple[Any, ...]]] = {
    "temperature": {"en": (22.0, 16.0, 32.0, 12.0, 35.0, 45.0, 2018.0)},
    "delta": {"en": (2.0, 30.0)},
    "position": {"en": (0, 30, 100, 150)},
    "zone": {"en": ZONES},
    "destination": {"en": ("home", "the office", "Atlantis"), "zh": ("家", "公司", "火星基地")},
    "contact": {"en": ("mom",), "zh": ("妈妈",)},
    "query": {"en": ("jazz",), "zh": ("周杰伦的歌",)},
    "room": {
        "en": (
            "living room",
            "the bedroom",
            "the master bedroom",
            "kitchen",
            "the study",
            "garage",
            "the kids' room",
            "attic",
        ),
        "zh": ("客厅", "卧室", "主卧", "客厅里", "厨房", "书房", "车库", "阁楼", "家里的卧室"),
    },
    "place": {"en": ("Beijing",), "zh": ("北京",)},
    "when": {"en": ("tomorrow",), "zh": ("明天",)},
}

# What a request cannot do without (its handler asks to rephrase when it is missing). Everything else has a
# default from the context or the speaker's seat.
NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "climate.set_temperature": (("temperature",),),
    "home.set_temperature": (("temperature",),),
    "nav.navigate": (("destination",),),
    "nav.find_poi": (("category",),),
    "home.turn_on": (("device",),),
    "home.turn_off": (("device",),),
    "home.open": (("device",),),
    "home.close": (("device",),),
    "home.scene": (("scene",),),
    "media.volume": (("level",), ("direction",)),  # either
    "climate.set_fan": (("level",), ("direction",)),  # either: more or less air is never guessed
    "climate.adjust_temperature": (("direction",),),  # warmer or cooler is never guessed
    "light.set": (("state",), ("color",)),  # on, off or a colour
}


def level_samples(intent: str) -> tuple[int, ...]:
    low, high = LEVEL_RANGE.get(intent, (1, 3))
    return (low, high, high + 1)


def span_samples(spec: IntentSpec, slot: str, lang: str) -> tuple[Any, ...]:
    if slot == "level":
        return level_samples(spec.name)
    samples = SPAN_SAMPLES.get(slot)
    if samples is None:
        raise KeyError(f"span slot {slot!r} of {spec.name} has no samples: add some to SPAN_SAMPLES")
    return samples.get(lang, samples["en"])


@dataclass(frozen=True)
class Case:
    intent: str
    lang: str
    slots: dict[str, Any]

    @property
    def text(self) -> str:
        # What the trace shows as heard; it carries none of the follow-up markers ("also", "too", 也) that would
        # make the dialogue read it as "the same again".
        return f"<{self.intent} {json.dumps(self.slots, ensure_ascii=False, sort_keys=True)}>"

    @property
    def complete(self) -> bool:
        needs = NEEDS.get(self.intent, ((),))
        return any(all(slot in self.slots for slot in need) for need in needs)


def cases(spec: IntentSpec, lang: str) -> Iterator[Case]:
    enum_slots = sorted((spec.enum_slots or {}).items())
    span_variants: list[dict[str, Any]] = [{}]
    span_variants += [{slot: value} for slot in spec.span_slots for value in span_samples(spec, slot, lang)]
    for values in itertools.product(*[(None, *choices) for _, choices in enum_slots]):
        enums = {slot: value for (slot, _), value in zip(enum_slots, values, strict=True) if value is not None}
        for spans in span_variants:
            yield Case(spec.name, lang, {**enums, **spans})
