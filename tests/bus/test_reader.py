"""The cockpit's end of the bus: BusReader into the SignalStore, CommandWriter out."""

from __future__ import annotations

import can
import pytest

from canbus.interfaces import open_bus
from canbus.port import BusPort
from cockpit.bus import BusFault, BusReader, CommandWriter, make_signal_store, message_timeouts
from cockpit.signals import Quality

from .conftest import CODEC


class Link:
    """An ECU port and a cockpit port on one private virtual channel, and the cockpit's reader."""

    def __init__(self, channel: str, buses: list) -> None:
        self.ecu = BusPort(open_bus(f"virtual:{channel}"), CODEC)
        self.cockpit = BusPort(open_bus(f"virtual:{channel}"), CODEC)
        buses += [self.ecu.bus, self.cockpit.bus]
        self.store = make_signal_store(CODEC)
        self.faults: list[BusFault] = []
        self.reader = BusReader(CODEC, self.store, on_fault=self.faults.append)

    def deliver(self, now_s: float) -> list[can.Message]:
        """Every frame waiting, each read when it was sent (its timestamp), as a tick-by-tick reader would."""
        frames = self.cockpit.receive_pending()
        for frame in frames:
            self.reader.handle(frame, min(frame.timestamp, now_s))
        return frames


@pytest.fixture
def link(channel: str, buses: list) -> Link:
    return Link(channel, buses)


DYNAMICS = {"VehicleSpeed": 87.5, "Gear": 127, "LongitudinalAccel": -1.25, "MotorPower": 42}


def test_values_land_in_the_store_at_their_vss_path(link: Link) -> None:
    link.ecu.send("VCU_Dynamics", DYNAMICS, 1.0)
    link.ecu.send("Body_Doors", {"DriverDoorOpen": True, "TrunkOpen": True, "TrunkPosition": 40}, 1.0)
    link.ecu.send("VCU_Status", {"Odometer": 12345600, "DriveMode": "sport", "ReadyState": "ON"}, 1.0)
    assert len(link.deliver(1.0)) == 3
    store = link.store
    assert store.valid("Vehicle.Speed", 1.0) == pytest.approx(87.5)
    assert store.valid("Vehicle.Powertrain.Transmission.SelectedGear", 1.0) == 127  # VSS: drive
    assert store.valid("Vehicle.Acceleration.Longitudinal", 1.0) == pytest.approx(-1.25)
    assert store.valid("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", 1.0) is True
    assert store.valid("Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen", 1.0) is False
    assert store.valid("Vehicle.Body.Trunk.Rear.IsOpen", 1.0) is True
    assert store.valid("Vehicle.Body.Trunk.Rear.Position", 1.0) == 40
    assert store.valid("Vehicle.LowVoltageSystemState", 1.0) == "ON"
    assert store.valid("Vehicle.TraveledDistance", 1.0) == 12345600  # VSS 6.0: metres
    assert store.valid("Vehicle.Private.Powertrain.DriveMode", 1.0) == "sport"
    assert link.reader.rejected == 0 and link.faults == []
    assert "Vehicle.Speed" in store.take_changes()


def test_a_changed_value_replaces_the_old_one(link: Link) -> None:
    for time_s, speed in ((0.0, 10.0), (0.01, 10.0), (0.02, 11.5)):
        link.ecu.send("VCU_Dynamics", {**DYNAMICS, "VehicleSpeed": speed}, time_s)
        link.deliver(time_s)
    assert link.store.valid("Vehicle.Speed", 0.02) == pytest.approx(11.5)
    assert link.store.sample("Vehicle.Speed", 0.02).time_s == 0.02
    assert link.reader.rejected == 0


def test_missing_before_the_first_frame(link: Link) -> None:
    assert link.store.message_quality("VCU_Dynamics", 0.0) is Quality.MISSING
    sample = link.store.sample("Vehicle.Speed", 5.0)
    assert (sample.value, sample.time_s, sample.quality) == (None, None, Quality.MISSING)
    assert link.store.valid("Vehicle.Speed", 5.0) is None
    assert link.store.last("Vehicle.Speed") is None


