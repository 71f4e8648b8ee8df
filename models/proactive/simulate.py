"""Episodes for the proactive model: the real `Car` on the real map, a persona driving it, a simple home.

An episode ticks on the simulation's one loop (runner/tick_loop.py: the car steps, the cockpit reads the
bus, the cockpit decides, the persona and the world answer) at 1 s ticks (EPISODE_TICK_MS). Each simulated
second the car's state goes through the bus as the cockpit reads it (`CockpitBusView`: the ECUs' own
message builders, the DBC codec and E2E, the cockpit's reader, signal store and `build_context`), and the
ProactiveExtras are derived from that context as the cockpit's assistant does, with the home's state from
the `HomeModel` (`extras_from_car`). The persona acts by hand when a need lasts long enough (HVAC, seat
heat, defrost, breaks and charging at rest areas, garage and lights at arrival), which ends need episodes
naturally. Labels are `wants(persona, context)` (models/proactive/world_needs.py) on the context the
cockpit has with every message fresh; the features may come from a degraded copy of it (some fields
unknown for a while) so the model learns the 'known' flags.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np

from cockpit.context import CockpitContext
from cockpit.proactive.extras import HomeStates, ProactiveExtras, derive_extras
from cockpit.proactive.features import N_FEATURES, NEEDS, features
from cockpit.zones import CLIMATE_ZONES, REAR_SEATS, SEATS
from models.proactive.bus_view import CockpitBusView
from models.proactive.personas import Persona, is_dark
from models.proactive.world_needs import by_hand_state, meet_need, met_by_hand, wants
from roadmap import RoadMap, load_map
from runner.tick_loop import TickSteps, run_ticks
from vehicle_sim.car import Car
from vehicle_sim.route import ARRIVED, CHARGING
from vehicle_sim.spec import spec_for

TZ = timezone(timedelta(hours=8))
# What the nav reports as its next stop once the persona put a stop ON THE WAY (the route frame's NextStopId,
# 8 bits; an id no place of the map has). Otherwise the car reports the destination itself as next stop, and
# the cockpit turns that into None (cockpit/context.py `_stop_on_the_way`).
PLANNED_STOP_ID = 250
HELPER_P = 0.35  # training episodes where a stand-in assistant meets needs (see run_episode)
KINDS = ("commute", "home_bound", "coffee", "long_out", "long_home", "parked")
KIND_WEIGHTS = (0.22, 0.32, 0.1, 0.1, 0.12, 0.14)
NEED_INDEX = {n: i for i, n in enumerate(NEEDS)}
_MAP: RoadMap | None = None


def road_map() -> RoadMap:
    global _MAP
    if _MAP is None:
        _MAP = load_map()
    return _MAP


# --- the home ----------------------------------------------------------------------------------
class HomeModel:
    """Room temperature drifting toward the outside (+ internal gains) with the climate off, toward the
    set point with it on; garage and lights as plain flags."""

    TAU_OFF_S = 8 * 3600.0
    TAU_ON_S = 45 * 60.0
    GAINS_C = 6.0

    def __init__(self, inside_c: float, set_point_c: float = 21.0) -> None:
        self.inside_c = inside_c
        self.set_point_c = set_point_c
        self.climate_on = False
        self.garage_open = False
        self.lights_on = False

    def step(self, dt_s: float, outside_c: float) -> None:
        if self.climate_on:
            target, tau = self.set_point_c, self.TAU_ON_S
        else:
            target, tau = outside_c + self.GAINS_C, self.TAU_OFF_S
        self.inside_c += (target - self.inside_c) * min(1.0, dt_s / tau)


# --- car state -> what the cockpit would see ------------------------------------------------------
def cockpit_view(car: Car) -> CockpitBusView:
    """How an episode sees its car: through the bus and the cockpit's own context (models/proactive/bus_view.py)."""
    return CockpitBusView(car)


