"""Seat and climate zone names shared by the NLU's slots, the actions and the DBC signal prefixes."""

from __future__ import annotations

# The VSS paths per zone and seat are spelt in canbus/vss.py, with every other bus name; here for their users.
from canbus.vss import CLIMATE_ZONES, REAR_SEATS, SEAT_PATH_PART, SEAT_SIGNAL_PREFIX, SEATS, SET_POINT_PATH, WINDOW_PATH

__all__ = [
    "CLIMATE_ZONES",
    "REAR_SEATS",
    "SEAT_PATH_PART",
    "SEAT_SIGNAL_PREFIX",
    "SEATS",
    "SET_POINT_PATH",
    "WINDOW_PATH",
]

WINDOW_ZONES = CLIMATE_ZONES
VENTILATED_SEATS = ("driver", "passenger")  # the seats the cockpit offers ventilation for
# The climate zone that serves each seat (the rear middle seat sits in the rear-left zone's air).
CLIMATE_ZONE_OF_SEAT = {
    "driver": "driver",
    "passenger": "passenger",
    "rear_left": "rear_left",
    "rear_middle": "rear_left",
    "rear_right": "rear_right",
}


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
        return list(REAR_SEATS)
    return [seat]


def is_rear(seat: str | None) -> bool:
    return seat is not None and seat.startswith("rear")
