"""The devices of the simulated house. Each type declares its capabilities; its state moves on `step(dt_s)`.

Published attributes are rounded (0.1 °C, whole percent) the way real devices report them, so a change is
recorded only when the reported value changes, not at every step of a continuous model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from homelink.capabilities import (
    NO_DATA,
    ON_OFF,
    Attribute,
    Capabilities,
    CapabilityError,
    Param,
    temperature_param,
)


class Device:
    """A device in a room. Subclasses declare CAPS and implement `_do_<action>` and `step`."""

    CAPS: ClassVar[Capabilities]
    DEFAULTS: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        self.id = device_id
        self.room = room
        unknown = set(params or {}) - set(self.DEFAULTS)
        if unknown:
            raise ValueError(
                f"{device_id}: unknown parameter {', '.join(sorted(unknown))} for a {self.CAPS.kind} "
                f"(known: {', '.join(self.DEFAULTS) or 'none'})"
            )
        self.params = {**self.DEFAULTS, **(params or {})}
        self.attrs: dict[str, Any] = {}
        self.changed: dict[str, Any] = {}

    # --- state ---------------------------------------------------------------------------------
    def _set(self, name: str, value: Any) -> None:
        if self.attrs.get(name, _MISSING) != value:
            self.attrs[name] = value
            self.changed[name] = value

    def state(self, attribute: str | None = None) -> Any:
        return self.attrs[attribute or self.CAPS.primary]

    def snapshot(self) -> dict[str, Any]:
        return dict(self.attrs)

    # --- commands ------------------------------------------------------------------------------
    def apply(self, action: str, data: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Carry out a declared action (CapabilityError otherwise); returns the device's state after it."""
        checked = self.CAPS.check(action, data)
        getattr(self, "_do_" + action)(**checked)
        return self.snapshot()

    def force(self, attribute: str, value: Any) -> None:
        """A scenario sets the world: `garage: closed`, `living_room.ac.target_temperature: 24`."""
        spec = self.CAPS.attributes.get(attribute)
        if spec is None or not (spec.writable or attribute == self.CAPS.primary):
            settable = [a for a, s in self.CAPS.attributes.items() if s.writable or a == self.CAPS.primary]
            raise CapabilityError(f"{self.id}.{attribute} cannot be set (settable: {', '.join(settable)})")
        value = _coerce(f"{self.id}.{attribute}", spec, value)
        self._force(attribute, value)

    def _force(self, attribute: str, value: Any) -> None:
        self._set(attribute, value)

    # --- physics -------------------------------------------------------------------------------
    def heat_w(self, room_temp_c: float) -> float:
        """Heat this device puts into its room (negative when cooling), at this instant."""
        return 0.0

    def step(self, dt_s: float, room_temp_c: float) -> None:
        pass


_MISSING = object()


def _coerce(name: str, spec: Attribute, value: Any) -> Any:
    if spec.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CapabilityError(f"{name}: expected a number, got {value!r}")
        return float(value)
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise CapabilityError(f"{name}: expected true or false, got {value!r}")
        return value
    if isinstance(value, bool) and spec.choices == ON_OFF:
        value = "on" if value else "off"
    if not isinstance(value, str) or spec.choices is not None and value not in spec.choices:
        raise CapabilityError(f"{name}: {value!r} is not one of {', '.join(spec.choices or ())}")
    return value


# --- climate ------------------------------------------------------------------------------------
HVAC_MODES = ("off", "heat", "cool", "auto")
HVAC_ACTIONS = ("off", "idle", "heating", "cooling")


