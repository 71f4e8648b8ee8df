"""Names and values of earlier versions in a scenario: an error at load that says what to write now."""

from __future__ import annotations

import pytest

from canbus import vss
from canbus.codec import DatabaseCodec
from canbus.dbc import load_dbc
from roadmap.map import load_map
from runner.vocabulary import build_vocabulary
from scenario.errors import ScenarioError, SourceLocation
from scenario.expressions import compile_expression


@pytest.fixture(scope="module")
def vocabulary():
    return build_vocabulary(DatabaseCodec(load_dbc()), load_map())


WHERE = SourceLocation("scenario.yaml", 7)


@pytest.mark.parametrize("old", sorted(vss.RENAMED))
def test_every_old_name_is_refused_with_the_new_one(vocabulary, old: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        compile_expression(f"{old} == 1", vocabulary, WHERE)
    said = str(raised.value)
    assert "scenario.yaml:7" in said and "renamed for VSS 6.0" in said
    assert all(path in vocabulary.signals for path in vss.RENAMED[old].split() if path.startswith("Vehicle."))
    assert vss.RENAMED[old] in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Vehicle.Powertrain.Transmission.SelectedGear == "P"', "126 = park"),
        ('Vehicle.Body.Windshield.Front.Wiping.Mode == "auto"', "RAIN_SENSOR"),
        ('"high" != Vehicle.Body.Windshield.Front.Wiping.Mode', "RAIN_SENSOR"),
        ('Vehicle.LowVoltageSystemState == "ready"', '"ON"'),
        ('Vehicle.Body.Trunk.Rear.IsOpen == "open"', "true or false"),
        ('Vehicle.Speed > 3 and Vehicle.Private.Cabin.HVAC.FanLevel == "3"', "a number"),
        ('Vehicle.Cabin.Seat.Row1.DriverSide.OccupancyStatus == "occupied"', "OCCUPIED"),
    ],
)
def test_a_text_the_signal_never_takes_is_refused(vocabulary, text: str, expected: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        compile_expression(text, vocabulary, WHERE)
    assert "can never equal" in str(raised.value) and expected in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        "Vehicle.Powertrain.Transmission.SelectedGear == 126",
        'Vehicle.Body.Windshield.Front.Wiping.Mode == "RAIN_SENSOR"',
        'Vehicle.Cabin.Seat.Row1.DriverSide.OccupancyStatus == "OCCUPIED"',
        "Vehicle.Body.Trunk.Rear.IsOpen == true and Vehicle.Body.Trunk.Rear.Position == 100",
        'action.kind == "body.open"',
    ],
)
def test_vss_values_are_accepted(vocabulary, text: str) -> None:
    compile_expression(text, vocabulary, WHERE)


def test_a_seat_heats_or_ventilates_never_both_so_one_vss_value_tells_it() -> None:
    from vehicle_sim.body import Body

    body = Body(occupied_seats=("driver",))
    body.set_seat_heat("driver", 2)
    body.set_seat_ventilation("driver", 1)
    assert (body.seat_heat["driver"], body.seat_ventilation["driver"]) == (0, 1)
    body.set_seat_heat("driver", 3)
    assert (body.seat_heat["driver"], body.seat_ventilation["driver"]) == (3, 0)
    assert vss.heating_cooling(body.seat_heat["driver"], body.seat_ventilation["driver"]) == 100
