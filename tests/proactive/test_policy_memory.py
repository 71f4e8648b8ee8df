"""The production policy's per-driver answer memory (cockpit/proactive/policy.py)."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest

from cockpit.proactive.features import NEEDS
from cockpit.proactive.needs import NEED_SPECS, NeedWords
from cockpit.proactive.policy import LEAVE_ALONE_AFTER, MUTE_AFTER, ProactivePolicy, situation_of
from cockpit.replies import REPLIES
from tests.proactive.helpers import make_context, make_extras

BASE = dict.fromkeys(NEEDS, 0.6)


def _policy(scores: dict[str, float]) -> ProactivePolicy:
    return ProactivePolicy(score=lambda c, e: dict(scores), thresholds=dict(BASE))


# The route distance left is unknown here, so the driver's personal threshold (which learns on it, see
# test_personal_thresholds.py) has no opinion and the answer memory alone is under test.
NO_ROUTE = {"distance_to_destination_m": None}


def _garage(policy: ProactivePolicy, now: float, accept: bool | None) -> list:
    """One tick arriving home; answer the garage card if one came up."""
    out = policy.evaluate(make_context(time_s=now, **NO_ROUTE), make_extras(heading_home=True, eta_home_s=90.0))
    if out and accept is not None:
        policy.answer(accept, now + 2.0)
    return out


def _threshold(policy: ProactivePolicy, need: str = "garage_open", **context) -> float:
    # the same situation as `_garage` (route distance band of the drive home)
    context = {**NO_ROUTE, **context}
    return policy.effective_threshold(need, make_context(**context), make_extras(heading_home=True, eta_home_s=90.0))


def test_empty_memory_is_the_card_threshold() -> None:
    policy = _policy({})
    assert all(_threshold(policy, n) == pytest.approx(BASE[n]) for n in NEEDS)
    assert policy.answers_state() == {"version": 2, "answers": {}, "thresholds": {}}


def test_dismissals_raise_the_threshold_then_mute() -> None:
    policy = _policy({"garage_open": 0.97})
    levels = [_threshold(policy)]
    now = 0.0
    for _ in range(MUTE_AFTER):
        assert [s.need for s in _garage(policy, now, accept=False)] == ["garage_open"]
        levels.append(_threshold(policy))
        now += 10 * 3600.0  # past the dismissal suppression
        policy.new_drive()  # the memory stays
    assert levels[0] < levels[1] < levels[2]
    assert math.isinf(levels[-1])
    assert _garage(policy, now, accept=None) == []  # muted in that situation, whatever the score
    once = _policy({"garage_open": 0.7})
    assert _garage(once, 0.0, accept=False)
    once.new_drive()
    assert _threshold(once) > 0.7
    assert _garage(once, 10 * 3600.0, accept=None) == []  # the same score no longer triggers


def test_acceptances_lower_the_threshold() -> None:
    policy = _policy({"garage_open": 0.7})
    now = 0.0
    for _ in range(3):
        assert _garage(policy, now, accept=True)
        now += 3600.0
        policy.new_drive()
    lowered = _threshold(policy)
    assert lowered < BASE["garage_open"]
    assert lowered >= BASE["garage_open"] - 0.15 - 1e-9  # bounded
    below_card = _policy({"garage_open": BASE["garage_open"] - 0.05})
    assert _garage(below_card, 0.0, accept=None) == []
    below_card.load_answers(policy.answers_state())
    assert [s.need for s in _garage(below_card, 0.0, accept=None)] == ["garage_open"]


def test_memory_is_per_situation_with_the_need_as_prior() -> None:
    policy = _policy({"seat_heat": 0.6})
    policy.memory.record("seat_heat", "cabin10", accepted=False)
    policy.memory.record("seat_heat", "cabin10", accepted=False)
    there = _threshold(policy, "seat_heat", cabin_temp_c=12.0)
    elsewhere = _threshold(policy, "seat_heat", cabin_temp_c=2.0)
    assert situation_of("seat_heat", make_context(cabin_temp_c=12.0), make_extras()) == "cabin10"
    home = make_extras(heading_home=True, eta_home_s=130.0)
    assert situation_of("garage_open", make_context(distance_to_destination_m=1300.0), home) == "route1000"
    assert situation_of("garage_open", make_context(distance_to_destination_m=1300.0), make_extras()) == "route?"
    assert situation_of("home_lights_on", make_context(), home) == "eta120"
    assert there > elsewhere > BASE["seat_heat"]


def test_undone_act_counts_as_dismissal_and_asks_next_time(monkeypatch: pytest.MonkeyPatch) -> None:
    seat_heat = NEED_SPECS["seat_heat"]
    with_a_card = NeedWords(offer={"en": "Seat heater?", "zh": "座椅加热？"}, done=seat_heat.words.done)
    monkeypatch.setitem(NEED_SPECS, "seat_heat", replace(seat_heat, words=with_a_card))
    context = make_context(cabin_temp_c=5.0)
    policy = _policy({"seat_heat": 0.95})
    first = policy.evaluate(context, make_extras())
    assert [(s.need, s.mode) for s in first] == [("seat_heat", "act")]
    assert policy.undone("seat_heat", context.time_s + 20.0)
    assert not policy.undone("seat_heat", context.time_s + 30.0)  # counted once
    assert _threshold(policy, "seat_heat", cabin_temp_c=5.0) > BASE["seat_heat"]
    again = _policy({"seat_heat": 0.99})
    again.load_answers(policy.answers_state())
    assert again.evaluate(context, make_extras()) == []  # refused at 5 °C: not again at 5 °C, whatever the score
    colder = make_context(cabin_temp_c=1.0)  # clearly colder: asked (it has words now), not done
    assert [(s.need, s.mode) for s in again.evaluate(colder, make_extras())] == [("seat_heat", "offer")]


def test_state_round_trips_through_json() -> None:
    policy = _policy({})
    policy.memory.record("garage_open", "any", accepted=True)
    policy.memory.record("defog", "fog30", accepted=False)
    policy.memory.record("defog", "fog30", accepted=False)
    state = json.loads(json.dumps(policy.answers_state()))
    assert state["answers"]["defog"]["fog30"] == {"accepted": 0.0, "dismissed": 2.0}
    copy = _policy({})
    copy.load_answers(state)
    assert copy.answers_state() == policy.answers_state()
    for need in NEEDS:
        for fog in (5.0, 35.0):
            assert _threshold(copy, need, fog_risk_pct=fog) == _threshold(policy, need, fog_risk_pct=fog)
    copy.load_answers(None)
    assert copy.answers_state()["answers"] == {}
    with pytest.raises(ValueError, match="version"):
        copy.load_answers({"version": 99, "answers": {}})
    with pytest.raises(ValueError, match="bad answer counts"):
        copy.load_answers({"version": 1, "answers": {"defog": {"fog30": {"accepted": -1}}}})


def test_deterministic() -> None:
    def run() -> tuple[list, dict]:
        policy = _policy({"garage_open": 0.8, "seat_heat": 0.9, "defog": 0.65})
        log = []
        for k in range(40):
            now = k * 1000.0
            context = make_context(time_s=now, cabin_temp_c=float(k % 20), fog_risk_pct=float(k % 50))
            for s in policy.evaluate(context, make_extras(heading_home=True, eta_home_s=60.0)):
                log.append((now, s.need, s.mode))
                if s.mode == "offer":
                    policy.answer(k % 3 == 0, now + 1.0)
                elif k % 4 == 0:
                    policy.undone(s.need, now + 5.0)
        return log, policy.answers_state()

    assert run() == run()


def test_arrival_card_waits_until_arrival_other_cards_expire() -> None:
    from cockpit.proactive.policy import CARD_EXPIRES_S

    policy = _policy({"garage_open": 0.9})
    out = policy.evaluate(make_context(time_s=100.0), make_extras(heading_home=True, eta_home_s=150.0))
    assert [s.need for s in out] == ["garage_open"]
    assert policy.expire(100.0 + CARD_EXPIRES_S + 1.0) is None  # still up: the driver may answer later
    assert policy.pending is not None
    assert policy.expire(100.0 + 150.0 + 16.0) is not None  # gone once home
    other = _policy({"charge_stop": 0.9})
    assert other.evaluate(
        make_context(time_s=0.0, destination_id=30, distance_to_destination_m=90_000.0), make_extras()
    )
    assert other.expire(CARD_EXPIRES_S) is not None


def test_no_card_wording_no_offer() -> None:
    """The seat heat has no card words (`NeedSpec.words.offer`): after an undo it is not offered (it would have
    no words), it stays quiet there and where it is warmer; a clearly colder cabin is tried again."""
    assert NEED_SPECS["seat_heat"].words.offer is None, "wording exists now: drop this test"
    assert "seat_heat_offer" not in REPLIES
    context = make_context(cabin_temp_c=5.0)
    policy = _policy({"seat_heat": 0.95})
    assert policy.evaluate(context, make_extras())
    assert policy.undone("seat_heat", context.time_s + 20.0)
    again = _policy({"seat_heat": 0.99})
    again.load_answers(policy.answers_state())
    assert again.evaluate(context, make_extras()) == []
    assert again.evaluate(make_context(cabin_temp_c=12.0), make_extras()) == []
    assert [s.mode for s in again.evaluate(make_context(cabin_temp_c=1.0), make_extras())] == ["act"]


def test_a_driver_who_refuses_everything_is_left_alone() -> None:
    foggy = make_context(fog_risk_pct=60.0, distance_to_destination_m=None)
    policy = _policy({"defog": 0.99})
    for i in range(LEAVE_ALONE_AFTER - 1):
        policy.memory.record("garage_open", f"route{i}", accepted=False)
    assert [s.need for s in policy.evaluate(foggy, make_extras())] == ["defog"]
    assert policy.undone("defog", foggy.time_s + 5.0)  # the fourth "no", and nothing ever kept
    again = _policy({"defog": 0.99})
    again.load_answers(policy.answers_state())
    assert again.memory.leaves_alone()
    assert again.evaluate(make_context(time_s=1000.0, fog_risk_pct=90.0), make_extras()) == []
    again.memory.record("garage_open", "route0", accepted=True)  # one "yes" anywhere: not that driver
    assert [s.need for s in again.evaluate(make_context(time_s=2000.0, fog_risk_pct=90.0), make_extras())] == ["defog"]


def test_habits_list_says_when_suggestions_are_off(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from cockpit.habits import HabitStore, profile_path
    from cockpit.proactive.assistant import ANSWERS_SECTION
    from runner.cli import main

    policy = _policy({})
    for i in range(LEAVE_ALONE_AFTER):
        policy.memory.record("defog", f"fog{10 * i}", accepted=False)
    store = HabitStore(profile_path(tmp_path, "wang"))
    store.sections[ANSWERS_SECTION] = policy.answers_state()
    store.save()
    assert main(["habits", "list", "--profiles", str(tmp_path), "--driver", "wang"]) == 0
    assert "proactive suggestions: off" in capsys.readouterr().out
    assert main(["habits", "reset", "--profiles", str(tmp_path), "--driver", "wang"]) == 0
    assert main(["habits", "list", "--profiles", str(tmp_path), "--driver", "wang"]) == 0
    assert "proactive suggestions: off" not in capsys.readouterr().out
