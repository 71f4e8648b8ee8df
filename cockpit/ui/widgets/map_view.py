"""The map: the roads around the car, kept in the middle half of the map's free part and zoomed to its speed.

The roads and the route are drawn once on a layer a little larger than the map (`_RoadLayer`) and blitted with
the car's offset: it is drawn again only when the car nears the layer's edge, the zoom or the route changes.
Places and their labels are placed each frame in the window's pixels: each label goes right, left, above or
below its dot wherever it is whole inside the map and clear of the other labels and of the panels over the map
(`keep_clear`), else it is left out; the destination's label first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw
from roadmap.geo import great_circle_m
from roadmap.map import NoRouteError, RoadMap, UnknownPlaceError

MAJOR_ROADS = ("expressway", "highway", "arterial")
CITY_HALF_SPAN_KM, ROAD_HALF_SPAN_KM = 5.0, 18.0  # half the free map's height, in town / on a fast road
FAST_ROAD_KPH = 70.0
KM_PER_DEG_LAT = 110.57
KM_PER_DEG_LON_EQUATOR = 111.32
MAP_BACKGROUND = (11, 15, 22)

LatLon = tuple[float, float]


@dataclass(frozen=True)
class LocalProjection:
    """Equirectangular around `anchor`, north up: `px_per_km` pixels per km, the anchor at pixel `origin`."""

    anchor: LatLon
    px_per_km: float
    origin: tuple[int, int]

    def point(self, lat: float, lon: float) -> tuple[int, int]:
        k = math.cos(math.radians(self.anchor[0])) * KM_PER_DEG_LON_EQUATOR
        x = self.origin[0] + (lon - self.anchor[1]) * k * self.px_per_km
        y = self.origin[1] + (self.anchor[0] - lat) * KM_PER_DEG_LAT * self.px_per_km
        return round(x), round(y)


def half_span_km(speed_kph: float | None) -> float:
    """The zoom: close in town, wider on a fast road (the driver looks further ahead)."""
    return ROAD_HALF_SPAN_KM if (speed_kph or 0.0) >= FAST_ROAD_KPH else CITY_HALF_SPAN_KM


class _RoadLayer:
    """Roads and route on a surface larger than the map by a margin, reused while the car stays in it."""

    def __init__(self) -> None:
        self.surface: pygame.Surface | None = None
        self.projection: LocalProjection | None = None
        self._key: tuple | None = None

    def offset_for(self, centre: LatLon, at: tuple[int, int], inner: pygame.Rect) -> tuple[int, int] | None:
        """Where the layer's top-left goes on the screen so that `centre` is at pixel `at`; None: the layer does
        not cover `inner` from there."""
        if self.surface is None or self.projection is None:
            return None
        x, y = self.projection.point(*centre)
        left, top = at[0] - x, at[1] - y
        covered = pygame.Rect(left, top, *self.surface.get_size()).contains(inner)
        return (left, top) if covered else None

    def ensure(self, roadmap: RoadMap, key: tuple, centre: LatLon, at, inner: pygame.Rect, px_per_km, route, px):
        offset = self.offset_for(centre, at, inner) if key == self._key else None
        if offset is not None:
            return offset
        margin_x, margin_y = inner.width // 3, inner.height // 3
        size = (inner.width + 2 * margin_x, inner.height + 2 * margin_y)
        origin = (at[0] - inner.left + margin_x, at[1] - inner.top + margin_y)
        self.projection = LocalProjection(centre, px_per_km, origin)
        self.surface = _draw_roads(roadmap, size, self.projection, route, px)
        self._key = key
        return self.offset_for(centre, at, inner)


def _draw_roads(roadmap: RoadMap, size, projection: LocalProjection, route, px) -> pygame.Surface:
    layer = pygame.Surface(size)
    layer.fill(MAP_BACKGROUND)
    coords = roadmap.node_coords
    drawn: set[frozenset[str]] = set()
    for major_pass in (False, True):  # minor roads first, the major ones over them
        for start, edges in roadmap.adjacency.items():
            for edge in edges:
                pair = frozenset((start, edge.to))
                major = edge.road_class in MAJOR_ROADS
                if major != major_pass or pair in drawn:
                    continue
                drawn.add(pair)
                a, b = projection.point(*coords[start]), projection.point(*coords[edge.to])
                width = px(9 if major else 5)
                pygame.draw.line(layer, theme.ROAD_CASING, a, b, width + px(4))
                pygame.draw.line(layer, theme.ROAD_MAJOR if major else theme.ROAD, a, b, width)
    for start, end in route[1:]:
        a, b = projection.point(*coords[start]), projection.point(*coords[end])
        pygame.draw.line(layer, theme.ROUTE, a, b, px(7))
        pygame.draw.circle(layer, theme.ROUTE, a, px(3))
        pygame.draw.circle(layer, theme.ROUTE, b, px(3))
    return layer


class MapView:
    def __init__(self, roadmap: RoadMap, fonts: FontBook) -> None:
        self.roadmap = roadmap
        self.fonts = fonts
        self._places_by_id = {p.id: p for p in roadmap.places.values()}
        self._home = next((p for p in roadmap.places.values() if p.kind == "home"), None)
        self._roads = _RoadLayer()
        self._route_key: tuple | None = None
        self._route: tuple[tuple[str, str], ...] = ()
        self.view_rect = pygame.Rect(0, 0, 0, 0)  # the map's drawing area in the window (the last frame drawn)
        self.label_rects: list[pygame.Rect] = []  # where the place labels went (the last frame drawn)
        self.car_at: tuple[int, int] | None = None
        self._centre: LatLon | None = None  # what the middle of the free map shows
        self._view: tuple | None = None

    def destination(self, state: DashboardState):
        return self._places_by_id.get(state.destination_id) if state.destination_id else None

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

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        focus: pygame.Rect,
        state: DashboardState,
        px,
        keep_clear: Sequence[pygame.Rect] = (),
    ) -> None:
        """The map in `rect`, the car in the middle of `focus` (the part no panel covers)."""
        inner = rect.inflate(-px(6), -px(6))
        self.view_rect = inner
        pygame.draw.rect(surface, MAP_BACKGROUND, rect, border_radius=px(16))
        car = state.position  # unknown yet: the map waits at home
        if car is None:
            car = (self._home.lat, self._home.lon) if self._home else next(iter(self.roadmap.node_coords.values()))
        px_per_km = focus.height / (2 * half_span_km(state.speed_kph))
        centre = self._follow(car, focus, px_per_km)
        route = self._route_edges(state.position, state.destination_id)
        key = (inner.size, round(px_per_km, 3), route, px(10))
        offset = self._roads.ensure(self.roadmap, key, centre, focus.center, inner, px_per_km, route, px)
        previous_clip = surface.get_clip()
        surface.set_clip(inner.clip(previous_clip))
        if offset is not None and self._roads.surface is not None:
            surface.blit(self._roads.surface, offset)
        projection = LocalProjection(centre, px_per_km, focus.center)
        self._draw_route_lead(surface, state, route, projection, px)
        self._draw_places(surface, inner, state, projection, px, keep_clear)
        self._draw_car(surface, state, projection, px)
        surface.set_clip(previous_clip)
        pygame.draw.rect(surface, theme.PANEL_EDGE, rect, width=1, border_radius=px(16))

    def _follow(self, car: LatLon, focus: pygame.Rect, px_per_km: float) -> LatLon:
        """The point shown in the middle of `focus`: it jumps to the car when the car leaves the middle half of
        `focus` (or the zoom or the panels change), so between jumps only the car moves on the screen."""
        view = (tuple(focus), px_per_km)
        if self._centre is not None and view == self._view:
            x, y = LocalProjection(self._centre, px_per_km, focus.center).point(*car)
            if focus.inflate(-focus.width // 2, -focus.height // 2).collidepoint(x, y):
                return self._centre
        self._centre, self._view = car, view
        return car

    def _draw_places(self, surface, inner: pygame.Rect, state, projection: LocalProjection, px, keep_clear) -> None:
        destination = self.destination(state)
        lang = driver_language(state)
        label_size = px(theme.FONT_TINY)
        taken = [r.clip(inner) for r in keep_clear if r.colliderect(inner)]
        self.label_rects = []
        shown = []
        for place in self.roadmap.places.values():
            x, y = projection.point(place.lat, place.lon)
            if inner.collidepoint(x, y):
                shown.append((place, (x, y)))
        shown = [(place, xy) for place, xy in shown if not any(r.collidepoint(xy) for r in taken)]  # not under a panel
        shown.sort(key=lambda item: (destination is None or item[0].id != destination.id, item[0].id))
        dot = px(16)
        dots = [pygame.Rect(x - dot // 2, y - dot // 2, dot, dot) for _, (x, y) in shown]
        taken = taken + dots  # a label never covers a place's dot
        for place, (x, y) in shown:
            is_destination = destination is not None and place.id == destination.id
            colour = theme.PLACE_COLOURS.get(place.kind, theme.TEXT_DIM)
            if is_destination:
                pygame.draw.circle(surface, theme.ACCENT, (x, y), px(14), px(3))
            pygame.draw.circle(surface, colour, (x, y), px(7 if is_destination else 5))
            label = place_label(place, lang)
            rendered = self.fonts.render(label, label_size, theme.TEXT, bold=is_destination)
            gap = px(10)
            for anchor, pos in (
                ("midleft", (x + gap, y)),
                ("midright", (x - gap, y)),
                ("midbottom", (x, y - gap)),
                ("midtop", (x, y + gap)),
            ):
                where = rendered.get_rect(**{anchor: pos})
                if (
                    inner.contains(where)
                    and where.collidelist(self.label_rects) == -1
                    and where.collidelist(taken) == -1
                ):
                    pygame.draw.rect(surface, MAP_BACKGROUND, where, border_radius=px(4))  # legible over a road
                    draw.text(
                        surface,
                        self.fonts,
                        label,
                        label_size,
                        theme.TEXT if is_destination else theme.TEXT_DIM,
                        pos,
                        anchor=anchor,
                        bold=is_destination,
                        box=inner,
                    )
                    self.label_rects.append(where)
                    break

    def _draw_route_lead(self, surface, state: DashboardState, route, projection: LocalProjection, px) -> None:
        """The first leg from the car itself (the car is usually between the route's first two nodes)."""
        if not route or state.position is None:
            return
        coords = self.roadmap.node_coords
        start, end = route[0]
        car = state.position
        behind = great_circle_m(*car, *coords[end]) < great_circle_m(*coords[start], *coords[end])
        points = [car, coords[end]] if behind else [car, coords[start], coords[end]]
        pygame.draw.lines(surface, theme.ROUTE, False, [projection.point(*p) for p in points], px(7))

    def _draw_car(self, surface: pygame.Surface, state: DashboardState, projection: LocalProjection, px) -> None:
        self.car_at = None
        if state.position is None:
            return
        x, y = projection.point(*state.position)
        self.car_at = (x, y)
        heading = math.radians(state.heading_deg or 0.0)  # degrees clockwise from north
        size = px(16)

        def rotate(dx: float, dy: float) -> tuple[float, float]:
            return (
                x + dx * math.cos(heading) - dy * math.sin(heading),
                y + dx * math.sin(heading) + dy * math.cos(heading),
            )

        colour = theme.TEXT_DIM if state.is_stale("position") else theme.TEXT
        pygame.draw.circle(surface, theme.ACCENT, (x, y), size + px(4), px(2))
        points = [
            rotate(0, -size),
            rotate(size * 0.7, size * 0.7),
            rotate(0, size * 0.35),
            rotate(-size * 0.7, size * 0.7),
        ]
        pygame.draw.polygon(surface, colour, points)


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
    """The language of the last thing a person said (en until someone speaks): the screen speaks it too."""
    return next((line.lang for line in reversed(state.conversation) if line.speaker == "user" and line.lang), "en")


def place_names(roadmap: RoadMap) -> Mapping[int, str]:
    return {p.id: place_label(p) for p in roadmap.places.values()}
