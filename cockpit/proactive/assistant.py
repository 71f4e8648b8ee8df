"""The proactive assistant: runs the policy once a second, acts or offers cards, takes the answers.

It knows the cockpit only through what it is given: the context, the home's state, a way to perform
actions and a way to speak (so it can be tested, and reused by the model's evaluation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cockpit.actions import Action, ActionResult
from cockpit.context import CockpitContext
from cockpit.habits import Habit, HabitAdvisor, Situation, action_data_of
from cockpit.proactive.extras import HomeStates, ProactiveExtras, derive_extras
from cockpit.proactive.needs import need_met_by, need_undone_by
from cockpit.proactive.policy import ProactivePolicy, Suggestion
from cockpit.replies import habit_words
from cockpit.trace import TraceRecorder
from roadmap.geo import great_circle_m
from roadmap.map import RoadMap

PERIOD_S = 1.0
ANSWERS_SECTION = "proactive_answers"
HABIT_WINDOW_S = 5 * 60.0  # habits are offered in the first minutes of a drive
NEAR_PLACE_M = 300.0

Perform = Callable[[Action], ActionResult]
Speak = Callable[[str, dict[str, Any], str | None], None]  # reply key, params, seat
Report = Callable[[list[ActionResult], str | None], None]  # say what became of a card's actions, to a seat


class ProactiveAssistant:
    def __init__(
        self,
        policy: ProactivePolicy,
        trace: TraceRecorder,
        roadmap: RoadMap,
        home_state: Callable[[str], Any] | None,
        perform: Perform,
        speak: Speak,
        habits: HabitAdvisor | None = None,
        report: Report | None = None,
    ) -> None:
        """`report`: says what an accepted card's actions did (else "OK." is all that is said)."""
        self.policy = policy
        self._report = report
        self.habits = habits
        if habits is not None:
            # What this driver said to earlier cards tunes the thresholds (kept in the profile).
            policy.load_answers(habits.store.sections.get(ANSWERS_SECTION))
        self.language = "en"  # the cockpit keeps it to the language the driver last spoke
        self.trace = trace
        self.roadmap = roadmap
        self._home_state = home_state
        self._perform = perform
        self._speak = speak
        self._next_s = 0.0
        self._departed_s: float | None = None

    # --- what the policy sees ----------------------------------------------------------------
    def extras(self, context: CockpitContext) -> ProactiveExtras:
        if self._departed_s is None and context.is_moving:
            self._departed_s = context.time_s
        state = self._home_state or (lambda name: None)
        home_climate, garage, lights = state("living_room.ac"), state("garage"), state("entrance.light")
        home = HomeStates(
            inside_temp_c=state("living_room.temperature"),
            climate_on=None if home_climate is None else home_climate != "off",
            garage_open=None if garage is None else garage in ("open", "opening"),
            lights_on=None if lights is None else lights == "on",
        )
        minutes = 0.0 if self._departed_s is None else (context.time_s - self._departed_s) / 60
        return derive_extras(context, self.roadmap, home, minutes)

    # --- the loop ------------------------------------------------------------------------------
    def tick(self, context: CockpitContext) -> None:
        now = context.time_s
        expired = self.policy.expire(now)
        if expired is not None:
            self.trace.record(now, "suggestion", need=expired.need, status="expired")
        if now < self._next_s:
            return
        self._next_s = now + PERIOD_S
        self._offer_habit(context)
        for suggestion in self.policy.evaluate(context, self.extras(context)):
            if suggestion.mode == "act":
                self.trace.record(
                    now,
                    "suggestion",
                    need=suggestion.need,
                    status="acted",
                    score=suggestion.score,
                    basis=suggestion.basis,
                )
                self._run(suggestion, seat=None)
                self._save_answers()
            else:
                self.trace.record(
                    now,
                    "suggestion",
                    need=suggestion.need,
                    status="offered",
                    score=suggestion.score,
                    basis=suggestion.basis,
                )
                self._speak(suggestion.reply, suggestion.params, "driver")

    def answer(self, accepted: bool, now_s: float, seat: str = "driver") -> Suggestion | None:
        """accept / dismiss the pending card (voice yes/no, a tap, a scenario `respond`)."""
        suggestion = self.policy.answer(accepted, now_s)
        if suggestion is None:
            return None
        self.trace.record(now_s, "suggestion", need=suggestion.need, status="accepted" if accepted else "dismissed")
        self._save_answers()
        if accepted:
            results = self._run(suggestion, seat=seat, announce=False)
            if self._report is not None:
                self._report(results, seat)  # what was done, or why not: never a bare "OK." for a failure
            else:
                self._speak("ok", {}, seat)
        else:
            self._speak("suggestion_dismissed", {}, seat)
        return suggestion

    def has_card_for(self, seat: str) -> bool:
        """A card waits for this seat's answer (a passenger cannot confirm what the driver must)."""
        return self.policy.pending is not None and self.policy.pending.seat == seat

    def offer(self, suggestion: Suggestion, now_s: float, seat: str) -> None:
        """A confirmation the dialogue asks for ("Open the garage?"), answered like a card."""
        self.policy.offer(suggestion, now_s, seat)
        self.trace.record(now_s, "suggestion", need=suggestion.need, status="offered", score=1.0)

    def _run(self, suggestion: Suggestion, seat: str | None, announce: bool = True) -> list[ActionResult]:
        results = [self._perform(Action(a.kind, a.data, a.source, seat or a.seat)) for a in suggestion.actions]
        if announce and all(r.status == "sent" for r in results):
            self._speak(suggestion.reply, suggestion.params, None)
        return results

    def noticed(self, action: Action, now_s: float) -> None:
        """A person's own action (voice, screen, a button in the car): quiets the matching need, and
        the driver's own choices teach habits."""
        if action.source not in ("voice", "ui", "manual"):
            return
        undone = need_undone_by(action)
        if undone is not None and self.policy.undone(undone, now_s):
            self.trace.record(now_s, "suggestion", need=undone, status="undone")
            self._save_answers()
        home_temp = self._home_state("living_room.temperature") if self._home_state is not None else None
        met = need_met_by(action, home_temp if isinstance(home_temp, int | float) else None)
        if met is not None:
            self.policy.manual(met, now_s)  # the driver's personal threshold learns from it
            self._save_answers()
        if self.habits is not None and action.seat in ("driver", None):
            self.habits.observe(action.kind, dict(action.data))

    def _save_answers(self) -> None:
        if self.habits is not None:
            self.habits.store.sections[ANSWERS_SECTION] = self.policy.answers_state()
            self.habits.store.save()

    # --- habits -------------------------------------------------------------------------------
    def _offer_habit(self, context: CockpitContext) -> None:
        if self.habits is None or context.local_time is None:
            return
        if self.habits.situation is None:
            self.habits.start(Situation.of(context.local_time, self._place_at(context), context.outside_temp_c))
        if self.policy.pending is not None or context.time_s > HABIT_WINDOW_S:
            return
        habit = self.habits.next_offer(lambda h: _already_true(h, context))
        if habit is None:
            return
        kind, data = action_data_of(habit.control, habit.value)
        action = Action(kind, data, source="proactive", seat="driver")
        suggestion = Suggestion(
            f"habit:{habit.control}",
            "offer",
            (action,),
            "habit_offer",
            {"what": habit_words(kind, data, self.language)},
            1.0,
        )
        self.offer(suggestion, context.time_s, "driver")
        self._speak("habit_offer", suggestion.params, "driver")

    def _place_at(self, context: CockpitContext) -> str | None:
        if context.position is None:
            return None
        for name in ("home", "office"):
            place = self.roadmap.places.get(name)
            if place is not None and great_circle_m(*context.position, place.lat, place.lon) <= NEAR_PLACE_M:
                return name
        return None


def _already_true(habit: Habit, context: CockpitContext) -> bool:
    kind, data = action_data_of(habit.control, habit.value)
    if kind == "climate.set_temperature":
        return context.set_points.get(data.get("zone", "driver")) == data.get("temperature")
    if kind == "seat.heat":
        return context.seat_heat.get(data.get("zone", "driver")) == data.get("level")
    return False
