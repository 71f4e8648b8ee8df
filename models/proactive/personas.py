"""Personas with hidden preferences: the ground truth of the proactive needs.

The model never sees a persona; it only sees the context. `wants(persona, context, extras)`
(models/proactive/world_needs.py, each need's `wanted`) says which needs truly exist for that persona right
now (computed on the TRUE car state, never on the degraded context the model may see). Training personas
and held-out personas come from distinct seeds AND shifted/widened parameter ranges, so the held-out ones
have preference values never seen in training.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from cockpit.context import CockpitContext

TRAIN_SEED = 1234
HELDOUT_SEED = 98765
DARK_SUN_W_M2 = 40.0


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
        values: dict[str, Any] = {k: round(rng.uniform(lo, hi), 3) for k, (lo, hi) in ranges.items()}
        flags: dict[str, Any] = {k: rng.random() < p for k, p in _FLAG_P.items()}
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


__all__ = ["Persona", "is_dark", "sample_personas"]