@dataclass
class RouteMarks:
    """Offsets of rest areas / chargers along the current route (recomputed when the route changes)."""

    route: object | None = None  # the route the marks belong to (the object itself: an id() can be reused)
    rest_areas: list[tuple[float, str]] = field(default_factory=list)
    chargers: list[tuple[float, str]] = field(default_factory=list)

    def refresh(self, car: Car) -> None:
        route = car.route.route
        if route is None or route is self.route:
            return
        self.route = route
        places = car.roadmap.places
        self.rest_areas, self.chargers = [], []
        for node in route.nodes[1:]:
            place = places.get(node)
            if place is None:
                continue
            offset = route.node_offset_m(node)
            if place.kind == "rest_area":
                self.rest_areas.append((offset, node))
            if place.charger_kw:
                self.chargers.append((offset, node))


def _ahead(marks: list[tuple[float, str]], distance_m: float) -> tuple[float, str] | None:
    for offset, name in marks:
        if offset - distance_m > 0.0:
            return offset - distance_m, name
    return None


def extras_from_car(car: Car, context: CockpitContext, home: HomeModel, departed_s: float | None) -> ProactiveExtras:
    """The extras as the cockpit derives them (cockpit/proactive/extras.py `derive_extras`), with the home's
    state from the `HomeModel`."""
    states = HomeStates(
        inside_temp_c=home.inside_c, climate_on=home.climate_on, garage_open=home.garage_open, lights_on=home.lights_on
    )
    minutes = 0.0 if departed_s is None else (car.elapsed_s - departed_s) / 60.0
    return derive_extras(context, car.roadmap, states, minutes)


# --- scenarios ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    kind: str
    start_place: str
    destination: str | None
    start_time: datetime
    season: str
    outside_c: float
    weather: str
    soc_pct: float
    cabin_c: float
    trim: str
    occupants: tuple[str, ...]
    sit_s: float  # parked with the occupants in before departure
    park_after_s: float  # parked after arrival (or the whole episode for 'parked')
    hvac_preset: bool  # climate already running (remote start)
    tired_offset: float  # added to the modelled fatigue (scripted)
    home_inside_c: float
    degrade: tuple[tuple[str, float, float], ...]  # (field group, start s, end s) unknown intervals
    stop_planned: bool = False  # the driver put a stop on the route before leaving


DEGRADABLE = (
    "time",
    "outside",
    "cabin",
    "hvac",
    "soc",
    "fatigue",
    "fog",
    "sun",
    "weather",
    "nav",
    "seats",
    "home_temp",
    "home_devices",
    "speed",
)


def _sample_season(rng: random.Random) -> tuple[str, float, str, float]:
    """(season, outside °C, weather, the house's inside °C)."""
    season = rng.choices(("winter", "mild", "summer"), (0.38, 0.32, 0.30))[0]
    if season == "winter":
        outside = rng.uniform(-15.0, 5.0)
        weather = rng.choices(("clear", "cloudy", "snow", "fog"), (0.4, 0.2, 0.25, 0.15))[0]
        home_inside = rng.uniform(9.0, 19.0)
    elif season == "mild":
        outside = rng.uniform(5.0, 22.0)
        weather = rng.choices(("clear", "cloudy", "rain", "fog"), (0.4, 0.25, 0.25, 0.1))[0]
        home_inside = rng.uniform(15.0, 25.0)
    else:
        outside = rng.uniform(24.0, 38.0)
        weather = rng.choices(("clear", "cloudy", "rain"), (0.5, 0.2, 0.3))[0]
        home_inside = rng.uniform(24.0, 32.0)
    return season, outside, weather, home_inside


def _sample_trip(rng: random.Random, kind: str, soc: float) -> tuple[float, str, str | None, float]:
    """(hour of the start, start place, destination, state of charge): long trips start better charged."""
    start, dest = "home", None
    if kind == "commute":
        hour = rng.uniform(6.0, 10.0)
        dest = rng.choice(("office", "office", "school", "charger_super_480"))
    elif kind == "home_bound":
        hour = rng.choice((rng.uniform(16.0, 23.5), rng.uniform(8.0, 16.0)))
        start = rng.choice(
            (
                "office",
                "office",
                "coffee_kechuang",
                "parking_mall",
                "restaurant_hotpot",
                "park_nanhaizi",
                "charger_super_480",
            )
        )
        dest = "home"
    elif kind == "coffee":
        hour = rng.uniform(7.0, 21.0)
        start, dest = rng.choice(
            (
                ("home", "coffee_rongjing"),
                ("office", "coffee_kechuang"),
                ("home", "parking_mall"),
                ("office", "restaurant_hotpot"),
            )
        )
    elif kind == "long_out":
        hour = rng.uniform(0.0, 24.0)
        start = rng.choice(("home", "rest_area_wuqing", "rest_area_qingxian"))
        dest = "jinan_hotel"
        soc = rng.uniform(25.0, 95.0)
    elif kind == "long_home":
        hour = rng.uniform(0.0, 24.0)
        start = rng.choice(("rest_area_qingxian", "rest_area_wuqing", "rest_area_dongguang", "jinan_hotel"))
        dest = "home"
        soc = rng.uniform(25.0, 95.0)
    else:  # parked
        hour = rng.uniform(0.0, 24.0)
        start = rng.choice(("home", "home", "office", "parking_mall"))
    return hour, start, dest, soc


