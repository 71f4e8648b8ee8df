"""RouteFollower: the simulated driver driving a map Route, including its stops: charging stops, and breaks.

The fast path (`step`, every 10 ms) does a handful of float operations: a cruise speed from the
current limit, a braking envelope toward the next lower limit and the next stop, and one call
into the dynamics. Position (lat/lon/heading), ETA and charging progress update at the car's
slow tick (`update`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from roadmap import RoadMap, Route
from roadmap.route import Segment
from vehicle_sim.battery import Battery
from vehicle_sim.driver import DriverModel
from vehicle_sim.dynamics import LongitudinalDynamics

IDLE, DRIVING, CHARGING, RESTING, STOPPING, ARRIVED = "idle", "driving", "charging", "resting", "stopping", "arrived"
# A stop on the way that is no charging stop is a break: the driver parks there this long (a quarter of an hour,
# what driver-fatigue advice asks for every two hours), then drives on.
BREAK_S = 15 * 60.0
HERE = "(where the car is)"  # the start of a route planned on the way: no node of the map
_LOOKAHEAD_M = 1500.0  # enough to brake from 120 to 30 km/h at a comfortable rate
_CRUISE_GAIN_PER_S = 0.8
_STOP_TOLERANCE_M = 1.0
_PULL_OVER_DECEL_MPS2 = 2.5
_HOLD_DECEL_MPS2 = 3.0


@dataclass(frozen=True)
class RouteStop:
    """A stop on the way: charging to `target_soc_pct` at a charger, or (no target) a break of `break_s`."""

    place: str
    offset_m: float
    target_soc_pct: float | None
    charger_kw: float
    break_s: float = 0.0


class RouteFollower:
    """Public state: route (Route | None), phase (idle|driving|charging|resting|stopping|arrived),
    distance_m along the route, segment_index, lat, lon, heading_deg, eta_s, arrived,
    destination, remaining_m, next_stop, stops, current_stop (while charging or resting)."""

    def __init__(
        self,
        roadmap: RoadMap,
        dynamics: LongitudinalDynamics,
        driver: DriverModel,
        battery: Battery,
        lat: float,
        lon: float,
    ) -> None:
        self._map = roadmap
        self._dyn = dynamics
        self._driver = driver
        self._battery = battery
        self.route: Route | None = None
        self.phase = IDLE
        self.distance_m = 0.0
        self.segment_index = 0
        self.lat, self.lon, self.heading_deg = lat, lon, 0.0
        self.eta_s = 0.0
        self.stops: list[RouteStop] = []
        self.current_stop: RouteStop | None = None
        self._break_left_s = 0.0
        self._next_stop_index = 0
        self._segment_end_m = 0.0
        self._cruise_mps = 0.0
        self._constraints: list[tuple[float, float]] = []  # (start offset, limit in m/s)
        self._stop_at_m = 0.0
        self._suffix_duration_s: list[float] = []

    # --- properties --------------------------------------------------------------------------
    @property
    def arrived(self) -> bool:
        return self.phase == ARRIVED

    @property
    def destination(self) -> str | None:
        return self.route.destination if self.route is not None else None

    @property
    def remaining_m(self) -> float:
        return self.route.total_length_m - self.distance_m if self.route is not None else 0.0

    @property
    def next_stop(self) -> str | None:
        if self.route is None:
            return None
        if self._next_stop_index < len(self.stops):
            return self.stops[self._next_stop_index].place
        return self.route.destination

    @property
    def destination_id(self) -> int:
        """Map id of the destination (0 = none), for the CAN value table."""
        name = self.destination
        return self._map.places[name].id if name in self._map.places else 0

    @property
    def next_stop_id(self) -> int:
        name = self.next_stop
        return self._map.places[name].id if name in self._map.places else 0

    def rest_of_segment(self) -> Segment | None:
        """While driving: the road from here to the end of the current segment, as a segment of its own, so that
        a new route planned on the way starts where the car is rather than at a node behind or ahead of it."""
        route = self.route
        if route is None or self.phase not in (DRIVING, STOPPING) or not route.segments:
            return None
        segment = route.segments[self.segment_index]
        left_m = self._segment_end_m - self.distance_m
        if left_m <= _STOP_TOLERANCE_M:
            return None
        end = segment.polyline[-1]
        return Segment(
            HERE, segment.end_node, left_m, segment.speed_limit_kph, segment.road_class, ((self.lat, self.lon), end)
        )

    # --- commands ------------------------------------------------------------------------------
    def set_route(
        self, route: Route, charge_plan: Mapping[str, float] | None = None, breaks: tuple[str, ...] = ()
    ) -> None:
        """Follow `route` from its start (the caller plans it from the nearest node), charging at the places of
        `charge_plan` and taking a break at the places of `breaks`."""
        stops = self._plan_stops(route, charge_plan or {}, breaks)
        if self.phase == CHARGING:
            self._battery.stop_charging()
        self.route = route
        self.stops = stops
        self.current_stop = None
        self._next_stop_index = 0
        self.distance_m = 0.0
        self.segment_index = 0
        durations = [seg.length_m / self._driver.cruise_speed_mps(seg.speed_limit_kph) for seg in route.segments]
        suffix = [0.0] * (len(durations) + 1)
        for i in range(len(durations) - 1, -1, -1):
            suffix[i] = suffix[i + 1] + durations[i]
        self._suffix_duration_s = suffix
        if route.segments:
            self.phase = DRIVING
            self._enter_segment(0)
            self._set_stop_target()
            self._update_position()
        else:
            self.phase = ARRIVED
        self._update_eta()

    def cancel(self) -> None:
        """Pull over: brake to a stop, then park without a route."""
        if self.phase == CHARGING:
            self._battery.stop_charging()
        self.current_stop = None
        self.phase = STOPPING if self._dyn.speed_mps > 0.0 else IDLE
        if self.phase == IDLE:
            self.route = None

    def _plan_stops(self, route: Route, charge_plan: Mapping[str, float], breaks: tuple[str, ...]) -> list[RouteStop]:
        stops = [
            RouteStop(name, route.node_offset_m(name), None, 0.0, BREAK_S) for name in breaks if name not in charge_plan
        ]
        for place_name, target in charge_plan.items():
            place = self._map.place(place_name)
            if not place.charger_kw:
                raise ValueError(f"charge stop {place_name!r} has no charger")
            if not 0.0 < float(target) <= 100.0:
                raise ValueError(f"charge target for {place_name!r} must be in (0, 100], got {target}")
            stops.append(RouteStop(place_name, route.node_offset_m(place_name), float(target), place.charger_kw))
        return sorted(stops, key=lambda s: s.offset_m)

    # --- fast path -----------------------------------------------------------------------------
    def step(self, dt_s: float) -> float:
        """Drive for `dt_s`; returns metres travelled."""
        dyn = self._dyn
        v = dyn.speed_mps
        phase = self.phase
        if phase == DRIVING:
            d = self.distance_m
            if d >= self._segment_end_m:
                self._advance_segment(d)
            driver = self._driver
            gap_stop = self._stop_at_m - d
            comfort = driver.brake_mps2
            envelope = math.sqrt(2.0 * comfort * gap_stop) if gap_stop > 0.0 else 0.0
            target = self._cruise_mps if self._cruise_mps < envelope else envelope
            accel = _CRUISE_GAIN_PER_S * (target - v)
            if accel > driver.accel_mps2:
                accel = driver.accel_mps2
            # Brake at exactly the deceleration that meets each constraint once it reaches the
            # comfortable rate: the car arrives at the lower limit / stop point on time.
            if gap_stop > 0.0:
                needed = -v * v / (2.0 * gap_stop)
                if needed < -0.9 * comfort and needed < accel:
                    accel = needed
            for start_m, limit_mps in self._constraints:
                gap = start_m - d
                if gap > 0.0 and v > limit_mps:
                    needed = (limit_mps * limit_mps - v * v) / (2.0 * gap)
                    if needed < -0.9 * comfort and needed < accel:
                        accel = needed
            if accel < -driver.max_brake_mps2:
                accel = -driver.max_brake_mps2
            dyn.step(accel, dt_s)
        elif phase == STOPPING:
            dyn.step(-_PULL_OVER_DECEL_MPS2, dt_s)
        elif v > 0.0:
            dyn.step(-_HOLD_DECEL_MPS2, dt_s)
        else:
            return 0.0  # parked: nothing moves (dynamics already at rest)
        moved = 0.5 * (v + dyn.speed_mps) * dt_s
        if self.route is not None and phase in (DRIVING, STOPPING):
            self.distance_m += moved
            if self.distance_m >= self._stop_at_m - _STOP_TOLERANCE_M and (
                dyn.speed_mps < 0.5 or self.distance_m >= self._stop_at_m
            ):
                self._reach_stop()
            elif phase == STOPPING and dyn.speed_mps <= 0.0:
                self._update_position()
                self.phase = IDLE
                self.route = None
        return moved

    def _advance_segment(self, d: float) -> None:
        route = self.route
        assert route is not None
        index = route.segment_index_at(d)
        self._enter_segment(index)

    def _enter_segment(self, index: int) -> None:
        route = self.route
        assert route is not None
        self.segment_index = index
        seg = route.segments[index]
        start = route.segment_start_m[index]
        self._segment_end_m = start + seg.length_m
        self._cruise_mps = self._driver.cruise_speed_mps(seg.speed_limit_kph)
        constraints = []
        for j in range(index + 1, len(route.segments)):
            start_j = route.segment_start_m[j]
            if start_j - start > _LOOKAHEAD_M + seg.length_m:
                break
            constraints.append((start_j, self._driver.cruise_speed_mps(route.segments[j].speed_limit_kph)))
        self._constraints = constraints

    def _set_stop_target(self) -> None:
        assert self.route is not None
        if self._next_stop_index < len(self.stops):
            self._stop_at_m = self.stops[self._next_stop_index].offset_m
        else:
            self._stop_at_m = self.route.total_length_m

    def _reach_stop(self) -> None:
        self.distance_m = min(self.distance_m, self._stop_at_m)
        if self.distance_m >= self._stop_at_m - _STOP_TOLERANCE_M:
            self.distance_m = self._stop_at_m
        dyn = self._dyn
        dyn.speed_mps = 0.0
        dyn.accel_mps2 = 0.0
        dyn.motor_power_kw = 0.0
        self._update_position()
        if self.phase == STOPPING:
            self.phase = IDLE
            self.route = None
        elif self._next_stop_index < len(self.stops):
            self.current_stop = stop = self.stops[self._next_stop_index]
            if stop.target_soc_pct is None:
                self._break_left_s = stop.break_s
                self.phase = RESTING
            else:
                self._battery.start_charging(stop.charger_kw, stop.target_soc_pct)
                self.phase = CHARGING
        else:
            self.phase = ARRIVED
            self.eta_s = 0.0

    # --- slow path -----------------------------------------------------------------------------
    def update(self, dt_s: float) -> None:
        """Slow tick: charging progress, position, ETA."""
        if self.phase == CHARGING and self.current_stop is not None:
            battery = self._battery
            target = self.current_stop.target_soc_pct or 100.0
            if battery.soc_pct >= target or battery.soc_pct >= 99.9:
                battery.stop_charging()
                self._drive_on()
        elif self.phase == RESTING:
            self._break_left_s -= dt_s
            if self._break_left_s <= 0.0:
                self._drive_on()
        if self.phase in (DRIVING, STOPPING):
            self._update_position()
            self._update_eta()
        elif self.phase in (CHARGING, RESTING):
            self._update_eta()

    def _drive_on(self) -> None:
        self.current_stop = None
        self._next_stop_index += 1
        self._set_stop_target()
        self.phase = DRIVING

    def _update_position(self) -> None:
        if self.route is not None and self.route.segments:
            self.lat, self.lon, self.heading_deg, _ = self.route.position_at(self.distance_m)

    def _update_eta(self) -> None:
        route = self.route
        if route is None or self.phase == ARRIVED or not route.segments:
            self.eta_s = 0.0
            return
        index = self.segment_index
        in_segment = max(0.0, self._segment_end_m - self.distance_m)
        eta = in_segment / max(self._cruise_mps, 1.0) + self._suffix_duration_s[index + 1]
        battery = self._battery
        per_km = battery.consumption_kwh_per_100km / 100.0
        usable = battery.spec.usable_energy_kwh
        soc = battery.soc_pct
        for stop in self.stops[self._next_stop_index :]:
            if stop.target_soc_pct is None:  # a break
                eta += self._break_left_s if stop is self.current_stop else stop.break_s
                continue
            arrival_soc = soc - (stop.offset_m - self.distance_m) / 1000.0 * per_km / usable * 100.0
            if stop is self.current_stop:
                arrival_soc = soc
            needed_kwh = max(0.0, stop.target_soc_pct - arrival_soc) / 100.0 * usable
            # ~70 % of peak on average once the taper is counted
            average_kw = 0.7 * min(stop.charger_kw, battery.spec.max_dc_charge_kw)
            eta += needed_kwh / average_kw * 3600.0
        self.eta_s = eta
