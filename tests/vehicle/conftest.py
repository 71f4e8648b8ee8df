"""Shared fixtures for the vehicle and map tests."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from roadmap import RoadMap, load_map
from vehicle_sim import TRIMS, Car

BEIJING = timezone(timedelta(hours=8))


@pytest.fixture(scope="session")
def roadmap() -> RoadMap:
    return load_map()


@pytest.fixture
def make_car(roadmap: RoadMap) -> Callable[..., Car]:
    def factory(
        trim: str = "max",
        place: str = "home",
        start: datetime | None = None,
        seed: int = 7,
        soc_pct: float = 80.0,
        cabin_temp_c: float | None = None,
        outside_temp_c: float = 20.0,
        **kwargs: object,
    ) -> Car:
        return Car(
            TRIMS[trim],
            roadmap,
            place,
            start or datetime(2026, 1, 15, 9, 0, tzinfo=BEIJING),
            random.Random(seed),
            soc_pct,
            cabin_temp_c,
            outside_temp_c,
            **kwargs,  # type: ignore[arg-type]
        )

    return factory


def run_until(car: Car, condition: Callable[[Car], bool], dt_s: float, limit_s: float) -> float:
    """Step until `condition` holds; returns the simulated seconds it took (fails at the limit)."""
    elapsed = 0.0
    while not condition(car):
        car.step(dt_s)
        elapsed += dt_s
        if elapsed > limit_s:
            raise AssertionError(f"condition not met within {limit_s} s of simulated time")
    return elapsed
