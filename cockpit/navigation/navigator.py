"""The navigator: resolves what a person said into a place and asks the car's nav module to drive there."""

from __future__ import annotations

from collections.abc import Callable

from cockpit.bus import CommandWriter
from roadmap.map import Place, RoadMap

POI_CATEGORIES = ("charger", "coffee", "restaurant", "parking", "rest_area", "toilet", "gas")


class UnknownDestinationError(ValueError):
    pass


class Navigator:
    def __init__(self, roadmap: RoadMap, commands: CommandWriter,
                 position: Callable[[], tuple[float, float] | None]) -> None:
        self.roadmap = roadmap
        self.commands = commands
        self._position = position
        self.destination: Place | None = None
        self.via: Place | None = None

    def resolve(self, text: str) -> Place:
        """A place from its name, an alias in either language, or a POI category (the nearest one)."""
        place = self.roadmap.find_place(text)
        if place is not None:
            return place
        category = text.strip().lower().replace(" ", "_")
        if category in POI_CATEGORIES and self.roadmap.places_of_kind(category):
            position = self._position()
            if position is None:
                raise UnknownDestinationError(f"cannot find the nearest {category}: the position is unknown")
            return self.roadmap.nearest(category, *position)
        raise UnknownDestinationError(f"no place called {text!r} on the map")

    def navigate(self, destination: str, via: str | None = None, charge_to_pct: float | None = None) -> Place:
        place = self.resolve(destination)
        via_place = self.resolve(via) if via else None
        self.commands.request("CCU_Nav_Cmd", {
            "RouteRequest": "set", "DestinationId": place.id, "ViaId": via_place.id if via_place else 0,
            "ChargeTargetSoc": charge_to_pct or 0})
        self.destination, self.via = place, via_place
        return place

    def add_stop(self, category: str, charge_to_pct: float | None = None,
                 range_m: float | None = None) -> Place:
        """A stop of `category` on the way to the current destination, the one that costs the least
        detour among those the remaining range reaches (energy-aware for chargers)."""
        position = self._position()
        candidates = self.roadmap.places_of_kind(category)
        if position is None or not candidates:
            raise UnknownDestinationError(f"no {category} to stop at (position unknown or none on the map)")
        start = self.roadmap.nearest_node(*position)
        best: tuple[float, Place] | None = None
        for place in candidates:
            to_stop = self.roadmap.shortest_path(start, place.name)
            if range_m is not None and to_stop.total_length_m > 0.9 * range_m:
                continue
            duration = to_stop.nominal_duration_s
            if self.destination is not None and self.destination.name != place.name:
                duration += self.roadmap.shortest_path(place.name, self.destination.name).nominal_duration_s
            if best is None or duration < best[0]:
                best = (duration, place)
        if best is None:
            raise UnknownDestinationError(f"no {category} within the remaining range")
        stop = best[1]
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
