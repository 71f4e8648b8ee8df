"""Words that stand next to a span without being part of it, for every such word: the future's auxiliaries after a
Chinese time or place ("明天将会下雪吗"), and the service a query is played on ("play New World on Groove Shark")."""

from __future__ import annotations

import pytest

from cockpit.nlu.decode import reach_time_unit, snap_to_words
from cockpit.nlu.postprocess import (
    _SERVICE_PREPOSITIONS,
    _WHEN_WORDS,
    _ZH_AUXILIARIES,
    _ZH_PRONOUNS,
    MUSIC_SERVICES_EN,
    MUSIC_SERVICES_ZH,
    normalize_span_value,
    normalize_when,
    without_music_service,
)

ZH_TIMES = [(word, value) for value, words in _WHEN_WORDS for word in words if not word.isascii()]


@pytest.mark.parametrize("auxiliary", _ZH_AUXILIARIES)
@pytest.mark.parametrize("word, value", ZH_TIMES)
def test_a_time_never_ends_in_the_future_auxiliary(word, value, auxiliary):
    assert normalize_when(word + auxiliary) == value
    assert normalize_when(word + "我们" + auxiliary) == value  # a subject between them goes too


@pytest.mark.parametrize("auxiliary", _ZH_AUXILIARIES)
@pytest.mark.parametrize("place", ["特尼诺", "纽约", "苏瓦尼阿克州", "Grindstone"])
def test_a_place_never_ends_in_the_future_auxiliary(place, auxiliary):
    assert normalize_span_value("place", place + auxiliary, "info.weather") == place


@pytest.mark.parametrize("name", ["省会", "庙会", "会", "将", "我"])
def test_a_name_that_is_or_ends_in_such_a_word_is_kept(name):
    """会 ends a few place names; a span that is only the word keeps it (nothing would be left)."""
    assert normalize_span_value("place", name, "info.weather") == name


def test_the_auxiliaries_and_pronouns_are_no_time_word():
    """Cutting a word that a time may end in would break a time: none of them ends one."""
    for word, _ in ZH_TIMES:
        assert not word.endswith((*_ZH_AUXILIARIES, *_ZH_PRONOUNS)), word


@pytest.mark.parametrize("service", MUSIC_SERVICES_EN)
@pytest.mark.parametrize("preposition", _SERVICE_PREPOSITIONS)
def test_a_query_never_holds_its_service(service, preposition):
    assert without_music_service(f"Hall and Oates {preposition} {service}") == "Hall and Oates"
    # the tagger stopped before the service: the dangling preposition goes, as the service stands after it
    assert without_music_service(f"New World {preposition}", after=f" {service} please") == "New World"


@pytest.mark.parametrize("service", (*MUSIC_SERVICES_EN, *MUSIC_SERVICES_ZH))
def test_a_query_that_is_only_a_service_is_kept(service):
    assert without_music_service(service) == service


@pytest.mark.parametrize(
    "query, after, kept",
    [
        ("Hold On", "", "Hold On"),
        ("turn me on", " please", "turn me on"),  # no service after it: "on" may end a title
        ("Stand By", "", "Stand By"),
        ("songs from", " the eighties", "songs"),  # "from" never ends a title
        ("Born in the U.S.A.", "", "Born in the U.S.A."),
        ("music on the radio", "", "music on the radio"),
    ],
)
def test_titles_keep_their_last_word_unless_a_service_follows(query, after, kept):
    assert without_music_service(query, after) == kept


@pytest.mark.parametrize(
    "span, value",
    [("9 a.m.", "9 a.m."), ("twelve P.m.", "twelve P.m."), ("the U.S.A.", "the U.S.A."), ("Anna.", "Anna")],
)
def test_an_abbreviation_keeps_its_last_full_stop(span, value):
    assert normalize_span_value("query", span, "media.play") == value


@pytest.mark.parametrize(
    "text, start, end, expected",
    [
        ("weather at 9 a.m. in Oslo", 11, 16, "9 a.m."),  # the tagger stopped before the abbreviation's stop
        ("weather at 9 a.m.", 11, 17, "9 a.m."),
        ("call Anna.", 5, 10, "Anna"),  # a sentence's stop is no part of a name
        ("call Anna", 5, 9, "Anna"),
    ],
)
def test_spans_keep_an_abbreviations_stop_and_drop_a_sentences(text, start, end, expected):
    begin, finish = snap_to_words(text, start, end)
    assert text[begin:finish] == expected


