from __future__ import annotations

import random

import pytest

from vehicle_sim.driver import DriverModel, circadian_drowsiness


def _drive(driver: DriverModel, start_hour: float, seconds: int, driving: bool = True) -> float:
    hour = start_hour
    for _ in range(seconds):
        driver.update(1.0, driving, hour % 24.0)
        hour += 1.0 / 3600.0
    return hour


def test_circadian_lows_at_night_and_after_lunch() -> None:
    assert circadian_drowsiness(4.0) > 0.9
    assert circadian_drowsiness(14.0) > 0.4
    assert circadian_drowsiness(19.0) < 0.1


def test_fatigue_rises_over_a_two_hour_night_drive_more_than_by_day() -> None:
    night, day = DriverModel(random.Random(1)), DriverModel(random.Random(1))
    _drive(night, 1.0, 7200)
    _drive(day, 18.0, 7200)
    assert night.fatigue > 0.6
    assert night.fatigue > day.fatigue + 0.2
    assert night.time_at_wheel_s == pytest.approx(7200.0)


def test_a_break_of_more_than_ten_minutes_lowers_fatigue_a_short_stop_does_not() -> None:
    driver = DriverModel(random.Random(2))
    hour = _drive(driver, 20.0, 3 * 3600)
    tired = driver.fatigue
    hour = _drive(driver, hour, 5 * 60, driving=False)
    assert driver.fatigue == pytest.approx(tired)
    _drive(driver, hour, 25 * 60, driving=False)
    assert driver.fatigue < tired - 0.15
    assert driver.time_at_wheel_s == 0.0


def test_overrides_persist_until_cleared() -> None:
    driver = DriverModel(random.Random(3))
    driver.set_fatigue(0.8)
    driver.set_distraction(1.7)  # clamped
    _drive(driver, 10.0, 600)
    assert driver.fatigue == 0.8 and driver.distraction == 1.0
    assert not driver.eyes_on_road
    driver.set_fatigue(None)
    driver.set_distraction(None)
    assert driver.fatigue < 0.5 and driver.distraction < 1.0


def test_distraction_is_stochastic_but_seeded() -> None:
    def trace(seed: int) -> list[tuple[float, bool]]:
        driver = DriverModel(random.Random(seed))
        out = []
        for _ in range(3000):
            driver.update(0.1, True, 10.0)
            out.append((driver.distraction, driver.eyes_on_road))
        return out

    first, again, other = trace(5), trace(5), trace(6)
    assert first == again and first != other
    assert any(not eyes for _, eyes in first)  # some glances away in 5 minutes
    assert sum(eyes for _, eyes in first) > 0.8 * len(first)  # but mostly on the road


def test_persona_speed_factor_is_within_five_percent() -> None:
    factors = [DriverModel(random.Random(seed)).speed_factor for seed in range(50)]
    assert all(0.95 <= f <= 1.05 for f in factors) and len(set(factors)) > 1
    assert DriverModel(random.Random(0), speed_factor=1.0).cruise_speed_mps(36.0) == pytest.approx(10.0)
