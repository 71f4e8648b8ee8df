"""The road map: named places, junctions and roads, with a travel-time shortest-path planner.

Neutral library shared by the car (which drives routes) and the cockpit (which plans them),
like the DBC file is shared for the bus. Pure and deterministic: loading precomputes the
adjacency; queries never mutate the map.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from roadmap.geo import great_circle_m
from roadmap.route import Route, Segment
from shipped_files import MAP, shipped_path

PLACE_KINDS = frozenset(
    {
        "home",
        "office",
        "charger",
        "coffee",
        "restaurant",
        "parking",
        "rest_area",
        "toilet",
        "gas",
        "poi",
        "city",
    }
)
# Allowed speed-limit band per road class (km/h); a map outside it is a data error.
ROAD_CLASS_LIMITS: dict[str, tuple[float, float]] = {
    "residential": (30, 40),
    "urban": (50, 60),
    "arterial": (70, 80),
    "expressway": (100, 120),
    "highway": (100, 120),
}
DEFAULT_MAP_PATH = shipped_path(MAP)


class UnknownPlaceError(KeyError, ValueError):
    """A place or node name that the map does not know."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = sorted(known)
        super().__init__(name)

    def __str__(self) -> str:
        return f"unknown place {self.name!r}; known places: {', '.join(self.known)}"


class NoRouteError(ValueError):
    """Two nodes exist but no road connects them."""


class MapFormatError(ValueError):
    """The map file is malformed."""


@dataclass(frozen=True)
class Place:
    name: str
    id: int
    kind: str
    lat: float
    lon: float
    charger_kw: float | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Edge:
    to: str
    length_m: float
    speed_limit_kph: float
    road_class: str

    @property
    def travel_time_s(self) -> float:
        return self.length_m / (self.speed_limit_kph / 3.6)


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


@dataclass
class RoadMap:
    places: dict[str, Place]
    node_coords: dict[str, tuple[float, float]]  # every node: places and junctions
    adjacency: dict[str, list[_Edge]] = field(repr=False)
    _alias_index: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for place in self.places.values():
            for text in (place.name, *place.aliases):
                index.setdefault(_normalise(text), place.name)
        self._alias_index = index

    # --- places ---------------------------------------------------------------------------
    def place(self, name: str) -> Place:
        try:
            return self.places[name]
        except KeyError:
            raise UnknownPlaceError(name, self.places) from None

    def place_by_id(self, place_id: int) -> Place:
        for place in self.places.values():
            if place.id == place_id:
                return place
        raise UnknownPlaceError(str(place_id), (str(p.id) for p in self.places.values()))

    def find_place(self, text: str) -> Place | None:
        """Place by exact name or alias (case/space/underscore-insensitive), else None."""
        name = self._alias_index.get(_normalise(text))
        return self.places[name] if name is not None else None

    def places_of_kind(self, kind: str) -> list[Place]:
        return [p for p in self.places.values() if p.kind == kind]

    def nearest(self, kind: str, lat: float, lon: float) -> Place:
        """Nearest place of `kind` by great-circle distance (ties broken by name)."""
        candidates = self.places_of_kind(kind)
        if kind == "charger":  # rest areas with a charger also serve
            candidates += [p for p in self.places_of_kind("rest_area") if p.charger_kw]
        if not candidates:
            raise ValueError(f"no place of kind {kind!r}; kinds: {sorted(PLACE_KINDS)}")
        return min(candidates, key=lambda p: (great_circle_m(lat, lon, p.lat, p.lon), p.name))

    def nearest_node(self, lat: float, lon: float) -> str:
        """Nearest graph node (place or junction): where to plan a re-route from."""
        return min(
            self.node_coords,
            key=lambda n: (great_circle_m(lat, lon, *self.node_coords[n]), n),
        )

    # --- routing --------------------------------------------------------------------------
    def _check_node(self, name: str) -> None:
        if name not in self.node_coords:
            raise UnknownPlaceError(name, self.places)

    def _leg(self, start: str, goal: str) -> list[Segment]:
        """Dijkstra on travel time; deterministic tie-breaking by node name."""
        best: dict[str, float] = {start: 0.0}
        previous: dict[str, tuple[str, _Edge]] = {}
        queue: list[tuple[float, str]] = [(0.0, start)]
        done: set[str] = set()
        while queue:
            cost, node = heapq.heappop(queue)
            if node in done:
                continue
            if node == goal:
                break
            done.add(node)
            for edge in self.adjacency.get(node, ()):
                new_cost = cost + edge.travel_time_s
                if new_cost < best.get(edge.to, math.inf) - 1e-9:
                    best[edge.to] = new_cost
                    previous[edge.to] = (node, edge)
                    heapq.heappush(queue, (new_cost, edge.to))
        if goal != start and goal not in previous:
            raise NoRouteError(f"no road from {start!r} to {goal!r}")
        segments: list[Segment] = []
        node = goal
        while node != start:
            prev, edge = previous[node]
            segments.append(
                Segment(
                    start_node=prev,
                    end_node=node,
                    length_m=edge.length_m,
                    speed_limit_kph=edge.speed_limit_kph,
                    road_class=edge.road_class,
                    polyline=(self.node_coords[prev], self.node_coords[node]),
                )
            )
            node = prev
        segments.reverse()
        return segments

    def shortest_path(self, from_name: str, to_name: str, via: Sequence[str] = ()) -> Route:
        """Fastest route by nominal travel time, visiting `via` nodes in order."""
        stops = [from_name, *via, to_name]
        for name in stops:
            self._check_node(name)
        segments: list[Segment] = []
        for start, goal in zip(stops, stops[1:], strict=False):
            segments.extend(self._leg(start, goal))
        return Route(segments=segments, origin=from_name, destination=to_name, via=tuple(via))