def _sample_cabin(rng: random.Random, outside: float, hour: float, weather: str) -> float:
    # cabin soak: a parked car in the sun heats up well above the air
    elevation = math.sin(math.pi * (hour - 6.0) / 12.0) if 6.0 < hour < 18.0 else 0.0
    sun_factor = {"clear": 1.0, "cloudy": 0.35, "rain": 0.15, "snow": 0.2, "fog": 0.25}[weather]
    cabin = outside + rng.uniform(0.3, 1.0) * 25.0 * elevation * sun_factor + rng.uniform(0.0, 2.0)
    if rng.random() < 0.2:  # just used
        cabin = rng.uniform(15.0, 26.0)
    return cabin


def _sample_occupants(rng: random.Random) -> tuple[str, ...]:
    occupants = ["driver"]
    if rng.random() < 0.45:
        occupants.append("passenger")
    for seat in REAR_SEATS:
        if rng.random() < 0.15:
            occupants.append(seat)
    return tuple(occupants)


def _sample_degrade(rng: random.Random) -> tuple[tuple[str, float, float], ...]:
    """Which signal groups go missing, from when to when (s)."""
    degrade: list[tuple[str, float, float]] = []
    if rng.random() < 0.2:
        for _ in range(rng.randint(1, 2)):
            a = rng.uniform(0.0, 1800.0)
            degrade.append((rng.choice(DEGRADABLE), a, a + rng.uniform(60.0, 1500.0)))
    return tuple(degrade)


def sample_scenario(rng: random.Random, kind: str | None = None) -> Scenario:
    """One drive to simulate. The draws come in a fixed order (the same seed gives the same drives)."""
    kind = kind or rng.choices(KINDS, KIND_WEIGHTS)[0]
    season, outside, weather, home_inside = _sample_season(rng)
    day = datetime(2025, 1, 1, tzinfo=TZ) + timedelta(days=rng.randrange(365))
    hour, start, dest, soc = _sample_trip(rng, kind, rng.uniform(12.0, 95.0))
    cabin = _sample_cabin(rng, outside, hour, weather)
    occupants = _sample_occupants(rng)
    degrade = _sample_degrade(rng)
    # most drivers sit a while before leaving; some get in and drive off at once (the cockpit's first
    # decision is then already on the move)
    sit_s = 0.0 if kind == "parked" else rng.uniform(0.0, 5.0) if rng.random() < 0.3 else rng.uniform(20.0, 300.0)
    return Scenario(
        kind=kind,
        start_place=start,
        destination=dest,
        start_time=day + timedelta(hours=hour),
        season=season,
        outside_c=outside,
        weather=weather,
        soc_pct=soc,
        cabin_c=cabin,
        trim=rng.choice(("standard", "max")),
        occupants=occupants,
        sit_s=sit_s,
        park_after_s=rng.uniform(60.0, 180.0) if kind != "parked" else rng.uniform(600.0, 1800.0),
        hvac_preset=rng.random() < 0.12,
        tired_offset=rng.uniform(0.15, 0.55) if rng.random() < 0.3 else 0.0,
        home_inside_c=home_inside,
        degrade=degrade,
        stop_planned=kind in ("long_out", "long_home") and rng.random() < 0.3,
    )


