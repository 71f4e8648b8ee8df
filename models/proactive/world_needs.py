"""The training world's side of each proactive need, described once: one `WorldNeed` per `NeedSpec`.

cockpit/proactive/needs.py says what the cockpit does about a need (in the same order: a test checks it);
this says what the simulated world makes of it: when a persona truly wants it (the ground truth the model
learns, on the TRUE car state), which of the persona's hidden preferences decide that (what `diagnose` prints
beside an error), what meeting it does to the simulated car and home, what the persona does to revert an act
it did not want, which switch the persona's own hand turns when it meets the need itself, and when the need
becomes critical (the eval's lead time). `wants`, `meet_need`, the eval and the diagnosis iterate over
WORLD_NEEDS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.needs import FRESH_AT_WHEEL_S  # nobody wants a rest area just after setting off or resting
from cockpit.zones import SEATS
from models.proactive.personas import Persona, is_dark

if TYPE_CHECKING:
    from cockpit.actions import Action
    from models.proactive.simulate import Episode, World
    from vehicle_sim.car import Car

DEFOG_RELEASE_PCT = 6.0  # once fogged, the persona keeps wanting defog until the risk falls this far below

# wanted(persona, true context, extras, the needs of the previous second)
Wanted = Callable[[Persona, CockpitContext, ProactiveExtras, "set[str] | frozenset[str]"], bool]
# meet(world, the set point the suggestion names, the seats its actions name)
Meet = Callable[["World", "float | None", "tuple[str, ...] | None"], None]
Revert = Callable[["World", "Sequence[Action]"], None]  # the persona undoes an act (its actions)
Critical = Callable[["Episode", int, int], np.ndarray]  # (episode, start, end) -> offsets from start


@dataclass(frozen=True)
class WorldNeed:
    name: str
    preference: tuple[str, ...]  # the persona's hidden parameters that decide the need
    wanted: Wanted
    meet: Meet
    critical: Critical | None = None  # offsets (from the need episode's start) where it is critical; None: its end
    revert: Revert | None = None  # None: the assistant never acts on it unasked
    # the switches the persona's own hand may turn to meet it (one value each): any that goes on meets it
    by_hand: Callable[[Car], tuple[Any, ...]] | None = None


# --- shared pieces ---------------------------------------------------------------------------------
def _occupants(context: CockpitContext) -> list[str]:
    return [s for s in SEATS if context.occupied.get(s)]


def _cabin_with_people(context: CockpitContext) -> float | None:
    """The cabin's temperature when somebody is in the car (else None): the cabin needs may arise."""
    return context.cabin_temp_c if _occupants(context) else None


def _eta_arriving(context: CockpitContext, extras: ProactiveExtras) -> float | None:
    """The time to home when heading home and not yet there (else None): the home needs may arise."""
    return extras.eta_home_s if extras.heading_home and not context.has_arrived else None


def _planned_stop(context: CockpitContext) -> bool:
    """A stop already on the route (`next_stop_id`) is the persona's own charging / break plan."""
    return context.next_stop_id is not None


def _until_arrival(ep: Episode, start: int, end: int) -> np.ndarray:
    return np.flatnonzero(ep.arrived_home[start:])


def _home_climate_due(persona: Persona, context: CockpitContext, extras: ProactiveExtras) -> float | None:
    """The home's temperature when the persona wants its climate started now (else None)."""
    home, eta = extras.home_inside_temp_c, _eta_arriving(context, extras)
    if eta is None or not persona.home_climate or home is None or extras.home_climate_on or eta > persona.home_lead_s:
        return None
    return home


def _start_home_climate(default_set_point_c: float) -> Meet:
    def meet(world: World, set_point_c: float | None, seats: tuple[str, ...] | None) -> None:
        world.home.climate_on = True
        world.home.set_point_c = set_point_c if set_point_c is not None else default_set_point_c

    return meet


def _plan_a_stop(world: World, set_point_c: float | None, seats: tuple[str, ...] | None) -> None:
    world.planned.add("stop")


