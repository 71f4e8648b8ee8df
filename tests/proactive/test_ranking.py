"""The shipped model on hand-built, obvious situations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cockpit.proactive.features import NEEDS, features
from cockpit.proactive.scorer import NeedScorer
from tests.proactive.helpers import make_context, make_extras

TZ = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def scorer() -> NeedScorer:
    return NeedScorer.load()


def _fires(scorer: NeedScorer, context, extras) -> tuple[dict[str, float], set[str]]:
    scores = scorer.score(features(context, extras))
    return scores, {n for n in NEEDS if scores[n] >= scorer.thresholds[n]}


def test_frozen_cabin_with_occupants(scorer: NeedScorer) -> None:
    """Ranked first and high; whether it acts is the policy's call (the card threshold, or the driver's personal
    threshold; winter_precondition_start.yaml acts)."""
    c = make_context(
        local_time=datetime(2025, 1, 15, 7, 40, tzinfo=TZ),
        cabin_temp_c=-9.0,
        outside_temp_c=-10.0,
        sun_w_m2=60.0,
        occupants=("driver", "passenger"),
        fog_risk_pct=5.0,
    )
    # parked at home on assets/maps/city.yaml: the nearest rest area 64 km away, a charger 1.5 km away
    scores, fired = _fires(
        scorer, c, make_extras(home_inside_temp_c=20.0, next_rest_area_m=64_000.0, next_charger_m=1_460.0)
    )
    assert "seat_heat" in fired, scores
    assert scores["precondition_cabin"] >= 0.8, scores
    assert scores["precondition_cabin"] == max(scores[n] for n in NEEDS if n != "seat_heat"), scores


def test_parked_at_home_warm_summer_noon_all_low(scorer: NeedScorer) -> None:
    c = make_context(
        local_time=datetime(2025, 7, 9, 12, 0, tzinfo=TZ),
        cabin_temp_c=23.0,
        outside_temp_c=27.0,
        hvac_on=True,
        sun_w_m2=850.0,
        soc_pct=80.0,
        energy_kwh=57.0,
    )
    scores, fired = _fires(scorer, c, make_extras(home_inside_temp_c=24.0, home_lights_on=False))
    assert not fired, scores
    assert max(scores.values()) < 0.3, scores


@pytest.mark.xfail(
    strict=True,
    reason="known weakness of needs.onnx 3.3.0: a car this far short still on the "
    "motorway after 30 minutes is, in the training data, mostly a 'do nothing' driver's (everybody "
    "else stopped), and it scores 0.1; the policy offers the stop on the fact that the battery "
    "cannot reach the destination (tests/proactive/test_range_fact.py)",
)
def test_soc_far_short_of_route_energy(scorer: NeedScorer) -> None:
    c = make_context(
        speed_kph=110.0,
        gear="D",
        soc_pct=15.0,
        energy_kwh=10.0,
        range_m=55_000.0,
        destination_id=30,
        distance_to_destination_m=250_000.0,
        time_to_destination_s=8000.0,
        consumption_kwh_per_100km=18.0,
        time_at_wheel_s=1800.0,
        fatigue_pct=20.0,
    )
    scores, fired = _fires(
        scorer,
        c,
        make_extras(
            distance_to_home_m=90_000.0,
            next_rest_area_m=20_000.0,
            next_charger_m=20_000.0,
            minutes_since_departure=30.0,
        ),
    )
    assert "charge_stop" in fired, scores


@pytest.mark.xfail(
    strict=True,
    reason="needs.onnx 3.4.0 scores this 0.49 (3.3.0: 0.52) under its rest-break "
    "threshold 0.55 (3.3.0: 0.25), chosen on the validation personas, where 0.25 gave 0.64 / 0.56 and "
    "0.4-0.55 0.71 / 0.53 (MODEL_CARD.md); the cockpit still offers the break here: at 85 % fatigue "
    "the driver camera reads drowsy and the policy's due_regardless fires",
)
def test_fatigue_after_two_hours(scorer: NeedScorer) -> None:
    c = make_context(
        speed_kph=115.0,
        gear="D",
        fatigue_pct=85.0,
        time_at_wheel_s=7200.0,
        destination_id=30,
        distance_to_destination_m=150_000.0,
        time_to_destination_s=5000.0,
        energy_kwh=60.0,
    )
    scores, fired = _fires(
        scorer,
        c,
        make_extras(
            distance_to_home_m=220_000.0,
            next_rest_area_m=15_000.0,
            next_charger_m=15_000.0,
            minutes_since_departure=120.0,
        ),
    )
    assert "rest_break" in fired, scores


def _arriving_home_in_two_minutes():
    # the last ~1.4 km to home is a 30 km/h residential road on assets/maps/city.yaml: 2 min ≈ 1 km out
    c = make_context(
        local_time=datetime(2025, 1, 15, 18, 40, tzinfo=TZ),
        speed_kph=30.0,
        gear="D",
        cabin_temp_c=21.0,
        outside_temp_c=-3.0,
        hvac_on=True,
        sun_w_m2=0.0,
        destination_id=1,
        distance_to_destination_m=1000.0,
        time_to_destination_s=120.0,
        time_at_wheel_s=900.0,
    )
    e = make_extras(
        distance_to_home_m=1000.0,
        heading_home=True,
        eta_home_s=120.0,
        home_inside_temp_c=19.5,
        home_climate_on=False,
        minutes_since_departure=15.0,
    )
    return c, e


@pytest.mark.xfail(
    strict=True,
    reason="known weakness of needs.onnx 3.2.0 and 3.3.0: the lights score peaks 3-5 "
    "min before the arrival (the personas' lead) and falls at 2 min (3.2.0: 0.72, under its 0.82 "
    "threshold); 3.3.0 scores this out-of-distribution context (rest_area_known 0) 0.2. On the "
    "simulated drive of scenarios/proactive_arrival_home.yaml it acts minutes out. See MODEL_CARD.md",
)
def test_arriving_home_in_two_minutes_winter_evening_lights(scorer: NeedScorer) -> None:
    scores, fired = _fires(scorer, *_arriving_home_in_two_minutes())
    assert "home_lights_on" in fired, scores


@pytest.mark.xfail(
    strict=True,
    reason="known weakness of needs.onnx 3.1.0: the same out-of-distribution context "
    "(rest_area_known 0) scores garage 0.0; on a real drive home (proactive_arrival_home.yaml) "
    "it is offered at ~1.4 km. See models/proactive/MODEL_CARD.md",
)
def test_arriving_home_in_two_minutes_winter_evening_garage(scorer: NeedScorer) -> None:
    scores, fired = _fires(scorer, *_arriving_home_in_two_minutes())
    assert "garage_open" in fired, scores
