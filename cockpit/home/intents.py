"""From the smart-home intents (INTENTS.md) to device commands: which devices, which actions, which data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cockpit.home.rooms import resolve_room, room_meant, spoken_key
from cockpit.replies import ReplyableError
from homelink.devices import DeviceInfo

# Intent `device` slot → device kind in the house.
DEVICE_KINDS = {
    "ac": "ac",
    "light": "light",
    "heater": "heater",
    "water_heater": "water_heater",
    "air_purifier": "air_purifier",
    "robot_vacuum": "robot_vacuum",
    "fan": "fan",
    "tv": "tv",
    "humidifier": "humidifier",
    "garage": "garage_door",
    "curtains": "curtains",
    "gate": "gate",
}
DEFAULT_ROOM = "living_room"


class HomeIntentError(ReplyableError):
    """No device fits the intent's slots (the message says why, the reply says it to the driver)."""


def _room_said(room: str) -> str:
    """A room for a reply: the id of a room name we know (said in the listener's words), else as spoken."""
    return room_meant(room) or spoken_key(room) or room.strip()


def house_room(catalogue: Mapping[str, DeviceInfo], room: str, device: str | None = None) -> str:
    """The id of the house's room that `room` (as spoken) names; HomeIntentError when the house has none."""
    found = resolve_room(room, {d.room for d in catalogue.values()})
    if found is not None:
        return found
    if device is None:
        raise HomeIntentError(f"there is no room {room!r} at home", "home_no_room", room=_room_said(room))
    raise HomeIntentError(
        f"there is no {device.replace('_', ' ')} in the {room} at home",
        "home_no_device_in_room",
        device=device,
        room=_room_said(room),
    )


@dataclass(frozen=True)
class HomeCommand:
    device: str
    action: str
    data: Mapping[str, Any] = field(default_factory=dict)


def targets(catalogue: Mapping[str, DeviceInfo], device: str, room: str | None = None) -> list[str]:
    """Devices meant by an intent's `device` and `room`: the one in that room; without a room, the only one
    of its kind, else the living room's; else every one of that kind."""
    kind = DEVICE_KINDS.get(device, device)
    found = sorted(d.id for d in catalogue.values() if d.kind == kind)
    if not found:
        raise HomeIntentError(f"there is no {device.replace('_', ' ')} at home", "home_no_device", device=device)
    if room:
        room_id = house_room(catalogue, room, device)
        in_room = [d for d in found if catalogue[d].room == room_id]
        if not in_room:
            raise HomeIntentError(
                f"there is no {device.replace('_', ' ')} in the {room_id} at home",
                "home_no_device_in_room",
                device=device,
                room=room_id,
            )
        return in_room
    if len(found) == 1:
        return found
    main = [d for d in found if catalogue[d].room == DEFAULT_ROOM]
    return main or found


def plan(intent: str, slots: Mapping[str, Any], catalogue: Mapping[str, DeviceInfo]) -> list[HomeCommand]:
    """The device commands for `home.turn_on|turn_off|set_temperature|open|close|scene` (home.query: none)."""
    room = slots.get("room")
    if intent in ("home.turn_on", "home.turn_off"):
        device = str(slots["device"])
        on = intent == "home.turn_on"
        action = ("start" if on else "return_to_base") if device == "robot_vacuum" else "turn_on" if on else "turn_off"
        return [HomeCommand(d, action) for d in targets(catalogue, device, room)]
    if intent == "home.set_temperature":
        kinds = [k for k in ("ac", "heater") if any(d.kind == k for d in catalogue.values())]
        for kind in kinds:
            try:
                found = targets(catalogue, kind, room)
            except HomeIntentError:
                continue
            return [HomeCommand(d, "set_temperature", {"temperature": float(slots["temperature"])}) for d in found]
        if room:
            room_id = house_room(catalogue, room)
            raise HomeIntentError(
                f"nothing can set the temperature in the {room_id}", "home_no_thermostat_in_room", room=room_id
            )
        raise HomeIntentError("nothing can set the temperature", "home_no_thermostat")
    if intent in ("home.open", "home.close"):
        action = "open" if intent == "home.open" else "close"
        return [HomeCommand(d, action) for d in targets(catalogue, str(slots["device"]), room)]
    if intent == "home.scene":
        return scene(str(slots["scene"]), catalogue)
    if intent == "home.query":
        return []
    raise HomeIntentError(f"{intent} is not a home intent", "not_available")


def scene(name: str, catalogue: Mapping[str, DeviceInfo]) -> list[HomeCommand]:
    """The commands of a scene, for the devices this house has (garage, gate and lock obey the access rules)."""

    def kind(k: str, room: str | None = None) -> list[str]:
        return sorted(d.id for d in catalogue.values() if d.kind == k and (room is None or d.room == room))

    commands: list[HomeCommand] = []

    def add(devices: list[str], action: str, **data: Any) -> None:
        commands.extend(HomeCommand(d, action, data) for d in devices)

    if name == "arrive_home":
        add(kind("garage_door"), "open")
        add(kind("light", "entrance") + kind("light", "garage") + kind("light", "living_room"), "turn_on")
        add(kind("ac", "living_room"), "set_temperature", temperature=22.0, mode="auto")
        add(kind("water_heater"), "turn_on")
    elif name == "leave_home":
        add(kind("light") + kind("tv") + kind("fan") + kind("heater") + kind("humidifier"), "turn_off")
        add(kind("ac"), "turn_off")
        add(kind("curtains"), "close")
        add(kind("robot_vacuum"), "start")
        add(kind("garage_door") + kind("gate"), "close")
        add(kind("lock"), "lock")
    elif name == "sleep":
        add(kind("light") + kind("tv"), "turn_off")
        add(kind("curtains"), "close")
        add(kind("ac", "bedroom"), "set_temperature", temperature=26.0, mode="auto")
        add(kind("lock"), "lock")
    elif name == "movie":
        add(kind("light", "living_room"), "turn_on", brightness=20.0)
        add(kind("curtains", "living_room"), "close")
        add(kind("tv", "living_room"), "turn_on")
    else:
        raise HomeIntentError(f"unknown scene {name!r} (known: arrive_home, leave_home, sleep, movie)", "not_available")
    return commands


def query(intent_slots: Mapping[str, Any], catalogue: Mapping[str, DeviceInfo], state) -> dict[str, Any]:
    """home.query: `{device id: primary value}` for the devices asked about (all when no device is given)."""
    device, room = intent_slots.get("device"), intent_slots.get("room")
    if device:
        found = targets(catalogue, str(device), room)
    else:
        room_id = house_room(catalogue, str(room)) if room else None
        found = sorted(d.id for d in catalogue.values() if room_id is None or d.room == room_id)
    return {d: state(d) for d in found}
