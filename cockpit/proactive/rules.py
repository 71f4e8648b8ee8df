"""Proactive rules: needs the assistant acts on before anyone asks.

For now one rule, pre-conditioning the cabin, with a cooldown so it acts once and never on stale data.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.actions import Action
from cockpit.context import CockpitContext

COLD_CABIN_C = 12.0
HOT_CABIN_C = 30.0
COMFORT_C = 22.0
PRECONDITION_COOLDOWN_S = 30 * 60.0


@dataclass(frozen=True)
class Suggestion:
    need: str
    actions: tuple[Action, ...]
    reply: str
    params: dict


class PreconditionCabinRule:
    """Cabin far from comfort, HVAC off, someone in the car → bring the cabin to a comfortable set point."""

    need = "precondition_cabin"

    def __init__(self) -> None:
        self._last_acted_s: float | None = None

    def evaluate(self, context: CockpitContext) -> Suggestion | None:
        cabin, hvac_on = context.cabin_temp_c, context.hvac_on
        if cabin is None or hvac_on is None or hvac_on:
            return None  # unknown (stale) or already running: nothing to do
        if not (cabin < COLD_CABIN_C or cabin > HOT_CABIN_C):
            return None
        if not any(context.occupied.get(seat) for seat in ("driver", "passenger")):
            return None
        if self._last_acted_s is not None and context.time_s - self._last_acted_s < PRECONDITION_COOLDOWN_S:
            return None
        self._last_acted_s = context.time_s
        zones = [z for z in ("driver", "passenger") if context.occupied.get(z)]
        actions = tuple(Action("climate.set_temperature", {"zone": z, "temperature": COMFORT_C}, source="proactive")
                        for z in zones)
        return Suggestion(self.need, actions, "precondition", {"cabin": cabin, "temperature": COMFORT_C})


class ProactivePolicy:
    def __init__(self) -> None:
        self.rules = [PreconditionCabinRule()]

    def evaluate(self, context: CockpitContext) -> list[Suggestion]:
        return [s for rule in self.rules if (s := rule.evaluate(context)) is not None]
