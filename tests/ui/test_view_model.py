from __future__ import annotations

from cockpit.bus import make_signal_store
from cockpit.signals import Quality
from cockpit.ui.view_model import TraceFeed, build_state


def _store(parts):
    return make_signal_store(parts.codec)


def test_state_reads_the_store_and_names_the_destination(parts):
    store = _store(parts)
    store.put("Vehicle.Speed", 48.2, 1.0)
    store.put("Vehicle.Powertrain.Transmission.SelectedGear", 127, 1.0)  # VSS: drive
    store.put("Vehicle.Powertrain.Range", 206000, 1.0)
    store.put("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", 22.0, 1.0)
    store.put("Vehicle.Private.Cabin.Infotainment.Navigation.DestinationId", 1, 1.0)
    store.put("Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling", 67, 1.0)  # heat level 2
    store.put("Vehicle.Private.Time.UnixTime", 1768470059, 1.0)
    store.put("Vehicle.Private.Time.UtcOffset", 28800, 1.0)
    state = build_state(store, None, 1.0, {1: "home"})
    assert state.speed_kph == 48.2 and state.gear == "D"
    assert state.range_km == 206.0
    assert state.set_points["driver"] == 22.0 and state.set_points["passenger"] is None
    assert state.seat_heat["driver"] == 2
    assert state.destination_name == "home"
    assert f"{state.local_time:%H:%M}" == "17:40"
    assert state.soc_pct is None  # never received → unknown, not 0


def test_stale_message_is_flagged_but_keeps_its_last_value(parts):
    store = _store(parts)
    message = store.catalogue["Vehicle.Speed"].message
    store.put("Vehicle.Speed", 30.0, 0.0)
    store.message_received(message, 0.0)
    assert not build_state(store, None, 0.05).is_stale("speed_kph")
    assert store.message_quality(message, 60.0) is Quality.STALE
    state = build_state(store, None, 60.0)
    assert state.is_stale("speed_kph") and state.speed_kph == 30.0
    assert message in state.stale_messages


def test_feed_sorts_records_and_stays_bounded():
    feed = TraceFeed(max_lines=3)
    for i in range(5):
        feed({"t": float(i), "type": "utterance", "speaker": "user", "seat": "driver", "text": f"hello {i}"})
    feed({"t": 5.0, "type": "signal", "path": "Vehicle.Speed", "value": 3})
    feed(
        {
            "t": 6.0,
            "type": "action",
            "kind": "climate.set_temperature",
            "status": "refused",
            "source": "voice",
            "seat": "rear_left",
            "reason": "rear_zone",
            "zone": "driver",
            "temperature": 30,
        }
    )
    feed({"t": 7.0, "type": "bus_fault", "message": "VCU_Dynamics", "status": "wrong_crc"})
    assert [line.text for line in feed.conversation] == ["hello 2", "hello 3", "hello 4"]
    assert feed.actions[-1].summary == "climate.set_temperature(zone=driver, temperature=30)"
    assert [a.level for a in feed.alerts] == ["warning", "alert"]
