"""Body ECU: doors and locks, powered closures, windows, seats, lights, wipers.

Moving parts (closures, windows) advance at the car's slow tick; positions are exact at any
step size because they move at a fixed rate toward a target.
"""

from __future__ import annotations

import math

from canbus.limits import SEAT_LEVEL_MAX
from canbus.vss import CLIMATE_ZONES, SEATS

DOORS = CLIMATE_ZONES  # a door, a window and a climate zone per outer seat
WINDOWS = DOORS
HEATED_SEATS = SEATS
VENTILATED_SEATS = ("driver", "passenger", "rear_left", "rear_right")
WINDOW_SPEED_PCT_PER_S = 20.0
CLOSURE_TRAVEL_S = {"trunk": 4.0, "frunk": 3.0, "charge_port": 2.0}
HEADLIGHT_MODES = ("off", "low", "high", "auto")
WIPER_MODES = ("off", "auto", "low", "high")
AMBIENT_COLOURS = 16
# The named colours among the 16, by index (the DBC's AmbientLightColor / AmbientColorRequest value tables).
AMBIENT_PALETTE = ("white", "blue", "red", "green", "purple", "orange", "pink", "yellow")
_SEAT_HEAT_W_PER_LEVEL = 45.0
_SEAT_VENT_W_PER_LEVEL = 8.0
_WINDOW_MOTOR_W = 60.0


def _check(name: str, allowed: tuple[str, ...], what: str) -> None:
    if name not in allowed:
        raise ValueError(f"unknown {what} {name!r}; expected one of: {', '.join(allowed)}")


def _number(value: float, what: str) -> float:
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{what} must be a number, got NaN")
    return number


class Closure:
    """A powered lid: state 'closed' | 'opening' | 'open' | 'closing'; position 0..1."""

    def __init__(self, travel_s: float) -> None:
        self.travel_s = travel_s
        self.position = 0.0
        self.state = "closed"

    def command(self, open_: bool) -> None:
        if open_ and self.state in ("closed", "closing"):
            self.state = "opening"
        elif not open_ and self.state in ("open", "opening"):
            self.state = "closing"

    def update(self, dt_s: float) -> None:
        if self.state == "opening":
            self.position = min(1.0, self.position + dt_s / self.travel_s)
            if self.position >= 1.0:
                self.state = "open"
        elif self.state == "closing":
            self.position = max(0.0, self.position - dt_s / self.travel_s)
            if self.position <= 0.0:
                self.state = "closed"

    @property
    def moving(self) -> bool:
        return self.state in ("opening", "closing")


