"""Vehicle specifications of the simulated SU7-style sedan.

Figures: public launch figures (2024) of the Xiaomi SU7 where published (pack size, mass, Cd,
0-100 km/h, CLTC range, peak power); the rest (rolling resistance, efficiencies, thermal and
electrical constants) are plausible engineering values chosen so the model reproduces them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VehicleSpec:
    trim: str
    # mass and road load
    mass_kg: float
    drag_coefficient: float
    frontal_area_m2: float
    rolling_resistance: float
    rotational_mass_factor: float  # wheels, motors and gears add inertia (~3-5 % of mass)
    # powertrain
    drive: str  # "AWD" | "RWD"
    peak_power_kw: float  # battery-side peak (both motors)
    peak_regen_kw: float
    # Effective tyre-road friction for traction, including the share of weight on driven axles.
    traction_coefficient: float
    drivetrain_efficiency: float  # battery -> wheel
    regen_efficiency: float  # wheel -> battery
    top_speed_kph: float
    # battery
    usable_energy_kwh: float
    gross_energy_kwh: float
    series_cells: int  # sets the pack voltage class (800 V vs 400 V)
    pack_resistance_ohm: float
    pack_heat_capacity_j_per_k: float
    max_dc_charge_kw: float
    # published references the tests compare against
    zero_to_100_s: float
    cltc_range_km: float
    # 12 V net: ECUs, screens, pumps
    low_voltage_load_kw: float = 0.3

    @property
    def rated_consumption_kwh_per_100km(self) -> float:
        return self.usable_energy_kwh / self.cltc_range_km * 100.0


TRIMS: dict[str, VehicleSpec] = {
    "max": VehicleSpec(
        trim="max",
        mass_kg=2205.0,
        drag_coefficient=0.195,
        frontal_area_m2=2.3,
        rolling_resistance=0.0085,
        rotational_mass_factor=1.04,
        drive="AWD",
        peak_power_kw=495.0,
        peak_regen_kw=160.0,
        traction_coefficient=1.2,
        drivetrain_efficiency=0.90,
        regen_efficiency=0.82,
        top_speed_kph=265.0,
        usable_energy_kwh=97.0,
        gross_energy_kwh=101.0,
        series_cells=208,  # 871 V class
        pack_resistance_ohm=0.09,
        pack_heat_capacity_j_per_k=5.5e5,
        max_dc_charge_kw=210.0,
        zero_to_100_s=2.78,
        cltc_range_km=800.0,
    ),
    "standard": VehicleSpec(
        trim="standard",
        mass_kg=1980.0,
        drag_coefficient=0.195,
        frontal_area_m2=2.3,
        rolling_resistance=0.0085,
        rotational_mass_factor=1.04,
        drive="RWD",
        peak_power_kw=220.0,
        peak_regen_kw=110.0,
        traction_coefficient=0.7,
        drivetrain_efficiency=0.90,
        regen_efficiency=0.82,
        top_speed_kph=210.0,
        usable_energy_kwh=71.0,
        gross_energy_kwh=73.6,
        series_cells=108,  # 400 V class
        pack_resistance_ohm=0.05,
        pack_heat_capacity_j_per_k=4.0e5,
        max_dc_charge_kw=150.0,
        zero_to_100_s=5.28,
        cltc_range_km=700.0,
    ),
}


def spec_for(trim: str) -> VehicleSpec:
    try:
        return TRIMS[trim]
    except KeyError:
        raise ValueError(f"unknown trim {trim!r}; known trims: {', '.join(sorted(TRIMS))}") from None
