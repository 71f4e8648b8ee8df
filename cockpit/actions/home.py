"""Smart-home actions → the home adapter (embedded simulated house, or a real one over MQTT).

The action is `sent` when its device commands are handed to the adapter; each device command's real
outcome (ok, refused by the geofence or the driver-voice rule, failed after retries) arrives later
as a `home_result` trace record, and the cockpit speaks up when one fails.
"""

from __future__ import annotations

from typing import Any

from cockpit.actions.registry import Action, ActionPorts, ActionRegistry
from cockpit.actions.schema import Field
from cockpit.home import HomeIntentError, plan

SWITCHABLE = ("ac", "light", "heater", "water_heater", "air_purifier", "robot_vacuum", "fan", "tv", "humidifier")
OPENABLE = ("garage", "curtains", "gate")
SCENES = ("arrive_home", "leave_home", "sleep", "movie")


def _send(kind: str):
    def handler(ports: ActionPorts, data: dict[str, Any], action: Action) -> None:
        if ports.home is None:
            raise ValueError("no home is connected")
        commands = plan(kind, data, ports.home.catalogue())
        if not commands:
            raise HomeIntentError(f"nothing in the house answers {kind}")
        # A proactive action runs only after the driver accepted its card (or is low-risk), so its seat
        # is the voice that agreed.
        voice_seat = action.seat if action.source in ("voice", "proactive") else None
        for command in commands:
            ports.home.send(command.device, command.action, command.data, near_home=ports.near_home(),
                            voice_seat=voice_seat)
    return handler


def register(registry: ActionRegistry) -> None:
    room = Field(str, required=False)
    registry.register("home.turn_on", {"device": Field(str, choices=SWITCHABLE), "room": room},
                      _send("home.turn_on"), with_action=True)
    registry.register("home.turn_off", {"device": Field(str, choices=SWITCHABLE), "room": room},
                      _send("home.turn_off"), with_action=True)
    registry.register("home.set_temperature", {"temperature": Field((int, float), minimum=16, maximum=30),
                                               "room": room}, _send("home.set_temperature"), with_action=True)
    registry.register("home.open", {"device": Field(str, choices=OPENABLE), "room": room},
                      _send("home.open"), with_action=True)
    registry.register("home.close", {"device": Field(str, choices=OPENABLE), "room": room},
                      _send("home.close"), with_action=True)
    registry.register("home.scene", {"scene": Field(str, choices=SCENES)}, _send("home.scene"), with_action=True)
