"""The rules that read what a request's words say over the model's reading (cockpit/nlu/said.py, answers.py and
the span repairs of postprocess.py / decode.py they lean on): each on its examples, and each against every labelled
set (tests/labelled_sets.py), so that no labelled request of any set is taken the wrong way."""

from __future__ import annotations

import pytest

from cockpit.nlu.catalogue import LEVEL_RANGE


@pytest.mark.parametrize(
    ("text", "remark"),
    [
        ("昨天下雨了", True),
        ("东京的夏天很热", True),
        ("今天天气很好", True),  # says what the weather is: 天气 names it only at the end of a question
        ("The weather is nice today.", True),
        ("It is hot in Tokyo in summer.", True),
        ("明天会下雨吗", False),
        ("现在广州热不热", False),  # A-not-A asks
        ("上海明天下不下雨", False),
        ("明天北京天气", False),  # a phrase that only names the weather asks for it
        ("加勒比海的热带风暴", False),
        ("帮我查一下明天的气温", False),
        ("is it going to rain tomorrow", False),
        ("what's the weather like in Lisbon", False),
    ],
)
def test_a_remark_on_the_weather_asks_nothing(text, remark):
    from cockpit.nlu.said import remarks_on_weather

    assert remarks_on_weather(text) is remark


def test_no_labelled_weather_question_of_any_set_reads_as_a_remark():
    """The rule that declines remarks on the weather takes no labelled weather question of any set the wrong way."""
    from cockpit.nlu.said import remarks_on_weather
    from tests.labelled_sets import labelled_parts

    questions = [part for part in labelled_parts() if part.intent == "info.weather"]
    assert len(questions) >= 300
    assert [(p.file, p.text) for p in questions if remarks_on_weather(p.text)] == []


@pytest.mark.parametrize(
    "text", ["昨天下雨了", "东京的夏天很热", "The weather is nice today.", "It is going to rain tomorrow."]
)
def test_the_model_acts_on_no_remark_on_the_weather(nlu_model, text):
    assert nlu_model.understand(text).intent == "out_of_scope"
    assert nlu_model.understand("明天会下雨吗").intent == "info.weather"  # ... and still answers the question


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("上海明天下不下雨", {"place": "上海", "when": "tomorrow"}),  # 下 is the verb, never the time's
        ("2026年10月19日离这里不远的天气会是怎样的", {"when": "2026年10月19日"}),  # 离 ties the place after it
        ("现在广州热不热", {"place": "广州", "when": "now"}),
    ],
)
def test_a_mandarin_time_ends_before_the_word_that_follows_it(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("info.weather", slots)


def test_no_labelled_place_or_time_ends_in_a_word_the_trimming_cuts():
    """A place or time never ends in a pronoun, the future's auxiliary, 的 or 离 (drop_trailing_function_words):
    no labelled value of any set does, so the trimming cuts none of them."""
    from cockpit.nlu.postprocess import drop_trailing_function_words
    from tests.labelled_sets import labelled_parts

    values = [
        (part.file, slot, value)
        for part in labelled_parts()
        for slot, value in part.slots.items()
        if slot in ("place", "when", "destination") and isinstance(value, str) and not value.isascii()
    ]
    assert len(values) >= 150
    assert [v for v in values if drop_trailing_function_words(v[2]) != v[2]] == []


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("风量加一档", {"direction": "up"}),
        ("风量减一档", {"direction": "down"}),
        ("turn the fan up one level", {"direction": "up"}),
        ("风量调到三档", {"level": 3}),  # a level to go to, not a step
        ("座椅加热调到最高档", {"level": 3}),
        ("set the fan to level 3", {"level": 3}),
    ],
)
def test_a_level_said_as_steps_is_a_direction(nlu_model, text, slots):
    assert nlu_model.understand(text).slots == slots


def test_no_labelled_level_of_any_set_reads_as_steps():
    from cockpit.nlu.said import step_said
    from tests.labelled_sets import labelled_parts

    stepped = ("climate.set_fan", "seat.heat", "seat.ventilate", "wiper.set")
    levels = [p for p in labelled_parts() if p.intent in stepped and "level" in p.slots]
    assert len(levels) >= 100
    assert [(p.file, p.text) for p in levels if step_said(p.text) is not None] == []
    directions = [p for p in labelled_parts() if p.intent in stepped and "direction" in p.slots]
    assert [(p.file, p.text) for p in directions if step_said(p.text) not in (None, "", p.slots["direction"])] == []


@pytest.mark.parametrize("text", ["lock the doors", "把车门锁上", "把家里的门锁上", "unlock the car"])
def test_a_request_to_lock_is_no_request_to_close(nlu_model, text):
    assert nlu_model.understand(text).intent == "out_of_scope"
    assert nlu_model.understand("close the doors").intent == "body.close"  # closing stays closing


