"""Navigation actions → the navigator (which plans and sends CCU_Nav_Cmd)."""

from __future__ import annotations

from typing import Any

from canbus.vss import DESTINATION_ID, LATITUDE, LONGITUDE, NEXT_STOP_ID
from cockpit.actions.registry import ActionPorts, ActionRegistry
from cockpit.actions.schema import Field

STOP_CATEGORIES = ("charger", "rest_area", "coffee", "toilet", "restaurant", "gas")


def _navigate(ports: ActionPorts, data: dict[str, Any]) -> dict[str, str]:
    place = ports.navigation.navigate(data["destination"], via=data.get("via"), charge_to_pct=data.get("charge_to"))
    return {"place": place.name}


def _add_stop(ports: ActionPorts, data: dict[str, Any]) -> dict[str, str]:
    stop = ports.navigation.add_stop(data["category"], charge_to_pct=data.get("charge_to"), range_m=ports.range_m())
    return {"place": stop.name}


def _cancel(ports: ActionPorts, data: dict[str, Any]) -> None:
    ports.navigation.cancel()


def register(registry: ActionRegistry) -> None:
    registry.register(
        "nav.navigate",
        {
            "destination": Field(str),
            "via": Field(str, required=False),
            "charge_to": Field((int, float), required=False, minimum=1, maximum=100),
        },
        _navigate,
        shows_on=lambda data: (DESTINATION_ID,),
    )
    registry.register(
        "nav.add_stop",
        {
            "category": Field(str, choices=STOP_CATEGORIES),
            "charge_to": Field((int, float), required=False, minimum=1, maximum=100),
        },
        _add_stop,
        shows_on=lambda data: (NEXT_STOP_ID, LATITUDE, LONGITUDE),
    )
    registry.register("nav.cancel", {}, _cancel, shows_on=lambda data: (DESTINATION_ID,))