class AirConditioner(Device):
    """A split heat-pump unit: modulates its power within a band of 0.25 K around the target."""

    CAPS = Capabilities(
        kind="ac",
        component="climate",
        primary="mode",
        attributes={
            "mode": Attribute("text", HVAC_MODES),
            "target_temperature": Attribute("number", unit="°C", writable=True),
            "current_temperature": Attribute("number", unit="°C"),
            "hvac_action": Attribute("text", HVAC_ACTIONS),
            "power_w": Attribute("number", unit="W"),
        },
        actions={
            "turn_on": NO_DATA,
            "turn_off": NO_DATA,
            "set_mode": {"mode": Param("text", choices=HVAC_MODES)},
            "set_temperature": {
                "temperature": temperature_param(16, 30),
                "mode": Param("text", required=False, choices=HVAC_MODES),
            },
        },
    )
    DEFAULTS = {"heating_w": 3500.0, "cooling_w": 3500.0, "band_k": 0.25, "target": 24.0}

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._last_mode = "auto"
        self._power_w = 0.0
        self._set("mode", "off")
        self._set("target_temperature", float(self.params["target"]))
        self._set("hvac_action", "off")
        self._set("power_w", 0.0)

    def _do_turn_on(self) -> None:
        self._set("mode", self._last_mode)

    def _do_turn_off(self) -> None:
        self._set("mode", "off")

    def _do_set_mode(self, mode: str) -> None:
        if mode != "off":
            self._last_mode = mode
        self._set("mode", mode)

    def _do_set_temperature(self, temperature: float, mode: str | None = None) -> None:
        self._set("target_temperature", temperature)
        if mode is None and self.attrs["mode"] == "off":
            # "set home to 26" with the unit off: switch on in the direction the room needs.
            current = self.attrs.get("current_temperature", temperature)
            mode = "heat" if temperature > current + 0.5 else "cool" if temperature < current - 0.5 else "auto"
        if mode is not None:
            self._do_set_mode(mode)

    def _force(self, attribute: str, value: Any) -> None:
        if attribute == "mode":
            self._do_set_mode(value)
        else:
            self._set(attribute, value)

    def heat_w(self, room_temp_c: float) -> float:
        mode, target, band = self.attrs["mode"], self.attrs["target_temperature"], self.params["band_k"]
        power = 0.0
        if mode in ("heat", "auto") and room_temp_c < target:
            power = self.params["heating_w"] * min(1.0, (target - room_temp_c) / band)
        elif mode in ("cool", "auto") and room_temp_c > target:
            power = -self.params["cooling_w"] * min(1.0, (room_temp_c - target) / band)
        self._power_w = power
        return power

    def step(self, dt_s: float, room_temp_c: float) -> None:
        self._set("current_temperature", round(room_temp_c, 1))
        mode = self.attrs["mode"]
        action = (
            "off" if mode == "off" else "heating" if self._power_w > 1 else "cooling" if self._power_w < -1 else "idle"
        )
        self._set("hvac_action", action)
        self._set("power_w", float(round(abs(self._power_w), -1)))


class Heater(Device):
    """A space heater with its own thermostat: full power below the target, nothing above."""

    CAPS = Capabilities(
        kind="heater",
        component="climate",
        primary="state",
        attributes={
            "state": Attribute("text", ON_OFF),
            "target_temperature": Attribute("number", unit="°C", writable=True),
            "heating": Attribute("bool"),
        },
        actions={"turn_on": NO_DATA, "turn_off": NO_DATA, "set_temperature": {"temperature": temperature_param(5, 30)}},
    )
    DEFAULTS = {"power_w": 1500.0, "target": 22.0}

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._set("state", "off")
        self._set("target_temperature", float(self.params["target"]))
        self._set("heating", False)

    def _do_turn_on(self) -> None:
        self._set("state", "on")

    def _do_turn_off(self) -> None:
        self._set("state", "off")
        self._set("heating", False)

    def _do_set_temperature(self, temperature: float) -> None:
        self._set("target_temperature", temperature)
        self._set("state", "on")

    def heat_w(self, room_temp_c: float) -> float:
        on = self.attrs["state"] == "on" and room_temp_c < self.attrs["target_temperature"]
        return self.params["power_w"] if on else 0.0

    def step(self, dt_s: float, room_temp_c: float) -> None:
        # Whether the element is on (what Home Assistant shows as the heater's action: heating or idle).
        self._set("heating", self.heat_w(room_temp_c) > 0)