def test_no_labelled_opening_or_closing_asks_to_lock():
    from cockpit.nlu.said import OPENING_INTENTS, asks_to_lock
    from tests.labelled_sets import labelled_parts

    opened = [p for p in labelled_parts() if p.intent in OPENING_INTENTS]
    assert len(opened) >= 300
    assert [(p.file, p.text) for p in opened if asks_to_lock(p.text)] == []


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("放首歌嘛", {}),  # 首 measures the song, 嘛 is the request's particle: no title
        ("给我来首邓紫棋的光年之外", {"query": "邓紫棋的光年之外"}),
        ("放点儿歌给孩子听", {"query": "儿歌"}),  # 给孩子听 says who listens
        ("放段罗翔说刑法", {"query": "罗翔说刑法"}),  # 段 measures a recording: a request to play
    ],
)
def test_a_mandarin_title_has_no_measure_word_or_particle(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("media.play", slots)


def test_no_labelled_mandarin_title_loses_a_measure_word_or_particle():
    from cockpit.nlu.postprocess import without_leading_quantifier
    from tests.labelled_sets import labelled_parts

    titles = [p.slots["query"] for p in labelled_parts() if isinstance(p.slots.get("query"), str)]
    mandarin = [title for title in titles if not title.isascii()]
    assert len(mandarin) >= 50
    assert [title for title in mandarin if without_leading_quantifier(title) != title] == []


def test_a_window_opening_said_as_a_fraction_is_its_position(nlu_model):
    from cockpit.nlu.said import position_said
    from tests.labelled_sets import labelled_parts

    reading = nlu_model.understand("open all the windows a quarter of the way")
    assert reading.slots == {"zone": "all", "state": "open", "position": 25}
    windows = [p for p in labelled_parts() if p.intent == "window.set" and position_said(p.text) is not None]
    assert len(windows) >= 15
    assert [(p.file, p.text) for p in windows if p.slots.get("position") != position_said(p.text)] == []


def test_the_scene_the_words_name_is_the_scene(nlu_model):
    from cockpit.nlu.said import scene_said
    from tests.labelled_sets import labelled_parts

    assert nlu_model.understand("put the house in sleep mode").slots == {"scene": "sleep"}
    assert scene_said("leaving work, heading home") is None  # two scenes named: the model decides
    scenes = [p for p in labelled_parts() if p.intent == "home.scene" and scene_said(p.text) is not None]
    assert len(scenes) >= 40
    assert [(p.file, p.text) for p in scenes if p.slots["scene"] != scene_said(p.text)] == []


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("set the rear right to twenty five", "rear_right"),  # the side said beside "rear"
        ("my back's all sweaty turn on the seat fans", None),  # the speaker's back is no seat
        ("heat the back seats", "rear"),
    ],
)
def test_the_rear_zone_is_what_the_words_say(nlu_model, text, zone):
    assert nlu_model.understand(text).slots.get("zone") == zone


def test_no_labelled_zone_contradicts_the_rear_words():
    from cockpit.nlu.said import rear_zone_said
    from tests.labelled_sets import labelled_parts

    judged = [(p, rear_zone_said(p.text)) for p in labelled_parts()]
    judged = [(p, rear) for p, rear in judged if rear is not None and (rear or "zone" in p.slots)]
    assert len(judged) >= 10
    assert [(p.file, p.text) for p, rear in judged if p.slots.get("zone") != (rear or None)] == []


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("open my window a little", {"direction": "up"}),  # a step, not all the way (state open would be)
        ("车窗再升一点", {"direction": "down"}),
        ("开点儿窗", {"direction": "up"}),
        ("open the window", {"state": "open"}),
        ("close the window halfway", {"state": "close", "position": 50}),
    ],
)
def test_a_small_amount_of_window_is_a_direction(nlu_model, text, slots):
    assert nlu_model.understand(text).slots == slots


