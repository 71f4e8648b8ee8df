"""The house over MQTT (Home Assistant conventions, see README.md): `--home mqtt://[user:password@]HOST:PORT[?tls=1]`.

paho's network loop runs in its own thread and only puts what arrives into a thread-safe queue. The simulation
reads it in `poll(now_s)`: retries, backoff and timeouts run on the `now_s` it is given. Commands go out at QoS 0
and only while connected, so a command that timed out is never delivered late by a reconnecting client; each
retry carries the same id and the house answers a repeated id without acting twice.

A real house answers in wall time. While a command is pending, `poll()` therefore keeps simulated time from
running ahead of wall time (it waits for the answer at most until `now_s` is due at real speed), so that at
`--speed max` the house has its timeout's worth of real seconds to answer; with nothing pending it never waits.
The embedded house does not do this: its runs stay deterministic.

The password comes from the URL or, for a URL that names a user, from COCKPIT_MQTT_PASSWORD; it is never
printed or traced. A broker that refuses the login is said once on stderr, as well as in the trace.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Mapping
from typing import Any

import paho.mqtt.client as mqtt

from cockpit.home.adapter import AdapterCore, Pending
from cockpit.home.events import OK, REJECTED, HomeChange, HomeEvent, HomeLink, HomeResult, HomeStatus
from cockpit.home.policy import HomePolicy
from cockpit.home.retry import RetryPolicy
from homelink import discovery
from homelink import protocol as p
from homelink.devices import DeviceInfo

log = logging.getLogger("cockpit.home.mqtt")
PASSWORD_ENV = "COCKPIT_MQTT_PASSWORD"
# CONNACK codes of a refused login: MQTT 3.1.1 (4 bad user name or password, 5 not authorised), as paho 2 maps
# them onto MQTT 5's (134, 135).
LOGIN_REFUSED_CODES = frozenset({4, 5, 134, 135})


def with_password_from_environment(url: p.MqttUrl, environ: Mapping[str, str] | None = None) -> p.MqttUrl:
    """`url` with COCKPIT_MQTT_PASSWORD as its password when it names a user and carries none itself (a
    password on the command line shows in `ps`; one in the environment does not)."""
    password = (os.environ if environ is None else environ).get(PASSWORD_ENV)
    if not password or url.username is None or url.password is not None:
        return url
    return dataclasses.replace(url, password=password)


class MqttHome(AdapterCore):
    """`MqttHome("mqtt://user:pw@127.0.0.1:1883", catalogue=...)`; the house's devices come from `catalogue`
    (the runner gives the default simulated house's: `runner.home_adapters.open_home`), the policy from `policy`
    (default: every device, access rules on garage/gate/lock)."""

    def __init__(
        self,
        url: str | p.MqttUrl,
        *,
        catalogue: Mapping[str, DeviceInfo],
        policy: HomePolicy | None = None,
        retry: RetryPolicy | None = None,
        base: str = p.DEFAULT_BASE,
        client_id: str | None = None,
        connect: bool = True,
    ) -> None:
        self.url = with_password_from_environment(url if isinstance(url, p.MqttUrl) else p.MqttUrl.parse(url))
        super().__init__(catalogue, policy, retry)
        self.base = base
        self._inbox: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._values: dict[str, Any] = {}
        self._discovered: set[str] = set()
        self._connected = threading.Event()
        self._online = False
        self._pace_anchor: tuple[float, float] | None = None  # (sim s, wall s) when a command became pending
        self._login_refusal_said = False
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id or "", clean_session=True)
        p.configure_client(self.client, self.url)
        self.client.reconnect_delay_set(min_delay=1, max_delay=4)
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self._started = False
        if connect:
            self.start()

    def __repr__(self) -> str:
        return f"MqttHome({self.url.redacted()}, base={self.base!r})"

    # --- paho's thread: only queue things --------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            refused_login = getattr(reason_code, "value", None) in LOGIN_REFUSED_CODES
            self._inbox.put(
                (
                    "link",
                    ("disconnected", f"broker refused the {'login' if refused_login else 'connection'}: {reason_code}"),
                )
            )
            return
        client.subscribe([(f"{self.base}/#", 1), (f"{p.DISCOVERY_PREFIX}/+/{self.base}/+/config", 1)])
        self._connected.set()
        self._inbox.put(("link", ("connected", None)))

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        was = self._connected.is_set()
        self._connected.clear()
        if was:  # a failed first connection is retried quietly; commands report it when they time out
            self._inbox.put(("link", ("disconnected", f"lost the broker: {reason_code}")))

    def _on_message(self, client, userdata, message) -> None:
        self._inbox.put(("message", (message.topic, bytes(message.payload))))

    # --- life cycle ------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background: a broker that is down now is retried; commands meanwhile wait and
        fail at their timeout."""
        if self._started:
            return
        self._started = True
        log.info("home: connecting to %s", self.url.redacted())
        self.client.connect_async(self.url.host, self.url.port, keepalive=10)
        self.client.loop_start()

    def wait_connected(self, timeout_s: float) -> bool:
        """For set-up and tests only (the simulation loop never waits)."""
        return self._connected.wait(timeout_s)

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def close(self) -> None:
        if self._started:
            self.client.disconnect()
            self.client.loop_stop()
            self._started = False

    # --- commands --------------------------------------------------------------------------------
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
            pending.payload = p.encode({"id": command_id, "action": action, "data": pending.data})
            self._attempt(pending, pending.sent_s)
        return command_id

    def _attempt(self, pending: Pending, now_s: float) -> None:
        pending.next_attempt_s = now_s + self.retry.delay_after(pending.attempts + 1)
        if not self._connected.is_set():
            pending.extra["missed"] = pending.extra.get("missed", 0) + 1
            return
        info = self.client.publish(p.device_topic(self.base, pending.device, p.COMMAND_LEAF), pending.payload, qos=0)
        if info.rc == mqtt.MQTT_ERR_SUCCESS:
            pending.attempts += 1
        else:
            pending.extra["missed"] = pending.extra.get("missed", 0) + 1

    def poll(self, now_s: float) -> list[HomeEvent]:
        self._now_s = now_s
        events = self._take_ready()
        events.extend(self._drain(now_s))
        wait_until = self._paced_wall_time(now_s)
        while wait_until is not None and self.pending:
            remaining = wait_until - time.monotonic()
            if remaining <= 0:
                break
            try:
                item = self._inbox.get(timeout=remaining)
            except queue.Empty:
                break
            events.extend(self._handle(item, now_s))
        for pending in sorted(self.pending.values(), key=lambda q: int(q.command_id[1:])):
            if now_s >= pending.deadline_s:
                events.append(self._fail(pending, now_s, self._why_failed(pending)))
            elif now_s >= pending.next_attempt_s:
                self._attempt(pending, now_s)
        return events

    def _paced_wall_time(self, now_s: float) -> float | None:
        """The wall time by which `now_s` is due at real speed since a command became pending; None with
        nothing pending (then the simulation runs as fast as it is asked to)."""
        if not self.pending:
            self._pace_anchor = None
            return None
        if self._pace_anchor is None:
            self._pace_anchor = (now_s, time.monotonic())
        sim_start, wall_start = self._pace_anchor
        return wall_start + (now_s - sim_start)

    def _drain(self, now_s: float) -> list[HomeEvent]:
        events: list[HomeEvent] = []
        while True:
            try:
                item = self._inbox.get_nowait()
            except queue.Empty:
                return events
            events.extend(self._handle(item, now_s))

    def _handle(self, item: tuple[str, Any], now_s: float) -> list[HomeEvent]:
        kind, body = item
        if kind != "link":
            topic, payload = body
            return self._message(topic, payload, now_s)
        status, reason = body
        log.info("home: %s%s", status, f" ({reason})" if reason else "")
        if reason and reason.startswith("broker refused the login") and not self._login_refusal_said:
            self._login_refusal_said = True  # paho retries: the trace has every refusal, stderr the first
            print(
                f"home: {self.url.redacted()}: {reason}; check the user name and password (in the URL or "
                f"{PASSWORD_ENV})",
                file=sys.stderr,
                flush=True,
            )
        if status == "connected":
            for pending in self.pending.values():  # sent now rather than at the next retry
                pending.next_attempt_s = min(pending.next_attempt_s, now_s)
        return [HomeLink(status, reason, now_s)]

    def _why_failed(self, pending: Pending) -> str:
        why = (
            f"timeout: no answer from {pending.device} within {self.retry.timeout_s:g} s "
            f"({pending.attempts} attempts sent"
        )
        if pending.extra.get("missed"):
            why += f", {pending.extra['missed']} not sent: broker unreachable"
        why += ")"
        if not self._connected.is_set():
            why += "; broker unreachable"
        elif not self._online:
            why += "; the house is offline"
        return why

    def _message(self, topic: str, payload: bytes, now_s: float) -> list[HomeEvent]:
        if topic == p.status_topic(self.base):
            online = payload.decode(errors="replace") == p.ONLINE
            if online != self._online:
                self._online = online
                return [HomeLink(p.ONLINE if online else p.OFFLINE, None, now_s)]
            return []
        if topic.startswith(p.DISCOVERY_PREFIX + "/"):
            self._discovered.add(topic)
            return []
        parts = topic.split("/")
        if len(parts) == 4 and parts[2] == "sensor":  # BASE/<room>/sensor/<attribute>
            try:
                value: Any = float(payload.decode())
            except ValueError:
                return []
            return self._update({f"{parts[1]}.{parts[3]}": value}, now_s)
        found = p.split_device_topic(self.base, topic, (p.STATE_LEAF, p.RESULT_LEAF))
        if found is None:
            return []
        device, leaf = found
        try:
            body = p.decode(payload)
        except ValueError:
            log.warning("home: unreadable %s from %s", leaf, device)
            return []
        if not isinstance(body, dict):
            return []
        if leaf == p.STATE_LEAF:
            info = self._catalogue.get(device)
            if info is not None:  # what HA reads (`battery_level`, "ON") back to the house's own names
                body = discovery.attributes_of_state(info.kind, body)
            values = {f"{device}.{k}": v for k, v in body.items()}
            if info is not None and info.capabilities.primary in body:
                values[device] = body[info.capabilities.primary]
            return self._update(values, now_s)
        pending = self.pending.pop(str(body.get("id")), None)
        if pending is None:  # an answer to a retry already answered, or to a command that already timed out
            return []
        status: HomeStatus = OK if body.get("status") == OK else REJECTED
        events: list[HomeEvent] = [
            HomeResult(
                pending.command_id,
                pending.device,
                pending.action,
                status,
                body.get("reason"),
                now_s,
                pending.attempts,
                pending.data,
            )
        ]
        state = body.get("state")
        if isinstance(state, dict):
            events.extend(self._message(p.device_topic(self.base, device, p.STATE_LEAF), p.encode(state), now_s))
        return events

    def _update(self, values: Mapping[str, Any], now_s: float) -> list[HomeEvent]:
        changes: list[HomeEvent] = []
        for name, value in sorted(values.items()):
            if self._values.get(name, _MISSING) != value:
                self._values[name] = value
                changes.append(HomeChange(name, value, now_s))
        return changes

    # --- state -----------------------------------------------------------------------------------
    def state(self, name: str) -> Any:
        """The last value the house reported (retained state), None if none yet. Updated only by `poll()`."""
        return self._values.get(name)

    def names(self) -> list[str]:
        names = set(self._values)
        for info in self._catalogue.values():
            names.add(info.id)
            names.update(f"{info.id}.{a}" for a in info.capabilities.attributes)
        return sorted(names)

    @property
    def online(self) -> bool:
        return self._online

    def discovery_topics(self) -> list[str]:
        return sorted(self._discovered)


_MISSING = object()
