"""Issue 15, "Understanding II": classes of requests the model or the decoding read wrong, each a table of
sentences written by hand for this test (none is a template's phrasing or an evaluation set's line), both
languages where the class exists. A sentence the shipped model still reads wrong is xfail(strict=True) with why:
it fails the day the model reads it right, and must then become a plain case."""

from __future__ import annotations

import pytest

# (text, [(intent, slots), ...]): the parts of the request in spoken order.
Case = tuple[str, list[tuple[str, dict]]]


# 2.4.0 tags no span on a few names 2.3.0 found, while it finds more of the class: of 150 gazetteer cities in four
# weather frames it names 85.3 % (2.3.0 79.5 %), of 150 first names in four call frames 91.8 % (91.3 %).


# 1. A time word after a weather condition is the time asked about.
WEATHER_TIME: list = [
    ("is it going to be cold tonight", [("info.weather", {"when": "tonight"})]),
    ("will it be windy tomorrow", [("info.weather", {"when": "tomorrow"})]),
    ("is it gonna be sunny this afternoon", [("info.weather", {"when": "this afternoon"})]),
    ("is it going to be warm today?", [("info.weather", {"when": "today"})]),
    # the tagger reads no place here; Oslo is a listed place name (cockpit/nlu/place_names.py)
    ("is it going to be freezing tonight in Oslo", [("info.weather", {"when": "tonight", "place": "Oslo"})]),
    ("is it going to be a cold night tonight", [("info.weather", {"when": "tonight"})]),
    ("is it going to be nice today", [("info.weather", {"when": "today"})]),
    ("明天会冷吗", [("info.weather", {"when": "tomorrow"})]),
    ("今晚会下雨吗", [("info.weather", {"when": "tonight"})]),
    ("后天会不会很冷", [("info.weather", {"when": "day_after_tomorrow"})]),
]


def _rooms(intent: str, device: str, *rooms: str) -> list[tuple[str, dict]]:
    return [(intent, {"room": room, "device": device}) for room in rooms]


# 2. A list of rooms after one command: one part per room (compound.py; a room is never a name with "and").
ROOM_LISTS: list = [
    (
        "turn off the lights in the pantry, the hallway and the guest room",
        _rooms("home.turn_off", "light", "pantry", "hallway", "guest room"),
    ),
    ("switch on the fan in the study and the sunroom", _rooms("home.turn_on", "fan", "study", "sunroom")),
    ("turn off the tv in the den and the playroom", _rooms("home.turn_off", "tv", "den", "playroom")),
    (
        "switch off the fan in the bedroom, the office and the den",
        _rooms("home.turn_off", "fan", "bedroom", "office", "den"),
    ),
    ("客厅、卧室和书房的灯都关掉", _rooms("home.turn_off", "light", "客厅", "卧室", "书房")),
    ("把厨房和餐厅的灯打开", _rooms("home.turn_on", "light", "厨房", "餐厅")),
    ("打开客厅和卧室的空调", _rooms("home.turn_on", "ac", "客厅", "卧室")),
    ("把书房和卧室的窗帘拉上", _rooms("home.close", "curtains", "书房", "卧室")),
    ("关掉厨房和阳台的灯", _rooms("home.turn_off", "light", "厨房", "阳台")),  # the two rooms as two spans
    (
        "把厨房的灯和阳台的风扇关掉",
        [("home.turn_off", {"room": "厨房", "device": "light"}), ("home.turn_off", {"room": "阳台", "device": "fan"})],
    ),
    ("把主卧、次卧和客厅的空调都打开", _rooms("home.turn_on", "ac", "主卧", "次卧", "客厅")),
]

# 3. Contacts as a recogniser writes them: lower-case. Texting is no intent of the catalogue (out of scope).
LOWERCASE_CONTACTS: list = [
    ("call ethan", [("phone.call", {"contact": "ethan"})]),
    ("ring sophie for me", [("phone.call", {"contact": "sophie"})]),
    ("i need to call jordan", [("phone.call", {"contact": "jordan"})]),
    ("phone marcus now", [("phone.call", {"contact": "marcus"})]),
    ("call alex", [("phone.call", {"contact": "alex"})]),
    ("give noah a call", [("phone.call", {"contact": "noah"})]),  # the model tags no name: the words say it
    ("text jordan I'm late", [("out_of_scope", {})]),
    ("send a message to priya", [("out_of_scope", {})]),
]

