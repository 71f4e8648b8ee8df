"""Turns through the whole cockpit, judged from its trace: understanding → dialogue → guard → action → reply.

A run is a real RunSession (the simulated car on a virtual CAN bus, the real Cockpit, the embedded house), so a
request goes all the way: the car's ECUs obey the command frames and the house answers the home commands. A turn
is `Cockpit.hear` followed by enough simulated time for the house to answer; the judge reads what the trace
recorded in that window.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cockpit.actions import build_default_registry
from cockpit.actions.schema import ActionDataError, validate
from cockpit.nlu.model import Understanding
from cockpit.parts import Understander
from cockpit.replies import DONE_REPLIES, REPLIES
from runner.assembly import Parts
from runner.session import RunSession
from scenario.loader import load_scenario_text
from scenario.model import Scenario

# The embedded house answers a command 0.2 s after it is sent, at the cockpit's next 100 ms tick.
TURN_SETTLE_S = 0.4
WARM_UP_S = 1.5  # every status message (the slowest cycle is 1 s) has arrived: the context knows the car
DRIVING_WARM_UP_S = 25.0  # long enough to be under way, past the walking pace a guard calls moving

SITUATIONS = {
    "parked_at_home": ("", WARM_UP_S),
    "driving": ("route: {to: office}\n", DRIVING_WARM_UP_S),
}

_SCENARIO = """name: every_intent_{situation}
description: the cockpit answering every kind of request
seed: 11
duration: 6h
start: {{time: "2026-11-20T18:00:00+08:00", place: home}}
vehicle: {{trim: max, soc: 70, cabin_temp: 18}}
environment: {{outside_temp: 6, weather: rain}}
{route}occupants: [{{seat: driver}}, {{seat: passenger}}, {{seat: rear_left}}, {{seat: rear_middle}},
            {{seat: rear_right}}]
