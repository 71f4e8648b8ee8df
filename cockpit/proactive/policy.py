"""The proactive policy: an ONNX model scores needs; rules decide what to do about them, without nagging.

- A need triggers when its score crosses its threshold (from the model card) and re-arms only after
  the score has fallen below the threshold minus a hysteresis band (or the driver's own threshold says
  no, or the situation the need was read in is over: parked for the break, home): no flapping.
- A need that was offered or met waits out its cooldown; a dismissed need is suppressed for longer.
- Low-risk needs with a confident score are met at once ("I've turned on the seat heater"); the rest
  are offered once, on a card, and wait for accept or dismiss (or expire: after CARD_EXPIRES_S, or at
  the arrival for the arrival cards). A need without card wording (`NeedSpec.words.offer`) is never
  offered (it is acted on when confident, or left alone).
- A need may be due by a fact whatever its score (`NeedSpec.due_regardless`: the battery cannot reach
  the destination); the driver's refusals still hold.
- Stale or missing data never triggers anything: the features carry 'known' flags, and a need whose
  plan cannot be built from fresh data is skipped.
- Learnt habits (the driver's own repeated choices) are offered like needs.
- The driver's answers are remembered per (need, coarse situation) as Beta(accept, dismiss) counts:
  dismissals raise that need's effective threshold there (and, after enough of them, mute it),
  acceptances lower it a little; an act the driver undid is a dismissal and makes the need ask
  first next time in that situation. The memory is a plain dict (`answers_state()` /
  `load_answers()`) kept in the driver's profile; it is deterministic (counts, no clock, no RNG).
- The same answers, and what the driver does by hand, bracket the driver's own threshold on the
  quantity each need grows with (cockpit/proactive/preferences.py): where that bracket has an opinion
  it overrides the model's score (suggest at the learnt trigger, stay quiet below what was refused).
- A driver who refused LEAVE_ALONE_AFTER suggestions and kept none is left alone: nothing is suggested
  unasked any more (`main.py habits reset` starts over).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from cockpit.actions import Action
from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.needs import NEED_SPECS, NeedSpec, Plan
from cockpit.proactive.preferences import Bracket, PersonalThresholds, Readings

HYSTERESIS = 0.2
CARD_EXPIRES_S = 45.0
# A card about the arrival (`NeedSpec.card_until_arrival`: open the garage, the entrance light) stays up until
# the car gets home (at most this long): the question stays relevant, and the driver answers when the road allows.
ARRIVAL_CARD_MAX_S = 300.0
UNDO_WINDOW_S = 300.0  # reverting an act within this long counts as a dismissal
ANSWERS_VERSION = 2  # 2: + the personal thresholds; version 1 profiles still load
SITUATION_PRIOR = 2.0  # pseudo-answers pulling a situation toward the need's overall answer rate
SWING_UP = 0.45  # max threshold raise (all dismissed)
SWING_DOWN = 0.15  # max threshold drop (all accepted)
MUTE_AFTER = 3  # dismissals (and no acceptance) in one situation -> muted there
MIN_THRESHOLD = 0.1
LEAVE_ALONE_AFTER = 4  # suggestions refused, and none ever kept: the driver wants no unasked help
# The first "not now" in a drive for a need that grows (the garage as home nears, the fog as it
# thickens) holds it only this long for the personal threshold, which asks again once it is clearly
# more needed; the model's score waits out the need's whole dismissal time.
RETRY_AFTER_FIRST_DISMISSAL_S = 60.0


def situation_of(need: str, context: CockpitContext, extras: ProactiveExtras) -> str:
    """A coarse situation for the answer memory (`NeedSpec.situation`): the band of the quantity the driver's
    hidden preference for this need acts on (cabin temperature for comfort, home temperature for the home
    climate, fog risk, fatigue, range margin, route distance left for the garage, time left for the home
    lights); "any" for a need the policy has no spec of."""
    spec = NEED_SPECS.get(need)
    return "any" if spec is None else spec.situation(context, extras)


def _actions(planned: Plan) -> tuple[Action, ...]:
    return tuple(Action(kind, data, source="proactive", seat="driver") for kind, data in planned[0])


@dataclass(frozen=True)
class Suggestion:
    need: str
    mode: str  # act | offer
    actions: tuple[Action, ...]
    reply: str
    params: dict
    score: float
    basis: str = "model"  # model: the needs model's score; personal: this driver's own threshold;
    # fact: due whatever the score (NeedSpec.due_regardless)


@dataclass
class _NeedState:
    armed: bool = True
    quiet_until_s: float = float("-inf")
    dismissed_until_s: float = float("-inf")  # the model's score waits this out; the personal threshold may not
    dismissals: int = 0  # in this drive

    def hold_after_dismissal(self, spec: NeedSpec, now_s: float) -> None:
        self.dismissals += 1
        hold = spec.dismissed_for_s
        self.dismissed_until_s = now_s + hold
        if self.dismissals == 1 and spec.urge is not None:
            hold = min(hold, RETRY_AFTER_FIRST_DISMISSAL_S)
        self.quiet_until_s = now_s + hold  # replaces the cooldown of the suggestion just refused

    def waits(self, now_s: float, personal: bool) -> bool:
        return now_s < self.quiet_until_s or (not personal and now_s < self.dismissed_until_s)


@dataclass
class Card:
    suggestion: Suggestion
    offered_s: float
    seat: str = "driver"
    situation: str | None = None
    expires_s: float | None = None  # None: offered_s + CARD_EXPIRES_S
    readings: Readings = ()  # the need's quantities when offered (for the personal threshold)


@dataclass
class AnswerMemory:
    """Per-driver answers: {(need, situation): [accepts, dismissals]} (floats, so a profile may decay them)."""

    counts: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    personal: PersonalThresholds = field(default_factory=PersonalThresholds)

    def record(self, need: str, situation: str, accepted: bool) -> None:
        self.counts.setdefault((need, situation), [0.0, 0.0])[0 if accepted else 1] += 1.0

    def _need_totals(self, need: str) -> tuple[float, float]:
        a = d = 0.0
        for (n, _), (acc, dis) in self.counts.items():
            if n == need:
                a, d = a + acc, d + dis
        return a, d

    def accept_rate(self, need: str, situation: str) -> float:
        """Posterior mean of 'accepts' in this situation: Beta(1, 1) on the need overall, which is the
        prior (SITUATION_PRIOR pseudo-answers) for the situation. 0.5 with no answers at all."""
        a, d = self._need_totals(need)
        need_rate = (a + 1.0) / (a + d + 2.0)
        acc, dis = self.counts.get((need, situation), (0.0, 0.0))
        return (acc + SITUATION_PRIOR * need_rate) / (acc + dis + SITUATION_PRIOR)

    def muted(self, need: str, situation: str) -> bool:
        acc, dis = self.counts.get((need, situation), (0.0, 0.0))
        return acc == 0.0 and dis >= MUTE_AFTER

    def dismissed(self, need: str, situation: str) -> bool:
        return self.counts.get((need, situation), (0.0, 0.0))[1] > 0.0

    def leaves_alone(self) -> bool:
        """The driver refused LEAVE_ALONE_AFTER suggestions and kept none: whatever they want, they want
        to do it themselves, and nothing is suggested unasked any more (until the profile is reset)."""
        dismissed = sum(d for _, d in self.counts.values())
        accepted = sum(a for a, _ in self.counts.values())
        return dismissed >= LEAVE_ALONE_AFTER and not accepted and not self.personal.kept_any()

    def effective_threshold(self, need: str, situation: str, threshold: float) -> float:
        """The model-card threshold moved by the answers: up to +SWING_UP when everything was dismissed,
        down to -SWING_DOWN when everything was accepted; inf when muted in this situation."""
        if self.muted(need, situation):
            return math.inf
        rate = self.accept_rate(need, situation)
        shift = (0.5 - rate) * 2.0 * (SWING_UP if rate < 0.5 else SWING_DOWN)
        return max(MIN_THRESHOLD, threshold + shift)

    def state(self) -> dict:
        answers: dict[str, dict[str, dict[str, float]]] = {}
        for (need, situation), (acc, dis) in sorted(self.counts.items()):
            answers.setdefault(need, {})[situation] = {"accepted": acc, "dismissed": dis}
        return {"version": ANSWERS_VERSION, "answers": answers, "thresholds": self.personal.state()}

    @classmethod
    def from_state(cls, state: dict | None) -> AnswerMemory:
        memory = cls()
        if not state:
            return memory
        if state.get("version") not in (1, ANSWERS_VERSION):
            raise ValueError(f"unknown proactive answers version {state.get('version')!r} (expected {ANSWERS_VERSION})")
        memory.personal = PersonalThresholds.from_state(state.get("thresholds"))
        for need, situations in (state.get("answers") or {}).items():
            for situation, c in situations.items():
                acc, dis = float(c.get("accepted", 0.0)), float(c.get("dismissed", 0.0))
                if acc < 0 or dis < 0 or not (math.isfinite(acc) and math.isfinite(dis)):
                    raise ValueError(f"bad answer counts for {need}/{situation}: {c!r}")
                memory.counts[(str(need), str(situation))] = [acc, dis]
        return memory


def can_offer(spec: NeedSpec) -> bool:
    """The need has a card to offer it with (`NeedSpec.words.offer`); the low-risk needs without one (seat
    heat, lights, defog, pre-conditioning) are acted on when confident, or wait."""
    return spec.words.offer is not None


def _card_expiry(spec: NeedSpec, now_s: float, extras: ProactiveExtras) -> float:
    """When a card offered now expires: CARD_EXPIRES_S, or the arrival (+15 s) for arrival cards."""
    eta = extras.eta_home_s
    if spec.card_until_arrival and extras.heading_home and eta is not None:
        return now_s + max(CARD_EXPIRES_S, min(ARRIVAL_CARD_MAX_S, float(eta) + 15.0))
    return now_s + CARD_EXPIRES_S


@dataclass
class ProactivePolicy:
    """`score` maps a context (+ extras) to {need: probability}; `thresholds` come from the model card."""

    score: Callable[[CockpitContext, ProactiveExtras], dict[str, float]] | None
    thresholds: dict[str, float]
    specs: dict[str, NeedSpec] = field(default_factory=lambda: dict(NEED_SPECS))
    _states: dict[str, _NeedState] = field(default_factory=dict)
    pending: Card | None = None
    memory: AnswerMemory = field(default_factory=AnswerMemory)
    # need -> (when, situation, readings, its personal brackets before) of the last act
    _acted: dict[str, tuple[float, str, Readings, dict[str, Bracket | None]]] = field(default_factory=dict)
    _readings: dict[str, Readings] = field(default_factory=dict)  # at the last evaluate()

    def new_drive(self) -> None:
        """Forget what this drive offered, did and held back; what the driver answered (the memory) stays."""
        self._states.clear()
        self.pending = None
        self._acted.clear()
        self._readings.clear()

    # --- the driver's answers ---------------------------------------------------------------------
    def answers_state(self) -> dict:
        """The answer memory as a plain JSON-able dict (for the driver's profile)."""
        return self.memory.state()

    def load_answers(self, state: dict | None) -> None:
        """Replace the answer memory by a saved `answers_state()` (None / {}: empty)."""
        self.memory = AnswerMemory.from_state(state)

    def effective_threshold(self, need: str, context: CockpitContext, extras: ProactiveExtras) -> float:
        spec = self.specs.get(need)
        situation = "any" if spec is None else spec.situation(context, extras)
        return self.memory.effective_threshold(need, situation, self.thresholds.get(need, 1.0))

    def undone(self, need: str, now_s: float, within_s: float = UNDO_WINDOW_S) -> bool:
        """The driver reverted what the assistant just did for `need` (e.g. turned the seat heater off
        again within `within_s`): counted as a dismissal, suppressed like one, and the need asks first
        next time in that situation. Returns whether it was counted."""
        acted = self._acted.pop(need, None)
        if acted is None or now_s - acted[0] > within_s:
            return False
        when, situation, readings, before = acted
        self.memory.record(need, situation, accepted=False)
        self.memory.personal.restore(need, before)  # the act was not wanted after all
        self.memory.personal.learn(need, readings, wanted=False)
        spec = self.specs.get(need)
        if spec is not None:
            self._states.setdefault(need, _NeedState()).hold_after_dismissal(spec, now_s)
        return True

    def evaluate(self, context: CockpitContext, extras: ProactiveExtras) -> list[Suggestion]:
        if self.score is None:
            return []
        now = context.time_s
        leave_alone = self.memory.leaves_alone()
        scores = {} if leave_alone else self.score(context, extras)
        suggestions = []
        personal = self.memory.personal
        for need, spec in self.specs.items():
            # what the need reads now, kept for `manual()`
            readings = self._readings[need] = () if spec.urge is None else spec.urge.read(context, extras)
            if leave_alone:
                continue
            score = scores.get(need, 0.0)
            situation = spec.situation(context, extras)
            opinion = personal.opinion(need, readings)
            threshold = self.memory.effective_threshold(need, situation, self.thresholds.get(need, 1.0))
            state = self._states.setdefault(need, _NeedState())
            # re-armed once the score falls clear of the threshold, the driver's threshold says no, or the
            # situation it was read in is over (parked for the break, home, the defroster on)
            if score < threshold - HYSTERESIS or opinion is False or (not readings and spec.urge is not None):
                state.armed = True
            # where the driver's own threshold has an opinion, it decides (its reading checks the context)
            due = score >= threshold if opinion is None else opinion
            forced = (
                not due
                and opinion is None
                and math.isfinite(threshold)
                and spec.due_regardless is not None
                and spec.due_regardless(context, extras)
            )
            due = due or forced
            if not due or not state.armed or state.waits(now, personal=opinion is True):
                continue
            if not spec.low_risk and self.pending is not None:
                continue  # one card at a time; this need triggers again once the card is answered
            planned = spec.plan(context, extras)
            if planned is None:
                continue
            actions, params = _actions(planned), planned[1]
            confident = score >= min(0.99, threshold + spec.act_margin)
            dismissed = self.memory.dismissed(need, situation)
            # refused before: ask first, where there are words to ask with
            ask_first = can_offer(spec) and (dismissed or personal.refused_before(need, readings))
            direct = not ask_first and (opinion is True or (confident and not dismissed))
            mode = "act" if spec.low_risk and direct else "offer"
            if mode == "offer" and (self.pending is not None or not can_offer(spec)):
                continue  # a need with no card wording is only ever acted on (when confident) or left alone
            state.armed = False
            state.quiet_until_s = now + spec.cooldown_s
            reply = f"{spec.reply}_{'done' if mode == 'act' else 'offer'}"
            basis = "personal" if opinion is True else "fact" if forced else "model"
            suggestion = Suggestion(need, mode, actions, reply, params, round(score, 3), basis)
            if mode == "offer":
                self.pending = Card(
                    suggestion, now, situation=situation, expires_s=_card_expiry(spec, now, extras), readings=readings
                )
            else:
                self._acted[need] = (now, situation, readings, personal.snapshot(need, readings))
                personal.learn(need, readings, wanted=True)
            suggestions.append(suggestion)
        return suggestions

    def answer(self, accepted: bool, now_s: float) -> Suggestion | None:
        """The driver's answer to the pending card; returns it (its actions run if accepted)."""
        card, self.pending = self.pending, None
        if card is None:
            return None
        if card.situation is not None:  # a card from a score (not a dialogue confirmation or a habit)
            self.memory.record(card.suggestion.need, card.situation, accepted)
            self.memory.personal.learn(card.suggestion.need, card.readings, wanted=accepted)
        if not accepted:
            spec = self.specs.get(card.suggestion.need)
            if spec is not None:
                self._states.setdefault(card.suggestion.need, _NeedState()).hold_after_dismissal(spec, now_s)
        return card.suggestion

    def offer(self, suggestion: Suggestion, now_s: float, seat: str = "driver") -> None:
        """Put a card up that did not come from a score (a confirmation the dialogue asks for)."""
        self.pending = Card(suggestion, now_s, seat)

    def expire(self, now_s: float) -> Suggestion | None:
        """A card nobody answered: withdrawn (and not offered again before its cooldown)."""
        card = self.pending
        if card is None:
            return None
        expires = card.expires_s if card.expires_s is not None else card.offered_s + CARD_EXPIRES_S
        if now_s >= expires:
            self.pending = None
            return card.suggestion
        return None

    def manual(self, need: str, now_s: float) -> None:
        """The driver just did by hand what `need` would have done: they wanted it at the quantity the
        policy last saw (the personal threshold learns it), and it stays quiet for a while."""
        self.memory.personal.learn(need, self._readings.get(need, ()), wanted=True, by_hand=True)
        spec = self.specs.get(need)
        if spec is not None:
            self.quiet(need, now_s, spec.quiet_after_manual_s)

    def quiet(self, need: str, now_s: float, for_s: float) -> None:
        """Someone just did this by hand: don't also do it for them."""
        state = self._states.setdefault(need, _NeedState())
        state.quiet_until_s = max(state.quiet_until_s, now_s + for_s)
