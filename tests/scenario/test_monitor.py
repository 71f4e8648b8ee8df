from __future__ import annotations

import pytest

from scenario.expectations import ExpectationMonitor, ExpectationResult
from scenario.loader import load_scenario_text
from scenario.vocabulary import Vocabulary

SPEED = "Vehicle.Speed"
TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"


def monitor_for(expect_yaml: str, duration: str = "1min", events: str = "") -> ExpectationMonitor:
    scenario = load_scenario_text(
        f"name: t\nduration: {duration}\n{events}expect:\n{expect_yaml}", Vocabulary.permissive()
    )
    return ExpectationMonitor(scenario.expectations)


def replay(monitor: ExpectationMonitor, signal_at, end_s: float = 60.0, step_s: float = 0.1) -> None:
    """Sample every `step_s` like the runner; `signal_at(t)` gives the values at time t."""
    for index in range(round(end_s / step_s) + 1):
        t = index * step_s  # like the runner's clock: accumulated float error on purpose
        values = signal_at(t)
        monitor.observe(t, values.get)


def only(results: list[ExpectationResult]) -> ExpectationResult:
    assert len(results) == 1
    return results[0]


def warming(reach_s: float):
    """Cabin temperature rising linearly from 18 to 22 at `reach_s`, then steady."""
    return lambda t: {TEMP: 22.0 if t >= reach_s else 18.0 + 4.0 * t / reach_s}


WITHIN = f"  - id: climate_set\n    within: 3s\n    after: 5s\n    that: {TEMP} == 22\n"


def test_within_passes_when_true_inside_the_window():
    monitor = monitor_for(WITHIN)
    replay(monitor, warming(7.0))
    result = only(monitor.finish(60.0))
    assert result.passed
    assert result.time_s == pytest.approx(7.0)
    assert result.actual == {TEMP: 22.0}
    assert result.expected == "true within 3 s after 5 s"


def test_within_fails_when_true_only_after_the_window_and_reports_last_value_in_window():
    monitor = monitor_for(WITHIN)
    replay(monitor, warming(9.0))
    result = only(monitor.finish(60.0))
    assert not result.passed and result.time_s is None
    assert result.actual[TEMP] == pytest.approx(18.0 + 4.0 * 8.0 / 9.0)  # value at t = 8 s
    assert "never held" in result.message


def test_within_fails_when_true_only_before_the_window():
    monitor = monitor_for(WITHIN)
    replay(monitor, lambda t: {TEMP: 22.0 if t < 4.0 else 20.0})
    assert not only(monitor.finish(60.0)).passed


def test_within_passes_when_already_true_at_window_start():
    monitor = monitor_for(WITHIN)
    replay(monitor, lambda t: {TEMP: 22.0})
    result = only(monitor.finish(60.0))
    assert result.passed and result.time_s == pytest.approx(5.0)


def test_eventually_with_arrival_resolved_at_finish():
    monitor = monitor_for(
        '  - id: pre\n    eventually: home.living_room.ac.mode == "heat"\n    before: arrival - 10s\n'
    )
    replay(monitor, lambda t: {"home.living_room.ac.mode": "heat" if t >= 30 else "off"})
    monitor.set_time_of("arrival", 45.0)
    assert only(monitor.finish(60.0)).passed

    late = monitor_for('  - id: pre\n    eventually: home.living_room.ac.mode == "heat"\n    before: arrival - 10s\n')
    replay(late, lambda t: {"home.living_room.ac.mode": "heat" if t >= 30 else "off"})
    late.set_time_of("arrival", 35.0)
    result = only(late.finish(60.0))
    assert not result.passed and result.actual == {"home.living_room.ac.mode": "off"}


def test_arrival_that_never_happens_fails_clearly():
    monitor = monitor_for(f"  - id: pre\n    eventually: {SPEED} > 1\n    before: arrival - 5min\n")
    replay(monitor, lambda t: {SPEED: 50.0})
    result = only(monitor.finish(60.0))
    assert not result.passed
    assert result.actual == "arrival never happened"