home: {{living_room.ac: "off", garage: closed}}
"""

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


class UnderstandingFeed:
    """Feeds `Cockpit.hear` the Understanding a test built from the intent catalogue, in place of the NLU model,
    so the layers after understanding are tested for every intent and slot value whatever the model's accuracy.
    `hear` records the understanding and goes on exactly as it does after the real model."""

    def __init__(self) -> None:
        self.next: Understanding | None = None

    def understand(self, text: str) -> Understanding:
        understanding, self.next = self.next, None
        assert understanding is not None and understanding.text == text, "a turn without its understanding"
        return understanding


def scenario(parts: Parts, situation: str) -> Scenario:
    route, _ = SITUATIONS[situation]
    return load_scenario_text(_SCENARIO.format(situation=situation, route=route), parts.vocabulary)


@dataclass
class Turn:
    """What one utterance led to, from the trace."""

    seat: str
    text: str
    lang: str
    intent: str
    confidence: float
    slots: Mapping[str, Any]
    actions: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)
    home_results: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def describe(self) -> str:
        actions = [(a["kind"], a["status"], a.get("reason")) for a in self.actions]
        return (
            f"[{self.seat} {self.lang}] {self.intent} {dict(self.slots)} → actions {actions}, "
            f"replies {[r['text'] for r in self.replies]}, home {[h['status'] for h in self.home_results]}"
        )


class Run:
    """One cockpit in one situation, taking turns one after another on the simulation clock."""

    def __init__(self, parts: Parts, situation: str, understander: Understander) -> None:
        self.session = RunSession(
            scenario(parts, situation), codec=parts.codec, roadmap=parts.roadmap, understander=understander, speak=False
        )
        self._records: list[dict[str, Any]] = []
        self.session.trace.subscribe(self._records.append)
        self.session.advance(SITUATIONS[situation][1])

    def turn(self, seat: str, text: str) -> Turn:
        start = len(self._records)
        error = None
        try:
            self.session.cockpit.hear(seat, text, self.session.now_s)
            self.session.advance(self.session.now_s + TURN_SETTLE_S)
        except Exception as exc:  # noqa: BLE001 - the judge reports any exception as a defect of the turn
            error = f"{type(exc).__name__}: {exc}"
        records = self._records[start:]
        heard = next((r for r in records if r["type"] == "utterance" and r["speaker"] == "user"), None)
        if heard is None:
            return Turn(seat, text, "?", "?", 0.0, {}, error=error or "the utterance was not recorded")
        return Turn(
            seat,
            text,
            heard["lang"],
            heard["intent"],
            heard["confidence"],
            heard["slots"],
            actions=[r for r in records if r["type"] == "action"],
            replies=[
                r
                for r in records
                if r["type"] == "utterance" and r["speaker"] == "assistant" and r.get("kind") == "reply"
            ],
            home_results=[r for r in records if r["type"] == "home_result"],
            error=error,
        )

    def close(self) -> None:
        self.session.close()


def one_turn(parts: Parts, situation: str, text: str, seat: str = "driver") -> Turn:
    """One utterance in a fresh cockpit in `situation`, through the real model."""
    run = Run(parts, situation, parts.understander)
    try:
        return run.turn(seat, text)
    finally:
        run.close()


def _template(text: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^{}]*\}", text)
    return re.compile("(?s)" + "(.+?)".join(re.escape(p) for p in parts) + "$")


_TEMPLATES = {lang: [(key, _template(texts[lang])) for key, texts in REPLIES.items()] for lang in ("en", "zh")}


def reply_keys(text: str, lang: str) -> set[str]:
    """The REPLIES keys whose wording in `lang` could have produced `text`."""
    return {key for key, pattern in _TEMPLATES.get(lang, _TEMPLATES["en"]) if pattern.match(text)}


_REGISTRY = build_default_registry()
ACTION_FIELDS = frozenset({"t", "type", "kind", "status", "source", "seat", "reason"})


def judge(turn: Turn, *, rephrase_allowed: bool) -> list[str]:
    """What is wrong with a turn (empty: nothing).

    - no exception anywhere on the way;
    - something is said, in the request's language (Mandarin: Han characters and no Latin letters, so no ids
      like water_heater; English: no Han characters);
    - every action sent is valid per its schema, and none is made that its schema rejects;
    - a turn with nothing sent, or with an action refused, invalid or failed, never claims success; one whose
      actions were all sent says so;
    - a home command the house did not carry out is spoken about;
    - "say that another way" only when the request lacked what it needs (`rephrase_allowed`).
    """
    problems = []
    if turn.error is not None:
        problems.append(f"raised {turn.error}")
    if not turn.replies:
        problems.append("nothing was said")
    problems += _language_problems(turn)
    problems += _action_problems(turn)
    problems += _claim_problems(turn, rephrase_allowed=rephrase_allowed)
    problems += _unspoken_home_problems(turn)
    return problems


def _language_problems(turn: Turn) -> list[str]:
    """Every reply in the request's language, in that language's script."""
    problems = []
    for reply in turn.replies:
        text = reply["text"]
        if reply["lang"] != turn.lang:
            problems.append(f"reply in {reply['lang']} to a request in {turn.lang}: {text!r}")
        if turn.lang == "zh" and (not HAN.search(text) or LATIN.search(text)):
            problems.append(f"Mandarin reply not in Mandarin words: {text!r}")
        if turn.lang == "en" and HAN.search(text):
            problems.append(f"English reply with Han characters: {text!r}")
    return problems


def _action_problems(turn: Turn) -> list[str]:
    """No invalid action; every sent one fits its schema."""
    problems = []
    for action in turn.actions:
        if action["status"] == "invalid":  # the dialogue made an action its schema rejects: it should have asked
            problems.append(f"invalid action {action['kind']}: {action['reason']}")
    for action in turn.actions:
        if action["status"] != "sent":
            continue
        data = {k: v for k, v in action.items() if k not in ACTION_FIELDS}
        try:
            validate(_REGISTRY.schema(action["kind"]), data)
        except (ActionDataError, KeyError) as error:
            problems.append(f"sent action {action['kind']} {data} does not fit its schema: {error}")
    return problems


def _claim_problems(turn: Turn, *, rephrase_allowed: bool) -> list[str]:
    """The first reply claims success exactly when every action was sent; asks to rephrase only when allowed."""
    if not turn.replies:
        return []
    problems = []
    sent = [a for a in turn.actions if a["status"] == "sent"]
    not_done = [a for a in turn.actions if a["status"] != "sent"]
    first = turn.replies[0]["text"]
    keys = reply_keys(first, turn.lang)
    if not keys:
        problems.append(f"reply {first!r} is none of the replies")
    claims_done = bool(keys) and keys <= DONE_REPLIES
    if (not sent or not_done) and keys & DONE_REPLIES:
        why = "nothing sent" if not sent else f"an action {not_done[0]['status']}"
        problems.append(f"claims success ({first!r}) with {why}")
    if sent and not not_done and keys and not claims_done and not _answers_a_card(turn):
        problems.append(f"actions sent but the reply {first!r} does not say so")
    if "rephrase" in keys and not rephrase_allowed:
        problems.append(f"asked to rephrase a complete request ({first!r})")
    return problems


def _unspoken_home_problems(turn: Turn) -> list[str]:
    """A home command the house did not carry out is spoken about after its result came."""
    problems = []
    for result in turn.home_results:
        if result["status"] != "ok":
            later = [
                r
                for r in turn.replies[1:]
                if r["t"] >= result["t"] and not reply_keys(r["text"], turn.lang) & DONE_REPLIES
            ]
            if not later:
                problems.append(
                    f"home {result['device']} {result['action']} {result['status']} ({result['reason']}) "
                    "and nothing said about it"
                )
    return problems


def _answers_a_card(turn: Turn) -> bool:
    # A yes to a card the assistant offered runs the card's actions and answers "OK."
    return turn.intent == "dialog.confirm"
