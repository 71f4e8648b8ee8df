"""What the words around a command say about it: a route started, not cancelled, when no word ends anything; a place
said in its own clause before "take us there" (going_there.py); a Mandarin reason beside a command (reasons.py); an
on/off particle after a tag ("will ya") or as the verb ("Can on the aircon"); steps after a direction ("down one");
a kind of place said alone after 和/跟 (the search's object); fillers before a driving verb. Each on examples
through the real model, with the requests it must leave alone, and each word rule against every labelled set
(tests/labelled_sets.py)."""

from __future__ import annotations

import re

import pytest

from tests.labelled_sets import labelled_parts


def _parts(understanding) -> list[tuple[str, dict]]:
    return [(part.intent, part.slots) for part in understanding.parts]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("导航一下", [("nav.navigate", {})]),
        ("开始导航", [("nav.navigate", {})]),
        ("start navigation", [("nav.navigate", {})]),
        ("取消导航", [("nav.cancel", {})]),
        ("不导航了", [("nav.cancel", {})]),
        ("stop navigating", [("nav.cancel", {})]),
    ],
)
def test_a_route_is_cancelled_only_in_words_that_end_it(nlu_model, text, parts):
    assert _parts(nlu_model.understand(text)) == parts


def test_every_labelled_cancel_says_an_ending_and_every_ending_word_rule_is_tried():
    """Every labelled nav.cancel of any set says a word of ending (so the rule turns none of them into a route)."""
    from cockpit.nlu.said import says_an_ending

    cancels = [part for part in labelled_parts() if part.intent == "nav.cancel"]
    assert len(cancels) >= 40
    assert [part.text for part in cancels if not says_an_ending(part.text)] == []
    assert not says_an_ending("导航去公司") and not says_an_ending("navigate home")  # a positive control


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        ("乘客要去成都东站，导航一下", "成都东站"),
        ("我想去外滩，带我过去吧", "外滩"),
        ("the passenger wants to go to the airport, take us there", "the airport"),
        ("I need to get to Union Station, navigate there", "Union Station"),
    ],
)
def test_a_place_said_before_take_us_there_is_the_destination(nlu_model, text, destination):
    assert _parts(nlu_model.understand(text)) == [("nav.navigate", {"destination": destination})]


@pytest.mark.parametrize(
    "text",
    [
        "我要去哪，导航一下",  # asks where
        "乘客要去成都东站",  # no asking clause
        "take us there",  # no place
        "I went to the airport, take us home",  # the second clause names its own place
        "去公司，顺便放首歌",
    ],
)
def test_no_place_before_take_us_there_is_read_as_one(text):
    from cockpit.nlu.going_there import destination_said_before

    assert destination_said_before(text) is None, text


def test_no_labelled_request_is_read_as_a_place_before_take_us_there_against_its_label():
    from cockpit.nlu.going_there import destination_said_before

    for part in labelled_parts():
        place = destination_said_before(part.request)
        if place is not None:
            assert part.intent == "nav.navigate" and part.slots.get("destination") == place, part.request


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("有点吵，把窗关上吧", [("window.set", {"state": "close"})]),
        ("太热了，把窗打开", [("window.set", {"state": "open"})]),
        ("热死了，温度直接调到十八", [("climate.set_temperature", {"temperature": 18.0})]),
    ],
)
def test_a_mandarin_reason_beside_a_command_asks_for_nothing(nlu_model, text, parts):
    assert _parts(nlu_model.understand(text)) == parts


def test_no_labelled_mandarin_part_is_a_reason_by_its_shape():
    """A Mandarin piece saying how things are is never labelled a part of a request of several (so dropping it
    beside a sure command loses no labelled command)."""
    from cockpit.nlu.reasons import is_a_reason

    several = [p for p in labelled_parts() if p.text != p.request and not p.text.isascii()]
    assert len(several) >= 300
    assert [p.request for p in several if is_a_reason(p.text)] == []


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("put the aircon on will ya", "on"),
        ("Can on the aircon or not?", "on"),
        ("turn the seat heater off thanks", "off"),
        ("switch the wipers off please", "off"),
    ],
)
def test_an_on_or_off_particle_after_a_tag_or_as_the_verb_is_the_state(text, state):
    from cockpit.nlu.postprocess import particle_at_the_end

    assert particle_at_the_end(text) == state