class WaterHeater(Device):
    """An electric tank: the water warms at a rate set by the element's power and the tank's volume."""

    CAPS = Capabilities(
        kind="water_heater",
        component="water_heater",
        primary="state",
        attributes={
            "state": Attribute("text", ON_OFF),
            "temperature": Attribute("number", unit="°C", writable=True),
            "target_temperature": Attribute("number", unit="°C", writable=True),
            "heating": Attribute("bool"),
        },
        actions={
            "turn_on": NO_DATA,
            "turn_off": NO_DATA,
            "set_temperature": {"temperature": temperature_param(30, 75)},
        },
    )
    DEFAULTS = {"power_w": 2000.0, "litres": 60.0, "loss_w_per_k": 2.0, "water": 20.0, "target": 55.0}

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._water_c = float(self.params["water"])
        self._set("state", "off")
        self._set("temperature", round(self._water_c, 1))
        self._set("target_temperature", float(self.params["target"]))
        self._set("heating", False)

    def _do_turn_on(self) -> None:
        self._set("state", "on")

    def _do_turn_off(self) -> None:
        self._set("state", "off")

    def _do_set_temperature(self, temperature: float) -> None:
        self._set("target_temperature", temperature)

    def _force(self, attribute: str, value: Any) -> None:
        if attribute == "temperature":
            self._water_c = value
            value = round(value, 1)
        self._set(attribute, value)

    def step(self, dt_s: float, room_temp_c: float) -> None:
        heating = self.attrs["state"] == "on" and self._water_c < self.attrs["target_temperature"]
        power = (self.params["power_w"] if heating else 0.0) - self.params["loss_w_per_k"] * (
            self._water_c - room_temp_c
        )
        self._water_c += power * dt_s / (self.params["litres"] * 4186.0)
        self._set("heating", heating)
        self._set("temperature", round(self._water_c, 1))


# --- switches, lights, air ----------------------------------------------------------------------
class Switch(Device):
    """A plain on/off appliance (tv, fan, humidifier)."""

    CAPS = Capabilities(
        kind="switch",
        component="switch",
        primary="state",
        attributes={"state": Attribute("text", ON_OFF)},
        actions={"turn_on": NO_DATA, "turn_off": NO_DATA, "toggle": NO_DATA},
    )

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._set("state", "off")

    def _do_turn_on(self) -> None:
        self._set("state", "on")

    def _do_turn_off(self) -> None:
        self._set("state", "off")

    def _do_toggle(self) -> None:
        self._set("state", "off" if self.attrs["state"] == "on" else "on")


def _switch_type(kind: str, component: str) -> type[Switch]:
    caps = Capabilities(
        kind=kind, component=component, primary="state", attributes=Switch.CAPS.attributes, actions=Switch.CAPS.actions
    )
    return type(kind.title().replace("_", ""), (Switch,), {"CAPS": caps})


Tv = _switch_type("tv", "switch")
Fan = _switch_type("fan", "fan")
Humidifier = _switch_type("humidifier", "switch")


class Light(Device):
    CAPS = Capabilities(
        kind="light",
        component="light",
        primary="state",
        attributes={"state": Attribute("text", ON_OFF), "brightness": Attribute("number", unit="%", writable=True)},
        actions={
            "turn_on": {"brightness": Param("number", required=False, minimum=1, maximum=100)},
            "turn_off": NO_DATA,
            "toggle": NO_DATA,
        },
    )
    DEFAULTS = {"brightness": 100.0}

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._set("state", "off")
        self._set("brightness", float(self.params["brightness"]))

    def _do_turn_on(self, brightness: float | None = None) -> None:
        self._set("state", "on")
        if brightness is not None:
            self._set("brightness", brightness)

    def _do_turn_off(self) -> None:
        self._set("state", "off")

    def _do_toggle(self) -> None:
        self._set("state", "off" if self.attrs["state"] == "on" else "on")


PURIFIER_PRESETS = ("auto", "sleep", "turbo")