# --- the cabin's climate -----------------------------------------------------------------------------
def _wants_precondition(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    cabin = _cabin_with_people(c)
    return (
        cabin is not None
        and p.wants_precondition
        and not c.hvac_on
        and (cabin < p.comfort_c - p.cold_tol_c or cabin > p.comfort_c + p.heat_tol_c)
    )


def _climate_off(world: World, actions: Sequence[Action]) -> None:
    world.car.set_hvac_power(False)


PRECONDITION_CABIN = WorldNeed(
    "precondition_cabin",
    preference=("wants_precondition", "comfort_c", "cold_tol_c", "heat_tol_c", "self_act_s"),
    wanted=_wants_precondition,
    meet=lambda world, set_point_c, seats: world.car.set_hvac_power(True),
    critical=lambda ep, start, end: np.flatnonzero(ep.moving[start : end + 1]),  # the departure
    revert=_climate_off,
    by_hand=lambda car: (car.cabin.hvac_on,),
)


# --- the home's climate ------------------------------------------------------------------------------
def _wants_preheat(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    home = _home_climate_due(p, c, e)
    return home is not None and home < p.home_comfort_c - p.home_tol_c


def _wants_precool(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    home = _home_climate_due(p, c, e)
    # people tolerate a warm home a bit more
    return home is not None and home > p.home_comfort_c + p.home_tol_c + 2.0


HOME_CLIMATE_PREFERENCE = ("home_climate", "home_comfort_c", "home_tol_c", "home_lead_s")
PREHEAT_HOME = WorldNeed(
    "preheat_home",
    preference=HOME_CLIMATE_PREFERENCE,
    wanted=_wants_preheat,
    meet=_start_home_climate(22.0),
    critical=_until_arrival,
)
PRECOOL_HOME = WorldNeed(
    "precool_home",
    preference=HOME_CLIMATE_PREFERENCE,
    wanted=_wants_precool,
    meet=_start_home_climate(24.0),
    critical=_until_arrival,
)


# --- stops on the route ------------------------------------------------------------------------------
def _wants_charge_stop(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    need = c.energy_to_destination_kwh
    if c.energy_kwh is None or need is None:
        return False
    margin = c.energy_kwh - need
    return (
        not c.is_charging
        and bool(c.destination_id)
        and not c.has_arrived
        and not _planned_stop(c)
        and margin < p.range_margin_kwh
    )


CHARGE_STOP = WorldNeed(
    "charge_stop",
    preference=("range_margin_kwh", "self_act_s"),
    wanted=_wants_charge_stop,
    meet=_plan_a_stop,
    critical=lambda ep, start, end: np.flatnonzero((ep.soc[start:] < 10.0) | ep.charging[start:]),
)


def _wants_rest_break(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    at_wheel = c.time_at_wheel_s or 0.0
    return (
        bool(c.speed_kph and c.speed_kph > 3.0)
        and not _planned_stop(c)
        and c.fatigue_pct is not None
        and at_wheel >= FRESH_AT_WHEEL_S
        and (c.fatigue_pct / 100.0 >= p.fatigue_threshold or at_wheel >= p.max_drive_s)
    )


def _rest_critical(ep: Episode, start: int, end: int) -> np.ndarray:
    """Fatigue at 90 %, else the break itself (the car stopping after the need)."""
    hits = np.flatnonzero(ep.fatigue[start:] >= 0.9)
    return hits if len(hits) else np.flatnonzero(~ep.moving[end:]) + (end - start)


REST_BREAK = WorldNeed(
    "rest_break",
    preference=("fatigue_threshold", "max_drive_s", "self_act_s"),
    wanted=_wants_rest_break,
    meet=_plan_a_stop,
    critical=_rest_critical,
)


# --- arriving home -----------------------------------------------------------------------------------
def _wants_garage(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    # in the last kilometre or two of the route home (route distance, not time: the door should not stand
    # open for minutes, and the driver thinks of it as "almost there")
    remaining = c.distance_to_destination_m
    return (
        _eta_arriving(c, e) is not None
        and p.wants_garage
        and e.garage_open is False
        and remaining is not None
        and remaining <= p.garage_lead_m
    )


def _open_garage(world: World, set_point_c: float | None, seats: tuple[str, ...] | None) -> None:
    world.home.garage_open = True


GARAGE_OPEN = WorldNeed(
    "garage_open",
    preference=("wants_garage", "garage_lead_m"),
    wanted=_wants_garage,
    meet=_open_garage,
    critical=_until_arrival,
)


def _wants_lights(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    eta = _eta_arriving(c, e)
    return eta is not None and p.wants_lights and e.home_lights_on is False and eta <= p.lights_lead_s and is_dark(c)


def _lights(on: bool) -> Callable[..., None]:
    def switch(world: World, *_: Any) -> None:
        world.home.lights_on = on

    return switch


HOME_LIGHTS_ON = WorldNeed(
    "home_lights_on",
    preference=("wants_lights", "lights_lead_s"),
    wanted=_wants_lights,
    meet=_lights(True),
    critical=_until_arrival,
    revert=_lights(False),
)


# --- the windshield and the seats --------------------------------------------------------------------
def _wants_defog(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    # hysteresis: a fogging windshield stays a need until the risk has clearly dropped (no flicker)
    fog_limit = p.fog_sensitivity_pct - (DEFOG_RELEASE_PCT if "defog" in previous else 0.0)
    return (
        _cabin_with_people(c) is not None
        and p.wants_defog
        and c.fog_risk_pct is not None
        and c.fog_risk_pct > fog_limit
        and not c.front_defrost_on
    )


def _defrost(on: bool) -> Callable[..., None]:
    def switch(world: World, *_: Any) -> None:
        world.car.set_defrost(front=on)

    return switch


DEFOG = WorldNeed(
    "defog",
    preference=("wants_defog", "fog_sensitivity_pct", "self_act_s"),
    wanted=_wants_defog,
    meet=_defrost(True),
    critical=lambda ep, start, end: np.flatnonzero(ep.fog[start:] >= 60.0),
    revert=_defrost(False),
    by_hand=lambda car: (car.cabin.defrost_front,),
)


def _wants_seat_heat(p: Persona, c: CockpitContext, e: ProactiveExtras, previous: Any) -> bool:
    cabin = _cabin_with_people(c)
    if cabin is None or not p.wants_seat_heat:
        return False
    for seat in _occupants(c):
        limit = p.seat_cold_c if seat == "driver" else p.passenger_cold_c
        if cabin < limit and not c.seat_heat.get(seat):
            return True
    return False


def _heat_seats(world: World, set_point_c: float | None, seats: tuple[str, ...] | None) -> None:
    car = world.car
    if seats is None:
        seats = tuple(s for s in SEATS if car.body.seat_occupied[s] and not car.body.seat_heat[s])
    for seat in seats:
        car.set_seat_heat(seat, 2)


def _seat_heat_off(world: World, actions: Sequence[Action]) -> None:
    for action in actions:
        world.car.set_seat_heat(action.data["zone"], 0)


SEAT_HEAT = WorldNeed(
    "seat_heat",
    preference=("wants_seat_heat", "seat_cold_c", "passenger_cold_c", "self_act_s"),
    wanted=_wants_seat_heat,
    meet=_heat_seats,
    revert=_seat_heat_off,
    by_hand=lambda car: tuple(car.body.seat_heat[s] for s in SEATS),
)


WORLD_NEEDS: dict[str, WorldNeed] = {
    need.name: need
    for need in (
        PRECONDITION_CABIN,
        PREHEAT_HOME,
        PRECOOL_HOME,
        CHARGE_STOP,
        REST_BREAK,
        GARAGE_OPEN,
        HOME_LIGHTS_ON,
        DEFOG,
        SEAT_HEAT,
    )
}


def wants(
    persona: Persona,
    context: CockpitContext,
    extras: ProactiveExtras,
    previous: set[str] | frozenset[str] = frozenset(),
) -> set[str]:
    """The needs that truly exist for `persona` now (ground truth). Expects a fully known context.
    `previous`: the needs of the previous second (defog has hysteresis)."""
    if persona.do_nothing:
        return set()
    return {name for name, need in WORLD_NEEDS.items() if need.wanted(persona, context, extras, previous)}


def meet_need(need: str, world: World, set_point_c: float | None = None, seats: tuple[str, ...] | None = None) -> None:
    """What meeting `need` does to the simulated world: the training stand-in assistant and the eval's
    accepted / acted suggestions (which name the set point and the seats their actions carry)."""
    WORLD_NEEDS[need].meet(world, set_point_c, seats)


def by_hand_state(car: Car) -> tuple[tuple[Any, ...], ...]:
    """The switches the persona's hand may turn, per need that has some (`WorldNeed.by_hand`)."""
    return tuple(need.by_hand(car) for need in WORLD_NEEDS.values() if need.by_hand is not None)


def met_by_hand(before: tuple[tuple[Any, ...], ...], after: tuple[tuple[Any, ...], ...]) -> list[str]:
    """Needs the persona just met by hand (what the cockpit would notice as manual actions)."""
    names = [name for name, need in WORLD_NEEDS.items() if need.by_hand is not None]
    return [
        name
        for name, was, now in zip(names, before, after, strict=True)
        if any(a and not b for a, b in zip(now, was, strict=True))
    ]


def critical_time(need: str, ep: Episode, start: int, end: int) -> float:
    """When the need becomes critical (`WorldNeed.critical`), else the end of its episode."""
    critical = WORLD_NEEDS[need].critical
    hits = np.array([], dtype=np.int64) if critical is None else critical(ep, start, end)
    if len(hits):
        return float(ep.t[start + int(hits[0])])
    return float(ep.t[end])


__all__ = [
    "WORLD_NEEDS",
    "WorldNeed",
    "by_hand_state",
    "critical_time",
    "meet_need",
    "met_by_hand",
    "wants",
]
