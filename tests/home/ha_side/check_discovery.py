"""Every discovery payload through Home Assistant's own schema code (run in the HA test venv).

stdin: JSON [[topic, payload], ...]; stdout: JSON {"checked": n, "problems": [{"topic", "error" | "dropped"}]}.
A payload passes when its platform's DISCOVERY_SCHEMA accepts it, keeps every key it was given (discovery
schemas silently drop keys they do not know, so a misspelt option would otherwise pass) and logs no warning
(that is how HA says an option is deprecated, e.g. the vacuum's `schema`).
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
from typing import Any

import voluptuous as vol
from homeassistant.components.mqtt.discovery import MQTT_ORIGIN_INFO_SCHEMA


class Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


WARNINGS = Warnings()
logging.getLogger().addHandler(WARNINGS)


def check(topic: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    component = topic.split("/")[1]
    module = importlib.import_module(f"homeassistant.components.mqtt.{component}")
    WARNINGS.messages.clear()
    try:
        if "origin" in payload:
            MQTT_ORIGIN_INFO_SCHEMA(payload["origin"])
        validated = module.DISCOVERY_SCHEMA(dict(payload))
    except vol.Invalid as error:
        return {"topic": topic, "error": str(error)}
    dropped = sorted(set(payload) - set(validated))
    if dropped:
        return {"topic": topic, "dropped": dropped}
    return {"topic": topic, "warnings": list(WARNINGS.messages)} if WARNINGS.messages else None


def main() -> int:
    messages = json.load(sys.stdin)
    problems = [problem for topic, payload in messages if (problem := check(topic, payload)) is not None]
    json.dump({"checked": len(messages), "problems": problems}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
