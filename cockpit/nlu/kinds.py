"""What kind of request the words make, and a few of its slots, over the model's guess: one ordered list of rules,
each a reading of the words (cockpit/nlu/said.py and the car's and the house's lists of what they lack) that
decides where the model read otherwise. Each rule takes (text, intent, slots) and returns the new (intent, slots),
or None when its words are not said; every rule sees what the rules before it made of the request (a search read
out of a battery question is no longer one; a command a feature the car lacks answers is declined last)."""

from __future__ import annotations

from collections.abc import Callable

from cockpit.car_features import missing_feature_named
from cockpit.home.appliances import appliance_the_house_lacks
from cockpit.nlu.catalogue import OUT_OF_SCOPE
from cockpit.nlu.postprocess import category_named, mutes, without_enough_said
from cockpit.nlu.said import (
    OPENING_INTENTS,
    arrival_asked,
    asks_to_call,
    asks_to_lock,
    asks_where,
    clears_a_window,
    ends_the_route,
    pauses_what_plays,
    pulls_back,
    remarks_on_weather,
    resumes_playing,
    says_an_ending,
    says_off,
    sets_a_house_mode,
    too_quiet_to_hear,
    traffic_said,
)

Reading = tuple[str, dict]
KindRule = Callable[[str, str, dict], "Reading | None"]

# A place to charge named in a request read as a question about the battery or the route, or as nothing, is a search
# for a charger ("is there a supercharger on the way").
READ_FOR_A_CHARGER_SEARCH = frozenset({"vehicle.query", "nav.query", OUT_OF_SCOPE})
# Kinds of place whose word names nothing but the place (coffee may be in the kitchen, a restaurant booked).
PLACES_BY_THEIR_WORD = frozenset({"rest_area", "gas", "charger", "parking", "toilet"})


def _a_search(text: str, intent: str, slots: dict) -> Reading | None:
    """ "any chargers around here" (not the battery); "how long will it take", "are we nearly there" (the arrival);
    "find the next services on the motorway" (a kind of place, where the model read nothing)."""
    category = category_named(text) if intent in READ_FOR_A_CHARGER_SEARCH else None
    if category == "charger":
        return "nav.find_poi", {"category": "charger"}
    if intent in (OUT_OF_SCOPE, "nav.find_poi") and "category" not in slots and arrival_asked(text):
        return "nav.query", {"what": "eta"}
    if intent == OUT_OF_SCOPE and category in PLACES_BY_THEIR_WORD and asks_where(text):
        return "nav.find_poi", {"category": category}
    return None


def _traffic(text: str, intent: str, slots: dict) -> Reading | None:
    """The road's traffic is no question about the car or the weather."""
    asked = intent in ("vehicle.query", "info.weather") and traffic_said(text)
    return ("nav.query", {"what": "traffic"}) if asked else None


def _a_remark_on_the_weather(text: str, intent: str, slots: dict) -> Reading | None:
    """ "昨天下雨了" says what the weather did; it asks nothing."""
    return (OUT_OF_SCOPE, {}) if intent == "info.weather" and remarks_on_weather(text) else None


def _stopped(text: str, intent: str, slots: dict) -> Reading | None:
    """ "让扫地机器人停下来": a home device stopped, not started."""
    return ("home.turn_off", slots) if intent == "home.turn_on" and says_off(text) else None


def _a_call(text: str, intent: str, slots: dict) -> Reading | None:
    """ "give Uncle Raj a bell", "get Xochitl on the phone": a call the model read as nothing (its contact is read
    after the rules, from the words)."""
    return ("phone.call", {}) if intent == OUT_OF_SCOPE and asks_to_call(text) else None


def _the_route_ended(text: str, intent: str, slots: dict) -> Reading | None:
    """ "clear the destination" (read as a yes)."""
    return ("nav.cancel", {}) if intent != "nav.cancel" and ends_the_route(text) else None


def _a_route_begun(text: str, intent: str, slots: dict) -> Reading | None:
    """ "导航一下", "开始导航": the route started, not cancelled; a cancel is said in words that end something."""
    return ("nav.navigate", {}) if intent == "nav.cancel" and not says_an_ending(text) else None


def _paused(text: str, intent: str, slots: dict) -> Reading | None:
    """ "把有声书停一下": what plays paused, not played."""
    return ("media.pause", {}) if intent == "media.play" and pauses_what_plays(text) else None