# 4. Mandarin kin as contacts, without 我 (the card's convention). Messages are out of scope (no such intent).
KIN_CONTACTS: list = [
    ("打电话给我爸", [("phone.call", {"contact": "爸"})]),
    ("帮我打给我妈", [("phone.call", {"contact": "妈"})]),
    ("打电话给老公", [("phone.call", {"contact": "老公"})]),
    ("呼叫我老婆", [("phone.call", {"contact": "老婆"})]),
    ("打给我哥", [("phone.call", {"contact": "哥"})]),
    ("给我妈打个电话", [("phone.call", {"contact": "妈"})]),
    ("给我爸打个电话", [("phone.call", {"contact": "爸"})]),
    ("给老婆发个消息", [("out_of_scope", {})]),
    ("给我妈发个微信", [("out_of_scope", {})]),
]

# 5. "把 A 和 B VERB": both objects take 把, the verb after them and the possessor said once.
BA_SHARED: list = [
    (
        "把卧室的电视和风扇关掉",
        [("home.turn_off", {"room": "卧室", "device": "tv"}), ("home.turn_off", {"room": "卧室", "device": "fan"})],
    ),
    (
        "把书房的加湿器和灯关了",
        [
            ("home.turn_off", {"room": "书房", "device": "humidifier"}),
            ("home.turn_off", {"room": "书房", "device": "light"}),
        ],
    ),
    (
        "把卧室的空调和灯打开",
        [("home.turn_on", {"room": "卧室", "device": "ac"}), ("home.turn_on", {"room": "卧室", "device": "light"})],
    ),
    (
        "把书房的灯和风扇关掉",
        [("home.turn_off", {"room": "书房", "device": "light"}), ("home.turn_off", {"room": "书房", "device": "fan"})],
    ),
    (
        "把客厅的灯和空调都打开",
        [("home.turn_on", {"room": "客厅", "device": "light"}), ("home.turn_on", {"room": "客厅", "device": "ac"})],
    ),
    # Not this class: a 把 of its own, or a sequencing connector, is a command of its own.
    (
        "把车窗关上再把音乐关掉",
        [("window.set", {"state": "close"}), ("media.pause", {})],
    ),
]

CLASSES = {
    "weather_time": WEATHER_TIME,
    "room_lists": ROOM_LISTS,
    "lowercase_contacts": LOWERCASE_CONTACTS,
    "kin_contacts": KIN_CONTACTS,
    "ba_shared": BA_SHARED,
}


def parts_of(model, text: str) -> list[tuple[str, dict]]:
    """The parts as compared here: free text case-insensitively (as the evaluation compares it)."""
    result = model.understand(text)
    return [
        (part.intent, {k: v.lower() if isinstance(v, str) else v for k, v in part.slots.items()})
        for part in result.parts
    ]