def test_always_pass_and_first_violation():
    expect = f"  - id: slow\n    always: {SPEED} < 100\n    after: 10s\n"
    monitor = monitor_for(expect)
    replay(monitor, lambda t: {SPEED: 150.0 if t < 5 else 80.0})  # fast only before the window
    assert only(monitor.finish(60.0)).passed

    monitor = monitor_for(expect)
    replay(monitor, lambda t: {SPEED: 120.0 if 20 <= t < 21 else 80.0})
    result = only(monitor.finish(60.0))
    assert not result.passed
    assert result.time_s == pytest.approx(20.0) and result.actual == {SPEED: 120.0}
    assert result.units == {}


def test_always_fails_on_missing_values():
    monitor = monitor_for(f"  - id: slow\n    always: {SPEED} < 100\n")
    replay(monitor, lambda t: {SPEED: None if t < 1 else 10.0})
    assert not only(monitor.finish(60.0)).passed


def test_never_with_record_fields_only_seen_at_record_samples():
    expect = f'  - id: no_trunk\n    never: action.kind == "body.open" and {SPEED} > 3\n'
    monitor = monitor_for(expect)
    replay(monitor, lambda t: {SPEED: 30.0}, end_s=10.0)
    # An action record between two samples: record fields resolvable only at this observation.
    monitor.observe(10.05, {SPEED: 30.0, "action.kind": "body.open"}.get)
    replay_from = [10.1 + 0.1 * i for i in range(10)]
    for t in replay_from:
        monitor.observe(t, {SPEED: 30.0}.get)
    result = only(monitor.finish(11.0))
    assert not result.passed
    assert result.time_s == pytest.approx(10.05)
    assert result.actual == {SPEED: 30.0, "action.kind": "body.open"}


def test_never_passes_when_the_record_happens_while_stopped():
    monitor = monitor_for(f'  - id: no_trunk\n    never: action.kind == "body.open" and {SPEED} > 3\n')
    replay(monitor, lambda t: {SPEED: 0.0}, end_s=10.0)
    monitor.observe(10.05, {SPEED: 0.0, "action.kind": "body.open"}.get)
    assert only(monitor.finish(10.05)).passed


def test_window_from_an_event_id():
    events = "events:\n  - at: 20s\n    id: honk\n    driver: {fatigue: 0.9}\n"
    monitor = monitor_for(f"  - id: calm\n    within: 2s\n    after: honk\n    that: {SPEED} < 10\n", events=events)
    replay(monitor, lambda t: {SPEED: 5.0 if t >= 21 else 50.0})
    result = only(monitor.finish(60.0))
    assert result.passed and result.time_s == pytest.approx(21.0)


def test_window_without_samples_is_a_failure_not_a_silent_pass():
    monitor = monitor_for(f"  - id: late\n    never: {SPEED} > 1\n    after: 50s\n    before: 55s\n", duration="2min")
    replay(monitor, lambda t: {SPEED: 0.0}, end_s=30.0)
    result = only(monitor.finish(30.0))
    assert not result.passed and "no samples" in result.message

    monitor = monitor_for(f"  - id: late\n    never: {SPEED} > 1\n    after: 50s\n", duration="2min")
    replay(monitor, lambda t: {SPEED: 0.0}, end_s=30.0)
    result = only(monitor.finish(30.0))  # the run stopped early: [50 s, end] is empty
    assert not result.passed and "ends before it starts" in result.message


def test_observe_refuses_time_going_backwards():
    monitor = monitor_for(f"  - id: a\n    always: {SPEED} > 1\n")
    monitor.observe(1.0, {}.get)
    with pytest.raises(ValueError):
        monitor.observe(0.5, {}.get)


def test_held_intervals_are_compressed():
    monitor = monitor_for(f"  - id: a\n    eventually: {SPEED} > 10\n")
    replay(monitor, lambda t: {SPEED: 20.0 if 1 <= t < 2 or 5 <= t < 6 else 0.0}, end_s=10.0)
    intervals = monitor.held_intervals("a")
    assert len(intervals) == 2
    assert intervals[0] == pytest.approx((1.0, 1.9))
    assert intervals[1] == pytest.approx((5.0, 5.9))
