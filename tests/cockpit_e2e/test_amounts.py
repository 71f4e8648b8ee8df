"""Amounts a driver says without a number, through the real model and the whole cockpit."""

from __future__ import annotations

import pytest

from tests.cockpit_e2e.harness import one_turn


@pytest.mark.parametrize("text", ["crack the window", "can you crack the window", "把窗户开条缝"])
def test_a_window_opened_a_crack_opens_a_step_not_all_the_way(parts, text):
    turn = one_turn(parts, "driving", text)
    positions = [action["position"] for action in turn.actions if action["kind"] == "window.set"]
    assert len(positions) == 1 and 0 < positions[0] <= 35, turn.describe()  # one step (25 %) from where it was


@pytest.mark.parametrize(("text", "said"), [("roll down all the windows", "every window"), ("把车窗都降下来", "全车")])
def test_every_window_opens_and_the_reply_says_so(parts, text, said):
    turn = one_turn(parts, "driving", text)
    assert [(a["kind"], a["zone"]) for a in turn.actions] == [("window.set", "all")], turn.describe()
    assert said in turn.replies[0]["text"]


@pytest.mark.parametrize(
    ("text", "kind", "field", "value"),
    [
        ("volume all the way up", "media.volume", "level", 100),
        ("音量调到最大", "media.volume", "level", 100),
        ("温度调到最低", "climate.set_temperature", "temperature", 16.0),
        ("set the temperature to the highest", "climate.set_temperature", "temperature", 32.0),
        ("turn the fan off", "climate.set_fan", "level", 0),
        ("set the fan to max", "climate.set_fan", "level", 7),
    ],
)
def test_the_end_of_a_range_said_in_words_is_set(parts, text, kind, field, value):
    turn = one_turn(parts, "driving", text)
    assert [(a["kind"], a.get(field)) for a in turn.actions] == [(kind, value)], turn.describe()


def test_one_end_is_heard_and_both_are_not_chosen_between():
    from cockpit.nlu.postprocess import range_end_said

    assert range_end_said("as cold as possible") == "lowest"
    assert range_end_said("音量调到最大") == "highest"
    assert range_end_said("between the lowest and the highest") is None
    assert range_end_said("maximilian") is None  # inside a word


@pytest.mark.parametrize(
    ("text", "lang"),
    [("set the temperature to twenty no twenty two", "en"), ("温度调到二十度不对二十二度", "zh")],
)
def test_a_value_corrected_as_it_is_said_is_the_one_set_and_replied(parts, text, lang):
    """Only the corrected value drives the car, and the reply, in the speaker's language, claims no other."""
    turn = one_turn(parts, "driving", text)
    assert [(a["kind"], a.get("temperature")) for a in turn.actions] == [("climate.set_temperature", 22.0)], (
        turn.describe()
    )
    said = " ".join(reply["text"] for reply in turn.replies)
    assert "22" in said and "20" not in said.replace("22", "") and turn.lang == lang, turn.describe()