_NONE_FIELDS: dict[str, dict[str, Any]] = {
    "time": {"local_time": None},
    "outside": {"outside_temp_c": None},
    "cabin": {"cabin_temp_c": None},
    "hvac": {"hvac_on": None},
    "soc": {"soc_pct": None, "energy_kwh": None, "range_m": None},
    "fatigue": {"fatigue_pct": None, "time_at_wheel_s": None},
    "fog": {"fog_risk_pct": None},
    "sun": {"sun_w_m2": None},
    "weather": {"weather": None},
    "nav": {"distance_to_destination_m": None, "time_to_destination_s": None, "has_arrived": None},
    "speed": {"speed_kph": None, "gear": None},
}


def degrade(context: CockpitContext, extras: ProactiveExtras, group: str) -> tuple[CockpitContext, ProactiveExtras]:
    if group in _NONE_FIELDS:
        return replace(context, **_NONE_FIELDS[group]), extras
    if group == "seats":
        return replace(context, occupied=dict.fromkeys(SEATS), seat_heat=dict.fromkeys(SEATS)), extras
    if group == "home_temp":
        return context, replace(extras, home_inside_temp_c=None)
    return context, replace(extras, home_climate_on=None, garage_open=None, home_lights_on=None)


# --- an episode -----------------------------------------------------------------------------------
@dataclass
class Episode:
    persona: str
    kind: str
    features: np.ndarray  # (n, N_FEATURES) float32
    labels: np.ndarray  # (n, len(NEEDS)) uint8
    t: np.ndarray  # (n,) seconds since the episode start
    moving: np.ndarray  # (n,) bool
    arrived_home: np.ndarray  # (n,) bool
    soc: np.ndarray  # (n,) %
    fatigue: np.ndarray  # (n,) 0..1
    fog: np.ndarray  # (n,) %
    charging: np.ndarray  # (n,) bool
    hours: float


@dataclass
class World:
    """What an assistant hook may read and change during an episode."""

    car: Car
    home: HomeModel
    persona: Persona
    planned: set[str] = field(default_factory=set)  # 'stop' once a stop is on the route


EPISODE_TICK_MS = 1000  # an episode's tick, and its cockpit's period: the car and the persona at 1 s steps


def run_episode(
    persona: Persona, scenario: Scenario, seed: int, sample_every_s: float = 1.0, max_s: float = 6 * 3600.0, hook=None
) -> Episode:
    """Simulate one episode on the simulation's one loop (runner/tick_loop.py) at EPISODE_TICK_MS steps; record
    every `sample_every_s` seconds.

    `hook(now, seen_context, seen_extras, context, extras, truth, world)` (optional) runs every tick
    after the persona's needs are known and before the persona acts by hand: the closed-loop eval
    puts the production policy there. `hook.manual(need, now)` is told what the persona did by hand."""
    run = _EpisodeRun(persona, scenario, seed, sample_every_s, max_s, hook)
    end_ms = run_ticks(
        TickSteps(car_step=run.step, poll=run.observe, cockpit_tick=run.assist, receive=run.react),
        0,
        None,
        pace=run.advance,
        keep_going=run.keeps_going,
        tick_ms=EPISODE_TICK_MS,
        cockpit_period_ms=EPISODE_TICK_MS,
    )
    return run.episode(end_ms / 1000)


