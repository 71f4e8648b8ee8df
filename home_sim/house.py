"""The simulated house: rooms with a lumped thermal model and the devices in them, stepped on the sim clock.

Names (the same everywhere: scenarios, expectations, the MQTT topics' device paths):
  device     `living_room.ac`, `kitchen.water_heater`, `garage` (the garage door), `entrance.lock`
  attribute  `living_room.ac.mode`, `garage.state`, `garage.position`
  room       `living_room.temperature` (air temperature, °C)
A device's primary attribute is what `device: value` sets (`living_room.ac: off` sets the mode).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from home_sim.devices import DEVICE_TYPES, Device
from homelink.capabilities import CapabilityError
from homelink.devices import DeviceInfo

MAX_STEP_S = 1.0
ROOM_ATTRIBUTES = ("temperature",)


class HouseError(ValueError):
    """A bad house configuration, an unknown name or a value a device cannot take."""


@dataclass(frozen=True)
class ApplyResult:
    device: str
    action: str
    ok: bool
    reason: str | None
    state: Mapping[str, Any]


class Room:
    """Air and furniture as one heat capacity, losing heat to the outside through one conductance.

    Per m² of floor: 10 kJ/K (air, furniture, inner wall surfaces) and 1.5 W/K (an insulated flat): a
    40 m² living room has a time constant of ~2 h and a 3.5 kW unit warms it by ~0.4 K a minute.
    """

    def __init__(
        self,
        name: str,
        area_m2: float,
        temp_c: float,
        *,
        capacity_j_per_k_m2: float = 10_000.0,
        loss_w_per_k_m2: float = 1.5,
    ) -> None:
        self.name = name
        self.area_m2 = area_m2
        self.temp_c = temp_c
        self.capacity_j_per_k = capacity_j_per_k_m2 * area_m2
        self.loss_w_per_k = loss_w_per_k_m2 * area_m2
        self.devices: list[Device] = []
        self.reported = round(temp_c, 1)

    def step(self, dt_s: float, outside_c: float) -> None:
        heat = sum([d.heat_w(self.temp_c) for d in self.devices])  # a list: sum() over a generator is slower
        heat -= self.loss_w_per_k * (self.temp_c - outside_c)
        self.temp_c += heat * dt_s / self.capacity_j_per_k
        for device in self.devices:
            device.step(dt_s, self.temp_c)


DEFAULT_CONFIG: Mapping[str, Any] = {
    "outside_temp": 10.0,
    "indoor_temp": 18.0,
    "rooms": {
        "living_room": {"area_m2": 40, "devices": ["ac", "light", "curtains", "tv", "air_purifier", "robot_vacuum"]},
        "bedroom": {
            "area_m2": 20,
            "devices": [
                {"type": "ac", "heating_w": 2600, "cooling_w": 2600},
                "light",
                "curtains",
                "heater",
                "humidifier",
            ],
        },
        "kitchen": {"area_m2": 12, "devices": ["light", "water_heater"]},
        "study": {"area_m2": 12, "devices": [{"type": "ac", "heating_w": 2600, "cooling_w": 2600}, "light", "fan"]},
        "garage": {"area_m2": 25, "devices": [{"type": "garage_door", "id": "garage"}, "light"]},
        "entrance": {"area_m2": 8, "devices": ["light", "lock", "gate"]},
    },
}


class House:
    """Build with `House.from_config(mapping)` (or `House.default()`), then `step(dt_s)` on the sim clock."""

    def __init__(self, outside_temp_c: float = 10.0) -> None:
        self.outside_temp_c = outside_temp_c
        self.rooms: dict[str, Room] = {}
        self.devices: dict[str, Device] = {}
        self.time_s = 0.0
        self._changes: dict[str, Any] = {}

    # --- building ------------------------------------------------------------------------------
    @classmethod
    def default(cls, **overrides: Any) -> House:
        return cls.from_config({**DEFAULT_CONFIG, **overrides})

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> House:
        """`{outside_temp, indoor_temp, rooms: {room: {area_m2, temperature?, devices: [type | {type, id?,
        ...params}]}}, initial: {name: value}}`; missing keys take DEFAULT_CONFIG's values."""
        config = dict(config or {})
        unknown = set(config) - {"outside_temp", "indoor_temp", "rooms", "initial"}
        if unknown:
            raise HouseError(
                f"unknown house key {', '.join(sorted(unknown))} (expected: outside_temp, indoor_temp, rooms, initial)"
            )
        house = cls(float(config.get("outside_temp", DEFAULT_CONFIG["outside_temp"])))
        indoor = float(config.get("indoor_temp", DEFAULT_CONFIG["indoor_temp"]))
        rooms = config.get("rooms", DEFAULT_CONFIG["rooms"])
        if not isinstance(rooms, Mapping) or not rooms:
            raise HouseError("rooms: expected a mapping of room name to {area_m2, devices}")
        for room_name, spec in rooms.items():
            house._add_room(str(room_name), spec or {}, indoor)
        for room in house.rooms.values():
            house._sync(room)
        house.set_states(config.get("initial") or {})
        house.take_changes()
        return house

    def _add_room(self, name: str, spec: Mapping[str, Any], indoor_c: float) -> None:
        if not name.isidentifier() or name in self.rooms or name in self.devices:
            raise HouseError(f"room {name!r}: a room name is a unique word (letters, digits, _)")
        unknown = set(spec) - {"area_m2", "temperature", "devices"}
        if unknown:
            raise HouseError(
                f"room {name}: unknown key {', '.join(sorted(unknown))} (expected: area_m2, temperature, devices)"
            )
        room = Room(name, float(spec.get("area_m2", 15.0)), float(spec.get("temperature", indoor_c)))
        self.rooms[name] = room
        for entry in spec.get("devices", ()):
            entry = {"type": entry} if isinstance(entry, str) else dict(entry)
            kind = entry.pop("type", None)
            device_type = DEVICE_TYPES.get(kind)
            if device_type is None:
                raise HouseError(
                    f"room {name}: unknown device type {kind!r} (known: {', '.join(sorted(DEVICE_TYPES))})"
                )
            device_id = str(entry.pop("id", f"{name}.{kind}"))
            if (
                device_id in self.devices
                or device_id in self.rooms
                and device_id != name
                or not all(part.isidentifier() for part in device_id.split("."))
            ):
                raise HouseError(f"room {name}: device id {device_id!r} is taken or not made of words")
            try:
                device = device_type(device_id, name, entry)
            except ValueError as error:
                raise HouseError(str(error)) from error
            self.devices[device_id] = device
            room.devices.append(device)

    # --- the clock -----------------------------------------------------------------------------
    def step(self, dt_s: float) -> None:
        """Advance the physics by `dt_s` seconds of simulated time (sub-stepped at most 1 s)."""
        while dt_s > 1e-12:
            h = min(dt_s, MAX_STEP_S)
            for room in self.rooms.values():
                room.step(h, self.outside_temp_c)
            dt_s -= h
            self.time_s += h

    def set_outside_temperature(self, temp_c: float) -> None:
        self.outside_temp_c = float(temp_c)

    # --- names and state -----------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every device, attribute and room name, sorted."""
        out = []
        for device in self.devices.values():
            out.append(device.id)
            out.extend(f"{device.id}.{attr}" for attr in device.CAPS.attributes)
        out.extend(f"{room}.{attr}" for room in self.rooms for attr in ROOM_ATTRIBUTES)
        return sorted(out)

    def has_name(self, name: str) -> bool:
        try:
            self._split(name)
        except HouseError:
            return False
        return True

    def _split(self, name: str) -> tuple[Device | Room, str | None]:
        """`living_room.ac.mode` → (the ac, 'mode'); `garage` → (the garage door, None)."""
        if name in self.devices:
            return self.devices[name], None
        head, _, attribute = name.rpartition(".")
        device = self.devices.get(head)
        if device is not None and attribute in device.CAPS.attributes:
            return device, attribute
        room = self.rooms.get(head)
        if room is not None and attribute in ROOM_ATTRIBUTES:
            return room, attribute
        raise HouseError(f"unknown home name {name!r}" + _hint(name, self.names()))

    def state(self, name: str) -> Any:
        """The value of a device (its primary attribute), an attribute or a room temperature."""
        target, attribute = self._split(name)
        if isinstance(target, Room):
            return round(target.temp_c, 1)
        return target.state(attribute)

    def device_state(self, device: str) -> dict[str, Any]:
        return self._device(device).snapshot()

    def set_state(self, name: str, value: Any) -> None:
        """Set the world (scenario `home:` initial states and events): a device's primary attribute,
        a writable attribute, or a room's temperature."""
        target, attribute = self._split(name)
        if isinstance(target, Room):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise HouseError(f"{name}: expected a temperature in °C, got {value!r}")
            target.temp_c = float(value)
            self._sync(target)
            self._report_room(target)
            return
        try:
            target.force(attribute or target.CAPS.primary, value)
        except CapabilityError as error:
            raise HouseError(str(error)) from error
        self._collect(target)

    def set_states(self, states: Mapping[str, Any]) -> None:
        for name, value in states.items():
            self.set_state(str(name), value)

    def catalogue(self) -> dict[str, DeviceInfo]:
        return {d.id: DeviceInfo(d.id, d.room, d.CAPS.kind, d.CAPS) for d in self.devices.values()}

    def _device(self, device: str) -> Device:
        found = self.devices.get(device)
        if found is None:
            raise HouseError(f"unknown device {device!r}" + _hint(device, self.devices))
        return found

    # --- commands ------------------------------------------------------------------------------
    def apply(self, device: str, action: str, data: Mapping[str, Any] | None = None) -> ApplyResult:
        """Carry out `action` on `device`; an unknown device, an undeclared action or bad data is refused
        (ok False, with the reason) and changes nothing."""
        found = self.devices.get(device)
        if found is None:
            return ApplyResult(device, action, False, f"unknown device {device!r}" + _hint(device, self.devices), {})
        try:
            state = found.apply(action, data)
        except CapabilityError as error:
            return ApplyResult(device, action, False, str(error), found.snapshot())
        self._collect(found)
        return ApplyResult(device, action, True, None, state)

    # --- changes -------------------------------------------------------------------------------
    def take_changes(self) -> dict[str, Any]:
        """Every reported value that changed since the last call: `{name: value}` in a stable order."""
        for device in self.devices.values():
            if device.changed:
                self._collect(device)
        for room in self.rooms.values():
            self._report_room(room)
        changes, self._changes = self._changes, {}
        return dict(sorted(changes.items()))

    def _sync(self, room: Room) -> None:
        """Let the room's devices read its temperature now (no time passes)."""
        for device in room.devices:
            device.heat_w(room.temp_c)
            device.step(0.0, room.temp_c)
            self._collect(device)

    def _collect(self, device: Device) -> None:
        for attribute, value in device.changed.items():
            self._changes[f"{device.id}.{attribute}"] = value
        device.changed.clear()

    def _report_room(self, room: Room) -> None:
        reported = round(room.temp_c, 1)
        if reported != room.reported:
            room.reported = reported
            self._changes[f"{room.name}.temperature"] = reported


def _hint(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
