"""Cabin climate: a two-node lumped thermal model (cabin air, interior mass) and the HVAC ECU.

Heat flows (W): outside <-> air and mass through the body (UA), fresh-air ventilation and open
windows, sun through the glass, occupants, and the HVAC heat pump / PTC or A/C, whose output a
PI controller sets to drive the air toward the mean set point of the occupied zones. Capacities
scale with the fan level, so it takes minutes, not ticks, to warm a cold-soaked car.
"""

from __future__ import annotations

import math

from canbus.limits import COMFORT_C, FAN_LEVEL_MAX, SET_POINT_MAX_C, SET_POINT_MIN_C
from canbus.vss import CLIMATE_ZONES as ZONES

_AIR_HEAT_CAPACITY_J_PER_K = 40e3  # air plus the fast surfaces it touches (trim skins, vents)
_MASS_HEAT_CAPACITY_J_PER_K = 150e3  # seats, dashboard, carpets
_AIR_TO_MASS_W_PER_K = 150.0
_AIR_TO_OUTSIDE_W_PER_K = 35.0  # glass and roof
_MASS_TO_OUTSIDE_W_PER_K = 15.0
_FRESH_AIR_W_PER_K_PER_FAN_LEVEL = 5.0
_RECIRCULATION_LEAK_W_PER_K = 2.0
_OPEN_WINDOW_W_PER_K = 60.0  # per fully open window
_SOLAR_APERTURE_M2 = 0.9  # glass area x transmittance
_SOLAR_TO_AIR_SHARE = 0.4
_OCCUPANT_W = 100.0
_HEAT_CAPACITY_W = 6000.0
_COOL_CAPACITY_W = 5000.0
_CONTROLLER_KP_W_PER_K = 3000.0
_CONTROLLER_KI_W_PER_K_S = 20.0
_COOLING_COP = 2.8
_FAN_W_PER_LEVEL = 25.0
_DEFROST_FRONT_KW = 0.8
_DEFROST_REAR_KW = 0.4
_ZONE_OFFSET_MAX_C = 1.0  # a zone feels at most this much warmer/cooler than the cabin mean


def heating_cop(outside_temp_c: float) -> float:
    """Heat-pump COP falls with outside temperature; PTC (COP ~1) takes over in deep cold."""
    return max(1.1, min(3.0, 2.4 + 0.06 * outside_temp_c))


