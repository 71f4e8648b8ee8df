"""The house on MQTT, following Home Assistant's conventions — shared by both ends, like the DBC for the bus.

Topics (BASE defaults to `cockpit_home`; a device id `living_room.ac` becomes the path `living_room/ac`):
  homeassistant/<component>/<BASE>/<object_id>/config   discovery, retained (object_id: `living_room_ac`)
  BASE/status                                            availability: online | offline (retained, last will)
  BASE/<path>/state                                      JSON of every attribute, retained
  BASE/<room>/sensor/temperature                         a room's air temperature (plain number), retained
  BASE/<path>/command                                    JSON {"id", "action", "data"}: a command to be answered
  BASE/<path>/result                                     JSON {"id", "device", "action", "status", "reason", "state"}
  BASE/<path>/set, BASE/<path>/mode/set, BASE/<path>/temperature/set, BASE/<path>/position/set
                                                         Home Assistant's own command payloads (ON, OPEN, heat...)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_BASE = "cockpit_home"
DISCOVERY_PREFIX = "homeassistant"
ONLINE, OFFLINE = "online", "offline"
REDACTED = "***"


class MqttUrlError(ValueError):
    """A malformed `mqtt://` spec. The message never contains the password."""


@dataclass(frozen=True)
class MqttUrl:
    """`mqtt://[user:password@]HOST:PORT[?tls=1]` (or `mqtts://`). The password never shows in repr or str."""

    host: str
    port: int = 1883
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: bool = False

    @classmethod
    def parse(cls, spec: str) -> MqttUrl:
        try:
            parts = urlsplit(spec)
            port = parts.port
        except ValueError as error:  # the message may quote the spec: never echo it
            raise MqttUrlError("malformed MQTT URL: expected mqtt://[user:password@]HOST:PORT[?tls=1]") from error
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise MqttUrlError("expected mqtt://[user:password@]HOST:PORT[?tls=1] or mqtts://...")
        query = parse_qs(parts.query)
        unknown = set(query) - {"tls"}
        if unknown:
            raise MqttUrlError(f"unknown MQTT URL option {', '.join(sorted(unknown))} (known: tls)")
        tls_values = query.get("tls", ["0"])
        if tls_values[-1] not in ("0", "1", "true", "false"):
            raise MqttUrlError("tls must be 1 or 0")
        tls = parts.scheme == "mqtts" or tls_values[-1] in ("1", "true")
        return cls(parts.hostname, port or (8883 if tls else 1883),
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password is not None else None, tls)

    def redacted(self) -> str:
        user = f"{self.username}:{REDACTED}@" if self.username and self.password else \
            f"{self.username}@" if self.username else ""
        return f"{'mqtts' if self.tls else 'mqtt'}://{user}{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.redacted()


def configure_client(client: Any, url: MqttUrl) -> None:
    """Credentials and TLS on a paho client (the only place the password is handed over)."""
    if url.username is not None:
        client.username_pw_set(url.username, url.password)
    if url.tls:
        client.tls_set()


# --- topics -------------------------------------------------------------------------------------
def device_path(device_id: str) -> str:
    return device_id.replace(".", "/")


def device_of_path(path: str) -> str:
    return path.replace("/", ".")


def object_id(device_id: str) -> str:
    return device_id.replace(".", "_")


def status_topic(base: str = DEFAULT_BASE) -> str:
    return f"{base}/status"


def device_topic(base: str, device_id: str, leaf: str) -> str:
    return f"{base}/{device_path(device_id)}/{leaf}"


def split_device_topic(base: str, topic: str, leaves: tuple[str, ...]) -> tuple[str, str] | None:
    """`BASE/living_room/ac/mode/set` → ('living_room.ac', 'mode/set') for a leaf among `leaves`."""
    if not topic.startswith(base + "/"):
        return None
    rest = topic[len(base) + 1:]
    for leaf in sorted(leaves, key=len, reverse=True):
        if rest.endswith("/" + leaf):
            path = rest[: -len(leaf) - 1]
            if path:
                return device_of_path(path), leaf
    return None


def sensor_topic(base: str, room: str, attribute: str) -> str:
    """A room's sensor (plain number, retained): `BASE/living_room/sensor/temperature`."""
    return f"{base}/{room}/sensor/{attribute}"


def discovery_topic(component: str, device_id: str, base: str = DEFAULT_BASE) -> str:
    return f"{DISCOVERY_PREFIX}/{component}/{base}/{object_id(device_id)}/config"


