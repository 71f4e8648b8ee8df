"""Traction battery: energy, SOC, open-circuit voltage, pack thermal, DC fast charging, range.

Updated at the car's slow tick (0.1 s): the car accumulates traction energy every fast step and
hands it over here, so the per-10-ms cost stays two additions.
"""

from __future__ import annotations

from bisect import bisect_right

from vehicle_sim.range_estimate import ConsumptionEstimate
from vehicle_sim.spec import VehicleSpec

# Cell open-circuit voltage vs SOC (NMC-like): steep at both ends, flat-ish in the middle.
_OCV_SOC = (0.0, 5.0, 10.0, 20.0, 40.0, 60.0, 80.0, 100.0)
_OCV_CELL_V = (3.30, 3.45, 3.55, 3.62, 3.72, 3.86, 4.00, 4.18)
# DC charge taper as a fraction of the car's peak charge power vs SOC: full power to ~55 %,
# about a third by 80 %, a trickle above 90 % (cell-voltage limited, constant-voltage phase).
_TAPER_SOC = (0.0, 55.0, 80.0, 90.0, 100.0)
_TAPER_FRACTION = (1.0, 1.0, 0.33, 0.15, 0.03)

_CHARGE_EFFICIENCY = 0.95
_PACK_TO_AMBIENT_W_PER_K = 30.0
_PACK_HEATER_KW = 3.5  # heat pump / PTC into the coolant loop
_PACK_HEAT_BELOW_C = 8.0
_PACK_HEAT_UNTIL_C = 15.0
_PACK_COOLER_KW = 1.0  # chiller electrical power; removes ~2.5 kW of heat
_PACK_COOL_ABOVE_C = 38.0
_PACK_COOL_UNTIL_C = 32.0


def _interpolate(x: float, xs: tuple[float, ...], ys: tuple[float, ...]) -> float:
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect_right(xs, x) - 1
    t = (x - xs[i]) / (xs[i + 1] - xs[i])
    return ys[i] + (ys[i + 1] - ys[i]) * t


def cold_capacity_fraction(pack_temp_c: float) -> float:
    """Share of stored energy that can be delivered: cold cells deliver less (higher resistance)."""
    return max(0.75, 1.0 - 0.005 * max(0.0, 20.0 - pack_temp_c))


def charge_temperature_factor(pack_temp_c: float) -> float:
    """Cold (lithium plating risk) and hot packs accept less power."""
    if pack_temp_c < 0.0:
        return 0.2
    if pack_temp_c < 20.0:
        return 0.2 + 0.8 * pack_temp_c / 20.0
    if pack_temp_c > 50.0:
        return 0.5
    return 1.0


