"""The COVESA VSS names the bus speaks, in one place, and where VSS values meet the simulator's own words.

Every signal the DBC publishes names its VSS path in its comment (`vss:Vehicle.Speed`). Paths, datatypes,
units, ranges and allowed values are those of one stated release, VSS 6.0 (vendored in `assets/vss/`), wherever
VSS has the signal; what VSS 6.0 does not have is the project's own, declared in the overlay
`assets/vss/su7_cockpit_overlay.vspec` under `Vehicle.Private` (the path it would have in the standard tree,
after `Vehicle.Private.`). `tests/bus/test_vss_spec.py` exports the spec plus the overlay with COVESA's
vss-tools and checks every path, datatype, unit, range and allowed value the DBC publishes, the cockpit reads
and the scenarios use. `docs/VSS.md` lists them.

Inside, the car and the head unit keep their own words (gear "P", wiper "auto", seat heat level 2): the
functions below convert between those and the VSS values on the bus, both ends using the same ones.
"""

from __future__ import annotations

from canbus.limits import SEAT_LEVEL_MAX

VSS_RELEASE = "6.0"
PRIVATE = "Vehicle.Private."

# --- the paths the cockpit reads ---------------------------------------------------------------------------
SPEED = "Vehicle.Speed"
GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
MOTOR_POWER = "Vehicle.Powertrain.ElectricMotor.Power"
DRIVE_MODE = PRIVATE + "Powertrain.DriveMode"
CABIN_TEMPERATURE = "Vehicle.Cabin.HVAC.AmbientAirTemperature"
OUTSIDE_TEMPERATURE = "Vehicle.Exterior.AirTemperature"
HVAC_ON = PRIVATE + "Cabin.HVAC.IsOn"
FAN_LEVEL = PRIVATE + "Cabin.HVAC.FanLevel"
FOG_RISK = PRIVATE + "Cabin.HVAC.WindshieldFogRisk"
FRONT_DEFROST = "Vehicle.Cabin.HVAC.IsFrontDefrosterActive"
REAR_DEFROST = "Vehicle.Cabin.HVAC.IsRearDefrosterActive"
AIR_CONDITIONING_ON = "Vehicle.Cabin.HVAC.IsAirConditioningActive"
SUN = PRIVATE + "Exterior.SolarIrradiance"
WEATHER = PRIVATE + "Exterior.Weather"
STATE_OF_CHARGE = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
ENERGY = "Vehicle.Powertrain.TractionBattery.StateOfCharge.CurrentEnergy"
CONSUMPTION = PRIVATE + "Powertrain.TractionBattery.AverageConsumption"
IS_CHARGING = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging"
RANGE = "Vehicle.Powertrain.Range"
LATITUDE, LONGITUDE = "Vehicle.CurrentLocation.Latitude", "Vehicle.CurrentLocation.Longitude"
HEADING = "Vehicle.CurrentLocation.Heading"
_NAVIGATION = PRIVATE + "Cabin.Infotainment.Navigation."
DESTINATION_ID = _NAVIGATION + "DestinationId"
DISTANCE_TO_DESTINATION = _NAVIGATION + "DistanceToDestination"
TIME_TO_DESTINATION = _NAVIGATION + "TimeToDestination"
HAS_ARRIVED = _NAVIGATION + "HasArrived"
NEXT_STOP_ID = _NAVIGATION + "NextStopId"
FATIGUE = "Vehicle.Driver.FatigueLevel"
DISTRACTION = "Vehicle.Driver.DistractionLevel"
EYES_ON_ROAD = "Vehicle.Driver.IsEyesOnRoad"
TIME_AT_WHEEL = PRIVATE + "Driver.TimeAtWheel"
WIPER_MODE = "Vehicle.Body.Windshield.Front.Wiping.Mode"
UNIX_TIME, UTC_OFFSET = PRIVATE + "Time.UnixTime", PRIVATE + "Time.UtcOffset"
# A closure reports whether it is open at all (VSS IsOpen: fully or partly) and, for the lids, how far.
CLOSURE_OPEN_PATH = {
    "trunk": "Vehicle.Body.Trunk.Rear.IsOpen",
    "frunk": "Vehicle.Body.Trunk.Front.IsOpen",
    "charge_port": "Vehicle.Powertrain.TractionBattery.Charging.ChargingPort.AnyPosition.IsFlapOpen",
}
CLOSURE_POSITION_PATH = {"trunk": "Vehicle.Body.Trunk.Rear.Position", "frunk": "Vehicle.Body.Trunk.Front.Position"}
LIGHT_SWITCH = "Vehicle.Body.Lights.LightSwitch"
HIGH_BEAM = "Vehicle.Body.Lights.Beam.High.IsOn"
LIGHT_PATH = {
    "headlights": LIGHT_SWITCH,
    "ambient": PRIVATE + "Cabin.Light.AmbientLight.IsOn",
    "reading": "Vehicle.Cabin.Light.IsDomeOn",
}
AMBIENT_COLOUR = PRIVATE + "Cabin.Light.AmbientLight.Color"

