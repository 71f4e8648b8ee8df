"""udp_multicast stays on this host unless asked: TTL 0 on the socket python-can opens (canbus/interfaces.py)."""

from __future__ import annotations

import socket

import can
import pytest

from canbus.interfaces import (
    DEFAULT_MULTICAST_GROUP,
    MULTICAST_PORT,
    MULTICAST_TTL_ENV,
    BusSpecError,
    open_bus,
)

GROUP = "239.74.163.41"  # this module's own group


def socket_of(bus: can.BusABC) -> socket.socket:
    return bus._multicast._socket  # python-can keeps it private; the option is read from the kernel


def test_the_documented_defaults_are_python_cans() -> None:
    from can.interfaces.udp_multicast import UdpMulticastBus

    assert UdpMulticastBus.DEFAULT_GROUP_IPv4 == DEFAULT_MULTICAST_GROUP
    assert MULTICAST_PORT == 43113


def test_the_ttl_is_zero_by_default_and_frames_still_reach_this_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MULTICAST_TTL_ENV, raising=False)
    sender, receiver = open_bus(f"udp_multicast:{GROUP}"), open_bus(f"udp_multicast:{GROUP}")
    try:
        assert socket_of(sender).getsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL) == 0
        assert socket_of(sender).getsockname()[1] == MULTICAST_PORT
        sent = [can.Message(arbitration_id=0x100 + i, data=bytes([i]), is_extended_id=False) for i in range(5)]
        for frame in sent:
            sender.send(frame)
        got = [receiver.recv(2.0) for _ in sent]
    finally:
        sender.shutdown()
        receiver.shutdown()
    if got[0] is None:
        pytest.skip("this host delivers no multicast on loopback")
    assert [(f.arbitration_id, bytes(f.data)) for f in got] == [(f.arbitration_id, bytes(f.data)) for f in sent]


def test_the_environment_sets_another_ttl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MULTICAST_TTL_ENV, "3")
    bus = open_bus(f"udp_multicast:{GROUP}")  # opened only: nothing is sent beyond this host
    try:
        assert socket_of(bus).getsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL) == 3
    finally:
        bus.shutdown()


@pytest.mark.parametrize("value", ["-1", "256", "one", "1.5"])
def test_a_bad_ttl_is_bad_input_naming_the_variable(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(MULTICAST_TTL_ENV, value)
    with pytest.raises(BusSpecError, match=f"{MULTICAST_TTL_ENV}=.*0 \\(this host only\\) to 255"):
        open_bus(f"udp_multicast:{GROUP}")
