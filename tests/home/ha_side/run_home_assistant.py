"""A real Home Assistant on the house's broker (run in the HA test venv): what HA itself makes of the house.

`python run_home_assistant.py PORT CONFIG_DIR EXPECTED_ENTITIES`: boots HA (core, http on a free port, MQTT with
discovery on 127.0.0.1:PORT; no frontend), waits until EXPECTED_ENTITIES mqtt entities exist, prints
{"ready": true, "entities": n} once all are available, then answers one JSON line per request line on stdin:
  {"op": "states"}                                        {"states": {entity_id: {"state", "attributes"}}}
  {"op": "call", "domain", "service", "data"}             {"ok": true} or {"error": "..."}
  {"op": "wait", "entity_id", "state"?, "attributes"?, "timeout_s"}   {"ok": bool, "found": {...}}
  {"op": "warnings"}                                      {"warnings": [what the MQTT integration logged]}
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import sys
from pathlib import Path
from typing import Any

from homeassistant import bootstrap, config_entries, loader
from homeassistant.core import HomeAssistant

# Only what HA's MQTT code and its templates say about the house (the bootstrap's own complaints about
# integrations this venv does not install, such as backup or the frontend, are not ours).
WATCHED_LOGGERS = ("homeassistant.components.mqtt", "homeassistant.helpers.template")


class Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(WATCHED_LOGGERS):
            self.messages.append(f"{record.name}: {record.getMessage()}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _state(hass: HomeAssistant, entity_id: str) -> dict[str, Any] | None:
    state = hass.states.get(entity_id)
    return None if state is None else {"state": state.state, "attributes": _plain(dict(state.attributes))}


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _available(hass: HomeAssistant, entity_id: str) -> bool:
    state = hass.states.get(entity_id)
    return state is not None and state.state != "unavailable"


def _matches(found: dict[str, Any] | None, request: dict[str, Any]) -> bool:
    if found is None:
        return False
    if "state" in request and found["state"] != request["state"]:
        return False
    return all(found["attributes"].get(k) == v for k, v in request.get("attributes", {}).items())


async def _mqtt_entities(hass: HomeAssistant) -> list[str]:
    from homeassistant.helpers import entity_registry

    registry = entity_registry.async_get(hass)
    return [e.entity_id for e in registry.entities.values() if e.platform == "mqtt"]


async def serve(port: int, config_dir: str, expected: int) -> None:
    Path(config_dir).mkdir(parents=True, exist_ok=True)
    (Path(config_dir) / "configuration.yaml").write_text("")
    warnings = Warnings()
    logging.getLogger().addHandler(warnings)
    hass = HomeAssistant(config_dir)
    hass.config.skip_pip = True
    loader.async_setup(hass)
    core = {
        "unit_system": "metric",
        "time_zone": "UTC",
        "latitude": 0,
        "longitude": 0,
        "elevation": 0,
        "name": "Test home",
    }
    await bootstrap.async_from_config_dict(
        {"homeassistant": core, "http": {"server_host": ["127.0.0.1"], "server_port": _free_port()}}, hass
    )
    entry = config_entries.ConfigEntry(
        version=1,
        minor_version=1,
        domain="mqtt",
        title="house",
        source="user",
        data={"broker": "127.0.0.1", "port": port, "discovery": True},
    )
    await hass.config_entries.async_add(entry)
    await hass.async_start()
    loop = asyncio.get_running_loop()
    for _ in range(300):
        entities = await _mqtt_entities(hass)
        # Entities exist before their retained availability and state arrive: wait for those too.
        if len(entities) >= expected and all(_available(hass, e) for e in entities):
            break
        await asyncio.sleep(0.05)
    await hass.async_block_till_done()
    ready = len(entities) >= expected and all(_available(hass, e) for e in entities)
    print(json.dumps({"ready": ready, "entities": len(entities)}), flush=True)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        request = json.loads(line)
        answer: dict[str, Any]
        if request["op"] == "states":
            answer = {"states": {e: _state(hass, e) for e in await _mqtt_entities(hass)}}
        elif request["op"] == "call":
            try:
                await hass.services.async_call(
                    request["domain"], request["service"], request.get("data", {}), blocking=True
                )
                answer = {"ok": True}
            except Exception as error:  # what HA says to its user: the test reads it
                answer = {"error": f"{type(error).__name__}: {error}"}
        elif request["op"] == "wait":
            found = _state(hass, request["entity_id"])
            for _ in range(int(request.get("timeout_s", 5) / 0.02)):
                if _matches(found, request):
                    break
                await asyncio.sleep(0.02)
                found = _state(hass, request["entity_id"])
            answer = {"ok": _matches(found, request), "found": found}
        elif request["op"] == "warnings":
            answer = {"warnings": warnings.messages}
        else:
            answer = {"error": f"unknown op {request['op']!r}"}
        print(json.dumps(answer), flush=True)
    await hass.async_stop()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
