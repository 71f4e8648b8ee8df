"""Span decoding: the BIO grammar always holds, the best valid sequence wins, spans never cut a word."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cockpit.nlu.catalogue import slot_tags
from cockpit.nlu.decode import reach_forward, recover_words, snap_to_words, spans, transition_mask, viterbi

TAGS = list(slot_tags())
ALLOWED, FIRST = transition_mask(TAGS)


def _valid(sequence: list[int], tags: list[str]) -> bool:
    for position, index in enumerate(sequence):
        tag = tags[index]
        if tag.startswith("I-"):
            previous = tags[sequence[position - 1]] if position else "O"
            if previous[2:] != tag[2:]:
                return False
    return True


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=2**31))
def test_viterbi_always_gives_a_valid_bio_sequence(length, seed):
    log_probs = np.random.default_rng(seed).normal(size=(length, len(TAGS))).astype(np.float32) * 3
    assert _valid(viterbi(log_probs, ALLOWED, FIRST), TAGS)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=2**31))
def test_viterbi_is_the_best_valid_sequence(length, seed):
    tags = ["O", "B-contact", "I-contact", "B-room", "I-room"]
    allowed, first = transition_mask(tags)
    log_probs = np.random.default_rng(seed).normal(size=(length, len(tags))) * 3
    best = max(
        (seq for seq in itertools.product(range(len(tags)), repeat=length) if _valid(list(seq), tags)),
        key=lambda seq: sum(log_probs[i, t] for i, t in enumerate(seq)),
    )
    got = viterbi(log_probs, allowed, first)
    assert np.isclose(sum(log_probs[i, t] for i, t in enumerate(got)), sum(log_probs[i, t] for i, t in enumerate(best)))


def test_a_span_grows_to_the_whole_word_and_number():
    text = "call my brother"
    assert text[slice(*snap_to_words(text, 8, 9))] == "brother"
    text = "set it to 45 degrees"
    assert text[slice(*snap_to_words(text, 11, 12))] == "45"
    text = "call Anna."
    assert text[slice(*snap_to_words(text, 5, 10))] == "Anna"


def test_chinese_spans_keep_their_characters():
    text = "打电话给张三"
    tags = ["O"] * 4 + ["B-contact", "I-contact"]
    assert [(s, text[b:e]) for s, b, e in spans(text, tags)] == [("contact", "张三")]


def test_an_i_tag_without_b_starts_a_span_and_pieces_of_one_word_join():
    text = "play Hall and Oates"
    tags = ["O"] * 5 + ["I-query", "O", "I-query", "I-query"] + ["O"] * 10
    assert [(s, text[b:e]) for s, b, e in spans(text, tags)] == [("query", "Hall")]


def test_a_word_tagged_as_two_slots_goes_to_the_slot_that_holds_more_of_it():
    text = "weather in Lisbon tomorrow"
    tags = ["O"] * 11 + ["B-place"] + ["I-place"] * 4 + ["B-when"] + ["O"] + ["B-when"] + ["I-when"] * 7
    assert [(s, text[b:e]) for s, b, e in spans(text, tags)] == [("place", "Lisbon"), ("when", "tomorrow")]


def _log_probs(text: str, inside: dict[int, float], slot: str = "place") -> tuple[np.ndarray, dict[str, int]]:
    """Per-character log-probabilities: 'O' everywhere except the given I-slot probabilities."""
    tags = list(slot_tags())
    index = {tag: i for i, tag in enumerate(tags)}
    probs = np.full((len(text), len(tags)), 1e-6)
    probs[:, index["O"]] = 1.0
    for position, p in inside.items():
        probs[position, index[f"I-{slot}"]] = p
        probs[position, index["O"]] = 1.0 - p
    return np.log(probs / probs.sum(axis=1, keepdims=True)), index


def test_a_name_goes_on_over_a_word_the_model_reads_as_its_inside():
    text = "weather in Wagga Wagga"
    second = range(text.rindex("Wagga"), len(text))
    log_probs, index = _log_probs(text, {i: 0.4 for i in second})
    assert reach_forward(text, [("place", 11, 16)], log_probs, index) == [("place", 11, 22)]
    unsure, _ = _log_probs(text, {i: 0.05 for i in second})
    assert reach_forward(text, [("place", 11, 16)], unsure, index) == [("place", 11, 16)]


def test_a_name_does_not_reach_over_another_span_or_into_chinese_or_a_number_slot():
    text = "weather in Oslo tomorrow"
    log_probs, index = _log_probs(text, {i: 0.9 for i in range(16, 24)})
    found = [("place", 11, 15), ("when", 16, 24)]
    assert reach_forward(text, found, log_probs, index) == found
    numbers = "set it to 21 degrees"
    log_probs, index = _log_probs(numbers, {i: 0.9 for i in range(13, 20)}, slot="temperature")
    assert reach_forward(numbers, [("temperature", 10, 12)], log_probs, index) == [("temperature", 10, 12)]


def _penalised_cost(sequence: list[int], log_probs, inside, edge) -> float:
    from cockpit.nlu.decode import INSIDE_WORD_PENALTY

    cost = sum(log_probs[i, t] for i, t in enumerate(sequence))
    return cost + sum(
        INSIDE_WORD_PENALTY * edge[sequence[i - 1], sequence[i]] for i in range(1, len(sequence)) if inside[i]
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=2**31))
def test_viterbi_with_word_edges_is_the_best_valid_sequence_after_the_penalty(length, seed):
    """The path that wins is the best valid one once every span edge put inside a word has paid its penalty."""
    from cockpit.nlu.decode import edge_mask

    tags = ["O", "B-place", "I-place", "B-when", "I-when"]
    allowed, first = transition_mask(tags)
    edge = edge_mask(tags)
    rng = np.random.default_rng(seed)
    log_probs = rng.normal(size=(length, len(tags))) * 3
    inside = rng.random(length) < 0.5
    inside[0] = False
    best = max(
        (seq for seq in itertools.product(range(len(tags)), repeat=length) if _valid(list(seq), tags)),
        key=lambda seq: _penalised_cost(list(seq), log_probs, inside, edge),
    )
    got = viterbi(log_probs, allowed, first, inside, edge)
    assert _valid(got, tags)
    assert np.isclose(
        _penalised_cost(got, log_probs, inside, edge), _penalised_cost(list(best), log_probs, inside, edge)
    )


def test_chinese_word_continuations_follow_the_segmenter_and_ignore_other_scripts():
    from cockpit.nlu.decode import chinese_word_continuations

    text = "今天法国的天气"  # 今天 / 法国 / 的 / 天气
    assert chinese_word_continuations(text).tolist() == [False, True, False, True, False, False, True]
    assert not chinese_word_continuations("weather in Lisbon tomorrow").any()
    mixed = "12月5日Monument的天气"
    inside = chinese_word_continuations(mixed)
    assert len(inside) == len(mixed) and not inside[: mixed.index("的")].any()  # never inside Latin or digits


def test_a_span_edge_inside_a_chinese_word_is_moved_to_the_word_edge():
    """今 read as a time and 天 as a place's beginning: 今天 is one word, so the time takes the whole word."""
    from cockpit.nlu.decode import chinese_word_continuations, edge_mask

    text = "今天法国"
    log_probs = np.full((len(text), len(TAGS)), -9.0)
    index = {tag: i for i, tag in enumerate(TAGS)}
    for position, (tag, other) in enumerate(
        [("B-when", "B-place"), ("B-place", "I-when"), ("I-place", "B-place"), ("I-place", "O")]
    ):
        log_probs[position, index[tag]], log_probs[position, index[other]] = np.log(0.6), np.log(0.35)
    plain = [TAGS[i] for i in viterbi(log_probs, ALLOWED, FIRST)]
    assert spans(text, plain) == [("when", 0, 1), ("place", 1, 4)]  # the character tagger alone: 今 | 天法国
    inside = chinese_word_continuations(text)
    tags = [TAGS[i] for i in viterbi(log_probs, ALLOWED, FIRST, inside, edge_mask(TAGS))]
    assert spans(text, tags) == [("when", 0, 2), ("place", 2, 4)]


