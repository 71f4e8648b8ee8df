"""Body actions (closures, windows, lights, wipers) → CCU_Body_Cmd / CCU_Light_Cmd requests."""

from __future__ import annotations

from typing import Any

from cockpit.actions.registry import ActionPorts, ActionRegistry
from cockpit.actions.schema import Field
from cockpit.zones import WINDOW_ZONES, ZONE_SIGNAL_PREFIX

CLOSURES = ("trunk", "frunk", "charge_port")
LIGHT_TARGETS = ("ambient", "reading", "headlights")
COLOURS = ("white", "blue", "red", "green", "purple", "orange", "pink", "yellow")
HEADLIGHT_MODES = ("off", "low", "high", "auto")
WIPER_MODES = ("off", "auto", "low", "high")


def _closure(request: str):
    def handler(ports: ActionPorts, data: dict[str, Any]) -> None:
        ports.commands.request("CCU_Body_Cmd", {"ClosureTarget": data["target"], "ClosureRequest": request})
    return handler


def _window(ports: ActionPorts, data: dict[str, Any]) -> None:
    zone = data.get("zone", "driver")
    zones = WINDOW_ZONES if zone == "all" else ("rear_left", "rear_right") if zone == "rear" else (zone,)
    ports.commands.request("CCU_Body_Cmd", {f"{ZONE_SIGNAL_PREFIX[z]}WindowRequest": data["position"]
                                            for z in zones})


def _light(ports: ActionPorts, data: dict[str, Any]) -> None:
    target, state = data["target"], data.get("state")
    values: dict[str, Any] = {}
    if target == "headlights":
        values["HeadlightRequest"] = {"on": "auto"}.get(state or "on", state)
    elif target == "ambient":
        values["AmbientLightRequest"] = state or "on"
        if "color" in data:
            values["AmbientColorRequest"] = data["color"]
    else:
        values["ReadingLightRequest"] = state or "on"
    ports.commands.request("CCU_Light_Cmd", values)


def _wiper(ports: ActionPorts, data: dict[str, Any]) -> None:
    ports.commands.request("CCU_Light_Cmd", {"WiperRequest": data["mode"]})


def register(registry: ActionRegistry) -> None:
    target = Field(str, choices=CLOSURES)
    registry.register("body.open", {"target": target}, _closure("open"))
    registry.register("body.close", {"target": target}, _closure("close"))
    registry.register("window.set", {"position": Field((int, float), minimum=0, maximum=100),
                                     "zone": Field(str, required=False, choices=(*WINDOW_ZONES, "rear", "all"))},
                      _window)
    registry.register("light.set", {"target": Field(str, choices=LIGHT_TARGETS),
                                    "state": Field(str, required=False, choices=("on", *HEADLIGHT_MODES)),
                                    "color": Field(str, required=False, choices=COLOURS)}, _light)
    registry.register("wiper.set", {"mode": Field(str, choices=WIPER_MODES)}, _wiper)
