"""The safety guard: actions that are unsafe in the current state are refused, with a reason to speak."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cockpit.actions import Action
from cockpit.context import CockpitContext
from cockpit.home.geofence import HomeGeofence, Zone, is_guarded_home_access
from cockpit.zones import is_rear


@dataclass(frozen=True)
class Refusal:
    rule: str
    reason_key: str  # a reply key, spoken in the utterance's language
    params: Mapping[str, Any] = field(default_factory=dict)  # what the reason says (how far home is)


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
    if (
        action.kind == "window.set"
        and context.speed_kph is not None
        and context.speed_kph > 120
        and float(action.data.get("position", 0)) > 30
    ):
        return Refusal("window_at_high_speed", "refuse_window_high_speed")
    return None


def home_access_rule(geofence: HomeGeofence) -> Rule:
    """Garage and gate: only the driver's voice (or the screen), and only within the geofence's approach; within
    it and outside the opening radius the cockpit waits for the radius (Cockpit.perform), never refuses."""

    def rule(action: Action, context: CockpitContext) -> Refusal | None:
        if not is_guarded_home_access(action.kind, action.data.get("device")):
            return None
        if action.source == "voice" and action.seat != "driver":
            return Refusal("home_access_not_driver", "refuse_home_not_driver")
        distance_m = context.distance_to_home_m
        zone = geofence.zone(distance_m)
        if zone is Zone.UNKNOWN or distance_m is None:  # the zone of no distance is UNKNOWN
            return Refusal("home_access_position_unknown", "refuse_home_position_unknown")
        if zone is Zone.FAR:
            distances = {"distance_km": distance_m / 1000, "approach_km": geofence.approach_m / 1000}
            return Refusal("home_access_far_from_home", "refuse_home_far", distances)
        return None

    return rule


DEFAULT_RULES: tuple[Rule, ...] = (
    _closures_only_when_stationary,
    _rear_seats_keep_to_their_zone,
    _windows_need_known_speed_above_highway,
)


class SafetyGuard:
    def __init__(self, rules: tuple[Rule, ...] = DEFAULT_RULES, geofence: HomeGeofence | None = None) -> None:
        self.geofence = geofence or HomeGeofence()
        self.rules = (*rules, home_access_rule(self.geofence))

    def check(self, action: Action, context: CockpitContext) -> Refusal | None:
        for rule in self.rules:
            refusal = rule(action, context)
            if refusal is not None:
                return refusal
        return None
