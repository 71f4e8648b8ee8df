"""A fault that could not act as written is an error when the scenario loads, naming the file and line.

Every kind × every message (and none), at 0 s and later, lasting no time or a while, with and without a
`delay`: where `vehicle_sim.faults.fault_problem` gives a reason, loading fails with it at the fault's line;
where it gives none, the scenario loads. Cases a scenario writer meets are spelled out below as well, so a
`fault_problem` that grew too lenient (every case None) fails here too.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from canbus.dbc import load_dbc
from runner.assembly import Parts
from scenario.errors import ScenarioError
from scenario.loader import load_scenario_text
from vehicle_sim.faults import FAULT_KINDS, fault_problem

DATABASE = load_dbc()
MESSAGES = [None] + [m.name for m in DATABASE.messages]
FAULT_LINE = 5


def scenario_with(fault: dict, at: str) -> str:
    fields = ", ".join(f"{key}: {value}" for key, value in fault.items())
    return (
        f"name: fault_check\nduration: 20s\nevents:\n  - at: {at}\n    fault: {{{fields}}}\n"
        f"expect:\n  - {{id: runs, eventually: 'Vehicle.Speed >= 0'}}\n"
    )


def load(parts: Parts, text: str):
    return load_scenario_text(text, parts.vocabulary, Path("faults.yaml"))


def test_every_kind_and_message_loads_exactly_when_the_fault_can_act(parts: Parts) -> None:
    refused = accepted = 0
    for kind, message, at_s, duration_s, delay_s in itertools.product(
        FAULT_KINDS, MESSAGES, (0.0, 2.0), (0.0, 3.0), (None, 0.5, 15.0)
    ):
        if delay_s is not None and not FAULT_KINDS[kind].takes_delay:
            continue
        fault = {"kind": kind, "for": f"{duration_s:g}s"}
        if message is not None:
            fault["message"] = message
        if delay_s is not None:
            fault["delay"] = f"{delay_s:g}s"
        problem = fault_problem(DATABASE, kind, message, at_s=at_s, duration_s=duration_s, delay_s=delay_s)
        text = scenario_with(fault, f"{at_s:g}s")
        if problem is None:
            load(parts, text)
            accepted += 1
            continue
        with pytest.raises(ScenarioError) as raised:
            load(parts, text)
        error = raised.value
        assert problem in str(error), (kind, message, at_s, duration_s, delay_s)
        assert error.location is not None and error.location.line == FAULT_LINE, (kind, message, str(error))
        refused += 1
    assert refused > 100 and accepted > 100  # both sides of the rule are exercised


@pytest.mark.parametrize(
    ("fault", "at", "reason"),
    [
        ({"message": "VCU_Dynamics", "kind": "stale_counter", "for": "5s"}, "0s", "has sent none"),
        ({"message": "CCU_Body_Cmd", "kind": "drop", "for": "5s"}, "2s", "cockpit's own command"),
        ({"message": "HVAC_Status", "kind": "drop", "for": "0s"}, "2s", "longer than 0 s"),
        ({"message": "Body_Seats", "kind": "bad_crc", "for": "5s"}, "2s", "has none"),
        ({"message": "VCU_Status", "kind": "out_of_range", "for": "5s"}, "2s", "nothing can be out of range"),
        ({"message": "VCU_Status", "kind": "spoofed_command", "for": "5s"}, "2s", "not a cockpit command"),
        ({"message": "HVAC_Status", "kind": "delayed", "for": "5s", "delay": "0.2s"}, "2s", "give a `delay` above"),
        ({"message": "HVAC_Status", "kind": "bus_off", "for": "5s"}, "2s", "leave out `message`"),
        ({"kind": "drop", "for": "5s"}, "2s", "needs a `message`"),
        ({"message": "HVAC_Status", "kind": "melt", "for": "5s"}, "2s", "melt"),
    ],
)
def test_a_fault_that_cannot_act_is_named_at_load(parts: Parts, fault: dict, at: str, reason: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        load(parts, scenario_with(fault, at))
    assert reason in str(raised.value)
    assert raised.value.location is not None and raised.value.location.line == FAULT_LINE