class AirPurifier(Device):
    """Cleans the room's air: PM2.5 falls towards a floor when on, creeps back towards outdoor air when off."""

    CAPS = Capabilities(
        kind="air_purifier",
        component="fan",
        primary="state",
        attributes={
            "state": Attribute("text", ON_OFF),
            "preset": Attribute("text", PURIFIER_PRESETS),
            "pm25": Attribute("number", unit="µg/m³", writable=True),
        },
        actions={
            "turn_on": {"preset": Param("text", required=False, choices=PURIFIER_PRESETS)},
            "turn_off": NO_DATA,
            "set_preset": {"preset": Param("text", choices=PURIFIER_PRESETS)},
        },
    )
    DEFAULTS = {
        "pm25": 35.0,
        "outdoor_pm25": 35.0,
        "clean_tau_s": {"auto": 600.0, "sleep": 1200.0, "turbo": 240.0},
        "leak_tau_s": 3600.0,
    }

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._pm = float(self.params["pm25"])
        self._set("state", "off")
        self._set("preset", "auto")
        self._set("pm25", round(self._pm))

    def _do_turn_on(self, preset: str | None = None) -> None:
        self._set("state", "on")
        if preset is not None:
            self._set("preset", preset)

    def _do_turn_off(self) -> None:
        self._set("state", "off")

    def _do_set_preset(self, preset: str) -> None:
        self._set("preset", preset)
        self._set("state", "on")

    def _force(self, attribute: str, value: Any) -> None:
        if attribute == "pm25":
            self._pm = value
            value = round(value)
        self._set(attribute, value)

    def step(self, dt_s: float, room_temp_c: float) -> None:
        self._pm += (self.params["outdoor_pm25"] - self._pm) * dt_s / self.params["leak_tau_s"]
        if self.attrs["state"] == "on":
            self._pm += (3.0 - self._pm) * dt_s / self.params["clean_tau_s"][self.attrs["preset"]]
        self._set("pm25", round(self._pm))


VACUUM_STATES = ("docked", "cleaning", "idle", "returning")


class RobotVacuum(Device):
    """Cleans for a while on its battery, then returns to its dock and charges."""

    CAPS = Capabilities(
        kind="robot_vacuum",
        component="vacuum",
        primary="state",
        attributes={"state": Attribute("text", VACUUM_STATES), "battery": Attribute("number", unit="%")},
        actions={"start": NO_DATA, "turn_on": NO_DATA, "stop": NO_DATA, "turn_off": NO_DATA, "return_to_base": NO_DATA},
    )
    DEFAULTS = {"clean_s": 1800.0, "return_s": 30.0, "drain_pct_per_s": 0.04, "charge_pct_per_s": 0.05}

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._timer_s = 0.0
        self._battery = 100.0
        self._set("state", "docked")
        self._set("battery", 100.0)

    def _do_start(self) -> None:
        if self.attrs["state"] != "cleaning":
            self._timer_s = self.params["clean_s"]
            self._set("state", "cleaning")

    _do_turn_on = _do_start

    def _do_stop(self) -> None:
        if self.attrs["state"] in ("cleaning", "returning"):
            self._set("state", "idle")

    def _do_turn_off(self) -> None:
        self._do_return_to_base()

    def _do_return_to_base(self) -> None:
        if self.attrs["state"] != "docked":
            self._timer_s = self.params["return_s"]
            self._set("state", "returning")

    def step(self, dt_s: float, room_temp_c: float) -> None:
        state = self.attrs["state"]
        if state == "docked":
            self._battery = min(100.0, self._battery + self.params["charge_pct_per_s"] * dt_s)
        elif state in ("cleaning", "returning"):
            self._battery = max(0.0, self._battery - self.params["drain_pct_per_s"] * dt_s)
            self._timer_s -= dt_s
            if self._timer_s <= 0 or state == "cleaning" and self._battery < 15:
                if state == "cleaning":
                    self._do_return_to_base()
                else:
                    self._set("state", "docked")
        self._set("battery", float(round(self._battery)))


