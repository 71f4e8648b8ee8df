"""Which requests wait for a yes before they are carried out, as a list of rules (like the safety guard's).

A rule reads one action of a turn and the seat that asked; the first rule that holds makes the cockpit ask the
confirming seat (the driver) with its reply key and the words that key says, and carry the turn out only on a yes.
A request the guard refuses is never asked about (cockpit.py checks the guard first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cockpit.actions import Action
from cockpit.home.geofence import is_guarded_home_access


@dataclass(frozen=True)
class Confirmation:
    rule: str
    reply_key: str  # what the confirming seat is asked (cockpit/replies.py)
    params: dict[str, object]
    confirming_seat: str = "driver"


@dataclass(frozen=True)
class ConfirmationRule:
    name: str
    applies: Callable[[Action, str], bool]  # (action, seat that asked)
    reply_key: Callable[[Action], str]


def _home_access(action: Action, seat: str) -> bool:
    return action.kind == "home.open" and is_guarded_home_access(action.kind, action.data.get("device"))


def _passenger_route(action: Action, seat: str) -> bool:
    return action.kind.startswith("nav.") and seat != "driver"


_PASSENGER_ROUTE_KEYS = {"nav.cancel": "confirm_passenger_cancel", "nav.add_stop": "confirm_passenger_stop"}

# The garage or gate opens only on a yes; a passenger's route change is the driver's to confirm.
DEFAULT_CONFIRMATIONS: tuple[ConfirmationRule, ...] = (
    ConfirmationRule("home_access", _home_access, lambda action: "confirm_home_open"),
    ConfirmationRule(
        "passenger_route",
        _passenger_route,
        lambda action: _PASSENGER_ROUTE_KEYS.get(action.kind, "confirm_passenger_route"),
    ),
)


def confirmation_for(
    action: Action, seat: str, rules: tuple[ConfirmationRule, ...] = DEFAULT_CONFIRMATIONS
) -> Confirmation | None:
    """The confirmation an action needs from this seat, or None when it goes ahead."""
    for rule in rules:
        if rule.applies(action, seat):
            params: dict[str, object] = {
                "device": str(action.data.get("device", "")).replace("_", " "),
                "place": action.data.get("destination") or action.data.get("category", ""),
            }
            return Confirmation(rule.name, rule.reply_key(action), params)
    return None
