"""The home geofence: one rule for the garage and the gate, whichever path asks (the driver's voice, a card, the
screen).

Within `open_radius_m` of home a request is carried out at once. A request made on the approach (within
`approach_m`) is accepted and carried out when the car comes within the opening radius, as a HomeLink-style opener
does; it lapses if the car does not get there within `wait_s`. Further out it is refused, saying how far home is.
The radius is the house's own trust boundary too: the house takes a garage command only with the car inside it
(cockpit/home/policy.py). Both are set with `--garage-radius` / `--garage-approach` (README, "Command line").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

DEFAULT_OPEN_RADIUS_M = 300.0
DEFAULT_APPROACH_M = 2500.0
DEFAULT_WAIT_S = 10 * 60.0
GUARDED_HOME_DEVICES = ("garage", "gate")


class Zone(Enum):
    INSIDE = "inside"  # carried out now
    APPROACHING = "approaching"  # accepted; carried out on reaching the radius
    FAR = "far"  # refused, with the distance
    UNKNOWN = "unknown"  # no trusted position: refused


@dataclass(frozen=True)
class HomeGeofence:
    open_radius_m: float = DEFAULT_OPEN_RADIUS_M
    approach_m: float = DEFAULT_APPROACH_M
    wait_s: float = DEFAULT_WAIT_S

    def __post_init__(self) -> None:
        if not 0 < self.open_radius_m <= self.approach_m:
            raise ValueError(
                f"the garage radius must be more than 0 and at most the approach distance "
                f"({self.approach_m:g} m), got {self.open_radius_m:g} m"
            )

    def zone(self, distance_to_home_m: float | None) -> Zone:
        if distance_to_home_m is None:
            return Zone.UNKNOWN
        if distance_to_home_m <= self.open_radius_m:
            return Zone.INSIDE
        return Zone.APPROACHING if distance_to_home_m <= self.approach_m else Zone.FAR

    def inside(self, distance_to_home_m: float | None) -> bool:
        return self.zone(distance_to_home_m) is Zone.INSIDE


def is_guarded_home_access(kind: str, device: object) -> bool:
    """The garage or the gate, opened or closed: what the geofence rules."""
    return kind in ("home.open", "home.close") and device in GUARDED_HOME_DEVICES
