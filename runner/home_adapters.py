"""The homes a run reaches: the simulated house in the same process (`EmbeddedHome`, the default: nothing to set
up, deterministic on the simulation clock), or a real home over MQTT (`open_home("mqtt://…")`).

They live with the runner, not in `cockpit`: the head unit knows a home only through `cockpit.home.HomeAdapter`
and the shared contract in `homelink`; the simulated house (`home_sim`) is the runner's to assemble."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cockpit.home.adapter import AdapterCore, HomeAdapter, Pending
from cockpit.home.events import OK, REJECTED, HomeChange, HomeEvent, HomeResult
from cockpit.home.policy import HomePolicy
from cockpit.home.retry import RetryPolicy
from home_sim.house import House, HouseError
from homelink.protocol import MqttUrlError

DEFAULT_REPLY_DELAY_S = 0.2


class EmbeddedHome(AdapterCore):
    """Drives a `home_sim.House` in-process. A command reaches the house `reply_delay_s` after `send()`
    (a home hub's round trip), at the first `poll()` at or after that time. `poll(now_s)` also steps the house
    to `now_s` unless `drive=False` (then whoever owns the house steps it). Same inputs → same outcomes."""

    def __init__(
        self,
        house: House | None = None,
        *,
        policy: HomePolicy | None = None,
        retry: RetryPolicy | None = None,
        reply_delay_s: float = DEFAULT_REPLY_DELAY_S,
        drive: bool = True,
        unresponsive: Iterable[str] = (),
    ) -> None:
        self.house = house if house is not None else House.default()
        super().__init__(self.house.catalogue(), policy, retry)
        self.reply_delay_s = reply_delay_s
        self.drive = drive
        self.unresponsive = set(unresponsive)  # devices that never answer (fault injection)
        self._stepped_to_s = 0.0

    def __repr__(self) -> str:
        return f"EmbeddedHome({len(self._catalogue)} devices, reply_delay_s={self.reply_delay_s})"

    def send(
        self,
        device: str,
        action: str,
        data: Mapping[str, Any] | None = None,
        *,
        near_home: bool = False,
        voice_seat: str | None = None,
        now_s: float | None = None,
    ) -> str:
        command_id, pending = self._admit(device, action, data, near_home, voice_seat, now_s)
        if pending is not None:
            pending.next_attempt_s = pending.sent_s + self.reply_delay_s
        return command_id

    def poll(self, now_s: float) -> list[HomeEvent]:
        self._now_s = now_s
        if self.drive and now_s > self._stepped_to_s:
            self.house.step(now_s - self._stepped_to_s)
            self._stepped_to_s = now_s
        events = self._take_ready()
        for pending in sorted(self.pending.values(), key=lambda p: (p.next_attempt_s, int(p.command_id[1:]))):
            events.extend(self._advance(pending, now_s))
        events.extend(HomeChange(name, value, now_s) for name, value in self.house.take_changes().items())
        return events

    def _advance(self, pending: Pending, now_s: float) -> list[HomeEvent]:
        if pending.device in self.unresponsive:
            while pending.next_attempt_s <= now_s and pending.next_attempt_s < pending.deadline_s:
                pending.attempts += 1
                pending.next_attempt_s += self.retry.delay_after(pending.attempts)
            if now_s >= pending.deadline_s:
                return [
                    self._fail(
                        pending,
                        now_s,
                        f"timeout: no answer from {pending.device} within "
                        f"{self.retry.timeout_s:g} s ({pending.attempts} attempts)",
                    )
                ]
            return []
        if pending.next_attempt_s > now_s:
            return []
        del self.pending[pending.command_id]
        result = self.house.apply(pending.device, pending.action, pending.data)
        return [
            HomeResult(
                pending.command_id,
                pending.device,
                pending.action,
                OK if result.ok else REJECTED,
                result.reason,
                now_s,
                1,
                pending.data,
            )
        ]

    def state(self, name: str) -> Any:
        """The house's value for `living_room.ac.mode`, `garage`, `living_room.temperature`; None if unknown."""
        try:
            return self.house.state(name)
        except HouseError:
            return None

    def names(self) -> list[str]:
        return self.house.names()

    def close(self) -> None:
        pass


def open_home(spec: str | None, **options) -> HomeAdapter:
    """`--home` → an adapter: None / "" / "embedded" → EmbeddedHome; "mqtt://..." / "mqtts://..." → MqttHome,
    which knows the default simulated house's devices (the house `python main.py home --mqtt URL` serves)."""
    if not spec or spec == "embedded":
        return EmbeddedHome(**options)
    if spec.startswith(("mqtt://", "mqtts://")):
        from cockpit.home.mqtt import MqttHome

        return MqttHome(spec, catalogue=House.default().catalogue(), **options)
    raise MqttUrlError("--home: expected embedded or mqtt://[user:password@]HOST:PORT[?tls=1]")
