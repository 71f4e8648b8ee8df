"""What the cockpit reads off the bus for a simulated car: the proactive model's episodes see the car this way.

Every status message is built by the car's own ECU code (`vehicle_sim.ecus.STATUS_MESSAGES`), packed and
E2E-protected by a bus port (`canbus.port.BusPort`), checked and decoded by the cockpit's reader
(`cockpit.bus.BusReader`) into the cockpit's signal store (`cockpit.bus.make_signal_store`), and turned into
a `CockpitContext` by `cockpit.context.build_context` with the map's home, as `cockpit/cockpit.py` does. So
the episodes see the values, resolutions (100 m of route, 1 km of range, 1 % of fog risk, ...) and context
rules the cockpit has, and there is no second copy of them here. The frames go from the port to the reader
directly (no bus object in between): once per simulated second every message that carries a signal
`build_context` reads (found by letting it read from a recorder, `messages_the_context_reads`), so all of them
are fresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from canbus.codec import DatabaseCodec
from canbus.dbc import load_dbc
from canbus.port import BusPort
from cockpit.bus import BusReader, make_signal_store
from cockpit.context import CockpitContext, build_context
from cockpit.signals import SignalStore
from vehicle_sim.ecus import STATUS_MESSAGES

if TYPE_CHECKING:
    from vehicle_sim.car import Car

ROUTE_MESSAGE, NEXT_STOP_SIGNAL = "Nav_Route", "NextStopId"


@lru_cache(maxsize=1)
def project_codec() -> DatabaseCodec:
    """The project's DBC, compiled once per process (an episode builds a view of its own)."""
    return DatabaseCodec(load_dbc())


@dataclass(slots=True)
class _Frame:
    """The fields of a `can.Message` the reader reads (one per message, its payload replaced each tick)."""

    arbitration_id: int
    data: bytearray
    is_extended_id: bool = False
    is_remote_frame: bool = False
    is_fd: bool = False


class _PathRecorder:
    """Stands in for the signal store: remembers every path `build_context` asks for, knows none."""

    def __init__(self) -> None:
        self.paths: set[str] = set()

    def valid_reader(self, now_s: float) -> Callable[[str], None]:
        def valid(path: str) -> None:
            self.paths.add(path)

        return valid


def messages_the_context_reads(store: SignalStore) -> set[str]:
    """The messages carrying a signal that `build_context` reads (the others cannot change the context)."""
    recorder = _PathRecorder()
    build_context(recorder, 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    return {store.catalogue[path].message for path in recorder.paths}


class CockpitBusView:
    """One car seen through the bus: `context(now_s)` encodes the car's state now and builds the cockpit's
    context from what the reader decoded."""

    def __init__(self, car: Car, codec: DatabaseCodec | None = None) -> None:
        codec = codec or project_codec()
        self.car = car
        self.store = make_signal_store(codec)
        self.reader = BusReader(codec, self.store)
        self._port = BusPort(None, codec)  # type: ignore[arg-type]  # encodes only: frames go to the reader
        read = messages_the_context_reads(self.store)
        self._messages = tuple(
            (name, build, _Frame(codec[name].frame_id, bytearray()))
            for name, build in sorted(STATUS_MESSAGES.items(), key=lambda m: codec[m[0]].frame_id)
            if name in read
        )
        self._frames = [frame for _, _, frame in self._messages]
        home = car.roadmap.places.get("home")
        self._home = (home.lat, home.lon) if home is not None else None

    def context(self, now_s: float, planned_stop_id: int | None = None) -> CockpitContext:
        """The cockpit's context at `now_s`. `planned_stop_id`: a stop the driver put on the route, reported by
        the nav as its next stop (the simulated route itself goes straight to the destination)."""
        car, encode = self.car, self._port.encode
        for name, build, frame in self._messages:
            values = build(car)
            if planned_stop_id is not None and name == ROUTE_MESSAGE:
                values[NEXT_STOP_SIGNAL] = planned_stop_id
            frame.data = encode(name, values)[1]
        self.reader.handle_all(self._frames, now_s)  # type: ignore[arg-type]
        return build_context(self.store, now_s, self._home)


__all__ = ["CockpitBusView", "messages_the_context_reads", "project_codec"]
