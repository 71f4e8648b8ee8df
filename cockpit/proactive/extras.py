"""What the proactive policy needs beyond the car's signals: where home is, and the home's state."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProactiveExtras:
    """Derived by the cockpit from the map, the route and the home adapter; None means unknown."""

    distance_to_home_m: float | None = None
    heading_home: bool = False            # the active destination is home
    eta_home_s: float | None = None       # time to home when heading home
    home_inside_temp_c: float | None = None
    home_climate_on: bool | None = None
    garage_open: bool | None = None
    home_lights_on: bool | None = None
    minutes_since_departure: float = 0.0
    next_rest_area_m: float | None = None
    next_charger_m: float | None = None