class Body:
    """Public state: door_open, door_locked (per door), closures (trunk/frunk/charge_port ->
    Closure with .state/.position), window_pct and window_target_pct (per zone, 0 = closed),
    seat_occupied, seat_heat, seat_ventilation (per seat), headlights, ambient_on,
    ambient_colour, reading_lights (per zone), wipers, electrical_power_kw."""

    def __init__(self, occupied_seats: tuple[str, ...] = ("driver",)) -> None:
        self.door_open = dict.fromkeys(DOORS, False)
        self.door_locked = dict.fromkeys(DOORS, False)
        self.closures = {name: Closure(travel) for name, travel in CLOSURE_TRAVEL_S.items()}
        self.window_pct = dict.fromkeys(WINDOWS, 0.0)
        self.window_target_pct = dict.fromkeys(WINDOWS, 0.0)
        self.seat_occupied = dict.fromkeys(SEATS, False)
        for seat in occupied_seats:
            self.set_occupied(seat, True)
        self.seat_heat = dict.fromkeys(HEATED_SEATS, 0)
        self.seat_ventilation = dict.fromkeys(VENTILATED_SEATS, 0)
        self.headlights = "auto"
        self.ambient_on = True
        self.ambient_colour = 0
        self.reading_lights = dict.fromkeys(DOORS, False)
        self.wipers = "auto"
        self.electrical_power_kw = 0.0

    # --- read helpers (names the CAN side uses) ------------------------------------------------
    @property
    def doors_open(self) -> dict[str, bool]:
        return self.door_open

    @property
    def locked(self) -> bool:
        return all(self.door_locked.values())

    @property
    def occupied(self) -> dict[str, bool]:
        return self.seat_occupied

    @property
    def ambient_color(self) -> int:
        return self.ambient_colour

    @property
    def reading_light(self) -> bool:
        return any(self.reading_lights.values())

    @property
    def wiper(self) -> str:
        return self.wipers

    def closure_state(self, target: str) -> str:
        _check(target, tuple(CLOSURE_TRAVEL_S), "closure")
        return self.closures[target].state

    def window_position(self, zone: str) -> float:
        _check(zone, WINDOWS, "window")
        return self.window_pct[zone]

    # --- commands ---------------------------------------------------------------------------
    def set_door(self, door: str, open_: bool) -> None:
        _check(door, DOORS, "door")
        if open_ and self.door_locked[door]:
            raise ValueError(f"door {door!r} is locked")
        self.door_open[door] = bool(open_)

    def set_locked(self, locked: bool) -> None:
        for door in DOORS:
            self.door_locked[door] = bool(locked)

    def set_window(self, zone: str, position_pct: float) -> float:
        _check(zone, WINDOWS, "window")
        target = min(100.0, max(0.0, _number(position_pct, "window position")))
        self.window_target_pct[zone] = target
        return target

    def set_closure(self, target: str, open_: bool) -> None:
        _check(target, tuple(CLOSURE_TRAVEL_S), "closure")
        self.closures[target].command(open_)

    def set_occupied(self, seat: str, occupied: bool) -> None:
        _check(seat, SEATS, "seat")
        self.seat_occupied[seat] = bool(occupied)

    def set_seat_heat(self, seat: str, level: int) -> int:
        _check(seat, HEATED_SEATS, "heated seat")
        value = min(SEAT_LEVEL_MAX, max(0, int(level)))
        self.seat_heat[seat] = value
        if value and seat in self.seat_ventilation:
            self.seat_ventilation[seat] = 0  # one seat cannot heat and cool at once (VSS HeatingCooling)
        return value

    def set_seat_ventilation(self, seat: str, level: int) -> int:
        _check(seat, VENTILATED_SEATS, "ventilated seat")
        value = min(SEAT_LEVEL_MAX, max(0, int(level)))
        self.seat_ventilation[seat] = value
        if value and seat in self.seat_heat:
            self.seat_heat[seat] = 0
        return value

    def set_light(self, target: str, state: object) -> None:
        """target: 'headlights' (off|low|high|auto), 'ambient' (on/off), 'ambient_colour' or
        'ambient_color' (0..15, clamped, or a name of AMBIENT_PALETTE), 'reading' (all reading lights) or
        'reading_<zone>'."""
        if target == "headlights":
            _check(str(state), HEADLIGHT_MODES, "headlight mode")
            self.headlights = str(state)
        elif target == "ambient":
            self.ambient_on = _on_off(state)
        elif target in ("ambient_colour", "ambient_color"):
            if isinstance(state, str) and state in AMBIENT_PALETTE:
                self.ambient_colour = AMBIENT_PALETTE.index(state)
            else:
                self.ambient_colour = min(AMBIENT_COLOURS - 1, max(0, int(_number(state, "colour index"))))  # type: ignore[arg-type]
        elif target == "reading":
            on = _on_off(state)
            for zone in self.reading_lights:
                self.reading_lights[zone] = on
        elif target.startswith("reading_") and target[len("reading_") :] in self.reading_lights:
            self.reading_lights[target[len("reading_") :]] = _on_off(state)
        else:
            known = ["headlights", "ambient", "ambient_colour", "reading", *(f"reading_{z}" for z in DOORS)]
            raise ValueError(f"unknown light {target!r}; expected one of: {', '.join(known)}")

    def set_wiper(self, mode: str) -> None:
        _check(mode, WIPER_MODES, "wiper mode")
        self.wipers = mode

    # --- model ------------------------------------------------------------------------------
    @property
    def open_window_fraction(self) -> float:
        return sum(self.window_pct.values()) / 100.0

    def update(self, dt_s: float) -> None:
        step = WINDOW_SPEED_PCT_PER_S * dt_s
        moving_windows = 0
        for zone, target in self.window_target_pct.items():
            position = self.window_pct[zone]
            if position != target:
                moving_windows += 1
                if position < target:
                    self.window_pct[zone] = min(target, position + step)
                else:
                    self.window_pct[zone] = max(target, position - step)
        for closure in self.closures.values():
            if closure.moving:
                closure.update(dt_s)
        seats_w = (
            sum(self.seat_heat.values()) * _SEAT_HEAT_W_PER_LEVEL
            + sum(self.seat_ventilation.values()) * _SEAT_VENT_W_PER_LEVEL
        )
        self.electrical_power_kw = (seats_w + moving_windows * _WINDOW_MOTOR_W) / 1000.0


def _on_off(state: object) -> bool:
    if isinstance(state, bool):
        return state
    if isinstance(state, str) and state.lower() in ("on", "off"):
        return state.lower() == "on"
    if isinstance(state, int) and state in (0, 1):
        return bool(state)
    raise ValueError(f"expected on/off, got {state!r}")