def _spans_after_units(text: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """reach_time_unit over spans given by their words (each found once in the text, in order)."""
    located, position = [], 0
    for slot, words in found:
        begin = text.index(words, position)
        located.append((slot, begin, begin + len(words)))
        position = begin + len(words)
    return [(slot, text[begin:end]) for slot, begin, end in reach_time_unit(text, located)]


@pytest.mark.parametrize(
    "text, found, expected",
    [
        ("纽约下午4点有风吗", [("place", "纽约"), ("when", "下午4")], [("place", "纽约"), ("when", "下午4点")]),
        ("下午4点半有风吗", [("when", "下午4")], [("when", "下午4点半")]),
        ("13个小时之内会很冷吗", [("when", "13个")], [("when", "13个小时之内")]),
        (
            "下午七点卡斯特国家森林会更冷吗",
            [("when", "下午"), ("place", "七点卡斯特国家森林")],
            [("when", "下午七点"), ("place", "卡斯特国家森林")],
        ),
        (
            "四个月后苏瓦尼阿克州会更冷吗",
            [("when", "四个"), ("place", "月后苏瓦尼阿克州")],
            [("when", "四个月后"), ("place", "苏瓦尼阿克州")],
        ),
    ],
)
def test_a_chinese_time_takes_its_unit_and_a_clock_time_from_the_place(text, found, expected):
    assert _spans_after_units(text, found) == expected


@pytest.mark.parametrize(
    "text, found",
    [
        ("京都周六天气怎么样", [("place", "京都"), ("when", "周六")]),  # 周六 is a day: 天 is the weather's
        ("星期三天气", [("when", "星期三")]),
        ("明天天气", [("when", "明天")]),  # no number: nothing to count
        ("下午三点", [("when", "下午三点")]),
        ("下午去三里屯", [("when", "下午"), ("destination", "三里屯")]),  # not a place: left as read
        ("call me at 4 pm", [("when", "4")]),
    ],
)
def test_a_time_takes_no_unit_that_is_not_one(text, found):
    assert _spans_after_units(text, found) == found


@pytest.mark.parametrize(
    "span, value",
    [
        ("some jazz", "jazz"),
        ("an ep by Zak Starkey", "ep by Zak Starkey"),
        ("a Bob Burns song", "Bob Burns song"),
        ("the latest episode of my podcast", "the latest episode of my podcast"),
        ("my driving playlist", "driving playlist"),  # one's own collection, named without "my"
        ("my heart will go on", "my heart will go on"),  # a title that opens with "my"
        ("我的私人雷达歌单", "私人雷达歌单"),
        ("me some Dom Pachino", "Dom Pachino"),  # played for the speaker
        ("Roni Duani 's", "Roni Duani"),  # a possessive left dangling where the tagger stopped
        ("song from Jesse Harris that's", "song from Jesse Harris"),
        ("A Drop Of The Hard Stuff", "A Drop Of The Hard Stuff"),
        ("some", "some"),
    ],
)
def test_a_query_is_what_is_asked_for_not_how_much_nor_whose(span, value):
    assert normalize_span_value("query", span, "media.play") == value


@pytest.mark.parametrize(
    ("text", "when", "repaired"),
    [
        ("Will there be cloud a year from now in MN?", "from now", "a year from now"),
        (
            "will it rain two hundred fourteen days from now",
            "place two hundred fourteen days from now",
            "two hundred fourteen days from now",
        ),
        ("Weather at Norfolk Island", "at", None),
        ("is it below freezing today?", "below", None),
        ("what is the weather in 3 hours", "in 3 hours", "in 3 hours"),
        ("What will the weather be on Law Day", "Law Day", "Law Day"),
    ],
)
def test_an_english_time_cut_short_or_of_no_time_is_repaired(text, when, repaired):
    from cockpit.nlu.decode import repaired_english_time

    assert repaired_english_time(text, when) == repaired
