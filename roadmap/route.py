"""A planned route: ordered segments with precomputed offsets so lookups are O(log n)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from roadmap.geo import bearing_deg, great_circle_m

LatLon = tuple[float, float]


@dataclass(frozen=True)
class Segment:
    """One road edge as driven: from `start_node` to `end_node`."""

    start_node: str
    end_node: str
    length_m: float
    speed_limit_kph: float
    road_class: str
    polyline: tuple[LatLon, ...]


@dataclass
class Route:
    """Ordered segments from the first segment's start node to the last one's end node.

    A route with no segments is valid (origin == destination): it has length 0.
    """

    segments: list[Segment]
    origin: str
    destination: str
    via: tuple[str, ...] = ()
    total_length_m: float = field(init=False)
    nominal_duration_s: float = field(init=False)
    segment_start_m: list[float] = field(init=False, repr=False)
    # Geometry of each segment's polyline: cumulative geometric length per vertex and total,
    # used to map a distance along the (possibly explicit-length) segment onto the polyline.
    _poly_cum: list[list[float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        offsets: list[float] = []
        total = 0.0
        duration = 0.0
        poly_cum: list[list[float]] = []
        for seg in self.segments:
            offsets.append(total)
            total += seg.length_m
            duration += seg.length_m / (seg.speed_limit_kph / 3.6)
            cum = [0.0]
            for (la1, lo1), (la2, lo2) in zip(seg.polyline, seg.polyline[1:], strict=False):
                cum.append(cum[-1] + great_circle_m(la1, lo1, la2, lo2))
            poly_cum.append(cum)
        self.segment_start_m = offsets
        self.total_length_m = total
        self.nominal_duration_s = duration
        self._poly_cum = poly_cum

    @property
    def nodes(self) -> list[str]:
        """Node names in driving order, origin first."""
        if not self.segments:
            return [self.origin]
        return [self.segments[0].start_node] + [seg.end_node for seg in self.segments]

    def node_offset_m(self, node: str) -> float:
        """Distance from the route start to the first arrival at `node`; ValueError if absent."""
        if self.segments and self.segments[0].start_node == node:
            return 0.0
        for index, seg in enumerate(self.segments):
            if seg.end_node == node:
                return self.segment_start_m[index] + seg.length_m
        if not self.segments and node == self.origin:
            return 0.0
        raise ValueError(f"node {node!r} is not on this route ({' -> '.join(self.nodes)})")

    def segment_index_at(self, distance_m: float) -> int:
        """Index of the segment containing `distance_m` (clamped to the route)."""
        if not self.segments:
            return 0
        index = bisect_right(self.segment_start_m, distance_m) - 1
        return min(max(index, 0), len(self.segments) - 1)

    def position_at(self, distance_m: float) -> tuple[float, float, float, int]:
        """(lat, lon, heading_deg, segment_index) at `distance_m` along the route (clamped)."""
        if not self.segments:
            raise ValueError("an empty route has no geometry")
        distance_m = min(max(distance_m, 0.0), self.total_length_m)
        index = self.segment_index_at(distance_m)
        seg = self.segments[index]
        cum = self._poly_cum[index]
        along = distance_m - self.segment_start_m[index]
        # Explicit road lengths are longer than the drawn polyline: scale proportionally.
        fraction = along / seg.length_m if seg.length_m > 0 else 0.0
        target = fraction * cum[-1]
        vertex = min(max(bisect_right(cum, target) - 1, 0), len(cum) - 2)
        span = cum[vertex + 1] - cum[vertex]
        t = (target - cum[vertex]) / span if span > 0 else 0.0
        (la1, lo1), (la2, lo2) = seg.polyline[vertex], seg.polyline[vertex + 1]
        lat = la1 + (la2 - la1) * t
        lon = lo1 + (lo2 - lo1) * t
        return lat, lon, bearing_deg(la1, lo1, la2, lo2), index
