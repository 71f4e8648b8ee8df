from __future__ import annotations

import random

import numpy as np

from cockpit.proactive.features import N_FEATURES, NEEDS
from models.proactive.generate import generate_episodes, pack, waiting_weights
from models.proactive.personas import sample_personas
from models.proactive.simulate import run_episode, sample_scenario
from models.proactive.world_needs import wants
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


def test_next_stop_is_only_a_stop_on_the_way() -> None:
    """As cockpit/context.py `_stop_on_the_way`: the nav reports the destination itself as the next stop
    when there is none on the way; the episode's context (through the bus) then has next_stop_id None."""
    from datetime import datetime

    from models.proactive.simulate import PLANNED_STOP_ID, TZ, cockpit_view, road_map
    from vehicle_sim.car import Car
    from vehicle_sim.spec import spec_for

    car = Car(
        spec_for("standard"),
        road_map(),
        "office",
        datetime(2025, 1, 6, 18, tzinfo=TZ),
        random.Random(1),
        50.0,
        5.0,
        0.0,
        occupied_seats=("driver",),
    )
    car.navigate_to("home")
    car.step(1.0)
    assert car.route.next_stop_id == car.route.destination_id != 0  # what the car's nav reports
    view = cockpit_view(car)
    assert view.context(1.0).next_stop_id is None
    assert view.context(2.0, PLANNED_STOP_ID).next_stop_id == PLANNED_STOP_ID
    assert PLANNED_STOP_ID not in {place.id for place in road_map().places.values()}


def test_garage_is_wanted_in_the_last_kilometres_of_the_route_home() -> None:
    persona = next(p for p in sample_personas(20) if not p.do_nothing and p.wants_garage)
    e = make_extras(heading_home=True, eta_home_s=200.0, garage_open=False)

    def wanted(metres: float) -> bool:
        c = make_context(distance_to_destination_m=metres, destination_id=1, speed_kph=40.0)
        return "garage_open" in wants(persona, c, e)

    assert 900.0 <= persona.garage_lead_m <= 1950.0
    assert wanted(persona.garage_lead_m - 50.0) and wanted(0.0) and not wanted(persona.garage_lead_m + 50.0)
    assert not wanted(2500.0)


def test_a_long_parked_wait_weighs_no_more_than_the_cap() -> None:
    # one episode: 100 parked rows of one label vector, then 30 moving rows of it, then 5 parked rows of
    # another; a second episode starts parked with the first vector again (a new run)
    labels = np.zeros((140, len(NEEDS)), np.uint8)
    labels[130:135, 0] = 1
    episode = np.array([0] * 135 + [1] * 5)
    parked = np.array([True] * 100 + [False] * 30 + [True] * 5 + [True] * 5)
    weights = waiting_weights(episode, parked, labels, cap=20)
    assert np.isclose(weights[:100].sum(), 20.0) and np.allclose(weights[:100], 0.2)
    assert np.all(weights[100:] == 1.0)  # moving, short waits and new episodes: untouched
