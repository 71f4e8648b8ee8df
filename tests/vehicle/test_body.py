from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vehicle_sim.body import Body


def test_window_moves_at_a_realistic_rate_and_reaches_target() -> None:
    body = Body()
    body.set_window("passenger", 60.0)
    body.update(1.0)
    assert body.window_pct["passenger"] == pytest.approx(20.0)
    for _ in range(30):
        body.update(0.1)
    assert body.window_pct["passenger"] == pytest.approx(60.0)
    body.set_window("passenger", 0.0)
    for _ in range(40):
        body.update(0.1)
    assert body.window_pct["passenger"] == 0.0


def test_trunk_takes_seconds_to_open_and_close() -> None:
    body = Body()
    body.set_closure("trunk", True)
    body.update(0.1)
    assert body.closure_state("trunk") == "opening"
    seconds = 0.1
    while body.closures["trunk"].state != "open":
        body.update(0.1)
        seconds += 0.1
    assert 2.0 <= seconds <= 5.0
    body.set_closure("trunk", False)
    body.update(0.1)
    assert body.closures["trunk"].state == "closing"


def test_reversing_a_moving_closure_goes_back_from_where_it_is() -> None:
    body = Body()
    body.set_closure("frunk", True)
    body.update(1.5)
    body.set_closure("frunk", False)
    body.update(1.0)
    assert body.closures["frunk"].state == "closing"
    assert 0.0 < body.closures["frunk"].position < 0.5


def test_seats_lights_wipers() -> None:
    body = Body(occupied_seats=("driver", "rear_middle"))
    assert body.occupied["rear_middle"] and not body.occupied["passenger"]
    assert body.set_seat_heat("driver", 9) == 3
    assert body.set_seat_ventilation("passenger", -1) == 0
    body.update(0.1)
    assert body.electrical_power_kw > 0.1  # level-3 seat heater
    body.set_light("headlights", "low")
    body.set_light("ambient_colour", 40)
    body.set_light("reading_rear_left", "on")
    body.set_wiper("high")
    assert (body.headlights, body.ambient_colour, body.reading_light, body.wiper) == ("low", 15, True, "high")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda b: b.set_window("sunroof", 10), "window"),
        (lambda b: b.set_closure("bonnet", True), "closure"),
        (lambda b: b.set_seat_ventilation("rear_middle", 1), "ventilated seat"),
        (lambda b: b.set_light("fog_lamp", "on"), "light"),
        (lambda b: b.set_light("headlights", "disco"), "headlight mode"),
        (lambda b: b.set_wiper("turbo"), "wiper"),
        (lambda b: b.set_occupied("roof", True), "seat"),
    ],
)
def test_unknown_targets_are_value_errors(call, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=match):
        call(Body())


def test_locked_door_does_not_open() -> None:
    body = Body()
    body.set_locked(True)
    assert body.locked
    with pytest.raises(ValueError, match="locked"):
        body.set_door("driver", True)


@given(
    commands=st.lists(
        st.tuples(
            st.sampled_from(["driver", "passenger", "rear_left", "rear_right"]),
            st.floats(allow_nan=False, allow_infinity=True),
            st.floats(0.01, 3.0),
        ),
        max_size=20,
    )
)
def test_windows_stay_within_0_and_100(commands: list[tuple[str, float, float]]) -> None:
    body = Body()
    for zone, target, dt in commands:
        body.set_window(zone, target)
        body.update(dt)
        assert all(0.0 <= p <= 100.0 for p in body.window_pct.values())
