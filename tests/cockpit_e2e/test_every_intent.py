"""Every intent of the catalogue, with every enumerated slot value, in both languages, from every seat, through the
whole cockpit: no exception, and either a valid action or a spoken refusal — never a claim of success for
something not done, and always in the speaker's language.

The understanding is built from the catalogue (cases.py) and handed to `Cockpit.hear` in place of the model's, so
what is tested is everything after understanding, for every value, whatever the model's accuracy
(test_real_text.py runs real sentences through the real model).
"""

from __future__ import annotations

import pytest

from cockpit.nlu.catalogue import INTENTS
from cockpit.nlu.model import Understanding
from cockpit.replies import reply_text
from cockpit.zones import SEATS
from tests.cockpit_e2e.cases import LANGS, cases
from tests.cockpit_e2e.harness import SITUATIONS, Run, UnderstandingFeed, judge

SHOWN_PROBLEMS = 25


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", INTENTS, ids=lambda spec: spec.name)
def test_every_value_of_every_intent(parts, spec, lang, situation):
    feed = UnderstandingFeed()
    run = Run(parts, situation, feed)
    problems, turns = [], 0
    try:
        for case in cases(spec, lang):
            for seat in SEATS:
                feed.next = Understanding(case.text, lang, case.intent, 0.99, dict(case.slots))
                turn = run.turn(seat, case.text)
                turns += 1
                problems += [f"{turn.describe()}\n    {p}" for p in judge(turn, rephrase_allowed=not case.complete)]
    finally:
        run.close()
    assert turns >= len(SEATS)
    assert not problems, f"{len(problems)} problems in {turns} turns:\n" + "\n".join(problems[:SHOWN_PROBLEMS])


@pytest.mark.parametrize(
    "intent, slots",
    [
        ("climate.adjust_temperature", {}),
        ("climate.adjust_temperature", {"delta": 2.0}),
        ("climate.adjust_temperature", {"zone": "passenger"}),
        ("climate.set_fan", {}),
        ("media.volume", {}),
        ("light.set", {"target": "ambient"}),
        ("light.set", {}),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_request_without_what_to_do_is_asked_never_guessed(parts, intent, slots, lang):
    # "I'm too hot on my side" read without a direction was set one degree warmer; "dim the ambient light" read
    # without a state or colour turned it on
    feed = UnderstandingFeed()
    run = Run(parts, "driving", feed)
    try:
        feed.next = Understanding("?", lang, intent, 0.99, dict(slots))
        turn = run.turn("driver", "?")
    finally:
        run.close()
    assert turn.actions == []
    assert [reply["text"] for reply in turn.replies] == [reply_text("rephrase", lang)]
