"""The simulated house as its own MQTT device process: publishes discovery and state, obeys commands.

Commands come as the cockpit's JSON (answered on the result topic) or as Home Assistant's own payloads; a
refused one of either kind is also published on the device's rejection topic (HA's `event` entity shows it).

paho's network loop runs in its own thread and only hands messages to a queue; the house is touched only by
the thread that calls `pump()` / `run()`, which steps the physics on the wall clock.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import paho.mqtt.client as mqtt

from home_sim.devices import Cover
from home_sim.house import House
from homelink import discovery
from homelink import protocol as p

log = logging.getLogger("home_sim.mqtt")
ANSWERED_MEMORY = 512


class HouseMqttNode:
    """`node = HouseMqttNode(house, MqttUrl.parse(url)); node.start(); node.run()` (or `pump()` in a loop)."""

    def __init__(
        self,
        house: House,
        url: p.MqttUrl,
        *,
        base: str = p.DEFAULT_BASE,
        silent: Iterable[str] = (),
        client_id: str | None = None,
    ) -> None:
        self.house = house
        self.url = url
        self.base = base
        self.silent = frozenset(silent)  # devices that never answer (fault injection)
        unknown = self.silent - set(house.devices)
        if unknown:
            raise ValueError(f"silent: unknown device {', '.join(sorted(unknown))}")
        self.commands_obeyed = 0
        self._inbox: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._answered: OrderedDict[str, bytes] = OrderedDict()
        self._catalogue = house.catalogue()
        self._connected = threading.Event()
        self._last_wall: float | None = None
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=client_id or f"{base}-house", clean_session=True
        )
        p.configure_client(self.client, url)
        self.client.will_set(p.status_topic(base), p.OFFLINE, qos=1, retain=True)
        self.client.reconnect_delay_set(min_delay=1, max_delay=8)
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message

    def __repr__(self) -> str:
        return f"HouseMqttNode({self.url.redacted()}, base={self.base!r})"

    # --- paho's thread: only queue things --------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.warning("house: broker %s refused the connection: %s", self.url.redacted(), reason_code)
            return
        topics = [
            (p.device_topic(self.base, d, leaf), 1)
            for d in self._catalogue
            for leaf in (p.COMMAND_LEAF, *p.NATIVE_LEAVES)
        ]
        client.subscribe(topics)
        self._inbox.put(("connected", None))
        self._connected.set()

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self._connected.clear()
        log.info("house: disconnected from %s (%s)", self.url.redacted(), reason_code)

    def _on_message(self, client, userdata, message) -> None:
        self._inbox.put(("message", (message.topic, bytes(message.payload))))

    # --- life cycle ------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background (a broker that is down is retried; nothing here blocks)."""
        log.info("house: connecting to %s as %s", self.url.redacted(), self.base)
        self.client.connect_async(self.url.host, self.url.port, keepalive=30)
        self.client.loop_start()

    def wait_connected(self, timeout_s: float) -> bool:
        return self._connected.wait(timeout_s)

    def stop(self) -> None:
        if self._connected.is_set():
            info = self.client.publish(p.status_topic(self.base), p.OFFLINE, qos=1, retain=True)
            with contextlib.suppress(RuntimeError, ValueError):
                info.wait_for_publish(timeout=1.0)
        self.client.disconnect()
        self.client.loop_stop()

    def run(
        self, *, period_s: float = 0.1, duration_s: float | None = None, stop: threading.Event | None = None
    ) -> None:
        """Step the house on the wall clock and serve commands until `stop`, `duration_s` or Ctrl-C."""
        end = None if duration_s is None else time.monotonic() + duration_s
        while not (stop is not None and stop.is_set()) and (end is None or time.monotonic() < end):
            self.pump()
            time.sleep(period_s)

    def pump(self, dt_s: float | None = None) -> None:
        """Step the physics (by `dt_s`, or by the wall time since the last pump), obey queued commands,
        publish what changed."""
        now = time.monotonic()
        if dt_s is None:
            dt_s = 0.0 if self._last_wall is None else now - self._last_wall
        self._last_wall = now
        self.house.step(dt_s)
        while True:
            try:
                kind, item = self._inbox.get_nowait()
            except queue.Empty:
                break
            if kind == "connected":
                self._publish_everything()
            else:
                self._handle(*item)
        self._publish_changes()

    # --- publishing ------------------------------------------------------------------------------
    def _publish_everything(self) -> None:
        device_classes = {d.id: d.DEVICE_CLASS for d in self.house.devices.values() if isinstance(d, Cover)}
        for topic, config in discovery.every_config(self._catalogue, list(self.house.rooms), device_classes, self.base):
            self.client.publish(topic, p.encode(config), qos=1, retain=True)
        self.house.take_changes()
        for device in self.house.devices:
            self._publish_state(device)
        for room in self.house.rooms:
            self._publish_room(room)
        self.client.publish(p.status_topic(self.base), p.ONLINE, qos=1, retain=True)
        log.info("house: online, %d devices", len(self._catalogue))

    def _state_payload(self, device: str, attributes: dict[str, Any]) -> dict[str, Any]:
        return discovery.state_payload(self._catalogue[device].kind, attributes)

    def _publish_state(self, device: str) -> None:
        self.client.publish(
            p.device_topic(self.base, device, p.STATE_LEAF),
            p.encode(self._state_payload(device, self.house.device_state(device))),
            qos=1,
            retain=True,
        )

    def _publish_rejection(self, device: str, action: str, reason: str) -> None:
        """Shown by the device's `event` entity in Home Assistant (not retained: it happened once)."""
        log.info("house: %s refused %s: %s", device, action, reason)
        self.client.publish(
            p.device_topic(self.base, device, p.REJECTION_LEAF),
            p.encode(discovery.rejection_payload(action, reason)),
            qos=1,
        )

    def _publish_room(self, room: str) -> None:
        self.client.publish(
            p.sensor_topic(self.base, room, "temperature"),
            str(self.house.state(f"{room}.temperature")),
            qos=1,
            retain=True,
        )

    def _publish_changes(self) -> None:
        changes = self.house.take_changes()
        if not changes or not self._connected.is_set():
            return
        devices = set()
        for name in changes:
            head, _, attribute = name.rpartition(".")
            if head in self.house.devices:
                devices.add(head)
            elif head in self.house.rooms:
                self._publish_room(head)
        for device in sorted(devices):
            self._publish_state(device)

    # --- commands --------------------------------------------------------------------------------
    def _handle(self, topic: str, payload: bytes) -> None:
        found = p.split_device_topic(self.base, topic, (p.COMMAND_LEAF, *p.NATIVE_LEAVES))
        if found is None or found[0] not in self._catalogue:
            return
        device, leaf = found
        if device in self.silent:
            log.info("house: %s is silent, ignoring %s", device, leaf)
            return
        if leaf == p.COMMAND_LEAF:
            self._handle_command(device, payload)
            return
        info = self._catalogue[device]
        try:
            action, data = p.native_command(info.capabilities.component, info.kind, leaf, payload)
        except ValueError as error:
            self._publish_rejection(device, leaf, str(error))
            return
        result = self.house.apply(device, action, data)
        self.commands_obeyed += result.ok
        if not result.ok:
            self._publish_rejection(device, action, result.reason or "refused")
            # HA may have shown the asked-for value already: the unchanged state puts it back.
            self._publish_state(device)
        self._publish_changes()

    def _handle_command(self, device: str, payload: bytes) -> None:
        try:
            body = p.decode(payload)
            command_id, action, data = str(body["id"]), str(body["action"]), body.get("data") or {}
            if not isinstance(data, dict):
                raise TypeError("data must be an object")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
            log.warning("house: %s: unreadable command (%s)", device, error)
            return
        answer = self._answered.get(command_id)
        if answer is None:  # a retry of a command already carried out is answered again, not repeated
            result = self.house.apply(device, action, data)
            self.commands_obeyed += result.ok
            answer = p.encode(
                {
                    "id": command_id,
                    "device": device,
                    "action": action,
                    "status": "ok" if result.ok else "rejected",
                    "reason": result.reason,
                    "state": self._state_payload(device, dict(result.state)),
                }
            )
            if not result.ok:
                self._publish_rejection(device, action, result.reason or "refused")
            self._answered[command_id] = answer
            while len(self._answered) > ANSWERED_MEMORY:
                self._answered.popitem(last=False)
            self._publish_changes()
        self.client.publish(p.device_topic(self.base, device, p.RESULT_LEAF), answer, qos=1)
