"""Issue 17 item 7: big scenarios cost in proportion to their size, counted in executed lines, not timed.

A deterministic step counter (sys.settrace 'line' events in the scenario package) replaces a stopwatch: the
count is the same on a loaded CI machine as on a quiet one, and a quadratic loop shows as a count that grows
with the square of the size. Each test compares a size with four times that size.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import scenario
from scenario.expectations import ExpectationMonitor
from scenario.expressions import compile_expression
from scenario.loader import load_scenario_text
from scenario.report import format_summary, write_junit, write_report_json
from scenario.vocabulary import Vocabulary
from tests.scenario.conftest import SPEED

PACKAGE_DIR = str(Path(scenario.__file__).parent)
GROWTH = 4
# Linear work times GROWTH, with room for the fixed part; a quadratic part would give about GROWTH ** 2.
LINEAR_LIMIT = GROWTH * 1.25


def lines_executed(work: Callable[[], object]) -> int:
    """Lines of the scenario package that `work()` executes (other code is not traced: it stays fast)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_trace(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE_DIR) else None

    previous = sys.gettrace()
    sys.settrace(global_trace)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def events_text(count: int) -> str:
    events = "".join(
        f"  - {{at: {index % 50}s, id: e{index}, respond: {{answer: accept}}}}\n" for index in range(count)
    )
    return f"name: many_events\nduration: 60s\nevents:\n{events}"


def expectations_text(count: int) -> str:
    expect = "".join(f"  - id: x{index}\n    never: {SPEED} > {index + 1000}\n" for index in range(count))
    return f"name: many_expectations\nduration: 60s\nexpect:\n{expect}"


def test_loading_events_with_ids_grows_linearly():
    vocabulary = Vocabulary.permissive()
    small = lines_executed(lambda: load_scenario_text(events_text(300), vocabulary))
    large = lines_executed(lambda: load_scenario_text(events_text(300 * GROWTH), vocabulary))
    assert large / small < LINEAR_LIMIT, (small, large)


def test_loading_judging_and_reporting_expectations_grows_linearly(tmp_path):
    vocabulary = Vocabulary.permissive()

    def whole_life(count: int) -> Callable[[], object]:
        def run() -> None:
            loaded = load_scenario_text(expectations_text(count), vocabulary, tmp_path / f"x{count}.yaml")
            monitor = ExpectationMonitor(loaded.expectations)
            for sample in range(20):
                monitor.observe(sample / 10, lambda name: 1.0)
            results = monitor.finish(2.0)
            for expectation in loaded.expectations[:: max(1, count // 20)]:
                monitor.held_intervals(expectation.id)
            write_report_json(tmp_path / "report.json", loaded, results, {})
            write_junit(tmp_path / "junit.xml", loaded, results, None)
            format_summary(results)

        return run

    small = lines_executed(whole_life(200))
    large = lines_executed(whole_life(200 * GROWTH))
    assert large / small < LINEAR_LIMIT, (small, large)


def test_a_sample_of_membership_in_a_literal_list_costs_the_same_for_any_length(where):
    vocabulary = Vocabulary.permissive()

    def one_sample_cost(length: int, probe: object) -> int:
        items = ", ".join(str(index) for index in range(length))
        expression = compile_expression(f'{SPEED} in [{items}, "fog", true]', vocabulary, where)
        expression.evaluate(lambda name: probe)  # the first call may set things up: count the next one
        return lines_executed(lambda: expression.evaluate(lambda name: probe))

    for probe in (12.0000001, -3.5, "fog", True, None):
        assert one_sample_cost(100_000, probe) == one_sample_cost(100, probe), probe


def test_membership_lookup_keeps_the_language_semantics(where):
    vocabulary = Vocabulary.permissive()
    expression = compile_expression(f'{SPEED} in [1, 2.5, "a", false]', vocabulary, where)
    outside = compile_expression(f'{SPEED} not in [1, 2.5, "a", false]', vocabulary, where)
    reversed_form = compile_expression(f'[1, 2.5, "a", false] contains {SPEED}', vocabulary, where)
    # A list of pairs, not a dict: True == 1 and False == 0 as dict keys, which is the point being tested.
    cases = [
        (1.0000005, True),
        (2.5, True),
        (2.50001, False),
        ("a", True),
        ("A", False),
        (False, True),
        (0, False),
        (True, False),
        (1, True),
        (float("nan"), False),
        (float("inf"), False),
    ]
    for value, member in cases:
        assert expression.evaluate(lambda name, value=value: value) is member, value
        assert reversed_form.evaluate(lambda name, value=value: value) is member, value
        assert outside.evaluate(lambda name, value=value: value) is (not member), value
    assert expression.evaluate(lambda name: None) is False
    assert outside.evaluate(lambda name: None) is False  # a missing value is in no list and out of none


def held_stretches_judged_every_sample(expectations, samples) -> dict[str, list[tuple[float, float]]]:
    """The reference: every expression evaluated at every sample, stretches where it held."""
    from scenario.expressions import is_true

    stretches: dict[str, list[tuple[float, float]]] = {}
    for expectation in expectations:
        runs: list[list] = []
        for t_s, values in samples:
            held = is_true(expectation.expression.evaluate(values.get))
            if runs and runs[-1][2] is held:
                runs[-1][1] = t_s
            else:
                runs.append([t_s, t_s, held])
        stretches[expectation.id] = [(first, last) for first, last, held in runs if held]
    return stretches


VALUES = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 3.0, 3.0000001, 22.0]), st.sampled_from(["on", "off"]))


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(VALUES, VALUES, st.booleans()), min_size=1, max_size=30))
def test_judging_only_changed_names_gives_what_judging_every_sample_gives(steps):
    temperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
    expressions = [
        f"{SPEED} > 2",
        f"{SPEED} == {temperature}",
        f"{temperature} in [22, 3]",
        "1 < 2",
        f'{SPEED} == null or {temperature} == "on"',
        f"not {SPEED} >= 1",
        f"{SPEED} + 1 > {temperature}",
    ]
    text = "name: t\nduration: 1min\nexpect:\n" + "".join(
        f"  - id: x{index}\n    always: {expression}\n" for index, expression in enumerate(expressions)
    )
    loaded = load_scenario_text(text, Vocabulary.permissive())
    samples = []
    for index, (speed, temp, record_sample) in enumerate(steps):
        # A record sample between two clock samples has the same time as the one before: allowed, and judged.
        samples.append((index // 2 if record_sample else index / 2, {SPEED: speed, temperature: temp}))
    samples.sort(key=lambda sample: sample[0])
    monitor = ExpectationMonitor(loaded.expectations)
    for t_s, values in samples:
        monitor.observe(t_s, values.get)
    expected = held_stretches_judged_every_sample(loaded.expectations, samples)
    assert {e.id: monitor.held_intervals(e.id) for e in loaded.expectations} == expected


def test_a_sample_where_nothing_changed_costs_the_same_for_any_number_of_expectations():
    def quiet_sample_cost(count: int) -> int:
        monitor = ExpectationMonitor(load_scenario_text(expectations_text(count), Vocabulary.permissive()).expectations)
        monitor.observe(0.0, {SPEED: 12.0}.get)
        monitor.observe(0.1, {SPEED: 12.5}.get)  # a change: all are judged again
        return lines_executed(lambda: monitor.observe(0.2, {SPEED: 12.5}.get))

    assert quiet_sample_cost(5000) == quiet_sample_cost(50)
