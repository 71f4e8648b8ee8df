"""A person pressing a button in the car: scenario `manual` events act on the car directly, not via the bus.

The cockpit sees the result on the bus like any other change (and can learn habits from it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scenario.schema import Scalar

if TYPE_CHECKING:
    from vehicle_sim.car import Car

# (car, value, seat or zone) -> whatever the car's setter returns, which nobody reads.
ManualControl = Callable[["Car", Scalar, str], object]


def _on_off(value: Scalar) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("on", "true", "1", "open"):
        return True
    if str(value).lower() in ("off", "false", "0", "close", "closed"):
        return False
    raise ValueError(f"expected on/off, got {value!r}")


def _closure(target: str) -> ManualControl:
    def press(car: Car, value: Scalar, where: str) -> None:
        (car.open_closure if _on_off(value) else car.close_closure)(target)

    return press


MANUAL_CONTROLS: dict[str, ManualControl] = {
    "climate.temperature": lambda car, value, zone: car.set_zone_temperature(zone or "driver", float(value)),
    "climate.power": lambda car, value, zone: car.set_hvac_power(_on_off(value)),
    "climate.ac": lambda car, value, zone: car.set_ac(_on_off(value)),
    "climate.fan": lambda car, value, zone: car.set_fan_level(int(value)),
    "climate.defrost_front": lambda car, value, zone: car.set_defrost(front=_on_off(value)),
    "climate.defrost_rear": lambda car, value, zone: car.set_defrost(rear=_on_off(value)),
    "seat.heat": lambda car, value, seat: car.set_seat_heat(seat or "driver", int(value)),
    "seat.ventilation": lambda car, value, seat: car.set_seat_ventilation(seat or "driver", int(value)),
    "window.position": lambda car, value, zone: car.set_window(zone or "driver", float(value)),
    "closure.trunk": _closure("trunk"),
    "closure.frunk": _closure("frunk"),
    "closure.charge_port": _closure("charge_port"),
    "door.open": lambda car, value, seat: car.set_door(seat or "driver", _on_off(value)),
    "lock": lambda car, value, zone: car.set_locked(_on_off(value)),
    "lights.headlights": lambda car, value, zone: car.set_light("headlights", str(value)),
    "lights.ambient": lambda car, value, zone: car.set_light("ambient", str(value)),
    "wiper": lambda car, value, zone: car.set_wiper(str(value)),
}
