"""The map panel: roads from the map's adjacency as lines in projected lat/lon, places, the car, the route.

The view frames the roads within `LOCAL_RADIUS_KM` of the car (plus the destination when it is near), so a
city drive is not squeezed to a dot by the expressway's far end. The static layer (roads, places, labels) is
drawn once per view and reused; only the car is drawn every frame.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw
from roadmap.geo import great_circle_m
from roadmap.map import NoRouteError, RoadMap, UnknownPlaceError

LOCAL_RADIUS_KM = 12.0
MAJOR_ROADS = ("expressway", "highway", "arterial")

LatLon = tuple[float, float]


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of a lat/lon box onto a pixel rectangle, aspect kept, north up."""

    south: float
    west: float
    north: float
    east: float
    rect: tuple[int, int, int, int]

    @property
    def _fit(self) -> tuple[float, float, float, float]:
        x, y, w, h = self.rect
        k = math.cos(math.radians((self.north + self.south) / 2))
        span_x, span_y = max((self.east - self.west) * k, 1e-9), max(self.north - self.south, 1e-9)
        scale = min(w / span_x, h / span_y)
        off_x = x + (w - span_x * scale) / 2
        off_y = y + (h - span_y * scale) / 2
        return k, scale, off_x, off_y

    def point(self, lat: float, lon: float) -> tuple[int, int]:
        k, scale, off_x, off_y = self._fit
        return (round(off_x + (lon - self.west) * k * scale), round(off_y + (self.north - lat) * scale))


def frame_bounds(points: Iterable[LatLon], margin: float = 0.12) -> tuple[float, float, float, float]:
    lats, lons = zip(*points, strict=True)
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_lat = max((north - south) * margin, 0.004)
    pad_lon = max((east - west) * margin, 0.004)
    return south - pad_lat, west - pad_lon, north + pad_lat, east + pad_lon


def view_nodes(roadmap: RoadMap, position: LatLon | None, destination: LatLon | None) -> list[str]:
    """The nodes the view should frame: those near the car (or near home when the position is unknown)."""
    centre = position or next(iter(roadmap.node_coords.values()))
    near = [
        n
        for n, (lat, lon) in roadmap.node_coords.items()
        if great_circle_m(centre[0], centre[1], lat, lon) <= LOCAL_RADIUS_KM * 1000
    ]
    return sorted(near) or sorted(roadmap.node_coords)


