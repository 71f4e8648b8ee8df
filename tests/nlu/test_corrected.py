"""A request corrected as it is said (cockpit/nlu/corrected.py): the rule's text on each shape of correction, the
words it must leave alone, the real model on corrected requests, and the rule against every labelled set (a check,
never a choice: held halves and the blind set are checked too)."""

from __future__ import annotations

import pytest

from cockpit.nlu.corrected import as_corrected
from tests.labelled_sets import labelled_parts


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("set the temperature to twenty no twenty two", "set the temperature to twenty two"),
        ("set it to 21 sorry 23", "set it to 23"),
        ("set it to twenty no twenty one sorry twenty two", "set it to twenty two"),
        ("set the fan to three no four", "set the fan to four"),
        ("call mom sorry call dad", "call dad"),
        ("call mom sorry dad", "call dad"),
        ("open the frunk no the trunk", "open the trunk"),
        ("turn on the um actually turn off the ac", "turn off the ac"),
        ("go to the office no take me to the gym", "take me to the gym"),
        ("navigate to boston no to austin", "navigate to austin"),
        ("navigate to new york i mean boston", "navigate to boston"),
        ("turn the ac on sorry off", "turn the ac off"),
        ("turn up the volume no down", "turn down the volume"),
        ("open the window and call mom sorry call dad", "open the window and call dad"),
        ("调到二十度不对二十二度", "调到二十二度"),
        ("空调开到二十五呃不是二十四", "空调开到二十四"),
        ("打开车窗哦不是关上车窗", "关上车窗"),
        ("空调打开不对关掉", "空调关掉"),
        ("打给老王不对老李", "打给老李"),
        ("导航去西湖不对去灵隐寺", "导航去灵隐寺"),
    ],
)
def test_the_correction_takes_the_place_of_what_it_corrects(said, meant):
    assert as_corrected(said) == meant


@pytest.mark.parametrize(
    "said",
    [
        "no need to heat my seat anymore",
        "there is no ac in the bedroom",
        "no just close the window",
        "it's actually pretty cold in here",
        "play no diggity",
        "turn on the ac no wait for me",
        "sorry turn on the ac",
        "i have no idea where we are",
        "空调不是开着吗",
        "这个不对",
        "不对，打开车窗",
        "导航去的地方不对",
    ],
)
def test_words_that_correct_nothing_are_left_alone(said):
    assert as_corrected(said) is None


@pytest.mark.parametrize(
    ("said", "intent", "slots"),
    [
        ("set the temperature to twenty no twenty two", "climate.set_temperature", {"temperature": 22.0}),
        ("call mom sorry call dad", "phone.call", {"contact": "dad"}),
        ("open the frunk no the trunk", "body.open", {"target": "trunk"}),
        ("调到二十度不对二十二度", "climate.set_temperature", {"temperature": 22.0}),
        ("打开车窗哦不是关上车窗", "window.set", {"state": "close"}),
    ],
)
def test_the_model_reads_what_was_meant(nlu_model, said, intent, slots):
    understood = nlu_model.understand(said)
    assert [(part.intent, part.slots) for part in understood.parts] == [(intent, slots)]
    assert understood.text == said


def test_no_labelled_request_without_a_correction_is_corrected():
    """Of every labelled request of every set, the rule changes only those whose words correct themselves: the
    corrected text still holds every free-text value the label gives (nothing the speaker meant is cut away)."""
    changed = {}
    for part in labelled_parts():
        meant = as_corrected(part.request)
        if meant is None or part.request in changed:
            continue
        changed[part.request] = meant
        for value in part.slots.values():
            if isinstance(value, str) and value.lower() in part.request.lower():
                assert value.lower() in meant.lower(), (part.file, part.request, meant, value)
    assert len(changed) < 100, sorted(changed.items())


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("open the window no wait dont", "dialog.cancel"),
        ("turn on the ac actually never mind", "dialog.cancel"),
        ("把车窗打开 算了不用了", "dialog.cancel"),
        ("打开车窗不要了", "dialog.cancel"),
    ],
)
def test_a_command_taken_back_as_it_is_said_asks_for_nothing(nlu_model, said, intent):
    assert [(part.intent, part.slots) for part in nlu_model.understand(said).parts] == [(intent, {})]


@pytest.mark.parametrize("said", ["play leave it", "play dont stop me now", "音乐不要了", "no need to heat my seat"])
def test_words_that_take_nothing_back_are_left_alone(said):
    assert as_corrected(said) is None


def test_no_labelled_request_is_taken_back():
    """No labelled request of any set ends in words that take its command back (the rule reads none as a cancel)."""
    from cockpit.nlu.corrected import _taken_back

    requests = {part.request for part in labelled_parts()}
    assert len(requests) > 10000 and [r for r in requests if _taken_back(r) is not None] == []


def test_a_new_destination_after_a_correction_takes_the_verb():
    assert as_corrected("navigate home no wait to the office") == "navigate to the office"
