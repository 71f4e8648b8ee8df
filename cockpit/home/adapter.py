"""The cockpit's port to the house: `send()` a command, get its outcome (and state changes) from `poll()`.

Every command id returned by `send()` gets exactly one HomeResult from a later `poll()` — ok, rejected,
refused or failed (with a reason) — so nothing is silently dropped. `poll()` never blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from cockpit.home.events import FAILED, REFUSED, REJECTED, HomeEvent, HomeResult
from cockpit.home.policy import HomePolicy
from cockpit.home.retry import RetryPolicy
from homelink.capabilities import CapabilityError
from homelink.devices import DeviceInfo


class HomeAdapter(Protocol):
    def send(
        self,
        device: str,
        action: str,
        data: Mapping[str, Any] | None = None,
        *,
        near_home: bool = False,
        voice_seat: str | None = None,
        now_s: float | None = None,
    ) -> str: ...

    def poll(self, now_s: float) -> list[HomeEvent]: ...

    def state(self, name: str) -> Any: ...

    def names(self) -> list[str]: ...

    def catalogue(self) -> Mapping[str, DeviceInfo]: ...

    def close(self) -> None: ...


@dataclass
class Pending:
    command_id: str
    device: str
    action: str
    data: dict[str, Any]
    sent_s: float
    deadline_s: float
    next_attempt_s: float
    attempts: int = 0
    payload: bytes = b""
    extra: dict[str, Any] = field(default_factory=dict)


class AdapterCore:
    """What both adapters share: command ids, the policy and capability checks, the pending commands."""

    def __init__(
        self, catalogue: Mapping[str, DeviceInfo], policy: HomePolicy | None, retry: RetryPolicy | None
    ) -> None:
        self._catalogue = dict(catalogue)
        self.policy = policy or HomePolicy()
        self.retry = retry or RetryPolicy()
        self._next_id = 1
        self._now_s = 0.0
        self._ready: list[HomeEvent] = []  # outcomes decided at send(), handed out at the next poll()
        self.pending: dict[str, Pending] = {}

    def catalogue(self) -> Mapping[str, DeviceInfo]:
        return dict(self._catalogue)

    def _admit(
        self,
        device: str,
        action: str,
        data: Mapping[str, Any] | None,
        near_home: bool,
        voice_seat: str | None,
        now_s: float | None,
    ) -> tuple[str, Pending | None]:
        """A new command id; a Pending to carry out, or None when it was refused/rejected here."""
        now = self._now_s if now_s is None else now_s
        command_id = f"h{self._next_id}"
        self._next_id += 1
        data = dict(data or {})
        info = self._catalogue.get(device)
        reason = self.policy.check(info, device, action, near_home=near_home, voice_seat=voice_seat)
        if reason is not None:
            self._ready.append(HomeResult(command_id, device, action, REFUSED, reason, now, 0, data))
            return command_id, None
        assert info is not None, "policy.check refuses a device the house does not have"
        try:
            data = info.capabilities.check(action, data)
        except CapabilityError as error:
            self._ready.append(HomeResult(command_id, device, action, REJECTED, f"unsupported: {error}", now, 0, data))
            return command_id, None
        pending = Pending(command_id, device, action, data, now, now + self.retry.timeout_s, now)
        self.pending[command_id] = pending
        return command_id, pending

    def _take_ready(self) -> list[HomeEvent]:
        ready, self._ready = self._ready, []
        return ready

    def _fail(self, pending: Pending, now_s: float, reason: str) -> HomeResult:
        del self.pending[pending.command_id]
        return HomeResult(
            pending.command_id, pending.device, pending.action, FAILED, reason, now_s, pending.attempts, pending.data
        )
