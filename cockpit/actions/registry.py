"""The action registry: every action kind with its schema and its handler, in one place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cockpit.actions.schema import ActionDataError, Field, validate

if TYPE_CHECKING:
    from cockpit.bus import CommandWriter
    from cockpit.home import HomeAdapter
    from cockpit.navigation.navigator import Navigator
    from cockpit.voice_out import SpeechOut


@dataclass(frozen=True)
class Action:
    kind: str
    data: Mapping[str, Any]
    source: str = "voice"          # voice | proactive | ui | scenario
    seat: str | None = None        # who asked, for voice actions


@dataclass(frozen=True)
class ActionResult:
    action: Action
    status: str                    # sent | refused | invalid | failed
    reason: str | None = None
    reply_key: str | None = None   # for a refusal: what the assistant says, in the listener's language


@dataclass
class ActionPorts:
    """Where actions go: the bus, the navigation, the loudspeakers, the home."""

    commands: CommandWriter
    navigation: Navigator
    speech: SpeechOut
    home: HomeAdapter | None = None
    near_home: Callable[[], bool] = lambda: False
    range_m: Callable[[], float | None] = lambda: None


Handler = Callable[..., None]  # (ports, data) or, registered with_action=True, (ports, data, action)


@dataclass
class _Entry:
    schema: Mapping[str, Field]
    handler: Handler
    with_action: bool


@dataclass
class ActionRegistry:
    _entries: dict[str, _Entry] = field(default_factory=dict)

    def register(self, kind: str, schema: Mapping[str, Field], handler: Handler, *, with_action: bool = False) -> None:
        """`with_action`: the handler also gets the Action (who asked, from which seat)."""
        if kind in self._entries:
            raise ValueError(f"action {kind} is registered twice")
        self._entries[kind] = _Entry(schema, handler, with_action)

    def kinds(self) -> list[str]:
        return sorted(self._entries)

    def fields(self) -> set[str]:
        return {name for entry in self._entries.values() for name in entry.schema}

    def execute(self, action: Action, ports: ActionPorts) -> ActionResult:
        entry = self._entries.get(action.kind)
        if entry is None:
            return ActionResult(action, "invalid", f"unknown action {action.kind}")
        try:
            data = validate(entry.schema, action.data)
        except ActionDataError as error:
            return ActionResult(action, "invalid", str(error))
        try:
            if entry.with_action:
                entry.handler(ports, data, action)
            else:
                entry.handler(ports, data)
        except (ValueError, KeyError) as error:
            return ActionResult(action, "failed", str(error))
        return ActionResult(action, "sent")


def build_default_registry() -> ActionRegistry:
    from cockpit.actions import body, climate, home, navigation, voice

    registry = ActionRegistry()
    for module in (climate, body, navigation, voice, home):
        module.register(registry)
    return registry
