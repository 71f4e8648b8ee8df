"""The driver's own threshold per need (cockpit/proactive/preferences.py) inside the production policy."""

from __future__ import annotations

import json

import pytest

from cockpit.actions import Action
from cockpit.proactive.features import NEEDS
from cockpit.proactive.needs import need_met_by
from cockpit.proactive.policy import ProactivePolicy
from cockpit.proactive.preferences import RETRY_STEPS, URGES, Bracket, PersonalThresholds, reading_of
from tests.proactive.helpers import make_context, make_extras

QUIET_MODEL = dict.fromkeys(NEEDS, 0.0)  # the model never fires: only the personal threshold can


def _policy(scores: dict[str, float] | None = None) -> ProactivePolicy:
    return ProactivePolicy(score=lambda c, e: dict(scores or QUIET_MODEL), thresholds=dict.fromkeys(NEEDS, 0.6))


def _fog(policy: ProactivePolicy, now: float, fog: float) -> list[str]:
    context = make_context(time_s=now, fog_risk_pct=fog)
    return [s.need for s in policy.evaluate(context, make_extras()) if s.need == "defog"]


def test_bracket_triggers_below_wanted_then_bisects() -> None:
    bracket = Bracket(wanted=30.0)
    assert bracket.trigger(2.0) == 28.0  # the driver was faster: try earlier
    bracket.not_wanted = 20.0
    assert bracket.trigger(2.0) == 25.0  # both ends known: the middle
    bracket.not_wanted = 29.0
    assert bracket.trigger(2.0) == 30.0  # close enough: where they wanted it
    assert Bracket(not_wanted=20.0).trigger(2.0) == 20.0 + RETRY_STEPS * 2.0
    assert Bracket().trigger(2.0) is None


def test_done_by_hand_teaches_when_to_act() -> None:
    policy = _policy()
    assert _fog(policy, 0.0, 33.0) == []  # no evidence, the model is quiet
    policy.manual("defog", 1.0)  # the driver switched the defroster on at 33 %
    assert policy.memory.personal.brackets[("defog", "windshield")].wanted == pytest.approx(33.0)
    fresh = _policy()
    fresh.load_answers(json.loads(json.dumps(policy.answers_state())))
    assert _fog(fresh, 0.0, 30.0) == []
    assert _fog(fresh, 1.0, 31.5) == ["defog"]  # one step (2 %) before they did it themselves


def test_refusal_stops_it_there_and_retries_further_on() -> None:
    policy = _policy()
    assert _fog(policy, 0.0, 40.0) == []
    policy.manual("defog", 0.0)  # wanted at 40 %: next time from 38 %
    assert _fog(policy, 200.0, 38.5) == ["defog"]
    assert policy.undone("defog", 210.0)  # ... but not at 38.5 %
    bracket = policy.memory.personal.brackets[("defog", "windshield")]
    assert bracket.not_wanted == pytest.approx(38.5) and bracket.wanted == pytest.approx(40.0)
    assert _fog(policy, 280.0, 38.0) == []  # refused there
    assert _fog(policy, 290.0, 39.0) == []  # between the ends, below the trigger: the model's call
    assert _fog(policy, 300.0, 40.0) == ["defog"]


def test_doing_it_yourself_does_not_overrule_a_refusal() -> None:
    thresholds = PersonalThresholds()
    thresholds.learn("defog", (("windshield", 30.0),), wanted=False)
    thresholds.learn("defog", (("windshield", 29.0),), wanted=True, by_hand=True)
    assert thresholds.brackets[("defog", "windshield")].wanted is None
    thresholds.learn("defog", (("windshield", 35.0),), wanted=True, by_hand=True)
    assert thresholds.brackets[("defog", "windshield")].wanted == 35.0
    # refused twice and never kept: their own actions no longer count as asking for it
    declined = PersonalThresholds()
    declined.learn("garage_open", (("home", -1500.0),), wanted=False)
    declined.learn("garage_open", (("home", -900.0),), wanted=False)
    declined.learn("garage_open", (("home", -60.0),), wanted=True, by_hand=True)
    assert declined.brackets[("garage_open", "home")].wanted is None


