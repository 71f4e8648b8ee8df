"""An action's outcome in words: what was done, or why it was not (a REPLIES key and its parameters).

Used where the reply cannot be chosen before the action runs: a card the driver accepted ("Setting the house to
22 degrees."), whatever its actions turned out to be. Parameters are ids, as everywhere: replies.py words them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cockpit.actions import Action, ActionResult
from cockpit.replies import REPLIES

Words = tuple[str, dict[str, Any]]


def _home(key: str) -> Callable[[Mapping[str, Any]], Words]:
    def words(data: Mapping[str, Any]) -> Words:
        room = data.get("room")
        params = {
            "device": str(data.get("device", "")),
            "room": room or "",
            "temperature": data.get("temperature", 0),
            "scene": str(data.get("scene", "")),
        }
        return (f"{key}_in_room" if room and f"{key}_in_room" in REPLIES else key), params

    return words


def _light(data: Mapping[str, Any]) -> Words:
    key = "light_colour" if data.get("color") else "light_off" if data.get("state") == "off" else "light_on"
    return key, {"target": data.get("target", "ambient"), "color": data.get("color", "")}


def _volume(data: Mapping[str, Any]) -> Words:
    if "level" in data:
        return "volume_set", {"level": data["level"]}
    return ("volume_up" if data.get("step", 0) > 0 else "volume_down"), {}


def window_words(data: Mapping[str, Any]) -> Words:
    """The dialogue's reply for a window request too (one wording: "every window", not "every zone window")."""
    zone, position = data.get("zone", "driver"), float(data.get("position", 0))
    key = ("window_closed" if position == 0 else "window_set") + ("_all" if zone == "all" else "")
    return key, {"zone": zone, "position": position}


DONE_WORDS: dict[str, Callable[[Mapping[str, Any]], Words]] = {
    "climate.set_temperature": lambda d: (
        "temperature_set",
        {"zone": d.get("zone", "driver"), "temperature": d["temperature"]},
    ),
    "climate.set_fan": lambda d: ("fan_set", {"level": d["level"]}),
    "climate.power": lambda d: (f"climate_{d['state']}", {}),
    "climate.ac": lambda d: (f"air_conditioning_{d['state']}", {}),
    "climate.defrost": lambda d: (f"defrost_{d['state']}", {"target": d.get("target", "front")}),
    "seat.heat": lambda d: ("seat_heat", {"zone": d.get("zone", "driver"), "level": d["level"]}),
    "seat.ventilate": lambda d: ("seat_vent", {"zone": d.get("zone", "driver"), "level": d["level"]}),
    "window.set": window_words,
    "body.open": lambda d: ("opening", {"target": d["target"]}),
    "body.close": lambda d: ("closing", {"target": d["target"]}),
    "light.set": _light,
    "wiper.set": lambda d: ("wiper_set", {"mode": d["mode"]}),
    "media.volume": _volume,
    "nav.navigate": lambda d: ("navigating", {"place": d["destination"]}),
    "nav.add_stop": lambda d: ("stop_added", {"place": d["category"]}),
    "nav.cancel": lambda d: ("nav_cancelled", {}),
    "home.turn_on": _home("home_on"),
    "home.turn_off": _home("home_off"),
    "home.set_temperature": _home("home_temperature"),
    "home.open": _home("home_open"),
    "home.close": _home("home_close"),
    "home.scene": _home("home_scene"),
}


def done_words(action: Action) -> Words:
    """What saying `action` is done sounds like (KeyError for a kind with no words: voice.say says itself)."""
    return DONE_WORDS[action.kind](action.data)


def outcome_words(result: ActionResult) -> Words:
    """A sent action: what was done (with what it chose, e.g. the stop); otherwise the reason it was not."""
    if result.status == "sent":
        key, params = done_words(result.action)
        return key, {**params, **result.details}
    words = DONE_WORDS.get(result.action.kind)
    named = words(result.action.data)[1] if words is not None else {}  # the reason may name the device, the zone
    return result.reply_key or "action_failed", {**named, **result.reply_params}
