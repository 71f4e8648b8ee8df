"""What a home adapter reports from `poll()`: command outcomes, state changes, link changes — for the trace."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Literal

from cockpit.trace import RecordType

# Outcome of a command (HomeResult.status):
HomeStatus = Literal["ok", "rejected", "refused", "failed"]
OK: Final = "ok"  # the device carried it out
REJECTED: Final = "rejected"  # the device (or its declared capabilities) does not take it: unsupported action, bad data
REFUSED: Final = "refused"  # the cockpit's policy refused it: not on the allow-list, geofence, not the driver's voice
FAILED: Final = "failed"  # no answer: timeout after retries, broker unreachable, house offline
STATUSES: tuple[HomeStatus, ...] = (OK, REJECTED, REFUSED, FAILED)
# The link (HomeLink.status): the broker's connection, then the house's own availability.
LinkStatus = Literal["connected", "disconnected", "online", "offline"]


@dataclass(frozen=True)
class HomeResult:
    """The one and only outcome of a command id returned by `send()`."""

    command_id: str
    device: str
    action: str
    status: HomeStatus
    reason: str | None
    time_s: float
    attempts: int = 0
    data: Mapping[str, Any] = field(default_factory=dict)

    record_type: ClassVar[RecordType] = "home_result"

    @property
    def ok(self) -> bool:
        return self.status == OK

    def record(self) -> dict[str, Any]:
        return {
            "id": self.command_id,
            "device": self.device,
            "action": self.action,
            "status": self.status,
            "reason": self.reason,
            "attempts": self.attempts,
            **({"data": dict(self.data)} if self.data else {}),
        }


@dataclass(frozen=True)
class HomeChange:
    """A reported value changed: `living_room.ac.mode` → "heat"."""

    name: str
    value: Any
    time_s: float

    record_type: ClassVar[RecordType] = "home_state"

    def record(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value}


@dataclass(frozen=True)
class HomeLink:
    """The link to the house: `connected` / `disconnected` (broker), `online` / `offline` (the house itself)."""

    status: LinkStatus
    reason: str | None
    time_s: float

    record_type: ClassVar[RecordType] = "home_link"

    def record(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason}


HomeEvent = HomeResult | HomeChange | HomeLink
