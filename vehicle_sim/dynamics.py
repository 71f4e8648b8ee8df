"""Longitudinal vehicle dynamics: one point mass on a road, stepped with plain floats.

Forces: traction (limited by motor power and tyre grip), aerodynamic drag ½ρCdAv², rolling
resistance, grade. Braking blends regenerative braking (limited by regen power, fading out at
walking speed where the motors cannot recover much) with friction brakes for the rest.
"""

from __future__ import annotations

import math

from vehicle_sim.spec import VehicleSpec

AIR_DENSITY_KG_M3 = 1.2
GRAVITY_MPS2 = 9.81
# Below this speed power limits are evaluated at this speed: P/v would be unbounded at standstill.
_MIN_POWER_SPEED_MPS = 1.0
_REGEN_FADE_SPEED_MPS = 2.0


class LongitudinalDynamics:
    """State: speed_mps, accel_mps2, motor_power_kw (battery side, negative = regenerating),
    wheel_power_kw, friction_brake_kw. Call `step(demand_accel_mps2, dt_s)`."""

    def __init__(self, spec: VehicleSpec, speed_mps: float = 0.0) -> None:
        self.spec = spec
        self.speed_mps = speed_mps
        self.accel_mps2 = 0.0
        self.motor_power_kw = 0.0
        self.wheel_power_kw = 0.0
        self.friction_brake_kw = 0.0
        self.grade = 0.0  # rise over run; positive uphill
        # Precomputed constants keep the per-step cost to a few float operations.
        self._effective_mass = spec.mass_kg * spec.rotational_mass_factor
        self._drag_k = 0.5 * AIR_DENSITY_KG_M3 * spec.drag_coefficient * spec.frontal_area_m2
        self._rolling_n = spec.rolling_resistance * spec.mass_kg * GRAVITY_MPS2
        self._max_traction_n = spec.traction_coefficient * spec.mass_kg * GRAVITY_MPS2
        self._peak_wheel_w = spec.peak_power_kw * 1000.0 * spec.drivetrain_efficiency
        self._peak_regen_wheel_w = spec.peak_regen_kw * 1000.0 / spec.regen_efficiency
        self._inv_drive_eff = 1.0 / spec.drivetrain_efficiency
        self._regen_eff = spec.regen_efficiency
        self._top_speed_mps = spec.top_speed_kph / 3.6

    def resistance_n(self, speed_mps: float) -> float:
        """Road load at `speed_mps` on the current grade (positive opposes motion)."""
        grade_n = self.spec.mass_kg * GRAVITY_MPS2 * math.sin(math.atan(self.grade)) if self.grade else 0.0
        rolling = self._rolling_n if speed_mps > 0.0 else 0.0
        return self._drag_k * speed_mps * speed_mps + rolling + grade_n

    def step(self, demand_accel_mps2: float, dt_s: float) -> None:
        """Advance by `dt_s` trying to reach `demand_accel_mps2` (negative = brake)."""
        v = self.speed_mps
        resistance = self._drag_k * v * v + (self._rolling_n if v > 0.0 else 0.0)
        if self.grade:
            resistance += self.spec.mass_kg * GRAVITY_MPS2 * math.sin(math.atan(self.grade))
        mass = self._effective_mass
        wheel_force = mass * demand_accel_mps2 + resistance
        friction_w = 0.0
        if wheel_force > 0.0:
            if v >= self._top_speed_mps:  # electronic speed limiter
                wheel_force = min(wheel_force, resistance)
            power_speed = v if v > _MIN_POWER_SPEED_MPS else _MIN_POWER_SPEED_MPS
            limit = self._peak_wheel_w / power_speed
            if limit > self._max_traction_n:
                limit = self._max_traction_n
            if wheel_force > limit:
                wheel_force = limit
            wheel_w = wheel_force * v
            electric_w = wheel_w * self._inv_drive_eff
        else:
            if v <= 0.0 and demand_accel_mps2 <= 0.0:
                # Standing still with the brake on: brakes hold, nothing moves, no energy flows.
                self.speed_mps = 0.0
                self.accel_mps2 = 0.0
                self.motor_power_kw = 0.0
                self.wheel_power_kw = 0.0
                self.friction_brake_kw = 0.0
                return
            brake_force = -wheel_force
            if brake_force > self._max_traction_n:
                brake_force = self._max_traction_n
                wheel_force = -brake_force
            power_speed = v if v > _MIN_POWER_SPEED_MPS else _MIN_POWER_SPEED_MPS
            regen_force = self._peak_regen_wheel_w / power_speed
            if v < _REGEN_FADE_SPEED_MPS:
                regen_force *= v / _REGEN_FADE_SPEED_MPS
            if regen_force > brake_force:
                regen_force = brake_force
            wheel_w = wheel_force * v
            electric_w = -regen_force * v * self._regen_eff
            friction_w = (brake_force - regen_force) * v
        accel = (wheel_force - resistance) / mass
        new_v = v + accel * dt_s
        if new_v < 0.0:  # brakes and road load stop the car; they never push it backwards
            new_v = 0.0
            accel = -v / dt_s
        self.speed_mps = new_v
        self.accel_mps2 = accel
        self.motor_power_kw = electric_w * 0.001
        self.wheel_power_kw = wheel_w * 0.001
        self.friction_brake_kw = friction_w * 0.001
