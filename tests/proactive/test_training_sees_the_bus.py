"""The proactive model is trained on the contexts the cockpit actually builds from the bus.

Reference: the car's real ECUs (`vehicle_sim.ecus.VehicleEcus`) send one full cycle of status frames on a
simulation bus, the cockpit's reader (`cockpit.bus.BusReader`) decodes them into its signal store, and
`cockpit.context.build_context` makes the context, with the map's home as the cockpit passes it. The
training episode's own context (what `run_episode` hands its hook and labels / features come from) must be
that context, field by field, at every moment checked.
"""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from canbus.codec import DatabaseCodec
from canbus.dbc import load_dbc
from canbus.port import BusPort
from canbus.simulation_bus import SimulationBus
from cockpit.bus import BusReader, make_signal_store
from cockpit.context import CockpitContext, build_context
from models.proactive.personas import sample_personas
from models.proactive.simulate import PLANNED_STOP_ID, road_map, run_episode, sample_scenario
from vehicle_sim.car import Car
from vehicle_sim.ecus import STATUS_MESSAGES, TICK_MS, VehicleEcus
from vehicle_sim.faults import FaultInjector

CHECK_TIMES_S = (0.0, 1.0, 45.0, 120.0, 300.0, 301.0, 900.0, 1500.0)
_channels = itertools.count()


def cockpit_context_from_bus(car: Car, now_s: float, codec: DatabaseCodec) -> CockpitContext:
    """The context the cockpit builds from one full cycle of the car's frames on a bus."""
    channel = f"proactive-training-parity-{next(_channels)}"
    car_bus, cockpit_bus = SimulationBus(channel), SimulationBus(channel)
    try:
        ecus = VehicleEcus(car, BusPort(car_bus, codec), FaultInjector(random.Random(0)))
        longest_cycle_ms = max(codec[name].cycle_time_ms or 1000 for name in STATUS_MESSAGES)
        for tick_ms in range(0, longest_cycle_ms, TICK_MS):
            ecus.transmit_due(tick_ms)
        store = make_signal_store(codec)
        reader = BusReader(codec, store, check_arrival=False)  # a whole cycle is read at one moment
        reader.handle_all(BusPort(cockpit_bus, codec).receive_pending(), now_s)
        assert reader.rejected == 0
        home = road_map().places["home"]
        return build_context(store, now_s, (home.lat, home.lon))
    finally:
        car_bus.shutdown()
        cockpit_bus.shutdown()


def differences(training: CockpitContext, cockpit: CockpitContext) -> dict[str, tuple]:
    return {
        f.name: (getattr(training, f.name), getattr(cockpit, f.name))
        for f in dataclasses.fields(training)
        if getattr(training, f.name) != getattr(cockpit, f.name)
    }


class ParityCheck:
    """A `run_episode` hook that compares the episode's context with the cockpit's at the check times."""

    def __init__(self, times_s: tuple[float, ...]) -> None:
        self.times_s = set(times_s)
        self.codec = DatabaseCodec(load_dbc())
        self.checked: dict[float, dict[str, tuple]] = {}
        self.planned_seen = False

    def __call__(self, now, seen_c, seen_e, context, extras, truth, world) -> None:
        if now not in self.times_s:
            return
        expected = cockpit_context_from_bus(world.car, now, self.codec)
        if world.planned:  # a stop the persona put on the route: the nav reports it as the next stop
            self.planned_seen = True
            expected = dataclasses.replace(expected, next_stop_id=PLANNED_STOP_ID)
        self.checked[now] = differences(context, expected)

    def manual(self, need: str, now: float) -> None:
        pass


@pytest.mark.parametrize("kind, seed", [("home_bound", 11), ("commute", 12), ("long_home", 13)])
def test_the_training_context_is_the_one_the_cockpit_builds_from_the_bus(kind: str, seed: int) -> None:
    persona = sample_personas(3)[seed % 3]
    scenario = dataclasses.replace(sample_scenario(random.Random(seed), kind), degrade=())
    check = ParityCheck(CHECK_TIMES_S)
    run_episode(persona, scenario, seed, sample_every_s=60.0, max_s=max(CHECK_TIMES_S) + 1.0, hook=check)
    assert check.checked, "no moment was checked"
    assert {t: d for t, d in check.checked.items() if d} == {}
