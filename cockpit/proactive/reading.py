"""How a need is read for the driver's personal threshold: the quantities it grows with, and their scales.

The vocabulary of `NeedSpec.urge` (cockpit/proactive/needs.py); the learning itself is
cockpit/proactive/preferences.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras

Reading = tuple[str, float]  # (sub-situation, value): a higher value means more needed
Readings = tuple[Reading, ...]  # one per quantity the need is read on; () when unknown now
ReadOne = Callable[[CockpitContext, ProactiveExtras], Reading | None]
ReadAll = Callable[[CockpitContext, ProactiveExtras], Readings]


@dataclass(frozen=True)
class Scale:
    """The resolution worth learning a quantity to, and how to say a value of it."""

    step: float
    shown: Callable[[float], str]  # a value in words, for `main.py habits list`
    typical: float = 0.0  # a typical driver's threshold (tells which quantity explains a "yes")


@dataclass(frozen=True)
class Urge:
    """How a need's urgency is read from the context (one or more quantities), and their scales.

    `model_below`: below the learnt trigger (and above what was refused) the model's score still
    decides. True for comfort (a cold seat on a mild day is still cold: the driver's first answers came
    from the cold mornings, and a home at 12 °C is still cold to one who wanted it heated at 9 °C);
    False for the arrival's timing (the garage, the lights), where an answer says *when* this driver
    wants it and earlier is a nuisance (the home climate's timing is the fixed last minutes)."""

    read: ReadAll
    scale: Scale
    model_below: bool = True
    scales: Mapping[str, Scale] = field(default_factory=dict)  # per sub-situation, where not `scale`
    # done by hand at the door by everybody (the garage remote, the light switch, the thermostat): once
    # refused, the driver's own hand no longer counts as wanting it before arrival
    at_the_door: bool = False

    def scale_of(self, group: str) -> Scale:
        return self.scales.get(group, self.scale)


def one(read: ReadOne) -> ReadAll:
    """A need read on one quantity."""

    def readings(context: CockpitContext, extras: ProactiveExtras) -> Readings:
        reading = read(context, extras)
        return () if reading is None else (reading,)

    return readings


__all__ = ["ReadAll", "ReadOne", "Reading", "Readings", "Scale", "Urge", "one"]
