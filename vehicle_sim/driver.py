"""Driver model: fatigue, distraction, eyes-on-road, and how this driver likes to drive.

Fatigue follows time at the wheel and the circadian rhythm (drowsy around 02:00-06:00 and
after lunch, 13:00-15:00); a break of more than 10 minutes parked lets it recover. Distraction
is a seeded stochastic process with short glances away from the road. Scenario overrides
(`set_fatigue`, `set_distraction`) replace the modelled value until cleared with None.
"""

from __future__ import annotations

import math
import random

BREAK_MIN_S = 600.0
_FATIGUE_TIME_CONSTANT_S = 4 * 3600.0  # awake, daytime, continuous driving
_RECOVERY_TIME_CONSTANT_S = 1200.0
_GLANCE_RATE_PER_S = 1.0 / 90.0
_MICROSLEEP_RATE_PER_S = 1.0 / 300.0
_EYES_OFF_THRESHOLD = 0.6


def circadian_drowsiness(hour_of_day: float) -> float:
    """0..1 sleep pressure from the body clock: 1 near 04:00, 0.5 near 14:00, ~0 in the evening."""
    night_gap = min(abs(hour_of_day - 4.0), 24.0 - abs(hour_of_day - 4.0))
    night = math.exp(-(night_gap**2) / (2 * 1.6**2))
    afternoon = 0.5 * math.exp(-((hour_of_day - 14.0) ** 2) / (2 * 1.0**2))
    return min(1.0, night + afternoon)


class DriverModel:
    """Public state: fatigue, distraction (0..1, overrides applied), eyes_on_road,
    time_at_wheel_s, parked_s, speed_factor (persona: desired speed / limit),
    accel_mps2 and brake_mps2 (comfortable), modelled_fatigue / modelled_distraction."""

    def __init__(self, rng: random.Random, speed_factor: float | None = None) -> None:
        self._rng = rng
        self.speed_factor = speed_factor if speed_factor is not None else rng.uniform(0.95, 1.05)
        self.accel_mps2 = 2.0
        self.brake_mps2 = 2.2
        self.max_brake_mps2 = 6.0  # what the driver will use when a plan is late
        self.modelled_fatigue = 0.05
        self.modelled_distraction = 0.1
        self.time_at_wheel_s = 0.0
        self.parked_s = 0.0
        self.eyes_on_road = True
        self._fatigue_override: float | None = None
        self._distraction_override: float | None = None
        self._eyes_off_remaining_s = 0.0
        self._glance_level = 0.0

    # --- scenario overrides -----------------------------------------------------------------
    def set_fatigue(self, value: float | None) -> None:
        self._fatigue_override = None if value is None else _unit(value, "fatigue")

    def set_distraction(self, value: float | None) -> None:
        self._distraction_override = None if value is None else _unit(value, "distraction")

    @property
    def fatigue(self) -> float:
        return self._fatigue_override if self._fatigue_override is not None else self.modelled_fatigue

    @property
    def distraction(self) -> float:
        if self._distraction_override is not None:
            return self._distraction_override
        return max(self.modelled_distraction, self._glance_level)

    # --- model --------------------------------------------------------------------------------
    def update(self, dt_s: float, driving: bool, hour_of_day: float) -> None:
        """Advance `dt_s`. `driving` = in the seat with the car not parked (stopped in traffic counts)."""
        drowsy = circadian_drowsiness(hour_of_day)
        if driving:
            self.parked_s = 0.0
            self.time_at_wheel_s += dt_s
            rate = (1.0 + 2.0 * drowsy) / _FATIGUE_TIME_CONSTANT_S
            self.modelled_fatigue += (1.0 - self.modelled_fatigue) * min(1.0, rate * dt_s)
        else:
            self.parked_s += dt_s
            if self.parked_s > BREAK_MIN_S:
                # A real break: the clock at the wheel restarts and fatigue recovers toward what
                # the time of day alone explains (a break at 04:00 does not make you fresh).
                self.time_at_wheel_s = 0.0
                floor = 0.05 + 0.3 * drowsy
                if self.modelled_fatigue > floor:
                    self.modelled_fatigue += (floor - self.modelled_fatigue) * min(
                        1.0, dt_s / _RECOVERY_TIME_CONSTANT_S
                    )
        self._update_attention(dt_s, driving)

    def _update_attention(self, dt_s: float, driving: bool) -> None:
        rng = self._rng
        # Mean-reverting background distraction (conversation, music, thoughts).
        baseline = 0.1 + 0.2 * self.fatigue
        noise = rng.gauss(0.0, 1.0) * 0.06 * math.sqrt(dt_s)
        self.modelled_distraction += 0.2 * (baseline - self.modelled_distraction) * dt_s + noise
        self.modelled_distraction = min(1.0, max(0.0, self.modelled_distraction))
        draw = rng.random()
        if self._eyes_off_remaining_s > 0.0:
            self._eyes_off_remaining_s -= dt_s
            if self._eyes_off_remaining_s <= 0.0:
                self._glance_level = 0.0
        elif driving:
            microsleep_rate = _MICROSLEEP_RATE_PER_S if self.fatigue > 0.8 else 0.0
            if draw < _GLANCE_RATE_PER_S * dt_s:  # phone, screen, passenger
                self._eyes_off_remaining_s = rng.uniform(0.5, 2.5)
                self._glance_level = rng.uniform(0.65, 0.9)
            elif draw < (_GLANCE_RATE_PER_S + microsleep_rate) * dt_s:
                self._eyes_off_remaining_s = rng.uniform(0.5, 1.5)
                self._glance_level = 0.7
        self.eyes_on_road = self._eyes_off_remaining_s <= 0.0 and self.distraction < _EYES_OFF_THRESHOLD

    # --- driving behaviour ------------------------------------------------------------------
    def cruise_speed_mps(self, speed_limit_kph: float) -> float:
        return speed_limit_kph / 3.6 * self.speed_factor


def _unit(value: float, what: str) -> float:
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{what} must be a number in 0..1, got NaN")
    return min(1.0, max(0.0, number))
