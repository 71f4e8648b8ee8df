"""The intent catalogue (docs/INTENTS.md) as code: the contract of the NLU model.

Two kinds of slots:

* span slots are copied from the utterance (a tagged character span) and then
  normalised by rules: numbers (temperature, delta, level, position), the zone
  word (主驾/副驾/"passenger side" -> enum), free text kept as spoken
  (destination, contact, query, room, place) and `when` (today/tomorrow... ->
  a small enum when recognised, else as spoken).
* enum slots are predicted by the model directly (one softmax group per slot,
  "none" meaning absent), because their value is often implied rather than
  named: "I'm freezing" -> direction=up, "I can't see out" -> state=on.

Zone choice: "my side" / "我这边" names the speaker's zone, which only the
dialogue layer knows (which seat microphone heard it), so the zone slot is
left absent and the dialogue fills it.
"""

from __future__ import annotations

from dataclasses import dataclass

OUT_OF_SCOPE = "out_of_scope"

ZONES = ("driver", "passenger", "rear_left", "rear_right", "rear", "all")

# Values of the model-predicted (enumerated) slots. The order is part of the
# model card: changing it requires retraining.
ENUM_SLOT_VALUES: dict[str, tuple[str, ...]] = {
    "state": ("on", "off", "open", "close"),
    "direction": ("up", "down"),
    "target": ("front", "rear", "trunk", "frunk", "charge_port", "door", "ambient", "reading", "headlights"),
    "what": (
        "range",
        "battery",
        "tire_pressure",
        "cabin_temp",
        "outside_temp",
        "speed",
        "eta",
        "distance",
        "traffic",
    ),
    "category": ("charger", "coffee", "restaurant", "parking", "rest_area", "toilet", "gas"),
    "device": (
        "ac",
        "light",
        "heater",
        "water_heater",
        "air_purifier",
        "robot_vacuum",
        "fan",
        "tv",
        "humidifier",
        "garage",
        "curtains",
        "gate",
    ),
    "scene": ("arrive_home", "leave_home", "sleep", "movie"),
    "color": ("red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "white"),
}

# Slots taken from a tagged span of the utterance (BIO tags per character).
SPAN_SLOTS: tuple[str, ...] = (
    "temperature",
    "delta",
    "level",
    "position",
    "zone",
    "destination",
    "contact",
    "query",
    "room",
    "place",
    "when",
)

# Words kept as spoken; a connector inside one ("Hall and Oates", "和平门") never splits a request.
FREE_TEXT_SLOTS = frozenset({"destination", "contact", "query", "room", "place"})

NUMERIC_SLOTS = {"temperature": float, "delta": float, "level": int, "position": int}

_HOME_SWITCHABLE = ("ac", "light", "heater", "water_heater", "air_purifier", "robot_vacuum", "fan", "tv", "humidifier")
_HOME_OPENABLE = ("garage", "curtains", "gate")


@dataclass(frozen=True)
class IntentSpec:
    """One intent: its allowed slots and, for enum slots, the values it may take."""

    name: str
    span_slots: tuple[str, ...] = ()
    enum_slots: dict[str, tuple[str, ...]] | None = None
    # The slot without which the words are no complete request of this intent ("navigate" with no destination):
    # the compound splitter does not take such a piece for a command of its own.
    required: str | None = None

    @property
    def slots(self) -> tuple[str, ...]:
        return self.span_slots + tuple(self.enum_slots or {})


_ON_OFF = ("on", "off")

INTENTS: tuple[IntentSpec, ...] = (
    IntentSpec("climate.set_temperature", ("temperature", "zone"), required="temperature"),
    IntentSpec("climate.adjust_temperature", ("delta", "zone"), {"direction": ("up", "down")}),
    IntentSpec("climate.set_fan", ("level",), {"direction": ("up", "down")}),
    IntentSpec("climate.power", (), {"state": _ON_OFF}),
    IntentSpec("climate.defrost", (), {"state": _ON_OFF, "target": ("front", "rear")}),
    IntentSpec("seat.heat", ("level", "zone"), {"state": _ON_OFF, "direction": ("up", "down")}),
    IntentSpec("seat.ventilate", ("level", "zone"), {"state": _ON_OFF, "direction": ("up", "down")}),
    IntentSpec("window.set", ("position", "zone"), {"state": ("open", "close"), "direction": ("up", "down")}),
    IntentSpec("body.open", (), {"target": ("trunk", "frunk", "charge_port", "door")}, required="target"),
    IntentSpec("body.close", (), {"target": ("trunk", "frunk", "charge_port", "door")}, required="target"),
    IntentSpec(
        "light.set",
        (),
        {"target": ("ambient", "reading", "headlights"), "state": _ON_OFF, "color": ENUM_SLOT_VALUES["color"]},
    ),
    IntentSpec("wiper.set", ("level",), {"state": _ON_OFF, "direction": ("up", "down")}),
    IntentSpec("vehicle.query", (), {"what": ENUM_SLOT_VALUES["what"][:6]}, required="what"),
    IntentSpec("nav.navigate", ("destination",), required="destination"),
    IntentSpec("nav.find_poi", (), {"category": ENUM_SLOT_VALUES["category"]}, required="category"),
    IntentSpec("nav.cancel"),
    IntentSpec("nav.query", (), {"what": ("eta", "distance", "traffic")}, required="what"),
    IntentSpec("home.turn_on", ("room",), {"device": _HOME_SWITCHABLE}, required="device"),
    IntentSpec("home.turn_off", ("room",), {"device": _HOME_SWITCHABLE}, required="device"),
    IntentSpec("home.set_temperature", ("temperature", "room"), required="temperature"),
    IntentSpec("home.open", ("room",), {"device": _HOME_OPENABLE}, required="device"),
    IntentSpec("home.close", ("room",), {"device": _HOME_OPENABLE}, required="device"),
    IntentSpec("home.scene", (), {"scene": ENUM_SLOT_VALUES["scene"]}, required="scene"),
    IntentSpec("home.query", ("room",), {"device": ENUM_SLOT_VALUES["device"]}),
    IntentSpec("media.play", ("query",)),
    IntentSpec("media.pause"),
    IntentSpec("media.next"),
    IntentSpec("media.volume", ("level", "delta"), {"direction": ("up", "down")}),
    IntentSpec("phone.call", ("contact",), required="contact"),
    IntentSpec("info.weather", ("when", "place")),
    IntentSpec("dialog.confirm"),
    IntentSpec("dialog.deny"),
    IntentSpec("dialog.cancel"),
    IntentSpec(OUT_OF_SCOPE),
)

INTENT_NAMES: tuple[str, ...] = tuple(spec.name for spec in INTENTS)


def intent_spec(name: str) -> IntentSpec:
    """The spec of a catalogue intent; KeyError for a name outside the catalogue."""
    for spec in INTENTS:
        if spec.name == name:
            return spec
    raise KeyError(f"unknown intent {name!r}: not in the intent catalogue (docs/INTENTS.md)")


def slot_tags() -> tuple[str, ...]:
    """BIO tag list for the span slots: O, B-slot, I-slot, ... (order fixed by SPAN_SLOTS)."""
    tags = ["O"]
    for slot in SPAN_SLOTS:
        tags += [f"B-{slot}", f"I-{slot}"]
    return tuple(tags)


def enum_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(slot, classes) per enum slot; class 0 of each group is "none" (slot absent)."""
    return tuple((slot, ("none",) + values) for slot, values in ENUM_SLOT_VALUES.items())


# Maximum spoken level per intent, used for "max"/"最大" (level is an integer as spoken,
# so the word "max" is turned into the top of the intent's range).
LEVEL_RANGE: dict[str, tuple[int, int]] = {
    "climate.set_fan": (1, 7),
    "seat.heat": (0, 3),
    "seat.ventilate": (0, 3),
    "media.volume": (0, 100),
    "wiper.set": (1, 3),
}
