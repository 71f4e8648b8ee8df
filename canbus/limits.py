"""The car's limits, one place for both ends of the bus: what the car accepts, what the cockpit may ask for.

The DBC states the ranges it carries (HVAC_Zones set points [16|32] in 0.5 °C steps, FanLevel 0-7, the seat
HeatingCooling -100..100 % in thirds); these are the same facts in the units the code works in, and
tests/bus/test_limits.py checks that they and the DBC agree.
"""

from __future__ import annotations

SET_POINT_MIN_C, SET_POINT_MAX_C = 16.0, 32.0
SET_POINT_STEP_C = 0.5
# The set point a car starts with, and the cabin temperature the proactive needs aim at.
COMFORT_C = 22.0
FAN_LEVEL_MAX = 7
SEAT_LEVEL_MAX = 3  # seat heating and ventilation levels 0-3
WINDOW_OPEN_MAX_PCT = 100.0
