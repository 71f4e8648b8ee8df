"""Which requests wait for a yes is one list of rules (cockpit/confirmations.py), read by the cockpit as the guard's
rules are: each rule holds for what it names and nothing else, and a rule added to the list is honoured."""

from __future__ import annotations

from cockpit.actions import Action
from cockpit.confirmations import DEFAULT_CONFIRMATIONS, ConfirmationRule, confirmation_for
from tests.cockpit_e2e.harness import Run, UnderstandingFeed
from tests.cockpit_e2e.test_compound_and_answers import _understanding


def test_each_default_rule_holds_for_what_it_names_only():
    garage = Action("home.open", {"device": "garage"})
    window = Action("home.open", {"device": "window"})
    route = Action("nav.navigate", {"destination": "home"})
    cancel = Action("nav.cancel", {})
    assert confirmation_for(garage, "driver").reply_key == "confirm_home_open"
    assert confirmation_for(garage, "driver").params["device"] == "garage"
    assert confirmation_for(window, "driver") is None
    assert confirmation_for(route, "driver") is None  # the driver's own route change goes ahead
    assert confirmation_for(route, "passenger").reply_key == "confirm_passenger_route"
    assert confirmation_for(route, "passenger").confirming_seat == "driver"
    assert confirmation_for(cancel, "rear_left").reply_key == "confirm_passenger_cancel"
    assert [rule.name for rule in DEFAULT_CONFIRMATIONS] == ["home_access", "passenger_route"]


def test_a_rule_added_to_the_list_makes_the_cockpit_ask_first(parts):
    feed = UnderstandingFeed()
    run = Run(parts, "parked_at_home", feed)
    try:
        trunk = ConfirmationRule(
            "trunk", lambda action, _seat: action.kind == "body.open", lambda _: "confirm_home_open"
        )
        run.session.cockpit.confirmations = (*DEFAULT_CONFIRMATIONS, trunk)
        feed.next = _understanding("open the trunk", "en", [("body.open", {"target": "trunk"})])
        turn = run.turn("driver", "open the trunk")
        assert turn.actions == []  # nothing done before the yes
        assert turn.replies and turn.replies[0]["text"].endswith("?")
    finally:
        run.close()
