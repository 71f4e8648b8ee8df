"""canbus/limits.py and the DBC say the same: the car's ranges are spelt once in code and match the bus."""

from __future__ import annotations

import pytest

from canbus import limits, vss
from canbus.dbc import load_dbc, signal_catalogue


@pytest.fixture(scope="module")
def signals():
    database = load_dbc()
    return {
        path: database.get_message_by_name(meta.message).get_signal_by_name(meta.signal)
        for path, meta in signal_catalogue(database).items()
    }


def test_set_points_range_and_step_are_the_dbcs(signals) -> None:
    for zone, path in vss.SET_POINT_PATH.items():
        signal = signals[path]
        assert (signal.minimum, signal.maximum) == (limits.SET_POINT_MIN_C, limits.SET_POINT_MAX_C), zone
        assert signal.scale == limits.SET_POINT_STEP_C, zone
    assert limits.SET_POINT_MIN_C <= limits.COMFORT_C <= limits.SET_POINT_MAX_C


def test_fan_seat_and_window_ranges_are_the_dbcs(signals) -> None:
    assert signals[vss.FAN_LEVEL].maximum == limits.FAN_LEVEL_MAX
    for path in vss.SEAT_CLIMATE_PATH.values():
        assert (signals[path].minimum, signals[path].maximum) == (-100, 100)
        assert vss.heating_cooling(limits.SEAT_LEVEL_MAX, 0) == signals[path].maximum
    for path in vss.WINDOW_PATH.values():
        assert signals[path].maximum == limits.WINDOW_OPEN_MAX_PCT


def test_the_cockpits_action_schemas_take_the_cars_limits() -> None:
    from cockpit.actions import build_default_registry

    registry = build_default_registry()
    temperature = registry.schema("climate.set_temperature")["temperature"]
    assert (temperature.minimum, temperature.maximum) == (limits.SET_POINT_MIN_C, limits.SET_POINT_MAX_C)
    assert registry.schema("climate.set_fan")["level"].maximum == limits.FAN_LEVEL_MAX
    assert registry.schema("seat.heat")["level"].maximum == limits.SEAT_LEVEL_MAX
