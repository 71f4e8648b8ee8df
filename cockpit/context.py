"""The context: what the cockpit knows right now, derived from fresh signals only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from cockpit.signals import SignalStore
from cockpit.zones import CLIMATE_ZONES, SEAT_PATH_PART, SEATS, SET_POINT_PATH, WINDOW_PATH, WINDOW_ZONES
from roadmap.geo import great_circle_m

MOVING_THRESHOLD_KPH = 3.0

SPEED = "Vehicle.Speed"
CABIN_TEMPERATURE = "Vehicle.Cabin.HVAC.AmbientAirTemperature"
OUTSIDE_TEMPERATURE = "Vehicle.Exterior.AirTemperature"
HVAC_ON = "Vehicle.Cabin.HVAC.IsOn"
STATE_OF_CHARGE = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
RANGE = "Vehicle.Powertrain.Range"
LATITUDE, LONGITUDE = "Vehicle.CurrentLocation.Latitude", "Vehicle.CurrentLocation.Longitude"
HEADING = "Vehicle.CurrentLocation.Heading"
DESTINATION_ID = "Vehicle.Cabin.Infotainment.Navigation.DestinationId"
DISTANCE_TO_DESTINATION = "Vehicle.Cabin.Infotainment.Navigation.DistanceToDestination"
TIME_TO_DESTINATION = "Vehicle.Cabin.Infotainment.Navigation.TimeToDestination"
HAS_ARRIVED = "Vehicle.Cabin.Infotainment.Navigation.HasArrived"
NEXT_STOP_ID = "Vehicle.Cabin.Infotainment.Navigation.NextStopId"
FATIGUE = "Vehicle.Driver.FatigueLevel"
DISTRACTION = "Vehicle.Driver.DistractionLevel"
EYES_ON_ROAD = "Vehicle.Driver.IsEyesOnRoad"
TIME_AT_WHEEL = "Vehicle.Driver.TimeAtWheel"
FOG_RISK = "Vehicle.Cabin.HVAC.WindshieldFogRisk"
FRONT_DEFROST = "Vehicle.Cabin.HVAC.IsFrontDefrosterActive"
REAR_DEFROST = "Vehicle.Cabin.HVAC.IsRearDefrosterActive"
AIR_CONDITIONING_ON = "Vehicle.Cabin.HVAC.IsAirConditioningActive"
FAN_LEVEL = "Vehicle.Cabin.HVAC.FanLevel"
SUN = "Vehicle.Exterior.SolarIrradiance"
WEATHER = "Vehicle.Exterior.Weather"
ENERGY = "Vehicle.Powertrain.TractionBattery.StateOfCharge.CurrentEnergy"
CONSUMPTION = "Vehicle.Powertrain.TractionBattery.AverageConsumption"
IS_CHARGING = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging"
GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
WIPER_MODE = "Vehicle.Body.Windshield.Front.Wiping.Mode"
CLOSURE_STATE_PATH = {"trunk": "Vehicle.Body.Trunk.Rear.State", "frunk": "Vehicle.Body.Trunk.Front.State",
                      "charge_port": "Vehicle.Powertrain.TractionBattery.Charging.ChargePortFlap"}
LIGHT_PATH = {"headlights": "Vehicle.Body.Lights.Headlights.Mode", "ambient": "Vehicle.Cabin.Light.AmbientLight.IsOn",
              "reading": "Vehicle.Cabin.Light.IsDomeOn"}
AMBIENT_COLOUR = "Vehicle.Cabin.Light.AmbientLight.Color"
UNIX_TIME, UTC_OFFSET = "Vehicle.Time.UnixTime", "Vehicle.Time.UtcOffset"
OCCUPIED_PATH = {seat: f"Vehicle.Cabin.Seat.{SEAT_PATH_PART[seat]}.IsOccupied" for seat in SEATS}
SEAT_HEAT_PATH = {seat: f"Vehicle.Cabin.Seat.{SEAT_PATH_PART[seat]}.HeatingLevel" for seat in SEATS}
VENTILATED_SEATS = ("driver", "passenger")
SEAT_VENT_PATH = {seat: f"Vehicle.Cabin.Seat.{SEAT_PATH_PART[seat]}.VentilationLevel" for seat in VENTILATED_SEATS}


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
    next_stop_id: int | None = None          # a stop on the way (a charger, a rest area), not the destination
    wiper_mode: str | None = None            # off | auto | low | high: "faster" steps from it
    fan_level: int | None = None             # 0-7: "fan up" steps from it
    seat_vent: dict[str, int | None] = field(default_factory=dict)         # front seats, 0-3
    window_position: dict[str, float | None] = field(default_factory=dict)  # % open per window
    heading_deg: float | None = None         # where the car is pointing: what is ahead of it

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


def build_context(store: SignalStore, now_s: float, home: tuple[float, float] | None = None) -> CockpitContext:
    """`home`: the home's (lat, lon) from the map, to tell how far home is."""
    valid = store.valid_reader(now_s)

    latitude, longitude = valid(LATITUDE), valid(LONGITUDE)
    unix_time, utc_offset = valid(UNIX_TIME), valid(UTC_OFFSET)
    local_time = _local_time(int(unix_time), float(utc_offset or 0)) if unix_time else None
    return CockpitContext(
        time_s=now_s, local_time=local_time, speed_kph=valid(SPEED), cabin_temp_c=valid(CABIN_TEMPERATURE),
        outside_temp_c=valid(OUTSIDE_TEMPERATURE), hvac_on=valid(HVAC_ON), soc_pct=valid(STATE_OF_CHARGE),
        range_m=valid(RANGE),
        position=(latitude, longitude) if latitude is not None and longitude is not None else None,
        destination_id=valid(DESTINATION_ID) or None, distance_to_destination_m=valid(DISTANCE_TO_DESTINATION),
        time_to_destination_s=valid(TIME_TO_DESTINATION), has_arrived=valid(HAS_ARRIVED),
        fatigue_pct=valid(FATIGUE),
        set_points={zone: valid(SET_POINT_PATH[zone]) for zone in CLIMATE_ZONES},
        occupied={seat: valid(OCCUPIED_PATH[seat]) for seat in SEATS},
        seat_heat={seat: valid(SEAT_HEAT_PATH[seat]) for seat in SEATS},
        distraction_pct=valid(DISTRACTION), eyes_on_road=valid(EYES_ON_ROAD), time_at_wheel_s=valid(TIME_AT_WHEEL),
        fog_risk_pct=valid(FOG_RISK), front_defrost_on=valid(FRONT_DEFROST), sun_w_m2=valid(SUN),
        weather=valid(WEATHER), energy_kwh=valid(ENERGY), consumption_kwh_per_100km=valid(CONSUMPTION),
        is_charging=valid(IS_CHARGING), gear=valid(GEAR), next_stop_id=_stop_on_the_way(valid(NEXT_STOP_ID),
                                                                                      valid(DESTINATION_ID)),
        wiper_mode=valid(WIPER_MODE), fan_level=valid(FAN_LEVEL),
        seat_vent={seat: valid(SEAT_VENT_PATH[seat]) for seat in VENTILATED_SEATS},
        window_position={zone: valid(WINDOW_PATH[zone]) for zone in WINDOW_ZONES}, heading_deg=valid(HEADING),
        distance_to_home_m=(great_circle_m(latitude, longitude, *home)
                            if home is not None and latitude is not None and longitude is not None else None),
    )
