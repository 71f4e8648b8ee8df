"""What this driver wants, learnt from their own answers and hands: a personal threshold per need.

The needs model scores what drivers in general want in a context; one driver differs from the
average by where their threshold lies on the one quantity the need grows with (the windshield fog
level at which they switch the defroster on, how cold the cabin must be before they want it heated,
how tired before a break, how far from home they want the garage open, …). Every answer is a
bracket on that threshold:

- an accepted card, an act that was not undone, or the driver doing it by hand at value v:
  they want it at v (the threshold is at most v);
- a dismissed card or an undone act at v: they did not want it at v (the threshold is above v).

With both ends known the assistant triggers at the middle of the bracket (each answer halves it);
with only a 'wanted' end it triggers one step below it (the driver who acted by hand was faster than
the assistant: try earlier); with only a 'not wanted' end, a few steps beyond it ("not yet" is asked
again when it is clearly more needed) and quiet until then, the model's score included (it would
creep up on the refusal); at or below the 'not wanted' end it stays quiet. Without
evidence it has no opinion and the model's score decides. A driver who refused it REFUSED_ENOUGH
times and never kept it declines it there: their own actions no longer count as asking for it
(doing it yourself is not asking for it to be done for you); nor does an action of their own where
they refused it. For what is done on arriving (the garage, the lights, the home climate) what they
do by hand at the door is what everybody does there (`at_the_door`): once refused in that
sub-situation it no longer counts, and a refusal erases a 'wanted' end that only their own hand had
set. The bracket is kept per need and per sub-situation (cold vs hot cabin, the driver alone vs with
passengers, daylight vs dark), as plain numbers in the driver's profile: deterministic, no clock, no
RNG.

A need may be read on more than one quantity when drivers want it when EITHER passes their threshold
(a break when tired OR after so long at the wheel): a "no" bounds every quantity from below, a "yes"
bounds the one that explains it (already past its trigger, else the furthest past a typical
driver's threshold); it is suggested when any quantity says so, kept quiet when all say no. As a
"no" cannot tell which quantity asked too early, only a quantity with a "yes" of its own asks again
(a retry probe on each would nag: the clock every six minutes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.needs import NEED_SPECS
from cockpit.proactive.reading import Reading, Readings, Scale, Urge

RETRY_STEPS = 3  # after "not wanted" (and nothing wanted yet): ask again this many steps on
REFUSED_ENOUGH = 2  # refusals (and nothing kept) after which manual actions stop counting

# How each need is read (`NeedSpec.urge`), by need: the needs without a personal threshold have none.
URGES: dict[str, Urge] = {name: spec.urge for name, spec in NEED_SPECS.items() if spec.urge is not None}


def reading_of(need: str, context: CockpitContext, extras: ProactiveExtras) -> Readings:
    urge = URGES.get(need)
    return () if urge is None else urge.read(context, extras)


@dataclass
class Bracket:
    """The driver's threshold lies in (not_wanted, wanted]; either end may be unknown (None)."""

    not_wanted: float | None = None
    wanted: float | None = None
    kept: int = 0  # suggestions the driver accepted or kept
    refused: int = 0  # suggestions the driver dismissed or undid

    @property
    def declined(self) -> bool:
        return self.refused >= REFUSED_ENOUGH and not self.kept

    def trigger(self, step: float) -> float | None:
        """The value at which to suggest next (None: no opinion)."""
        if self.wanted is None:
            return None if self.not_wanted is None else self.not_wanted + RETRY_STEPS * step
        if self.not_wanted is None:
            return self.wanted - step
        if self.wanted - self.not_wanted <= step:
            return self.wanted
        return 0.5 * (self.wanted + self.not_wanted)


