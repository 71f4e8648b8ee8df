from __future__ import annotations

import pytest

from vehicle_sim.battery import Battery
from vehicle_sim.dynamics import LongitudinalDynamics
from vehicle_sim.spec import TRIMS, spec_for


@pytest.mark.parametrize("trim", ["max", "standard"])
def test_zero_to_100_within_15_percent_of_launch_figure(trim: str) -> None:
    spec = TRIMS[trim]
    dyn = LongitudinalDynamics(spec)
    elapsed = 0.0
    while dyn.speed_mps < 100 / 3.6:
        dyn.step(50.0, 0.01)  # flat out: the power and grip limits decide
        elapsed += 0.01
    assert elapsed == pytest.approx(spec.zero_to_100_s, rel=0.15)


@pytest.mark.parametrize("trim", ["max", "standard"])
def test_top_speed_is_plausible(trim: str) -> None:
    spec = TRIMS[trim]
    dyn = LongitudinalDynamics(spec)
    for _ in range(12_000):  # 2 minutes flat out
        dyn.step(50.0, 0.01)
    top_kph = dyn.speed_mps * 3.6
    assert 200.0 <= top_kph <= 275.0
    assert top_kph == pytest.approx(spec.top_speed_kph, rel=0.03)


def _consumption_kwh_per_100km(speed_kph: float) -> tuple[float, float]:
    """Drive 20 km at constant speed; returns (measured consumption, range drop per km)."""
    spec = TRIMS["max"]
    dyn = LongitudinalDynamics(spec, speed_mps=speed_kph / 3.6)
    battery = Battery(spec, soc_pct=80.0, pack_temp_c=25.0)
    start_energy, start_range, distance = battery.energy_kwh, battery.range_km, 0.0
    while distance < 20_000:
        dyn.step(0.0, 0.1)  # zero demand = hold speed against road load
        moved = dyn.speed_mps * 0.1
        distance += moved
        battery.update(0.1, dyn.motor_power_kw * 0.1 / 3600, moved, spec.low_voltage_load_kw, 25.0, True)
    consumption = (start_energy - battery.energy_kwh) / (distance / 100_000)
    return consumption, (start_range - battery.range_km) / (distance / 1000)


def test_highway_consumes_more_than_city_speed_and_range_falls_faster() -> None:
    city, city_range_per_km = _consumption_kwh_per_100km(60.0)
    highway, highway_range_per_km = _consumption_kwh_per_100km(120.0)
    assert 8.0 < city < 14.0
    assert 13.0 < highway < 22.0
    assert highway > 1.3 * city
    # The estimate learns: at 120 km/h it loses more than a km of range per km driven.
    assert highway_range_per_km > city_range_per_km
    assert highway_range_per_km > 1.2


def test_braking_recovers_energy_within_the_regen_limit() -> None:
    spec = TRIMS["max"]
    dyn = LongitudinalDynamics(spec, speed_mps=30.0)
    dyn.step(-1.5, 0.01)  # gentle: all regenerative
    assert dyn.motor_power_kw < 0 and dyn.friction_brake_kw == pytest.approx(0.0, abs=1e-9)
    dyn.step(-9.0, 0.01)  # emergency: regen saturates, friction brakes take the rest
    assert -dyn.motor_power_kw <= spec.peak_regen_kw + 1e-6
    assert dyn.friction_brake_kw > 100.0


def test_brakes_never_push_the_car_backwards() -> None:
    dyn = LongitudinalDynamics(TRIMS["standard"], speed_mps=0.5)
    for _ in range(100):
        dyn.step(-6.0, 0.01)
    assert dyn.speed_mps == 0.0 and dyn.motor_power_kw == 0.0


def test_unknown_trim_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="known trims"):
        spec_for("ultra")
