from __future__ import annotations

import random

import numpy as np

from cockpit.proactive.features import N_FEATURES, NEEDS
from models.proactive.generate import generate_episodes, pack
from models.proactive.personas import sample_personas, wants
from models.proactive.simulate import run_episode, sample_scenario
from tests.proactive.helpers import make_context, make_extras


def test_generator_is_deterministic_for_a_seed() -> None:
    personas = sample_personas(3)
    a = pack(generate_episodes(personas, 3, seed=11, workers=1))
    b = pack(generate_episodes(personas, 3, seed=11, workers=1))
    c = pack(generate_episodes(personas, 3, seed=12, workers=1))
    assert a["features"].shape[1] == N_FEATURES and a["labels"].shape[1] == len(NEEDS)
    assert np.array_equal(a["features"], b["features"]) and np.array_equal(a["labels"], b["labels"])
    assert not (a["features"].shape == c["features"].shape and np.array_equal(a["features"], c["features"]))


def test_heldout_personas_are_new() -> None:
    train = sample_personas(60)
    held = sample_personas(20, heldout=True)
    train_values = {(p.comfort_c, p.fatigue_threshold, p.range_margin_kwh) for p in train}
    assert not any((p.comfort_c, p.fatigue_threshold, p.range_margin_kwh) in train_values for p in held)
    assert any(p.do_nothing for p in held) and any(p.do_nothing for p in train)


def test_do_nothing_persona_wants_nothing() -> None:
    lazy = next(p for p in sample_personas(20) if p.do_nothing)
    c = make_context(cabin_temp_c=-10.0, fatigue_pct=95.0, speed_kph=100.0, time_at_wheel_s=9000.0)
    assert wants(lazy, c, make_extras()) == set()


def test_home_bound_winter_episode_labels_home_needs() -> None:
    persona = next(p for p in sample_personas(20) if not p.do_nothing and p.home_climate and p.wants_garage)
    rng = random.Random(3)
    while True:
        scenario = sample_scenario(rng, "home_bound")
        if scenario.season == "winter" and scenario.home_inside_c < 15.0:
            break
    ep = run_episode(persona, scenario, seed=5)
    assert ep.labels[:, NEEDS.index("preheat_home")].any()
    assert ep.labels[:, NEEDS.index("garage_open")].any()
    assert ep.arrived_home.any()
