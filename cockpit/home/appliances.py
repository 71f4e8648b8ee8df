"""What a house may have that the cockpit cannot control: the one description every user of it reads.

The catalogue's home devices (docs/INTENTS.md: lights, AC, heater, water heater, air purifier, robot vacuum, fan,
TV, humidifier, garage, curtains, gate) are all the cockpit can switch, open or close at home. A driver asks for
others a house may have ("turn on the dishwasher at home", "打开家里的洗碗机", "start the washing machine"); the
language model reads them as a home request with no device, or as the nearest device it knows (a dehumidifier as
the humidifier). A request that names one is answered "The house has no dishwasher." in the speaker's language and
drives nothing, whatever intent the model read: the understanding declines it (cockpit/nlu/model.py) and the dialogue
answers it by name before any handler (cockpit/dialogue.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cockpit.nlu.postprocess import whole_words


@dataclass(frozen=True)
class Appliance:
    key: str
    names: dict[str, str]  # said in a reply, per language
    english: tuple[str, ...]  # regular expressions, matched on whole words of the lower-cased text
    mandarin: tuple[str, ...]  # regular expressions, matched anywhere in the text


APPLIANCES_THE_HOUSE_LACKS: tuple[Appliance, ...] = (
    Appliance("dishwasher", {"en": "dishwasher", "zh": "洗碗机"}, (r"dish ?washers?",), ("洗碗机",)),
    Appliance(
        "washing_machine",
        {"en": "washing machine", "zh": "洗衣机"},
        (r"washing machines?", r"washers?", r"laundry machines?"),
        ("洗衣机",),
    ),
    Appliance(
        "dryer", {"en": "dryer", "zh": "烘干机"}, (r"(?:tumble |clothes )?dryers?", r"driers?"), ("烘干机", "干衣机")
    ),
    Appliance("oven", {"en": "oven", "zh": "烤箱"}, (r"ovens?",), ("烤箱",)),
    Appliance("microwave", {"en": "microwave", "zh": "微波炉"}, (r"microwaves?",), ("微波炉",)),
    Appliance("kettle", {"en": "kettle", "zh": "电水壶"}, (r"kettles?",), ("电水壶", "烧水壶", "热水壶", "电热水壶")),
    Appliance(
        "coffee_machine",
        {"en": "coffee machine", "zh": "咖啡机"},
        (r"coffee (?:machines?|makers?|pots?)", r"espresso machines?"),
        ("咖啡机",),
    ),
    Appliance(
        "fridge", {"en": "fridge", "zh": "冰箱"}, (r"fridges?", r"refrigerators?", r"freezers?"), ("冰箱", "冰柜")
    ),
    Appliance("rice_cooker", {"en": "rice cooker", "zh": "电饭煲"}, (r"rice cookers?",), ("电饭煲", "电饭锅")),
    Appliance("range_hood", {"en": "range hood", "zh": "油烟机"}, (r"range hoods?", r"extractor fans?"), ("油烟机",)),
    Appliance("dehumidifier", {"en": "dehumidifier", "zh": "除湿机"}, (r"dehumidifiers?",), ("除湿机", "抽湿机")),
    Appliance(
        "sprinklers",
        {"en": "sprinklers", "zh": "洒水器"},
        (r"sprinklers?", r"sprinkler system", r"irrigation"),
        ("洒水器", "喷灌", "浇花", "浇水"),
    ),
    Appliance("fireplace", {"en": "fireplace", "zh": "壁炉"}, (r"fireplaces?",), ("壁炉",)),
    Appliance(
        "security_camera",
        {"en": "security cameras", "zh": "摄像头"},
        (r"(?:security |doorbell )?cameras?", r"cctv"),
        ("摄像头", "监控"),
    ),
    Appliance(
        "alarm_system",
        {"en": "alarm system", "zh": "安防系统"},
        (r"(?:burglar|security|house|home) alarms?", r"alarm system"),
        ("安防", "报警器", "防盗"),
    ),
    Appliance("electric_blanket", {"en": "electric blanket", "zh": "电热毯"}, (r"electric blankets?",), ("电热毯",)),
    Appliance("projector", {"en": "projector", "zh": "投影仪"}, (r"projectors?",), ("投影仪", "投影")),
    Appliance(
        "water_purifier", {"en": "water purifier", "zh": "净水器"}, (r"water (?:purifiers?|filters?)",), ("净水器",)
    ),
)

_PATTERNS = [
    (appliance, re.compile(whole_words("|".join(appliance.english))), re.compile("|".join(appliance.mandarin)))
    for appliance in APPLIANCES_THE_HOUSE_LACKS
]
# Any appliance's words at all: most requests name none, and are answered by one search instead of one each.
_ANY_EN = re.compile(whole_words("|".join(word for each in APPLIANCES_THE_HOUSE_LACKS for word in each.english)))
_ANY_ZH = re.compile("|".join(word for each in APPLIANCES_THE_HOUSE_LACKS for word in each.mandarin))


# A request that opens by asking to work a device: one declined by the model ("start the washing machine" read as
# out of scope) is still answered by name; a sentence that only mentions one ("our fridge is broken", "are there
# cameras hidden in stop lights") is not.
_WORKS_IT = re.compile(
    r"^(?:(?:please|can you|could you|would you|will you|hey|ok|okay)[\s,]+)*"
    r"(?:turn|switch|start|stop|run|open|close|shut|pause|power|put|set|fire up|heat|preheat)\b"
    r"|^(?:请|帮我|麻烦|给我|你)?(?:家里的?)?(?:打开|关|开|启动|停|运行|设置|调|烧|煮|预热)"
    r"|^(?:请|帮我|麻烦|给我)?(?:把|将).{1,10}?(?:打开|关|开|启动|停|运行|预热|调)",
    re.IGNORECASE,
)
# The car's own ("打开车载冰箱", "the car fridge"): not the house's, and no appliance of the house is asked for.
_THE_CARS = re.compile(r"车载|车里|车上|车内|\b(?:car|in-car|vehicle)\b", re.IGNORECASE)


def appliance_the_house_lacks(text: str, intent: str, slots: Mapping[str, object]) -> Appliance | None:
    """The appliance the house lacks that a request asks for, whatever the model read it as (a home request with no
    device, the car's climate for "preheat the oven"), or declined as out of scope when its words ask to work the
    appliance; None when it names none. Words inside a slot's value are the driver's own names ("play Microwave",
    "navigate to the Oven Bakery")."""
    if intent == "out_of_scope" and _WORKS_IT.search(text.strip()) is None:
        return None
    if _THE_CARS.search(text):
        return None
    said = text.lower()
    if _ANY_EN.search(said) is None and (text.isascii() or _ANY_ZH.search(text) is None):
        return None
    names = [(key, value.lower()) for key, value in slots.items() if isinstance(value, str)]
    for appliance, english, mandarin in _PATTERNS:
        found = [match.group(0) for match in english.finditer(said)]
        found += [match.group(0) for match in mandarin.finditer(text)]
        # ... but a room that is only the appliance ("turn the dryer on" tagged as a room) is the model's guess
        if any(not any(word in name and (key, name) != ("room", word) for key, name in names) for word in found):
            return appliance
    return None
