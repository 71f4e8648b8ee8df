from __future__ import annotations

import pytest

from scenario.errors import SourceLocation
from scenario.vocabulary import SignalInfo, Vocabulary

SPEED = "Vehicle.Speed"
DRIVER_TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"


@pytest.fixture
def vocabulary() -> Vocabulary:
    """A strict vocabulary, shaped like the one the runner builds from the DBC, map and home."""
    return Vocabulary(
        signals={
            SPEED: SignalInfo("km/h"),
            DRIVER_TEMP: SignalInfo("celsius"),
            "Vehicle.Cabin.Seat.Row1.DriverSide.IsOccupied": SignalInfo(None, "bool"),
            "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current": SignalInfo("percent"),
        },
        places=frozenset({"home", "office", "airport", "supercharger_north"}),
        can_messages=frozenset({"HVAC_Status", "VCU_Status", "BMS_Status"}),
        manual_controls=frozenset({"hvac.temperature", "window.position"}),
        home_names=lambda name: name.split(".")[1:3] in (["living_room", "ac"], ["garage"]),
    )


@pytest.fixture
def where() -> SourceLocation:
    return SourceLocation("scenarios/test.yaml", 12, 7)
