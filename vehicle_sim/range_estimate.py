"""The consumption the range figure is computed with: a long-horizon, distance-weighted average, as a car keeps.

A car does not divide its charge by the last minute's consumption: the figure would jump at every hill, every
red light and every time the heater settles. It keeps the energy it used and the distance it covered over
the last tens of km, each older km counting a little less (an exponential weight by distance, horizon
`window_km`), and starts from the trim's rated consumption counted as `prior_km` of driving already done, so
the first minutes of a drive move it only a little.

What counts as used: traction (regeneration gives back) and, while the car is in gear, the auxiliary loads
(HVAC, 12 V, pack heating): a red light or a traffic jam is part of the drive and costs range. Nothing counts
while parked or charging: sitting at home with the heater on, or at a charger, is not how the car drives.
Deterministic: distance and energy only, no clock.
"""

from __future__ import annotations

WINDOW_KM = 50.0  # the horizon: a km driven 50 km ago weighs 1/e of the last one
PRIOR_KM = 50.0  # the rated consumption counts as this much driving at the start
MIN_KWH_PER_KM = 0.05  # a long descent cannot make the estimate (and the range) absurd


class ConsumptionEstimate:
    """`add(energy_kwh, distance_km)` as the car drives; `kwh_per_km` is the estimate the range uses."""

    def __init__(self, rated_kwh_per_km: float, *, window_km: float = WINDOW_KM, prior_km: float = PRIOR_KM) -> None:
        if not rated_kwh_per_km > 0.0 or not window_km > 0.0 or not prior_km > 0.0:
            raise ValueError("rated consumption, window and prior distance must be positive")
        self.window_km = window_km
        self._energy_kwh = rated_kwh_per_km * prior_km
        self._distance_km = prior_km

    def add(self, energy_kwh: float, distance_km: float) -> None:
        """Energy used (negative: regenerated) over `distance_km` (0 for a stop while in gear)."""
        if distance_km > 0.0:
            keep = max(0.0, 1.0 - distance_km / self.window_km)  # exp(-d/W) for the small steps a car takes
            self._energy_kwh *= keep
            self._distance_km *= keep
            self._distance_km += distance_km
        self._energy_kwh = max(self._energy_kwh + energy_kwh, MIN_KWH_PER_KM * self._distance_km)

    @property
    def kwh_per_km(self) -> float:
        return max(MIN_KWH_PER_KM, self._energy_kwh / self._distance_km)

    @property
    def weight_km(self) -> float:
        """How much driving the estimate stands on (prior included, older km weighted down)."""
        return self._distance_km
