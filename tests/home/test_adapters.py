"""The cockpit's home adapters without a broker: the embedded house, the policy, intents, credentials."""

from __future__ import annotations

import logging
import time

import pytest

from cockpit.home import (
    FAILED,
    OK,
    REFUSED,
    REJECTED,
    HomePolicy,
    HomeResult,
    MqttUrl,
    MqttUrlError,
    RetryPolicy,
    plan,
)
from cockpit.home.mqtt import MqttHome
from home_sim import House
from runner.home_adapters import EmbeddedHome, open_home

SECRET = "s3cr3t-Pa55"


def results(events) -> dict[str, HomeResult]:
    return {e.command_id: e for e in events if isinstance(e, HomeResult)}


def run_until(home, t_from: float, t_to: float, dt: float = 0.01) -> list:
    events, t = [], t_from
    while t <= t_to + 1e-9:
        events += home.poll(round(t, 6))
        t += dt
    return events


def test_embedded_reply_delay_and_state_changes():
    home = EmbeddedHome(House.default(), reply_delay_s=0.2)
    command = home.send("living_room.ac", "set_temperature", {"temperature": 24}, now_s=1.0)
    assert results(home.poll(1.1)) == {}
    events = home.poll(1.2)
    assert results(events)[command].status == OK
    assert {(e.name, e.value) for e in events if e.record_type == "home_state"} >= {("living_room.ac.mode", "heat")}
    assert home.state("home.nothing") is None and home.state("living_room.ac") == "heat"


def test_embedded_is_deterministic():
    def run():
        home = EmbeddedHome()
        home.send("garage", "open", near_home=True, voice_seat="driver", now_s=0.5)
        home.send("bedroom.ac", "turn_on", now_s=0.5)
        return [(e.record_type, e.record(), e.time_s) for e in run_until(home, 0, 15, 0.1)]

    assert run() == run()


def test_garage_and_lock_need_geofence_and_the_drivers_voice():
    home = EmbeddedHome()
    far = home.send("garage", "open", near_home=False, voice_seat="driver", now_s=0)
    passenger = home.send("entrance.lock", "unlock", near_home=True, voice_seat="passenger", now_s=0)
    no_voice = home.send("entrance.gate", "open", near_home=True, voice_seat=None, now_s=0)
    driver = home.send("garage", "open", near_home=True, voice_seat="driver", now_s=0)
    lights = home.send("living_room.light", "turn_on", voice_seat="rear_left", now_s=0)  # not guarded
    out = results(run_until(home, 0, 0.5))
    assert out[far].status == REFUSED and out[far].reason.startswith("geofence")
    assert out[passenger].status == REFUSED and out[passenger].reason.startswith("driver_voice")
    assert "passenger" in out[passenger].reason
    assert out[no_voice].status == REFUSED and out[no_voice].reason.startswith("driver_voice")
    assert out[driver].status == OK and out[lights].status == OK
    assert home.state("entrance.lock") == "locked" and home.state("garage") == "opening"


def test_allow_list():
    policy = HomePolicy.from_config({"allow": {"living_room.light": "*", "living_room.ac": ["turn_off"]}})
    home = EmbeddedHome(policy=policy)
    a = home.send("living_room.light", "turn_on", now_s=0)
    b = home.send("living_room.ac", "turn_on", now_s=0)
    c = home.send("kitchen.water_heater", "turn_on", now_s=0)
    d = home.send("attic.sauna", "turn_on", now_s=0)
    out = results(run_until(home, 0, 0.3))
    assert out[a].status == OK
    assert [out[x].status for x in (b, c, d)] == [REFUSED] * 3
    assert all(out[x].reason.startswith("not_allowed") for x in (b, c, d))
    with pytest.raises(ValueError, match="unknown key"):
        HomePolicy.from_config({"alow": {}})


def test_unsupported_action_is_rejected_before_it_is_sent():
    home = EmbeddedHome()
    bad = home.send("garage", "set_position", {"position": 10}, near_home=True, voice_seat="driver", now_s=0)
    out = results(home.poll(0))
    assert out[bad].status == REJECTED and "does not support" in out[bad].reason
    assert not home.pending


