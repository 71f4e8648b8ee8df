"""Must-pass utterances through the real shipped ONNX model (en + zh, incl. the INTENTS.md examples)."""

from __future__ import annotations

import pytest

from cockpit.nlu.catalogue import INTENT_NAMES, intent_spec

# (text, intent, slots) — slots must match exactly.
MUST_PASS = [
    # INTENTS.md examples
    ("把副驾温度调到22度", "climate.set_temperature", {"temperature": 22.0, "zone": "passenger"}),
    ("set it to 22 degrees", "climate.set_temperature", {"temperature": 22.0}),
    ("把空调调到二十二度", "climate.set_temperature", {"temperature": 22.0}),
    ("I'm freezing", "climate.adjust_temperature", {"direction": "up"}),
    ("太热了", "climate.adjust_temperature", {"direction": "down"}),
    ("fan to 3", "climate.set_fan", {"level": 3}),
    ("风量大一点", "climate.set_fan", {"direction": "up"}),
    ("turn on the AC", "climate.power", {"state": "on"}),
    ("关闭空调", "climate.power", {"state": "off"}),
    ("defog the windshield", "climate.defrost", {"state": "on", "target": "front"}),
    ("打开后除雾", "climate.defrost", {"state": "on", "target": "rear"}),
    ("heat my seat", "seat.heat", {"state": "on"}),
    ("打开副驾座椅加热", "seat.heat", {"state": "on", "zone": "passenger"}),
    ("座椅通风开到最大", "seat.ventilate", {"level": 3}),
    ("open my window halfway", "window.set", {"state": "open", "position": 50}),
    ("关窗", "window.set", {"state": "close"}),
    ("open the trunk", "body.open", {"target": "trunk"}),
    ("打开充电口", "body.open", {"target": "charge_port"}),
    ("close the frunk", "body.close", {"target": "frunk"}),
    ("打开阅读灯", "light.set", {"target": "reading", "state": "on"}),
    ("wipers on", "wiper.set", {"state": "on"}),
    ("how far can I go", "vehicle.query", {"what": "range"}),
    ("还剩多少电", "vehicle.query", {"what": "battery"}),
    ("take me home", "nav.navigate", {"destination": "home"}),
    ("导航去公司", "nav.navigate", {"destination": "公司"}),
    ("find a charger", "nav.find_poi", {"category": "charger"}),
    ("附近有没有咖啡店", "nav.find_poi", {"category": "coffee"}),
    ("stop navigation", "nav.cancel", {}),
    ("取消导航", "nav.cancel", {}),
    ("when will we arrive", "nav.query", {"what": "eta"}),
    ("还有多久到", "nav.query", {"what": "eta"}),
    ("turn on the living room lights", "home.turn_on", {"device": "light", "room": "living room"}),
    ("打开家里的空调", "home.turn_on", {"device": "ac"}),
    ("switch off the water heater", "home.turn_off", {"device": "water_heater"}),
    ("把家里空调调到26度", "home.set_temperature", {"temperature": 26.0}),
    ("open the garage", "home.open", {"device": "garage"}),
    ("打开车库门", "home.open", {"device": "garage"}),
    ("close the garage door", "home.close", {"device": "garage"}),
    ("启动回家模式", "home.scene", {"scene": "arrive_home"}),
    ("家里空调开着吗", "home.query", {"device": "ac"}),
    ("play some jazz", "media.play", {"query": "jazz"}),
    ("放周杰伦的歌", "media.play", {"query": "周杰伦的歌"}),
    ("pause the music", "media.pause", {}),
    ("下一首", "media.next", {}),
    ("音量调到10", "media.volume", {"level": 10}),
    ("call mom", "phone.call", {"contact": "mom"}),
    ("打电话给张三", "phone.call", {"contact": "张三"}),
    ("will it rain tomorrow", "info.weather", {"when": "tomorrow"}),
    ("今天天气怎么样", "info.weather", {"when": "today"}),
    ("yes", "dialog.confirm", {}),
    ("好的", "dialog.confirm", {}),
    ("不用了", "dialog.deny", {}),
    ("算了", "dialog.cancel", {}),
    ("tell me a joke", "out_of_scope", {}),
    # numbers, zones, typos, fillers
    ("嗯 帮我把主驾温度调到二十二点五度", "climate.set_temperature", {"temperature": 22.5, "zone": "driver"}),
    ("set the temperature to twenty-two", "climate.set_temperature", {"temperature": 22.0}),
    ("左后温度调到二十度", "climate.set_temperature", {"temperature": 20.0, "zone": "rear_left"}),
    ("a bit warmer on my side", "climate.adjust_temperature", {"direction": "up"}),
    ("脚有点冷", "climate.adjust_temperature", {"direction": "up"}),
    ("my feet are cold", "climate.adjust_temperature", {"direction": "up"}),
    ("I can't see out the windshield", "climate.defrost", {"state": "on", "target": "front"}),
    ("um plese turn off the seat heater", "seat.heat", {"state": "off"}),
]


@pytest.mark.parametrize("text, intent, slots", MUST_PASS)
def test_must_pass(nlu_model, text, intent, slots):
    result = nlu_model.understand(text)
    assert (result.intent, result.slots) == (intent, slots)


def test_every_intent_has_a_must_pass_example():
    intents = {case.values[1] if hasattr(case, "values") else case[1] for case in MUST_PASS}
    assert intents == set(INTENT_NAMES)


def test_output_shape_and_types(nlu_model):
    result = nlu_model.understand("把副驾温度调到22度").to_json()
    assert list(result) == ["text", "lang", "intent", "confidence", "slots", "parts"]
    assert result["lang"] == "zh" and 0.0 < result["confidence"] <= 1.0
    assert isinstance(result["slots"]["temperature"], float)
    assert nlu_model.understand("fan to 3").to_json()["lang"] == "en"


def test_slots_are_only_those_of_the_intent(nlu_model):
    for text in ("set the passenger side to 21 and play jazz", "把后排车窗打开一半", "hello there"):
        result = nlu_model.understand(text)
        assert set(result.slots) <= set(intent_spec(result.intent).slots)


def test_empty_and_very_long_input_do_not_crash(nlu_model):
    assert nlu_model.understand("").intent in INTENT_NAMES
    assert nlu_model.understand("please " * 100 + "open the trunk").intent in INTENT_NAMES