def test_every_labelled_window_request_keeps_its_slots_through_the_small_amount_rule():
    from cockpit.nlu.said import window_by_a_little
    from tests.labelled_sets import labelled_parts

    windows = [p for p in labelled_parts() if p.intent == "window.set"]
    assert len(windows) >= 100
    assert [(p.file, p.text) for p in windows if window_by_a_little(p.text, p.slots) != p.slots] == []


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("any chargers around here", "nav.find_poi", {"category": "charger"}),  # not the battery
        ("find the next services on the motorway", "nav.find_poi", {"category": "rest_area"}),
        ("where's the nearest servo", "nav.find_poi", {"category": "gas"}),
        ("are we nearly there", "nav.query", {"what": "eta"}),
        ("how long will it take", "nav.query", {"what": "eta"}),
    ],
)
def test_a_search_or_an_arrival_question_is_read_by_its_words(nlu_model, text, intent, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == (intent, slots)


def test_no_labelled_request_contradicts_the_search_and_arrival_words():
    from cockpit.nlu.postprocess import category_named
    from cockpit.nlu.said import arrival_asked, asks_where
    from tests.labelled_sets import labelled_parts

    parts = list(labelled_parts())
    arrivals = [p for p in parts if arrival_asked(p.text)]
    assert len(arrivals) >= 10
    assert [(p.file, p.text) for p in arrivals if (p.intent, p.slots.get("what")) != ("nav.query", "eta")] == []
    places = ("rest_area", "gas", "charger", "parking", "toilet")
    searches = [p for p in parts if category_named(p.text) in places and asks_where(p.text)]
    assert len(searches) >= 20
    assert [(p.file, p.text) for p in searches if p.intent != "nav.find_poi"] == []
    named = [p for p in parts if p.intent == "nav.find_poi" and category_named(p.text) is not None]
    assert [(p.file, p.text) for p in named if p.slots.get("category") != category_named(p.text)] == []


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("drop the volume to fifteen", {"level": 15}),  # "to": where to go, not a change of 15
        ("音量加十", {"delta": 10.0, "direction": "up"}),
        ("turn the volume down by 30", {"direction": "down", "delta": 30.0}),
        ("set the volume to 40", {"level": 40}),
    ],
)
def test_a_volume_number_is_a_level_or_a_change_by_its_words(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("media.volume", slots)


def test_no_labelled_volume_contradicts_its_words():
    from cockpit.nlu.corrected import as_corrected
    from cockpit.nlu.said import volume_amount_said
    from tests.labelled_sets import labelled_parts

    # read as the model reads them: a request corrected as it was said ("twenty five no fifteen") as corrected
    said = [
        (p, volume_amount_said(as_corrected(p.text) or p.text)) for p in labelled_parts() if p.intent == "media.volume"
    ]
    said = [(p, amount) for p, amount in said if amount is not None]
    assert len(said) >= 30
    wrong = [
        (p.file, p.text)
        for p, (kind, number, direction) in said
        if float(p.slots.get(kind, -1)) != number or (direction and p.slots.get("direction") != direction)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("show me the way to Wagga Wagga", "nav.navigate", {"destination": "Wagga Wagga"}),  # unlisted, capitalised
        ("明早会不会结冰", "info.weather", {"when": "tomorrow"}),  # 明早: tomorrow's morning
        ("大理这两天天气如何", "info.weather", {"place": "大理", "when": "这两天"}),  # 这 is the time's
    ],
)
def test_a_place_or_time_is_read_whole(nlu_model, text, intent, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == (intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("来点儿周杰伦", "media.play", {"query": "周杰伦"}),  # 点儿's 儿 is no part of the name
        ("放点儿歌给孩子听", "media.play", {"query": "儿歌"}),  # ... but 儿歌 is a word
        ("导航去哪儿", "nav.navigate", {}),  # where to is asked, not said
    ],
)
def test_spoken_mandarin_words_are_not_names(nlu_model, text, intent, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == (intent, slots)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_feature_the_car_lacks_is_no_catalogue_command(nlu_model, lang):
    """Each feature of cockpit/car_features.py asked for by name reads as out of scope, never as the nearest device
    the model knows (the cockpit names the feature in its refusal whatever the reading)."""
    from cockpit.car_features import MISSING_FEATURES

    asked = [
        f"turn on the {feature.names['en']}" if lang == "en" else f"打开{feature.names['zh']}"
        for feature in MISSING_FEATURES
    ]
    read = {text: nlu_model.understand(text).intent for text in asked}
    assert {text: intent for text, intent in read.items() if intent != "out_of_scope"} == {}
    # ... while the device the car has, asked for the same way, is its command
    assert nlu_model.understand("turn on the headlights" if lang == "en" else "打开大灯").intent == "light.set"


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("给叔叔和阿姨打个电话", "phone.call", {"contact": "叔叔和阿姨"}),  # both, as "mom and dad"
        ("播放Spotify上的Lo-fi歌单", "media.play", {"query": "Lo-fi歌单"}),  # the service is no part of the title
        ("整首伍佰的挪威的森林", "media.play", {"query": "伍佰的挪威的森林"}),  # 整首: play a song
        ("wipers on the fastest setting", "wiper.set", {"level": 3}),  # the range's end; a level says on
        ("风量开到最大", "climate.set_fan", {"level": 7}),
    ],
)
def test_names_and_levels_are_read_whole(nlu_model, text, intent, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == (intent, slots)


def test_no_labelled_level_is_said_with_a_state_on_or_contradicts_its_range_end():
    from cockpit.nlu.postprocess import range_end_said
    from tests.labelled_sets import labelled_parts

    levels = [p for p in labelled_parts() if p.intent in LEVEL_RANGE and "level" in p.slots]
    assert len(levels) >= 100
    assert [(p.file, p.text) for p in levels if p.slots.get("state") == "on"] == []
    ends = [(p, range_end_said(p.text)) for p in levels if p.intent != "media.volume"]
    wrong = [
        (p.file, p.text)
        for p, end in ends
        if end is not None and p.slots["level"] != LEVEL_RANGE[p.intent][0 if end == "lowest" else 1]
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("Will it snow enough tonight to make travelling hazardous?", {"when": "tonight"}),  # no town "hazardous"
        ("What is the weather like on Wednesday for golfing?", {"when": "Wednesday"}),
        ("weather in reading", {"place": "reading"}),  # a listed town keeps its place
    ],
)
def test_a_lower_case_describing_word_is_no_place(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("info.weather", slots)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("play the song called baby shark", "baby shark"),  # "called baby" was the tagger's
        ("lets play some music by korn", "korn"),  # the title is never a word before the verb
        ("Play some concerto from T. S. Monk.", "concerto from T. S. Monk"),  # initials end no sentence
    ],
)
def test_the_title_is_the_words_after_the_verb(nlu_model, text, query):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("media.play", {"query": query})