def test_a_device_that_never_answers_fails_after_retries_with_a_reason():
    home = EmbeddedHome(unresponsive={"bedroom.ac"}, retry=RetryPolicy(timeout_s=5, first_retry_s=0.5))
    command = home.send("bedroom.ac", "turn_on", now_s=0)
    events = run_until(home, 0, 4.9, 0.1)
    assert command not in results(events)
    failed = results(run_until(home, 5.0, 5.2, 0.1))[command]
    assert failed.status == FAILED and failed.reason.startswith("timeout") and failed.attempts == 4
    assert RetryPolicy(timeout_s=5, first_retry_s=0.5).schedule() == [0, 0.5, 1.5, 3.5]
    assert home.state("bedroom.ac") == "off"


def test_every_command_gets_exactly_one_outcome():
    home = EmbeddedHome(unresponsive={"study.ac"})
    sent = [
        home.send(d, a, data, near_home=n, voice_seat="driver", now_s=0)
        for d, a, data, n in [
            ("living_room.light", "turn_on", None, False),
            ("garage", "open", None, False),
            ("garage", "open", None, True),
            ("study.ac", "turn_on", None, False),
            ("living_room.tv", "open", None, False),
            ("nowhere", "turn_on", None, False),
        ]
    ]
    outcomes = [e.command_id for e in run_until(home, 0, 10, 0.1) if isinstance(e, HomeResult)]
    assert sorted(outcomes) == sorted(sent)


def test_intents_to_commands():
    catalogue = House.default().catalogue()
    assert [(c.device, c.action) for c in plan("home.turn_on", {"device": "ac"}, catalogue)] == [
        ("living_room.ac", "turn_on")
    ]
    assert [c.device for c in plan("home.turn_off", {"device": "light", "room": "bedroom"}, catalogue)] == [
        "bedroom.light"
    ]
    assert [c.device for c in plan("home.turn_on", {"device": "water_heater"}, catalogue)] == ["kitchen.water_heater"]
    assert [(c.device, c.action) for c in plan("home.open", {"device": "garage"}, catalogue)] == [("garage", "open")]
    temp = plan("home.set_temperature", {"temperature": 26, "room": "bedroom"}, catalogue)
    assert [(c.device, dict(c.data)) for c in temp] == [("bedroom.ac", {"temperature": 26.0})]
    arrive = plan("home.scene", {"scene": "arrive_home"}, catalogue)
    assert ("garage", "open") in [(c.device, c.action) for c in arrive]
    with pytest.raises(ValueError, match="no tv in the kitchen"):
        plan("home.turn_on", {"device": "tv", "room": "kitchen"}, catalogue)
    # Every planned command fits the device's declared capabilities.
    for scene in ("arrive_home", "leave_home", "sleep", "movie"):
        for command in plan("home.scene", {"scene": scene}, catalogue):
            catalogue[command.device].capabilities.check(command.action, command.data)


def test_credentials_never_show(caplog):
    caplog.set_level(logging.DEBUG)
    spec = f"mqtt://cockpit:{SECRET}@127.0.0.1:9?tls=0"
    url = MqttUrl.parse(spec)
    assert url.password == SECRET and url.username == "cockpit" and url.port == 9
    assert SECRET not in repr(url) and SECRET not in str(url) and SECRET not in url.redacted()
    assert url.redacted() == "mqtt://cockpit:***@127.0.0.1:9"
    for bad in (f"http://u:{SECRET}@h:1", f"mqtt://u:{SECRET}@h:port", f"mqtt://u:{SECRET}@h:1?tsl=1"):
        with pytest.raises(MqttUrlError) as error:
            MqttUrl.parse(bad)
        assert SECRET not in str(error.value)
    # An adapter pointed at a closed port: its repr, its logs and its outcomes never carry the password.
    home = MqttHome(spec, catalogue=House.default().catalogue(), retry=RetryPolicy(timeout_s=0.3, first_retry_s=0.1))
    try:
        command = home.send("living_room.light", "turn_on", now_s=0.0)
        time.sleep(0.2)
        events = home.poll(0.1) + home.poll(0.5)
        assert results(events)[command].status == FAILED
        assert "broker unreachable" in results(events)[command].reason
        text = repr(home) + "".join(repr(e) + repr(e.record()) for e in events)
        assert SECRET not in text
    finally:
        home.close()
    assert SECRET not in caplog.text and "cockpit:***@" in caplog.text
    assert MqttUrl.parse("mqtts://h").port == 8883 and MqttUrl.parse("mqtt://h?tls=1").tls


def test_open_home():
    assert isinstance(open_home(None), EmbeddedHome)
    with pytest.raises(MqttUrlError):
        open_home("zigbee://x")
