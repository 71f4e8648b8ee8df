"""The developer bar injects bus faults into the running scenario; the dashboard tells what the cockpit saw."""

from __future__ import annotations

import pygame

from canbus.dbc import load_dbc
from cockpit.ui.fault_picker import FaultChoice, FaultPicker
from vehicle_sim.faults import FAULT_KINDS, fault_problem


def _press(app, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    app.frame(1 / 30)


class CarFaults:
    """The car's own fault registry (vehicle_sim.faults) as the picker reads it from a run."""

    def __init__(self, database) -> None:
        self.database = database
        self.fault_kinds = FAULT_KINDS

    def fault_problem(self, kind, message, *, at_s, duration_s, delay_s=None):
        return fault_problem(self.database, kind, message, at_s=at_s, duration_s=duration_s, delay_s=delay_s)


def test_the_picker_offers_every_kind_and_only_targets_it_can_act_on() -> None:
    database = load_dbc()
    picker = FaultPicker(database, CarFaults(database))
    seen_kinds = set()
    for _ in FAULT_KINDS:
        targets = picker.messages()
        kind = picker.choice().kind
        assert targets, kind
        for _ in targets:
            choice = picker.choice()
            assert (
                fault_problem(
                    database,
                    choice.kind,
                    choice.message,
                    at_s=1.0,
                    duration_s=choice.duration_s,
                    delay_s=choice.delay_s,
                )
                is None
            )
            picker.next_message()
        seen_kinds.add(kind)
        picker.next_kind()
    assert seen_kinds == set(FAULT_KINDS)


def test_keys_inject_a_fault_the_cockpit_then_tells(make_app) -> None:
    app = make_app()
    records: list[dict] = []
    app.controller.session.trace.subscribe(records.append)
    app.controller.set_warp(10.0)
    for _ in range(20):
        app.frame(1 / 30)
    _press(app, pygame.K_F2)
    assert app.scene.dev_bar.shown
    picker = app.controller.fault_picker
    while picker.choice().kind != "bad_crc":
        _press(app, pygame.K_k)
    chosen = picker.choice()
    _press(app, pygame.K_i)
    injected = [r for r in records if r["type"] == "fault_injected"]
    assert injected and injected[-1]["source"] == "dashboard" and injected[-1]["kind"] == "bad_crc"
    assert injected[-1]["message"] == chosen.message
    for _ in range(30):
        app.frame(1 / 30)
    assert any(r["type"] == "bus_fault" and r["message"] == chosen.message for r in records)
    alerts = [line.text for line in app.controller.feed.alerts]
    assert any("dashboard fault" in text for text in alerts)
    assert any(f"bus fault {chosen.message}" in text for text in alerts)
    _press(app, pygame.K_ESCAPE)
    assert not app.scene.dev_bar.shown


def test_a_fault_that_cannot_act_is_refused_with_a_notice(make_app) -> None:
    """A CRC fault on a message that has no CRC would change nothing: refused, said, not in the trace."""
    app = make_app()
    records: list[dict] = []
    app.controller.session.trace.subscribe(records.append)
    assert not app.controller.inject_fault(FaultChoice("bad_crc", "Body_Seats", 5.0, None))
    assert "has none" in app.controller.dev_notices[-1]
    assert app.controller.notices == [] or "has none" not in app.controller.notices[-1]  # not on the car's screen
    assert [r for r in records if r["type"] == "fault_injected"] == []
