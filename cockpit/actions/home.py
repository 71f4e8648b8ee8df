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
from cockpit.replies import ReplyableError
from homelink.capabilities import CapabilityError

SWITCHABLE = ("ac", "light", "heater", "water_heater", "air_purifier", "robot_vacuum", "fan", "tv", "humidifier")
OPENABLE = ("garage", "curtains", "gate")
SCENES = ("arrive_home", "leave_home", "sleep", "movie")


def _send(kind: str):
    def handler(ports: ActionPorts, data: dict[str, Any], action: Action) -> None:
        if ports.home is None:
            raise ReplyableError("no home is connected", "home_not_connected")
        catalogue = ports.home.catalogue()
        commands = plan(kind, data, catalogue)
        if not commands:
            raise HomeIntentError(
                f"nothing in the house answers {kind}", "home_no_device", device=str(data.get("device", ""))
            )
        # What a device cannot do is known here, from its declared capabilities: say so now rather than
        # answer "turning it on" and have the adapter reject it later, unheard.
        for command in commands:
            info = catalogue[command.device]
            try:
                info.capabilities.check(command.action, command.data)
            except CapabilityError as error:
                declared = info.capabilities.actions.get(command.action, {}).get("temperature")
                if "temperature" in command.data and declared is not None and declared.minimum is not None:
                    # The range is the device's own declaration (a real house's may differ from ours).
                    low, high = declared.minimum, declared.maximum
                    raise HomeIntentError(
                        f"{command.device}: {error}", "home_temperature_range", low=low, high=high
                    ) from error
                raise HomeIntentError(f"{command.device}: {error}", "home_cannot", device=info.kind) from error
        # A proactive action runs only after the driver accepted its card (or is low-risk), so its seat
        # is the voice that agreed.
        voice_seat = action.seat if action.source in ("voice", "proactive") else None
        for command in commands:
            ports.home.send(
                command.device, command.action, command.data, near_home=ports.near_home(), voice_seat=voice_seat
            )

    return handler


def register(registry: ActionRegistry) -> None:
    room = Field(str, required=False)
    registry.register(
        "home.turn_on",
        {"device": Field(str, choices=SWITCHABLE), "room": room},
        _send("home.turn_on"),
        with_action=True,
    )
    registry.register(
        "home.turn_off",
        {"device": Field(str, choices=SWITCHABLE), "room": room},
        _send("home.turn_off"),
        with_action=True,
    )
    temperature = Field((int, float))  # the range is each device's declaration, checked in _send
    registry.register(
        "home.set_temperature",
        {"temperature": temperature, "room": room},
        _send("home.set_temperature"),
        with_action=True,
    )
    registry.register(
        "home.open", {"device": Field(str, choices=OPENABLE), "room": room}, _send("home.open"), with_action=True
    )
    registry.register(
        "home.close", {"device": Field(str, choices=OPENABLE), "room": room}, _send("home.close"), with_action=True
    )
    registry.register("home.scene", {"scene": Field(str, choices=SCENES)}, _send("home.scene"), with_action=True)
