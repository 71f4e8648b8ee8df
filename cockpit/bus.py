"""The cockpit's end of the bus: decode + E2E checks into the signal store; requests out as commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import can

from canbus.codec import DatabaseCodec, Value
from canbus.dbc import is_e2e_protected, signal_catalogue, vss_path_of
from canbus.e2e import E2EReceiverState, E2EStatus
from canbus.port import BusPort
from cockpit.signals import SignalStore

COMMAND_SENDER = "CCU"
# A protected (safety or command) message is stale after 3 cycles without a valid frame, others after
# 10; never sooner than 100 ms, so that scheduling jitter on a live bus does not flap.
PROTECTED_TIMEOUT_CYCLES = 3
STATUS_TIMEOUT_CYCLES = 10
MINIMUM_TIMEOUT_S = 0.1
COMMAND_REPETITIONS = 3  # a request is repeated so that one lost frame does not lose it


@dataclass(frozen=True)
class BusFault:
    """A frame the reader rejected, for the trace."""

    time_s: float
    message: str
    status: str


class _InboundMessage:
    __slots__ = ("codec", "name", "paths", "e2e", "last_body", "last_flags")

    def __init__(self, codec, paths, e2e) -> None:
        self.codec = codec
        self.name = codec.name
        self.paths = paths
        self.e2e = e2e
        self.last_body: bytes | None = None
        self.last_flags = 0  # the high nibble of a protected message's byte 1 (the low one is its counter)


def message_timeouts(codec: DatabaseCodec) -> dict[str, float]:
    timeouts = {}
    for message in codec.database.messages:
        cycles = PROTECTED_TIMEOUT_CYCLES if is_e2e_protected(message) else STATUS_TIMEOUT_CYCLES
        timeouts[message.name] = max(MINIMUM_TIMEOUT_S, cycles * (message.cycle_time or 1000) / 1000.0)
    return timeouts


def make_signal_store(codec: DatabaseCodec) -> SignalStore:
    inbound = [m for m in codec.database.messages if COMMAND_SENDER not in m.senders]
    catalogue = {path: meta for path, meta in signal_catalogue(codec.database).items()
                 if meta.message in {m.name for m in inbound}}
    timeouts = {name: t for name, t in message_timeouts(codec).items() if name in {m.name for m in inbound}}
    return SignalStore(catalogue, timeouts)


class BusReader:
    """Turns received frames into signal values; rejects frames that fail their E2E check."""

    def __init__(self, codec: DatabaseCodec, store: SignalStore,
                 on_fault: Callable[[BusFault], None] | None = None) -> None:
        self.store = store
        self.on_fault = on_fault
        self.rejected = 0
        self._inbound: dict[int, _InboundMessage] = {}
        for message in codec.database.messages:
            if COMMAND_SENDER in message.senders:
                continue
            paths = tuple((s.name, vss_path_of(s)) for s in message.signals if vss_path_of(s))
            e2e = E2EReceiverState(message.frame_id) if is_e2e_protected(message) else None
            self._inbound[message.frame_id] = _InboundMessage(codec.by_name[message.name], paths, e2e)

    def handle(self, frame: can.Message, now_s: float) -> None:
        self.handle_all((frame,), now_s)

    def handle_all(self, frames: Iterable[can.Message], now_s: float) -> None:
        """Frames in arrival order; one loop for a whole poll, as every tick brings a few."""
        inbound_of, store, ok = self._inbound, self.store, E2EStatus.OK
        message_received, store_set = store.message_received, store.set
        for frame in frames:
            inbound = inbound_of.get(frame.arbitration_id)
            if inbound is None:
                continue  # not ours (our own commands on a replayed log, or another node's traffic)
            data = frame.data
            if inbound.e2e is not None:
                status = inbound.e2e.check(data)
                if status is not ok:
                    self.rejected += 1
                    if self.on_fault is not None:
                        self.on_fault(BusFault(now_s, inbound.name, status.value))
                    continue
                # The counter changes in every frame; the rest often does not, and then nothing need be decoded.
                body = bytes(data[2:])
                flags = data[1] & 0xF0
            else:
                body = bytes(data)
                flags = 0
            message_received(inbound.name, now_s)
            if body == inbound.last_body and flags == inbound.last_flags:
                continue
            inbound.last_body, inbound.last_flags = body, flags
            values = inbound.codec.decode(data)
            for signal_name, path in inbound.paths:
                store_set(path, values[signal_name], now_s)


class CommandWriter:
    """Collects the cockpit's requests and sends them as IfActive command frames, repeated."""

    def __init__(self, port: BusPort) -> None:
        self.port = port
        self._pending: dict[str, dict[str, Value]] = {}
        self._repetitions_left: dict[str, int] = {}
        self._last_request_s: dict[str, float] = {}
        self.now_s = 0.0

    def request(self, message_name: str, values: dict[str, Value]) -> None:
        """Merge `values` into the next frames of `message_name` (later requests win per signal)."""
        self.port.codec[message_name]  # raises a clear KeyError for a message the DBC lacks
        self._pending.setdefault(message_name, {}).update(values)
        self._repetitions_left[message_name] = COMMAND_REPETITIONS
        self._last_request_s[message_name] = self.now_s

    def last_request_s(self, message_name: str) -> float:
        """When the cockpit last asked for something on this message (−inf: never)."""
        return self._last_request_s.get(message_name, float("-inf"))

    def flush(self, time_s: float) -> None:
        """Send one frame of every active request (called once per command cycle)."""
        self.now_s = time_s
        for message_name in sorted(self._repetitions_left):
            self.port.send(message_name, self._pending[message_name], time_s)
            self._repetitions_left[message_name] -= 1
            if self._repetitions_left[message_name] == 0:
                del self._repetitions_left[message_name]
                del self._pending[message_name]