def _lower(expected: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    return [
        (intent, {k: v.lower() if isinstance(v, str) else v for k, v in slots.items()}) for intent, slots in expected
    ]


@pytest.mark.parametrize("text, expected", WEATHER_TIME)
def test_a_time_after_a_weather_condition_is_the_time_asked_about(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


@pytest.mark.parametrize("text, expected", ROOM_LISTS)
def test_a_list_of_rooms_is_one_part_per_room(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


@pytest.mark.parametrize("text, expected", LOWERCASE_CONTACTS)
def test_a_lower_case_contact_is_found(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


@pytest.mark.parametrize("text, expected", KIN_CONTACTS)
def test_a_mandarin_kin_word_is_the_contact_without_wo(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


@pytest.mark.parametrize("text, expected", BA_SHARED)
def test_the_objects_of_one_ba_share_its_verb_and_possessor(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


# A temperature said in Fahrenheit is set in Celsius, to the half degree; a bare number is left as said (72 is
# refused by the cockpit as out of range, not guessed to be Fahrenheit). "70 f" is CLINC150's own phrasing.
FAHRENHEIT = [
    ("set it to 72 fahrenheit", [("climate.set_temperature", {"temperature": 22.0})]),
    ("please set the temperature to 70 f", [("climate.set_temperature", {"temperature": 21.0})]),
    ("make it 68°F", [("climate.set_temperature", {"temperature": 20.0})]),
    ("set the bedroom to 70 degrees fahrenheit", [("home.set_temperature", {"temperature": 21.0, "room": "bedroom"})]),
    ("把温度调到华氏72度", [("climate.set_temperature", {"temperature": 22.0})]),
    ("set it to 72", [("climate.set_temperature", {"temperature": 72.0})]),
    ("set the temperature to 22", [("climate.set_temperature", {"temperature": 22.0})]),
]


@pytest.mark.parametrize("text, expected", FAHRENHEIT)
def test_a_temperature_in_fahrenheit_is_set_in_celsius(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


def test_every_fahrenheit_degree_converts_to_the_nearest_half_celsius():
    from cockpit.nlu.postprocess import celsius_of_fahrenheit

    for fahrenheit in range(-40, 213):
        celsius = celsius_of_fahrenheit(float(fahrenheit))
        assert celsius * 2 == int(celsius * 2), fahrenheit
        assert abs(celsius - (fahrenheit - 32) * 5 / 9) <= 0.25, fahrenheit


# A colour named in words is the colour set, whatever class the model guessed (purple was read as orange or cyan,
# 蓝色 as red); two colours named leave the model's choice.
_COLOURS_ZH = {"red": "红色", "orange": "橙色", "yellow": "黄色", "green": "绿色", "cyan": "青色", "blue": "蓝色"}
_COLOURS_ZH |= {"purple": "紫色", "pink": "粉色", "white": "白色"}


def test_every_colour_said_is_the_colour_set(nlu_model):
    from cockpit.nlu.catalogue import ENUM_SLOT_VALUES

    wrong = []
    for colour in ENUM_SLOT_VALUES["color"]:
        english = [f"make the ambient light {colour}", f"change the ambient lighting to {colour}"]
        english += [f"set the mood lights to {colour}", f"ambient light {colour} please"]
        mandarin = [f"氛围灯换成{_COLOURS_ZH[colour]}", f"把氛围灯调成{_COLOURS_ZH[colour]}"]
        for text in english + mandarin:
            read = nlu_model.understand(text)
            if (read.intent, read.slots.get("color")) != ("light.set", colour):
                wrong.append((text, read.intent, read.slots))
    assert not wrong, f"{len(wrong)} of {6 * len(ENUM_SLOT_VALUES['color'])}: {wrong}"


def test_one_colour_is_heard_and_two_are_not_chosen_between():
    from cockpit.nlu.postprocess import colour_named

    assert colour_named("make it violet") == "purple"
    assert colour_named("换成天蓝色") == "blue"
    assert colour_named("red or blue") is None
    assert colour_named("turn on the reading light") is None
    assert colour_named("credit the redirect") is None  # inside words


EVERY_ZONE = [
    ("roll down all the windows", "all"),
    ("open every window", "all"),
    ("close all the windows", "all"),
    ("把车窗都降下来", "all"),
    ("打开所有车窗", "all"),
    ("车窗全打开", "all"),
    ("open my window", None),
    ("后背都是汗，开座椅通风", None),  # 都 of the back, not of the seats
]


@pytest.mark.parametrize("text, zone", EVERY_ZONE)
def test_every_window_or_seat_said_with_a_quantifier_is_zone_all(nlu_model, text, zone):
    assert [part.slots.get("zone") for part in nlu_model.understand(text).parts] == [zone]


def test_both_of_a_list_is_not_every_zone(nlu_model):
    # 都 after "座椅加热和通风" is both of the two, borrowed into the second part
    assert all(part.slots.get("zone") != "all" for part in nlu_model.understand("座椅加热和通风都关掉").parts)


# The AC without a room or the house is the car's; with either, the house's.
THE_CARS_OWN = [
    ("turn on 空调", [("climate.power", {"state": "on"})]),
    ("打开家里的空调", [("home.turn_on", {"device": "ac"})]),
    ("turn on the ac in the bedroom", [("home.turn_on", {"device": "ac", "room": "bedroom"})]),
    ("打开卧室的空调", [("home.turn_on", {"device": "ac", "room": "卧室"})]),
]


@pytest.mark.parametrize("text, expected", THE_CARS_OWN)
def test_the_ac_without_a_room_or_the_house_is_the_cars(nlu_model, text, expected):
    assert parts_of(nlu_model, text) == _lower(expected)


@pytest.mark.parametrize(
    "text, slots",
    [
        ("三天以内的天气", {"when": "三天以内"}),  # the offset is the time's, never a place
        ("十天以内北京的天气怎么样", {"when": "十天以内", "place": "北京"}),
        ("两天之后杭州会下雨吗", {"when": "两天之后", "place": "杭州"}),
        ("这个礼拜西安冷吗", {"when": "这个礼拜", "place": "西安"}),  # a period named from now, then the place
        ("晚上八点这里会下雪吗", {"when": "晚上八点"}),  # where the car is: no place
    ],
)
def test_a_chinese_time_keeps_its_offset_and_gives_up_the_place_after_it(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("info.weather", slots)


@pytest.mark.parametrize(
    "text, slots",
    [
        ("明天Lisbon会下雨吗", {"when": "tomorrow", "place": "Lisbon"}),
        ("这个周末Zermatt冷吗", {"when": "weekend", "place": "Zermatt"}),
        ("明天会下雨吗", {"when": "tomorrow"}),
    ],
)
def test_a_latin_letter_name_in_a_mandarin_weather_question_is_its_place(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("info.weather", slots)