def test_undo_takes_back_only_that_needs_evidence() -> None:
    """Two needs acted at once, then both undone: each restores its own bracket (not a whole snapshot)."""
    policy = _policy()
    cold = make_context(cabin_temp_c=4.0, occupants=("driver", "passenger"))
    policy.memory.personal.learn("precondition_cabin", reading_of("precondition_cabin", cold, make_extras()), True)
    policy.memory.personal.learn("seat_heat", reading_of("seat_heat", cold, make_extras()), True)
    acted = sorted(s.need for s in policy.evaluate(cold, make_extras()))
    assert acted == ["precondition_cabin", "seat_heat"]
    assert policy.undone("precondition_cabin", 110.0) and policy.undone("seat_heat", 111.0)
    state = policy.answers_state()["thresholds"]
    assert state["precondition_cabin"]["cold"]["refused"] == 1
    assert state["seat_heat"]["with_others"]["refused"] == 1


def test_readings_only_where_the_preference_applies() -> None:
    extras_home = make_extras(heading_home=True, eta_home_s=300.0)
    assert reading_of("precondition_cabin", make_context(cabin_temp_c=3.0), make_extras()) == (("cold", -3.0),)
    assert reading_of("precondition_cabin", make_context(cabin_temp_c=3.0, speed_kph=50.0), make_extras()) == ()
    assert reading_of("precondition_cabin", make_context(cabin_temp_c=3.0, hvac_on=True), make_extras()) == ()
    assert reading_of("garage_open", make_context(distance_to_destination_m=800.0), extras_home) == (("home", -800.0),)
    assert reading_of("garage_open", make_context(distance_to_destination_m=800.0), make_extras()) == ()
    assert reading_of("defog", make_context(fog_risk_pct=None), make_extras()) == ()
    assert reading_of("home_lights_on", make_context(sun_w_m2=0.0), extras_home) == (("dark", -300.0),)
    assert reading_of("preheat_home", make_context(), make_extras(heading_home=True, eta_home_s=3600.0)) == ()
    driving = make_context(speed_kph=100.0, destination_id=30, fatigue_pct=40.0, time_at_wheel_s=5400.0)
    assert reading_of("rest_break", driving, make_extras()) == (("fatigue", 40.0), ("clock", 90.0))
    assert set(URGES) == set(NEEDS)


def _tired(fatigue: float, minutes: float) -> tuple:
    context = make_context(speed_kph=100.0, destination_id=30, fatigue_pct=fatigue, time_at_wheel_s=minutes * 60.0)
    return reading_of("rest_break", context, make_extras())


def test_a_break_by_the_clock_is_not_learnt_as_a_break_when_tired() -> None:
    """Either quantity may be the driver's reason: a "yes" teaches the one that explains it, a "no" both."""
    thresholds = PersonalThresholds()
    thresholds.learn("rest_break", _tired(40.0, 125.0), wanted=True, by_hand=True)  # stops after ~2 h, not tired
    assert ("rest_break", "fatigue") not in thresholds.brackets
    assert thresholds.brackets[("rest_break", "clock")].wanted == pytest.approx(125.0)
    assert thresholds.opinion("rest_break", _tired(45.0, 30.0)) is None  # tired-ish early on: the model's call
    assert thresholds.opinion("rest_break", _tired(45.0, 120.0)) is None  # two steps before: not yet
    assert thresholds.opinion("rest_break", _tired(45.0, 123.5)) is True  # one step (2 min) before the clock
    thresholds.learn("rest_break", _tired(55.0, 100.0), wanted=False)  # "not now": bounds both quantities
    assert thresholds.brackets[("rest_break", "fatigue")].not_wanted == pytest.approx(55.0)
    assert thresholds.brackets[("rest_break", "clock")].not_wanted == pytest.approx(100.0)
    assert thresholds.opinion("rest_break", _tired(50.0, 90.0)) is False  # below both: quiet
    assert thresholds.opinion("rest_break", _tired(56.0, 90.0)) is None  # more tired than refused: the model's call
    # no retry probe six minutes on for a quantity that was never wanted: the "no" may have been about it
    assert thresholds.opinion("rest_break", _tired(58.0, 100.0 + RETRY_STEPS * 2.0 + 1.0)) is None
    # a "yes" with the fatigue far past a typical driver's threshold is about the fatigue
    tired = PersonalThresholds()
    tired.learn("rest_break", _tired(80.0, 50.0), wanted=True)
    assert tired.brackets[("rest_break", "fatigue")].wanted == pytest.approx(80.0)
    assert ("rest_break", "clock") not in tired.brackets
    assert any("min at the wheel" in line for line in thresholds.describe())


