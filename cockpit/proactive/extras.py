"""What the proactive policy needs beyond the car's signals: where home is, and the home's state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roadmap.geo import great_circle_m

if TYPE_CHECKING:
    from cockpit.context import CockpitContext
    from roadmap.map import RoadMap


@dataclass(frozen=True)
class ProactiveExtras:
    """Derived by the cockpit from the map, the route and the home adapter; None means unknown."""

    distance_to_home_m: float | None = None
    heading_home: bool = False  # the active destination is home
    eta_home_s: float | None = None  # time to home when heading home
    home_inside_temp_c: float | None = None
    home_climate_on: bool | None = None
    garage_open: bool | None = None
    home_lights_on: bool | None = None
    minutes_since_departure: float = 0.0
    next_rest_area_m: float | None = None
    next_charger_m: float | None = None


@dataclass(frozen=True)
class HomeStates:
    """The home's state as the policy reads it (None: unknown)."""

    inside_temp_c: float | None = None
    climate_on: bool | None = None
    garage_open: bool | None = None
    lights_on: bool | None = None


def nearest_m(roadmap: RoadMap, kind: str, position: tuple[float, float] | None) -> float | None:
    """Great-circle metres to the nearest place of `kind` (None: position unknown or no such place)."""
    if position is None or not roadmap.places_of_kind(kind):
        return None
    place = roadmap.nearest(kind, *position)
    return great_circle_m(*position, place.lat, place.lon)


def derive_extras(
    context: CockpitContext, roadmap: RoadMap, home: HomeStates, minutes_since_departure: float
) -> ProactiveExtras:
    """The extras from the context, the map and the home's state: one derivation for the cockpit
    (ProactiveAssistant) and the needs model's training episodes (models/proactive/simulate.py)."""
    home_place = roadmap.places.get("home")
    heading_home = home_place is not None and context.destination_id == home_place.id
    return ProactiveExtras(
        distance_to_home_m=context.distance_to_home_m,
        heading_home=heading_home,
        eta_home_s=context.time_to_destination_s if heading_home else None,
        home_inside_temp_c=home.inside_temp_c,
        home_climate_on=home.climate_on,
        garage_open=home.garage_open,
        home_lights_on=home.lights_on,
        minutes_since_departure=minutes_since_departure,
        next_rest_area_m=nearest_m(roadmap, "rest_area", context.position),
        next_charger_m=nearest_m(roadmap, "charger", context.position),
    )