def test_a_bad_crc_frame_is_rejected(link: Link) -> None:
    link.ecu.send("VCU_Dynamics", DYNAMICS, 1.0)
    link.deliver(1.0)
    frame_id, payload = link.ecu.encode("VCU_Dynamics", {**DYNAMICS, "VehicleSpeed": 200.0})
    payload[0] ^= 0x01
    link.ecu.transmit(frame_id, payload, 1.01)
    link.deliver(1.01)
    assert link.reader.rejected == 1
    assert link.faults == [BusFault(1.01, "VCU_Dynamics", "bad_crc")]
    assert link.store.last("Vehicle.Speed") == pytest.approx(87.5)
    assert link.store.sample("Vehicle.Speed", 1.01).time_s == 1.0  # the bad frame did not refresh it


def test_a_repeated_counter_is_rejected_as_such(link: Link) -> None:
    frame_id, payload = link.ecu.encode("BMS_Status", {"StateOfCharge": 55.0})
    link.ecu.transmit(frame_id, payload, 0.0)
    link.ecu.transmit(frame_id, payload, 0.1)  # a replayed frame
    link.deliver(0.1)
    assert link.reader.rejected == 1
    assert [f.status for f in link.faults] == ["repeated_counter"]
    assert link.store.valid("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", 0.1) == 55.0


def test_unknown_frames_are_ignored_and_a_command_from_another_node_is_a_spoof(link: Link) -> None:
    link.ecu.transmit(0x7AB, bytes(8), 0.0)
    assert len(link.deliver(0.0)) == 1
    assert link.reader.rejected == 0 and link.store.take_changes() == set()
    # The cockpit does not hear its own frames: one of its command ids on the bus comes from another node.
    link.ecu.send("CCU_HVAC_Cmd", {"PowerRequest": "on"}, 0.0)
    assert len(link.deliver(0.0)) == 1
    assert [(f.message, f.status) for f in link.faults] == [("CCU_HVAC_Cmd", "spoofed_command")]
    assert link.store.take_changes() == set()


def test_a_copy_of_a_frame_sooner_than_half_a_cycle_is_not_taken(link: Link) -> None:
    frame_id, payload = link.ecu.encode("VCU_Status", {"DriveMode": "eco"})
    link.ecu.transmit(frame_id, payload, 1.0)
    link.ecu.transmit(frame_id, bytearray(payload), 1.0)  # the same frame again at once
    later_id, later = link.ecu.encode("VCU_Status", {"DriveMode": "sport"})
    link.ecu.transmit(later_id, later, 1.04)  # a different frame, 40 ms on (the cycle is 100 ms)
    link.ecu.transmit(later_id, later, 1.1)  # on time
    link.deliver(1.1)
    assert [(round(f.time_s, 2), f.status) for f in link.faults] == [(1.0, "too_soon"), (1.04, "too_soon")]
    assert link.store.valid("Vehicle.Private.Powertrain.DriveMode", 1.1) == "sport"


def test_timeouts_follow_the_cycle_times() -> None:
    timeouts = message_timeouts(CODEC)
    assert timeouts["VCU_Dynamics"] == pytest.approx(0.1)  # 3 x 10 ms, raised to the 100 ms floor
    assert timeouts["BMS_Status"] == pytest.approx(0.3)  # protected: 3 x 100 ms
    assert timeouts["VCU_Status"] == pytest.approx(1.0)  # status: 10 x 100 ms
    assert timeouts["BMS_Energy"] == pytest.approx(10.0)  # status: 10 x 1000 ms
    assert set(make_signal_store(CODEC).messages()) == {
        m.name for m in CODEC.database.messages if "CCU" not in m.senders
    }


