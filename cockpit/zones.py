"""Seat and climate zone names shared by the NLU's slots, the actions and the DBC signal prefixes."""

from __future__ import annotations

SEATS = ("driver", "passenger", "rear_left", "rear_middle", "rear_right")
CLIMATE_ZONES = ("driver", "passenger", "rear_left", "rear_right")
WINDOW_ZONES = CLIMATE_ZONES
ZONE_SIGNAL_PREFIX = {"driver": "Driver", "passenger": "Passenger", "rear_left": "RearLeft",
                      "rear_middle": "RearMiddle", "rear_right": "RearRight"}
# The climate zone that serves each seat (the rear middle seat sits in the rear-left zone's air).
CLIMATE_ZONE_OF_SEAT = {"driver": "driver", "passenger": "passenger", "rear_left": "rear_left",
                        "rear_middle": "rear_left", "rear_right": "rear_right"}
SET_POINT_PATH = {
    "driver": "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
    "passenger": "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
    "rear_left": "Vehicle.Cabin.HVAC.Station.Row2.Driver.Temperature",
    "rear_right": "Vehicle.Cabin.HVAC.Station.Row2.Passenger.Temperature",
}
SEAT_PATH_PART = {"driver": "Row1.DriverSide", "passenger": "Row1.PassengerSide", "rear_left": "Row2.DriverSide",
                  "rear_middle": "Row2.Middle", "rear_right": "Row2.PassengerSide"}
WINDOW_PATH = {zone: f"Vehicle.Cabin.Door.{SEAT_PATH_PART[zone]}.Window.Position" for zone in WINDOW_ZONES}


def expand_climate_zone(zone: str) -> list[str]:
    if zone == "all":
        return list(CLIMATE_ZONES)
    if zone == "rear":
        return ["rear_left", "rear_right"]
    return [CLIMATE_ZONE_OF_SEAT.get(zone, zone)]


def expand_seat(seat: str) -> list[str]:
    if seat == "all":
        return list(SEATS)
    if seat == "rear":
        return ["rear_left", "rear_middle", "rear_right"]
    return [seat]


def is_rear(seat: str | None) -> bool:
    return seat is not None and seat.startswith("rear")
