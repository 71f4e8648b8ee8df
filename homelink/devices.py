"""What both sides may know about a device without touching it: its id, room, kind and capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from homelink.capabilities import Capabilities


@dataclass(frozen=True)
class DeviceInfo:
    """What a caller may know about a device without touching it: for allow-lists, discovery, intents."""

    id: str
    room: str
    kind: str
    capabilities: Capabilities
