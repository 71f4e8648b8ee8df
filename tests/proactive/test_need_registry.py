"""Each proactive need is described once (cockpit/proactive/needs.py, and its training world's side in
models/proactive/world_needs.py), and everything that handles needs reads that description."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from cockpit.actions import Action
from cockpit.proactive.features import NEEDS
from cockpit.proactive.needs import NEED_SPECS, NeedSpec, NeedWords, need_met_by, need_undone_by
from cockpit.proactive.policy import ProactivePolicy
from cockpit.replies import DONE_REPLIES, REPLIES
from models.proactive.world_needs import WORLD_NEEDS
from tests.proactive.helpers import make_context, make_extras


def test_the_model_the_cockpit_and_the_training_world_name_the_same_needs_in_one_order() -> None:
    assert tuple(NEED_SPECS) == NEEDS == tuple(WORLD_NEEDS)
    assert all(spec.name == name for name, spec in NEED_SPECS.items())
    assert all(need.name == name for name, need in WORLD_NEEDS.items())


def test_every_need_can_be_said_in_both_languages_the_way_it_is_suggested() -> None:
    for spec in NEED_SPECS.values():
        # a need that is never acted on unasked must have a card; one that may be acted on, its "done"
        assert spec.words.offer is not None or spec.low_risk, spec.name
        assert spec.words.done is not None or not spec.low_risk, spec.name
        for mode, words in (("offer", spec.words.offer), ("done", spec.words.done)):
            if words is None:
                assert f"{spec.reply}_{mode}" not in REPLIES
                continue
            assert set(words) == {"en", "zh"}, spec.name
            assert REPLIES[f"{spec.reply}_{mode}"] == dict(words)
            assert (f"{spec.reply}_{mode}" in DONE_REPLIES) == (mode == "done")


def test_what_the_assistant_may_undo_the_persona_can_revert() -> None:
    """An act the persona did not want is reverted in the eval: every need acted on unasked says how."""
    for name, spec in NEED_SPECS.items():
        if spec.low_risk:
            assert WORLD_NEEDS[name].revert is not None, name
            assert spec.undone_by is not None, name


def test_replies_import_first_in_a_fresh_interpreter() -> None:
    """cockpit/replies.py reads the needs' words: importing it (or the policy, or the cockpit) first must
    not run into the actions importing the replies half-way."""
    for module in ("cockpit.replies", "cockpit.proactive.policy", "cockpit.actions", "cockpit.cockpit"):
        done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
        assert done.returncode == 0, f"{module}: {done.stderr[-400:]}"


WINDOWS = NeedSpec(
    "close_windows",
    low_risk=False,
    act_margin=1.0,
    cooldown_s=600.0,
    dismissed_for_s=1800.0,
    reply="close_windows",
    words=NeedWords(offer={"en": "It's raining. Close the windows?", "zh": "下雨了，要关窗吗？"}),
    plan=lambda c, e: ((("window.set", {"zone": "all", "position": 0}),), {}) if c.weather == "rain" else None,
    situation=lambda c, e: f"weather {c.weather}",
    met_by=lambda action, home: action.kind == "window.set" and action.data.get("position") == 0,
)


def test_a_new_need_is_one_spec(monkeypatch) -> None:
    """A spec added to the registry is suggested with its words, remembered in its situation, and a person's
    own action meets it: nothing else in the cockpit names it (the model learns it once retrained)."""
    monkeypatch.setitem(NEED_SPECS, WINDOWS.name, WINDOWS)
    policy = ProactivePolicy(score=lambda c, e: {"close_windows": 0.9}, thresholds={"close_windows": 0.5})
    rain = make_context(weather="rain")
    [suggestion] = policy.evaluate(rain, make_extras())
    assert (suggestion.need, suggestion.mode, suggestion.reply) == ("close_windows", "offer", "close_windows_offer")
    assert [(a.kind, a.data, a.source) for a in suggestion.actions] == [
        ("window.set", {"zone": "all", "position": 0}, "proactive")
    ]
    policy.answer(False, rain.time_s + 1.0)
    assert policy.memory.counts == {("close_windows", "weather rain"): [0.0, 1.0]}
    closed = Action("window.set", {"zone": "all", "position": 0}, source="manual", seat="driver")
    assert need_met_by(closed) == "close_windows"
    assert need_undone_by(closed) is None
    assert policy.evaluate(make_context(weather="clear", time_s=rain.time_s + 7200.0), make_extras()) == []


def test_a_need_without_offer_words_is_never_offered() -> None:
    mute = replace(WINDOWS, words=NeedWords())
    policy = ProactivePolicy(
        score=lambda c, e: {"close_windows": 0.9}, thresholds={"close_windows": 0.5}, specs={"close_windows": mute}
    )
    assert policy.evaluate(make_context(weather="rain"), make_extras()) == []