class _EpisodeRun:
    """One episode's world and what it recorded, ticked by `run_ticks`: the car and the home step (`step`), the
    cockpit reads the car through the bus and the persona's needs are known (`observe`), the assistant decides
    (`assist`: the eval's policy hook, or the training stand-in), and the persona and the world answer
    (`react`: the persona acts by hand, sets off, takes breaks, arrives)."""

    def __init__(
        self, persona: Persona, scenario: Scenario, seed: int, sample_every_s: float, max_s: float, hook
    ) -> None:
        rng = random.Random(seed)
        s, p = scenario, persona
        car = Car(
            spec_for(s.trim),
            road_map(),
            s.start_place,
            s.start_time,
            rng,
            s.soc_pct,
            s.cabin_c,
            s.outside_c,
            weather=s.weather,
            occupied_seats=s.occupants,
        )
        home = HomeModel(s.home_inside_c, p.home_comfort_c)
        if s.start_place == "home" and s.kind == "parked":
            home.lights_on = rng.random() < 0.5
        # A separate stream (the scenario and persona draws stay as they were): somebody may be at home
        # (lights / climate already on, the garage open), and in training episodes (no hook) a stand-in
        # assistant meets some of the needs, so the model also sees the states that follow its own actions
        # (home lights or climate on while still driving home, the cabin heated early, a stop planned).
        side = random.Random(seed * 7919 + 17)
        if s.destination is not None:
            home.lights_on = home.lights_on or side.random() < 0.15
            home.climate_on = side.random() < 0.08
            home.garage_open = side.random() < 0.05
        # each need on its own (some met, some not, after different delays): an assistant meets one need
        # before another (seat heat acted while the cabin pre-conditioning is still wanted, ...)
        helper = hook is None and side.random() < HELPER_P
        self.helper_delays = {need: side.uniform(0.0, 90.0) for need in NEEDS if side.random() < 0.7} if helper else {}
        self.rng, self.scenario, self.persona, self.hook = rng, s, p, hook
        self.car, self.home = car, home
        self.sample_every_s = sample_every_s
        self.marks = RouteMarks()
        self.view = cockpit_view(car)
        self.world = World(car, home, p, {"stop"} if s.stop_planned else set())
        for zone in CLIMATE_ZONES:
            car.set_zone_temperature(zone, p.comfort_c)
        if s.hvac_preset:
            car.set_hvac_power(True)
        if p.recirculation_habit:
            car.set_recirculation(True)
        self.truth: set[str] = set()
        self.unmet: dict[str, float] = {}
        self.departed_s: float | None = None
        self.arrived_s: float | None = None
        self.break_until: float | None = None
        self.resume_dest: str | None = None
        self.pending_charger: float | None = None
        self.rows: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []
        self.aux: list[tuple] = []
        self.next_sample = 0.0
        self.now_ms = 0
        self.end_s = max_s
        # what `observe` saw this tick: the true context and extras, and the (possibly degraded) copy the model sees
        self.observed: tuple[CockpitContext, ProactiveExtras, CockpitContext, ProactiveExtras] | None = None

    # --- the loop's steps ---------------------------------------------------------------------------
    def advance(self, next_ms: int) -> int:
        self.now_ms = next_ms
        return next_ms

    def keeps_going(self) -> bool:
        return self.now_ms / 1000 < self.end_s

    def step(self, dt_s: float) -> None:
        """The car and the home step to this tick; the first tick reads them as the scenario set them up."""
        if self.now_ms == 0:
            return
        self.car.step(dt_s)
        self.home.step(dt_s, self.scenario.outside_c)

    def observe(self, now: float) -> None:
        """What the cockpit sees now (through the bus), what the persona truly needs, and the sample."""
        car, world = self.car, self.world
        context = self.view.context(now, PLANNED_STOP_ID if world.planned else None)
        self.marks.refresh(car)
        extras = extras_from_car(car, context, self.home, self.departed_s)
        truth = self.truth = wants(self.persona, context, extras, self.truth)
        unmet = self.unmet
        for need in list(unmet):
            if need not in truth:
                del unmet[need]
        for need in truth:
            unmet.setdefault(need, now)
        seen_c, seen_e = context, extras
        for group, a, b in self.scenario.degrade:
            if a <= now < b:
                seen_c, seen_e = degrade(seen_c, seen_e, group)
        self.observed = context, extras, seen_c, seen_e
        if now >= self.next_sample:
            self.next_sample += self.sample_every_s
            self.rows.append(features(seen_c, seen_e))
            label = np.zeros(len(NEEDS), dtype=np.uint8)
            for need in truth:
                label[NEED_INDEX[need]] = 1
            self.labels.append(label)
            self.aux.append(
                (
                    now,
                    car.speed_kph > 3.0,
                    bool(extras.heading_home and car.route.arrived),
                    car.battery.soc_pct,
                    car.driver.fatigue,
                    car.cabin.fog_risk * 100.0,
                    car.battery.is_charging,
                )
            )

    def assist(self, now: float) -> None:
        """The assistant's turn: the eval's policy (the hook), or the training stand-in meeting needs late."""
        if self.hook is not None:
            context, extras, seen_c, seen_e = self._observed()
            self.hook(now, seen_c, seen_e, context, extras, self.truth, self.world)
        elif self.helper_delays:
            for need in sorted(self.truth):
                if need in self.helper_delays and now - self.unmet[need] >= self.helper_delays[need]:
                    meet_need(need, self.world)

    def react(self, now_ms: int) -> None:
        """The persona and the world answer: acts by hand, the departure, breaks and charging, the arrival."""
        now = now_ms / 1000
        p, s, car, home, world, hook = self.persona, self.scenario, self.car, self.home, self.world, self.hook
        truth, unmet = self.truth, self.unmet
        context, extras, _, _ = self._observed()
        before = by_hand_state(car)
        _persona_acts(p, car, context, truth, unmet, now, self.rng)
        manual = met_by_hand(before, by_hand_state(car))
        if (
            "stop" not in world.planned
            and ({"charge_stop", "rest_break"} & truth)
            and not p.do_nothing
            and any(now - unmet[n] >= p.self_act_s for n in ("charge_stop", "rest_break") if n in truth)
        ):
            world.planned.add("stop")  # puts a stop on the route by hand (the nav reports next_stop_id)
            manual += sorted({"charge_stop", "rest_break"} & truth)
        if self.departed_s is None and now >= s.sit_s and s.destination is not None:
            car.navigate_to(s.destination)
            self.departed_s = now
        # the scripted extra tiredness rides on the driver model also while stopped: a break lowers what
        # the monitoring camera sees at once (held at the last moving value, the first second back on the
        # road read as 'still tired' and was labelled a one-second break need nobody could meet)
        if self.departed_s is not None and s.tired_offset:
            car.set_driver_state(fatigue=min(1.0, car.driver.modelled_fatigue + s.tired_offset))
        manual += self._stops(now)
        if hook is not None:
            for need in manual:
                hook.manual(need, now)
        # arrival
        if self.arrived_s is None and self.departed_s is not None and car.route.arrived:
            self.arrived_s = now
            self.end_s = min(self.end_s, now + s.park_after_s)
        if s.destination is None:
            self.end_s = min(self.end_s, s.park_after_s)
        # at the door the persona does the rest by hand (the remote, the light switch, the thermostat)
        if extras.heading_home and car.route.remaining_m < 60.0 and not home.garage_open:
            home.garage_open = True
            if hook is not None:
                hook.manual("garage_open", now)
        if extras.heading_home and car.route.arrived:
            if hook is not None and is_dark(context) and not home.lights_on:
                hook.manual("home_lights_on", now)
            if hook is not None and not home.climate_on:
                uncomfortable = _home_discomfort(p, home.inside_c)  # why they reach for the thermostat
                if uncomfortable is not None:
                    hook.manual(uncomfortable, now)
            home.lights_on = home.lights_on or is_dark(context)
            home.climate_on = True

    def _observed(self) -> tuple[CockpitContext, ProactiveExtras, CockpitContext, ProactiveExtras]:
        if self.observed is None:  # pragma: no cover - the loop polls before the cockpit ticks and the world answers
            raise RuntimeError("an episode's assistant or world ran before the cockpit observed the car")
        return self.observed

    def _stops(self, now: float) -> list[str]:
        """Breaks and charging at rest areas along the route; the needs met by pulling in on one's own."""
        p, car, world, truth, rng = self.persona, self.car, self.world, self.truth, self.rng
        manual: list[str] = []
        route = car.route
        if self.break_until is None and route.phase not in (ARRIVED, CHARGING) and route.route is not None:
            nxt = _ahead(self.marks.rest_areas, route.distance_m)
            planned = "stop" in world.planned
            wants_break = (
                "rest_break" in truth
                or (p.do_nothing and car.driver.fatigue > 0.8)
                or (planned and car.driver.fatigue > 0.3)
            )
            wants_charge = (
                "charge_stop" in truth
                or (p.do_nothing and car.battery.soc_pct < 20.0)
                or (planned and car.battery.soc_pct < 60.0)
            )
            if nxt is not None and nxt[0] < 350.0 and (wants_break or wants_charge):
                if not planned:  # pulls in at a rest area passing by, on their own
                    manual += sorted({"charge_stop", "rest_break"} & truth)
                world.planned.add("stop")  # the stop is the plan until the drive resumes (no need while pulling in)
                self.resume_dest = route.destination
                car.cancel_route()
                self.break_until = now + (rng.uniform(900.0, 1500.0) if wants_break else 60.0)
                if wants_charge and car.roadmap.places[nxt[1]].charger_kw:
                    self.pending_charger = car.roadmap.places[nxt[1]].charger_kw
        if self.break_until is not None and car.speed_kph < 0.1 and route.route is None:
            if self.pending_charger and not car.battery.is_charging and car.battery.soc_pct < 80.0:
                car.start_charging(self.pending_charger)
                self.pending_charger = None
            charged = not car.battery.is_charging or car.battery.soc_pct >= 80.0
            if now >= self.break_until and charged:
                if car.battery.is_charging:
                    car.stop_charging()
                assert self.resume_dest is not None, "a break is taken only on a route, whose destination was kept"
                car.navigate_to(self.resume_dest)
                world.planned.discard("stop")
                self.break_until = None
        return manual

    def episode(self, end_s: float) -> Episode:
        arr = np.array(self.aux, dtype=np.float64).reshape(-1, 7)
        rows, labels = self.rows, self.labels
        return Episode(
            persona=self.persona.name,
            kind=self.scenario.kind,
            features=np.stack(rows) if rows else np.zeros((0, N_FEATURES), np.float32),
            labels=np.stack(labels) if labels else np.zeros((0, len(NEEDS)), np.uint8),
            t=arr[:, 0],
            moving=arr[:, 1] > 0.5,
            arrived_home=arr[:, 2] > 0.5,
            soc=arr[:, 3],
            fatigue=arr[:, 4],
            fog=arr[:, 5],
            charging=arr[:, 6] > 0.5,
            hours=end_s / 3600.0,
        )


