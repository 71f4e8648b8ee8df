"""The cockpit loop: bus → signal store → context → understanding, dialogue, proactive rules → actions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import can

from canbus.codec import Value
from canbus.port import BusPort
from cockpit.actions import Action, ActionPorts, ActionResult
from cockpit.bus import BusFault, BusReader, CommandWriter, make_signal_store
from cockpit.clarify import clarifying_question, short_answer
from cockpit.confirmations import confirmation_for
from cockpit.context import CockpitContext, build_context
from cockpit.dialogue import DialogueManager, Request, Turn
from cockpit.habits import HabitAdvisor
from cockpit.home import FAILED, REFUSED, HomeResult
from cockpit.home.geofence import Zone, is_guarded_home_access
from cockpit.manual_changes import MANUAL_SIGNALS, ManualChangeWatch
from cockpit.navigation.navigator import Navigator, UnknownDestinationError
from cockpit.outcome import outcome_words
from cockpit.parts import HeadUnitParts
from cockpit.plausibility import PlausibilityMonitor
from cockpit.proactive.assistant import ProactiveAssistant
from cockpit.proactive.policy import ProactivePolicy, Suggestion
from cockpit.replies import reply_text
from cockpit.signals import Quality
from cockpit.trace import TraceRecorder
from cockpit.voice_out import SpeechOut
from roadmap.map import RoadMap

COMMAND_CYCLE_S = 0.1
OWN_COMMAND_ECHO_S = 2.0  # a change this soon after our own request is the car obeying it


MIN_CONFIDENCE = 0.5
FAULT_RECORD_INTERVAL_S = 1.0
BUS_SILENT_S = 0.5  # no frame of any kind for this long: the bus is down (the fastest message comes every 10 ms)


# Parts that answer what was asked rather than ask something: a yes, a no, a never mind.
_ANSWERS = ("dialog.confirm", "dialog.deny", "dialog.cancel")


class Cockpit:
    """The head unit. It knows the car only through its bus port; its policies and clients come in `parts`
    (cockpit/parts.py), and it builds only its wiring to the bus and to its own state."""

    def __init__(self, port: BusPort, trace: TraceRecorder, roadmap: RoadMap, parts: HeadUnitParts) -> None:
        self.parts = parts
        self.trace = trace
        self.store = make_signal_store(port.codec)
        self.reader = BusReader(port.codec, self.store, on_fault=self._on_bus_fault)
        self.port = port
        self.commands = CommandWriter(port)
        self.navigator = Navigator(
            roadmap,
            self.commands,
            position=lambda: self.context.position,
            heading=lambda: self.context.heading_deg if self.context.is_moving else None,
        )
        self.speech = SpeechOut(self._on_speech)
        home = self.home = parts.home
        self.geofence = parts.geofence
        home_place = roadmap.places.get("home")
        self._home_position = (home_place.lat, home_place.lon) if home_place is not None else None
        self.ports = ActionPorts(
            self.commands,
            self.navigator,
            self.speech,
            home=home,
            near_home=lambda: self.geofence.inside(self.context.distance_to_home_m),
            range_m=lambda: self.context.range_m,
        )
        self.registry = parts.registry
        self.understander = parts.understander
        self.dialogue = DialogueManager(home_query=self._home_query if home is not None else None)
        self.guard = parts.guard()
        self.confirmations = parts.confirmations
        self._waiting: list[tuple[Action, float]] = []  # garage/gate requests waiting for the radius
        self.assistant = ProactiveAssistant(
            parts.proactive or ProactivePolicy(score=None, thresholds={}),
            trace,
            roadmap,
            home.state if home is not None else None,
            perform=self.perform,
            speak=self._speak_key,
            habits=HabitAdvisor(parts.habits) if parts.habits is not None else None,
            report=self._report_outcomes,
        )
        self.driver_monitor = parts.driver_monitor
        self.language = self.assistant.language = parts.language
        self.now_s = 0.0
        self.context: CockpitContext = build_context(self.store, 0.0, self._home_position)
        self._next_command_s = 0.0
        self._quality: dict[str, Quality] = {}
        self._last_fault_record_s: dict[str, float] = {}
        self._seen_paths: set[str] = set()
        self.manual_changes = ManualChangeWatch(self.store)
        self.plausibility = PlausibilityMonitor.for_bus(port.codec.database, self.store, settings=MANUAL_SIGNALS)
        self._bus_silent = False

    # --- the bus ------------------------------------------------------------------------------
    def receive(self, frames: Iterable[can.Message], now_s: float) -> None:
        self.reader.handle_all(frames, now_s)

    def poll_bus(self, now_s: float) -> None:
        frames = self.port.receive_pending()
        if frames:
            self.receive(frames, now_s)
        self.commands.flush(now_s)  # command repeats go out at their DBC cycle, not only on the 100 ms tick

    def _on_bus_fault(self, fault: BusFault) -> None:
        self.manual_changes.fault(fault.message, fault.time_s)
        last = self._last_fault_record_s.get(fault.message)
        if last is None or fault.time_s - last >= FAULT_RECORD_INTERVAL_S:
            self._last_fault_record_s[fault.message] = fault.time_s
            self.trace.record(fault.time_s, "bus_fault", message=fault.message, status=fault.status)

    # --- the loop -----------------------------------------------------------------------------
    def _refresh_context(self, now_s: float) -> None:
        self.now_s = now_s
        self.context = build_context(self.store, now_s, self._home_position)

    def tick(self, now_s: float) -> None:
        """One cockpit cycle (10 Hz): judge the data, refresh the context, trace changes, run rules, send commands."""
        for verdict in self.plausibility.update(now_s):
            self.trace.record(
                now_s, "plausibility", check=verdict.check, messages=sorted(verdict.messages), doubting=verdict.doubting
            )
        self._refresh_context(now_s)
        self._trace_signal_changes(now_s)
        self._poll_home(now_s)
        self._carry_out_waiting(now_s)
        self._monitor_driver(now_s)
        self.assistant.tick(self.context)
        if now_s + 1e-9 >= self._next_command_s:
            self._next_command_s = now_s + COMMAND_CYCLE_S
            self.commands.flush(now_s)

    def _trace_signal_changes(self, now_s: float) -> None:
        for path in sorted(self.store.take_changes()):
            value = self.store.last(path)
            self.trace.record(now_s, "signal", path=path, value=value)
            if path in MANUAL_SIGNALS and value is not None:
                if self._first_values_pending(path):
                    self.manual_changes.baseline(path, value)
                else:
                    self.manual_changes.changed(path, value, now_s)
        for path, value, changed_s in self.manual_changes.settled(now_s):
            self._notice_manual_change(path, value, changed_s, now_s)
        missing, valid = Quality.MISSING, Quality.VALID
        qualities = self.store.qualities(now_s)
        for message, quality in qualities:
            if self._quality.get(message, missing) is not quality:
                if message in self._quality or quality is not valid:
                    self.trace.record(now_s, "signal_quality", message=message, quality=quality.value)
                self._quality[message] = quality
        # No frame at all is the bus, not its senders (bus-off, a cut wire): said once, as such.
        last_frame_s = self.reader.last_frame_s
        silent = last_frame_s is not None and now_s - last_frame_s > BUS_SILENT_S
        if silent != self._bus_silent:
            self._bus_silent = silent
            self.trace.record(now_s, "bus_state", state="silent" if silent else "active")

    # --- people -------------------------------------------------------------------------------
    def hear(self, seat: str, text: str, now_s: float) -> list[ActionResult]:
        """An utterance from a seat's microphone zone (or typed for that seat). A request with several
        commands is carried out part by part, in spoken order, each through the guard and its confirmation,
        and each part gets its own reply (what was done, what was refused and why)."""
        self._refresh_context(now_s)
        understanding = self.understander.understand(text)
        lang = self.language = self.assistant.language = understanding.lang
        parts = tuple(getattr(understanding, "parts", ()) or ()) or (understanding,)
        self.trace.record(
            now_s,
            "utterance",
            speaker="user",
            seat=seat,
            text=text,
            lang=lang,
            intent=understanding.intent,
            confidence=understanding.confidence,
            slots=dict(understanding.slots),
            **({"parts": [{"intent": p.intent, "slots": dict(p.slots)} for p in parts]} if len(parts) > 1 else {}),
        )
        spoken_alone = len(parts) == 1  # a part's own words are the request's only when it is the only part
        if self.assistant.has_card_for(seat):
            answer = short_answer(text) if len(parts) == 1 else None
            if answer is None and parts[0].intent in _ANSWERS:
                answer = parts[0].intent == "dialog.confirm"  # a never mind before a command turns the card down
            if answer is not None:
                self.assistant.answer(answer, now_s, seat)
                parts = parts[1:]  # "yes, and turn on the headlights": the rest is carried out as usual
        elif len(parts) > 1 and parts[0].intent in _ANSWERS:
            # "no, turn on the AC" with nothing asked: the no answers nothing, the rest is asked; "算了，给老张打电话"
            # never undoes the last command, it only gives up on what came before the call.
            parts = parts[1:]
        results: list[ActionResult] = []
        for part in parts:
            part_text = text if spoken_alone else getattr(part, "text", text)
            request = Request(part.intent, part.slots, seat, lang, part_text, now_s)
            turn = self.dialogue.said_otherwise(request, self.context)  # the words over the model's reading
            if turn is None and part.confidence < MIN_CONFIDENCE:
                turn = self.dialogue.follow_up(request, self.context)  # "also the rear" has no intent of its own
                if turn is None:
                    alternative = getattr(understanding, "alternative", None) if spoken_alone else None
                    self.speech.say(clarifying_question(part.intent, alternative, lang), lang=lang, seat=seat)
                    continue
            elif turn is None:
                turn = self.dialogue.respond(request, self.context)
            if self._ask_first(turn, seat, now_s):
                continue
            results += self._carry_out(turn, lang=lang, seat=seat)
        self.commands.flush(now_s)  # the first frame of a request goes out at once, then cyclically
        return results

    def answer_card(self, accepted: bool, now_s: float, seat: str = "driver") -> None:
        """accept / dismiss the card on screen (a tap, or a scenario's `respond` event)."""
        self.now_s = now_s
        self.assistant.answer(accepted, now_s, seat)
        self.commands.flush(now_s)

    def _ask_first(self, turn: Turn, seat: str, now_s: float) -> bool:
        """Consequential requests wait for a yes (cockpit/confirmations.py: the garage or gate, and a passenger's
        route change, which the driver confirms). Requests the guard refuses are not asked about."""
        for action in turn.actions:
            needed = confirmation_for(action, seat, self.confirmations)
            if needed is None or self.guard.check(action, self.context) is not None:
                continue
            suggestion = Suggestion(f"confirm:{action.kind}", "offer", turn.actions, turn.reply, dict(turn.params), 1.0)
            self.assistant.offer(suggestion, now_s, needed.confirming_seat)
            self._speak_key(needed.reply_key, needed.params, needed.confirming_seat)
            return True
        return False

    def _speak_key(self, key: str, params: dict, seat: str | None) -> None:
        self.speech.say(reply_text(key, self.language, **params), lang=self.language, seat=seat)

    def navigate(
        self, destination: str, via: str | None = None, charge_to_pct: float | None = None, now_s: float | None = None
    ) -> None:
        """A destination entered on the screen (or by the scenario's initial route)."""
        self._refresh_context(self.now_s if now_s is None else now_s)
        action = Action(
            "nav.navigate", {"destination": destination, "via": via, "charge_to": charge_to_pct}, source="ui"
        )
        self._carry_out(Turn((action,), "navigating", {"place": destination}), lang="en", seat=None, speak=False)

    def perform(self, action: Action, now_s: float | None = None) -> ActionResult:
        """One action from any source (voice, proactive, screen): safety guard, registry, trace, bus."""
        if now_s is not None:
            self.now_s = now_s
        data = {k: v for k, v in action.data.items() if v is not None}
        action = Action(action.kind, data, action.source, action.seat)
        refusal = self.guard.check(action, self.context)
        if refusal is not None:
            result = ActionResult(action, "refused", refusal.rule, refusal.reason_key, dict(refusal.params))
        elif self._must_wait_for_home(action):
            # Asked on the approach: carried out on reaching the radius (_carry_out_waiting), not refused.
            self._waiting.append((action, self.now_s))
            result = ActionResult(
                action,
                "deferred",
                "home_access_waits_for_radius",
                "home_access_when_near",
                {"radius": self.geofence.open_radius_m},
            )
        elif unheard := self._unheard_systems(action):
            # Stale data never drives an action: what the car reports for it is not trusted right now.
            result = ActionResult(action, "refused", "signal_stale", "refuse_signal_stale", {"system": unheard[0]})
        else:
            result = self.registry.execute(action, self.ports)
        self.trace.record(
            self.now_s,
            "action",
            kind=action.kind,
            status=result.status,
            source=action.source,
            seat=action.seat,
            reason=result.reason,
            **data,
        )
        if result.status == "sent":
            self.assistant.noticed(action, self.now_s)
        if result.status == "sent" and now_s is not None:
            self.commands.flush(self.now_s)  # the first frame goes out at once, then cyclically
        return result

    def _must_wait_for_home(self, action: Action) -> bool:
        return (
            is_guarded_home_access(action.kind, action.data.get("device"))
            and self.geofence.zone(self.context.distance_to_home_m) is Zone.APPROACHING
        )

    def _carry_out_waiting(self, now_s: float) -> None:
        """Garage and gate requests accepted on the approach: done once within the radius; lapsed (and said so)
        if the car turns away or does not get there in time."""
        if not self._waiting:
            return
        zone = self.geofence.zone(self.context.distance_to_home_m)
        still_waiting = []
        for action, since_s in self._waiting:
            if zone is Zone.INSIDE:
                self._report_outcomes([self.perform(action)], action.seat)
            elif zone is not Zone.APPROACHING or now_s - since_s > self.geofence.wait_s:
                self.trace.record(
                    now_s,
                    "action",
                    kind=action.kind,
                    status="lapsed",
                    source=action.source,
                    seat=action.seat,
                    reason="home_access_not_reached",
                    **action.data,
                )
                self._speak_key(
                    "home_access_lapsed",
                    {"device": action.data.get("device", ""), "radius": self.geofence.open_radius_m},
                    action.seat,
                )
            else:
                still_waiting.append((action, since_s))
        self._waiting = still_waiting

    def _unheard_systems(self, action: Action) -> list[str]:
        """The ECUs (DBC node names) whose report of this action's effect is stale or missing."""
        messages = {self.store.message_of(path) for path in self.registry.feedback_paths(action)}
        return sorted(
            {
                self.port.codec[m].message.senders[0]
                for m in messages
                if self.store.message_quality(m, self.now_s) is not Quality.VALID
            }
        )

    def _carry_out(self, turn: Turn, lang: str, seat: str | None, speak: bool = True) -> list[ActionResult]:
        results = [self.perform(action) for action in turn.actions]
        if turn.refused_unheard is not None:
            self.trace.record(
                self.now_s,
                "action",
                kind=turn.refused_unheard,
                status="refused",
                source="voice",
                seat=seat,
                reason="signal_stale",
            )
        reply, params = turn.reply, dict(turn.params)
        for result in results:
            if "place" in result.details:  # the place the navigator chose ("the next rest area"), by its name
                params["place"] = self._place_words(result.details["place"], lang)
            if result.status == "failed" and result.action.kind == "nav.navigate":
                reply, params = "unknown_place", {"place": result.action.data.get("destination")}
            elif result.status != "sent":
                # The turn's reply says it is done: an action refused, invalid or failed says why instead.
                reply, params = result.reply_key or "action_failed", {**params, **result.reply_params}
        if speak:
            self.speech.say(reply_text(reply, lang, **params), lang=lang, seat=seat)
        return results

    def _report_outcomes(self, results: list[ActionResult], seat: str | None) -> None:
        """What an accepted card's actions did, in one reply: each done, or why not."""
        texts = []
        for result in results:
            key, params = outcome_words(result)
            if "place" in params and isinstance(params["place"], str):
                params["place"] = self._place_words(params["place"], self.language)
            texts.append(reply_text(key, self.language, **params))
        separator = "" if self.language == "zh" else " "
        self.speech.say(
            separator.join(dict.fromkeys(texts)) or reply_text("ok", self.language), lang=self.language, seat=seat
        )

    def _place_words(self, name: str, lang: str) -> str:
        place = self.navigator.roadmap.places.get(name)
        return self.navigator.spoken_name(place, lang) if place is not None else name

    def _on_speech(self, text: str, lang: str, seat: str | None, kind: str) -> None:
        self.trace.record(self.now_s, "utterance", speaker="assistant", seat=seat, text=text, lang=lang, kind=kind)

    def _notice_manual_change(self, path: str, value: Value, changed_s: float, now_s: float) -> None:
        """A set point, seat heater, the climate or the defroster was changed by a hand in the car (not
        at the cockpit's request), and the change held on a clean bus (cockpit/manual_changes.py)."""
        kind, message, data_of = MANUAL_SIGNALS[path]
        if changed_s - self.commands.last_request_s(message) <= OWN_COMMAND_ECHO_S:
            return  # the car doing what the cockpit asked
        data = data_of(value)
        self.trace.record(now_s, "manual_change", kind=kind, **data)
        self.assistant.noticed(Action(kind, data, source="manual", seat="driver"), now_s)

    def _first_values_pending(self, path: str) -> bool:
        # The first value of a signal is the car's state when we connected, not somebody's choice.
        if path in self._seen_paths:
            return False
        self._seen_paths.add(path)
        return True

    def _poll_home(self, now_s: float) -> None:
        if self.home is None:
            return
        for event in self.home.poll(now_s):
            # Recorded when the cockpit learns of it (the trace's time never runs backwards).
            self.trace.record(now_s, event.record_type, **event.record())
            if isinstance(event, HomeResult) and event.status in (FAILED, REFUSED):
                key = "home_failed" if event.status == FAILED else "home_refused"
                self.speech.say(
                    reply_text(
                        key, self.language, device=event.device.replace("_", " ").replace(".", " "), reason=event.reason
                    ),
                    lang=self.language,
                    seat=None,
                )

    def _home_query(self, slots: Mapping[str, Any]) -> dict:
        from cockpit.home.intents import query

        assert self.home is not None, "the dialogue has a home query only when the cockpit has a home"
        return query(slots, self.home.catalogue(), self.home.state)

    def _monitor_driver(self, now_s: float) -> None:
        for alert in self.driver_monitor.update(self.context):
            self.trace.record(now_s, "alert", kind=alert.kind, level=alert.level)
            if alert.reply is not None:
                params = {"rest_area": self._nearest_rest_area_phrase()} if alert.kind == "drowsiness" else {}
                self.speech.say(
                    reply_text(alert.reply, self.language, **params), lang=self.language, seat="driver", kind="alert"
                )

    def _nearest_rest_area_phrase(self) -> str:
        """The rest area a break would be taken at: the one already on the route, else the next one ahead."""
        navigator, lang = self.navigator, self.language
        planned = navigator.roadmap.places.get(navigator.place_name(self.context.next_stop_id) or "")
        try:
            place = (
                planned if planned is not None and planned.kind == "rest_area" else navigator.stop_ahead("rest_area")
            )
        except UnknownDestinationError:
            return ""
        return reply_text("next_rest_area", lang, name=navigator.spoken_name(place, lang))
