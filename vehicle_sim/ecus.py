"""The car's ECUs on the bus: each status message sent at its DBC cycle time, command frames obeyed.

Which message carries which state is one table (`STATUS_MESSAGES`) and which command does what is
another (`COMMAND_HANDLERS`); the DBC says the rest (ids, cycle times, layouts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from canbus import vss
from canbus.codec import DatabaseCodec, Value
from canbus.e2e import E2EReceiverState, E2EStatus
from canbus.limits import FAN_LEVEL_MAX
from canbus.port import BusPort
from vehicle_sim.faults import FaultInjector

if TYPE_CHECKING:
    from vehicle_sim.car import Car

TICK_MS = 10
ZONES = vss.CLIMATE_ZONES
SEATS = vss.SEATS
SIGNAL_PREFIX = vss.SEAT_SIGNAL_PREFIX  # how the DBC's signal names spell a seat or zone
CLOSURES = {"trunk": "Trunk", "frunk": "Frunk", "charge_port": "ChargePort"}

StatusBuilder = Callable[["Car"], dict[str, Value]]
CommandHandler = Callable[["Car", dict[str, Value]], None]


def _dynamics(car: Car) -> dict[str, Value]:
    return {
        "Gear": vss.gear_value(car.gear),
        "VehicleSpeed": car.speed_kph,
        "LongitudinalAccel": car.accel_mps2,
        "MotorPower": car.motor_power_kw,
    }


def _powertrain(car: Car) -> dict[str, Value]:
    return {"ReadyState": "ON", "DriveMode": "comfort", "Trim": car.spec.trim, "Odometer": car.odometer_km * 1000.0}


def _battery(car: Car) -> dict[str, Value]:
    b = car.battery
    return {
        "StateOfCharge": b.soc_pct,
        "PackTemperature": b.pack_temp_c,
        "PackVoltage": b.voltage_v,
        "PackCurrent": b.current_a,
    }


def _energy(car: Car) -> dict[str, Value]:
    b = car.battery
    return {
        "RemainingRange": b.range_km * 1000.0,
        "RemainingEnergy": b.energy_kwh,
        "AverageConsumption": b.average_consumption_kwh_per_100km,
        "NetCapacity": b.usable_capacity_kwh,
    }


def _charging(car: Car) -> dict[str, Value]:
    b = car.battery
    return {
        "IsCharging": b.is_charging,
        "ChargePower": b.charge_power_kw,
        "TimeToComplete": b.time_to_complete_s,
        "ChargeLimit": b.charge_limit_pct,
    }


def _hvac(car: Car) -> dict[str, Value]:
    c = car.cabin
    return {
        "PowerOn": c.hvac_on,
        "AirConditioningOn": c.ac_on,
        "RecirculationOn": c.recirculation,
        "FrontDefrostOn": c.defrost_front,
        "RearDefrostOn": c.defrost_rear,
        "FanLevel": c.fan_level,
        "CabinTemperature": c.air_temp_c,
        "HvacPower": c.hvac_power_kw,
        "WindshieldFogRisk": c.fog_risk * 100,
    }


# Signal names per zone and seat, spelled once: the builders below run at 10 Hz for the whole run.
_SET_POINT_SIGNALS = tuple((z, f"{SIGNAL_PREFIX[z]}SetPoint") for z in ZONES)
_DOOR_SIGNALS = tuple((d, f"{SIGNAL_PREFIX[d]}DoorOpen") for d in ZONES)
_LID_SIGNALS = tuple((c, f"{CLOSURES[c]}Open", f"{CLOSURES[c]}Position") for c in ("trunk", "frunk"))
_WINDOW_SIGNALS = tuple((z, f"{SIGNAL_PREFIX[z]}WindowPosition") for z in ZONES)
_SEAT_SIGNALS = tuple(
    (
        seat,
        f"{SIGNAL_PREFIX[seat]}SeatOccupancy",
        f"{SIGNAL_PREFIX[seat]}SeatBelted",
        f"{SIGNAL_PREFIX[seat]}SeatHeatingCooling",
    )
    for seat in SEATS
)


def _zones(car: Car) -> dict[str, Value]:
    set_points = car.cabin.set_points
    return {name: set_points[z] for z, name in _SET_POINT_SIGNALS}


def _environment(car: Car) -> dict[str, Value]:
    e = car.environment
    return {
        "OutsideTemperature": e.outside_temp_c,
        "SunLoad": e.sun_w_m2,
        "RainIntensity": e.rain_pct,
        "Humidity": e.humidity_pct,
        "Weather": e.weather,
    }


def _doors(car: Car) -> dict[str, Value]:
    body = car.body
    doors_open = body.doors_open
    values: dict[str, Value] = {name: doors_open[d] for d, name in _DOOR_SIGNALS}
    values["DoorsLocked"] = body.locked
    # VSS: open means fully or partly open; the lids also say how far (0-100 %).
    closures = body.closures
    for closure, open_name, position_name in _LID_SIGNALS:
        values[open_name] = closures[closure].state != "closed"
        values[position_name] = closures[closure].position * 100.0
    values["ChargePortFlapOpen"] = closures["charge_port"].state != "closed"
    return values


def _windows(car: Car) -> dict[str, Value]:
    body = car.body
    return {name: body.window_position(z) for z, name in _WINDOW_SIGNALS}


def _seats(car: Car) -> dict[str, Value]:
    body = car.body
    occupied, seat_heat, ventilation = body.occupied, body.seat_heat, body.seat_ventilation
    values: dict[str, Value] = {}
    for seat, occupancy_name, belted_name, climate_name in _SEAT_SIGNALS:
        values[occupancy_name] = vss.OCCUPIED if occupied[seat] else vss.EMPTY
        values[belted_name] = occupied[seat]
        values[climate_name] = vss.heating_cooling(seat_heat.get(seat, 0), ventilation.get(seat, 0))
    return values


def _lights(car: Car) -> dict[str, Value]:
    body = car.body
    return {
        "LightSwitch": vss.LIGHT_SWITCH_VALUE[body.headlights],
        "HighBeamOn": body.headlights == "high",
        "AmbientLightOn": body.ambient_on,
        "AmbientLightColor": body.ambient_color,
        "ReadingLightOn": body.reading_light,
        "WiperMode": vss.WIPER_MODE_VALUE[body.wiper],
    }


def _position(car: Car) -> dict[str, Value]:
    return {"Latitude": car.lat, "Longitude": car.lon}


def _route(car: Car) -> dict[str, Value]:
    route = car.route
    return {
        "DestinationId": route.destination_id,
        "DistanceToDestination": route.remaining_m,
        "TimeToDestination": route.eta_s,
        "Heading": car.heading_deg % 360,
        "NextStopId": route.next_stop_id,
        "HasArrived": route.arrived,
    }


def _driver(car: Car) -> dict[str, Value]:
    d = car.driver
    return {
        "EyesOnRoad": d.eyes_on_road,
        "HandsOnWheel": True,
        "FatigueLevel": d.fatigue * 100,
        "DistractionLevel": d.distraction * 100,
        "TimeAtWheel": d.time_at_wheel_s,
    }


def _clock(car: Car) -> dict[str, Value]:
    local = car.local_time
    offset = local.utcoffset()
    return {"UnixTime": int(local.timestamp()), "UtcOffset": offset.total_seconds() if offset else 0}


STATUS_MESSAGES: dict[str, StatusBuilder] = {
    "VCU_Dynamics": _dynamics,
    "VCU_Status": _powertrain,
    "BMS_Status": _battery,
    "BMS_Energy": _energy,
    "BMS_Charging": _charging,
    "HVAC_Status": _hvac,
    "HVAC_Zones": _zones,
    "Env_Sensors": _environment,
    "Body_Doors": _doors,
    "Body_Windows": _windows,
    "Body_Seats": _seats,
    "Body_Lights": _lights,
    "Nav_Position": _position,
    "Nav_Route": _route,
    "DMS_Driver": _driver,
    "GW_Clock": _clock,
}


def _requested(values: dict[str, Value], name: str) -> Value | None:
    value = values.get(name)
    return None if value == "none" else value


def _on_hvac_command(car: Car, values: dict[str, Value]) -> None:
    for signal, apply in (
        ("PowerRequest", car.set_hvac_power),
        ("AirConditioningRequest", car.set_ac),
        ("RecirculationRequest", car.set_recirculation),
    ):
        if (state := _requested(values, signal)) is not None:
            apply(state == "on")
    if (level := _requested(values, "FanLevelRequest")) is not None and int(level) <= FAN_LEVEL_MAX:
        car.set_fan_level(int(level))
    front, rear = _requested(values, "FrontDefrostRequest"), _requested(values, "RearDefrostRequest")
    if front is not None or rear is not None:
        car.set_defrost(front=None if front is None else front == "on", rear=None if rear is None else rear == "on")
    for zone in ZONES:
        if (celsius := _requested(values, f"{SIGNAL_PREFIX[zone]}SetPointRequest")) is not None:
            car.set_zone_temperature(zone, float(celsius))


def _on_body_command(car: Car, values: dict[str, Value]) -> None:
    target, request = _requested(values, "ClosureTarget"), _requested(values, "ClosureRequest")
    if target is not None and request is not None:
        (car.open_closure if request == "open" else car.close_closure)(str(target))
    for zone in ZONES:
        if (position := _requested(values, f"{SIGNAL_PREFIX[zone]}WindowRequest")) is not None:
            car.set_window(zone, float(position))
    if (lock := _requested(values, "LockRequest")) is not None:
        car.set_locked(lock == "lock")


def _on_seat_command(car: Car, values: dict[str, Value]) -> None:
    for seat in SEATS:
        if (level := _requested(values, f"{SIGNAL_PREFIX[seat]}SeatHeatRequest")) is not None:
            car.set_seat_heat(seat, int(level))
    for seat in ("driver", "passenger"):
        if (level := _requested(values, f"{SIGNAL_PREFIX[seat]}SeatVentRequest")) is not None:
            car.set_seat_ventilation(seat, int(level))


def _on_light_command(car: Car, values: dict[str, Value]) -> None:
    if (mode := _requested(values, "HeadlightRequest")) is not None:
        car.set_light("headlights", str(mode))
    if (state := _requested(values, "AmbientLightRequest")) is not None:
        car.set_light("ambient", str(state))
    if (colour := _requested(values, "AmbientColorRequest")) is not None:
        # The bus gives a value-table name ("blue") or, for the unnamed indices, the number itself.
        car.set_light("ambient_color", colour)
    if (state := _requested(values, "ReadingLightRequest")) is not None:
        car.set_light("reading", str(state))
    if (mode := _requested(values, "WiperRequest")) is not None:
        car.set_wiper(str(mode))


def _on_nav_command(car: Car, values: dict[str, Value]) -> None:
    request = _requested(values, "RouteRequest")
    if request == "cancel":
        car.cancel_route()
    elif request == "set":
        via = int(values.get("ViaId") or 0)
        target_soc = float(values.get("ChargeTargetSoc") or 0)
        car.navigate_to(int(values["DestinationId"]), via_id=via or None, charge_to_pct=target_soc or None)


COMMAND_HANDLERS: dict[str, CommandHandler] = {
    "CCU_HVAC_Cmd": _on_hvac_command,
    "CCU_Body_Cmd": _on_body_command,
    "CCU_Seat_Cmd": _on_seat_command,
    "CCU_Light_Cmd": _on_light_command,
    "CCU_Nav_Cmd": _on_nav_command,
}


class VehicleEcus:
    """All of the car's ECUs behind one bus port: periodic transmit, command receive."""

    def __init__(self, car: Car, port: BusPort, faults: FaultInjector) -> None:
        self.car = car
        self.port = port
        self.faults = faults
        self.commands_obeyed = 0
        self.commands_rejected = 0
        codec: DatabaseCodec = port.codec
        # Spread messages of one cycle over its ticks, as real ECUs do, so no tick carries them all;
        # then list what is due at each tick of the longest cycle, once, instead of testing every tick.
        phases: list[tuple[str, int, int]] = []
        by_cycle: dict[int, int] = {}
        for name in sorted(STATUS_MESSAGES, key=lambda n: codec[n].frame_id):
            cycle = codec[name].cycle_time_ms or 1000
            index = by_cycle.get(cycle, 0)
            by_cycle[cycle] = index + 1
            phases.append((name, cycle, (index * TICK_MS) % cycle))
        self._hyperperiod_ms = max(cycle for _, cycle, _ in phases)
        self._cycle_ms = {name: cycle for name, cycle, _ in phases}
        self._every_message = [(name, STATUS_MESSAGES[name]) for name, _, _ in phases]
        self._due: dict[int, list[tuple[str, StatusBuilder]]] = {}
        for tick_ms in range(0, self._hyperperiod_ms, TICK_MS):
            self._due[tick_ms] = [
                (name, STATUS_MESSAGES[name]) for name, cycle, phase in phases if tick_ms % cycle == phase
            ]
        self._last_payload: dict[str, bytearray] = {}
        self._warm_sent_ms: int | None = None
        self._commands = {codec[name].frame_id: (codec[name], handler) for name, handler in COMMAND_HANDLERS.items()}
        self._e2e = {frame_id: E2EReceiverState(frame_id) for frame_id in self._commands}

    def transmit_all(self, now_ms: int) -> None:
        """Every status message once, as a powered car has sent its first full cycle when a reader joins (a run
        starts on a warm bus). Faults active at `now_ms` apply: a message lost from the start stays unheard.
        The messages due at `now_ms` are then not sent again by `transmit_due` at the same instant."""
        self._transmit(now_ms, self._every_message)
        self._warm_sent_ms = now_ms

    def transmit_due(self, now_ms: int) -> None:
        due = self._due[now_ms % self._hyperperiod_ms]
        warm = self._warm_sent_ms
        if warm is not None and now_ms - warm < self._hyperperiod_ms:
            # A message's first scheduled frame after the warm cycle comes no sooner than half its cycle later,
            # as from an ECU that was already sending (a reader rejects frames that come too soon).
            due = [(name, build) for name, build in due if now_ms - warm >= self._cycle_ms[name] / 2]
        self._transmit(now_ms, due)

    def _transmit(self, now_ms: int, due: list[tuple[str, StatusBuilder]]) -> None:
        time_s = now_ms / 1000.0
        faults = self.faults
        check_faults = faults.has_any(now_ms)
        if check_faults and faults.bus_off(now_ms):
            return
        car, encode, transmit, last_payload = self.car, self.port.encode, self.port.transmit, self._last_payload
        for name, build in due:
            frame_id, payload = encode(name, build(car))
            if check_faults and (window := faults.active(name, now_ms)) is not None:
                for frame in faults.apply(window, frame_id, payload, last_payload.get(name), now_ms):
                    transmit(frame_id, frame, time_s)
                continue
            last_payload[name] = payload
            transmit(frame_id, payload, time_s)
        if check_faults:
            for frame_id, released in faults.release_due(now_ms):
                transmit(frame_id, released, time_s)

    def receive_commands(self, now_ms: int | None = None) -> None:
        frames = self.port.receive_pending()
        if now_ms is not None and frames and self.faults.bus_off(now_ms):
            self.commands_rejected += len(frames)  # a bus-off controller hears nothing
            return
        for frame in frames:
            entry = self._commands.get(frame.arbitration_id)
            if entry is None:
                continue
            codec, handler = entry
            if self._e2e[frame.arbitration_id].check(frame.data) is not E2EStatus.OK:
                self.commands_rejected += 1
                continue
            handler(self.car, codec.decode(frame.data))
            self.commands_obeyed += 1
