"""Feature vector for the proactive needs model: a fixed-length float32 vector from the context + extras.

Every value that can be unknown (None: never received, or stale) is encoded as (value or a neutral
default, known flag), so the model sees "unknown" explicitly instead of a silent 0. Scales keep the
features roughly in -3..3. Cheap: plain Python on a preallocated list, one numpy conversion (< 50 µs).

NEEDS is the model's output order; FEATURE_NAMES the input order. Both are written into the model
card and checked when the scorer loads a model.
"""

from __future__ import annotations

import math

import numpy as np

from canbus.limits import COMFORT_C
from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.needs import NEED_SPECS
from cockpit.zones import SEATS

NEEDS = tuple(NEED_SPECS)  # the model's output order: the registry's (cockpit/proactive/needs.py)
WEATHER_KINDS = ("clear", "cloudy", "rain", "snow", "fog")
COLD_SEAT_C = 16.0  # a seat is flagged cold-unheated below this cabin temperature (the model learns the rest)
FEATURE_VERSION = 3
SHORT_ETA_S = 600.0  # the last minutes home get a linear feature (lights timing)
SHORT_ROUTE_M = 4000.0  # the last kilometres home get a linear feature (garage timing)
FOG_TAU_S = 120.0  # windshield fog follows its target with this time constant (vehicle_sim/cabin.py)


def _names() -> tuple[str, ...]:
    names = [
        "hour_sin",
        "hour_cos",
        "weekday",
        "time_known",
        "outside_temp",
        "outside_known",
        "cabin_temp",
        "cabin_minus_comfort",
        "cabin_known",
        "hvac_on",
        "hvac_known",
        "soc",
        "soc_known",
        "energy",
        "energy_known",
        "energy_margin",
        "energy_ratio",
        "margin_known",
        "range",
        "range_known",
        "distance_to_destination",
        "distance_known",
        "time_to_destination",
        "time_to_destination_known",
        "has_arrived",
        "arrived_known",
        "fatigue",
        "fatigue_known",
        "time_at_wheel",
        "time_at_wheel_known",
        "occupants",
        "seats_known",
    ]
    names += [f"occupied_{s}" for s in SEATS]
    names += [f"seat_heat_{s}" for s in SEATS]
    names += [f"cold_unheated_{s}" for s in SEATS]
    names += [
        "fog_risk",
        "fog_known",
        "defrost_on",
        "defrost_known",
        "sun",
        "sun_known",
    ]
    names += [f"weather_{w}" for w in WEATHER_KINDS] + ["weather_known"]
    names += [
        "speed",
        "speed_known",
        "is_moving",
        "parked",
        "is_charging",
        "charging_known",
        "distance_home",
        "distance_home_known",
        "heading_home",
        "eta_home",
        "eta_home_known",
        "home_temp",
        "home_minus_comfort",
        "home_temp_known",
        "home_climate_on",
        "home_climate_known",
        "garage_open",
        "garage_known",
        "home_lights_on",
        "home_lights_known",
        "minutes_since_departure",
        "next_rest_area",
        "rest_area_known",
        "next_charger",
        "charger_known",
        "stop_planned",  # the route already has a stop (context.next_stop_id)
        "eta_home_short",  # min(ETA home, 10 min) / 5 min, linear: the last minutes matter
        "route_home_short",  # min(route distance left to home, 4 km) / 1 km, linear (4 when not heading home)
        "fog_target",  # where the windshield fog risk is heading, from what the cockpit sees
        "fog_rate",  # (fog_target - fog risk) / FOG_TAU_S in % per minute: rising or clearing
    ]
    return tuple(names)


FEATURE_NAMES = _names()
N_FEATURES = len(FEATURE_NAMES)


def _value(
    x: float | None, scale: float, offset: float = 0.0, lo: float = -5.0, hi: float = 5.0
) -> tuple[float, float]:
    if x is None:
        return 0.0, 0.0
    v = (float(x) - offset) / scale
    return (lo if v < lo else hi if v > hi else v), 1.0


def _flag(x: bool | None) -> tuple[float, float]:
    return (0.0, 0.0) if x is None else (1.0 if x else 0.0, 1.0)


def _log_km(metres: float | None) -> tuple[float, float]:
    """Distances span 10 m .. 500 km: log scale, 0 at 0 m, ~1 at 1.7 km, ~2.4 at 10 km, ~6.2 at 500 km."""
    if metres is None:
        return 0.0, 0.0
    return math.log1p(max(0.0, float(metres)) / 1000.0), 1.0


def _log_min(seconds: float | None) -> tuple[float, float]:
    if seconds is None:
        return 0.0, 0.0
    return math.log1p(max(0.0, float(seconds)) / 60.0), 1.0


def _fog_target(c: CockpitContext, cabin: float | None, occupants: int) -> float | None:
    """The fog risk (0..1) the windshield is heading to, from the visible causes (breath, rain/snow, a
    windshield colder than the cabin air, the climate and defrost running): the cabin's fog model
    without the recirculation flag, which the cockpit does not see (recirculation only adds to it).
    A fog risk above this target and still rising hints at recirculation. None when the inputs are unknown."""
    if cabin is None or c.outside_temp_c is None:
        return None
    humidity = 0.15 * occupants + (0.2 if c.weather in ("rain", "snow") else 0.0)
    coldness = min(1.0, max(0.0, (cabin - c.outside_temp_c) / 20.0))
    target = humidity * (0.3 + 0.7 * coldness)
    if c.hvac_on:
        target *= 0.6
    if c.front_defrost_on:
        target *= 0.1
    return min(1.0, target)


def _clip(value: float, bound: float = 5.0) -> float:
    return max(-bound, min(bound, value))


