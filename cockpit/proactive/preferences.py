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
again when it is clearly more needed); at or below the 'not wanted' end it stays quiet. Without
evidence it has no opinion and the model's score decides. A driver who refused it REFUSED_ENOUGH
times and never kept it declines it there: their own actions no longer count as asking for it
(doing it yourself is not asking for it to be done for you); nor does an action of their own where
they refused it. The bracket is kept per need and per sub-situation (cold vs
hot cabin, the driver alone vs with passengers, daylight vs dark), as plain numbers in the driver's
profile: deterministic, no clock, no RNG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras

COMFORT_C = 22.0
DARK_SUN_W_M2 = 40.0
HOME_CLIMATE_WINDOW_S = 12 * 60.0   # the learnt home temperature is used in the last minutes home only
CLOCK_FATIGUE_PCT_PER_H = 25.0      # 2 h at the wheel count like 50 % fatigue for the break threshold
RETRY_STEPS = 3                     # after "not wanted" (and nothing wanted yet): ask again this many steps on
REFUSED_ENOUGH = 2                  # refusals (and nothing kept) after which manual actions stop counting

Reading = tuple[str, float]          # (sub-situation, value): a higher value means more needed


def _occupied(context: CockpitContext) -> list[str]:
    return [seat for seat, occupied in context.occupied.items() if occupied]


