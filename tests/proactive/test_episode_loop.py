"""The training episodes tick on the simulation's one loop (runner/tick_loop.py), at their own period."""

from __future__ import annotations

import random

import pytest

from models.proactive import simulate
from models.proactive.personas import sample_personas
from runner.tick_loop import TickSteps, run_ticks


def test_the_loop_runs_the_one_order_at_the_period_it_is_given() -> None:
    calls: list[tuple[str, float]] = []
    steps = TickSteps(
        events_due=lambda ms: calls.append(("events", ms)),
        car_step=lambda dt: calls.append(("step", dt)),
        transmit=lambda ms: calls.append(("transmit", ms)),
        poll=lambda s: calls.append(("poll", s)),
        cockpit_tick=lambda s: calls.append(("cockpit", s)),
        receive=lambda ms: calls.append(("receive", ms)),
    )
    end = run_ticks(steps, 0, 2000, tick_ms=1000, cockpit_period_ms=1000)
    assert end == 3000
    one_tick = ["events", "step", "transmit", "poll", "cockpit", "receive"]
    assert [name for name, _ in calls] == one_tick * 3
    assert [v for name, v in calls if name == "step"] == [1.0, 1.0, 1.0]
    assert [v for name, v in calls if name == "poll"] == [0.0, 1.0, 2.0]
    calls.clear()
    run_ticks(steps, 0, 2000, tick_ms=500, cockpit_period_ms=1000)
    assert [v for name, v in calls if name == "cockpit"] == [0.0, 1.0, 2.0]  # every other tick
    assert len([v for name, v in calls if name == "poll"]) == 5


def test_a_cockpit_period_that_is_not_a_whole_number_of_ticks_is_refused() -> None:
    with pytest.raises(ValueError, match="multiple of the tick"):
        run_ticks(TickSteps(), 0, 1000, tick_ms=300, cockpit_period_ms=1000)


def test_an_episode_samples_every_tick_of_its_period_and_hands_the_hook_each_second() -> None:
    """The episode's own clock is the loop's: one hook call and one sample per EPISODE_TICK_MS."""
    seen: list[float] = []

    def hook(now, seen_c, seen_e, context, extras, truth, world) -> None:
        assert context.time_s == now
        seen.append(now)

    hook.manual = lambda need, now: None
    persona = sample_personas(1)[0]
    scenario = simulate.sample_scenario(random.Random(5), kind="parked")
    episode = simulate.run_episode(persona, scenario, 12, hook=hook)
    assert simulate.EPISODE_TICK_MS == 1000
    assert seen == [float(k) for k in range(len(seen))] == list(episode.t)
    assert episode.hours == len(seen) / 3600.0