def test_a_capitalised_name_goes_on_over_the_capitalised_words_after_it():
    from cockpit.nlu.decode import reach_capitalised

    def grown(text: str, name: str, slot: str = "place", others: tuple = ()) -> list[str]:
        begin = text.index(name)
        found = sorted([(slot, begin, begin + len(name)), *others], key=lambda s: s[1])
        return [text[b:e] for _, b, e in reach_capitalised(text, found)]

    assert grown("will there be fog in Tahquamenon Falls State Park?", "Tahquamenon") == [
        "Tahquamenon Falls State Park"
    ]
    assert grown("weather for Roseburg, Iowa", "Roseburg") == ["Roseburg, Iowa"]
    assert grown("take me to the Museum of Science and Industry", "the Museum", "destination") == [
        "the Museum of Science and Industry"
    ]
    assert grown("play Despacito by Luis Fonsi", "Despacito by", "query") == ["Despacito by Luis Fonsi"]
    assert grown("call Uncle Raj now", "Uncle", "contact") == ["Uncle Raj"]
    # what stops it: a lowercase word, a joiner with no capital after it, a span of another slot, capitals that
    # say nothing (title case, all capitals), a name written in lowercase
    assert grown("weather in Paris tomorrow", "Paris") == ["Paris"]
    assert grown("weather in Paris and then", "Paris") == ["Paris"]
    text = "weather in Paris Monday"
    assert grown(text, "Paris", others=(("when", text.index("Monday"), len(text)),)) == ["Paris", "Monday"]
    assert grown("Tell Me The Weather In Paris Today", "Paris") == ["Paris"]
    assert grown("WEATHER IN PARIS TODAY", "PARIS") == ["PARIS"]
    assert grown("weather in lisbon portugal", "lisbon") == ["lisbon"]
    # ... and back over the capitalised words before it, or a joiner between two of them
    assert grown("Tell me the weather in Rosewood Heights.", "Heights") == ["Rosewood Heights"]
    assert grown("play the Pride and Prejudice audiobook", "and Prejudice audiobook", "query") == [
        "Pride and Prejudice audiobook"
    ]
    assert grown("play This Is Colour by Panda Bear", "Colour by Panda Bear", "query") == [
        "This Is Colour by Panda Bear"
    ]
    # never the text's first word, a time, "I", a word of another span, nor across a comma
    assert grown("Rosewood Heights is cold", "Heights") == ["Heights"]
    assert grown("Heights is cold", "Heights") == ["Heights"]
    assert grown("weather on Tuesday Heights", "Heights") == ["Heights"]
    assert grown("can I hear Star Tales", "Tales", "query") == ["Star Tales"]
    assert grown("play what I Like", "Like", "query") == ["Like"]
    text = "weather Monday Heights"
    assert grown(text, "Heights", others=(("when", text.index("Monday"), text.index(" H")),)) == [
        "Monday",
        "Heights",
    ]
    assert grown("weather in Paris, Heights", "Heights") == ["Heights"]


