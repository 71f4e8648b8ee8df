"""Requests for appliances the house lacks (cockpit/home/appliances.py), through the real model and the whole
cockpit: nothing is done, at home or in the car, and the reply names the appliance in the speaker's language.

The model reads most of them as a home request with no device, or as the nearest device it knows ("preheat the
oven" as warming the car, a dehumidifier as the humidifier)."""

from __future__ import annotations

import pytest

from cockpit.home.appliances import APPLIANCES_THE_HOUSE_LACKS, appliance_the_house_lacks
from cockpit.replies import reply_text
from tests.cockpit_e2e.harness import Run
from tests.labelled_sets import labelled_parts

# appliance key -> (English requests, Mandarin requests)
REQUESTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dishwasher": (("turn on the dishwasher at home", "start the dishwasher"), ("打开家里的洗碗机",)),
    "washing_machine": (("start the washing machine",), ("把洗衣机打开",)),
    "dryer": (("turn the dryer on",), ("打开烘干机",)),
    "oven": (("preheat the oven",), ("帮我把家里的烤箱预热一下",)),
    "microwave": (("turn off the microwave",), ("关掉微波炉",)),
    "kettle": (("switch the kettle on",), ("打开家里的电水壶",)),
    "coffee_machine": (("start the coffee maker at home",), ("打开咖啡机",)),
    "fridge": (("turn the fridge down",), ("把冰箱温度调低",)),
    "rice_cooker": (("turn on the rice cooker",), ("打开电饭煲",)),
    "range_hood": (("turn on the range hood",), ("打开油烟机",)),
    "dehumidifier": (("turn on the dehumidifier in the basement",), ("打开家里的除湿机",)),
    "sprinklers": (("turn on the sprinklers",), ("打开家里的洒水器",)),
    "fireplace": (("turn on the fireplace",), ("打开壁炉",)),
    "security_camera": (("turn on the security cameras",), ("打开家里的摄像头",)),
    "alarm_system": (("set the house alarm",), ("打开家里的安防",)),
    "electric_blanket": (("turn on the electric blanket",), ("打开电热毯",)),
    "projector": (("turn on the projector",), ("打开家里的投影仪",)),
    "water_purifier": (("turn on the water purifier",), ("打开净水器",)),
}


def test_every_appliance_has_requests_in_both_languages():
    assert set(REQUESTS) == {appliance.key for appliance in APPLIANCES_THE_HOUSE_LACKS}
    assert all(en and zh for en, zh in REQUESTS.values())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_request_for_an_appliance_the_house_lacks_drives_nothing_and_names_it(parts, lang):
    run = Run(parts, "parked_at_home", parts.understander)
    problems = []
    try:
        for appliance in APPLIANCES_THE_HOUSE_LACKS:
            for text in REQUESTS[appliance.key][0 if lang == "en" else 1]:
                turn = run.turn("driver", text)
                said = [reply["text"] for reply in turn.replies]
                expected = reply_text("home_no_device", lang, device=appliance.names[lang])
                if turn.error or turn.actions or turn.home_results or said != [expected]:
                    problems.append(f"{text!r}: {turn.describe()} (expected only {expected!r})")
    finally:
        run.close()
    assert not problems, f"{len(problems)} requests:\n" + "\n".join(problems)


def test_no_labelled_request_of_any_set_for_what_the_catalogue_has_names_an_appliance():
    """The appliances' words reach into no catalogue device: every labelled request that asks for something the car
    or the house has (its intent, not out_of_scope) names no appliance the house lacks."""
    parts = list(labelled_parts())
    assert len(parts) > 10_000
    named = [
        (p.file, p.request, p.intent)
        for p in parts
        if p.intent != "out_of_scope" and appliance_the_house_lacks(p.text, p.intent, p.slots) is not None
    ]
    assert named == []


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("turn on the humidifier in the bedroom", "home.turn_on", {"device": "humidifier", "room": "bedroom"}),
        ("turn on the water heater", "home.turn_on", {"device": "water_heater"}),
        ("play Microwave", "media.play", {"query": "Microwave"}),
        ("navigate to the Oven Bakery", "nav.navigate", {"destination": "the Oven Bakery"}),
        ("打开车载冰箱", "out_of_scope", {}),  # the car's own fridge, not the house's
        ("our fridge is broken", "out_of_scope", {}),  # asks nothing
        ("are there cameras hidden in stop lights", "out_of_scope", {}),
        ("find a coffee shop", "nav.find_poi", {"category": "coffee"}),
    ],
)
def test_a_name_or_a_mention_is_no_request_for_an_appliance(text, intent, slots):
    assert appliance_the_house_lacks(text, intent, slots) is None
    # ... while the appliance asked for is found, whatever the model read (a positive control)
    assert appliance_the_house_lacks("start the dishwasher", intent, {}) is not None
