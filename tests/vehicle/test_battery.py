from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vehicle_sim.battery import Battery
from vehicle_sim.spec import TRIMS


def _charge(trim: str, charger_kw: float, start: float, stop: float) -> tuple[float, dict[int, float]]:
    battery = Battery(TRIMS[trim], soc_pct=start, pack_temp_c=25.0)
    battery.start_charging(charger_kw)
    seconds, power_at = 0.0, {}
    while battery.soc_pct < stop:
        battery.update(1.0, 0.0, 0.0, 0.3, 20.0, True)
        power_at.setdefault(int(battery.soc_pct), battery.charge_power_kw)
        seconds += 1.0
        assert seconds < 4 * 3600
    return seconds, power_at


@pytest.mark.parametrize(("trim", "charger_kw"), [("max", 250.0), ("max", 480.0), ("standard", 250.0)])
def test_dc_fast_charge_10_to_80_takes_20_to_35_minutes_and_tapers(trim: str, charger_kw: float) -> None:
    seconds, power_at = _charge(trim, charger_kw, 10.0, 80.0)
    assert 20 * 60 <= seconds <= 35 * 60
    assert power_at[75] < 0.6 * power_at[30]
    assert max(power_at.values()) <= TRIMS[trim].max_dc_charge_kw + 1e-6


def test_charger_limit_caps_power_and_slow_charger_takes_longer() -> None:
    slow, power_at = _charge("max", 120.0, 10.0, 80.0)
    fast, _ = _charge("max", 480.0, 10.0, 80.0)
    assert max(power_at.values()) <= 120.0 + 1e-6
    assert slow > fast * 1.3


def test_charging_above_90_percent_is_slow() -> None:
    battery = Battery(TRIMS["max"], soc_pct=92.0, pack_temp_c=25.0)
    battery.start_charging(480.0)
    battery.update(1.0, 0.0, 0.0, 0.3, 20.0, True)
    assert battery.charge_power_kw < 0.2 * TRIMS["max"].max_dc_charge_kw


def test_cold_pack_charges_slowly_and_is_heated() -> None:
    battery = Battery(TRIMS["max"], soc_pct=20.0, pack_temp_c=-10.0)
    battery.start_charging(250.0)
    battery.update(1.0, 0.0, 0.0, 0.3, -10.0, True)
    assert battery.charge_power_kw < 0.3 * TRIMS["max"].max_dc_charge_kw
    assert battery.thermal_power_kw > 2.0
    for _ in range(1800):
        battery.update(1.0, 0.0, 0.0, 0.3, -10.0, True)
    assert battery.pack_temp_c > -5.0


def test_cold_pack_shows_less_range_than_a_warm_one() -> None:
    warm = Battery(TRIMS["max"], soc_pct=50.0, pack_temp_c=25.0)
    cold = Battery(TRIMS["max"], soc_pct=50.0, pack_temp_c=-10.0)
    assert cold.range_km < 0.9 * warm.range_km


def test_charge_stops_at_the_limit_and_estimates_time() -> None:
    battery = Battery(TRIMS["standard"], soc_pct=40.0, pack_temp_c=25.0)
    battery.start_charging(250.0, limit_pct=60.0)
    estimate = battery.time_to_complete_s
    seconds = 0.0
    while battery.charge_power_kw > 0.0 or seconds == 0.0:
        battery.update(1.0, 0.0, 0.0, 0.3, 20.0, True)
        seconds += 1.0
    assert battery.soc_pct == pytest.approx(60.0, abs=0.2)
    assert estimate == pytest.approx(seconds, rel=0.15)


def test_voltage_class_and_ocv_rise_with_soc() -> None:
    high = Battery(TRIMS["max"], soc_pct=100.0, pack_temp_c=25.0)
    low = Battery(TRIMS["max"], soc_pct=5.0, pack_temp_c=25.0)
    assert 820 <= high.voltage_v <= 880  # 871 V class
    assert low.voltage_v < 0.85 * high.voltage_v
    assert 420 <= Battery(TRIMS["standard"], 100.0, 25.0).voltage_v <= 470


@settings(max_examples=60, deadline=None)
@given(
    soc=st.floats(min_value=0, max_value=100),
    loads=st.lists(st.floats(min_value=-200, max_value=600), min_size=1, max_size=20),
)
def test_soc_stays_within_bounds(soc: float, loads: list[float]) -> None:
    battery = Battery(TRIMS["max"], soc_pct=soc, pack_temp_c=20.0)
    for kw in loads:
        battery.update(60.0, kw / 60.0, 1000.0, 0.3, 20.0, True)
        assert 0.0 <= battery.soc_pct <= 100.0
        assert battery.range_km >= 0.0


def test_out_of_range_soc_is_rejected() -> None:
    with pytest.raises(ValueError, match="soc_pct"):
        Battery(TRIMS["max"], soc_pct=120.0, pack_temp_c=20.0)