def _home_discomfort(p: Persona, inside_c: float) -> str | None:
    """The home need the persona's own comfort band says the room has, whatever their wish to have it
    done before they get home."""
    if inside_c < p.home_comfort_c - p.home_tol_c:
        return "preheat_home"
    if inside_c > p.home_comfort_c + p.home_tol_c + 2.0:
        return "precool_home"
    return None


def _persona_acts(
    p: Persona,
    car: Car,
    context: CockpitContext,
    truth: set[str],
    unmet: dict[str, float],
    now: float,
    rng: random.Random,
) -> None:
    """What the persona does by hand (everyone, including 'do nothing' drivers, fixes real discomfort)."""
    cabin = car.cabin
    occupied = [s for s in SEATS if car.body.seat_occupied[s]]
    delay = p.self_act_s
    # climate: on by hand once the cabin has been uncomfortable for a while
    if not cabin.hvac_on and occupied:
        if "precondition_cabin" in truth:
            if now - unmet["precondition_cabin"] >= delay:
                car.set_hvac_power(True)
        elif abs(cabin.air_temp_c - p.comfort_c) > 4.0 and car.speed_kph > 3.0 and rng.random() < 1.0 / delay:
            car.set_hvac_power(True)
    # seat heat
    if "seat_heat" in truth and now - unmet["seat_heat"] >= delay:
        for seat in occupied:
            if not car.body.seat_heat[seat]:
                car.set_seat_heat(seat, 2)
    elif p.do_nothing and cabin.air_temp_c < 12.0 and not car.body.seat_heat["driver"] and rng.random() < 1 / delay:
        car.set_seat_heat("driver", 2)
    if cabin.air_temp_c > 21.0 and any(car.body.seat_heat.values()) and rng.random() < 1.0 / 120.0:
        for seat in SEATS:
            car.set_seat_heat(seat, 0)
    # defrost
    if not cabin.defrost_front:
        if ("defog" in truth and now - unmet["defog"] >= 0.5 * delay) or (p.do_nothing and cabin.fog_risk > 0.45):
            car.set_defrost(front=True)
    elif cabin.fog_risk < 0.05 and rng.random() < 1.0 / 300.0:
        car.set_defrost(front=False)


__all__ = [
    "PLANNED_STOP_ID",
    "Episode",
    "HomeModel",
    "Scenario",
    "World",
    "cockpit_view",
    "extras_from_car",
    "run_episode",
    "sample_scenario",
]