# --- payloads -----------------------------------------------------------------------------------
def encode(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def decode(payload: bytes) -> Any:
    return json.loads(payload.decode("utf-8"))


def discovery_config(device_id: str, kind: str, component: str, room: str, base: str = DEFAULT_BASE,
                     device_class: str | None = None) -> dict[str, Any]:
    """A Home Assistant MQTT discovery payload for one device (state as JSON on one retained topic)."""
    state = device_topic(base, device_id, "state")
    config: dict[str, Any] = {
        "name": f"{room.replace('_', ' ')} {kind.replace('_', ' ')}".title() if device_id != room else
        kind.replace("_", " ").title(),
        "unique_id": f"{base}_{object_id(device_id)}",
        "object_id": object_id(device_id),
        "availability_topic": status_topic(base),
        "json_attributes_topic": state,
        "device": {"identifiers": [f"{base}_{object_id(device_id)}"], "name": device_id, "manufacturer": "Cockpit AI "
                   "Simulator", "model": f"simulated {kind}", "suggested_area": room},
    }
    cmd = device_topic(base, device_id, "set")
    if component == "climate":
        config.update(mode_command_topic=device_topic(base, device_id, "mode/set"), mode_state_topic=state,
                      mode_state_template="{{ value_json.mode if value_json.mode is defined else "
                                          "('heat' if value_json.state == 'on' else 'off') }}",
                      modes=["off", "heat", "cool", "auto"] if kind == "ac" else ["off", "heat"],
                      temperature_command_topic=device_topic(base, device_id, "temperature/set"),
                      temperature_state_topic=state, temperature_state_template="{{ value_json.target_temperature }}",
                      current_temperature_topic=state,
                      current_temperature_template="{{ value_json.current_temperature }}",
                      temperature_unit="C")
    elif component == "water_heater":
        config.update(mode_command_topic=device_topic(base, device_id, "mode/set"), mode_state_topic=state,
                      mode_state_template="{{ 'electric' if value_json.state == 'on' else 'off' }}",
                      modes=["off", "electric"], temperature_command_topic=device_topic(base, device_id,
                                                                                        "temperature/set"),
                      temperature_state_topic=state, temperature_state_template="{{ value_json.target_temperature }}",
                      current_temperature_topic=state, current_temperature_template="{{ value_json.temperature }}")
    elif component == "light":
        config.update(schema="json", command_topic=cmd, state_topic=state, brightness=True, brightness_scale=100)
    elif component == "cover":
        config.update(command_topic=cmd, state_topic=state, value_template="{{ value_json.state }}",
                      position_topic=state, position_template="{{ value_json.position }}",
                      set_position_topic=device_topic(base, device_id, "position/set"),
                      state_open="open", state_opening="opening", state_closed="closed", state_closing="closing",
                      state_stopped="stopped", device_class=device_class)
    elif component == "lock":
        config.update(command_topic=cmd, state_topic=state, value_template="{{ value_json.state | upper }}",
                      state_locked="LOCKED", state_unlocked="UNLOCKED")
    elif component == "vacuum":
        config.update(schema="state", command_topic=cmd, state_topic=state,
                      supported_features=["start", "stop", "return_home", "battery", "status"])
    else:  # switch, fan, humidifier
        config.update(command_topic=cmd, state_topic=state, value_template="{{ value_json.state | upper }}",
                      state_on="ON", state_off="OFF")
        if component == "fan":
            config.update(state_value_template="{{ value_json.state | upper }}")
            del config["value_template"]
    return {k: v for k, v in config.items() if v is not None}


NATIVE_LEAVES = ("set", "mode/set", "temperature/set", "position/set")
COMMAND_LEAF, RESULT_LEAF, STATE_LEAF = "command", "result", "state"


def native_command(component: str, kind: str, leaf: str, payload: bytes) -> tuple[str, dict[str, Any]]:
    """Home Assistant's command payloads → (action, data) for House.apply. ValueError if not understood."""
    text = payload.decode("utf-8", errors="replace").strip()
    if leaf == "temperature/set":
        return "set_temperature", {"temperature": float(text)}
    if leaf == "position/set":
        return "set_position", {"position": float(text)}
    if leaf == "mode/set":
        if component == "water_heater":
            return ("turn_off", {}) if text == "off" else ("turn_on", {})
        if kind == "heater" and text in ("off", "heat"):
            return ("turn_off", {}) if text == "off" else ("turn_on", {})
        if component == "climate" and text in ("off", "heat", "cool", "auto"):
            return "set_mode", {"mode": text}
        raise ValueError(f"unknown mode {text!r}")
    if component == "light" and text.startswith("{"):
        body = json.loads(text)
        if body.get("state") == "OFF":
            return "turn_off", {}
        return "turn_on", {"brightness": body["brightness"]} if "brightness" in body else {}
    table = {"ON": "turn_on", "OFF": "turn_off", "OPEN": "open", "CLOSE": "close", "STOP": "stop", "LOCK": "lock",
             "UNLOCK": "unlock", "start": "start", "stop": "stop", "return_to_base": "return_to_base",
             "pause": "stop"}
    if text in table:
        return table[text], {}
    raise ValueError(f"unknown command payload {text!r}")