def test_state_round_trip_and_bad_state() -> None:
    thresholds = PersonalThresholds()
    thresholds.learn("defog", (("windshield", 30.0),), wanted=True)
    thresholds.learn("garage_open", (("home", -1500.0),), wanted=False)
    again = PersonalThresholds.from_state(json.loads(json.dumps(thresholds.state())))
    assert again.state() == thresholds.state()
    with pytest.raises(ValueError, match="bad personal threshold"):
        PersonalThresholds.from_state({"defog": {"windshield": {"wanted": "high"}}})
    with pytest.raises(ValueError, match="bad personal threshold"):
        PersonalThresholds.from_state({"defog": {"windshield": {"kept": -1}}})
    policy = _policy()
    policy.load_answers({"version": 1, "answers": {}})  # a profile from before the thresholds still loads
    assert policy.answers_state()["thresholds"] == {}


@pytest.mark.parametrize(
    ("kind", "data", "need"),
    [
        ("climate.defrost", {"target": "front", "state": "on"}, "defog"),
        ("climate.defrost", {"target": "front", "state": "off"}, None),
        ("climate.set_temperature", {"zone": "driver", "temperature": 22.0}, "precondition_cabin"),
        ("climate.power", {"state": "off"}, None),
        ("seat.heat", {"zone": "driver", "level": 2}, "seat_heat"),
        ("seat.heat", {"zone": "driver", "level": 0}, None),
        ("nav.add_stop", {"category": "rest_area"}, "rest_break"),
        ("nav.add_stop", {"category": "charger"}, "charge_stop"),
        ("nav.add_stop", {"category": "coffee"}, None),
        ("home.open", {"device": "garage"}, "garage_open"),
        ("home.turn_on", {"device": "light", "room": "entrance"}, "home_lights_on"),
    ],
)
def test_what_a_persons_action_meets(kind: str, data: dict, need: str | None) -> None:
    assert need_met_by(Action(kind, data, source="voice", seat="driver")) == need


def test_setting_the_home_temperature_heats_or_cools_by_the_rooms_temperature() -> None:
    action = Action("home.set_temperature", {"temperature": 22.0}, source="voice", seat="driver")
    assert need_met_by(action, home_temp_c=17.0) == "preheat_home"
    assert need_met_by(action, home_temp_c=29.0) == "precool_home"
    assert need_met_by(action) is None  # the room's temperature unknown: nothing to learn


def test_after_a_no_the_model_waits_but_her_threshold_asks_again_nearer_home() -> None:
    home = make_extras(heading_home=True, eta_home_s=240.0)

    def garage(policy: ProactivePolicy, now: float, metres: float | None) -> list[tuple[str, str]]:
        out = policy.evaluate(make_context(time_s=now, distance_to_destination_m=metres), home)
        return [(s.need, s.basis) for s in out if s.need == "garage_open"]

    policy = _policy({"garage_open": 0.99})
    assert garage(policy, 0.0, 2000.0) == [("garage_open", "model")]
    policy.answer(False, 1.0)  # not yet, 2 km out
    assert garage(policy, 90.0, 1800.0) == []  # refused there, and the model waits
    assert garage(policy, 100.0, 1500.0) == [("garage_open", "personal")]  # clearly nearer: asked again
    blind = _policy({"garage_open": 0.99})  # route distance unknown: no personal threshold
    assert garage(blind, 0.0, None) == [("garage_open", "model")]
    blind.answer(False, 1.0)
    assert garage(blind, 100.0, None) == []  # the whole dismissal time