# --- seats, zones, windows (the rows and sides VSS names) ---------------------------------------------------
# The car's seats and climate zones, by the rows and sides VSS names them: SEATS and CLIMATE_ZONES below.
SEAT_PATH_PART = {
    "driver": "Row1.DriverSide",
    "passenger": "Row1.PassengerSide",
    "rear_left": "Row2.DriverSide",
    "rear_middle": "Row2.Middle",
    "rear_right": "Row2.PassengerSide",
}
STATION_PATH_PART = {
    "driver": "Row1.Driver",
    "passenger": "Row1.Passenger",
    "rear_left": "Row2.Driver",
    "rear_right": "Row2.Passenger",
}
SEATS = tuple(SEAT_PATH_PART)  # driver, passenger, rear_left, rear_middle, rear_right
REAR_SEATS = tuple(seat for seat, part in SEAT_PATH_PART.items() if part.startswith("Row2."))
# How the DBC's signal names spell each seat and zone ("RearLeftSetPointRequest", "RearMiddleSeatHeatRequest").
SEAT_SIGNAL_PREFIX = {
    "driver": "Driver",
    "passenger": "Passenger",
    "rear_left": "RearLeft",
    "rear_middle": "RearMiddle",
    "rear_right": "RearRight",
}
CLIMATE_ZONES = tuple(STATION_PATH_PART)  # one per outer seat: the rear middle seat sits in rear_left's air
SET_POINT_PATH = {zone: f"Vehicle.Cabin.HVAC.Station.{part}.Temperature" for zone, part in STATION_PATH_PART.items()}
WINDOW_PATH = {zone: f"Vehicle.Cabin.Door.{SEAT_PATH_PART[zone]}.Window.Position" for zone in STATION_PATH_PART}
OCCUPANCY_PATH = {seat: f"Vehicle.Cabin.Seat.{part}.OccupancyStatus" for seat, part in SEAT_PATH_PART.items()}
# Heating (+) and ventilation (-) of a seat are one VSS signal: a seat cannot do both at once.
SEAT_CLIMATE_PATH = {seat: f"Vehicle.Cabin.Seat.{part}.HeatingCooling" for seat, part in SEAT_PATH_PART.items()}

# --- values -------------------------------------------------------------------------------------------------
GEAR_VALUE = {"P": 126, "D": 127, "R": -1, "N": 0}  # VSS SelectedGear (int8)
GEAR_NAME = {value: name for name, value in GEAR_VALUE.items()}
WIPER_MODE_VALUE = {"off": "OFF", "auto": "RAIN_SENSOR", "low": "SLOW", "high": "FAST"}
WIPER_MODE_NAME = {value: name for name, value in WIPER_MODE_VALUE.items()}
# The headlight modes as the VSS main light switch (OFF / BEAM / AUTO) plus the high beam.
LIGHT_SWITCH_VALUE = {"off": "OFF", "low": "BEAM", "high": "BEAM", "auto": "AUTO"}
OCCUPIED, EMPTY, UNKNOWN = "OCCUPIED", "EMPTY", "UNKNOWN"  # VSS OccupancyStatus
SEAT_LEVELS = SEAT_LEVEL_MAX  # heating and ventilation levels 1-3: level x 100/3 % of HeatingCooling


def gear_value(gear: str) -> int:
    return GEAR_VALUE[gear]


def gear_name(value: object) -> str | None:
    """ "P", "R", "N" or "D" for a VSS SelectedGear (1/2/... forward gears are "D"); None when unknown."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return GEAR_NAME.get(value) or ("D" if value > 0 else "R")


def heating_cooling(heat_level: int, ventilation_level: int) -> int:
    """A seat's VSS HeatingCooling (-100..100 %) from its heat and ventilation levels (0-3, one of them 0)."""
    level = heat_level if heat_level else -ventilation_level
    return round(level * 100 / SEAT_LEVELS)


