"""The house on MQTT, following Home Assistant's conventions — shared by both ends, like the DBC for the bus.

Topics (BASE defaults to `cockpit_home`; a device id `living_room.ac` becomes the path `living_room/ac`):
  homeassistant/<component>/<BASE>/<object_id>/config   discovery, retained (object_id: `living_room_ac`)
  BASE/status                                            availability: online | offline (retained, last will)
  BASE/<path>/state                                      JSON of every attribute, retained
  BASE/<room>/sensor/temperature                         a room's air temperature (plain number), retained
  BASE/<path>/command                                    JSON {"id", "action", "data"}: a command to be answered
  BASE/<path>/result                                     JSON {"id", "device", "action", "status", "reason", "state"}
  BASE/<path>/rejection                                  JSON {"event_type": "rejected", "action", "reason"}
                                                         a command the house refused (HA's `event` entity)
  BASE/<path>/set, BASE/<path>/mode/set, BASE/<path>/temperature/set, BASE/<path>/position/set,
  BASE/<path>/preset/set                                 Home Assistant's own command payloads (ON, OPEN, heat...)
What Home Assistant is told (discovery payloads, state as its entities read it): homelink.discovery.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_BASE = "cockpit_home"
DISCOVERY_PREFIX = "homeassistant"
ONLINE: Final = "online"
OFFLINE: Final = "offline"
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
        return cls(
            parts.hostname,
            port or (8883 if tls else 1883),
            unquote(parts.username) if parts.username else None,
            unquote(parts.password) if parts.password is not None else None,
            tls,
        )

    def redacted(self) -> str:
        user = (
            f"{self.username}:{REDACTED}@"
            if self.username and self.password
            else f"{self.username}@"
            if self.username
            else ""
        )
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
    rest = topic[len(base) + 1 :]
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


NATIVE_LEAVES = ("set", "mode/set", "temperature/set", "position/set", "preset/set")
COMMAND_LEAF, RESULT_LEAF, STATE_LEAF, REJECTION_LEAF = "command", "result", "state", "rejection"
# Home Assistant's plain payloads on BASE/<path>/set: its switch, fan, water heater power (ON/OFF), cover
# (OPEN/CLOSE/STOP), lock (LOCK/UNLOCK) and vacuum (start/stop/return_to_base) defaults.
PLAIN_COMMANDS = {
    "ON": "turn_on",
    "OFF": "turn_off",
    "OPEN": "open",
    "CLOSE": "close",
    "STOP": "stop",
    "LOCK": "lock",
    "UNLOCK": "unlock",
    "start": "start",
    "stop": "stop",
    "return_to_base": "return_to_base",
}
LIGHT_COMMAND_KEYS = frozenset({"state", "brightness"})


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{what}: expected a number, got {text!r}") from None


def _light_command(text: str) -> tuple[str, dict[str, Any]]:
    """HA's json light: `{"state": "ON", "brightness": 40}` (brightness on the discovery's scale, 1..100)."""
    try:
        body = json.loads(text)
    except ValueError:
        raise ValueError(f'expected a JSON light command such as {{"state": "ON"}}, got {text!r}') from None
    if not isinstance(body, dict) or body.get("state") not in ("ON", "OFF"):
        raise ValueError(f'expected {{"state": "ON" or "OFF", ...}}, got {text!r}')
    unknown = sorted(set(body) - LIGHT_COMMAND_KEYS)
    if unknown:
        raise ValueError(f"this light does not support {', '.join(unknown)}")
    if body["state"] == "OFF":
        return "turn_off", {}
    return "turn_on", {"brightness": body["brightness"]} if "brightness" in body else {}


def native_command(component: str, kind: str, leaf: str, payload: bytes) -> tuple[str, dict[str, Any]]:
    """Home Assistant's command payloads → (action, data) for House.apply. ValueError, saying what was
    expected, if not understood (the house then publishes a rejection)."""
    text = payload.decode("utf-8", errors="replace").strip()
    if leaf == "temperature/set":
        return "set_temperature", {"temperature": _number(text, "temperature")}
    if leaf == "position/set":
        return "set_position", {"position": _number(text, "position")}
    if leaf == "preset/set":
        return "set_preset", {"preset": text}
    if leaf == "mode/set":
        if component == "water_heater" and text in ("off", "electric"):
            return ("turn_off", {}) if text == "off" else ("turn_on", {})
        if kind == "heater" and text in ("off", "heat"):
            return ("turn_off", {}) if text == "off" else ("turn_on", {})
        if component == "climate" and kind != "heater":
            return "set_mode", {"mode": text}
        raise ValueError(f"unknown mode {text!r}")
    if component == "light":
        return _light_command(text)
    if text in PLAIN_COMMANDS:
        return PLAIN_COMMANDS[text], {}
    raise ValueError(f"unknown command payload {text!r} (expected one of {', '.join(PLAIN_COMMANDS)})")