@settings(max_examples=300, deadline=None)
# Found by the search: a span starting inside a capitalised word whose start another span holds.
@example(text="????????????????????????B中BB", raw=[("place", 0, 27), ("place", 27, 28)])
@given(
    st.text(alphabet=st.sampled_from(list("aB c,D.e'f-Gh 中文?")), max_size=40),
    st.lists(st.tuples(st.sampled_from(["place", "when", "contact"]), st.integers(0, 40), st.integers(0, 40))),
)
def test_name_and_time_growth_never_break_on_any_text_or_spans(text, raw):
    """Any text, any non-empty spans inside it that do not overlap (as the decoder gives them; even ending in a
    mark): names only grow, a time may also drop a trailing joiner or mark but keeps a word; every span stays
    inside the text, keeps its start, order and slot, and none overlap."""
    from cockpit.nlu.decode import reach_capitalised, reach_time

    found: list[tuple[str, int, int]] = []
    for slot, a, b in sorted(raw, key=lambda r: min(r[1], r[2])):
        begin, end = min(a, b), max(a, b)
        if begin < end <= len(text) and (not found or found[-1][2] <= begin):
            found.append((slot, begin, end))
    for grow in (reach_capitalised, reach_time):
        out = grow(text, found)
        assert len(out) <= len(found)
        by_start = {(s, b): e for s, b, e in found}
        for slot, begin, end in out:
            assert 0 <= begin < end <= len(text)
            if grow is reach_capitalised:  # a name grows on either side, never shrinks
                assert any(s == slot and begin <= b and e <= end for s, b, e in found)
            else:
                assert (slot, begin) in by_start
        assert all(a[2] <= b[1] for a, b in zip(out, out[1:], strict=False))


