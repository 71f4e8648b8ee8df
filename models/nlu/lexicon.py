"""What both languages' templates share about enumerated slots: which placeholder fills which slot."""

from __future__ import annotations

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
