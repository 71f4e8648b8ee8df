"""Speaking: the assistant's replies and alerts go to the speech output."""

from __future__ import annotations

from typing import Any

from cockpit.actions.registry import ActionPorts, ActionRegistry
from cockpit.actions.schema import Field


def _say(ports: ActionPorts, data: dict[str, Any]) -> None:
    ports.speech.say(data["text"], lang=data.get("lang", "en"), seat=data.get("seat"))


def register(registry: ActionRegistry) -> None:
    registry.register(
        "voice.say",
        {
            "text": Field(str),
            "lang": Field(str, required=False, choices=("en", "zh")),
            "seat": Field(str, required=False),
        },
        _say,
    )