def test_an_english_time_goes_on_over_the_time_words_after_it():
    from cockpit.nlu.decode import reach_time

    def grown(text: str, said: str, others: tuple = ()) -> list[str]:
        begin = text.index(said)
        found = sorted([("when", begin, begin + len(said)), *others], key=lambda s: s[1])
        return [text[b:e] for _, b, e in reach_time(text, found)]

    assert grown("weather in Ukraine one minute from now?", "one minute") == ["one minute from now"]
    assert grown("a blizzard next winter in Idaho", "next") == ["next winter"]
    assert grown("snow on september the first in Georgia", "september the") == ["september the first"]
    assert grown("forecast in 23 hours and seventeen seconds here", "in 23 hours and") == [
        "in 23 hours and seventeen seconds"
    ]
    # never ends in a joiner, never crosses "and" into a second time or a span of a name
    assert grown("weather tomorrow and the day after", "tomorrow") == ["tomorrow"]
    assert grown("weather at noon in Paris", "noon") == ["noon"]
    text = "weather tomorrow in May Hill"
    assert grown(text, "tomorrow", (("place", text.index("May"), len(text)),)) == ["tomorrow", "May Hill"]
    assert grown("forecast for this current spot", "this") == ["this"]  # nothing to grow into: left as read


def test_a_slot_left_empty_gets_the_words_the_model_reads_inside_it():
    text = "give noah a call"
    log_probs, index = _log_probs(text, {6: 0.3, 7: 0.7, 8: 0.95}, slot="contact")  # "n" outside, "oah" inside
    assert recover_words(text, [], log_probs, index, ("contact",)) == [("contact", 5, 9)]
    # a slot the intent does not take, a slot found already, and words read as outside get nothing
    assert recover_words(text, [], log_probs, index, ("query",)) == []
    assert recover_words(text, [("contact", 11, 15)], log_probs, index, ("contact",)) == [("contact", 11, 15)]
    unsure, _ = _log_probs(text, {6: 0.2, 7: 0.3, 8: 0.4}, slot="contact")
    assert recover_words(text, [], unsure, index, ("contact",)) == []


def test_recovered_words_are_one_run_and_never_another_spans():
    text = "play jazz on the radio now"
    inside = {i: 0.9 for i in (*range(6, 9), *range(18, 22))}  # "jazz" and "radio", "on the" between them
    log_probs, index = _log_probs(text, inside, slot="query")
    assert recover_words(text, [], log_probs, index, ("query",)) == [("query", 5, 9)]
    held = [("when", 5, 9)]
    assert recover_words(text, held, log_probs, index, ("query",)) == [*held, ("query", 17, 22)]


def _span(text: str, words: str, slot: str) -> tuple[str, int, int]:
    begin = text.index(" " + words) + 1  # the words, not letters of a longer word ("the" in "weather")
    return slot, begin, begin + len(words)


@pytest.mark.parametrize(
    "text, span, grown",
    [
        ("take me to the Museum of Science", "the Museum of", "the Museum of Science"),
        ("play my chill playlist", "my", "my chill"),
        ("put on some jazz", "some", "some jazz"),
        ("weather in the Hague", "the", "the Hague"),
    ],
)
def test_a_name_never_ends_in_a_joiner_whatever_the_model_reads_after_it(text, span, grown):
    slot = "destination" if text.startswith("take") else "place" if "weather" in text else "query"
    log_probs, index = _log_probs(text, {}, slot=slot)  # the next word read as outside
    assert reach_forward(text, [_span(text, span, slot)], log_probs, index) == [_span(text, grown, slot)]


