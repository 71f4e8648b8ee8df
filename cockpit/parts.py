"""What a head unit is assembled from, as one typed object (`HeadUnitParts`) the runner builds and passes on.

The parts are the head unit's policies and its clients: how it understands, which actions it knows, what it
refuses, what it asks first, how it watches the driver, the home it reaches and the needs it anticipates. Each
can be swapped without touching `Cockpit` (a test's understander, a product's own guard rules or action registry).

What `Cockpit` still builds itself is its wiring to the bus and to its own state, which no caller could supply:
the signal store and reader of its port's DBC, the command writer, the navigator and speech out (which read the
cockpit's current context), the dialogue manager and the proactive assistant (which call back into it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from cockpit.actions import ActionRegistry, build_default_registry
from cockpit.confirmations import DEFAULT_CONFIRMATIONS, ConfirmationRule
from cockpit.driver_monitor import DriverMonitor
from cockpit.habits import HabitStore
from cockpit.home import HomeAdapter
from cockpit.home.geofence import HomeGeofence
from cockpit.proactive.policy import ProactivePolicy
from cockpit.safety import DEFAULT_RULES, Rule, SafetyGuard


class Understanding(Protocol):
    text: str
    lang: str
    intent: str
    confidence: float
    slots: dict


class Understander(Protocol):
    def understand(self, text: str) -> Understanding: ...


@dataclass
class HeadUnitParts:
    """Everything a `Cockpit` is given. Only `understander` has no default: a head unit without language is
    chosen explicitly (the app's `OfflineUnderstander`, a test's double)."""

    understander: Understander
    registry: ActionRegistry = field(default_factory=build_default_registry)
    geofence: HomeGeofence = field(default_factory=HomeGeofence)
    guard_rules: tuple[Rule, ...] = DEFAULT_RULES  # the guard adds the geofence's home-access rule to these
    confirmations: tuple[ConfirmationRule, ...] = DEFAULT_CONFIRMATIONS
    driver_monitor: DriverMonitor = field(default_factory=DriverMonitor)
    home: HomeAdapter | None = None
    proactive: ProactivePolicy | None = None  # None: no needs are anticipated (the assistant says nothing unasked)
    habits: HabitStore | None = None
    language: str = "en"  # what the assistant speaks before anybody has said anything

    def guard(self) -> SafetyGuard:
        return SafetyGuard(self.guard_rules, geofence=self.geofence)
