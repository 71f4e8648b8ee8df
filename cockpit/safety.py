"""The safety guard: actions that are unsafe in the current state are refused, with a reason to speak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cockpit.actions import Action
from cockpit.context import CockpitContext
from cockpit.zones import is_rear


@dataclass(frozen=True)
class Refusal:
    rule: str
    reason_key: str   # a reply key, spoken in the utterance's language


Rule = Callable[[Action, CockpitContext], Refusal | None]


def _closures_only_when_stationary(action: Action, context: CockpitContext) -> Refusal | None:
    if action.kind != "body.open":
        return None
    if context.is_moving is None:
        # Stale or missing speed must not let a trunk open on the road.
        return Refusal("closure_speed_unknown", "refuse_speed_unknown")
    if context.is_moving:
        return Refusal("closure_while_moving", "refuse_open_while_moving")
    return None


def _rear_seats_keep_to_their_zone(action: Action, context: CockpitContext) -> Refusal | None:
    if action.source != "voice" or not is_rear(action.seat):
        return None
    if action.kind.startswith("nav."):
        return Refusal("rear_changes_route", "refuse_rear_route")
    zone = action.data.get("zone") or action.data.get("seat")
    if action.kind.startswith(("climate.", "seat.", "window.")) and zone in ("driver", "passenger", "all"):
        return Refusal("rear_changes_front_zone", "refuse_rear_front_zone")
    return None


def _windows_need_known_speed_above_highway(action: Action, context: CockpitContext) -> Refusal | None:
    if action.kind == "window.set" and context.speed_kph is not None and context.speed_kph > 120 \
            and float(action.data.get("position", 0)) > 30:
        return Refusal("window_at_high_speed", "refuse_window_high_speed")
    return None


GUARDED_HOME_DEVICES = ("garage", "gate")


def _home_access_near_home_by_the_driver(action: Action, context: CockpitContext) -> Refusal | None:
    """Garage and gate open only for the driver's voice (or the screen) with the car near home."""
    if action.kind not in ("home.open", "home.close") or action.data.get("device") not in GUARDED_HOME_DEVICES:
        return None
    if action.source == "voice" and action.seat != "driver":
        return Refusal("home_access_not_driver", "refuse_home_not_driver")
    if not context.near_home:
        return Refusal("home_access_far_from_home", "refuse_home_far")
    return None


DEFAULT_RULES: tuple[Rule, ...] = (_closures_only_when_stationary, _rear_seats_keep_to_their_zone,
                                   _windows_need_known_speed_above_highway, _home_access_near_home_by_the_driver)


class SafetyGuard:
    def __init__(self, rules: tuple[Rule, ...] = DEFAULT_RULES) -> None:
        self.rules = rules

    def check(self, action: Action, context: CockpitContext) -> Refusal | None:
        for rule in self.rules:
            refusal = rule(action, context)
            if refusal is not None:
                return refusal
        return None