def test_a_request_to_play_said_over_two_sentences_names_no_title_by_the_play_words():
    from cockpit.nlu.said import query_said

    assert query_said("Let's play one of my favorite songs. Pull up Paramore songs.") is None
    assert query_said("play Dr. Dre") == "Dr. Dre"


def test_a_home_device_said_to_stop_is_switched_off(nlu_model):
    from cockpit.nlu.said import says_off
    from tests.labelled_sets import labelled_parts

    reading = nlu_model.understand("让扫地机器人停下来")
    assert (reading.intent, reading.slots) == ("home.turn_off", {"device": "robot_vacuum"})
    switched_on = [p for p in labelled_parts() if p.intent == "home.turn_on"]
    assert len(switched_on) >= 100
    assert [(p.file, p.text) for p in switched_on if says_off(p.text)] == []


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("make it one and a half degrees cooler", {"delta": 1.5, "direction": "down"}),
        ("raise it two and a half degrees", {"delta": 2.5, "direction": "up"}),
        ("two degrees warmer on my side", {"delta": 2.0, "direction": "up"}),
        ("调高两度", {"delta": 2.0, "direction": "up"}),
    ],
)
def test_a_change_of_temperature_keeps_its_whole_number_of_degrees(nlu_model, text, slots):
    reading = nlu_model.understand(text)
    assert (reading.intent, reading.slots) == ("climate.adjust_temperature", slots)


def test_no_labelled_change_of_temperature_contradicts_its_degrees():
    """Every labelled change of temperature whose words say a number of degrees has that number as its change;
    a set point said with "to" or 到 is no change ("to twenty degrees")."""
    from cockpit.nlu.said import degrees_of_change_said
    from tests.labelled_sets import labelled_parts

    said = [(p, degrees_of_change_said(p.text)) for p in labelled_parts() if p.intent == "climate.adjust_temperature"]
    said = [(p, degrees) for p, degrees in said if degrees is not None]
    assert len(said) >= 30
    assert [(p.file, p.text) for p, degrees in said if p.slots.get("delta") != degrees] == []
    assert degrees_of_change_said("set it to twenty degrees") is None and degrees_of_change_said("调到二十度") is None


def test_a_number_grows_to_its_whole_words():
    from cockpit.nlu.decode import reach_whole_number

    text = "make it one and a half degrees cooler"
    assert reach_whole_number(text, [("delta", 8, 18), ("delta", 18, 30)]) == [("delta", 8, 30)]
    assert reach_whole_number("play one more song", [("query", 5, 18)]) == [("query", 5, 18)]  # no number slot


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("the song called baby shark", "baby shark"),
        ("the genre Rock Strumentale", "Rock Strumentale"),
        ("the playlist Get Your Mind Right", "Get Your Mind Right"),
        ("the Frozen soundtrack", "the Frozen soundtrack"),
        ("the beatles", "the beatles"),
    ],
)
def test_the_kind_of_thing_played_before_its_name_is_no_part_of_it(query, kept):
    from cockpit.nlu.postprocess import without_leading_quantifier

    assert without_leading_quantifier(query) == kept