class MapView:
    def __init__(self, roadmap: RoadMap, fonts: FontBook) -> None:
        self.roadmap = roadmap
        self.fonts = fonts
        self._places_by_id = {p.id: p for p in roadmap.places.values()}
        self._layer: pygame.Surface | None = None
        self._layer_key: tuple | None = None
        self._projection: Projection | None = None
        self._route_key: tuple | None = None
        self._route: tuple[tuple[str, str], ...] = ()
        self.label_rects: list[pygame.Rect] = []  # where the place labels went (the last static layer drawn)

    def _route_edges(self, position: LatLon | None, destination_id: int | None) -> tuple[tuple[str, str], ...]:
        if position is None or destination_id is None or destination_id not in self._places_by_id:
            return ()
        start = self.roadmap.nearest_node(*position)
        key = (start, destination_id)
        if key != self._route_key:
            self._route_key = key
            try:
                route = self.roadmap.shortest_path(start, self._places_by_id[destination_id].name)
                self._route = tuple((s.start_node, s.end_node) for s in route.segments)
            except (NoRouteError, UnknownPlaceError):
                self._route = ()
        return self._route

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, state: DashboardState, px) -> None:
        draw.panel(surface, rect, radius=px(16))
        inner = rect.inflate(-px(16), -px(16))
        destination = self._places_by_id.get(state.destination_id) if state.destination_id else None
        nodes = view_nodes(self.roadmap, state.position, None)
        points = [self.roadmap.node_coords[n] for n in nodes]
        if state.position is not None:
            points.append(state.position)
        if (
            destination is not None
            and great_circle_m(*points[0], destination.lat, destination.lon) <= LOCAL_RADIUS_KM * 2000
        ):
            points.append((destination.lat, destination.lon))
        bounds = frame_bounds(points)
        route = self._route_edges(state.position, state.destination_id)
        lang = driver_language(state)
        key = (tuple(inner), tuple(round(b, 3) for b in bounds), state.destination_id, route, px(10), lang)
        if key != self._layer_key:
            self._layer_key = key
            self._projection = Projection(*bounds, rect=(0, 0, inner.width, inner.height))
            self._layer = self._draw_static(inner.size, self._projection, destination, route, px, lang)
        surface.blit(self._layer, inner.topleft)
        previous_clip = surface.get_clip()
        surface.set_clip(inner)
        self._draw_route_lead(surface, inner, state, route, px)
        self._draw_car(surface, inner, state, px)
        surface.set_clip(previous_clip)
        self._draw_header(surface, rect, state, destination, px)

    def _draw_static(self, size, projection: Projection, destination, route, px, lang: str = "en") -> pygame.Surface:
        layer = pygame.Surface(size, pygame.SRCALPHA)
        coords = self.roadmap.node_coords
        drawn: set[frozenset[str]] = set()
        for start, edges in self.roadmap.adjacency.items():
            for edge in edges:
                pair = frozenset((start, edge.to))
                if pair in drawn:
                    continue
                drawn.add(pair)
                major = edge.road_class in MAJOR_ROADS
                a, b = projection.point(*coords[start]), projection.point(*coords[edge.to])
                pygame.draw.line(layer, theme.ROAD_MAJOR if major else theme.ROAD, a, b, px(7 if major else 4))
        for start, end in route[1:]:
            a, b = projection.point(*coords[start]), projection.point(*coords[end])
            pygame.draw.line(layer, theme.ROUTE, a, b, px(6))
            pygame.draw.circle(layer, theme.ROUTE, a, px(3))
            pygame.draw.circle(layer, theme.ROUTE, b, px(3))
        label_size = px(theme.FONT_TINY)
        bounds = layer.get_rect()
        # The destination's label first, then the others by id; each goes right, left, above or below its dot,
        # wherever it is whole inside the map and clear of the labels already placed, else it is left out.
        self.label_rects: list[pygame.Rect] = []
        shown = [p for p in self.roadmap.places.values() if bounds.collidepoint(*projection.point(p.lat, p.lon))]
        shown.sort(key=lambda p: (destination is None or p.id != destination.id, p.id))
        for place in shown:
            x, y = projection.point(place.lat, place.lon)
            colour = theme.PLACE_COLOURS.get(place.kind, theme.TEXT_DIM)
            is_destination = destination is not None and place.id == destination.id
            if is_destination:
                pygame.draw.circle(layer, theme.ACCENT, (x, y), px(14), px(3))
            pygame.draw.circle(layer, colour, (x, y), px(7 if is_destination else 5))
            label = place_label(place, lang)
            rendered = self.fonts.render(label, label_size, theme.TEXT, bold=is_destination)
            gap = px(10)
            for anchor, pos in (
                ("midleft", (x + gap, y)),
                ("midright", (x - gap, y)),
                ("midbottom", (x, y - gap)),
                ("midtop", (x, y + gap)),
            ):
                rect = rendered.get_rect(**{anchor: pos})
                if bounds.contains(rect) and rect.collidelist(self.label_rects) == -1:
                    draw.text(
                        layer,
                        self.fonts,
                        label,
                        label_size,
                        theme.TEXT if is_destination else theme.TEXT_DIM,
                        pos,
                        anchor=anchor,
                        bold=is_destination,
                    )
                    self.label_rects.append(rect)
                    break
        return layer

    def _draw_route_lead(self, surface, inner: pygame.Rect, state: DashboardState, route, px) -> None:
        """The first leg from the car itself (the car is usually between the route's first two nodes)."""
        if not route or state.position is None or self._projection is None:
            return
        coords = self.roadmap.node_coords
        start, end = route[0]
        car = state.position
        behind = great_circle_m(*car, *coords[end]) < great_circle_m(*coords[start], *coords[end])
        points = [car, coords[end]] if behind else [car, coords[start], coords[end]]
        pixels = [(x + inner.left, y + inner.top) for x, y in (self._projection.point(*p) for p in points)]
        pygame.draw.lines(surface, theme.ROUTE, False, pixels, px(6))

    def _draw_car(self, surface: pygame.Surface, inner: pygame.Rect, state: DashboardState, px) -> None:
        if state.position is None or self._projection is None:
            return
        x, y = self._projection.point(*state.position)
        x, y = x + inner.left, y + inner.top
        if not inner.collidepoint(x, y):
            return
        heading = math.radians(state.heading_deg or 0.0)  # degrees clockwise from north
        size = px(16)

        def rotate(dx: float, dy: float) -> tuple[float, float]:
            return (
                x + dx * math.cos(heading) - dy * math.sin(heading),
                y + dx * math.sin(heading) + dy * math.cos(heading),
            )

        colour = theme.TEXT_DIM if state.is_stale("position") else theme.TEXT
        pygame.draw.circle(surface, (*theme.ACCENT,), (x, y), size + px(4), px(2))
        points = [
            rotate(0, -size),
            rotate(size * 0.7, size * 0.7),
            rotate(0, size * 0.35),
            rotate(-size * 0.7, size * 0.7),
        ]
        pygame.draw.polygon(surface, colour, points)

    def _draw_header(self, surface, rect, state: DashboardState, destination, px) -> None:
        card = pygame.Rect(rect.left + px(14), rect.top + px(14), px(330), px(74))
        draw.panel(surface, card, colour=theme.PANEL_RAISED, radius=px(12))
        title, detail = "No route", 'Say "take me home" or type a destination'
        if state.destination_name or destination is not None:
            name = (state.destination_name or destination.name).replace("_", " ")
            title = f"To {name}"
            if state.has_arrived:
                detail = "Arrived"
            else:
                parts = []
                if state.distance_to_destination_km is not None:
                    parts.append(f"{state.distance_to_destination_km:.1f} km")
                if state.eta_s is not None:
                    parts.append(f"{state.eta_s / 60:.0f} min")
                    if state.local_time is not None:
                        from datetime import timedelta

                        parts.append(f"arrive {(state.local_time + timedelta(seconds=state.eta_s)):%H:%M}")
                detail = "  ·  ".join(parts) or "planning..."
        draw.text(
            surface,
            self.fonts,
            draw.fit_text(self.fonts, title, px(theme.FONT_LARGE), card.width - px(24)),
            px(theme.FONT_LARGE),
            theme.TEXT,
            (card.left + px(14), card.top + px(6)),
            bold=True,
        )
        colour = theme.TEXT_DIM if state.is_stale("destination") else theme.INFO
        draw.text(
            surface,
            self.fonts,
            draw.fit_text(self.fonts, detail, px(theme.FONT_SMALL), card.width - px(24)),
            px(theme.FONT_SMALL),
            colour,
            (card.left + px(14), card.bottom - px(8)),
            anchor="bottomleft",
        )


def place_label(place, lang: str = "en") -> str:
    """A place as the screen names it, in words: its first alias in the driver's language ("Supercharger", "超充"),
    with a charger's power ("480 kW"); its map name with spaces when it has none in that language."""

    def in_language(alias: str) -> bool:
        return alias.isascii() if lang != "zh" else any("\u4e00" <= ch <= "\u9fff" for ch in alias)

    words = next((alias for alias in place.aliases if in_language(alias)), None)
    if words is None:
        words = next((alias for alias in place.aliases if alias.isascii()), None) or place.name.replace("_", " ")
    label = words[0].upper() + words[1:]
    return f"{label} {place.charger_kw:g} kW" if place.charger_kw else label


def driver_language(state: DashboardState) -> str:
    """The language of the last thing a person said (en until someone speaks): the map speaks it too."""
    return next((line.lang for line in reversed(state.conversation) if line.speaker == "user" and line.lang), "en")


def place_names(roadmap: RoadMap) -> Mapping[int, str]:
    return {p.id: place_label(p) for p in roadmap.places.values()}
