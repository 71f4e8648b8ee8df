"""The navigator: resolves what a person said into a place and asks the car's nav module to drive there."""

from __future__ import annotations

from collections.abc import Callable

from cockpit.bus import CommandWriter
from roadmap.geo import bearing_deg, great_circle_m
from roadmap.map import Place, RoadMap

DETOUR_TOLERANCE_S = 120.0  # stops this close to the least detour all count as "on the way"
POI_CATEGORIES = ("charger", "coffee", "restaurant", "parking", "rest_area", "toilet", "gas")


class UnknownDestinationError(ValueError):
    pass


class Navigator:
    def __init__(
        self,
        roadmap: RoadMap,
        commands: CommandWriter,
        position: Callable[[], tuple[float, float] | None],
        heading: Callable[[], float | None] = lambda: None,
    ) -> None:
        """`heading`: where the moving car points (None when parked or unknown): the next node is ahead of it."""
        self.roadmap = roadmap
        self.commands = commands
        self._position = position
        self._heading = heading
        self.destination: Place | None = None
        self.via: Place | None = None

    def resolve(self, text: str) -> Place:
        """A place from its name, an alias in either language, or a POI category (the next one ahead)."""
        place = self.roadmap.find_place(text)
        if place is not None:
            return place
        category = text.strip().lower().replace(" ", "_")
        if category in POI_CATEGORIES and self.roadmap.places_of_kind(category):
            return self.stop_ahead(category)
        raise UnknownDestinationError(f"no place called {text!r} on the map")

    def navigate(self, destination: str, via: str | None = None, charge_to_pct: float | None = None) -> Place:
        place = self.resolve(destination)
        via_place = self.resolve(via) if via else None
        self.commands.request(
            "CCU_Nav_Cmd",
            {
                "RouteRequest": "set",
                "DestinationId": place.id,
                "ViaId": via_place.id if via_place else 0,
                "ChargeTargetSoc": charge_to_pct or 0,
            },
        )
        self.destination, self.via = place, via_place
        return place

    def stop_ahead(self, category: str, range_m: float | None = None) -> Place:
        """The place of `category` to stop at next: on the way to the destination (the least detour, and of those
        within a couple of minutes of it, the first one ahead), never one the car would have to turn back for when
        one on the way exists; without a destination, the nearest by road. Chargers must be within 90 % of
        `range_m`."""
        position = self._position()
        candidates = self.roadmap.places_of_kind(category)
        if position is None or not candidates:
            raise UnknownDestinationError(f"no {category} to stop at (position unknown or none on the map)")
        start = self._node_ahead(position)
        destination = self.destination
        direct_s = self.roadmap.shortest_path(start, destination.name).nominal_duration_s if destination else 0.0
        options: list[tuple[float, float, Place]] = []  # (detour s, time to the stop s, place)
        for place in candidates:
            to_stop = self.roadmap.shortest_path(start, place.name)
            if range_m is not None and to_stop.total_length_m > 0.9 * range_m:
                continue
            detour_s = 0.0
            if destination is not None and destination.name != place.name:
                onward_s = self.roadmap.shortest_path(place.name, destination.name).nominal_duration_s
                detour_s = max(0.0, to_stop.nominal_duration_s + onward_s - direct_s)
            options.append((detour_s, to_stop.nominal_duration_s, place))
        if not options:
            raise UnknownDestinationError(f"no {category} within the remaining range")
        least_detour_s = min(detour for detour, _, _ in options)
        on_the_way = [o for o in options if o[0] <= least_detour_s + DETOUR_TOLERANCE_S]
        return min(on_the_way, key=lambda o: (o[1], o[2].name))[2]

    def _node_ahead(self, position: tuple[float, float]) -> str:
        """The nearest map node ahead of the moving car (within 90° of its heading), else the nearest one."""
        heading = self._heading()
        nodes = self.roadmap.node_coords
        ahead = [
            n
            for n in nodes
            if heading is not None and abs((bearing_deg(*position, *nodes[n]) - heading + 180.0) % 360.0 - 180.0) < 90.0
        ]
        if not ahead:
            return self.roadmap.nearest_node(*position)
        return min(ahead, key=lambda n: (great_circle_m(*position, *nodes[n]), n))

    def add_stop(self, category: str, charge_to_pct: float | None = None, range_m: float | None = None) -> Place:
        """A stop of `category` on the way to the current destination (`stop_ahead`); with no destination, the
        stop becomes the destination."""
        stop = self.stop_ahead(category, range_m)
        if self.destination is None:
            return self.navigate(stop.name, charge_to_pct=charge_to_pct)
        self.navigate(self.destination.name, via=stop.name, charge_to_pct=charge_to_pct)
        return stop

    def cancel(self) -> None:
        self.commands.request("CCU_Nav_Cmd", {"RouteRequest": "cancel"})
        self.destination = self.via = None

    @staticmethod
    def spoken_name(place: Place, lang: str) -> str:
        """How to say a place: its first alias in the listener's language, else its name."""
        for alias in place.aliases:
            if alias.isascii() == (lang == "en"):
                return alias
        return place.name.replace("_", " ")

    def place_name(self, place_id: int | None) -> str | None:
        if not place_id:
            return None
        try:
            return self.roadmap.place_by_id(int(place_id)).name
        except KeyError:
            return None
