"""Every rule that reads a request's words (cockpit/nlu/said.py, answers.py, place_names.py, decode.py's time
repair) on any text: no exception, and every span inside the text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cockpit.nlu.answers import judgement_said
from cockpit.nlu.decode import repaired_english_time
from cockpit.nlu.place_names import capitalised_place, mandarin_place
from cockpit.nlu.said import car_question_said, contact_said, play_verb_zh, query_said, remarks_on_weather, step_said

WORDS = st.sampled_from(
    ["call", "play", "put", "on", "my", "me", "to", "a", "the", "and", "from", "now", "year", "In", "Tontitown", "'s"]
    + ["给", "打电话", "播放", "来首", "的", "内布拉斯加州", "不对", "that", "is", "not", "right", " ", "  ", ",", "?"]
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(WORDS, max_size=12).map(" ".join), st.lists(WORDS).map("".join))


@settings(max_examples=400, deadline=None)
@example(text="call  and  and")
@given(text=TEXTS)
def test_the_word_rules_take_any_text(text):
    for span in (contact_said(text), capitalised_place(text, set()), mandarin_place(text, set())):
        assert span is None or 0 <= span[0] < span[1] <= len(text)
    assert query_said(text) is None or isinstance(query_said(text), str)
    assert judgement_said(text) in (True, False, None)
    assert car_question_said(text) in (None, "tire_pressure", "battery", "range", "speed")
    assert play_verb_zh(text) in (True, False)
    assert remarks_on_weather(text) in (True, False)
    assert step_said(text) in (None, "", "up", "down")
    for when in (text, text[: len(text) // 2]):
        repaired = repaired_english_time(text, when)
        assert repaired is None or isinstance(repaired, str)