def test_at_the_door_their_own_hand_gives_way_to_an_answer() -> None:
    """Everybody opens the garage at the door: that taught 'wanted 60 m out'; a "no" nearer home
    than they ever answered "yes" outweighs it, and the remote at the door no longer counts."""
    thresholds = PersonalThresholds()
    thresholds.learn("garage_open", (("home", -60.0),), wanted=True, by_hand=True)
    bracket = thresholds.brackets[("garage_open", "home")]
    assert bracket.trigger(URGES["garage_open"].scale.step) == -210.0
    thresholds.learn("garage_open", (("home", -210.0),), wanted=False)  # offered 210 m out: no
    assert bracket.wanted is None
    thresholds.learn("garage_open", (("home", -55.0),), wanted=True, by_hand=True)  # the remote again
    assert bracket.wanted is None
    assert thresholds.opinion("garage_open", (("home", -40.0),)) is False  # not offered at the door
    # a comfort need keeps what was done by hand: a colder "no" does not erase a warmer "yes"
    comfort = PersonalThresholds()
    comfort.learn("seat_heat", (("driver_alone", -8.0),), wanted=True, by_hand=True)
    comfort.learn("seat_heat", (("driver_alone", -9.0),), wanted=False)
    assert comfort.brackets[("seat_heat", "driver_alone")].wanted == -8.0


def test_after_a_no_the_model_does_not_creep_up_on_it() -> None:
    """Refused at 12 °C and never wanted: quiet until the retry is due at 9 °C, whatever the score
    (it would otherwise act again at 11.9 °C, 11.8 °C, ...); from there on it asks again."""
    thresholds = PersonalThresholds()
    thresholds.learn("seat_heat", (("driver_alone", -12.0),), wanted=False)
    step = URGES["seat_heat"].scale.step
    assert thresholds.opinion("seat_heat", (("driver_alone", -11.5),)) is False
    assert thresholds.opinion("seat_heat", (("driver_alone", -12.0 + RETRY_STEPS * step),)) is True
    thresholds.learn("seat_heat", (("driver_alone", -5.0),), wanted=True)  # wanted at 5 °C
    assert thresholds.opinion("seat_heat", (("driver_alone", -11.5),)) is None  # between the ends: the model's call


def test_a_second_break_is_suggested_after_the_first() -> None:
    """Her threshold says 'a break' again after the first break and fifteen minutes back at the wheel,
    though the model's score never fell clear of its threshold: the break re-armed it."""
    policy = _policy({"rest_break": 0.5})  # under the card's 0.6, never clear of it

    def drive(now: float, fatigue: float, at_wheel_min: float, moving: bool = True) -> list[str]:
        context = make_context(
            time_s=now,
            fatigue_pct=fatigue,
            time_at_wheel_s=at_wheel_min * 60.0,
            speed_kph=100.0 if moving else 0.0,
            gear="D" if moving else "P",
            destination_id="office",
            distance_to_destination_m=90_000.0,
        )
        return [s.need for s in policy.evaluate(context, make_extras()) if s.need == "rest_break"]

    policy.memory.personal.learn("rest_break", _tired(60.0, 70.0), wanted=True)  # she took one at 60 %
    assert drive(0.0, 62.0, 80.0) == ["rest_break"]
    policy.answer(True, 5.0)
    assert drive(600.0, 63.0, 90.0, moving=False) == []  # the break
    assert drive(2400.0, 61.0, 10.0) == []  # fresh at the wheel
    assert drive(2800.0, 64.0, 17.0) == ["rest_break"]


def test_a_home_warmer_than_the_one_she_had_heated_is_the_models_call() -> None:
    """She had the home heated when it was 9.6 °C: at 12 °C that says nothing (cold too, or not), so the
    model decides; the timing is the last minutes of the drive, not a learnt quantity."""
    thresholds = PersonalThresholds()
    thresholds.learn("preheat_home", (("home", -9.6),), wanted=True)
    assert thresholds.opinion("preheat_home", (("home", -12.0),)) is None
    assert thresholds.opinion("preheat_home", (("home", -9.0),)) is True
    # the thermostat turned up at the door, then a "no" to having it done on the way: the door gives way
    door = PersonalThresholds()
    door.learn("preheat_home", (("home", -15.0),), wanted=True, by_hand=True)  # 15 °C at the door
    door.learn("preheat_home", (("home", -16.0),), wanted=False)  # not at 16 °C on the way
    assert door.brackets[("preheat_home", "home")].wanted is None
