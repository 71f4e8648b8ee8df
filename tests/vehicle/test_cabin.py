from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vehicle_sim.cabin import SET_POINT_MAX_C, SET_POINT_MIN_C, Cabin


def _heat_up(outside_c: float = -5.0, fan: int = 7) -> tuple[Cabin, float]:
    cabin = Cabin(air_temp_c=outside_c, hvac_on=True)
    cabin.set_zone_temperature("driver", 22.0)
    cabin.set_fan_level(fan)
    seconds = 0.0
    while cabin.air_temp_c < 21.0:
        cabin.update(0.1, outside_c, 0.0, 1, 0.0, False)
        seconds += 0.1
        assert seconds < 3600, "cabin never warmed up"
    return cabin, seconds


def test_cold_cabin_takes_minutes_not_seconds_to_warm_up() -> None:
    _, seconds = _heat_up()
    assert 4 * 60 < seconds < 20 * 60


def test_parked_cabin_climate_starts_off_and_auto_fan_follows_the_gap() -> None:
    assert Cabin(-5.0).hvac_on is False
    cabin = Cabin(-5.0, hvac_on=True)
    cabin.set_zone_temperature("driver", 22.0)
    cabin.update(0.1, -5.0, 0.0, 1, 0.0, False)
    far_level = cabin.fan_level
    cabin.air_temp_c = 21.5
    cabin.update(0.1, -5.0, 0.0, 1, 0.0, False)
    assert far_level == 7 and cabin.fan_level <= 2


def test_cabin_holds_the_set_point_within_one_degree() -> None:
    cabin, _ = _heat_up()
    for _ in range(20 * 60 * 10):  # 20 more minutes
        cabin.update(0.1, -5.0, 0.0, 1, 0.0, False)
        assert abs(cabin.air_temp_c - 22.0) <= 1.0
    assert 0.3 < cabin.hvac_power_kw < 3.0  # still heating against the cold, efficiently


def test_hot_cabin_cools_with_ac_and_not_without() -> None:
    cooled, uncooled = Cabin(45.0, hvac_on=True), Cabin(45.0, hvac_on=True)
    uncooled.ac_on = False
    for cabin in (cooled, uncooled):
        cabin.set_fan_level(7)
        for _ in range(15 * 60 * 10):
            cabin.update(0.1, 35.0, 800.0, 2, 0.0, False)
    assert cooled.air_temp_c < 25.0
    assert uncooled.air_temp_c > 35.0
    assert cooled.heat_flow_w < 0 and cooled.hvac_power_kw > uncooled.hvac_power_kw


def test_hvac_off_draws_no_compressor_power_and_follows_outside() -> None:
    cabin = Cabin(20.0, hvac_on=True)
    cabin.hvac_on = False
    for _ in range(3600):
        cabin.update(1.0, 0.0, 0.0, 0, 0.0, False)
    assert cabin.hvac_power_kw == 0.0
    assert cabin.air_temp_c < 8.0


def test_mean_of_active_zone_set_points_is_the_target() -> None:
    cabin = Cabin(20.0, hvac_on=True)
    cabin.set_active_zones(("driver", "passenger"))
    cabin.set_zone_temperature("driver", 20.0)
    cabin.set_zone_temperature("passenger", 24.0)
    cabin.set_zone_temperature("rear_left", 30.0)  # nobody there: ignored
    cabin.update(0.1, 10.0, 0.0, 2, 0.0, False)
    assert cabin.target_temp_c == pytest.approx(22.0)
    assert cabin.zone_temps_c["passenger"] > cabin.zone_temps_c["driver"]


def test_defrost_clears_fog_risk_over_time() -> None:
    cabin = Cabin(20.0, hvac_on=True)
    cabin.recirculation = True
    cabin.ac_on = False
    for _ in range(600):
        cabin.update(1.0, 0.0, 0.0, 4, 0.0, True)
    fogged = cabin.fog_risk
    assert fogged > 0.6
    cabin.defrost_front = True
    for _ in range(120):
        cabin.update(1.0, 0.0, 0.0, 4, 0.0, True)
    assert cabin.fog_risk < 0.3 * fogged
    assert cabin.hvac_power_kw > 0.8  # defrost costs energy


@given(zone=st.sampled_from(["driver", "passenger", "rear_left", "rear_right"]), value=st.floats(allow_nan=False))
def test_set_points_are_clamped(zone: str, value: float) -> None:
    cabin = Cabin(20.0, hvac_on=True)
    applied = cabin.set_zone_temperature(zone, value)
    assert SET_POINT_MIN_C <= applied <= SET_POINT_MAX_C
    assert cabin.set_points[zone] == applied
    if SET_POINT_MIN_C <= value <= SET_POINT_MAX_C:
        assert applied == value


def test_bad_zone_and_nan_are_rejected() -> None:
    cabin = Cabin(20.0, hvac_on=True)
    with pytest.raises(ValueError, match="rear_right"):
        cabin.set_zone_temperature("trunk", 20.0)
    with pytest.raises(ValueError):
        cabin.set_zone_temperature("driver", math.nan)
    assert cabin.set_fan_level(12) == 7 and cabin.set_fan_level(-3) == 0
