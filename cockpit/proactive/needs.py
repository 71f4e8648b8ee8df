"""What the assistant does about each need: its risk, timings, and the actions that meet it.

Low-risk needs with a confident score are met at once and the assistant says so; the others are
offered on a card (spoken once) that the driver accepts or dismisses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from canbus.limits import COMFORT_C
from cockpit.actions import Action
from cockpit.context import CockpitContext
from cockpit.driver_monitor import DROWSY_LEVEL_PCT
from cockpit.proactive.extras import ProactiveExtras

MINUTE = 60.0
FRESH_AT_WHEEL_S = 15 * MINUTE  # no break suggested before this long at the wheel
# the home's climate is offered in the last minutes of the drive home, not earlier: a "no" to a house
# heated half an hour ahead often means "not yet", and an early "yes" heats an empty house
HOME_CLIMATE_WINDOW_S = 12 * MINUTE

Plan = tuple[tuple[Action, ...], dict[str, Any]]  # actions, reply parameters


@dataclass(frozen=True)
class NeedSpec:
    name: str
    low_risk: bool  # may act without asking when confident
    act_margin: float  # score ≥ threshold + margin → act directly (low-risk needs only)
    cooldown_s: float  # after an offer or an act, not again for this long
    dismissed_for_s: float  # after a dismissal, suppressed for this long
    reply: str  # reply key (act: "<reply>_done", offer: "<reply>_offer")
    plan: Callable[[CockpitContext, ProactiveExtras], Plan | None]
    quiet_after_manual_s: float = 30 * MINUTE  # somebody did it by hand: not again for this long
    # a fact that makes the need due whatever the model scores (the battery cannot reach the destination);
    # the driver's refusals still hold (suppression, a personal "not wanted", a need muted there)
    due_regardless: Callable[[CockpitContext, ProactiveExtras], bool] | None = None


def _proactive(kind: str, **data: Any) -> Action:
    return Action(kind, {k: v for k, v in data.items() if v is not None}, source="proactive", seat="driver")


def _precondition(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if context.cabin_temp_c is None or context.hvac_on:
        return None
    zones = [z for z in ("driver", "passenger") if context.occupied.get(z)] or ["driver"]
    actions = tuple(_proactive("climate.set_temperature", zone=z, temperature=COMFORT_C) for z in zones)
    return actions, {"cabin": context.cabin_temp_c, "temperature": COMFORT_C}


def in_home_climate_window(extras: ProactiveExtras) -> bool:
    """Heading home, due within HOME_CLIMATE_WINDOW_S: when the home's climate may be offered."""
    eta = extras.eta_home_s
    return bool(extras.heading_home) and eta is not None and eta <= HOME_CLIMATE_WINDOW_S


def _home_climate(temperature: float) -> Callable[[CockpitContext, ProactiveExtras], Plan | None]:
    def plan(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
        if extras.home_climate_on or not in_home_climate_window(extras):
            return None
        return (_proactive("home.set_temperature", temperature=temperature),), {"temperature": temperature}

    return plan


def _charge_stop(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    # A stop already on the route (the nav module reports it) is the driver's own charging plan.
    if context.destination_id is None or context.is_charging or context.next_stop_id is not None:
        return None
    return (_proactive("nav.add_stop", category="charger", charge_to=80),), {}


def cannot_arrive(context: CockpitContext, extras: ProactiveExtras) -> bool:
    """The rest of the route needs more energy than the battery holds. The model learns what drivers
    want, and a driver still on the motorway that far short has, in its data, mostly been one who wants
    no suggestions (everybody else stopped): it scores such a car low, and the car would not get there."""
    need = context.energy_to_destination_kwh
    return context.energy_kwh is not None and need is not None and context.energy_kwh < need


def _rest_break(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    # not in the first minutes at the wheel: the driver just set off, or just had a break
    if (
        context.destination_id is None
        or context.next_stop_id is not None
        or (context.time_at_wheel_s or 0.0) < FRESH_AT_WHEEL_S
    ):
        return None
    return (_proactive("nav.add_stop", category="rest_area"),), {}


def driver_drowsy(context: CockpitContext, extras: ProactiveExtras) -> bool:
    """The driver camera reads the driver as drowsy (the level of its audible warning): a break is due whatever
    the model scores, as the warning itself asks for one."""
    return context.fatigue_pct is not None and context.fatigue_pct >= DROWSY_LEVEL_PCT[1]


def _garage(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if extras.garage_open:
        return None
    return (_proactive("home.open", device="garage"),), {}


def _home_lights(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if extras.home_lights_on:
        return None
    return (_proactive("home.turn_on", device="light", room="entrance"),), {}


def _defog(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if context.front_defrost_on:
        return None
    return (_proactive("climate.defrost", target="front", state="on"),), {}


def _seat_heat(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    seats = [s for s, occupied in context.occupied.items() if occupied and not context.seat_heat.get(s)]
    if not seats:
        return None
    return tuple(_proactive("seat.heat", zone=s, level=2) for s in seats), {}


NEED_SPECS: dict[str, NeedSpec] = {
    spec.name: spec
    for spec in (
        NeedSpec("precondition_cabin", True, 0.0, 30 * MINUTE, 60 * MINUTE, "precondition", _precondition),
        NeedSpec("preheat_home", False, 1.0, 20 * MINUTE, 120 * MINUTE, "preheat_home", _home_climate(COMFORT_C)),
        NeedSpec("precool_home", False, 1.0, 20 * MINUTE, 120 * MINUTE, "precool_home", _home_climate(24.0)),
        NeedSpec(
            "charge_stop",
            False,
            1.0,
            15 * MINUTE,
            30 * MINUTE,
            "charge_stop",
            _charge_stop,
            due_regardless=cannot_arrive,
        ),
        NeedSpec(
            "rest_break", False, 1.0, 15 * MINUTE, 20 * MINUTE, "rest_break", _rest_break, due_regardless=driver_drowsy
        ),
        NeedSpec(
            "garage_open", False, 1.0, 10 * MINUTE, 30 * MINUTE, "garage", _garage, quiet_after_manual_s=10 * MINUTE
        ),
        NeedSpec(
            "home_lights_on",
            True,
            0.1,
            10 * MINUTE,
            60 * MINUTE,
            "home_lights",
            _home_lights,
            quiet_after_manual_s=10 * MINUTE,
        ),
        # the defroster goes off again once the glass is clear; a new fog-up is a new need
        NeedSpec("defog", True, 0.0, 2 * MINUTE, 30 * MINUTE, "defog", _defog, quiet_after_manual_s=2 * MINUTE),
        NeedSpec("seat_heat", True, 0.1, 30 * MINUTE, 60 * MINUTE, "seat_heat", _seat_heat),
    )
}
