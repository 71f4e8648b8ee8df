"""A habit is offered in the listener's words (cockpit/replies.py `habit_words`): every kind the habit learner
keeps, with every device and zone it may carry, reads without ids, and the Mandarin without Latin letters."""

from __future__ import annotations

import re

import pytest

from cockpit.actions.home import SWITCHABLE
from cockpit.replies import HABIT_WORDS, habit_words
from cockpit.zones import CLIMATE_ZONES, SEATS


def cases() -> list[tuple[str, dict]]:
    out: list[tuple[str, dict]] = [("climate.set_temperature", {"zone": z, "temperature": 21.5}) for z in CLIMATE_ZONES]
    out += [("seat.heat", {"zone": s, "level": 2}) for s in SEATS]
    out += [("home.turn_on", {"device": d}) for d in SWITCHABLE]
    out += [("home.set_temperature", {"temperature": 22.0})]
    return out


def test_the_cases_cover_every_kind_with_words() -> None:
    assert {kind for kind, _ in cases()} == set(HABIT_WORDS)


@pytest.mark.parametrize(("kind", "data"), cases())
def test_a_habit_reads_in_the_listeners_words(kind: str, data: dict) -> None:
    english, mandarin = habit_words(kind, data, "en"), habit_words(kind, data, "zh")
    for text in (english, mandarin):
        assert text and "_" not in text and "{" not in text and "." not in text.replace("21.5", ""), text
    assert not re.search(r"[A-Za-z]", mandarin), mandarin
    assert english[0].islower(), english  # said inside a sentence
