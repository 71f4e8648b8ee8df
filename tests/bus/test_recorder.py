"""BusRecorder writes `candump -L` logs that python-can (and can-utils) read back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import can
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canbus.interfaces import open_bus, read_log
from canbus.port import BusPort
from canbus.recorder import RECORDED_CHANNEL, BusRecorder

from .conftest import CODEC

OFFSET_S = 1_767_225_600.0  # 2026-01-01T00:00:00Z: a scenario's epoch start
LINE = r"\(\d+\.\d{6}\) can0 ([0-9A-F]{3}|[0-9A-F]{8})#([0-9A-F]{2})* [RT]"


def frame(time_s: float, frame_id: int, data: bytes, *, is_rx: bool, extended: bool = False) -> can.Message:
    return can.Message(
        timestamp=time_s,
        arbitration_id=frame_id,
        is_extended_id=extended,
        data=data,
        is_rx=is_rx,
        channel="cockpit-sim",
    )


FRAMES = [
    frame(0.0, 0x0A0, bytes.fromhex("1f0012340000ffff"), is_rx=False),
    frame(0.010, 0x1B0, bytes(range(8)), is_rx=True),
    frame(0.5, 0x7FF, b"", is_rx=True),
    frame(1.25, 0x12345678, b"\xde\xad", is_rx=False, extended=True),
    frame(3600.000001, 0x000, b"\x00", is_rx=True),
]


def record(path: Path, frames: list[can.Message], offset_s: float = OFFSET_S) -> BusRecorder:
    recorder = BusRecorder(path, time_offset_s=offset_s)
    for message in frames:
        recorder.on_message_received(message)
    recorder.stop()
    return recorder


def assert_same_frames(read: list[can.Message], written: list[can.Message], offset_s: float) -> None:
    assert len(read) == len(written)
    for got, sent in zip(read, written, strict=True):
        assert got.arbitration_id == sent.arbitration_id
        assert got.is_extended_id == sent.is_extended_id
        assert bytes(got.data) == bytes(sent.data) and got.dlc == len(sent.data)
        assert got.timestamp == pytest.approx(sent.timestamp + offset_s, abs=1e-6)
        assert got.is_rx == sent.is_rx
        assert got.channel == RECORDED_CHANNEL
        assert not (got.is_error_frame or got.is_remote_frame or got.is_fd)


def test_frames_read_back_equal_the_originals(tmp_path: Path) -> None:
    path = tmp_path / "bus.log"
    recorder = record(path, FRAMES)
    assert recorder.frames_written == len(FRAMES)
    assert_same_frames(list(can.LogReader(str(path))), FRAMES, OFFSET_S)
    assert_same_frames(list(read_log(path)), FRAMES, OFFSET_S)


def test_the_file_is_in_candump_l_layout_and_complete_after_stop(tmp_path: Path) -> None:
    path = tmp_path / "bus.log"
    record(path, FRAMES)
    text = path.read_text()
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == len(FRAMES)
    for line in lines:
        assert re.fullmatch(LINE, line), line
    assert lines[0] == f"({OFFSET_S:f}) can0 0A0#1F0012340000FFFF T"
    assert lines[3] == f"({OFFSET_S + 1.25:f}) can0 12345678#DEAD T"
    assert lines[2] == f"({OFFSET_S + 0.5:f}) can0 7FF# R"


def test_flush_makes_frames_visible_before_stop(tmp_path: Path) -> None:
    path = tmp_path / "bus.log"
    recorder = BusRecorder(path)
    recorder.on_message_received(FRAMES[1])
    recorder.flush()
    assert path.read_text() == "(0.010000) can0 1B0#0001020304050607 R\n"
    recorder.stop()


def test_the_recorder_does_not_alter_the_frames_it_sees(tmp_path: Path) -> None:
    message = frame(2.0, 0x2D0, b"\x01\x02", is_rx=True)
    record(tmp_path / "bus.log", [message])
    assert (message.timestamp, message.channel) == (2.0, "cockpit-sim")


def test_rare_frames_go_through_python_can_with_the_offset(tmp_path: Path) -> None:
    remote = can.Message(
        timestamp=4.0,
        arbitration_id=0x123,
        is_extended_id=False,
        is_remote_frame=True,
        dlc=0,
        is_rx=True,
        channel="cockpit-sim",
    )
    ordinary = frame(5.0, 0x124, b"\x01", is_rx=True)
    path = tmp_path / "bus.log"
    record(path, [remote, ordinary])
    read = list(can.LogReader(str(path)))
    assert [m.timestamp for m in read] == pytest.approx([OFFSET_S + 4.0, OFFSET_S + 5.0], abs=1e-6)
    assert read[0].is_remote_frame and read[0].arbitration_id == 0x123 and read[0].channel == "can0"
    assert remote.timestamp == 4.0 and remote.channel == "cockpit-sim"  # the original is untouched


frames_strategy = st.lists(
    st.builds(
        lambda t, i, d, rx: frame(t, i, d, is_rx=rx),
        st.floats(0.0, 100_000.0, allow_nan=False).map(lambda t: round(t, 6)),
        st.integers(0, 0x7FF),
        st.binary(max_size=8),
        st.booleans(),
    ),
    max_size=20,
)


@settings(max_examples=30, deadline=None, database=None)
@given(frames=frames_strategy)
def test_any_classic_frames_round_trip(tmp_path_factory: pytest.TempPathFactory, frames: list[can.Message]) -> None:
    path = tmp_path_factory.mktemp("rec") / "bus.log"
    record(path, frames)
    assert_same_frames(list(can.LogReader(str(path))), frames, OFFSET_S)


def test_a_port_records_what_it_sends_and_receives(tmp_path: Path, channel: str, buses: list) -> None:
    path = tmp_path / "bus.log"
    recorder = BusRecorder(path, time_offset_s=100.0)
    ecu = BusPort(open_bus(f"virtual:{channel}"), CODEC)
    cockpit = BusPort(open_bus(f"virtual:{channel}"), CODEC, recorder=recorder)
    buses += [ecu.bus, cockpit.bus]
    ecu.send("VCU_Dynamics", {"VehicleSpeed": 50.0}, 1.0)
    received = cockpit.receive_pending()
    cockpit.send("CCU_Nav_Cmd", {"RouteRequest": "set", "DestinationId": 7}, 1.5)
    recorder.stop()
    read = list(can.LogReader(str(path)))
    assert [(m.arbitration_id, m.is_rx, m.timestamp) for m in read] == [(0xA0, True, 101.0), (0x304, False, 101.5)]
    assert read[0].data == received[0].data
    assert CODEC["CCU_Nav_Cmd"].decode(read[1].data)["DestinationId"] == 7
