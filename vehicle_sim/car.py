"""The simulated car: physics, battery, cabin, body and driver composed and stepped together."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from roadmap import RoadMap, Route
from roadmap.geo import great_circle_m
from vehicle_sim.battery import Battery
from vehicle_sim.body import SEATS, Body
from vehicle_sim.cabin import ZONES, Cabin
from vehicle_sim.driver import DriverModel
from vehicle_sim.dynamics import LongitudinalDynamics
from vehicle_sim.route import CHARGING, DRIVING, STOPPING, RouteFollower
from vehicle_sim.spec import VehicleSpec

SLOW_TICK_S = 0.1  # thermal, battery, body, driver and position integrate at this step
WEATHERS = ("clear", "cloudy", "rain", "snow", "fog")
_RAIN_PCT = {"clear": 0.0, "cloudy": 0.0, "rain": 60.0, "snow": 30.0, "fog": 0.0}
_HUMIDITY_PCT = {"clear": 40.0, "cloudy": 60.0, "rain": 92.0, "snow": 85.0, "fog": 97.0}
_SUN_FACTOR = {"clear": 1.0, "cloudy": 0.35, "rain": 0.15, "snow": 0.2, "fog": 0.25}
_CLEAR_SKY_PEAK_W_M2 = 900.0
_AT_PLACE_M = 100.0
_ASLEEP_LOW_VOLTAGE_KW = 0.02


class Environment:
    """outside_temp_c, weather, sun_w_m2 (from time of day and weather unless overridden),
    is_raining (rain or snow: anything the wipers clear), rain_pct (rain sensor), humidity_pct,
    local_time."""

    def __init__(self, outside_temp_c: float, weather: str, local_time: datetime) -> None:
        self.outside_temp_c = float(outside_temp_c)
        self.weather = _check_weather(weather)
        self.local_time = local_time
        self.sun_override_w_m2: float | None = None
        self.sun_w_m2 = 0.0
        self.update(local_time)

    @property
    def is_raining(self) -> bool:
        return self.weather in ("rain", "snow")

    @property
    def rain_pct(self) -> float:
        return _RAIN_PCT[self.weather]

    @property
    def humidity_pct(self) -> float:
        return _HUMIDITY_PCT[self.weather]

    @property
    def hour_of_day(self) -> float:
        t = self.local_time
        return t.hour + t.minute / 60.0 + (t.second + t.microsecond * 1e-6) / 3600.0

    def update(self, local_time: datetime) -> None:
        self.local_time = local_time
        if self.sun_override_w_m2 is not None:
            self.sun_w_m2 = self.sun_override_w_m2
            return
        hour = self.hour_of_day
        elevation = math.sin(math.pi * (hour - 6.0) / 12.0) if 6.0 < hour < 18.0 else 0.0
        self.sun_w_m2 = _CLEAR_SKY_PEAK_W_M2 * elevation * _SUN_FACTOR[self.weather]


def _check_weather(weather: str) -> str:
    if weather not in WEATHERS:
        raise ValueError(f"unknown weather {weather!r}; expected one of: {', '.join(WEATHERS)}")
    return weather


class Car:
    """A simulated SU7-style EV. No clock of its own: advance it with `step(dt_s)`.

    State the ECUs read (attributes/properties):
      speed_kph, speed_mps, accel_mps2, gear ('P'|'R'|'N'|'D'), motor_power_kw (battery side,
      negative when regenerating), odometer_km, lat, lon, heading_deg, elapsed_s, local_time,
      location_name (place parked at, else None), spec, roadmap.
      battery:  soc_pct, range_km, pack_temp_c, voltage_v, current_a (+ into pack),
                is_charging, charge_power_kw, charger_kw, energy_kwh, consumption_kwh_per_100km.
      cabin:    air_temp_c, interior_temp_c, set_points[zone], zone_temps_c[zone], fan_level,
                ac_on, hvac_on, recirculation, defrost_front, defrost_rear, hvac_power_kw,
                fog_risk, target_temp_c. Zones: driver, passenger, rear_left, rear_right.
      body:     door_open[door], door_locked[door], closures['trunk'|'frunk'|'charge_port']
                (.state closed|opening|open|closing, .position 0..1), window_pct[zone],
                window_target_pct[zone], seat_occupied[seat], seat_heat[seat],
                seat_ventilation[seat], headlights, ambient_on, ambient_colour,
                reading_lights[zone], wipers, electrical_power_kw.
      driver:   fatigue, distraction, eyes_on_road, time_at_wheel_s, speed_factor.
      route:    destination (name or None), remaining_m, eta_s, arrived, next_stop, phase
                (idle|driving|charging|stopping|arrived), distance_m, route, current_stop.
      environment: outside_temp_c, sun_w_m2, weather, is_raining, local_time.
    Commands (validate, ValueError naming the valid choices; numbers are clamped):
      set_hvac_power, set_ac, set_recirculation, set_zone_temperature, set_fan_level,
      set_defrost, set_seat_heat, set_seat_ventilation, set_window, open_closure, close_closure,
      set_light, set_wiper, set_door_lock / set_locked, set_door, set_route, navigate_to,
      cancel_route, start_charging, stop_charging.
    Scenario hooks: start_drive, set_driver_state, set_occupied, set_environment.
    """

    def __init__(
        self,
        spec: VehicleSpec,
        roadmap: RoadMap,
        start_place: str,
        start_time: datetime,
        rng: random.Random,
        soc_pct: float,
        cabin_temp_c: float | None,
        outside_temp_c: float,
        weather: str = "clear",
        occupied_seats: Iterable[str] = ("driver",),
        odometer_km: float = 0.0,
    ) -> None:
        self.spec = spec
        self.roadmap = roadmap
        place = roadmap.place(start_place)
        self.start_time = start_time
        self.elapsed_s = 0.0
        self.odometer_km = float(odometer_km)
        self.environment = Environment(outside_temp_c, weather, start_time)
        self.dynamics = LongitudinalDynamics(spec)
        self.battery = Battery(spec, soc_pct, pack_temp_c=outside_temp_c)  # cold-soaked with the air
        self.cabin = Cabin(outside_temp_c if cabin_temp_c is None else cabin_temp_c)
        self.body = Body(tuple(occupied_seats))
        self.driver = DriverModel(rng)
        self.route = RouteFollower(roadmap, self.dynamics, self.driver, self.battery, place.lat, place.lon)
        self._sync_active_zones()
        self._slow_elapsed_s = 0.0
        self._traction_kwh = 0.0
        self._distance_m = 0.0
        self._port_opened_for_charging = False
        self._slow_step(0.0)

    # --- fast state --------------------------------------------------------------------------
    @property
    def speed_mps(self) -> float:
        return self.dynamics.speed_mps

    @property
    def speed_kph(self) -> float:
        return self.dynamics.speed_mps * 3.6

    @property
    def accel_mps2(self) -> float:
        return self.dynamics.accel_mps2

    @property
    def motor_power_kw(self) -> float:
        return self.dynamics.motor_power_kw

    @property
    def gear(self) -> str:
        return "D" if self.route.phase in (DRIVING, STOPPING) else "P"

    @property
    def lat(self) -> float:
        return self.route.lat

    @property
    def lon(self) -> float:
        return self.route.lon

    @property
    def heading_deg(self) -> float:
        return self.route.heading_deg

    @property
    def local_time(self) -> datetime:
        return self.start_time + timedelta(seconds=self.elapsed_s)

    @property
    def location_name(self) -> str | None:
        if self.gear != "P":
            return None
        lat, lon = self.route.lat, self.route.lon
        for place in self.roadmap.places.values():
            if great_circle_m(lat, lon, place.lat, place.lon) < _AT_PLACE_M:
                return place.name
        return None

    # --- stepping ----------------------------------------------------------------------------
    def step(self, dt_s: float) -> None:
        """Advance the whole car by `dt_s` seconds (any step up to ~1 s; 0.01 s in replays)."""
        moved = self.route.step(dt_s)
        if moved:
            self._distance_m += moved
            self._traction_kwh += self.dynamics.motor_power_kw * dt_s * (1.0 / 3600.0)
        self.elapsed_s += dt_s
        pending = self.elapsed_s - self._slow_elapsed_s
        if pending >= SLOW_TICK_S - 1e-9:
            self._slow_step(pending)

    def _slow_step(self, dt_s: float) -> None:
        self._slow_elapsed_s = self.elapsed_s
        env = self.environment
        env.update(self.local_time)
        body = self.body
        body.update(dt_s)
        occupants = sum(body.seat_occupied.values())
        self.cabin.update(dt_s, env.outside_temp_c, env.sun_w_m2, occupants, body.open_window_fraction, env.is_raining)
        driving = self.gear != "P"
        battery = self.battery
        awake = driving or occupants > 0 or battery.is_charging
        low_voltage_kw = self.spec.low_voltage_load_kw if awake else _ASLEEP_LOW_VOLTAGE_KW
        aux_kw = low_voltage_kw + self.cabin.hvac_power_kw + body.electrical_power_kw
        battery.update(dt_s, self._traction_kwh, self._distance_m, aux_kw, env.outside_temp_c, driving)
        self.odometer_km += self._distance_m / 1000.0
        self._traction_kwh = 0.0
        self._distance_m = 0.0
        self.driver.update(dt_s, driving and body.seat_occupied["driver"], env.hour_of_day)
        self.route.update(dt_s)
        self._manage_charge_port()

    def _manage_charge_port(self) -> None:
        port = self.body.closures["charge_port"]
        if self.battery.is_charging or self.route.phase == CHARGING:
            if port.state in ("closed", "closing"):
                port.command(True)
                self._port_opened_for_charging = True
        elif self._port_opened_for_charging and port.state in ("open", "opening"):
            port.command(False)
            self._port_opened_for_charging = False

    # --- HVAC commands ----------------------------------------------------------------------
    def set_hvac_power(self, on: bool) -> None:
        self.cabin.hvac_on = bool(on)

    def set_ac(self, on: bool) -> None:
        self.cabin.ac_on = bool(on)

    def set_recirculation(self, on: bool) -> None:
        self.cabin.recirculation = bool(on)

    def set_zone_temperature(self, zone: str, celsius: float) -> float:
        return self.cabin.set_zone_temperature(zone, _number(celsius, "temperature"))

    def set_fan_level(self, level: int) -> int:
        return self.cabin.set_fan_level(int(_number(level, "fan level")))

    def set_defrost(self, front: bool | None = None, rear: bool | None = None) -> None:
        if front is not None:
            self.cabin.defrost_front = bool(front)
        if rear is not None:
            self.cabin.defrost_rear = bool(rear)

    # --- body commands ----------------------------------------------------------------------
    def set_seat_heat(self, seat: str, level: int) -> int:
        return self.body.set_seat_heat(seat, int(_number(level, "seat heat level")))

    def set_seat_ventilation(self, seat: str, level: int) -> int:
        return self.body.set_seat_ventilation(seat, int(_number(level, "seat ventilation level")))

    def set_window(self, zone: str, position_pct: float) -> float:
        return self.body.set_window(zone, position_pct)

    def open_closure(self, target: str) -> None:
        self.body.set_closure(target, True)

    def close_closure(self, target: str) -> None:
        self.body.set_closure(target, False)
        if target == "charge_port":
            self._port_opened_for_charging = False

    def set_light(self, target: str, state: object) -> None:
        self.body.set_light(target, state)

    def set_wiper(self, mode: str) -> None:
        self.body.set_wiper(mode)

    def set_door_lock(self, locked: bool) -> None:
        self.body.set_locked(locked)

    def set_locked(self, locked: bool) -> None:
        self.set_door_lock(locked)

    def set_door(self, door: str, open_: bool) -> None:
        self.body.set_door(door, open_)

    # --- navigation and charging ------------------------------------------------------------
    def set_route(self, route: Route, charge_plan: Mapping[str, float] | None = None) -> None:
        """Follow `route` (planned by the caller from the nearest node); the simulated driver
        drives it. `charge_plan` maps charger place names on the route to target SOC %."""
        if not isinstance(route, Route):
            raise ValueError(f"route must be a roadmap.Route, got {type(route).__name__}")
        self.route.set_route(route, charge_plan)

    def navigate_to(
        self,
        destination: int | str,
        via_id: int | str | None = None,
        charge_to_pct: float | None = None,
    ) -> Route:
        """Plan from the nearest map node to `destination` (place id or name), optionally via a
        place; with `charge_to_pct` the via place is a charging stop to that SOC, else a break there
        (vehicle_sim.route.BREAK_S). Then follow it."""
        target = self._resolve_place(destination)
        via = [self._resolve_place(via_id)] if via_id not in (None, 0, "") else []
        lead = self.route.rest_of_segment()  # on the way: from where the car is, not from a node behind it
        start = lead.end_node if lead is not None else self.roadmap.nearest_node(self.route.lat, self.route.lon)
        route = self.roadmap.shortest_path(start, target, via=via)
        if lead is not None:
            route = Route([lead, *route.segments], origin=lead.start_node, destination=route.destination, via=route.via)
        plan = {via[0]: _number(charge_to_pct, "charge target")} if via and charge_to_pct else None
        # A stop on the way that is no charging stop is a break (a rest area, a coffee): the driver parks there.
        self.route.set_route(route, plan, breaks=tuple(via) if via and not plan else ())
        return route

    def _resolve_place(self, key: int | str | None) -> str:
        if isinstance(key, int):
            return self.roadmap.place_by_id(key).name
        return self.roadmap.place(str(key)).name

    def start_drive(self, route: Route, charge_plan: Mapping[str, float] | None = None) -> None:
        """Scenario hook: the driver sets off along `route`."""
        self.set_route(route, charge_plan)

    def cancel_route(self) -> None:
        """Stop navigating: the driver pulls over and parks."""
        self.route.cancel()

    def start_charging(self, charger_kw: float | None = None) -> None:
        """Plug in while parked; None uses the charger at the current place."""
        if self.gear != "P" or self.speed_mps > 0.0:
            raise ValueError("cannot plug in while driving")
        if charger_kw is None:
            name = self.location_name
            place = self.roadmap.place(name) if name is not None else None
            if place is None or not place.charger_kw:
                raise ValueError(f"no charger at the current location ({name or 'not at a place'})")
            charger_kw = place.charger_kw
        self.battery.start_charging(_number(charger_kw, "charger power"))

    def stop_charging(self) -> None:
        self.battery.stop_charging()

    # --- scenario hooks ---------------------------------------------------------------------
    def set_driver_state(self, fatigue: float | None = None, distraction: float | None = None) -> None:
        """Override the driver model (persists until changed); None leaves a value unchanged."""
        if fatigue is not None:
            self.driver.set_fatigue(fatigue)
        if distraction is not None:
            self.driver.set_distraction(distraction)

    def set_occupied(self, seat: str, occupied: bool) -> None:
        self.body.set_occupied(seat, occupied)
        self._sync_active_zones()

    def set_environment(
        self,
        outside_temp_c: float | None = None,
        weather: str | None = None,
        sun_w_m2: float | None = None,
    ) -> None:
        env = self.environment
        if outside_temp_c is not None:
            env.outside_temp_c = _number(outside_temp_c, "outside temperature")
        if weather is not None:
            env.weather = _check_weather(weather)
        if sun_w_m2 is not None:
            env.sun_override_w_m2 = max(0.0, _number(sun_w_m2, "sun irradiance"))
        env.update(self.local_time)

    def _sync_active_zones(self) -> None:
        occupied = self.body.seat_occupied
        zones = tuple(zone for zone in ZONES if occupied[zone])
        self.cabin.set_active_zones(zones)


def _number(value: object, what: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if math.isnan(number):
        raise ValueError(f"{what} must be a number, got NaN")
    return number


__all__ = ["Car", "Environment", "SEATS", "SLOW_TICK_S", "WEATHERS"]
