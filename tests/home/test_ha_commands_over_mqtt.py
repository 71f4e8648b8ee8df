"""End to end over a real mosquitto: the house driven with the payloads Home Assistant itself sends for each
platform (as configured by the house's discovery), checked on the state payloads HA reads back. Refused
commands come back on the device's rejection topic with the reason. Needs no Home Assistant install
(test_home_assistant.py runs a real one)."""

from __future__ import annotations

import threading
import time
from typing import Any

import paho.mqtt.client as mqtt
import pytest

from homelink import protocol as p
from tests.home.test_mqtt_integration import HouseThread

BASE = p.DEFAULT_BASE


class Watcher:
    """Every message under BASE, the newest state per device and every rejection, from paho's thread."""

    def __init__(self, port: int) -> None:
        self.states: dict[str, dict[str, Any]] = {}
        self.rejections: list[tuple[str, dict[str, Any]]] = []
        self.lock = threading.Lock()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port)
        self.client.subscribe(f"{BASE}/#", qos=1)
        self.client.loop_start()

    def _on_message(self, client, userdata, message) -> None:
        found = p.split_device_topic(BASE, message.topic, (p.STATE_LEAF, p.REJECTION_LEAF))
        if found is None:
            return
        device, leaf = found
        with self.lock:
            if leaf == p.STATE_LEAF:
                self.states[device] = p.decode(message.payload)
            else:
                self.rejections.append((device, p.decode(message.payload)))

    def send(self, device: str, leaf: str, payload: str) -> None:
        self.client.publish(p.device_topic(BASE, device, leaf), payload, qos=1).wait_for_publish(5)

    def wait_state(self, device: str, expected: dict[str, Any], seconds: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                state = dict(self.states.get(device, {}))
            if all(state.get(k) == v for k, v in expected.items()):
                return state
            time.sleep(0.01)
        raise AssertionError(f"{device}: expected {expected} in its state, last seen {state}")

    def wait_rejection(self, device: str, seconds: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                found = [body for who, body in self.rejections if who == device]
                if found:
                    self.rejections.clear()
                    return found[-1]
            time.sleep(0.01)
        raise AssertionError(f"{device}: no rejection published")

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


# (device, leaf, HA's payload, what the state payload then holds)
HA_COMMANDS = [
    ("living_room.light", "set", '{"state": "ON", "brightness": 40}', {"state": "ON", "brightness": 40}),
    ("living_room.light", "set", '{"state": "OFF"}', {"state": "OFF", "brightness": 40}),
    ("living_room.ac", "mode/set", "cool", {"mode": "cool"}),
    ("living_room.ac", "temperature/set", "21.5", {"target_temperature": 21.5, "mode": "cool"}),
    ("living_room.ac", "mode/set", "off", {"mode": "off", "hvac_action": "off"}),
    ("bedroom.heater", "mode/set", "heat", {"state": "on"}),
    ("bedroom.heater", "temperature/set", "25", {"target_temperature": 25.0}),
    ("kitchen.water_heater", "mode/set", "electric", {"state": "on"}),
    ("kitchen.water_heater", "temperature/set", "60", {"target_temperature": 60.0}),
    ("kitchen.water_heater", "set", "OFF", {"state": "off"}),
    ("living_room.air_purifier", "preset/set", "sleep", {"state": "on", "preset": "sleep"}),
    ("living_room.air_purifier", "set", "OFF", {"state": "off"}),
    ("study.fan", "set", "ON", {"state": "on"}),
    ("living_room.tv", "set", "ON", {"state": "on"}),
    ("living_room.curtains", "set", "OPEN", {"state": "opening"}),
    ("living_room.curtains", "set", "STOP", {"state": "stopped"}),
    ("living_room.curtains", "position/set", "0", {"state": "closing"}),
    ("garage", "set", "OPEN", {"state": "opening"}),
    ("entrance.lock", "set", "UNLOCK", {"state": "unlocked"}),
    ("entrance.lock", "set", "LOCK", {"state": "locked"}),
    ("living_room.robot_vacuum", "set", "start", {"state": "cleaning", "battery_level": 100}),
    ("living_room.robot_vacuum", "set", "stop", {"state": "idle"}),
    ("living_room.robot_vacuum", "set", "return_to_base", {"state": "returning"}),
]

# (device, leaf, payload, words the reason must have)
REFUSED = [
    ("living_room.ac", "temperature/set", "10", "10 is outside 16..30"),
    ("living_room.ac", "mode/set", "dry", "'dry' is not one of"),
    ("living_room.light", "set", '{"state": "ON", "brightness": 0}', "outside 1..100"),
    ("living_room.light", "set", "ON", "expected a JSON light command"),
    ("garage", "position/set", "50", "does not support 'set_position'"),
    ("kitchen.water_heater", "temperature/set", "hot", "expected a number"),
]


@pytest.fixture
def house_and_watcher(broker):
    with HouseThread(broker.url) as node:
        watcher = Watcher(broker.port)
        try:
            watcher.wait_state("living_room.robot_vacuum", {"state": "docked"})  # retained states are in
            yield node, watcher
        finally:
            watcher.close()


def test_home_assistant_payloads_drive_every_platform(house_and_watcher):
    node, watcher = house_and_watcher
    for device, leaf, payload, expected in HA_COMMANDS:
        watcher.send(device, leaf, payload)
        watcher.wait_state(device, expected)
    assert watcher.rejections == []
    # The states HA reads are the house's own, in HA's words.
    assert node.house.state("living_room.light.brightness") == 40 and node.house.state("living_room.light") == "off"
    assert node.house.state("living_room.robot_vacuum") == "returning"


@pytest.mark.parametrize(
    ("device", "leaf", "payload", "reason"), REFUSED, ids=[f"{d}-{leaf}-{payload}" for d, leaf, payload, _ in REFUSED]
)
def test_a_refused_command_is_published_with_its_reason_and_changes_nothing(
    house_and_watcher, device, leaf, payload, reason
):
    node, watcher = house_and_watcher
    before = node.house.device_state(device)
    watcher.send(device, leaf, payload)
    rejection = watcher.wait_rejection(device)
    assert rejection["event_type"] == "rejected" and reason in rejection["reason"], rejection
    assert node.house.device_state(device) == before