class Cabin:
    """Public state: air_temp_c, interior_temp_c, set_points (zone -> °C), zone_temps_c,
    fan_level, ac_on, hvac_on, recirculation, defrost_front, defrost_rear, hvac_power_kw
    (electrical), heat_flow_w (HVAC thermal output, negative cooling), fog_risk (0..1),
    target_temp_c, active_zones."""

    def __init__(self, air_temp_c: float, hvac_on: bool = False) -> None:
        self.air_temp_c = air_temp_c
        self.interior_temp_c = air_temp_c
        self.set_points = dict.fromkeys(ZONES, COMFORT_C)
        self.zone_temps_c = dict.fromkeys(ZONES, air_temp_c)
        self.fan_level = 3
        # AUTO fan, as in every modern car: the blower follows the gap to the set point until a person
        # sets a level by hand.
        self.auto_fan = True
        self.ac_on = True
        # A parked car's climate is off; the cockpit or the driver switches it on.
        self.hvac_on = hvac_on
        self.recirculation = False
        self.defrost_front = False
        self.defrost_rear = False
        self.hvac_power_kw = 0.0
        self.heat_flow_w = 0.0
        self.fog_risk = 0.0
        self.active_zones: tuple[str, ...] = ("driver",)
        self.target_temp_c = COMFORT_C
        self._integral_w = 0.0

    # --- commands (validated and clamped) --------------------------------------------------
    def set_zone_temperature(self, zone: str, celsius: float) -> float:
        if zone not in self.set_points:
            raise ValueError(f"unknown climate zone {zone!r}; zones: {', '.join(ZONES)}")
        if math.isnan(celsius):
            raise ValueError("set point must be a number, got NaN")
        value = min(SET_POINT_MAX_C, max(SET_POINT_MIN_C, float(celsius)))
        self.set_points[zone] = value
        return value

    def set_fan_level(self, level: int) -> int:
        value = min(FAN_LEVEL_MAX, max(0, int(level)))
        self.fan_level = value
        self.auto_fan = False
        return value

    def _auto_fan_level(self) -> int:
        gap = abs(self.target_temp_c - self.air_temp_c)
        return min(FAN_LEVEL_MAX, max(1, round(1 + gap / 2)))

    def set_active_zones(self, zones: tuple[str, ...]) -> None:
        self.active_zones = zones or ("driver",)

    # --- model ------------------------------------------------------------------------------
    def _fan_factor(self) -> float:
        return 0.0 if self.fan_level == 0 else 0.3 + 0.7 * self.fan_level / FAN_LEVEL_MAX

    def update(
        self,
        dt_s: float,
        outside_temp_c: float,
        sun_w_m2: float,
        occupants: int,
        open_window_fraction: float,
        raining: bool,
    ) -> None:
        """Advance `dt_s` (stable for dt up to ~10 s). `open_window_fraction` is the sum of
        window openings (0..4)."""
        air, mass = self.air_temp_c, self.interior_temp_c
        self.target_temp_c = sum(self.set_points[z] for z in self.active_zones) / len(self.active_zones)
        if self.auto_fan and self.hvac_on:
            self.fan_level = self._auto_fan_level()
        hvac_w = self._controller_output(dt_s) if self.hvac_on else 0.0
        self.heat_flow_w = hvac_w

        fan = self.fan_level if self.hvac_on else 0
        ventilation = _RECIRCULATION_LEAK_W_PER_K if self.recirculation else _FRESH_AIR_W_PER_K_PER_FAN_LEVEL * fan
        exchange_air = _AIR_TO_OUTSIDE_W_PER_K + ventilation + _OPEN_WINDOW_W_PER_K * open_window_fraction
        solar_w = max(0.0, sun_w_m2) * _SOLAR_APERTURE_M2
        air_mass_w = _AIR_TO_MASS_W_PER_K * (air - mass)
        q_air = (
            hvac_w
            + occupants * _OCCUPANT_W
            + solar_w * _SOLAR_TO_AIR_SHARE
            - exchange_air * (air - outside_temp_c)
            - air_mass_w
        )
        q_mass = air_mass_w + solar_w * (1 - _SOLAR_TO_AIR_SHARE) - _MASS_TO_OUTSIDE_W_PER_K * (mass - outside_temp_c)
        self.air_temp_c = air + q_air * dt_s / _AIR_HEAT_CAPACITY_J_PER_K
        self.interior_temp_c = mass + q_mass * dt_s / _MASS_HEAT_CAPACITY_J_PER_K

        self.hvac_power_kw = self._electrical_kw(hvac_w, outside_temp_c)
        self._update_zones()
        self._update_fog(dt_s, outside_temp_c, occupants, raining)

    def _controller_output(self, dt_s: float) -> float:
        """PI on air temperature with conditional integration (no wind-up while saturated)."""
        error = self.target_temp_c - self.air_temp_c
        fan_factor = self._fan_factor()
        max_heat = _HEAT_CAPACITY_W * fan_factor
        max_cool = _COOL_CAPACITY_W * fan_factor if self.ac_on else 0.0
        demand = _CONTROLLER_KP_W_PER_K * error + self._integral_w
        saturated = demand > max_heat or demand < -max_cool
        if not saturated or (demand > max_heat and error < 0) or (demand < -max_cool and error > 0):
            self._integral_w += _CONTROLLER_KI_W_PER_K_S * error * dt_s
            self._integral_w = max(-_COOL_CAPACITY_W, min(_HEAT_CAPACITY_W, self._integral_w))
        return max(-max_cool, min(max_heat, demand))

    def _electrical_kw(self, hvac_w: float, outside_temp_c: float) -> float:
        if not self.hvac_on:
            compressor_w = 0.0
            fan_w = 0.0
        else:
            cop = heating_cop(outside_temp_c) if hvac_w >= 0 else _COOLING_COP
            compressor_w = abs(hvac_w) / cop
            fan_w = _FAN_W_PER_LEVEL * self.fan_level
        defrost_kw = (_DEFROST_FRONT_KW if self.defrost_front else 0.0) + (
            _DEFROST_REAR_KW if self.defrost_rear else 0.0
        )
        return (compressor_w + fan_w) / 1000.0 + defrost_kw

    def _update_zones(self) -> None:
        air = self.air_temp_c
        for zone, set_point in self.set_points.items():
            if self.hvac_on and self.fan_level > 0:
                offset = max(-_ZONE_OFFSET_MAX_C, min(_ZONE_OFFSET_MAX_C, set_point - air)) * 0.5
            else:
                offset = 0.0
            self.zone_temps_c[zone] = air + offset

    def _update_fog(self, dt_s: float, outside_temp_c: float, occupants: int, raining: bool) -> None:
        # Breath and wet clothes raise humidity; recirculation keeps it in; a windshield much
        # colder than the cabin air falls below the dew point. Dry A/C air and defrost fight it.
        humidity = 0.15 * occupants + (0.3 if self.recirculation else 0.0) + (0.2 if raining else 0.0)
        coldness = min(1.0, max(0.0, (self.air_temp_c - outside_temp_c) / 20.0))
        target = humidity * (0.3 + 0.7 * coldness)
        if self.hvac_on and self.ac_on and self.fan_level > 0:
            target *= 0.6
        tau_s = 120.0
        if self.defrost_front:
            target *= 0.1
            tau_s = 30.0
        target = min(1.0, target)
        self.fog_risk += (target - self.fog_risk) * min(1.0, dt_s / tau_s)
