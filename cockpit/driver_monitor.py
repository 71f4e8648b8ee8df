"""Driver monitoring: staged alerts for distraction and drowsiness, with timings in the spirit of the
Euro NCAP driver-state-monitoring protocol (2023+): a long glance away (eyes off the road for 3 s or
more while driving) gets a visual warning, then an audible one, then repeated audible warnings until
the driver looks back; drowsiness (a fatigue level like KSS ≥ 7) gets a visual warning, then an
audible one with a break suggestion, repeated while it lasts. Alerts clear once the driver has been
attentive again for a while. Stale driver-monitoring data raises no alert; it shows a tell instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cockpit.context import CockpitContext

DRIVING_KPH = 10.0
START_GRACE_S = 2.0
# Distraction: seconds with eyes off the road before each stage, and the repeat period of stage 3.
DISTRACTION_STAGE_S = (3.0, 5.0, 8.0)
DISTRACTION_REPEAT_S = 5.0
ATTENTIVE_TO_CLEAR_S = 1.0
# Drowsiness: fatigue level (%) for each stage, the time a level must hold, the repeat period.
DROWSY_LEVEL_PCT = (60.0, 70.0, 80.0)
DROWSY_CONFIRM_S = (10.0, 30.0, 30.0)
DROWSY_REPEAT_S = 120.0
# What an alert is about; level 0 says that one cleared.
AlertKind = Literal["distraction", "drowsiness", "monitoring_unavailable"]
ALERT_TO_CLEAR_S = 60.0
RECOVERED_BELOW_PCT = 50.0


@dataclass(frozen=True)
class DriverAlert:
    kind: AlertKind
    level: int  # 0 cleared, 1 visual, 2 audible, 3 repeated audible (+ break suggestion for drowsiness)
    reply: str | None  # what to say (a reply key) for audible levels


DROWSY_STAGE_GAP_S = 20.0  # a drowsy driver is warned stage by stage, never straight at the top


class _Escalation:
    """One hazard's stage machine: stage n is entered once its condition has held long enough."""

    def __init__(self) -> None:
        self.level = 0
        self.last_audible_s = float("-inf")
        self.changed_s = float("-inf")

    def reset(self) -> bool:
        was_active, self.level = self.level > 0, 0
        return was_active


class DriverMonitor:
    def __init__(self) -> None:
        self._distraction = _Escalation()
        self._drowsiness = _Escalation()
        self._eyes_off_since: float | None = None
        self._eyes_on_since: float | None = None
        self._drowsy_since: list[float | None] = [None, None, None]
        self._recovered_since: float | None = None
        self._monitoring_lost = False

    def update(self, context: CockpitContext) -> list[DriverAlert]:
        now = context.time_s
        if context.eyes_on_road is None or context.fatigue_pct is None:
            if now < START_GRACE_S:
                return []  # the camera's first frames are still on their way
            if not self._monitoring_lost:
                self._monitoring_lost = True
                return [DriverAlert("monitoring_unavailable", 1, None)]
            return []
        alerts: list[DriverAlert] = []
        if self._monitoring_lost:
            self._monitoring_lost = False
            alerts.append(DriverAlert("monitoring_unavailable", 0, None))
        driving = (context.speed_kph or 0.0) > DRIVING_KPH
        alerts += self._update_distraction(now, driving and not context.eyes_on_road)
        alerts += self._update_drowsiness(now, float(context.fatigue_pct), driving)
        return alerts

    def _update_distraction(self, now: float, eyes_off: bool) -> list[DriverAlert]:
        state = self._distraction
        if not eyes_off:
            self._eyes_off_since = None
            self._eyes_on_since = now if self._eyes_on_since is None else self._eyes_on_since
            if state.level and now - self._eyes_on_since >= ATTENTIVE_TO_CLEAR_S and state.reset():
                return [DriverAlert("distraction", 0, None)]
            return []
        self._eyes_on_since = None
        self._eyes_off_since = now if self._eyes_off_since is None else self._eyes_off_since
        off_for = now - self._eyes_off_since
        target = sum(off_for >= threshold for threshold in DISTRACTION_STAGE_S)
        if target > state.level:
            state.level = target
            if target >= 2:
                state.last_audible_s = now
            return [DriverAlert("distraction", target, "alert_eyes_on_road" if target >= 2 else None)]
        if state.level == 3 and now - state.last_audible_s >= DISTRACTION_REPEAT_S:
            state.last_audible_s = now
            return [DriverAlert("distraction", 3, "alert_eyes_on_road")]
        return []

    def _update_drowsiness(self, now: float, fatigue_pct: float, driving: bool) -> list[DriverAlert]:
        state = self._drowsiness
        for stage, level in enumerate(DROWSY_LEVEL_PCT):
            if fatigue_pct >= level and driving:
                self._drowsy_since[stage] = now if self._drowsy_since[stage] is None else self._drowsy_since[stage]
            else:
                self._drowsy_since[stage] = None
        target = sum(
            since is not None and now - since >= DROWSY_CONFIRM_S[stage]
            for stage, since in enumerate(self._drowsy_since)
        )
        if fatigue_pct < RECOVERED_BELOW_PCT or not driving:
            self._recovered_since = now if self._recovered_since is None else self._recovered_since
            if state.level and now - self._recovered_since >= ALERT_TO_CLEAR_S and state.reset():
                return [DriverAlert("drowsiness", 0, None)]
            return []
        self._recovered_since = None
        if target > state.level and now - state.changed_s >= DROWSY_STAGE_GAP_S:
            target = state.level + 1
            state.level, state.changed_s = target, now
            if target >= 2:
                state.last_audible_s = now
            return [DriverAlert("drowsiness", target, "alert_take_a_break" if target >= 2 else None)]
        if state.level >= 2 and now - state.last_audible_s >= DROWSY_REPEAT_S:
            state.last_audible_s = now
            return [DriverAlert("drowsiness", state.level, "alert_take_a_break")]
        return []
