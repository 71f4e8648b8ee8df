"""What both languages' templates share: which placeholder fills which enumerated slot, and how a free-text
slot's name is drawn."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

from cockpit.nlu.postprocess import clean_free_text, normalize_when
from models.nlu import open_vocabulary

# Devices only a house has (the car has no water heater): the `[homeonly]` placeholder.
HOME_ONLY = ("water_heater", "robot_vacuum", "tv", "humidifier", "garage", "curtains", "gate")
# Template placeholder -> the catalogue slot its value labels.
ENUM_SLOT = {
    "device": "device",
    "homeonly": "device",
    "category": "category",
    "color": "color",
    "light": "target",
    "body": "target",
}


def home_only_surfaces(surfaces: dict[str, dict]) -> dict:
    return {k: v for k, v in surfaces["device"].items() if k in HOME_ONLY}


def enum_choices_in(
    surfaces: dict[str, dict], placeholder: str, allowed: dict[str, tuple[str, ...]]
) -> tuple[str, list[str]]:
    """The slot a placeholder fills and the values of it the intent allows, in lexicon order."""
    slot = ENUM_SLOT[placeholder]
    return slot, [v for v in surfaces[placeholder] if v in allowed.get(slot, ())]


# The free-text slots whose names may also come from data packages (place names, holidays, media titles...).
OPEN_SLOTS: dict[str, Callable[[str, random.Random], str]] = {
    "place": open_vocabulary.place,
    "destination": open_vocabulary.destination,
    "query": open_vocabulary.media_query,
    "room": open_vocabulary.room,
    "when": open_vocabulary.when,
}


def free_text_span(
    slot: str,
    lang: str,
    pools: Mapping[str, Sequence[str]],
    invent: Callable[[str, random.Random], str],
    rng: random.Random,
) -> tuple[str, object]:
    """destination, query, room, place, when: a name from the language's pools, from a data package, or invented
    (`invent`), and its normalised value. The draws come in a fixed order: the same seed gives the same data."""
    surface = rng.choice(pools[slot])
    if slot in OPEN_SLOTS and rng.random() < 0.6:  # names from data packages: the tagger learns where a name ends
        surface = OPEN_SLOTS[slot](lang, rng)
        return surface, normalize_when(surface) if slot == "when" else clean_free_text(surface)
    if slot in ("destination", "query", "place") and rng.random() < 0.5:
        surface = invent(slot, rng)  # unseen names teach the tagger span boundaries, not a list
    return surface, normalize_when(surface) if slot == "when" else clean_free_text(surface)
