"""Media: the head unit's own loudspeaker volume (the car's bus carries no audio; the head unit is the player)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cockpit.actions.schema import Field
from cockpit.replies import ReplyableError

if TYPE_CHECKING:
    from cockpit.actions.registry import ActionPorts, ActionRegistry

MIN_VOLUME, MAX_VOLUME = 0, 100
DEFAULT_VOLUME = 40


@dataclass
class MediaVolume:
    """The volume the head unit plays at, 0–100. It always knows it: it is the one that sets it."""

    level: int = DEFAULT_VOLUME

    def set(self, level: int) -> int:
        self.level = max(MIN_VOLUME, min(MAX_VOLUME, int(level)))
        return self.level

    def step(self, by: int) -> int:
        return self.set(self.level + by)


def _volume(ports: ActionPorts, data: dict[str, Any]) -> None:
    """`level`: the volume as spoken; `step`: relative to the volume now ("down by 30" → -30)."""
    if ("level" in data) == ("step" in data):
        raise ReplyableError("media.volume takes a level or a step, not both or neither", "rephrase")
    if "level" in data:
        ports.media.set(data["level"])
    else:
        ports.media.step(data["step"])


def register(registry: ActionRegistry) -> None:
    registry.register(
        "media.volume",
        {
            "level": Field(int, required=False, minimum=MIN_VOLUME, maximum=MAX_VOLUME),
            "step": Field(int, required=False, minimum=-MAX_VOLUME, maximum=MAX_VOLUME),
        },
        _volume,
    )
