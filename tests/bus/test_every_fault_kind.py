"""Every fault kind on every message it can act on is detected while it lasts, and the cockpit recovers after.

The pairs come from the fault registry itself (`vehicle_sim.faults.FAULT_KINDS` and `fault_problem`), so a
new kind or a new message is checked without a line here. Each pair runs as a scenario through the real
session: the car drives, its ECUs send every message through the fault gateway, the cockpit reads the bus.
Detected: the cockpit rejected a frame of the message (`bus_fault`) or judged it not valid (`signal_quality`
stale / implausible) while the fault acted. Recovered: a while after the fault, every message the cockpit
reads is valid and no frame of it is rejected any more.

A stuck value with a live counter and a valid CRC looks like a steady one except where a second source
tells the same fact (`STUCK_DETECTABLE`): on the other messages it is not expected to be detected, and is
not in this list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from canbus.dbc import load_dbc, message_timeout_s
from runner.assembly import Parts
from scenario.loader import load_scenario_text
from vehicle_sim.faults import FAULT_KINDS, STUCK_DETECTABLE, fault_problem

DATABASE = load_dbc()
START_S = 2.0
SETTLE_AFTER_S = 4.0  # a protected message needs a run of good frames, a doubted one a calm of 2 s


def fault_start_s(kind: str) -> float:
    # A stuck value is told only when it is far from the truth: frozen at rest while the car drives off.
    return 0.5 if kind == "stuck_value" else START_S


def fault_timing(kind: str, message: str | None) -> tuple[float, float | None]:
    """(how long the fault lasts, its delay): long enough for the message's timeout to tell."""
    timeout_s = message_timeout_s(DATABASE.get_message_by_name(message)) if message else 1.0
    delay_s = timeout_s + 1.0 if FAULT_KINDS[kind].takes_delay else None
    if kind == "stuck_value":  # told by the second source only once the car has moved a while
        return 15.0, None
    return max(3.0, timeout_s + 2.0), delay_s


def applicable_pairs() -> list[tuple[str, str | None]]:
    pairs = []
    for kind in FAULT_KINDS:
        for message in [None] + [m.name for m in DATABASE.messages]:
            duration_s, delay_s = fault_timing(kind, message)
            if fault_problem(DATABASE, kind, message, at_s=fault_start_s(kind), duration_s=duration_s, delay_s=delay_s):
                continue
            if kind == "stuck_value" and message not in STUCK_DETECTABLE:
                continue
            pairs.append((kind, message))
    return pairs


def scenario_text(kind: str, message: str | None) -> tuple[str, float, float]:
    """The scenario, when the fault's effect is over, and when the run ends."""
    duration_s, delay_s = fault_timing(kind, message)
    fault = {"kind": kind, "for": f"{duration_s:g}s"}
    if message is not None:
        fault["message"] = message
    if delay_s is not None:
        fault["delay"] = f"{delay_s:g}s"
    over_s = fault_start_s(kind) + duration_s + (delay_s or 0.0)
    cycle_s = (DATABASE.get_message_by_name(message).cycle_time or 1000) / 1000 if message else 1.0
    end_s = over_s + 2 * cycle_s + SETTLE_AFTER_S + 2.0
    fields = ", ".join(f"{key}: {value}" for key, value in fault.items())
    text = (
        f"name: fault_{kind}_{message or 'bus'}\nseed: 3\nduration: {end_s:g}s\n"
        f'start: {{time: "2026-01-08T07:50:00+08:00", place: home}}\nroute: {{to: office}}\n'
        f"events:\n  - at: {fault_start_s(kind):g}s\n    fault: {{{fields}}}\n"
    )
    return text, over_s, end_s


@pytest.mark.parametrize(
    ("kind", "message"), applicable_pairs(), ids=lambda value: value if value is not None else "whole_bus"
)
def test_fault_is_detected_and_the_cockpit_recovers(parts: Parts, kind: str, message: str | None) -> None:
    text, over_s, end_s = scenario_text(kind, message)
    scenario = load_scenario_text(text, parts.vocabulary, Path(f"<{kind}>"))
    session = parts.session(scenario, None)
    records: list[dict] = []
    session.trace.subscribe(records.append)
    outcome = session.run()
    assert outcome.error is None, outcome.error

    def tells_of(record: dict) -> bool:
        if record["type"] == "bus_fault":
            return message is None or record["message"] == message
        if record["type"] in ("signal_quality", "bus_state"):
            return record.get("quality", record.get("state")) in ("stale", "implausible", "silent") and (
                message is None or record.get("message", message) == message
            )
        return False

    told = [r for r in records if fault_start_s(kind) <= r["t"] <= over_s + 1.0 and tells_of(r)]
    assert told, f"{kind} on {message or 'the bus'}: nothing in the trace tells of it"
    settled_s = end_s - 2.0
    late_rejections = [r for r in records if r["type"] == "bus_fault" and r["t"] >= settled_s]
    assert late_rejections == []
    last_quality: dict[str, str] = {}
    for record in records:
        if record["type"] == "signal_quality":
            last_quality[record["message"]] = record["quality"]
    assert {m: q for m, q in last_quality.items() if q != "valid"} == {}
