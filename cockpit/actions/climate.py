"""Climate and seat actions → CCU_HVAC_Cmd / CCU_Seat_Cmd requests."""

from __future__ import annotations

from typing import Any

from canbus.limits import FAN_LEVEL_MAX, SEAT_LEVEL_MAX, SET_POINT_MAX_C, SET_POINT_MIN_C
from canbus.vss import AIR_CONDITIONING_ON, FAN_LEVEL, FRONT_DEFROST, HVAC_ON, REAR_DEFROST, SEAT_CLIMATE_PATH
from cockpit.actions.registry import ActionPorts, ActionRegistry
from cockpit.actions.schema import Field
from cockpit.replies import ReplyableError
from cockpit.zones import (
    CLIMATE_ZONES,
    SEAT_SIGNAL_PREFIX,
    SEATS,
    SET_POINT_PATH,
    VENTILATED_SEATS,
    expand_climate_zone,
    expand_seat,
)

ON_OFF = ("on", "off")


def _set_temperature(ports: ActionPorts, data: dict[str, Any]) -> None:
    values = {
        f"{SEAT_SIGNAL_PREFIX[zone]}SetPointRequest": data["temperature"]
        for zone in expand_climate_zone(data.get("zone", "driver"))
    }
    values["PowerRequest"] = "on"
    ports.commands.request("CCU_HVAC_Cmd", values)


def _set_fan(ports: ActionPorts, data: dict[str, Any]) -> None:
    values: dict[str, Any] = {"FanLevelRequest": data["level"]}
    if data["level"] > 0:
        values["PowerRequest"] = "on"
    ports.commands.request("CCU_HVAC_Cmd", values)


def _power(ports: ActionPorts, data: dict[str, Any]) -> None:
    ports.commands.request("CCU_HVAC_Cmd", {"PowerRequest": data["state"]})


def _air_conditioning(ports: ActionPorts, data: dict[str, Any]) -> None:
    ports.commands.request("CCU_HVAC_Cmd", {"AirConditioningRequest": data["state"]})


def _defrost(ports: ActionPorts, data: dict[str, Any]) -> None:
    signal = "FrontDefrostRequest" if data.get("target", "front") == "front" else "RearDefrostRequest"
    ports.commands.request("CCU_HVAC_Cmd", {signal: data["state"]})


def _seat_level(kind: str):
    def handler(ports: ActionPorts, data: dict[str, Any]) -> None:
        seats = expand_seat(data.get("zone", "driver"))
        if kind == "Vent":
            seats = [s for s in seats if s in VENTILATED_SEATS]
            if not seats:
                raise ReplyableError("only the front seats are ventilated", "seat_vent_front_only")
        ports.commands.request(
            "CCU_Seat_Cmd", {f"{SEAT_SIGNAL_PREFIX[s]}Seat{kind}Request": data["level"] for s in seats}
        )

    return handler


def _set_points(data) -> tuple[str, ...]:
    return tuple(SET_POINT_PATH[z] for z in expand_climate_zone(data.get("zone", "driver")))


def _seat_levels(paths: dict[str, str]):
    return lambda data: tuple(paths[s] for s in expand_seat(data.get("zone", "driver")) if s in paths)


def register(registry: ActionRegistry) -> None:
    zone = Field(str, required=False, choices=(*CLIMATE_ZONES, "rear", "all"))
    seat = Field(str, required=False, choices=(*SEATS, "rear", "all"))
    registry.register(
        "climate.set_temperature",
        {"temperature": Field((int, float), minimum=SET_POINT_MIN_C, maximum=SET_POINT_MAX_C), "zone": zone},
        _set_temperature,
        shows_on=_set_points,
    )
    registry.register(
        "climate.set_fan",
        {"level": Field(int, minimum=0, maximum=FAN_LEVEL_MAX)},
        _set_fan,
        shows_on=lambda data: (FAN_LEVEL,),
    )
    registry.register("climate.power", {"state": Field(str, choices=ON_OFF)}, _power, shows_on=lambda data: (HVAC_ON,))
    registry.register(
        "climate.ac",
        {"state": Field(str, choices=ON_OFF)},
        _air_conditioning,
        shows_on=lambda data: (AIR_CONDITIONING_ON,),
    )
    registry.register(
        "climate.defrost",
        {"state": Field(str, choices=ON_OFF), "target": Field(str, required=False, choices=("front", "rear"))},
        _defrost,
        shows_on=lambda data: (REAR_DEFROST if data.get("target") == "rear" else FRONT_DEFROST,),
    )
    registry.register(
        "seat.heat",
        {"level": Field(int, minimum=0, maximum=SEAT_LEVEL_MAX), "zone": seat},
        _seat_level("Heat"),
        shows_on=_seat_levels(SEAT_CLIMATE_PATH),
    )
    registry.register(
        "seat.ventilate",
        {"level": Field(int, minimum=0, maximum=SEAT_LEVEL_MAX), "zone": seat},
        _seat_level("Vent"),
        shows_on=_seat_levels({s: SEAT_CLIMATE_PATH[s] for s in VENTILATED_SEATS}),
    )
