"""Every rule that reads a request's words (cockpit/nlu/said.py, answers.py, place_names.py, decode.py's time
repair, zone_settings.py, both_ends.py, cockpit/home/appliances.py) on any text: no exception, and every span
inside the text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cockpit.home.appliances import appliance_the_house_lacks
from cockpit.nlu import said
from cockpit.nlu.addressed import without_wake_phrase
from cockpit.nlu.answers import answer_said, judgement_said
from cockpit.nlu.both_ends import each_end_alone
from cockpit.nlu.decode import mandarin_room_at_word_edges, repaired_english_time
from cockpit.nlu.going_there import destination_said_before
from cockpit.nlu.joints import names_only_a_kind_of_place
from cockpit.nlu.place_names import capitalised_place, mandarin_place
from cockpit.nlu.postprocess import particle_at_the_end, steps_said
from cockpit.nlu.said import car_question_said, contact_said, play_verb_zh, query_said
from cockpit.nlu.zone_settings import for_another_zone, zone_and_setting

WORDS = st.sampled_from(
    ["call", "play", "put", "on", "my", "me", "to", "a", "the", "and", "from", "now", "year", "In", "Tontitown", "'s"]
    + ["给", "打电话", "播放", "来首", "的", "内布拉斯加州", "不对", "that", "is", "not", "right", " ", "  ", ",", "?"]
    + ["volume", "by", "fifteen", "加", "一点", "十", "lock", "锁", "back", "rear", "half", "sleep", "traffic", "堵车"]
    + ["算了", "妥了", "how long will it take", "find", "servo", "吗", "昨天", "下雨", "a notch", "档", "它"]
    + ["主驾", "副驾", "后排", "三档", "也", "driver", "passenger", "mine", "too", "前后", "front and rear", "fog"]
    + [
        "off",
        "clear",
        "pull back",
        "curtains",
        "can't hear",
        "too quiet",
        "all the way",
        "到底",
        "洗碗机",
        "oven",
        "玄关",
        "关闭",
        "后备箱",
        "boot",
    ]
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
    assert said.remarks_on_weather(text) in (True, False)
    assert said.step_said(text) in (None, "", "up", "down")
    assert said.scene_said(text) in (None, "arrive_home", "leave_home", "sleep", "movie")
    assert said.rear_zone_said(text) in (None, "", "rear_left", "rear_right")
    assert said.position_said(text) is None or 0 <= said.position_said(text) <= 100
    assert answer_said(text) in (None, "dialog.confirm", "dialog.deny", "dialog.cancel")
    for judged in (said.arrival_asked, said.traffic_said, said.asks_where, said.asks_to_lock, said.says_off):
        assert judged(text) in (True, False)
    amount = said.volume_amount_said(text)
    assert amount is None or (amount[0] in ("level", "delta") and amount[2] in (None, "up", "down"))
    assert said.window_by_a_little(text, {"state": "open"}).keys() <= {"state", "direction"}
    assert said.position_said(text, "open") in (None, *range(101))
    assert said.body_target_said(text) in (None, "trunk", "frunk", "charge_port", "door")
    assert said.zone_said(text) in (None, "driver", "passenger")
    if text:
        begin, end = mandarin_room_at_word_edges(text, 0, len(text) // 2 + 1, ("玄关", "餐厅", text[:2]))
        assert 0 <= begin < end <= len(text)
    for judged in (said.clears_a_window, said.pulls_back, said.too_quiet_to_hear):
        assert judged(text) in (True, False)
    ends = each_end_alone(text)
    assert ends is None or (len(ends) == 2 and all(isinstance(end, str) for end in ends))
    for lang in ("en", "zh"):
        pair = zone_and_setting(text, lang)
        if pair is not None:
            assert pair[0] and pair[0] in text
            for neighbour in ("副驾座椅加热一档", "heat the driver seat to 3", text):
                assert all(isinstance(t, str) for t in for_another_zone(neighbour, *pair, lang))
    for intent in ("out_of_scope", "home.turn_on", "media.play"):
        found = appliance_the_house_lacks(text, intent, {"query": text[:3]})
        assert found is None or found.names["en"]
    for when in (text, text[: len(text) // 2]):
        repaired = repaired_english_time(text, when)
        assert repaired is None or isinstance(repaired, str)
    assert said.says_an_ending(text) in (True, False)
    addressed, asked = without_wake_phrase(text)
    assert text.endswith(asked) and (addressed or asked == text)
    assert particle_at_the_end(text) in (None, "on", "off")
    assert steps_said(text) in (True, False)
    assert names_only_a_kind_of_place(text) in (True, False)
    place = destination_said_before(text)
    assert place is None or (place and place in text)
