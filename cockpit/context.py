"""The context: what the cockpit knows right now, derived from fresh signals only.

The VSS paths it reads, and the conversions of VSS values to the cockpit's words, are canbus/vss.py's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from canbus.vss import (
    CABIN_TEMPERATURE,
    CLOSURE_OPEN_PATH,
    CONSUMPTION,
    DESTINATION_ID,
    DISTANCE_TO_DESTINATION,
    DISTRACTION,
    ENERGY,
    EYES_ON_ROAD,
    FAN_LEVEL,
    FATIGUE,
    FOG_RISK,
    FRONT_DEFROST,
    GEAR,
    HAS_ARRIVED,
    HEADING,
    HVAC_ON,
    IS_CHARGING,
    LATITUDE,
    LIGHT_PATH,
    LONGITUDE,
    NEXT_STOP_ID,
    OCCUPANCY_PATH,
    OUTSIDE_TEMPERATURE,
    RANGE,
    SEAT_CLIMATE_PATH,
    SPEED,
    STATE_OF_CHARGE,
    SUN,
    TIME_AT_WHEEL,
    TIME_TO_DESTINATION,
    UNIX_TIME,
    UTC_OFFSET,
    WEATHER,
    WIPER_MODE,
    WIPER_MODE_NAME,
    gear_name,
    is_occupied,
    seat_heat_level,
    seat_ventilation_level,
)
from cockpit.signals import SignalStore
from cockpit.zones import CLIMATE_ZONES, SEATS, SET_POINT_PATH, VENTILATED_SEATS, WINDOW_PATH, WINDOW_ZONES
from roadmap.geo import great_circle_m

MOVING_THRESHOLD_KPH = 3.0


@dataclass(frozen=True)
class CockpitContext:
    """A snapshot for decisions. None means unknown: never received, or stale."""

    time_s: float
    local_time: datetime | None
    speed_kph: float | None
    cabin_temp_c: float | None
    outside_temp_c: float | None
    hvac_on: bool | None
    soc_pct: float | None
    range_m: float | None
    position: tuple[float, float] | None
    destination_id: int | None
    distance_to_destination_m: float | None
    time_to_destination_s: float | None
    has_arrived: bool | None
    fatigue_pct: float | None
    set_points: dict[str, float | None]
    occupied: dict[str, bool | None]
    seat_heat: dict[str, int | None]
    distraction_pct: float | None = None
    eyes_on_road: bool | None = None
    time_at_wheel_s: float | None = None
    fog_risk_pct: float | None = None
    front_defrost_on: bool | None = None
    sun_w_m2: float | None = None
    weather: str | None = None
    energy_kwh: float | None = None
    consumption_kwh_per_100km: float | None = None
    is_charging: bool | None = None
    gear: str | None = None
    distance_to_home_m: float | None = None  # from the map, when the position is known
    next_stop_id: int | None = None  # a stop on the way (a charger, a rest area), not the destination
    wiper_mode: str | None = None  # off | auto | low | high: "faster" steps from it
    fan_level: int | None = None  # 0-7: "fan up" steps from it
    seat_vent: dict[str, int | None] = field(default_factory=dict)  # front seats, 0-3
    window_position: dict[str, float | None] = field(default_factory=dict)  # % open per window
    heading_deg: float | None = None  # where the car is pointing: what is ahead of it
    closure_open: dict[str, bool | None] = field(default_factory=dict)  # trunk, frunk, charge_port: open at all
    light_on: dict[str, bool | str | None] = field(default_factory=dict)  # headlights (beam, "auto"), ambient, reading

    @property
    def energy_to_destination_kwh(self) -> float | None:
        """What the rest of the route needs at the recent consumption (None when unknown)."""
        if self.distance_to_destination_m is None or not self.consumption_kwh_per_100km:
            return None
        return self.distance_to_destination_m / 100_000 * self.consumption_kwh_per_100km

    @property
    def is_moving(self) -> bool | None:
        return None if self.speed_kph is None else self.speed_kph > MOVING_THRESHOLD_KPH


def _stop_on_the_way(next_stop_id, destination_id) -> int | None:
    """The nav module reports the destination itself as the next stop when there is none on the way."""
    return next_stop_id if next_stop_id and next_stop_id != destination_id else None


@lru_cache(maxsize=4)
def _local_time(unix_time: int, utc_offset_s: float) -> datetime:
    # The clock frame changes once a second and the context is built ten times a second.
    return datetime.fromtimestamp(unix_time, tz=timezone(timedelta(seconds=utc_offset_s)))


def _light_on(value: object) -> bool | str | None:
    """A light's reported state: a lamp's true/false, the headlight switch's OFF / BEAM, or "auto" (the car turns
    them on and off by itself)."""
    if isinstance(value, bool) or value is None:
        return value
    states: dict[str, bool | str] = {"OFF": False, "BEAM": True, "AUTO": "auto"}
    return states.get(str(value))


def build_context(store: SignalStore, now_s: float, home: tuple[float, float] | None = None) -> CockpitContext:
    """`home`: the home's (lat, lon) from the map, to tell how far home is."""
    valid = store.valid_reader(now_s)

    latitude, longitude = valid(LATITUDE), valid(LONGITUDE)
    unix_time, utc_offset = valid(UNIX_TIME), valid(UTC_OFFSET)
    local_time = _local_time(int(unix_time), float(utc_offset or 0)) if unix_time else None
    return CockpitContext(
        time_s=now_s,
        local_time=local_time,
        speed_kph=valid(SPEED),
        cabin_temp_c=valid(CABIN_TEMPERATURE),
        outside_temp_c=valid(OUTSIDE_TEMPERATURE),
        hvac_on=valid(HVAC_ON),
        soc_pct=valid(STATE_OF_CHARGE),
        range_m=valid(RANGE),
        position=(latitude, longitude) if latitude is not None and longitude is not None else None,
        destination_id=valid(DESTINATION_ID) or None,
        distance_to_destination_m=valid(DISTANCE_TO_DESTINATION),
        time_to_destination_s=valid(TIME_TO_DESTINATION),
        has_arrived=valid(HAS_ARRIVED),
        fatigue_pct=valid(FATIGUE),
        set_points={zone: valid(SET_POINT_PATH[zone]) for zone in CLIMATE_ZONES},
        occupied={seat: is_occupied(valid(OCCUPANCY_PATH[seat])) for seat in SEATS},
        seat_heat={seat: seat_heat_level(valid(SEAT_CLIMATE_PATH[seat])) for seat in SEATS},
        distraction_pct=valid(DISTRACTION),
        eyes_on_road=valid(EYES_ON_ROAD),
        time_at_wheel_s=valid(TIME_AT_WHEEL),
        fog_risk_pct=valid(FOG_RISK),
        front_defrost_on=valid(FRONT_DEFROST),
        sun_w_m2=valid(SUN),
        weather=valid(WEATHER),
        energy_kwh=valid(ENERGY),
        consumption_kwh_per_100km=valid(CONSUMPTION),
        is_charging=valid(IS_CHARGING),
        gear=gear_name(valid(GEAR)),
        next_stop_id=_stop_on_the_way(valid(NEXT_STOP_ID), valid(DESTINATION_ID)),
        wiper_mode=WIPER_MODE_NAME.get(valid(WIPER_MODE)),
        fan_level=valid(FAN_LEVEL),
        seat_vent={seat: seat_ventilation_level(valid(SEAT_CLIMATE_PATH[seat])) for seat in VENTILATED_SEATS},
        window_position={zone: valid(WINDOW_PATH[zone]) for zone in WINDOW_ZONES},
        heading_deg=valid(HEADING),
        closure_open={closure: valid(path) for closure, path in CLOSURE_OPEN_PATH.items()},
        light_on={light: _light_on(valid(path)) for light, path in LIGHT_PATH.items()},
        distance_to_home_m=(
            great_circle_m(latitude, longitude, *home)
            if home is not None and latitude is not None and longitude is not None
            else None
        ),
    )