@dataclass
class PersonalThresholds:
    """{(need, sub-situation): Bracket} for one driver."""

    brackets: dict[tuple[str, str], Bracket] = field(default_factory=dict)

    def learn(self, need: str, readings: Readings, wanted: bool, by_hand: bool = False) -> None:
        """One piece of evidence (an answer to a suggestion, or `by_hand`: the driver did it themselves);
        a newer answer that contradicts an older one replaces it (people change). A "no" bounds every
        quantity read; a "yes" the one that explains it."""
        if not readings or need not in URGES:
            return
        for reading in (self._explaining(need, readings),) if wanted else readings:
            self._learn_one(need, reading, wanted, by_hand)

    def _explaining(self, need: str, readings: Readings) -> Reading:
        """Which quantity a "yes" was about: one already past its trigger, else the furthest past a
        typical driver's threshold (in steps)."""
        if len(readings) == 1:
            return readings[0]
        urge = URGES[need]
        for reading in readings:
            if self._opinion_one(need, reading) is True:
                return reading

        def past_typical(reading: Reading) -> float:
            scale = urge.scale_of(reading[0])
            return (reading[1] - scale.typical) / scale.step

        return max(readings, key=past_typical)

    def _learn_one(self, need: str, reading: Reading, wanted: bool, by_hand: bool) -> None:
        group, value = reading
        bracket = self.brackets.setdefault((need, group), Bracket())
        at_the_door = URGES[need].at_the_door
        if by_hand and (
            bracket.declined
            or (bracket.not_wanted is not None and value <= bracket.not_wanted)
            or (at_the_door and bracket.refused)
        ):
            return  # doing it yourself does not overrule having refused it there
        if not by_hand:
            bracket.kept += wanted
            bracket.refused += not wanted
        if at_the_door and not wanted and not bracket.kept:
            # what they did by hand at the door is what everybody does there: an answer outweighs it
            bracket.wanted = None
        if wanted:
            bracket.wanted = value if bracket.wanted is None else min(bracket.wanted, value)
            if bracket.not_wanted is not None and bracket.not_wanted >= value:
                bracket.not_wanted = None
        else:
            bracket.not_wanted = value if bracket.not_wanted is None else max(bracket.not_wanted, value)
            if bracket.wanted is not None and bracket.wanted <= value:
                bracket.wanted = None

    def kept_any(self) -> bool:
        return any(bracket.kept for bracket in self.brackets.values())

    def snapshot(self, need: str, readings: Readings) -> dict[str, Bracket | None]:
        """Copies of the brackets `readings` fall in (to take back evidence that turns out wrong)."""
        out: dict[str, Bracket | None] = {}
        for group, _ in readings:
            bracket = self.brackets.get((need, group))
            out[group] = None if bracket is None else replace(bracket)
        return out

    def restore(self, need: str, snapshot: dict[str, Bracket | None]) -> None:
        for group, bracket in snapshot.items():
            if bracket is None:
                self.brackets.pop((need, group), None)
            else:
                self.brackets[(need, group)] = bracket

    def refused_before(self, need: str, readings: Readings) -> bool:
        """The driver refused it in this sub-situation before (a retry asks first, where it can)."""
        for group, _ in readings:
            bracket = self.brackets.get((need, group))
            if bracket is not None and bracket.refused > 0:
                return True
        return False

    def opinion(self, need: str, readings: Readings) -> bool | None:
        """True: suggest now (the driver wants it here, or it is the next probe); False: the driver did
        not want it at these values or less; None: no evidence here, leave it to the model."""
        if not readings or need not in URGES:
            return None
        # read on several quantities, a "no" cannot tell which one asked too early: it bounds them all,
        # and only a quantity with a "yes" of its own asks again (a retry probe on each would nag)
        probes = len(readings) == 1
        opinions = [self._opinion_one(need, reading, probes) for reading in readings]
        if True in opinions:
            return True
        return False if all(o is False for o in opinions) else None

    def _opinion_one(self, need: str, reading: Reading, probes: bool = True) -> bool | None:
        group, value = reading
        bracket = self.brackets.get((need, group))
        if bracket is None:
            return None
        if bracket.not_wanted is not None and value <= bracket.not_wanted:
            return False
        if bracket.wanted is None and not probes:
            return None
        urge = URGES[need]
        trigger = bracket.trigger(urge.scale_of(group).step)
        if trigger is None:
            return None
        if value >= trigger:
            return True
        # refused, and never wanted: not the model's call either until the retry is due (it would creep
        # up on the refusal one tick of score at a time)
        return None if urge.model_below and bracket.wanted is not None else False

    def describe(self) -> list[str]:
        """One line per need and sub-situation, in words ("defog (windshield): from fog risk 20 % …")."""
        lines = []
        for (need, group), bracket in sorted(self.brackets.items()):
            urge = URGES.get(need)
            if urge is None:
                continue
            scale = urge.scale_of(group)
            trigger = bracket.trigger(scale.step)
            ends = [
                f"wanted at {scale.shown(bracket.wanted)}" if bracket.wanted is not None else None,
                f"not at {scale.shown(bracket.not_wanted)}" if bracket.not_wanted is not None else None,
            ]
            when = "leaves it to the model" if trigger is None else f"suggests from {scale.shown(trigger)}"
            lines.append(
                f"{need} ({group}): {when}; "
                + "; ".join(e for e in ends if e)
                + f" (kept {bracket.kept}, refused {bracket.refused})"
            )
        return lines

    def state(self) -> dict[str, dict[str, dict[str, float | None]]]:
        out: dict[str, dict[str, dict[str, float | None]]] = {}
        for (need, group), bracket in sorted(self.brackets.items()):
            out.setdefault(need, {})[group] = {
                "not_wanted": bracket.not_wanted,
                "wanted": bracket.wanted,
                "kept": bracket.kept,
                "refused": bracket.refused,
            }
        return out

    @classmethod
    def from_state(cls, state: dict | None) -> PersonalThresholds:
        thresholds = cls()
        for need, groups in (state or {}).items():
            for group, ends in groups.items():
                values = [ends.get("not_wanted"), ends.get("wanted")]
                counts = [ends.get("kept", 0), ends.get("refused", 0)]
                if any(v is not None and not isinstance(v, int | float) for v in values) or any(
                    not isinstance(n, int) or n < 0 for n in counts
                ):
                    raise ValueError(f"bad personal threshold for {need}/{group}: {ends!r}")
                not_wanted, wanted = (None if v is None else float(v) for v in values)
                kept, refused = counts
                thresholds.brackets[(str(need), str(group))] = Bracket(not_wanted, wanted, kept, refused)
        return thresholds


__all__ = ["URGES", "Bracket", "PersonalThresholds", "Reading", "Readings", "Scale", "Urge", "reading_of"]
