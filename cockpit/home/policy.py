"""Which home commands the cockpit may send: an allow-list, and the access rules for garage, gate and lock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homelink.devices import DeviceInfo

GUARDED_KINDS = frozenset({"garage_door", "gate", "lock"})
TRUSTED_SEATS = frozenset({"driver"})

# Reason codes (the first word of HomeResult.reason for a refusal):
NOT_ALLOWED = "not_allowed"
GEOFENCE = "geofence"
DRIVER_VOICE = "driver_voice"


@dataclass(frozen=True)
class HomePolicy:
    """`allow`: device → allowed actions (None: all the device's actions); `allow=None`: every device of the house.

    Devices whose kind is in `guarded_kinds` (garage door, gate, door lock) obey only when the caller says the
    car is near home (geofence) and the request came from a voice in a trusted seat (the driver's).
    """

    allow: Mapping[str, frozenset[str] | None] | None = None
    guarded_kinds: frozenset[str] = GUARDED_KINDS
    trusted_seats: frozenset[str] = TRUSTED_SEATS

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> HomePolicy:
        """`{allow: {device: "*" | [action, ...]}, guarded_kinds: [...], trusted_seats: [...]}` (all optional)."""
        config = dict(config or {})
        unknown = set(config) - {"allow", "guarded_kinds", "trusted_seats"}
        if unknown:
            raise ValueError(
                f"home policy: unknown key {', '.join(sorted(unknown))} (expected: allow, guarded_kinds, trusted_seats)"
            )
        allow = config.get("allow")
        if allow is not None:
            allow = {str(d): None if a in ("*", None) else frozenset(map(str, a)) for d, a in dict(allow).items()}
        return cls(
            allow,
            frozenset(config.get("guarded_kinds", GUARDED_KINDS)),
            frozenset(config.get("trusted_seats", TRUSTED_SEATS)),
        )

    def check(
        self, info: DeviceInfo | None, device: str, action: str, *, near_home: bool, voice_seat: str | None
    ) -> str | None:
        """None when the command may go; otherwise the reason, starting with its code."""
        if info is None:
            return f"{NOT_ALLOWED}: {device!r} is not a device of this house"
        if self.allow is not None:
            if device not in self.allow:
                return f"{NOT_ALLOWED}: {device} is not on the allow-list"
            actions = self.allow[device]
            if actions is not None and action not in actions:
                return f"{NOT_ALLOWED}: {action} on {device} is not on the allow-list"
        if info.kind in self.guarded_kinds:
            if near_home is not True:
                return f"{GEOFENCE}: {device} obeys only when the car is near home"
            if voice_seat not in self.trusted_seats:
                who = f"a voice from the {voice_seat} seat" if voice_seat else "a request that is not a voice"
                return f"{DRIVER_VOICE}: {device} obeys only the driver's voice, not {who}"
        return None

    def allowed_devices(self, catalogue: Mapping[str, DeviceInfo]) -> list[str]:
        return sorted(d for d in catalogue if self.allow is None or d in self.allow)