@pytest.mark.parametrize(
    ("message", "values", "path", "timeout_s"),
    [
        ("VCU_Dynamics", DYNAMICS, "Vehicle.Speed", 0.1),
        ("BMS_Status", {"StateOfCharge": 80.0}, "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", 0.3),
        ("VCU_Status", {"DriveMode": "eco"}, "Vehicle.Private.Powertrain.DriveMode", 1.0),
        ("Env_Sensors", {"Weather": "rain"}, "Vehicle.Private.Exterior.Weather", 10.0),
    ],
)
def test_a_message_becomes_stale_after_its_timeout(
    link: Link, message: str, values: dict, path: str, timeout_s: float
) -> None:
    link.ecu.send(message, values, 2.0)
    link.deliver(2.0)
    expected = link.store.last(path)
    assert expected is not None
    before, after = 2.0 + timeout_s * 0.99, 2.0 + timeout_s * 1.01
    assert link.store.message_quality(message, before) is Quality.VALID
    assert link.store.valid(path, before) == expected
    assert link.store.message_quality(message, after) is Quality.STALE
    assert link.store.sample(path, after).quality is Quality.STALE
    assert link.store.valid(path, after) is None
    assert link.store.last(path) == expected
    # A fresh frame makes it valid again.
    link.ecu.send(message, values, after)
    link.deliver(after)
    assert link.store.valid(path, after + timeout_s * 0.5) == expected


def test_rejected_frames_do_not_keep_a_message_fresh(link: Link) -> None:
    frame_id, payload = link.ecu.encode("Body_Doors", {"DoorsLocked": True})
    link.ecu.transmit(frame_id, payload, 0.0)
    link.deliver(0.0)
    for step in range(1, 6):  # the same frame again and again: every one a repeated counter
        link.ecu.transmit(frame_id, payload, step * 0.1)
    link.deliver(0.5)
    assert link.reader.rejected == 5
    assert link.store.valid("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked", 0.5) is None
    assert link.store.last("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked") is True


def commands(link: Link) -> list[dict]:
    return [CODEC.by_frame_id[f.arbitration_id].decode(f.data) for f in link.ecu.receive_pending()]


def test_a_command_is_sent_three_times_then_no_more(link: Link) -> None:
    writer = CommandWriter(link.cockpit)
    writer.request("CCU_Body_Cmd", {"LockRequest": "lock"})
    sent = []
    for cycle in range(6):
        writer.flush(cycle * 0.1)
        sent.append(commands(link))
    assert [len(frames) for frames in sent] == [1, 1, 1, 0, 0, 0]
    frames = [frames[0] for frames in sent[:3]]
    assert [f["LockRequest"] for f in frames] == ["lock"] * 3
    assert [f["CCU_Body_Cmd_Counter"] for f in frames] == [0, 1, 2]
    assert frames[0]["DriverWindowRequest"] == "none"


def test_two_requests_to_the_same_message_merge(link: Link) -> None:
    writer = CommandWriter(link.cockpit)
    writer.request("CCU_HVAC_Cmd", {"PowerRequest": "on", "FanLevelRequest": 2})
    writer.request("CCU_HVAC_Cmd", {"FanLevelRequest": 4, "DriverSetPointRequest": 21.5})
    writer.flush(0.0)
    (frame,) = commands(link)
    merged = (frame["PowerRequest"], frame["FanLevelRequest"], frame["DriverSetPointRequest"])
    assert merged == ("on", 4, 21.5)


def test_a_request_merged_between_repetitions_reaches_the_bus(link: Link) -> None:
    writer = CommandWriter(link.cockpit)
    writer.request("CCU_HVAC_Cmd", {"PowerRequest": "on"})
    writer.flush(0.0)
    (first,) = commands(link)
    assert (first["PowerRequest"], first["FanLevelRequest"]) == ("on", "none")
    writer.request("CCU_HVAC_Cmd", {"FanLevelRequest": 3})  # merged; restarts the 3 repetitions
    sent = []
    for cycle in range(1, 6):
        writer.flush(cycle * 0.1)
        sent += commands(link)
    assert [(f["PowerRequest"], f["FanLevelRequest"]) for f in sent] == [("on", 3)] * 3


def test_a_port_re_encodes_a_values_dict_mutated_after_sending(link: Link) -> None:
    values = {"VehicleSpeed": 10.0}
    link.ecu.send("VCU_Dynamics", values, 0.0)
    values["VehicleSpeed"] = 20.0  # callers (CommandWriter) update their dict in place
    link.ecu.send("VCU_Dynamics", values, 0.01)
    speeds = [CODEC["VCU_Dynamics"].decode(f.data)["VehicleSpeed"] for f in link.cockpit.receive_pending()]
    assert speeds == [10.0, 20.0]