def seat_heat_level(value: object) -> int | None:
    """The heat level 0-3 a HeatingCooling value stands for (0 while ventilating); None when unknown."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return max(0, round(value * SEAT_LEVELS / 100))


def seat_ventilation_level(value: object) -> int | None:
    """The ventilation level 0-3 a HeatingCooling value stands for (0 while heating); None when unknown."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return max(0, round(-value * SEAT_LEVELS / 100))


def is_occupied(value: object) -> bool | None:
    """OccupancyStatus as a yes/no; None for UNKNOWN or no reading."""
    return True if value == OCCUPIED else False if value == EMPTY else None


# --- names of earlier releases of this project (VSS 4.x style), for the scenario loader's hints ------------
_OLD_NAVIGATION = "Vehicle.Cabin.Infotainment.Navigation."
RENAMED: dict[str, str] = {
    **{
        _OLD_NAVIGATION + name: _NAVIGATION + name
        for name in ("DestinationId", "DistanceToDestination", "TimeToDestination", "HasArrived", "NextStopId")
    },
    "Vehicle.Powertrain.DriveMode": DRIVE_MODE,
    "Vehicle.VehicleIdentification.Trim": PRIVATE + "VehicleIdentification.Trim",
    "Vehicle.Powertrain.TractionBattery.AverageConsumption": CONSUMPTION,
    "Vehicle.Powertrain.TractionBattery.Charging.Power": PRIVATE + "Powertrain.TractionBattery.Charging.Power",
    "Vehicle.Cabin.HVAC.IsOn": HVAC_ON,
    "Vehicle.Cabin.HVAC.FanLevel": FAN_LEVEL,
    "Vehicle.Cabin.HVAC.PowerConsumption": PRIVATE + "Cabin.HVAC.PowerConsumption",
    "Vehicle.Cabin.HVAC.WindshieldFogRisk": FOG_RISK,
    "Vehicle.Exterior.Weather": WEATHER,
    "Vehicle.Exterior.SolarIrradiance": SUN,
    "Vehicle.Driver.TimeAtWheel": TIME_AT_WHEEL,
    "Vehicle.Time.UnixTime": UNIX_TIME,
    "Vehicle.Time.UtcOffset": UTC_OFFSET,
    "Vehicle.Cabin.Light.AmbientLight.IsOn": LIGHT_PATH["ambient"],
    "Vehicle.Cabin.Light.AmbientLight.Color": AMBIENT_COLOUR,
    "Vehicle.Body.Lights.Headlights.Mode": f"{LIGHT_SWITCH} (OFF, BEAM, AUTO) and {HIGH_BEAM}",
    "Vehicle.Body.Trunk.Rear.State": f"{CLOSURE_OPEN_PATH['trunk']} (true when open or partly open) and "
    f"{CLOSURE_POSITION_PATH['trunk']} (0-100 %)",
    "Vehicle.Body.Trunk.Front.State": f"{CLOSURE_OPEN_PATH['frunk']} and {CLOSURE_POSITION_PATH['frunk']}",
    "Vehicle.Powertrain.TractionBattery.Charging.ChargePortFlap": CLOSURE_OPEN_PATH["charge_port"],
    **{
        f"Vehicle.Cabin.Seat.{part}.IsOccupied": f'{OCCUPANCY_PATH[seat]} ("OCCUPIED", "EMPTY", "UNKNOWN")'
        for seat, part in SEAT_PATH_PART.items()
    },
    **{
        f"Vehicle.Cabin.Seat.{part}.HeatingLevel": f"{SEAT_CLIMATE_PATH[seat]} (-100..100 %: heat level x 33)"
        for seat, part in SEAT_PATH_PART.items()
    },
    **{
        f"Vehicle.Cabin.Seat.{part}.VentilationLevel": f"{SEAT_CLIMATE_PATH[seat]} (negative: ventilation level x 33)"
        for seat, part in SEAT_PATH_PART.items()
    },
}
# Values whose VSS spelling changed, for the same hints.
RENAMED_VALUES: dict[str, str] = {
    GEAR: "a number in VSS: 126 = park, 127 = drive, -1 = reverse, 0 = neutral",
    WIPER_MODE: '"OFF", "RAIN_SENSOR" (auto), "SLOW" (low), "FAST" (high)',
    "Vehicle.LowVoltageSystemState": '"OFF", "ACC", "ON", "START"',
}