def test_a_name_ending_in_a_joiner_takes_the_rest_of_the_name_read_as_another_span():
    text = "get me to Terminal 2 at Heathrow please"
    log_probs, index = _log_probs(text, {}, slot="destination")
    found = [_span(text, "Terminal 2 at", "destination"), _span(text, "Heathrow", "destination")]
    assert reach_forward(text, found, log_probs, index) == [_span(text, "Terminal 2 at Heathrow", "destination")]
    timed = [_span(text, "Terminal 2 at", "destination"), ("when", text.index("Heathrow"), len(text))]
    assert reach_forward(text, timed, log_probs, index) == timed  # another slot's span stops it


@pytest.mark.parametrize("connector", ["and", "&", "then", "plus"])
def test_a_name_never_ends_in_a_connector(connector):
    text = f"play jazz {connector} open the window"
    # the growth reached the connector on the model's scores, and stopped: the connector joins two commands
    reads_on, index = _log_probs(text, {i: 0.9 for i in range(10, 10 + len(connector))}, slot="query")
    assert reach_forward(text, [_span(text, "jazz", "query")], reads_on, index) == [_span(text, "jazz", "query")]
    # the model's own span ends in it: the name goes on ("rock and" + "roll")
    name = f"play some rock {connector} roll"
    log_probs, _ = _log_probs(name, {}, slot="query")
    grown = reach_forward(name, [_span(name, f"rock {connector} ", "query")], log_probs, index)
    assert grown == [_span(name, f"rock {connector} roll", "query")]
    # ... and inside a name it stays ("Hall and Oates")
    whole = f"play Hall {connector} Oates"
    assert reach_forward(
        whole, [_span(whole, f"Hall {connector} Oates", "query")], *_log_probs(whole, {}, "query")
    ) == [_span(whole, f"Hall {connector} Oates", "query")]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aB c,D.e'f-Gh and of 中文下午4点七个月后周六天气?")), max_size=40),
    st.lists(st.tuples(st.sampled_from(["place", "when", "contact", "query"]), st.integers(0, 40), st.integers(0, 40))),
    st.integers(min_value=0, max_value=2**31),
)
def test_span_repairs_never_break_on_any_text_spans_or_scores(text, raw, seed):
    """Any text, non-overlapping spans and model scores: the repairs of issue 15 (V) keep every span inside the
    text, non-empty, in order and apart, each of a slot it came in with."""
    from cockpit.nlu.decode import reach_time_unit

    found: list[tuple[str, int, int]] = []
    for slot, a, b in sorted(raw, key=lambda r: min(r[1], r[2])):
        begin, end = min(a, b), max(a, b)
        if begin < end <= len(text) and (not found or found[-1][2] <= begin):
            found.append((slot, begin, end))
    index = {tag: i for i, tag in enumerate(TAGS)}
    scores = np.random.default_rng(seed).normal(size=(max(len(text), 1), len(TAGS))) * 3
    log_probs = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    repairs = (
        lambda spans: reach_forward(text, spans, log_probs, index),
        lambda spans: recover_words(text, spans, log_probs, index, ("contact", "query", "place")),
        lambda spans: reach_time_unit(text, spans),
    )
    for repair in repairs:
        out = repair(found)
        assert {slot for slot, _, _ in out} <= {slot for slot, _, _ in found} | {"contact", "query", "place"}
        for _, begin, end in out:
            assert 0 <= begin < end <= len(text)
        assert all(a[2] <= b[1] for a, b in zip(out, out[1:], strict=False)), out


def test_a_name_goes_on_after_a_title_and_its_full_stop(nlu_model):
    reading = nlu_model.understand("call Mrs. Abernathy-Cole")
    assert (reading.intent, reading.slots) == ("phone.call", {"contact": "Mrs. Abernathy-Cole"})
