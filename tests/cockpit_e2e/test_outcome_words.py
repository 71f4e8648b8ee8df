"""Every action kind has words for being done and for each way it can fail, in both languages, with no ids read
out: what an accepted card says is built from its actions' outcomes (cockpit/outcome.py), never a bare "OK."."""

from __future__ import annotations

import re

import pytest

from cockpit.actions import Action, ActionResult, build_default_registry
from cockpit.navigation.navigator import Navigator
from cockpit.outcome import DONE_WORDS, outcome_words
from cockpit.replies import DONE_REPLIES, reply_text
from tests.cockpit_e2e.test_stale_signals import sample_actions

REGISTRY = build_default_registry()
SPEAKS_FOR_ITSELF = ("voice.say",)
LATIN = re.compile(r"[A-Za-z_]")


def test_every_registered_kind_has_done_words():
    assert set(REGISTRY.kinds()) - set(SPEAKS_FOR_ITSELF) == set(DONE_WORDS)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "action", [a for a in sample_actions() if a.kind not in SPEAKS_FOR_ITSELF], ids=lambda a: a.kind
)
def test_outcome_words_of_every_kind_and_status(parts, action: Action, lang: str):
    roadmap = parts.roadmap
    results = [
        ActionResult(action, "sent"),
        ActionResult(action, "refused", "signal_stale", "refuse_signal_stale", {"system": "HVAC"}),
        ActionResult(action, "failed", "boom", None),
    ]
    if action.kind.startswith("home."):
        results.append(
            ActionResult(action, "deferred", "home_access_waits_for_radius", "home_access_when_near", {"radius": 300.0})
        )
    for result in results:
        key, params = outcome_words(result)
        if params.get("place") in roadmap.places:  # the cockpit says a map place by its alias (Cockpit._place_words)
            params["place"] = Navigator.spoken_name(roadmap.places[params["place"]], lang)
        text = reply_text(key, lang, **params)
        assert (key in DONE_REPLIES) == (result.status == "sent"), (result.status, key)
        assert text and text != reply_text("ok", lang)
        if lang == "zh":
            assert not LATIN.search(text), text