# --- covers and locks ---------------------------------------------------------------------------
COVER_STATES = ("closed", "opening", "open", "closing", "stopped")


class Cover(Device):
    """Something that travels between closed (0 %) and open (100 %) at a constant speed."""

    CAPS = Capabilities(
        kind="curtains",
        component="cover",
        primary="state",
        attributes={"state": Attribute("text", COVER_STATES), "position": Attribute("number", unit="%", writable=True)},
        actions={
            "open": NO_DATA,
            "close": NO_DATA,
            "stop": NO_DATA,
            "set_position": {"position": Param("number", minimum=0, maximum=100)},
        },
    )
    DEFAULTS = {"travel_s": 6.0}
    DEVICE_CLASS: ClassVar[str] = "curtain"

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._position = 0.0
        self._goal = 0.0
        self._set("state", "closed")
        self._set("position", 0.0)

    def _do_open(self) -> None:
        self._move_to(100.0)

    def _do_close(self) -> None:
        self._move_to(0.0)

    def _do_stop(self) -> None:
        self._goal = self._position
        self._settle(stopped=True)

    def _do_set_position(self, position: float) -> None:
        self._move_to(position)

    def _move_to(self, goal: float) -> None:
        self._goal = goal
        if goal > self._position:
            self._set("state", "opening")
        elif goal < self._position:
            self._set("state", "closing")
        else:
            self._settle()

    def _settle(self, stopped: bool = False) -> None:
        self._set("position", float(round(self._position)))
        self._set(
            "state", "closed" if self._position <= 0 else "open" if self._position >= 100 or not stopped else "stopped"
        )

    def _force(self, attribute: str, value: Any) -> None:
        if attribute == "state":
            if value not in ("open", "closed"):
                raise CapabilityError(f"{self.id} can be set to open or closed, not {value!r}")
            value = 100.0 if value == "open" else 0.0
        self._position = self._goal = min(100.0, max(0.0, value))
        self._settle()

    def step(self, dt_s: float, room_temp_c: float) -> None:
        if self.attrs["state"] not in ("opening", "closing"):
            return
        travel = 100.0 * dt_s / self.params["travel_s"]
        if abs(self._goal - self._position) <= travel + 1e-9:
            self._position = self._goal
            self._settle()
        else:
            self._position += travel if self._goal > self._position else -travel
            self._set("position", float(round(self._position)))


class Curtains(Cover):
    pass


class GarageDoor(Cover):
    CAPS = Capabilities(
        kind="garage_door",
        component="cover",
        primary="state",
        attributes=Cover.CAPS.attributes,
        actions={a: p for a, p in Cover.CAPS.actions.items() if a != "set_position"},
    )
    DEFAULTS = {"travel_s": 12.0}
    DEVICE_CLASS = "garage"


class Gate(Cover):
    CAPS = Capabilities(
        kind="gate",
        component="cover",
        primary="state",
        attributes=Cover.CAPS.attributes,
        actions=GarageDoor.CAPS.actions,
    )
    DEFAULTS = {"travel_s": 15.0}
    DEVICE_CLASS = "gate"


class Lock(Device):
    CAPS = Capabilities(
        kind="lock",
        component="lock",
        primary="state",
        attributes={"state": Attribute("text", ("locked", "unlocked"))},
        actions={"lock": NO_DATA, "unlock": NO_DATA},
    )

    def __init__(self, device_id: str, room: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(device_id, room, params)
        self._set("state", "locked")

    def _do_lock(self) -> None:
        self._set("state", "locked")

    def _do_unlock(self) -> None:
        self._set("state", "unlocked")


DEVICE_TYPES: dict[str, type[Device]] = {
    "ac": AirConditioner,
    "heater": Heater,
    "water_heater": WaterHeater,
    "light": Light,
    "tv": Tv,
    "fan": Fan,
    "humidifier": Humidifier,
    "air_purifier": AirPurifier,
    "robot_vacuum": RobotVacuum,
    "curtains": Curtains,
    "garage_door": GarageDoor,
    "gate": Gate,
    "lock": Lock,
}