def _a_house_mode(text: str, intent: str, slots: dict) -> Reading | None:
    """ "set the house to away": a scene (which one, _slots_the_words_say reads), not a device."""
    a_device = intent.startswith("home.") and intent != "home.scene"
    return ("home.scene", {}) if a_device and sets_a_house_mode(text) else None


def _resumed(text: str, intent: str, slots: dict) -> Reading | None:
    """ "pick up the music where we left off": a play with no title."""
    return ("media.play", {}) if intent == OUT_OF_SCOPE and resumes_playing(text) else None


def _too_quiet(text: str, intent: str, slots: dict) -> Reading | None:
    """ "i can barely hear the radio" plays nothing new: the volume up."""
    asked = intent.startswith("media.") or intent == OUT_OF_SCOPE
    heard = asked and too_quiet_to_hear(text, str(slots.get("query", "")))
    return ("media.volume", {"direction": "up"}) if heard else None


def _fog_cleared(text: str, intent: str, slots: dict) -> Reading | None:
    """ "clear the fog off the back glass": the fog's "off", the defrost on."""
    return (intent, {**slots, "state": "on"}) if intent == "climate.defrost" and clears_a_window(text) else None


def _curtains_pulled_back(text: str, intent: str, slots: dict) -> Reading | None:
    """ "pull back the drapes in the study" opens them."""
    closed = intent == "home.close" and slots.get("device") == "curtains"
    return ("home.open", slots) if closed and pulls_back(text) else None


def _a_lock(text: str, intent: str, slots: dict) -> Reading | None:
    """ "lock the doors" is no "close the doors": the car locks nothing here."""
    return (OUT_OF_SCOPE, {}) if intent in OPENING_INTENTS and asks_to_lock(text) else None


def _what_the_car_or_the_house_lacks(text: str, intent: str, slots: dict) -> Reading | None:
    """ "turn on the parking lights" read as the headlights, "打开家里的洗碗机" as a home device: a feature the car
    lacks (cockpit/car_features.py) or an appliance the house lacks (cockpit/home/appliances.py), which the cockpit
    answers by name whatever the reading; no catalogue command is asked for."""
    if intent == OUT_OF_SCOPE:
        return None
    lacking = missing_feature_named(text, intent, slots) or appliance_the_house_lacks(text, intent, slots)
    return (OUT_OF_SCOPE, {}) if lacking is not None else None


def _enough_said(text: str, intent: str, slots: dict) -> Reading | None:
    """ "去火车站就行": the words after the place only say that is enough, and are no part of it."""
    destination = slots.get("destination")
    if intent != "nav.navigate" or not isinstance(destination, str):
        return None
    place = without_enough_said(destination)
    if place == destination:
        return None
    return intent, {k: v for k, v in slots.items() if k != "destination"} | ({"destination": place} if place else {})


def _muted(text: str, intent: str, slots: dict) -> Reading | None:
    """ "先静个音": muting said with its verb split, level 0."""
    said_nothing = intent == "media.volume" and not {"level", "direction"} & set(slots)
    return (intent, {**slots, "level": 0}) if said_nothing and mutes(text) else None


def _traffic_asked(text: str, intent: str, slots: dict) -> Reading | None:
    """ "路上车多不多": a route question the model read without its kind asks the traffic."""
    unnamed = intent == "nav.query" and "what" not in slots
    return (intent, {**slots, "what": "traffic"}) if unnamed and traffic_said(text) else None


KIND_RULES: tuple[KindRule, ...] = (
    _a_search,
    _traffic,
    _a_remark_on_the_weather,
    _stopped,
    _the_route_ended,
    _a_route_begun,
    _paused,
    _resumed,
    _a_house_mode,
    _too_quiet,
    _fog_cleared,
    _curtains_pulled_back,
    _a_lock,
    _what_the_car_or_the_house_lacks,
    _enough_said,
    _muted,
    _traffic_asked,
    _a_call,
)


def kind_the_words_say(text: str, intent: str, slots: dict) -> Reading:
    """The reading after every rule of KIND_RULES, in order."""
    for rule in KIND_RULES:
        decided = rule(text, intent, slots)
        if decided is not None:
            intent, slots = decided
    return intent, slots
