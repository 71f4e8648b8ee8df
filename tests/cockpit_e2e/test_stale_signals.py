"""Stale data never drives an action: every action kind × every message the cockpit reads, made stale on a real bus.

An action whose effect the car reports on a stale (or never received) message is refused with the reason
`signal_stale` and a spoken reason; every other action is not refused for that reason. Relative requests ("fan up",
"warmer", "seat heating up", "open the window a bit more", "wipers faster") start from the value on the bus: while
that value's message is stale they are refused and say what cannot be read; once it is fresh they step from it.
"""

from __future__ import annotations

from typing import Any

import pytest

from canbus import vss
from cockpit.actions import Action, build_default_registry
from cockpit.actions.schema import Field
from cockpit.bus import make_signal_store
from cockpit.nlu.model import Understanding
from tests.cockpit_e2e.harness import Run, UnderstandingFeed, reply_keys
from vehicle_sim.faults import BusFaultWindow

REGISTRY = build_default_registry()
OFF_THE_BUS = ("home.", "media.", "voice.")  # the house, the head unit's own player, the loudspeakers
LONGEST_TIMEOUT_S = 10.0  # a 1 s message is stale after 10 cycles without a valid frame
FAULT_S = 3600.0


def _sample(field: Field) -> Any:
    if field.choices:
        return field.choices[0]
    if field.kind is str:
        return "home"
    return field.minimum if field.minimum is not None else 1


def sample_actions() -> list[Action]:
    """One action of every registered kind, with every required field (a choice, a minimum)."""
    actions = []
    for kind in REGISTRY.kinds():
        data = {name: _sample(field) for name, field in REGISTRY.schema(kind).items() if field.required}
        if kind == "nav.navigate":
            data["destination"] = "office"
        actions.append(Action(kind, data, source="ui", seat="driver"))
    return actions


def _inbound_messages(parts) -> list[str]:
    return make_signal_store(parts.codec).messages()


def test_every_action_on_the_bus_names_the_signals_that_report_it():
    for action in sample_actions():
        on_the_bus = not action.kind.startswith(OFF_THE_BUS)
        assert bool(REGISTRY.feedback_paths(action)) == on_the_bus, action.kind


@pytest.fixture(scope="module")
def messages(parts) -> list[str]:
    return _inbound_messages(parts)


def _stale_run(parts, message: str, feed=None) -> Run:
    run = Run(parts, "parked_at_home", feed or UnderstandingFeed())
    now_ms = round(run.session.now_s * 1000)
    run.session.ecus.faults.add(BusFaultWindow(message, "drop", now_ms, now_ms + round(FAULT_S * 1000)))
    run.session.advance(run.session.now_s + LONGEST_TIMEOUT_S + 1.0)
    return run


def test_every_action_kind_with_every_message_stale(parts, messages):
    store = make_signal_store(parts.codec)
    problems = []
    for message in messages:
        run = _stale_run(parts, message)
        try:
            assert run.session.cockpit.store.message_quality(message, run.session.now_s).value == "stale"
            for action in sample_actions():
                depends = message in {store.message_of(p) for p in REGISTRY.feedback_paths(action)}
                result = run.session.cockpit.perform(action, run.session.now_s)
                if depends and result.status != "refused":
                    problems.append(f"{message} stale: {action.kind} {dict(action.data)} was {result.status}")
                if not depends and result.reason == "signal_stale":
                    problems.append(f"{message} stale: {action.kind} refused though it does not depend on it")
                if result.reason == "signal_stale" and result.reply_key != "refuse_signal_stale":
                    problems.append(f"{action.kind} refused for stale data without saying so")
        finally:
            run.close()
    assert not problems, "\n".join(problems)


# (intent, slots, the message the request starts from, the signal path whose value it steps, how it steps)
RELATIVE_REQUESTS = [
    ("climate.set_fan", {"direction": "up"}, "HVAC_Status", "Vehicle.Private.Cabin.HVAC.FanLevel", +1),
    ("climate.set_fan", {"direction": "down"}, "HVAC_Status", "Vehicle.Private.Cabin.HVAC.FanLevel", -1),
    (
        "climate.adjust_temperature",
        {"direction": "up"},
        "HVAC_Zones",
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
        +1.0,
    ),
    (
        "climate.adjust_temperature",
        {"direction": "down"},
        "HVAC_Zones",
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
        -1.0,
    ),
    ("seat.heat", {"direction": "up"}, "Body_Seats", "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling", +1),
    ("seat.ventilate", {"direction": "up"}, "Body_Seats", "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling", +1),
    (
        "window.set",
        {"state": "open", "direction": "up"},
        "Body_Windows",
        "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
        +25.0,
    ),
    ("wiper.set", {"direction": "up"}, "Body_Lights", "Vehicle.Body.Windshield.Front.Wiping.Mode", None),
]


# Seat levels travel as VSS HeatingCooling: the level a request steps from is read back from it.
BUS_TO_LEVEL = {"seat.heat": vss.seat_heat_level, "seat.ventilate": vss.seat_ventilation_level}


@pytest.mark.parametrize(
    "intent, slots, message, path, step",
    RELATIVE_REQUESTS,
    ids=[f"{r[0]}-{'-'.join(map(str, r[1].values()))}" for r in RELATIVE_REQUESTS],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_relative_requests_start_from_the_bus_and_refuse_while_it_is_stale(
    parts, intent, slots, message, path, step, lang
):
    feed = UnderstandingFeed()
    run = _stale_run(parts, message, feed)
    records: list[dict] = []
    run.session.trace.subscribe(records.append)
    try:
        text = f"{intent} {slots}"
        feed.next = Understanding(text, lang, intent, 0.99, dict(slots))
        turn = run.turn("driver", text)
        assert [a["status"] for a in turn.actions] == ["refused"], turn.describe()
        assert turn.actions[0]["reason"] == "signal_stale"
        assert reply_keys(turn.replies[0]["text"], lang) == {"reading_unavailable"}, turn.describe()

        run.session.ecus.faults.clear()  # the message comes back
        run.session.advance(run.session.now_s + 2.0)
        before = BUS_TO_LEVEL.get(intent, lambda value: value)(run.session.cockpit.store.last(path))
        feed.next = Understanding(text, lang, intent, 0.99, dict(slots))
        turn = run.turn("driver", text)
        assert [a["status"] for a in turn.actions] == ["sent"], turn.describe()
        if step is not None:
            sent = turn.actions[0]
            value = sent.get("level", sent.get("temperature", sent.get("position")))
            assert value == pytest.approx(max(0, before + step)), (before, turn.describe())
    finally:
        run.close()
