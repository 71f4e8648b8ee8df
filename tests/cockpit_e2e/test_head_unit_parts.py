"""A head unit is assembled from the parts it is given (cockpit/parts.py): a guard rule, a confirmation rule or an
action registry passed in `HeadUnitParts` is the one the cockpit uses, with nothing patched inside `Cockpit`."""

from __future__ import annotations

import itertools
from typing import Any

import can
import pytest

from canbus.port import BusPort
from cockpit.actions import Action, build_default_registry
from cockpit.cockpit import Cockpit
from cockpit.confirmations import DEFAULT_CONFIRMATIONS, ConfirmationRule
from cockpit.context import CockpitContext
from cockpit.nlu.model import Understanding
from cockpit.parts import HeadUnitParts
from cockpit.safety import DEFAULT_RULES, Refusal
from cockpit.trace import TraceRecorder
from runner.assembly import Parts

_channels = itertools.count(1)
REQUEST = Understanding("set the temperature to 22", "en", "climate.set_temperature", 0.99, {"temperature": 22.0})


class OneRequestUnderstander:
    """TEST DOUBLE for the NLU model: every utterance is the one request above."""

    def understand(self, text: str) -> Understanding:
        return REQUEST


@pytest.fixture(scope="module")
def shared() -> Parts:
    return Parts()


def hear_once(shared: Parts, head_unit: HeadUnitParts) -> tuple[Cockpit, list[dict[str, Any]]]:
    bus = can.Bus(interface="virtual", channel=f"tests-head-unit-parts-{next(_channels)}")
    records: list[dict[str, Any]] = []
    trace = TraceRecorder(None)
    trace.subscribe(records.append)
    cockpit = Cockpit(BusPort(bus, shared.codec), trace, shared.roadmap, head_unit)
    try:
        cockpit.hear("driver", REQUEST.text, 1.0)
    finally:
        bus.shutdown()
    return cockpit, records


def _refuse_climate(action: Action, context: CockpitContext) -> Refusal | None:
    return Refusal("test_no_climate", "refuse_rear_route") if action.kind.startswith("climate.") else None


def test_a_guard_rule_given_in_the_parts_refuses_and_says_why(shared: Parts) -> None:
    _, records = hear_once(
        shared, HeadUnitParts(OneRequestUnderstander(), guard_rules=(*DEFAULT_RULES, _refuse_climate))
    )
    actions = [r for r in records if r["type"] == "action"]
    assert [(a["kind"], a["status"], a["reason"]) for a in actions] == [
        ("climate.set_temperature", "refused", "test_no_climate")
    ]
    replies = [r["text"] for r in records if r["type"] == "utterance" and r["speaker"] == "assistant"]
    assert replies == ["Only the driver can change the route."]


def test_the_default_parts_do_not_refuse_it_by_that_rule(shared: Parts) -> None:
    _, records = hear_once(shared, HeadUnitParts(OneRequestUnderstander()))
    actions = [r for r in records if r["type"] == "action"]
    assert actions and all(a["reason"] != "test_no_climate" for a in actions)


def test_a_confirmation_rule_given_in_the_parts_asks_first(shared: Parts) -> None:
    ask_for_climate = ConfirmationRule(
        "test_climate_waits",
        lambda action, seat: action.kind.startswith("climate."),
        lambda action: "confirm_home_open",
    )
    cockpit, records = hear_once(
        shared, HeadUnitParts(OneRequestUnderstander(), confirmations=(*DEFAULT_CONFIRMATIONS, ask_for_climate))
    )
    assert [r for r in records if r["type"] == "action"] == []  # nothing done before the yes
    assert cockpit.assistant.has_card_for("driver")


def test_an_action_registry_given_in_the_parts_is_the_one_used(shared: Parts) -> None:
    registry = build_default_registry()
    head_unit = HeadUnitParts(OneRequestUnderstander(), registry=registry)
    cockpit, _ = hear_once(shared, head_unit)
    assert cockpit.registry is registry and cockpit.understander is head_unit.understander
