"""What a car may have that the cockpit cannot control: the one description every user of it reads.

A driver asks for what any car may have ("turn on the fog lights", "打开天窗", "lock the doors"); the language model
knows only the catalogue's devices and reads such a request as the nearest one it knows (fog lights as headlights,
锁车门 as opening the door, a sunshade as the house's curtains). Each feature here is a COVESA VSS 6.0 actuator
that the car's DBC does not publish, or (the door locks) publishes as a state no request of the catalogue changes
(`tests/cockpit_e2e/test_car_features.py` checks both against the vendored spec and the DBC), with the words a
driver names it by in English and Mandarin. A request that names one is answered "I have no control over this
car's fog lights" and drives nothing, whatever intent the model read: cockpit.py asks before the dialogue, the
guard and any clarifying question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cockpit.home.rooms import says_the_house
from cockpit.nlu.postprocess import whole_words


@dataclass(frozen=True)
class MissingFeature:
    key: str
    vss_path: str  # the VSS 6.0 actuator a car that had it would publish
    names: dict[str, str]  # said in a reply, per language
    english: tuple[str, ...]  # regular expressions, matched on whole words of the lower-cased text
    mandarin: tuple[str, ...]  # regular expressions, matched anywhere in the text


MISSING_FEATURES: tuple[MissingFeature, ...] = (
    MissingFeature(
        "fog_lights",
        "Vehicle.Body.Lights.Fog.Front.IsOn",
        {"en": "fog lights", "zh": "雾灯"},
        (r"fog ?(?:light|lamp)s?",),
        ("雾灯",),
    ),
    MissingFeature(
        "hazard_lights",
        "Vehicle.Body.Lights.Hazard.IsSignaling",
        {"en": "hazard lights", "zh": "双闪"},
        (r"hazards", r"hazard(?: warning)? (?:lights?|lamps?|flashers?)", r"(?:emergency )?flashers", r"four-ways"),
        ("双闪", "危险报警灯", "危险警示灯", "警示灯"),
    ),
    MissingFeature(
        "parking_lights",
        "Vehicle.Body.Lights.Parking.IsOn",
        {"en": "parking lights", "zh": "示廓灯"},
        (r"parking lights?", r"side ?lights?"),
        ("示廓灯", "示宽灯", "小灯", "位置灯"),
    ),
    MissingFeature(
        "sunshade",
        "Vehicle.Cabin.Sunroof.Shade.Switch",
        {"en": "sunshade", "zh": "遮阳帘"},
        (r"sun ?shades?", r"sun ?blinds?", r"(?:sun ?)?roof (?:shades?|blinds?)", r"roller blinds?"),
        ("遮阳帘",),
    ),
    MissingFeature(
        "sunroof",
        "Vehicle.Cabin.Sunroof.Switch",
        {"en": "sunroof", "zh": "天窗"},
        (r"sun ?roofs?", r"moon ?roofs?", r"roof windows?", r"panoramic roof"),
        ("天窗",),
    ),
    MissingFeature(
        "steering_wheel_heating",
        "Vehicle.Chassis.SteeringWheel.HeatingCooling",
        {"en": "steering wheel heating", "zh": "方向盘加热"},
        (r"steering wheel", r"wheel heat(?:ing|er)"),
        ("方向盘加热", "方向盘", "加热方向盘"),
    ),
    MissingFeature(
        "seat_massage",
        "Vehicle.Cabin.Seat.Row1.DriverSide.Massage.Level",
        {"en": "seat massage", "zh": "座椅按摩"},
        (r"massag(?:e|es|er|ing)",),
        ("按摩",),
    ),
    MissingFeature(
        "child_locks",
        "Vehicle.Cabin.IsWindowChildLockEngaged",
        {"en": "child locks", "zh": "儿童锁"},
        (r"child ?(?:safety )?locks?", r"child ?proof locks?"),
        ("儿童锁", "童锁"),
    ),
    MissingFeature(  # the car reports its locks, but no request of the catalogue sends the DBC's LockRequest
        "door_locks",
        "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked",
        {"en": "door locks", "zh": "车门锁"},
        (
            r"(?:un)?lock(?: up| (?:the |my |our |all (?:the )?|every )?(?:doors?|car|vehicle|everything))",
            r"(?:doors?|car) (?:un)?lock(?:s|ed)?",
            r"central locking",
        ),
        (r"锁车", r"锁门", r"车锁", r"落锁", r"门.{0,3}锁", r"锁.{0,3}门"),
    ),
    MissingFeature(
        "mirrors",
        "Vehicle.Body.Mirrors.DriverSide.IsFolded",
        {"en": "mirrors", "zh": "后视镜"},
        (r"(?:side |wing |rear ?view |door |heated )?mirrors?",),
        ("后视镜", "倒车镜", "反光镜"),
    ),
    MissingFeature(
        "cruise_control",
        "Vehicle.ADAS.CruiseControl.IsActive",
        {"en": "cruise control", "zh": "定速巡航"},
        (r"(?:adaptive )?cruise(?: control)?", r"autopilot", r"lane keep(?:ing)?(?: assist)?"),
        ("巡航", "自动驾驶", "车道保持"),
    ),
    MissingFeature(
        "horn",
        "Vehicle.Body.Horn.IsActive",
        {"en": "horn", "zh": "喇叭"},
        (r"horn", r"honk(?:s|ing)?", r"beep the car"),
        ("喇叭", "鸣笛", "按喇叭"),
    ),
    MissingFeature(
        "phone_projection",
        "Vehicle.Cabin.Infotainment.SmartphoneProjection.Active",
        {"en": "phone projection (CarPlay, Android Auto)", "zh": "手机投屏"},
        (r"(?:apple )?car ?play", r"android auto", r"screen mirroring", r"mirror(?:ing)? my (?:phone|screen)"),
        (r"(?i:car ?play)", r"(?i:android auto)", "投屏", "手机互联", "手机映射"),
    ),
    MissingFeature(  # VSS has no Bluetooth or Wi-Fi switch: its nearest actuator is the projection's link
        "phone_link",
        "Vehicle.Cabin.Infotainment.SmartphoneProjection.Source",
        {"en": "Bluetooth and Wi-Fi hotspot", "zh": "蓝牙和热点"},
        (r"blue ?tooth", r"(?:wi-?fi |wireless )?hot ?spot", r"wi-?fi"),
        (r"(?i:blue ?tooth)", "蓝牙", "热点", r"(?i:wi-?fi)", "无线网"),
    ),
    MissingFeature(
        "screen_brightness",
        "Vehicle.Cabin.Infotainment.HMI.Brightness",
        {"en": "screen brightness", "zh": "屏幕亮度"},
        (
            r"(?:screen|display|dashboard|dash) (?:brightness|brighter|dimmer|darker)",
            r"(?:bright(?:en|er)|dim(?:mer)?|darker) the (?:screen|display|dashboard|dash)",
            r"brightness of the (?:screen|display|dashboard)",
        ),
        ("屏幕亮", "屏幕暗", "屏幕调", "调亮屏幕", "调暗屏幕", "屏亮度"),
    ),
)

_PATTERNS = [
    (
        feature,
        re.compile(whole_words("|".join(feature.english))),
        re.compile("|".join(feature.mandarin)),
    )
    for feature in MISSING_FEATURES
]
# Any feature's words at all: most requests name none, and are answered by one search instead of one per feature.
_ANY_FEATURE_EN = re.compile(whole_words("|".join(word for feature in MISSING_FEATURES for word in feature.english)))
_ANY_FEATURE_ZH = re.compile("|".join(word for feature in MISSING_FEATURES for word in feature.mandarin))


def missing_feature_named(text: str, intent: str, slots: Mapping[str, object]) -> MissingFeature | None:
    """The feature the car lacks that `text` asks for, read as `intent` with `slots`; None when it names none.
    Words inside a slot's value are the driver's own names, not a feature ("play Horn Concerto", "navigate to the
    Sunroof Cafe"); a home intent whose text says home is the house's ("lock the door at home", "家里的天窗")."""
    said = text.lower()
    if _ANY_FEATURE_EN.search(said) is None and (text.isascii() or _ANY_FEATURE_ZH.search(text) is None):
        return None
    if intent.startswith("home.") and says_the_house(text):  # the house has its own devices and answers
        return None
    names = [value.lower() for value in slots.values() if isinstance(value, str)]
    for feature, english, mandarin in _PATTERNS:
        found = [match.group(0) for match in english.finditer(said)]
        found += [match.group(0) for match in mandarin.finditer(text)]
        if any(not any(word in name for name in names) for word in found):
            return feature
    return None
