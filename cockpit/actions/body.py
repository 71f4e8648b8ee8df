"""Body actions (closures, windows, lights, wipers) → CCU_Body_Cmd / CCU_Light_Cmd requests."""

from __future__ import annotations

from typing import Any

from canbus.vss import AMBIENT_COLOUR, CLOSURE_OPEN_PATH, LIGHT_PATH, WIPER_MODE
from cockpit.actions.registry import ActionPorts, ActionRegistry
from cockpit.actions.schema import Field
from cockpit.zones import SEAT_SIGNAL_PREFIX, WINDOW_PATH, WINDOW_ZONES

CLOSURES = ("trunk", "frunk", "charge_port")
LIGHT_TARGETS = ("ambient", "reading", "headlights")
COLOURS = ("white", "blue", "red", "green", "purple", "orange", "pink", "yellow")
HEADLIGHT_MODES = ("off", "low", "high", "auto")
WIPER_MODES = ("off", "auto", "low", "high")


def _closure(request: str):
    def handler(ports: ActionPorts, data: dict[str, Any]) -> None:
        ports.commands.request("CCU_Body_Cmd", {"ClosureTarget": data["target"], "ClosureRequest": request})

    return handler


def _windows(data) -> tuple[str, ...]:
    zone = data.get("zone", "driver")
    return WINDOW_ZONES if zone == "all" else ("rear_left", "rear_right") if zone == "rear" else (zone,)


def _window(ports: ActionPorts, data: dict[str, Any]) -> None:
    ports.commands.request(
        "CCU_Body_Cmd", {f"{SEAT_SIGNAL_PREFIX[z]}WindowRequest": data["position"] for z in _windows(data)}
    )


def _light_paths(data) -> tuple[str, ...]:
    return (LIGHT_PATH[data["target"]],) + ((AMBIENT_COLOUR,) if "color" in data else ())


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
    closure_state = lambda data: (CLOSURE_OPEN_PATH[data["target"]],)  # noqa: E731
    registry.register("body.open", {"target": target}, _closure("open"), shows_on=closure_state)
    registry.register("body.close", {"target": target}, _closure("close"), shows_on=closure_state)
    registry.register(
        "window.set",
        {
            "position": Field((int, float), minimum=0, maximum=100),
            "zone": Field(str, required=False, choices=(*WINDOW_ZONES, "rear", "all")),
        },
        _window,
        shows_on=lambda data: tuple(WINDOW_PATH[z] for z in _windows(data)),
    )
    registry.register(
        "light.set",
        {
            "target": Field(str, choices=LIGHT_TARGETS),
            "state": Field(str, required=False, choices=("on", *HEADLIGHT_MODES)),
            "color": Field(str, required=False, choices=COLOURS),
        },
        _light,
        shows_on=_light_paths,
    )
    registry.register(
        "wiper.set", {"mode": Field(str, choices=WIPER_MODES)}, _wiper, shows_on=lambda data: (WIPER_MODE,)
    )