@pytest.mark.parametrize("text", ["put the seat heating on level 2", "turn on the radio", "what's on the radio"])
def test_on_or_off_inside_a_request_is_no_particle(text):
    from cockpit.nlu.postprocess import particle_at_the_end

    assert particle_at_the_end(text) is None


def test_every_labelled_particle_agrees_with_its_state():
    """Where a labelled English command with on/off states ends in (or opens with) a particle, its state is that."""
    from cockpit.nlu.catalogue import intent_spec
    from cockpit.nlu.postprocess import particle_at_the_end

    checked = 0
    for part in labelled_parts():
        if part.intent == "out_of_scope" or not part.text.isascii() or "state" not in intent_spec(part.intent).slots:
            continue
        particle = particle_at_the_end(part.text)
        if particle is not None and "state" in part.slots:
            checked += 1
            assert part.slots["state"] == particle, part.text
    assert checked >= 20


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("fan down one", [("climate.set_fan", {"direction": "down"})]),
        ("turn the fan down to one", [("climate.set_fan", {"level": 1})]),
        ("turn the volume down by 30", [("media.volume", {"direction": "down", "delta": 30.0})]),
    ],
)
def test_steps_after_a_direction_are_no_level(nlu_model, text, parts):
    assert _parts(nlu_model.understand(text)) == parts


def test_no_labelled_command_with_steps_after_its_direction_holds_a_level():
    from cockpit.nlu.postprocess import steps_said

    stepped = [p for p in labelled_parts() if steps_said(p.text) and p.intent != "out_of_scope"]
    assert len(stepped) >= 5
    assert [p.text for p in stepped if "level" in p.slots] == []


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("附近找个咖啡店跟停车场", ["coffee", "parking"]),
        ("附近找个咖啡店和停车场", ["coffee", "parking"]),
        ("找个加油站和充电站", ["gas", "charger"]),
        ("找个加油站、厕所和停车场", ["gas", "toilet", "parking"]),
    ],
)
def test_kinds_of_place_said_alone_after_a_search_are_searched_for(nlu_model, text, categories):
    assert _parts(nlu_model.understand(text)) == [("nav.find_poi", {"category": c}) for c in categories]


def test_a_kind_of_place_alone_is_told_from_other_words():
    from cockpit.nlu.joints import boundaries, names_only_a_kind_of_place

    assert names_only_a_kind_of_place("停车场") and names_only_a_kind_of_place("一个充电站")
    assert not names_only_a_kind_of_place("停车场的人") and not names_only_a_kind_of_place("打开充电口")
    assert boundaries("跟停车场的人说一声", "zh") == []  # 跟 a preposition here


def test_every_labelled_mandarin_request_split_at_gen_before_a_place_holds_that_search():
    """Where 跟 now joins (before a kind of place said alone), every labelled request holds that search as a part."""
    from cockpit.nlu.joints import names_only_a_kind_of_place
    from cockpit.nlu.postprocess import category_named

    for part in labelled_parts():
        for after in re.findall(r"跟([^，,。；;]+)", part.request):
            if names_only_a_kind_of_place(after):
                kinds = {p.slots.get("category") for p in labelled_parts() if p.request == part.request}
                assert category_named(after) in kinds, part.request


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        ("um navigate to the Hilton Garden Inn in Dayton", "the Hilton Garden Inn in Dayton"),
        ("okay so take me to Union Station", "Union Station"),
    ],
)
def test_fillers_before_a_driving_verb_keep_the_whole_destination(nlu_model, text, destination):
    assert _parts(nlu_model.understand(text)) == [("nav.navigate", {"destination": destination})]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("hey xiaomi turn on the ac", [("climate.power", {"state": "on"})]),
        ("ok xiaomi play some jazz", [("media.play", {"query": "jazz"})]),
        ("hey car, open the trunk", [("body.open", {"target": "trunk"})]),
        ("小爱同学打开空调", [("climate.power", {"state": "on"})]),
        ("你好小爱 导航去机场", [("nav.navigate", {"destination": "机场"})]),
        ("小米，打开空调", [("climate.power", {"state": "on"})]),
        ("hey xiaomi", [("out_of_scope", {})]),
    ],
)
def test_the_assistants_name_before_a_request_is_no_part_of_it(nlu_model, text, parts):
    understood = nlu_model.understand(text)
    assert _parts(understood) == parts
    assert understood.text == text


