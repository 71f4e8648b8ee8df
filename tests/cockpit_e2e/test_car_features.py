"""Requests for what this car does not let the cockpit control (cockpit/car_features.py), through the real model
and the whole cockpit: nothing is done, and the reply names the feature in the speaker's language.

The phrasings are a driver's, not the templates': the model reads most of them as the nearest device it knows
(fog lights as headlights, 锁车门 as opening the door, seat massage as ventilation).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from canbus.dbc import load_dbc, vss_path_of
from cockpit.car_features import MISSING_FEATURES, missing_feature_named
from cockpit.replies import reply_text
from tests.cockpit_e2e.harness import Run, reply_keys
from tests.labelled_sets import labelled_parts

ROOT = Path(__file__).resolve().parents[2]

# feature key -> (English requests, Mandarin requests)
REQUESTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fog_lights": (("turn on the fog lights", "switch the foglights off"), ("打开雾灯", "把前雾灯关了")),
    "hazard_lights": (("put the hazards on", "switch on the hazard lights"), ("打开双闪", "开一下危险警示灯")),
    "parking_lights": (("turn on the parking lights",), ("打开示廓灯",)),
    "sunshade": (("open the sunshade", "close the roof blind"), ("打开遮阳帘",)),
    "sunroof": (("open the sunroof", "close the moonroof a bit"), ("打开天窗", "把天窗关上")),
    "steering_wheel_heating": (("heat the steering wheel", "turn on the heated steering wheel"), ("打开方向盘加热",)),
    "seat_massage": (("turn on the seat massage", "massage my back"), ("打开座椅按摩", "给我按摩一下")),
    "child_locks": (("turn on the child lock",), ("打开儿童锁",)),
    "door_locks": (("lock the doors", "unlock the car"), ("锁车门", "把车门锁上")),
    "mirrors": (("fold the mirrors", "heat the side mirrors"), ("折叠后视镜", "打开后视镜加热")),
    "cruise_control": (("turn on cruise control", "set the adaptive cruise"), ("打开定速巡航",)),
    "horn": (("honk the horn",), ("按一下喇叭",)),
    "screen_brightness": (("make the screen brighter", "dim the display"), ("把屏幕调亮一点",)),
    "phone_projection": (("turn on carplay", "start android auto"), ("打开CarPlay", "开启手机投屏")),
    "phone_link": (("turn on bluetooth", "turn on the wifi hotspot"), ("打开蓝牙", "开个热点")),
}


def test_every_feature_has_requests_in_both_languages():
    assert set(REQUESTS) == {feature.key for feature in MISSING_FEATURES}
    assert all(en and zh for en, zh in REQUESTS.values())


# The car reports these, but no request of the catalogue changes them.
REPORTED_ONLY = {"door_locks"}


def test_every_feature_is_a_vss_actuator_the_car_does_not_publish(tmp_path):
    from tests.bus.test_vss_spec import _export

    spec = _export(tmp_path, overlay=True)
    published = {vss_path_of(s) for m in load_dbc().messages for s in m.signals}
    for feature in MISSING_FEATURES:
        assert spec.get(feature.vss_path, {}).get("type") == "actuator", feature.vss_path
        assert (feature.vss_path in published) == (feature.key in REPORTED_ONLY), feature.vss_path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_request_for_a_missing_feature_drives_nothing_and_names_it(parts, lang):
    run = Run(parts, "driving", parts.understander)
    problems = []
    try:
        for feature in MISSING_FEATURES:
            for text in REQUESTS[feature.key][0 if lang == "en" else 1]:
                turn = run.turn("driver", text)
                said = [reply["text"] for reply in turn.replies]
                expected = reply_text("car_feature_unreachable", lang, feature=feature.names[lang])
                if turn.error or turn.actions or said != [expected]:
                    problems.append(f"{text!r}: {turn.describe()} (expected only {expected!r})")
    finally:
        run.close()
    assert not problems, f"{len(problems)} requests:\n" + "\n".join(problems)


def test_the_words_of_the_cars_own_devices_name_no_missing_feature():
    # Every labelled sentence of the evaluation sets that asks for something the car has (its intent, not
    # out_of_scope) names no missing feature: the lists do not reach into the catalogue's devices.
    named = []
    for part in labelled_parts():
        found = None if part.intent == "out_of_scope" else missing_feature_named(part.text, part.intent, part.slots)
        if found is not None:
            named.append((part.file, part.request, part.intent, found.key))
    assert not named, f"{len(named)} sentences, e.g. {named[:5]}"


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("play Horn Concerto", "media.play", {"query": "Horn Concerto"}),
        ("navigate to the Sunroof Cafe", "nav.navigate", {"destination": "the Sunroof Cafe"}),
        ("lock the front door at home", "home.close", {}),
        ("把家里的遮阳帘打开", "home.open", {}),
        ("turn on the headlights", "light.set", {"target": "headlights", "state": "on"}),
        ("open the trunk", "body.open", {"target": "trunk"}),
        ("block the sun", "out_of_scope", {}),
        ("unlock the charge port", "body.open", {"target": "charge_port"}),
        ("解锁充电口", "body.open", {"target": "charge_port"}),
        ("打开车门", "body.open", {"target": "door"}),
        ("what time is it on the clock", "out_of_scope", {}),
    ],
)
def test_a_name_of_the_drivers_own_or_the_houses_is_no_missing_feature(text, intent, slots):
    assert missing_feature_named(text, intent, slots) is None


def test_the_reply_is_its_own_key_in_both_languages():
    for feature in MISSING_FEATURES:
        for lang in ("en", "zh"):
            text = reply_text("car_feature_unreachable", lang, feature=feature.names[lang])
            assert reply_keys(text, lang) == {"car_feature_unreachable"}, text


# A request with one of the car's commands and a feature it lacks: the command is carried out (or refused for its
# own reason), the feature named, in spoken order.
MIXED = [
    ("turn on the headlights and the fog lights", ["light.set"], "fog_lights"),
    ("open the trunk and the sunroof", ["body.open"], "sunroof"),
    ("turn on the fog lights and the reading light", ["light.set"], "fog_lights"),
    ("turn off the hazard lights and the headlights", ["light.set"], "hazard_lights"),
    ("lock the doors and open the trunk", ["body.open"], "door_locks"),
    ("open my window and the sunroof", ["window.set"], "sunroof"),
    ("turn on the AC and the steering wheel heating", ["climate.power"], "steering_wheel_heating"),
    ("heat my seat and turn on the seat massage", ["seat.heat"], "seat_massage"),
    ("打开大灯和雾灯", ["light.set"], "fog_lights"),
    ("打开后备箱和天窗", ["body.open"], "sunroof"),
    ("把车门锁上然后打开空调", ["climate.power"], "door_locks"),
    ("打开空调和方向盘加热", ["climate.power"], "steering_wheel_heating"),
    ("打开座椅加热和座椅按摩", ["seat.heat"], "seat_massage"),
    ("打开天窗，顺便把音量调小", ["media.volume"], "sunroof"),
]


def test_a_command_beside_a_missing_feature_is_carried_out_and_the_feature_named(parts):
    features = {feature.key: feature for feature in MISSING_FEATURES}
    run = Run(parts, "driving", parts.understander)
    problems = []
    try:
        for text, kinds, key in MIXED:
            turn = run.turn("driver", text)
            said = [reply["text"] for reply in turn.replies]
            named = reply_text("car_feature_unreachable", turn.lang, feature=features[key].names[turn.lang])
            if turn.error or [a["kind"] for a in turn.actions] != kinds or named not in said or len(said) != 2:
                problems.append(f"{text!r}: {turn.describe()}")
    finally:
        run.close()
    assert not problems, f"{len(problems)} of {len(MIXED)} requests:\n" + "\n".join(problems)
