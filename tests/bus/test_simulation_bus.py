"""SimulationBus: a faster VirtualBus that still interoperates with python-can's own on a channel."""

from __future__ import annotations

import can
import pytest
from can.interfaces.virtual import VirtualBus

from canbus.interfaces import open_bus
from canbus.simulation_bus import SimulationBus


def message(time_s: float, frame_id: int, data: bytes = b"\x01\x02\x03") -> can.Message:
    return can.Message(timestamp=time_s, arbitration_id=frame_id, is_extended_id=False, data=data)


def test_open_bus_virtual_gives_a_simulation_bus(channel: str, buses: list) -> None:
    bus = open_bus(f"virtual:{channel}")
    buses.append(bus)
    assert isinstance(bus, SimulationBus) and bus.channel_id == channel


def test_delivers_to_a_plain_virtual_bus_with_its_timestamp(channel: str, buses: list) -> None:
    sim, plain = SimulationBus(channel), VirtualBus(channel=channel)
    buses += [sim, plain]
    sim.send(message(12.345, 0x1A0))
    received = plain.recv(1.0)
    assert received is not None
    assert (received.arbitration_id, bytes(received.data)) == (0x1A0, b"\x01\x02\x03")
    assert received.timestamp == 12.345  # simulation time, not the wall clock
    assert received.is_rx and received.channel == channel
    assert plain.recv(0) is None and sim.drain() == []  # no echo to the sender


def test_receives_from_a_plain_virtual_bus(channel: str, buses: list) -> None:
    sim, plain = SimulationBus(channel), VirtualBus(channel=channel, preserve_timestamps=True)
    buses += [sim, plain]
    plain.send(message(7.5, 0x2C0))
    received = sim.recv(1.0)
    assert received is not None and received.arbitration_id == 0x2C0 and received.timestamp == 7.5
    plain.send(message(7.6, 0x2C1))
    assert [m.arbitration_id for m in sim.drain()] == [0x2C1]


def test_drain_returns_every_waiting_frame_in_order(channel: str, buses: list) -> None:
    sender, receiver = SimulationBus(channel), SimulationBus(channel)
    buses += [sender, receiver]
    assert receiver.drain() == []
    for index in range(50):
        sender.send(message(index * 0.01, 0x100 + index, bytes([index])))
    frames = receiver.drain()
    assert [m.arbitration_id for m in frames] == [0x100 + i for i in range(50)]
    assert [m.timestamp for m in frames] == [i * 0.01 for i in range(50)]
    assert [m.data[0] for m in frames] == list(range(50))
    assert all(m.is_rx for m in frames)
    assert receiver.drain() == [] and receiver.recv(0) is None


def test_buses_on_other_channels_see_nothing(channel: str, buses: list) -> None:
    sender, elsewhere = SimulationBus(channel), SimulationBus(channel + "-other")
    buses += [sender, elsewhere]
    sender.send(message(0.0, 0x10))
    assert elsewhere.drain() == []


def test_receive_own_messages(channel: str, buses: list) -> None:
    sender = SimulationBus(channel, receive_own_messages=True)
    other = SimulationBus(channel)
    buses += [sender, other]
    sender.send(message(1.0, 0x42))
    (own,), (theirs,) = sender.drain(), other.drain()
    assert not own.is_rx and theirs.is_rx


@pytest.fixture
def two_receivers(channel: str, buses: list) -> tuple[can.Message, can.Message, can.Message]:
    sender, first, second = SimulationBus(channel), SimulationBus(channel), VirtualBus(channel=channel)
    buses += [sender, first, second]
    sent = message(3.0, 0x2D0, b"\xaa\xbb")
    sender.send(sent)
    (one,) = first.drain()
    two = second.recv(1.0)
    return sent, one, two


def test_two_receivers_get_distinct_frame_objects(two_receivers) -> None:
    _, one, two = two_receivers
    assert one is not two
    one.timestamp, one.channel, one.is_rx = 99.0, "mutated", False
    assert (two.timestamp, two.is_rx) == (3.0, True) and two.channel != "mutated"
    assert bytes(one.data) == bytes(two.data) == b"\xaa\xbb"


def test_mutating_one_receivers_data_does_not_change_the_others(two_receivers) -> None:
    sent, one, two = two_receivers
    one.data[0] = 0x00
    assert bytes(two.data) == b"\xaa\xbb"
    assert bytes(sent.data) == b"\xaa\xbb"


def test_shutdown_leaves_the_channel(channel: str) -> None:
    first, second = SimulationBus(channel), SimulationBus(channel)
    second.shutdown()
    first.send(message(0.0, 0x1))  # nobody listening: must not fail
    assert first.drain() == []
    first.shutdown()