def _cabin_comfort(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    cabin = context.cabin_temp_c
    # learnt on the parked car only: switching the climate on while driving is comfort tuning, often
    # on a whim, and says little about how cold or hot the car may be before it is pre-conditioned
    if cabin is None or context.hvac_on is not False or not _occupied(context) or context.is_moving is not False:
        return None
    return ("cold", -cabin) if cabin < COMFORT_C else ("hot", cabin)


def _seat_cold(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    cabin, seats = context.cabin_temp_c, _occupied(context)
    if cabin is None or not seats:
        return None
    return ("driver_alone" if seats == ["driver"] else "with_others", -cabin)


def _home_temperature(sign: float) -> Callable[[CockpitContext, ProactiveExtras], Reading | None]:
    def reading(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
        eta, home = extras.eta_home_s, extras.home_inside_temp_c
        if not extras.heading_home or eta is None or home is None or eta > HOME_CLIMATE_WINDOW_S:
            return None
        return "home", sign * home
    return reading


def _range_shortfall(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    need = context.energy_to_destination_kwh
    if context.energy_kwh is None or need is None or context.destination_id is None:
        return None
    return "route", -(context.energy_kwh - need)


def _tiredness(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    """The fatigue estimate, or the time at the wheel at CLOCK_FATIGUE_PCT_PER_H, whichever is higher:
    many drivers stop by the clock before they feel tired."""
    if context.fatigue_pct is None or not context.is_moving or context.destination_id is None:
        return None
    by_clock = (context.time_at_wheel_s or 0.0) / 3600.0 * CLOCK_FATIGUE_PCT_PER_H
    return "driving", max(context.fatigue_pct, by_clock)


def _garage_nearness(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    remaining = context.distance_to_destination_m
    if not extras.heading_home or remaining is None:
        return None
    return "home", -remaining


def _arrival_nearness(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    if not extras.heading_home or extras.eta_home_s is None or context.sun_w_m2 is None:
        return None
    return ("dark" if context.sun_w_m2 <= DARK_SUN_W_M2 else "daylight"), -extras.eta_home_s


def _fog(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    if context.fog_risk_pct is None or context.front_defrost_on is not False:
        return None
    return "windshield", context.fog_risk_pct


@dataclass(frozen=True)
class Urge:
    """How a need's urgency is read from the context, and the resolution worth learning it to.

    `model_below`: below the learnt trigger (and above what was refused) the model's score still
    decides. True for comfort (a cold seat on a mild day is still cold: the driver's first answers came
    from the cold mornings); False for the arrival's timing (the garage, the lights, the home climate),
    where an answer says *when* this driver wants it and earlier is a nuisance."""

    read: Callable[[CockpitContext, ProactiveExtras], Reading | None]
    step: float
    shown: Callable[[float], str]    # a value in words, for `main.py habits list`
    model_below: bool = True


def _cabin(value: float) -> str:
    return f"cabin {abs(value):.1f} °C"


URGES: dict[str, Urge] = {
    "precondition_cabin": Urge(_cabin_comfort, 1.0, _cabin),
    "seat_heat": Urge(_seat_cold, 1.0, _cabin),
    "preheat_home": Urge(_home_temperature(-1.0), 0.75, lambda v: f"home {-v:.1f} °C", model_below=False),
    "precool_home": Urge(_home_temperature(1.0), 0.75, lambda v: f"home {v:.1f} °C", model_below=False),
    "charge_stop": Urge(_range_shortfall, 1.5, lambda v: f"{-v:.1f} kWh to spare"),
    "rest_break": Urge(_tiredness, 3.0, lambda v: f"tiredness {v:.0f} %"),
    "garage_open": Urge(_garage_nearness, 150.0, lambda v: f"{-v:.0f} m from home", model_below=False),
    "home_lights_on": Urge(_arrival_nearness, 30.0, lambda v: f"{-v:.0f} s before arrival", model_below=False),
    "defog": Urge(_fog, 2.0, lambda v: f"fog risk {v:.0f} %"),
}


def reading_of(need: str, context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    urge = URGES.get(need)
    return None if urge is None else urge.read(context, extras)


@dataclass
class Bracket:
    """The driver's threshold lies in (not_wanted, wanted]; either end may be unknown (None)."""

    not_wanted: float | None = None
    wanted: float | None = None
    kept: int = 0        # suggestions the driver accepted or kept
    refused: int = 0     # suggestions the driver dismissed or undid

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

    def learn(self, need: str, reading: Reading | None, wanted: bool, by_hand: bool = False) -> None:
        """One piece of evidence (an answer to a suggestion, or `by_hand`: the driver did it themselves);
        a newer answer that contradicts an older one replaces it (people change)."""
        if reading is None or need not in URGES:
            return
        group, value = reading
        bracket = self.brackets.setdefault((need, group), Bracket())
        if by_hand and (bracket.declined or (bracket.not_wanted is not None and value <= bracket.not_wanted)):
            return   # doing it yourself does not overrule having refused it there
        if not by_hand:
            bracket.kept += wanted
            bracket.refused += not wanted
        if wanted:
            bracket.wanted = value if bracket.wanted is None else min(bracket.wanted, value)
            if bracket.not_wanted is not None and bracket.not_wanted >= value:
                bracket.not_wanted = None
        else:
            bracket.not_wanted = value if bracket.not_wanted is None else max(bracket.not_wanted, value)
            if bracket.wanted is not None and bracket.wanted <= value:
                bracket.wanted = None

    def snapshot(self, need: str, reading: Reading | None) -> Bracket | None:
        """A copy of the bracket `reading` falls in (to take back evidence that turns out wrong)."""
        if reading is None:
            return None
        bracket = self.brackets.get((need, reading[0]))
        return None if bracket is None else replace(bracket)

    def restore(self, need: str, reading: Reading | None, bracket: Bracket | None) -> None:
        if reading is None:
            return
        if bracket is None:
            self.brackets.pop((need, reading[0]), None)
        else:
            self.brackets[(need, reading[0])] = bracket

    def refused_before(self, need: str, reading: Reading | None) -> bool:
        """The driver refused it in this sub-situation before (a retry asks first, where it can)."""
        bracket = None if reading is None else self.brackets.get((need, reading[0]))
        return bracket is not None and bracket.refused > 0

    def opinion(self, need: str, reading: Reading | None) -> bool | None:
        """True: suggest now (the driver wants it here, or it is the next probe); False: the driver did
        not want it at this value or less; None: no evidence here, leave it to the model."""
        if reading is None or need not in URGES:
            return None
        group, value = reading
        bracket = self.brackets.get((need, group))
        if bracket is None:
            return None
        if bracket.not_wanted is not None and value <= bracket.not_wanted:
            return False
        urge = URGES[need]
        trigger = bracket.trigger(urge.step)
        if trigger is None:
            return None
        if value >= trigger:
            return True
        return None if urge.model_below else False

    def describe(self) -> list[str]:
        """One line per need and sub-situation, in words ("defog (windshield): from fog risk 20 % …")."""
        lines = []
        for (need, group), bracket in sorted(self.brackets.items()):
            urge = URGES.get(need)
            if urge is None:
                continue
            trigger = bracket.trigger(urge.step)
            ends = [f"wanted at {urge.shown(bracket.wanted)}" if bracket.wanted is not None else None,
                    f"not at {urge.shown(bracket.not_wanted)}" if bracket.not_wanted is not None else None]
            when = "leaves it to the model" if trigger is None else f"suggests from {urge.shown(trigger)}"
            lines.append(f"{need} ({group}): {when}; " + "; ".join(e for e in ends if e)
                         + f" (kept {bracket.kept}, refused {bracket.refused})")
        return lines

    def state(self) -> dict[str, dict[str, dict[str, float | None]]]:
        out: dict[str, dict[str, dict[str, float | None]]] = {}
        for (need, group), bracket in sorted(self.brackets.items()):
            out.setdefault(need, {})[group] = {"not_wanted": bracket.not_wanted, "wanted": bracket.wanted,
                                               "kept": bracket.kept, "refused": bracket.refused}
        return out

    @classmethod
    def from_state(cls, state: dict | None) -> PersonalThresholds:
        thresholds = cls()
        for need, groups in (state or {}).items():
            for group, ends in groups.items():
                values = [ends.get("not_wanted"), ends.get("wanted")]
                counts = [ends.get("kept", 0), ends.get("refused", 0)]
                if any(v is not None and not isinstance(v, int | float) for v in values) \
                        or any(not isinstance(n, int) or n < 0 for n in counts):
                    raise ValueError(f"bad personal threshold for {need}/{group}: {ends!r}")
                ends_c = (None if v is None else float(v) for v in values)
                thresholds.brackets[(str(need), str(group))] = Bracket(*ends_c, *counts)
        return thresholds


__all__ = ["URGES", "Bracket", "PersonalThresholds", "Reading", "Urge", "reading_of"]