def _time_features(c: CockpitContext) -> list[float]:
    t = c.local_time
    if t is None:
        return [0.0, 0.0, 0.0, 0.0]
    angle = 2.0 * math.pi * (t.hour + t.minute / 60.0) / 24.0
    return [math.sin(angle), math.cos(angle), 1.0 if t.weekday() < 5 else 0.0, 1.0]


def _cabin_features(c: CockpitContext) -> list[float]:
    out = list(_value(c.outside_temp_c, 15.0))
    cabin = c.cabin_temp_c
    out += [0.0, 0.0, 0.0] if cabin is None else [_clip(cabin / 15.0), _clip((cabin - COMFORT_C) / 10.0), 1.0]
    return out + list(_flag(c.hvac_on))


def _energy_features(c: CockpitContext) -> list[float]:
    out = [*_value(c.soc_pct, 100.0), *_value(c.energy_kwh, 50.0)]
    need = c.energy_to_destination_kwh
    if c.energy_kwh is None or need is None:
        out += [0.0, 0.0, 0.0]
    else:
        ratio = c.energy_kwh / need if need > 0.05 else 5.0
        out += [_clip((c.energy_kwh - need) / 20.0), min(5.0, ratio), 1.0]
    out += [*_log_km(c.range_m), *_log_km(c.distance_to_destination_m), *_log_min(c.time_to_destination_s)]
    return out + list(_flag(c.has_arrived))


def _seat_features(c: CockpitContext, known_seats: list[bool | None]) -> list[float]:
    out = [*_value(c.fatigue_pct, 100.0), *_value(c.time_at_wheel_s, 3600.0)]
    seats_known = 0.0 if any(v is None for v in known_seats) else 1.0
    out += [float(sum(1 for v in known_seats if v)), seats_known]
    out += [1.0 if v else 0.0 for v in known_seats]
    heat = [c.seat_heat.get(s) for s in SEATS]
    out += [(h or 0) / 3.0 for h in heat]
    cold = c.cabin_temp_c is not None and c.cabin_temp_c < COLD_SEAT_C
    return out + [1.0 if (cold and known_seats[i] and not heat[i]) else 0.0 for i in range(len(SEATS))]


def _weather_features(c: CockpitContext) -> list[float]:
    out = [*_value(c.fog_risk_pct, 100.0), *_flag(c.front_defrost_on), *_value(c.sun_w_m2, 1000.0)]
    out += [1.0 if c.weather == w else 0.0 for w in WEATHER_KINDS]
    return out + [0.0 if c.weather is None else 1.0]


def _motion_features(c: CockpitContext) -> list[float]:
    speed = c.speed_kph
    if speed is None:
        out = [0.0, 0.0, 0.0, 0.0]
    else:
        parked = c.gear == "P" or (c.gear is None and speed < 0.5)
        out = [min(speed, 250.0) / 100.0, 1.0, 1.0 if speed > 3.0 else 0.0, 1.0 if parked else 0.0]
    return out + list(_flag(c.is_charging))


def _home_features(e: ProactiveExtras) -> list[float]:
    out = [*_log_km(e.distance_to_home_m), 1.0 if e.heading_home else 0.0, *_log_min(e.eta_home_s)]
    home = e.home_inside_temp_c
    out += [0.0, 0.0, 0.0] if home is None else [home / 15.0, _clip((home - COMFORT_C) / 5.0), 1.0]
    return out + [*_flag(e.home_climate_on), *_flag(e.garage_open), *_flag(e.home_lights_on)]


def _trip_features(c: CockpitContext, e: ProactiveExtras) -> list[float]:
    out = [min(10.0, max(0.0, e.minutes_since_departure) / 60.0)]
    out += [*_log_km(e.next_rest_area_m), *_log_km(e.next_charger_m), 1.0 if c.next_stop_id is not None else 0.0]
    eta = e.eta_home_s
    out.append(2.0 if eta is None else min(SHORT_ETA_S, max(0.0, float(eta))) / 300.0)
    left = c.distance_to_destination_m
    out.append(
        min(SHORT_ROUTE_M, max(0.0, float(left))) / 1000.0
        if left is not None and e.heading_home
        else SHORT_ROUTE_M / 1000.0
    )
    return out


def _fog_features(c: CockpitContext, occupants: int) -> list[float]:
    target = _fog_target(c, c.cabin_temp_c, occupants)
    if target is None or c.fog_risk_pct is None:
        return [0.0, 0.0]
    rate = (100.0 * target - float(c.fog_risk_pct)) / FOG_TAU_S * 60.0
    return [target, _clip(rate / 10.0)]


def features(context: CockpitContext, extras: ProactiveExtras) -> np.ndarray:
    """The model input for one tick: float32, shape (N_FEATURES,), all finite. The groups come in the order of
    FEATURE_NAMES; each is one function above."""
    c, e = context, extras
    known_seats = [c.occupied.get(s) for s in SEATS]
    out = [
        *_time_features(c),
        *_cabin_features(c),
        *_energy_features(c),
        *_seat_features(c, known_seats),
        *_weather_features(c),
        *_motion_features(c),
        *_home_features(e),
        *_trip_features(c, e),
        *_fog_features(c, sum(1 for v in known_seats if v)),
    ]
    vector = np.asarray(out, dtype=np.float32)
    if vector.shape[0] != N_FEATURES:  # pragma: no cover - a programming error, caught by the tests
        raise AssertionError(f"feature vector has {vector.shape[0]} values, expected {N_FEATURES}")
    return vector


__all__ = ["FEATURE_NAMES", "N_FEATURES", "NEEDS", "features"]
