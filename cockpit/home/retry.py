"""Retries with exponential backoff on the caller's clock (the simulation's, when polled from the sim loop)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts at t0, t0+first, t0+first+first*factor, ... while before t0+timeout; then the command failed."""

    timeout_s: float = 5.0
    first_retry_s: float = 0.5
    factor: float = 2.0
    max_retry_s: float = 4.0

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.first_retry_s <= 0 or self.factor < 1:
            raise ValueError("retry: timeout and first retry must be > 0, factor >= 1")

    def delay_after(self, attempts: int) -> float:
        """Wait before the next attempt, after `attempts` attempts (1 → first_retry_s)."""
        return min(self.max_retry_s, self.first_retry_s * self.factor ** max(0, attempts - 1))

    def schedule(self) -> list[float]:
        """Offsets of every attempt from t0 (for documentation and tests)."""
        times, t, n = [0.0], 0.0, 1
        while True:
            t += self.delay_after(n)
            if t >= self.timeout_s:
                return times
            times.append(t)
            n += 1
