"""What Home Assistant sees of the house: MQTT discovery payloads and the state payloads its entities read.

Checked against HA's own MQTT platform code (tests/home/test_home_assistant.py runs every payload through
`homeassistant.components.mqtt.<platform>.DISCOVERY_SCHEMA` of a pinned release, and a real HA against the
house over mosquitto). What HA needs that the house's own attribute names do not give it:
  light (schema json)   `state` is "ON"/"OFF" (HA's json light ignores anything else)
  vacuum                the charge is `battery_level` (HA reads no other key; its battery sensor reads it too)
The house's attributes stay as they are (scenarios and the cockpit name them: `living_room.light.state` is
"on"); `state_payload` turns them into what HA reads, `attributes_of_state` turns that back (the cockpit's
MQTT client reads the same topics).

Every entity belongs to a device named in words ("Living room AC") and has no name of its own (HA then shows
the device's name); a room's temperature sensor belongs to the room's device ("Living room", entity
"Temperature"); the vacuum's battery, the purifier's PM2.5 and an AC's power are sensors of their device.
Every device also has an `event` entity, "Rejected command", fired when the house refuses a command (HA's
or the cockpit's: AC to 10 °C): HA shows it with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homelink import protocol as p
from homelink.devices import DeviceInfo

MANUFACTURER = "Cockpit AI Simulator"
ORIGIN = {"name": MANUFACTURER}
TEMPERATURE_UNIT = "C"  # HA's climate/water_heater `temperature_unit`: C or F
REJECTED_EVENT = "rejected"

# How a kind or an id's last part reads in a name; anything else is its words ("water_heater": "water heater").
LABELS = {"ac": "AC", "tv": "TV"}
KIND_LABELS = {"garage_door": "garage door"}


def words(name: str) -> str:
    """`robot_vacuum` → `robot vacuum`, with the labels above (`ac` → `AC`)."""
    return LABELS.get(name, name.replace("_", " "))


def room_name(room: str) -> str:
    """`living_room` → `Living room`."""
    text = room.replace("_", " ")
    return text[:1].upper() + text[1:]


def device_name(info: DeviceInfo) -> str:
    """`living_room.ac` → `Living room AC`; `garage` (a garage door with the room's name) → `Garage door`."""
    if info.id == info.room:
        return room_name(KIND_LABELS.get(info.kind, words(info.kind)))
    head, _, last = info.id.rpartition(".")
    if head == info.room:
        return f"{room_name(info.room)} {words(last)}"
    return room_name(info.id.replace(".", " "))


# --- state payloads ----------------------------------------------------------------------------
LIGHT_STATES = {"on": "ON", "off": "OFF"}
RENAMED = {"robot_vacuum": {"battery": "battery_level"}}  # house attribute → the key HA reads


def state_payload(kind: str, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """The state JSON published for a device: its attributes as HA's entity for `kind` reads them."""
    renames = RENAMED.get(kind, {})
    payload = {renames.get(name, name): value for name, value in attributes.items()}
    if kind == "light":
        state = payload.get("state")
        payload["state"] = LIGHT_STATES.get(state, state) if isinstance(state, str) else state
    return payload


def attributes_of_state(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The house's attributes back from a state payload (inverse of `state_payload`)."""
    back = {ha: house for house, ha in RENAMED.get(kind, {}).items()}
    attributes = {back.get(name, name): value for name, value in payload.items()}
    if kind == "light":
        state = attributes.get("state")
        attributes["state"] = next((house for house, ha in LIGHT_STATES.items() if ha == state), state)
    return attributes


def rejection_payload(action: str, reason: str) -> dict[str, Any]:
    """What the `event` entity shows when the house refuses a command."""
    return {"event_type": REJECTED_EVENT, "action": action, "reason": reason}


# --- discovery ---------------------------------------------------------------------------------
def _device_block(identifier: str, name: str, model: str, room: str) -> dict[str, Any]:
    return {
        "identifiers": [identifier],
        "name": name,
        "manufacturer": MANUFACTURER,
        "model": model,
        "suggested_area": room_name(room),
    }


def _entity_base(info: DeviceInfo, base: str) -> dict[str, Any]:
    # No `object_id`: HA 2025.10 deprecated it for `default_entity_id` (which HA 2024 does not know), saying
    # it stops working in 2026.4; without either HA makes the entity id from the names (`climate.living_room_ac`).
    oid = p.object_id(info.id)
    return {
        "name": None,
        "unique_id": f"{base}_{oid}",
        "origin": ORIGIN,
        "availability_topic": p.status_topic(base),
        "json_attributes_topic": p.device_topic(base, info.id, p.STATE_LEAF),
        "device": _device_block(f"{base}_{oid}", device_name(info), f"simulated {words(info.kind)}", info.room),
    }


def _temperature_range(info: DeviceInfo) -> dict[str, Any]:
    param = info.capabilities.actions["set_temperature"]["temperature"]
    return {"min_temp": param.minimum, "max_temp": param.maximum, "temperature_unit": TEMPERATURE_UNIT}


def _climate(info: DeviceInfo, base: str) -> dict[str, Any]:
    state = p.device_topic(base, info.id, p.STATE_LEAF)
    config: dict[str, Any] = {
        "mode_command_topic": p.device_topic(base, info.id, "mode/set"),
        "mode_state_topic": state,
        "temperature_command_topic": p.device_topic(base, info.id, "temperature/set"),
        "temperature_state_topic": state,
        "temperature_state_template": "{{ value_json.target_temperature }}",
        "action_topic": state,
        "precision": 0.1,
        "temp_step": 0.5,
        **_temperature_range(info),
    }
    if info.kind == "ac":
        config.update(
            modes=list(info.capabilities.attributes["mode"].choices or ()),
            mode_state_template="{{ value_json.mode }}",
            current_temperature_topic=state,
            current_temperature_template="{{ value_json.current_temperature }}",
            action_template="{{ value_json.hvac_action }}",
        )
    else:  # a heater: on/off with a thermostat; the room's sensor is what it regulates
        config.update(
            modes=["off", "heat"],
            mode_state_template="{{ 'heat' if value_json.state == 'on' else 'off' }}",
            current_temperature_topic=p.sensor_topic(base, info.room, "temperature"),
            action_template="{{ 'off' if value_json.state == 'off' else "
            "('heating' if value_json.heating else 'idle') }}",
        )
    return config


def _water_heater(info: DeviceInfo, base: str) -> dict[str, Any]:
    state = p.device_topic(base, info.id, p.STATE_LEAF)
    # HA's MQTT water heater has no action topic: `heating` is among its attributes (json_attributes_topic).
    return {
        "mode_command_topic": p.device_topic(base, info.id, "mode/set"),
        "mode_state_topic": state,
        "mode_state_template": "{{ 'electric' if value_json.state == 'on' else 'off' }}",
        "modes": ["off", "electric"],
        "power_command_topic": p.device_topic(base, info.id, "set"),
        "temperature_command_topic": p.device_topic(base, info.id, "temperature/set"),
        "temperature_state_topic": state,
        "temperature_state_template": "{{ value_json.target_temperature }}",
        "current_temperature_topic": state,
        "current_temperature_template": "{{ value_json.temperature }}",
        "precision": 0.1,
        **_temperature_range(info),
    }


def _light(info: DeviceInfo, base: str) -> dict[str, Any]:
    # Brightness only, said with the `brightness` flag: HA 2024.3 takes `supported_color_modes` only with the
    # `color_mode` flag, which HA 2024.4 deprecated (gone in 2025.3); the flag alone means the same to both.
    return {
        "schema": "json",
        "command_topic": p.device_topic(base, info.id, "set"),
        "state_topic": p.device_topic(base, info.id, p.STATE_LEAF),
        "brightness": True,
        "brightness_scale": 100,
    }


def _cover(info: DeviceInfo, base: str, device_class: str | None) -> dict[str, Any]:
    state = p.device_topic(base, info.id, p.STATE_LEAF)
    config = {
        "command_topic": p.device_topic(base, info.id, "set"),
        "state_topic": state,
        "value_template": "{{ value_json.state }}",
        "position_topic": state,
        "position_template": "{{ value_json.position | int }}",
        "device_class": device_class,
    }
    if "set_position" in info.capabilities.actions:
        config["set_position_topic"] = p.device_topic(base, info.id, "position/set")
    return config


def _lock(info: DeviceInfo, base: str) -> dict[str, Any]:
    return {
        "command_topic": p.device_topic(base, info.id, "set"),
        "state_topic": p.device_topic(base, info.id, p.STATE_LEAF),
        "value_template": "{{ value_json.state | upper }}",
    }


def _vacuum(info: DeviceInfo, base: str) -> dict[str, Any]:
    # The state schema is the only one since HA 2024.2; the `schema` key itself is deprecated. The charge is
    # `battery_level` in the state and shown by the vacuum's battery sensor: HA 2025.8 deprecated the
    # vacuum's own `battery` feature (its MQTT vacuum stops taking it in 2026.2), so it is not listed here.
    return {
        "command_topic": p.device_topic(base, info.id, "set"),
        "state_topic": p.device_topic(base, info.id, p.STATE_LEAF),
        "supported_features": ["start", "stop", "return_home", "status"],
    }


def _on_off(info: DeviceInfo, base: str) -> dict[str, Any]:
    template = "{{ value_json.state | upper }}"
    config: dict[str, Any] = {
        "command_topic": p.device_topic(base, info.id, "set"),
        "state_topic": p.device_topic(base, info.id, p.STATE_LEAF),
    }
    if info.capabilities.component != "fan":
        return {**config, "value_template": template}
    config["state_value_template"] = template
    preset = info.capabilities.actions.get("set_preset", {}).get("preset")
    if preset is not None:  # HA fan preset modes (the purifier's auto/sleep/turbo); no speed: no percentage
        config.update(
            preset_modes=list(preset.choices or ()),
            preset_mode_command_topic=p.device_topic(base, info.id, "preset/set"),
            preset_mode_state_topic=config["state_topic"],
            preset_mode_value_template="{{ value_json.preset }}",
        )
    return config


def discovery_config(info: DeviceInfo, base: str = p.DEFAULT_BASE, device_class: str | None = None) -> dict[str, Any]:
    """The discovery payload (`homeassistant/<component>/<base>/<object_id>/config`) of one device."""
    component = info.capabilities.component
    if component == "climate":
        specific = _climate(info, base)
    elif component == "water_heater":
        specific = _water_heater(info, base)
    elif component == "light":
        specific = _light(info, base)
    elif component == "cover":
        specific = _cover(info, base, device_class)
    elif component == "lock":
        specific = _lock(info, base)
    elif component == "vacuum":
        specific = _vacuum(info, base)
    else:  # switch, fan
        specific = _on_off(info, base)
    config = {**_entity_base(info, base), **specific}
    return {k: v for k, v in config.items() if v is not None or k == "name"}


def rejection_config(info: DeviceInfo, base: str = p.DEFAULT_BASE) -> dict[str, Any]:
    """The `event` entity of a device that shows the commands the house refused."""
    entity = _entity_base(info, base)
    del entity["json_attributes_topic"]  # the event's own payload carries the action and the reason
    return {
        **entity,
        "name": "Rejected command",
        "unique_id": f"{entity['unique_id']}_rejected",
        "state_topic": p.device_topic(base, info.id, p.REJECTION_LEAF),
        "event_types": [REJECTED_EVENT],
    }


# Numbers a device reports that HA keeps as sensors of that device: (key in the state payload, name,
# device class, unit). The vacuum's charge is one: where HA (since 2025.8) wants a vacuum's battery.
ATTRIBUTE_SENSORS = {
    "robot_vacuum": (("battery_level", "Battery", "battery", "%"),),
    "air_purifier": (("pm25", "PM2.5", "pm25", "µg/m³"),),
    "ac": (("power_w", "Power", "power", "W"),),
}


def attribute_sensor_config(
    info: DeviceInfo, key: str, name: str, device_class: str, unit: str, base: str = p.DEFAULT_BASE
) -> dict[str, Any]:
    entity = _entity_base(info, base)
    del entity["json_attributes_topic"]
    return {
        **entity,
        "name": name,
        "unique_id": f"{entity['unique_id']}_{key}",
        "state_topic": p.device_topic(base, info.id, p.STATE_LEAF),
        "value_template": f"{{{{ value_json.{key} }}}}",
        "device_class": device_class,
        "unit_of_measurement": unit,
        "state_class": "measurement",
    }


def room_sensor_config(room: str, base: str = p.DEFAULT_BASE) -> dict[str, Any]:
    """A room's air temperature: a measurement HA keeps statistics of, on the room's own device."""
    return {
        "name": "Temperature",
        "unique_id": f"{base}_{room}_temp",
        "origin": ORIGIN,
        "state_topic": p.sensor_topic(base, room, "temperature"),
        "device_class": "temperature",
        "state_class": "measurement",
        "unit_of_measurement": "°C",
        "availability_topic": p.status_topic(base),
        "device": _device_block(f"{base}_room_{room}", room_name(room), "simulated room", room),
    }


def every_config(
    catalogue: Mapping[str, DeviceInfo], rooms: list[str], device_classes: Mapping[str, str], base: str = p.DEFAULT_BASE
) -> list[tuple[str, dict[str, Any]]]:
    """(topic, payload) of every discovery message the house publishes, in a stable order."""
    out = []
    for info in catalogue.values():
        out.append(
            (
                p.discovery_topic(info.capabilities.component, info.id, base),
                discovery_config(info, base, device_classes.get(info.id)),
            )
        )
        out.append((p.discovery_topic("event", f"{info.id}.rejected", base), rejection_config(info, base)))
        for key, name, device_class, unit in ATTRIBUTE_SENSORS.get(info.kind, ()):
            out.append(
                (
                    p.discovery_topic("sensor", f"{info.id}.{key}", base),
                    attribute_sensor_config(info, key, name, device_class, unit, base),
                )
            )
    for room in rooms:
        out.append((p.discovery_topic("sensor", f"{room}.temperature", base), room_sensor_config(room, base)))
    return out
