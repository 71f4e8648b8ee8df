from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import pytest

from roadmap import RoadMap
from tests.vehicle.conftest import BEIJING, run_until
from vehicle_sim import Car
from vehicle_sim.route import BREAK_S


def snapshot(car: Car) -> tuple:
    return (
        car.elapsed_s,
        car.speed_kph,
        car.accel_mps2,
        car.motor_power_kw,
        car.odometer_km,
        car.lat,
        car.lon,
        car.heading_deg,
        car.gear,
        car.battery.energy_kwh,
        car.battery.range_km,
        car.battery.pack_temp_c,
        car.battery.voltage_v,
        car.battery.current_a,
        car.cabin.air_temp_c,
        car.cabin.fog_risk,
        car.cabin.hvac_power_kw,
        car.driver.fatigue,
        car.driver.distraction,
        car.driver.eyes_on_road,
        car.route.remaining_m,
        car.route.eta_s,
        tuple(car.body.window_pct.values()),
    )


def test_commute_home_to_office_arrives_parked_at_the_office(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    car = make_car()
    route = roadmap.shortest_path("home", "office")
    car.start_drive(route)
    assert car.gear == "D" and car.route.destination == "office" and car.route.next_stop == "office"
    top_speed, max_decel = 0.0, 0.0
    while not car.route.arrived:
        car.step(0.01)
        top_speed = max(top_speed, car.speed_kph)
        max_decel = min(max_decel, car.accel_mps2)
        assert car.elapsed_s < 1800
    car.step(0.1)
    assert car.speed_kph == 0.0 and car.gear == "P" and car.route.arrived
    assert car.odometer_km * 1000 == pytest.approx(route.total_length_m, abs=5.0)
    assert car.route.remaining_m == pytest.approx(0.0, abs=1e-6) and car.route.eta_s == 0.0
    assert car.location_name == "office"
    office = roadmap.place("office")
    assert (car.lat, car.lon) == pytest.approx((office.lat, office.lon))
    assert top_speed <= 80 * 1.06  # never faster than the fastest limit + persona
    assert max_decel > -3.5  # comfortable braking throughout
    # about the nominal duration (acceleration and slowing for limits cost a little)
    assert route.nominal_duration_s * 0.9 < car.elapsed_s < route.nominal_duration_s * 1.4


def test_long_drive_with_low_soc_stops_to_charge_and_arrives(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    car = make_car(soc_pct=35.0, outside_temp_c=5.0)
    route = roadmap.shortest_path("home", "jinan_hotel", via=["rest_area_wuqing"])
    car.start_drive(route, charge_plan={"rest_area_wuqing": 80})
    assert car.route.next_stop == "rest_area_wuqing"
    run_until(car, lambda c: c.route.phase == "charging", 0.5, 3 * 3600)
    soc_at_stop = car.battery.soc_pct
    assert car.location_name == "rest_area_wuqing" and car.speed_kph == 0.0
    car.step(0.5)
    assert car.battery.is_charging and car.battery.charge_power_kw > 50.0
    charge_time = run_until(car, lambda c: c.route.phase == "driving", 0.5, 3 * 3600)
    assert car.battery.soc_pct >= 80.0 > soc_at_stop + 40.0
    assert 15 * 60 < charge_time < 60 * 60  # 120 kW charger
    assert car.route.next_stop == "jinan_hotel"
    run_until(car, lambda c: c.route.arrived, 0.5, 8 * 3600)
    assert car.location_name == "jinan_hotel" and car.battery.soc_pct > 5.0
    assert car.body.closures["charge_port"].state in ("closed", "closing")


def test_long_drive_without_charging_would_run_short(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    car = make_car(soc_pct=35.0, outside_temp_c=5.0)
    route = roadmap.shortest_path("home", "jinan_hotel")
    assert car.battery.range_km < route.total_length_m / 1000 * 0.8


def _range_drop_per_km(
    make_car: Callable[..., Car], roadmap: RoadMap, outside_c: float, hvac_on: bool = True
) -> tuple[float, float]:
    car = make_car(soc_pct=70.0, outside_temp_c=outside_c, cabin_temp_c=outside_c)
    car.set_fan_level(7)
    car.set_hvac_power(hvac_on)
    start_range = car.battery.range_km
    car.start_drive(roadmap.shortest_path("home", "office"))
    run_until(car, lambda c: c.route.arrived, 0.05, 3600)
    return start_range, (start_range - car.battery.range_km) / car.odometer_km


def test_range_falls_faster_in_the_cold_with_heating(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    mild_start, mild_drop = _range_drop_per_km(make_car, roadmap, 20.0)
    cold_start, cold_drop = _range_drop_per_km(make_car, roadmap, -10.0)
    assert cold_start < mild_start
    assert cold_drop > 1.5 * mild_drop
    assert cold_drop > 1.0
    _, cold_unheated_drop = _range_drop_per_km(make_car, roadmap, -10.0, hvac_on=False)
    assert cold_drop > 1.2 * cold_unheated_drop  # the heating itself costs range


def test_cabin_warms_over_minutes_while_driving(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    car = make_car(outside_temp_c=-5.0, cabin_temp_c=-5.0)
    car.set_hvac_power(True)
    car.set_zone_temperature("driver", 22.0)
    car.start_drive(roadmap.shortest_path("home", "jinan_hotel"))
    seconds = run_until(car, lambda c: c.cabin.air_temp_c >= 21.0, 0.05, 3600)
    assert 4 * 60 < seconds < 20 * 60
    assert car.cabin.hvac_power_kw > 0.5


def test_same_seed_same_state_different_seed_differs(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    def run(seed: int) -> tuple:
        car = make_car(seed=seed, outside_temp_c=3.0)
        car.start_drive(roadmap.shortest_path("home", "office"))
        for i in range(30_000):
            car.step(0.01)
            if i == 5000:
                car.set_window("driver", 40)
                car.set_zone_temperature("passenger", 25)
        return snapshot(car)

    assert run(11) == run(11)
    assert run(11) != run(12)


def test_reroute_mid_drive_and_cancel(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    car = make_car()
    car.start_drive(roadmap.shortest_path("home", "office"))
    run_until(car, lambda c: c.route.distance_m > 2500, 0.05, 1800)
    speed_before = car.speed_kph
    here = (car.lat, car.lon)
    new_route = car.navigate_to("coffee_rongjing")
    assert new_route.position_at(0.0)[:2] == pytest.approx(here)  # planned from where the car is
    assert car.route.destination == "coffee_rongjing" and car.route.destination_id == 4
    assert car.speed_kph == pytest.approx(speed_before)  # keeps rolling
    run_until(car, lambda c: c.route.arrived, 0.05, 1800)
    assert car.location_name == "coffee_rongjing"

    car.set_route(roadmap.shortest_path("coffee_rongjing", "office"))
    run_until(car, lambda c: c.speed_kph > 25, 0.05, 600)
    car.cancel_route()
    assert car.gear == "D"  # still rolling while pulling over
    stop_time = run_until(car, lambda c: c.gear == "P", 0.05, 60)
    assert stop_time < 10 and car.speed_kph == 0.0 and car.route.destination is None
    position = (car.lat, car.lon)
    for _ in range(100):
        car.step(0.1)
    assert (car.lat, car.lon) == position


def test_commands_validate_and_clamp(make_car: Callable[..., Car]) -> None:
    car = make_car()
    assert car.set_zone_temperature("driver", 40) == 32.0
    assert car.set_fan_level(9) == 7
    assert car.set_window("rear_left", 150) == 100.0
    assert car.set_seat_heat("passenger", 5) == 3
    for bad in (
        lambda: car.set_zone_temperature("roof", 20),
        lambda: car.set_zone_temperature("driver", "warm"),
        lambda: car.set_seat_heat("boot", 1),
        lambda: car.set_window("moonroof", 10),
        lambda: car.open_closure("glovebox"),
        lambda: car.set_light("strobe", "on"),
        lambda: car.set_wiper("max"),
        lambda: car.set_environment(weather="hail"),
        lambda: car.set_route("office"),  # type: ignore[arg-type]
        lambda: car.navigate_to("atlantis"),
        lambda: car.start_charging(),  # not at a charger
    ):
        with pytest.raises(ValueError):
            bad()


def test_trunk_opens_in_seconds_through_the_car(make_car: Callable[..., Car]) -> None:
    car = make_car()
    car.open_closure("trunk")
    seconds = run_until(car, lambda c: c.body.closures["trunk"].state == "open", 0.01, 30)
    assert 2.0 < seconds < 5.5


def test_plugging_in_at_a_charger_opens_the_port_and_charges(make_car: Callable[..., Car]) -> None:
    car = make_car(place="charger_super_480", soc_pct=20.0, outside_temp_c=20.0)
    car.start_charging()
    run_until(car, lambda c: c.body.closures["charge_port"].state == "open", 0.1, 10)
    start = car.battery.soc_pct
    run_until(car, lambda c: c.elapsed_s > 600, 1.0, 700)
    assert car.battery.soc_pct > start + 20.0
    car.stop_charging()
    run_until(car, lambda c: c.body.closures["charge_port"].state == "closed", 0.1, 10)


def test_environment_and_local_time(make_car: Callable[..., Car]) -> None:
    car = make_car(start=datetime(2026, 7, 1, 11, 30, tzinfo=BEIJING), weather="rain")
    assert car.environment.is_raining and 0 < car.environment.sun_w_m2 < 300
    car.set_environment(weather="clear")
    assert car.environment.sun_w_m2 > 600
    car.set_environment(sun_w_m2=0.0, outside_temp_c=-2.0)
    assert car.environment.sun_w_m2 == 0.0 and car.environment.outside_temp_c == -2.0
    for _ in range(3600):
        car.step(1.0)
    assert car.local_time == datetime(2026, 7, 1, 12, 30, tzinfo=BEIJING)
    assert car.environment.local_time.hour == 12


def test_occupancy_drives_the_climate_zones(make_car: Callable[..., Car]) -> None:
    car = make_car(occupied_seats=("driver", "rear_right"))
    car.set_zone_temperature("driver", 20)
    car.set_zone_temperature("rear_right", 26)
    car.set_zone_temperature("passenger", 30)
    car.step(0.1)
    assert car.cabin.target_temp_c == pytest.approx(23.0)
    car.set_occupied("passenger", True)
    car.step(0.1)
    assert car.cabin.target_temp_c == pytest.approx(76 / 3)


def test_driver_override_through_the_car(make_car: Callable[..., Car]) -> None:
    car = make_car()
    car.set_driver_state(fatigue=0.85)
    for _ in range(600):
        car.step(0.1)
    assert car.driver.fatigue == 0.85
    car.set_driver_state(distraction=0.9)
    car.step(0.1)
    assert car.driver.distraction == 0.9 and not car.driver.eyes_on_road


def test_benchmark_step_cost(make_car: Callable[..., Car], roadmap: RoadMap) -> None:
    """Prints µs per Car.step(0.01) over 30 simulated minutes of driving (not asserted: timing
    belongs to `main.py bench`)."""
    car = make_car(outside_temp_c=-3.0)
    car.start_drive(roadmap.shortest_path("home", "jinan_hotel"))
    steps = 30 * 60 * 100
    started = time.process_time()
    for _ in range(steps):
        car.step(0.01)
    cpu_s = time.process_time() - started
    print(f"\nCar.step(0.01): {cpu_s / steps * 1e6:.2f} µs/step; 30 min drive in {cpu_s:.2f} s CPU")
    assert car.odometer_km > 20.0  # it did drive


def test_a_stop_on_the_way_that_is_no_charging_stop_is_a_break(make_car: Callable[..., Car]) -> None:
    car = make_car(soc_pct=90.0, outside_temp_c=5.0)
    car.navigate_to("jinan_hotel", via_id="rest_area_wuqing")
    assert car.route.next_stop == "rest_area_wuqing"
    run_until(car, lambda c: c.route.phase == "resting", 0.5, 3 * 3600)
    assert car.location_name == "rest_area_wuqing" and car.speed_kph == 0.0 and car.gear == "P"
    assert not car.battery.is_charging
    at_wheel = car.driver.time_at_wheel_s
    assert at_wheel > 0
    rest = run_until(car, lambda c: c.route.phase == "driving", 0.5, 3 * 3600)
    assert rest == pytest.approx(BREAK_S, abs=2.0)
    assert car.driver.time_at_wheel_s < at_wheel  # a real break: the clock at the wheel restarted
    assert car.route.next_stop == "jinan_hotel"


def test_a_new_route_on_the_way_starts_where_the_car_is(make_car: Callable[..., Car]) -> None:
    car = make_car(soc_pct=90.0, outside_temp_c=5.0)
    car.navigate_to("jinan_hotel")
    run_until(car, lambda c: c.speed_kph > 100 and c.route.distance_m > 60_000, 0.5, 3 * 3600)
    before = (car.lat, car.lon)
    remaining_before = car.route.remaining_m
    car.navigate_to("jinan_hotel", via_id="rest_area_qingxian")
    assert (car.lat, car.lon) == pytest.approx(before, abs=1e-6)  # no jump to a node behind or ahead
    assert car.route.remaining_m == pytest.approx(remaining_before, rel=0.01)  # the stop is on the way
    assert car.route.next_stop == "rest_area_qingxian"
