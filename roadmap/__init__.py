"""Road map shared by the simulated car and the cockpit: places, roads, routes."""

from roadmap.map import (
    PLACE_KINDS,
    MapFormatError,
    NoRouteError,
    Place,
    RoadMap,
    UnknownPlaceError,
    load_map,
    parse_map,
)
from roadmap.route import Route, Segment

__all__ = [
    "PLACE_KINDS",
    "MapFormatError",
    "NoRouteError",
    "Place",
    "RoadMap",
    "Route",
    "Segment",
    "UnknownPlaceError",
    "load_map",
    "parse_map",
]