def _parse_place(raw: dict[str, Any]) -> Place:
    kind = raw["kind"]
    if kind not in PLACE_KINDS:
        raise MapFormatError(f"place {raw.get('name')!r}: kind {kind!r} not in {sorted(PLACE_KINDS)}")
    place_id = int(raw["id"])
    if not 1 <= place_id <= 254:
        raise MapFormatError(f"place {raw['name']!r}: id {place_id} outside 1..254")
    charger = raw.get("charger_kw")
    return Place(
        name=str(raw["name"]),
        id=place_id,
        kind=kind,
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        charger_kw=float(charger) if charger is not None else None,
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
    )


def parse_map(data: dict[str, Any]) -> RoadMap:
    """Build a RoadMap from the decoded YAML document (validates names, ids and limits)."""
    detour = float(data.get("detour_factor", 1.25))
    class_speed = {str(k): float(v) for k, v in data["road_classes"].items()}
    places: dict[str, Place] = {}
    ids: set[int] = set()
    for raw in data["places"]:
        place = _parse_place(raw)
        if place.name in places or place.id in ids:
            raise MapFormatError(f"duplicate place name or id: {place.name!r} / {place.id}")
        places[place.name] = place
        ids.add(place.id)
    coords = {p.name: (p.lat, p.lon) for p in places.values()}
    for raw in data.get("junctions", ()):
        if raw["name"] in coords:
            raise MapFormatError(f"duplicate node name {raw['name']!r}")
        coords[str(raw["name"])] = (float(raw["lat"]), float(raw["lon"]))
    adjacency: dict[str, list[_Edge]] = {name: [] for name in coords}
    for raw in data["roads"]:
        start, end, road_class = raw["from"], raw["to"], raw["class"]
        for name in (start, end):
            if name not in coords:
                raise MapFormatError(f"road references unknown node {name!r}")
        if road_class not in ROAD_CLASS_LIMITS:
            raise MapFormatError(f"road {start}->{end}: unknown class {road_class!r}")
        limit = float(raw.get("speed_limit", class_speed[road_class]))
        low, high = ROAD_CLASS_LIMITS[road_class]
        if not low <= limit <= high:
            raise MapFormatError(f"road {start}->{end}: {limit} km/h outside {road_class} band {low}-{high}")
        if "length_km" in raw:
            length = float(raw["length_km"]) * 1000.0
        else:
            length = great_circle_m(*coords[start], *coords[end]) * detour
        adjacency[start].append(_Edge(end, length, limit, road_class))
        adjacency[end].append(_Edge(start, length, limit, road_class))
    for edges in adjacency.values():
        edges.sort(key=lambda e: e.to)  # deterministic exploration order
    return RoadMap(places=places, node_coords=coords, adjacency=adjacency)


def load_map(path: Path | None = None) -> RoadMap:
    """Load a map YAML; None loads the project's `assets/maps/city.yaml`. MapFormatError says why a file cannot
    be used (not YAML, not text, not a map)."""
    map_path = Path(path) if path is not None else DEFAULT_MAP_PATH
    if not map_path.is_file():
        raise MapFormatError(f"{map_path}: no such file")
    try:
        with map_path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except UnicodeDecodeError:
        raise MapFormatError(f"{map_path}: not a text file (expected a map in YAML)") from None
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise MapFormatError(f"{map_path}: not valid YAML{line} ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(data, dict):
        raise MapFormatError(f"{map_path}: expected a mapping with places, nodes and roads, got {type(data).__name__}")
    try:
        return parse_map(data)
    except MapFormatError as error:
        raise MapFormatError(f"{map_path}: {error}") from error
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as error:
        raise MapFormatError(f"{map_path}: malformed map ({error!r})") from error
