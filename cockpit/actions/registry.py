"""The action registry: every action kind with its schema and its handler, in one place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from cockpit.actions.media import MediaVolume
from cockpit.actions.schema import ActionDataError, Field, validate
from cockpit.replies import ReplyableError

if TYPE_CHECKING:
    from cockpit.bus import CommandWriter
    from cockpit.home import HomeAdapter
    from cockpit.navigation.navigator import Navigator
    from cockpit.voice_out import SpeechOut


# Who asked for an action: a voice command, the proactive assistant, the dashboard's controls (ui), or a hand
# in the car that the cockpit noticed (manual: recorded and learnt from, never carried out).
ActionSource = Literal["voice", "proactive", "ui", "manual"]
# What became of it: sent to the car (or the home, the navigation...), deferred (a home access asked on the
# approach, carried out at the radius), refused by a safety rule or a stale signal, invalid (unknown kind, bad
# data), or failed on the way.
ActionStatus = Literal["sent", "deferred", "refused", "invalid", "failed"]


@dataclass(frozen=True)
class Action:
    kind: str
    data: Mapping[str, Any]
    source: ActionSource = "voice"
    seat: str | None = None  # who asked, for voice actions


@dataclass(frozen=True)
class ActionResult:
    action: Action
    status: ActionStatus
    reason: str | None = None
    reply_key: str | None = None  # unless sent: what the assistant says about it, in the listener's language
    reply_params: Mapping[str, Any] = field(default_factory=dict)  # its parameters (ids: replies.py words them)
    details: Mapping[str, Any] = field(default_factory=dict)  # what a sent action chose (the stop: `place`)


@dataclass
class ActionPorts:
    """Where actions go: the bus, the navigation, the loudspeakers, the home."""

    commands: CommandWriter
    navigation: Navigator
    speech: SpeechOut
    home: HomeAdapter | None = None
    media: MediaVolume = field(default_factory=MediaVolume)
    near_home: Callable[[], bool] = lambda: False
    range_m: Callable[[], float | None] = lambda: None


# (ports, data) or, registered with_action=True, (ports, data, action); returns None, or what it chose (a map place
# as {"place": name}) for the reply to say
Handler = Callable[..., Mapping[str, Any] | None]
# The VSS signals on which the car reports an action's effect (the set point it set, the window it moved). While
# one of them is stale or missing the cockpit cannot tell what the action would change, nor see that it did.
ShowsOn = Callable[[Mapping[str, Any]], tuple[str, ...]]


@dataclass
class _Entry:
    schema: Mapping[str, Field]
    handler: Handler
    with_action: bool
    shows_on: ShowsOn | None = None


@dataclass
class ActionRegistry:
    _entries: dict[str, _Entry] = field(default_factory=dict)

    def register(
        self,
        kind: str,
        schema: Mapping[str, Field],
        handler: Handler,
        *,
        with_action: bool = False,
        shows_on: ShowsOn | None = None,
    ) -> None:
        """`with_action`: the handler also gets the Action (who asked, from which seat). `shows_on`: the
        signals that report the action's effect, from its data (none for actions off the bus)."""
        if kind in self._entries:
            raise ValueError(f"action {kind} is registered twice")
        self._entries[kind] = _Entry(schema, handler, with_action, shows_on)

    def feedback_paths(self, action: Action) -> tuple[str, ...]:
        """The VSS paths on which the car reports what `action` changes (empty for an unknown kind or invalid
        data: the registry refuses those anyway)."""
        entry = self._entries.get(action.kind)
        if entry is None or entry.shows_on is None:
            return ()
        try:
            return entry.shows_on(validate(entry.schema, action.data))
        except (ActionDataError, KeyError):
            return ()

    def kinds(self) -> list[str]:
        return sorted(self._entries)

    def schema(self, kind: str) -> Mapping[str, Field]:
        """The data schema of an action kind (KeyError for a kind not registered)."""
        return self._entries[kind].schema

    def fields(self) -> set[str]:
        return {name for entry in self._entries.values() for name in entry.schema}

    def execute(self, action: Action, ports: ActionPorts) -> ActionResult:
        entry = self._entries.get(action.kind)
        if entry is None:
            return ActionResult(action, "invalid", f"unknown action {action.kind}", "not_available")
        try:
            data = validate(entry.schema, action.data)
        except ActionDataError as error:
            return ActionResult(action, "invalid", str(error), "action_failed")
        try:
            details = entry.handler(ports, data, action) if entry.with_action else entry.handler(ports, data)
        except ReplyableError as error:
            return ActionResult(action, "failed", str(error), error.reply_key, dict(error.reply_params))
        except (ValueError, KeyError) as error:
            return ActionResult(action, "failed", str(error), "action_failed")
        return ActionResult(action, "sent", details=dict(details or {}))


def build_default_registry() -> ActionRegistry:
    from cockpit.actions import body, climate, home, media, navigation, voice

    registry = ActionRegistry()
    for module in (climate, body, navigation, voice, home, media):
        module.register(registry)
    return registry