def test_the_assistants_name_alone_is_answered_in_its_language(nlu_model):
    assert nlu_model.understand("小爱同学").lang == "zh"
    assert nlu_model.understand("hey xiaomi").lang == "en"


@pytest.mark.parametrize("text", ["car wash near me", "小米SU7的续航多少", "carry on", "assistant manager called"])
def test_a_common_word_that_names_the_assistant_calls_it_only_after_a_greeting(text):
    from cockpit.nlu.addressed import without_wake_phrase

    assert without_wake_phrase(text) == (False, text)


def test_every_wake_phrase_the_recogniser_decodes_is_cut_off():
    from cockpit.nlu.addressed import WAKE_PHRASES, without_wake_phrase

    for phrase in WAKE_PHRASES:
        assert without_wake_phrase(f"{phrase} open the trunk") == (True, "open the trunk"), phrase


def test_the_labelled_requests_that_open_with_a_name_address_the_assistant():
    """Of every labelled request, only those that call the assistant before asking lose words ("Assistant, help me
    find a therapist …" of the SGD corpus; the heard sets, written with wake words), and what is left is the request
    itself, never nothing unless the name was said alone (labelled out_of_scope)."""
    from cockpit.nlu.addressed import without_wake_phrase

    cut = {
        p.request: (without_wake_phrase(p.request)[1], p) for p in labelled_parts() if without_wake_phrase(p.request)[0]
    }
    assert len([request for request, (_, p) in cut.items() if not p.file.startswith("heard")]) <= 3, sorted(cut)
    assert len(cut) >= 10  # the heard sets' wake words are read
    callers = ("assistant,", "car,", "hey xiaomi", "hey car", "hello car", "ok xiaomi", "小爱同学", "你好小爱", "小米")
    for request, (rest, part) in cut.items():
        assert request.endswith(rest) and request.lower().startswith(callers), request
        assert rest.strip() or part.intent == "out_of_scope", request


@pytest.mark.parametrize(
    ("text", "direction"),
    [("加热", "up"), ("有点冷", "up"), ("有点热", "down"), ("制冷", "down"), ("开点冷气", "down"), ("warmer", "up")],
)
def test_heating_and_cooling_words_say_their_direction(text, direction):
    from cockpit.nlu.postprocess import direction_said

    assert direction_said(text, "climate.adjust_temperature") == direction


def test_every_labelled_temperature_step_agrees_with_the_direction_its_words_say():
    from cockpit.nlu.postprocess import direction_said

    stepped = [p for p in labelled_parts() if p.intent == "climate.adjust_temperature" and "direction" in p.slots]
    assert len(stepped) >= 50
    said = [(p, direction_said(p.text, p.intent)) for p in stepped]
    assert [p.text for p, d in said if d is not None and d != p.slots["direction"]] == []


@pytest.mark.parametrize("text", ["eta", "ETA?", "whats our eta", "what is the eta"])
def test_the_arrival_asked_in_three_letters(nlu_model, text):
    assert _parts(nlu_model.understand(text)) == [("nav.query", {"what": "eta"})]
