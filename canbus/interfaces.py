"""Bus specs (`virtual`, `udp_multicast`, `socketcan:vcan0`, `replay:file.log`) → python-can buses.

A small registry, in the style of python-can's own: each kind names how to open it, and the module
behind it is imported only when that kind is used (udp_multicast needs msgpack, for example).

`udp_multicast[:GROUP]` is python-can's udp_multicast interface: CAN frames as msgpack datagrams to GROUP
(default `DEFAULT_MULTICAST_GROUP`, 239.74.163.2, an organisation-local IPv4 group; an IPv6 group works too) on
UDP port `MULTICAST_PORT` (43113, python-can's). It stays on this host by default: the TTL (IPv6: hop limit) is
`DEFAULT_MULTICAST_TTL` = 0, so the kernel loops datagrams back to this host's sockets and sends none out of
any interface (python-can's own default of 1 reaches the local network). `COCKPIT_MULTICAST_TTL=N` (0-255)
lets a car and a cockpit on two machines talk, N routers apart.
"""

from __future__ import annotations

import importlib
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import can

DEFAULT_MULTICAST_GROUP = "239.74.163.2"  # python-can's UdpMulticastBus.DEFAULT_GROUP_IPv4
MULTICAST_PORT = 43113  # python-can's default port for udp_multicast
DEFAULT_MULTICAST_TTL = 0  # this host only
MULTICAST_TTL_ENV = "COCKPIT_MULTICAST_TTL"


class BusSpecError(ValueError):
    """A bus spec that names an unknown interface or cannot be opened."""


@dataclass(frozen=True)
class BusSpec:
    kind: str
    channel: str | None

    @classmethod
    def parse(cls, text: str) -> BusSpec:
        kind, _, channel = text.partition(":")
        kind = kind.strip()
        if kind not in _OPENERS and kind != "replay":
            known = ", ".join(sorted([*_OPENERS, "replay"]))
            raise BusSpecError(f"unknown bus interface {kind!r} in {text!r} (expected one of: {known})")
        if kind == "replay" and not channel:
            raise BusSpecError("a replay bus needs a log file: replay:PATH (candump .log, .asc, .blf or .mf4)")
        return cls(kind, channel or None)

    def __str__(self) -> str:
        return f"{self.kind}:{self.channel}" if self.channel else self.kind


_private_channel_numbers = itertools.count(1)


def private_virtual_channel() -> str:
    """A virtual channel name no other run in this process uses (channels are process-global)."""
    return f"cockpit-sim-{next(_private_channel_numbers)}"


def _open_virtual(channel: str | None) -> can.BusABC:
    from canbus.simulation_bus import SimulationBus

    # Frames carry simulation time (preserved timestamps), never the wall clock.
    return SimulationBus(channel or "cockpit-sim")


def multicast_ttl() -> int:
    """The udp_multicast TTL: COCKPIT_MULTICAST_TTL if set (a BusSpecError if it is not 0-255), else 0."""
    text = os.environ.get(MULTICAST_TTL_ENV)
    if text is None or not text.strip():
        return DEFAULT_MULTICAST_TTL
    if not text.strip().isdigit() or int(text) > 255:
        raise BusSpecError(f"{MULTICAST_TTL_ENV}={text!r}: expected a whole number from 0 (this host only) to 255")
    return int(text)


def _open_udp_multicast(channel: str | None) -> can.BusABC:
    try:
        importlib.import_module("can.interfaces.udp_multicast")
    except ImportError as error:
        raise BusSpecError(f"udp_multicast needs python-can[multicast] (msgpack): {error}") from error
    ttl = multicast_ttl()
    try:
        return can.Bus(
            interface="udp_multicast",
            channel=channel or DEFAULT_MULTICAST_GROUP,
            port=MULTICAST_PORT,
            hop_limit=ttl,
            receive_own_messages=False,
        )
    except OSError as error:
        raise BusSpecError(f"cannot join multicast group {channel or DEFAULT_MULTICAST_GROUP}: {error}") from error


def _open_socketcan(channel: str | None) -> can.BusABC:
    try:
        return can.Bus(interface="socketcan", channel=channel or "vcan0")
    except (OSError, can.CanError) as error:
        raise BusSpecError(
            f"cannot open socketcan {channel or 'vcan0'} (does this OS have SocketCAN and the interface?): {error}"
        ) from error


_OPENERS: dict[str, Callable[[str | None], can.BusABC]] = {
    "virtual": _open_virtual,
    "udp_multicast": _open_udp_multicast,
    "socketcan": _open_socketcan,
}


def open_bus(spec: BusSpec | str) -> can.BusABC:
    """Open one endpoint of the bus described by `spec` (not for `replay:`, see `read_log`)."""
    spec = BusSpec.parse(spec) if isinstance(spec, str) else spec
    if spec.kind == "replay":
        raise BusSpecError("replay: logs are read with read_log(), not opened as a live bus")
    return _OPENERS[spec.kind](spec.channel)


def read_log(path: str | Path) -> Iterator[can.Message]:
    """Frames of a recorded log (candump .log, .asc, .blf, .mf4, …) in file order, each checked: a bad line is a
    LogFormatError (a BusSpecError) naming the file and the line. canbus/log_reader.py has the details."""
    from canbus.log_reader import read_log as read_checked_log

    return read_checked_log(path)
