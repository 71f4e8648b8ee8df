"""The simulation's one loop, whoever runs it: `run`, the app, `sim`, `cockpit` on a live bus, and the proactive
needs model's training episodes (models/proactive/simulate.py).

Every 10 ms tick, in this order: the scenario's events due now, the car steps, the car's ECUs transmit what is
due, the cockpit reads the bus, at each 100 ms the cockpit ticks (decides, speaks, sends its commands), and the
ECUs read the commands. A side that is not in this process (the car in `cockpit`, the cockpit in `sim`) is
left out. How fast it runs is the `pace`'s business: none (as fast as it goes), a factor of real time, or the
wall clock with catch-up (a live bus). A replay of a recorded log has no car to step: its frames come at their
own times, and it ticks the cockpit at the same `COCKPIT_PERIOD_MS` (runner/two_process.py). The training
episodes run the same order at a coarser period (`tick_ms` and `cockpit_period_ms` of one second: hours of
driving per episode, thousands of episodes); the car's physics integrates whatever step it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vehicle_sim.ecus import TICK_MS

COCKPIT_PERIOD_MS = 100  # the cockpit's decision cycle; a multiple of TICK_MS

__all__ = ["COCKPIT_PERIOD_MS", "TICK_MS", "TickSteps", "run_ticks"]


@dataclass(frozen=True)
class TickSteps:
    """What one tick does, in order; None: that part is not in this process."""

    events_due: Callable[[int], None] | None = None  # (now_ms) the scenario's events at this tick
    car_step: Callable[[float], None] | None = None  # (dt_s)
    transmit: Callable[[int], None] | None = None  # (now_ms) the ECUs' frames due
    poll: Callable[[float], None] | None = None  # (now_s) the cockpit reads the bus
    cockpit_tick: Callable[[float], None] | None = None  # (now_s) at each cockpit period (COCKPIT_PERIOD_MS)
    receive: Callable[[int], None] | None = None  # (now_ms) the ECUs read the commands


def run_ticks(
    steps: TickSteps,
    from_ms: int,
    until_ms: int | None,
    *,
    pace: Callable[[int], int] | None = None,
    keep_going: Callable[[], bool] | None = None,
    tick_ms: int = TICK_MS,
    cockpit_period_ms: int = COCKPIT_PERIOD_MS,
) -> int:
    """Ticks from `from_ms` through `until_ms` (None: until `keep_going` says stop), `tick_ms` apart, the cockpit
    ticking every `cockpit_period_ms` (a multiple of `tick_ms`). `pace(next_ms)` runs after each tick and gives
    the next tick's time: `next_ms`, or later when a live loop fell behind the wall clock and skips ahead.
    Returns the time of the next tick not run."""
    if tick_ms <= 0 or cockpit_period_ms % tick_ms:
        raise ValueError(f"the cockpit's period ({cockpit_period_ms} ms) must be a multiple of the tick ({tick_ms} ms)")
    events_due, car_step, transmit, poll, cockpit_tick, receive = (
        steps.events_due,
        steps.car_step,
        steps.transmit,
        steps.poll,
        steps.cockpit_tick,
        steps.receive,
    )
    dt_s = tick_ms / 1000
    now_ms = from_ms
    # The first tick at or after each period boundary ticks the cockpit (every boundary, unless pace skipped it).
    next_cockpit_ms = -(-from_ms // cockpit_period_ms) * cockpit_period_ms
    while (until_ms is None or now_ms <= until_ms) and (keep_going is None or keep_going()):
        now_s = now_ms / 1000
        if events_due is not None:
            events_due(now_ms)
        if car_step is not None:
            car_step(dt_s)
        if transmit is not None:
            transmit(now_ms)
        if poll is not None:
            poll(now_s)
        if cockpit_tick is not None and now_ms >= next_cockpit_ms:
            next_cockpit_ms = (now_ms // cockpit_period_ms + 1) * cockpit_period_ms
            cockpit_tick(now_s)
        if receive is not None:
            receive(now_ms)
        now_ms = now_ms + tick_ms if pace is None else pace(now_ms + tick_ms)
    return now_ms
