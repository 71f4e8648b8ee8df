"""Personas with hidden preferences: the ground truth of the proactive needs.

The model never sees a persona; it only sees the context. `wants(persona, context, extras)` says
which needs truly exist for that persona right now (computed on the TRUE car state, never on the
degraded context the model may see). Training personas and held-out personas come from distinct
seeds AND shifted/widened parameter ranges, so the held-out ones have preference values never seen
in training.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.needs import FRESH_AT_WHEEL_S  # nobody wants a rest area just after setting off or resting
from cockpit.zones import SEATS

TRAIN_SEED = 1234
HELDOUT_SEED = 98765
DARK_SUN_W_M2 = 40.0
DEFOG_RELEASE_PCT = 6.0  # once fogged, the persona keeps wanting defog until the risk falls this far below


@dataclass(frozen=True)
class Persona:
    name: str
    do_nothing: bool  # never wants anything proactive (handles everything by hand)
    comfort_c: float  # preferred cabin temperature
    cold_tol_c: float  # precondition when cabin < comfort - cold_tol
    heat_tol_c: float  # precondition when cabin > comfort + heat_tol
    wants_precondition: bool
    seat_cold_c: float  # driver is cold (wants seat heat) below this cabin temperature
    passenger_cold_c: float  # other occupants are cold below this
    wants_seat_heat: bool
    home_climate: bool  # pre-heats / pre-cools the home before arrival at all
    home_comfort_c: float
    home_tol_c: float
    home_lead_s: float  # how long before arrival they want the home climate started
    fatigue_threshold: float  # 0..1: wants a break above this
    max_drive_s: float  # ... or after this long at the wheel
    range_margin_kwh: float  # wants a charging stop when energy - route energy < this
    wants_garage: bool
    garage_lead_m: float  # wants the garage open in the last this many metres of the route home
    wants_lights: bool
    lights_lead_s: float
    wants_defog: bool
    fog_sensitivity_pct: float  # wants defog above this windshield fog risk
    self_act_s: float  # how long an unmet cabin need lasts before they fix it by hand
    recirculation_habit: bool  # drives with recirculation on (fog!)


# (low, high) per parameter; held-out ranges are shifted and widened, and the seed differs.
_TRAIN_RANGES = {
    "comfort_c": (20.5, 23.0),
    "cold_tol_c": (7.0, 11.0),
    "heat_tol_c": (6.0, 9.0),
    "seat_cold_c": (13.0, 16.5),
    "passenger_cold_c": (13.0, 17.0),
    "home_comfort_c": (20.0, 22.5),
    "home_tol_c": (1.5, 3.0),
    "home_lead_s": (900.0, 1800.0),
    "fatigue_threshold": (0.58, 0.72),
    "max_drive_s": (2.0 * 3600, 3.0 * 3600),
    "range_margin_kwh": (5.0, 12.0),
    "garage_lead_m": (1000.0, 1800.0),
    "lights_lead_s": (150.0, 300.0),
    "fog_sensitivity_pct": (22.0, 35.0),
    "self_act_s": (60.0, 240.0),
}
_HELDOUT_SHIFT = {  # new values: outside (or at the edges of) the training ranges
    "comfort_c": (21.0, 23.8),
    "cold_tol_c": (6.5, 11.5),
    "heat_tol_c": (5.5, 9.5),
    "seat_cold_c": (12.5, 17.0),
    "passenger_cold_c": (12.5, 17.5),
    "home_comfort_c": (20.5, 23.0),
    "home_tol_c": (1.2, 3.2),
    "home_lead_s": (800.0, 2000.0),
    "fatigue_threshold": (0.55, 0.75),
    "max_drive_s": (1.9 * 3600, 3.2 * 3600),
    "range_margin_kwh": (4.0, 13.0),
    "garage_lead_m": (900.0, 1950.0),
    "lights_lead_s": (140.0, 320.0),
    "fog_sensitivity_pct": (20.0, 37.0),
    "self_act_s": (50.0, 260.0),
}
_FLAG_P = {
    "wants_precondition": 0.9,
    "wants_seat_heat": 0.9,
    "home_climate": 0.85,
    "wants_garage": 0.85,
    "wants_lights": 0.85,
    "wants_defog": 0.9,
    "recirculation_habit": 0.3,
}
DO_NOTHING_P = 0.1


def sample_personas(n: int, heldout: bool = False, seed: int | None = None) -> list[Persona]:
    """`n` personas; train and held-out sets never share a seed or a parameter range."""
    rng = random.Random(seed if seed is not None else (HELDOUT_SEED if heldout else TRAIN_SEED))
    ranges = _HELDOUT_SHIFT if heldout else _TRAIN_RANGES
    personas = []
    for i in range(n):
        values = {k: round(rng.uniform(lo, hi), 3) for k, (lo, hi) in ranges.items()}
        flags = {k: rng.random() < p for k, p in _FLAG_P.items()}
        # a fixed share of 'do nothing' drivers (every 10th), so small sets still contain some
        do_nothing = i % round(1 / DO_NOTHING_P) == round(1 / DO_NOTHING_P) - 1
        personas.append(
            Persona(name=f"{'heldout' if heldout else 'train'}_{i:03d}", do_nothing=do_nothing, **values, **flags)
        )
    return personas


def is_dark(context: CockpitContext) -> bool:
    """Dark outside: little sun, or (sun unknown) evening/night hours."""
    if context.sun_w_m2 is not None:
        return context.sun_w_m2 <= DARK_SUN_W_M2
    t = context.local_time
    return t is None or t.hour >= 18 or t.hour < 7


def wants(
    persona: Persona,
    context: CockpitContext,
    extras: ProactiveExtras,
    previous: set[str] | frozenset[str] = frozenset(),
) -> set[str]:
    """The needs that truly exist for `persona` now (ground truth). Expects a fully known context.
    `previous`: the needs of the previous second (defog has hysteresis: a fogging windshield stays a
    need until the risk has clearly dropped, it does not flicker around the persona's threshold).
    A stop already on the route (`next_stop_id`) is the persona's own charging / break plan."""
    p, c, e = persona, context, extras
    if p.do_nothing:
        return set()
    out: set[str] = set()
    occupants = [s for s in SEATS if c.occupied.get(s)]
    cabin = c.cabin_temp_c
    moving = bool(c.speed_kph and c.speed_kph > 3.0)
    if occupants and cabin is not None:
        if (
            p.wants_precondition
            and not c.hvac_on
            and (cabin < p.comfort_c - p.cold_tol_c or cabin > p.comfort_c + p.heat_tol_c)
        ):
            out.add("precondition_cabin")
        if p.wants_seat_heat:
            for seat in occupants:
                limit = p.seat_cold_c if seat == "driver" else p.passenger_cold_c
                if cabin < limit and not c.seat_heat.get(seat):
                    out.add("seat_heat")
                    break
        fog_limit = p.fog_sensitivity_pct - (DEFOG_RELEASE_PCT if "defog" in previous else 0.0)
        if p.wants_defog and c.fog_risk_pct is not None and c.fog_risk_pct > fog_limit and not c.front_defrost_on:
            out.add("defog")
    planned_stop = c.next_stop_id is not None
    at_wheel = c.time_at_wheel_s or 0.0
    if (
        moving
        and not planned_stop
        and c.fatigue_pct is not None
        and at_wheel >= FRESH_AT_WHEEL_S
        and (c.fatigue_pct / 100.0 >= p.fatigue_threshold or at_wheel >= p.max_drive_s)
    ):
        out.add("rest_break")
    margin = None
    need = c.energy_to_destination_kwh
    if c.energy_kwh is not None and need is not None:
        margin = c.energy_kwh - need
    if (
        margin is not None
        and not c.is_charging
        and c.destination_id
        and not c.has_arrived
        and not planned_stop
        and margin < p.range_margin_kwh
    ):
        out.add("charge_stop")
    if e.heading_home and e.eta_home_s is not None and not c.has_arrived:
        eta = e.eta_home_s
        home = e.home_inside_temp_c
        if p.home_climate and home is not None and not e.home_climate_on and eta <= p.home_lead_s:
            if home < p.home_comfort_c - p.home_tol_c:
                out.add("preheat_home")
            elif home > p.home_comfort_c + p.home_tol_c + 2.0:  # people tolerate a warm home a bit more
                out.add("precool_home")
        # the garage: in the last kilometre or two of the route home (route distance, not time: the
        # door should not stand open for minutes, and the driver thinks of it as "almost there")
        remaining = c.distance_to_destination_m
        if p.wants_garage and e.garage_open is False and remaining is not None and remaining <= p.garage_lead_m:
            out.add("garage_open")
        if p.wants_lights and e.home_lights_on is False and eta <= p.lights_lead_s and is_dark(c):
            out.add("home_lights_on")
    return out


__all__ = ["Persona", "is_dark", "sample_personas", "wants"]