class Battery:
    """Public state: soc_pct, energy_kwh, range_km, pack_temp_c, voltage_v, current_a (positive
    into the pack, as VSS), is_charging, charge_power_kw (DC power drawn from the charger),
    charger_kw (the connected charger's limit), thermal_power_kw (pack heater/chiller load),
    consumption_kwh_per_100km (the long-horizon estimate the range uses: vehicle_sim/range_estimate.py)."""

    def __init__(self, spec: VehicleSpec, soc_pct: float, pack_temp_c: float) -> None:
        if not 0.0 <= soc_pct <= 100.0:
            raise ValueError(f"soc_pct must be within 0..100, got {soc_pct}")
        self.spec = spec
        self.energy_kwh = spec.usable_energy_kwh * soc_pct / 100.0
        self.pack_temp_c = pack_temp_c
        self.is_charging = False
        self.charger_kw = 0.0
        self.charge_power_kw = 0.0
        self.thermal_power_kw = 0.0
        self.charge_limit_pct = 100.0  # charging stops here (a route charge stop sets its target)
        self._time_to_complete_s = 0.0
        self._time_to_complete_age_s = 0.0
        self.current_a = 0.0
        self.voltage_v = self.open_circuit_voltage_v()
        self._heating = False
        self._cooling = False
        self.consumption = ConsumptionEstimate(spec.rated_consumption_kwh_per_100km / 100.0)
        self._motion_kwh = 0.0  # the car's kinetic energy: drawn to speed up, mostly given back by regen
        self.consumption_kwh_per_100km = 0.0
        self.range_km = 0.0
        self._update_range()

    # --- derived state --------------------------------------------------------------------
    @property
    def soc_pct(self) -> float:
        return 100.0 * self.energy_kwh / self.spec.usable_energy_kwh

    def open_circuit_voltage_v(self) -> float:
        return _interpolate(self.soc_pct, _OCV_SOC, _OCV_CELL_V) * self.spec.series_cells

    def charge_power_limit_kw(self) -> float:
        """Power the car accepts now (before the charger's own limit)."""
        taper = _interpolate(self.soc_pct, _TAPER_SOC, _TAPER_FRACTION)
        return self.spec.max_dc_charge_kw * taper * charge_temperature_factor(self.pack_temp_c)

    @property
    def average_consumption_kwh_per_100km(self) -> float:
        return self.consumption_kwh_per_100km

    @property
    def usable_capacity_kwh(self) -> float:
        """Usable capacity now: the nominal usable energy reduced by cold."""
        return self.spec.usable_energy_kwh * cold_capacity_fraction(self.pack_temp_c)

    @property
    def time_to_complete_s(self) -> float:
        """Estimated time to reach `charge_limit_pct` while charging (0 when not charging);
        refreshed once per simulated second because the CAN side reads it often."""
        return self._time_to_complete_s if self.is_charging else 0.0

    def _estimate_time_to_complete_s(self) -> float:
        seconds, soc = 0.0, self.soc_pct
        temp_factor = charge_temperature_factor(self.pack_temp_c)
        while soc < self.charge_limit_pct - 1e-9:  # 1 % SOC steps along the taper curve
            step = min(1.0, self.charge_limit_pct - soc)
            taper = _interpolate(soc, _TAPER_SOC, _TAPER_FRACTION)
            kw = min(self.charger_kw, self.spec.max_dc_charge_kw * taper * temp_factor) * _CHARGE_EFFICIENCY
            seconds += step / 100.0 * self.spec.usable_energy_kwh / max(kw, 0.1) * 3600.0
            soc += step
        return seconds

    # --- commands -------------------------------------------------------------------------
    def start_charging(self, charger_kw: float, limit_pct: float = 100.0) -> None:
        if not charger_kw > 0.0:
            raise ValueError(f"charger power must be positive, got {charger_kw}")
        if not 0.0 < limit_pct <= 100.0:
            raise ValueError(f"charge limit must be in (0, 100], got {limit_pct}")
        self.is_charging = True
        self.charge_limit_pct = float(limit_pct)
        self.charger_kw = float(charger_kw)
        self._time_to_complete_s = self._estimate_time_to_complete_s()
        self._time_to_complete_age_s = 0.0

    def stop_charging(self) -> None:
        self.is_charging = False
        self.charger_kw = 0.0
        self.charge_power_kw = 0.0

    # --- integration ----------------------------------------------------------------------
    def update(
        self,
        dt_s: float,
        traction_kwh: float,
        distance_m: float,
        aux_kw: float,
        ambient_c: float,
        active: bool,
    ) -> None:
        """Advance `dt_s`: `traction_kwh` drawn by the motors (negative = regen) over
        `distance_m`; `aux_kw` of HVAC/12 V/seat loads; `active` = in gear, ready to drive (the pack
        is only conditioned when the car is awake or charging; only driving counts into consumption)."""
        self._condition_pack(active or self.is_charging)
        load_kw = aux_kw + self.thermal_power_kw
        charge_kw = 0.0
        if self.is_charging:
            charge_kw = min(self.charger_kw, self.charge_power_limit_kw())
            if self.soc_pct >= self.charge_limit_pct:
                charge_kw = 0.0
        self.charge_power_kw = charge_kw
        if self.is_charging:
            self._time_to_complete_age_s += dt_s
            if self._time_to_complete_age_s >= 1.0:
                self._time_to_complete_age_s = 0.0
                self._time_to_complete_s = self._estimate_time_to_complete_s()
        pack_in_kwh = (charge_kw * _CHARGE_EFFICIENCY - load_kw) * dt_s / 3600.0 - traction_kwh
        capacity = self.spec.usable_energy_kwh
        self.energy_kwh = min(capacity, max(0.0, self.energy_kwh + pack_in_kwh))

        pack_in_kw = pack_in_kwh * 3600.0 / dt_s if dt_s > 0 else 0.0
        ocv = self.open_circuit_voltage_v()
        current = pack_in_kw * 1000.0 / ocv
        self.current_a = current
        self.voltage_v = ocv + current * self.spec.pack_resistance_ohm
        self._update_temperature(dt_s, current, ambient_c)
        self._count_consumption(dt_s, traction_kwh, distance_m, load_kw, active)
        self._update_range()

    def _count_consumption(
        self, dt_s: float, traction_kwh: float, distance_m: float, load_kw: float, active: bool
    ) -> None:
        """Only driving counts (in gear, not charging). What went into the car's speed is not spent but
        stored until the brakes give it back, so it is taken out: speeding up to the motorway, then braking
        to a stop, moves the estimate by their losses only, not by a surge and then a refund."""
        speed_mps = distance_m / dt_s if dt_s > 0.0 else 0.0
        motion_kwh = 0.5 * self.spec.mass_kg * self.spec.rotational_mass_factor * speed_mps * speed_mps / 3.6e6
        stored_kwh, self._motion_kwh = motion_kwh - self._motion_kwh, motion_kwh
        if active and not self.is_charging:
            self.consumption.add(traction_kwh - stored_kwh + load_kw * dt_s / 3600.0, distance_m / 1000.0)

    def _condition_pack(self, awake: bool) -> None:
        # Hysteresis so the heater does not chatter around its threshold.
        if not awake:
            self._heating = self._cooling = False
        else:
            if self.pack_temp_c < _PACK_HEAT_BELOW_C:
                self._heating = True
            elif self.pack_temp_c > _PACK_HEAT_UNTIL_C:
                self._heating = False
            if self.pack_temp_c > _PACK_COOL_ABOVE_C:
                self._cooling = True
            elif self.pack_temp_c < _PACK_COOL_UNTIL_C:
                self._cooling = False
        self.thermal_power_kw = (_PACK_HEATER_KW if self._heating else 0.0) + (
            _PACK_COOLER_KW if self._cooling else 0.0
        )

    def _update_temperature(self, dt_s: float, current_a: float, ambient_c: float) -> None:
        joule_w = current_a * current_a * self.spec.pack_resistance_ohm
        heater_w = _PACK_HEATER_KW * 1000.0 if self._heating else 0.0
        chiller_w = -2500.0 if self._cooling else 0.0
        loss_w = _PACK_TO_AMBIENT_W_PER_K * (self.pack_temp_c - ambient_c)
        self.pack_temp_c += (joule_w + heater_w + chiller_w - loss_w) * dt_s / self.spec.pack_heat_capacity_j_per_k

    def _update_range(self) -> None:
        per_km = self.consumption.kwh_per_km
        self.consumption_kwh_per_100km = per_km * 100.0
        self.range_km = self.energy_kwh * cold_capacity_fraction(self.pack_temp_c) / per_km
