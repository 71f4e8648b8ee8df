"""A charging stop is offered when the battery cannot reach the destination, whatever the model scores."""

from __future__ import annotations

from cockpit.proactive.features import NEEDS
from cockpit.proactive.needs import cannot_arrive
from cockpit.proactive.policy import ProactivePolicy
from tests.proactive.helpers import make_context, make_extras

ON_THE_MOTORWAY = dict(
    speed_kph=110.0,
    gear="D",
    destination_id=30,
    distance_to_destination_m=250_000.0,
    time_to_destination_s=8000.0,
    consumption_kwh_per_100km=18.0,
    time_at_wheel_s=1800.0,
)


def _policy() -> ProactivePolicy:
    # the model says nobody wants anything
    return ProactivePolicy(score=lambda c, e: dict.fromkeys(NEEDS, 0.0), thresholds=dict.fromkeys(NEEDS, 0.6))


def _tick(policy: ProactivePolicy, now: float, energy_kwh: float, **context) -> list:
    c = make_context(time_s=now, energy_kwh=energy_kwh, soc_pct=energy_kwh / 0.74, **{**ON_THE_MOTORWAY, **context})
    return [s for s in policy.evaluate(c, make_extras(distance_to_home_m=90_000.0)) if s.need == "charge_stop"]


def test_short_of_the_route_energy_it_is_offered_on_the_facts() -> None:
    policy = _policy()
    offered = _tick(policy, 0.0, energy_kwh=10.0)  # the route needs 45 kWh
    assert [(s.mode, s.basis) for s in offered] == [("offer", "fact")]
    assert offered[0].actions[0].kind == "nav.add_stop" and offered[0].actions[0].data["category"] == "charger"


def test_enough_energy_leaves_it_to_the_model() -> None:
    assert _tick(_policy(), 0.0, energy_kwh=50.0) == []
    assert not cannot_arrive(make_context(energy_kwh=50.0, **ON_THE_MOTORWAY), make_extras())
    assert not cannot_arrive(
        make_context(energy_kwh=10.0, **{**ON_THE_MOTORWAY, "distance_to_destination_m": None}), make_extras()
    )  # the route unknown: no fact to act on


def test_a_refusal_still_holds() -> None:
    policy = _policy()
    assert _tick(policy, 0.0, energy_kwh=10.0)
    policy.answer(False, 5.0)
    assert _tick(policy, 60.0, energy_kwh=9.9) == []  # suppressed, and the personal "not wanted" holds
    assert _tick(policy, 4000.0, energy_kwh=9.0) == []  # 1 kWh further short is not "clearly more needed"
