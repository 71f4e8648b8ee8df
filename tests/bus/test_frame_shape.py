"""The cockpit trusts only frames a real head unit would: every message the cockpit reads, sent with the wrong
length, as a remote or an FD frame, or with an id of the other format, is rejected and counted, and nothing of it
reaches the signal store; a value outside the DBC's [min|max] makes its frame no reading at all (not clamped)."""

from __future__ import annotations

import can
import pytest

from canbus.interfaces import open_bus
from canbus.port import BusPort
from cockpit.bus import (
    FD_FRAME,
    OUT_OF_RANGE,
    REMOTE_FRAME,
    WRONG_ID_FORMAT,
    WRONG_LENGTH,
    BusFault,
    BusReader,
    make_signal_store,
)
from cockpit.signals import Quality

from .conftest import CODEC, DATABASE

INBOUND = [m for m in DATABASE.messages if "CCU" not in m.senders]


def _good_frame(port: BusPort, name: str, time_s: float) -> can.Message:
    """A frame whose every value is within the DBC's range (zero, or the signal's minimum when that is more)."""
    message = CODEC[name].message
    frame_id, payload = port.encode(name, {s.name: max(0, s.minimum or 0) for s in message.signals})
    return can.Message(timestamp=time_s, arbitration_id=frame_id, is_extended_id=frame_id > 0x7FF, data=bytes(payload))


def _variants(frame: can.Message) -> dict[str, can.Message]:
    data = bytes(frame.data)

    def like(**changes) -> can.Message:
        fields = {
            "timestamp": frame.timestamp,
            "arbitration_id": frame.arbitration_id,
            "is_extended_id": frame.is_extended_id,
            "data": data,
        }
        fields.update(changes)
        return can.Message(**fields)

    return {
        WRONG_LENGTH + " (short)": like(data=data[:1]),
        WRONG_LENGTH + " (empty)": like(data=b""),
        WRONG_LENGTH + " (long)": like(data=data + bytes(56)),
        REMOTE_FRAME: like(is_remote_frame=True, data=b"", dlc=len(data)),
        FD_FRAME: like(is_fd=True),
        WRONG_ID_FORMAT: like(is_extended_id=not frame.is_extended_id),
    }


@pytest.mark.parametrize("message", INBOUND, ids=lambda m: m.name)
def test_every_malformed_frame_of_every_message_is_rejected(channel: str, buses: list, message) -> None:
    port = BusPort(open_bus(f"virtual:{channel}"), CODEC)
    buses.append(port.bus)
    for why, bad in _variants(_good_frame(port, message.name, 1.0)).items():
        store = make_signal_store(CODEC)
        faults: list[BusFault] = []
        reader = BusReader(CODEC, store, on_fault=faults.append)
        reader.handle(bad, 1.0)
        assert reader.rejected == 1, why
        assert faults and faults[0].message == message.name and faults[0].status in why, why
        assert store.message_quality(message.name, 1.0) is Quality.MISSING, why
        assert all(store.last(path) is None for path in store.catalogue if store.message_of(path) == message.name)


NARROWED = [
    (m, s)
    for m in INBOUND
    for s in m.signals
    if not s.choices
    and s.maximum is not None
    and s.maximum < (2**s.length - 1) * s.scale + s.offset - 1e-9
    and not s.is_signed
]


@pytest.mark.parametrize("message, signal", NARROWED, ids=lambda x: getattr(x, "name", ""))
def test_a_value_beyond_the_dbc_range_is_no_reading(channel: str, buses: list, message, signal) -> None:
    port = BusPort(open_bus(f"virtual:{channel}"), CODEC)
    buses.append(port.bus)
    store = make_signal_store(CODEC)
    faults: list[BusFault] = []
    reader = BusReader(CODEC, store, on_fault=faults.append)
    reader.handle(_good_frame(port, message.name, 1.0), 1.0)
    assert reader.rejected == 0 and store.message_quality(message.name, 1.0) is Quality.VALID
    beyond = (2**signal.length - 1) * signal.scale + signal.offset  # what the bits can carry, past the DBC's max
    frame_id, payload = port.encode(message.name, {signal.name: beyond})
    reader.handle(
        can.Message(timestamp=5.0, arbitration_id=frame_id, is_extended_id=frame_id > 0x7FF, data=bytes(payload)), 5.0
    )
    assert reader.rejected == 1 and faults[-1].status == OUT_OF_RANGE
    for path, meta in store.catalogue.items():
        if meta.message == message.name and meta.signal == signal.name:
            assert store.last(path) != pytest.approx(beyond)  # neither stored nor clamped into the store
    assert store.message_quality(message.name, 100.0) is Quality.STALE  # the bad frame refreshed nothing


def test_after_an_e2e_error_a_protected_message_needs_a_run_of_good_frames(channel: str, buses: list) -> None:
    port = BusPort(open_bus(f"virtual:{channel}"), CODEC)
    buses.append(port.bus)
    store = make_signal_store(CODEC)
    reader = BusReader(CODEC, store)

    def send(speed: float, time_s: float, corrupt: bool = False) -> None:
        frame_id, payload = port.encode("VCU_Dynamics", {"VehicleSpeed": speed})
        data = bytearray(payload)
        if corrupt:
            data[0] ^= 0xA5  # the CRC byte
        reader.handle(
            can.Message(timestamp=time_s, arbitration_id=frame_id, is_extended_id=False, data=bytes(data)), time_s
        )

    send(10.0, 0.00)
    assert store.valid("Vehicle.Speed", 0.0) == pytest.approx(10.0)
    send(20.0, 0.01, corrupt=True)
    send(30.0, 0.02)  # good CRC, but its counter skips the lost one: another error
    send(40.0, 0.03)  # good, right after an error: not yet trusted
    send(50.0, 0.04)
    assert store.last("Vehicle.Speed") == pytest.approx(10.0)
    send(60.0, 0.05)  # the third good frame in a row
    assert store.valid("Vehicle.Speed", 0.05) == pytest.approx(60.0)
