"""The cockpit's end of the bus: decode + E2E checks into the signal store; requests out as commands."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import can

from canbus.codec import DatabaseCodec, Value
from canbus.dbc import is_e2e_protected, message_timeout_s, narrowed_signals, signal_catalogue, vss_path_of
from canbus.e2e import E2EReceiverState, E2EStatus
from canbus.port import BusPort
from cockpit.signals import SignalStore

COMMAND_SENDER = "CCU"
GOOD_FRAMES_TO_TRUST_AGAIN = 2  # consecutive good frames after an E2E error before the data is used again
COMMAND_REPETITIONS = 3  # a request is repeated so that one lost frame does not lose it
DEFAULT_COMMAND_CYCLE_MS = 100  # for a command message whose DBC gives no cycle
SAME_INSTANT_S = 1e-6  # simulation times are whole milliseconds; this absorbs float sums such as 5.03 + 0.1


@dataclass(frozen=True)
class BusFault:
    """A frame the reader rejected, for the trace."""

    time_s: float
    message: str
    status: str


# Why a frame was rejected before its data was looked at (E2E failures use E2EStatus's values).
WRONG_LENGTH, REMOTE_FRAME, FD_FRAME, WRONG_ID_FORMAT, OUT_OF_RANGE = (
    "wrong_length",
    "remote_frame",
    "fd_frame",
    "wrong_id_format",
    "out_of_range",
)
# A frame sooner than half its message's cycle after the last one taken: a copy, a held-back frame let go in a
# burst, or the earlier half of a swapped pair. The first of the burst is used, the rest are not.
TOO_SOON = "too_soon"
# A frame on one of the cockpit's own command ids: only the cockpit may send those, and it does not hear
# its own frames, so another node is forging them.
SPOOFED_COMMAND = "spoofed_command"


class _InboundMessage:
    __slots__ = (
        "codec",
        "name",
        "paths",
        "e2e",
        "last_body",
        "last_flags",
        "length",
        "extended",
        "ranges",
        "distrust",
        "min_gap_s",
        "last_taken_s",
    )

    def __init__(self, codec, paths, e2e, message) -> None:
        self.codec = codec
        self.name = codec.name
        self.paths = paths
        self.e2e = e2e
        self.last_body: bytes | None = None
        self.last_flags = 0  # the high nibble of a protected message's byte 1 (the low one is its counter)
        self.length = message.length
        self.distrust = 0  # good frames still to come before a protected message is trusted again after errors
        self.extended = bool(message.is_extended_frame)
        self.min_gap_s = (message.cycle_time or 1000) / 2000.0
        self.last_taken_s = -math.inf
        # The DBC's [min|max] where it is narrower than what the bits can carry: a value outside is no reading.
        self.ranges = tuple(
            (
                sig.name,
                -math.inf if sig.minimum is None else sig.minimum,
                math.inf if sig.maximum is None else sig.maximum,
            )
            for sig in narrowed_signals(message)
        )


def frame_shape_fault(frame: can.Message, length: int, extended: bool) -> str | None:
    """What a head unit rejects before reading a frame's data: a remote or FD frame, an id of the other format,
    a data length other than the DBC's."""
    if frame.is_remote_frame:
        return REMOTE_FRAME
    if frame.is_fd:
        return FD_FRAME
    if bool(frame.is_extended_id) != extended:
        return WRONG_ID_FORMAT
    if len(frame.data) != length:
        return WRONG_LENGTH
    return None


def message_timeouts(codec: DatabaseCodec) -> dict[str, float]:
    return {message.name: message_timeout_s(message) for message in codec.database.messages}


def make_signal_store(codec: DatabaseCodec) -> SignalStore:
    inbound = [m for m in codec.database.messages if COMMAND_SENDER not in m.senders]
    catalogue = {
        path: meta
        for path, meta in signal_catalogue(codec.database).items()
        if meta.message in {m.name for m in inbound}
    }
    timeouts = {name: t for name, t in message_timeouts(codec).items() if name in {m.name for m in inbound}}
    return SignalStore(catalogue, timeouts)


class BusReader:
    """Turns received frames into signal values; rejects frames that fail their E2E check."""

    def __init__(
        self,
        codec: DatabaseCodec,
        store: SignalStore,
        on_fault: Callable[[BusFault], None] | None = None,
        *,
        check_arrival: bool = True,
    ) -> None:
        """`check_arrival`: judge frames that come sooner than half their cycle as faults. Off where the
        sender is paced by a wall clock and catches up in bursts when the machine is busy (a live bus to
        `main.py sim`), which no car's ECU does."""
        self.store = store
        self.on_fault = on_fault
        self.rejected = 0
        self.check_arrival = check_arrival
        self.last_frame_s: float | None = None  # when any frame at all last came (the bus is alive)
        self._inbound: dict[int, _InboundMessage] = {}
        self._commands: dict[int, str] = {}
        for message in codec.database.messages:
            if COMMAND_SENDER in message.senders:
                self._commands[message.frame_id] = message.name
                continue
            paths = tuple((s.name, vss_path_of(s)) for s in message.signals if vss_path_of(s))
            e2e = E2EReceiverState(message.frame_id) if is_e2e_protected(message) else None
            self._inbound[message.frame_id] = _InboundMessage(codec.by_name[message.name], paths, e2e, message)

    def handle(self, frame: can.Message, now_s: float) -> None:
        self.handle_all((frame,), now_s)

    def handle_all(self, frames: Iterable[can.Message], now_s: float) -> None:
        """Frames in arrival order; one loop for a whole poll, as every tick brings a few."""
        inbound_of, store, ok, repeated = self._inbound, self.store, E2EStatus.OK, E2EStatus.REPEATED
        check_arrival = self.check_arrival
        message_received, store_set = store.message_received, store.put
        if frames:
            self.last_frame_s = now_s
        for frame in frames:
            inbound = inbound_of.get(frame.arbitration_id)
            if inbound is None:
                command = self._commands.get(frame.arbitration_id)
                if command is not None and not frame.is_error_frame:
                    self._reject_name(command, SPOOFED_COMMAND, now_s)
                continue  # not ours (another node's traffic)
            data = frame.data
            if (
                len(data) != inbound.length
                or frame.is_remote_frame
                or frame.is_fd
                or frame.is_extended_id != inbound.extended
            ):
                self._reject(inbound, frame_shape_fault(frame, inbound.length, inbound.extended) or WRONG_LENGTH, now_s)
                continue
            if check_arrival:
                if now_s - inbound.last_taken_s < inbound.min_gap_s:
                    self._reject(inbound, TOO_SOON, now_s)
                    continue
                inbound.last_taken_s = now_s
            if inbound.e2e is not None:
                status = inbound.e2e.check(data)
                if status is not ok:
                    self._reject(inbound, status.value, now_s)
                    if status is not repeated:
                        # A repeated counter is old data, not doubt about the sender; anything else may be chance.
                        inbound.distrust = GOOD_FRAMES_TO_TRUST_AGAIN
                    continue
                if inbound.distrust:
                    # One frame that passes CRC-8 after errors may be chance (1 in 256 for random data): trusted
                    # again only after a run of good frames with counters in sequence.
                    inbound.distrust -= 1
                    continue
                # The counter changes in every frame; the rest often does not, and then nothing need be decoded.
                body = bytes(data[2:])
                flags = data[1] & 0xF0
            else:
                body = bytes(data)
                flags = 0
            if body == inbound.last_body and flags == inbound.last_flags:
                message_received(inbound.name, now_s)
                continue
            values = inbound.codec.decode(data)
            if inbound.ranges and any(
                isinstance(values[name], int | float) and not low <= values[name] <= high
                for name, low, high in inbound.ranges
            ):
                self._reject(inbound, OUT_OF_RANGE, now_s)  # no reading: the message is not refreshed by it
                continue
            message_received(inbound.name, now_s)
            inbound.last_body, inbound.last_flags = body, flags
            for signal_name, path in inbound.paths:
                store_set(path, values[signal_name], now_s)

    def _reject(self, inbound: _InboundMessage, why: str, now_s: float) -> None:
        self._reject_name(inbound.name, why, now_s)

    def _reject_name(self, message: str, why: str, now_s: float) -> None:
        self.rejected += 1
        if self.on_fault is not None:
            self.on_fault(BusFault(now_s, message, why))


def command_cycle_s(message) -> float:
    """How far apart a command message's repeats go: the DBC's `GenMsgCycleTimeFast` (the cycle of an IfActive
    message while active) where it has one, else its `GenMsgCycleTime`, else 100 ms."""
    fast = message.dbc.attributes.get("GenMsgCycleTimeFast") if message.dbc is not None else None
    cycle_ms = (
        (fast.value if fast is not None and fast.value else None) or message.cycle_time or DEFAULT_COMMAND_CYCLE_MS
    )
    return cycle_ms / 1000.0


class CommandWriter:
    """Collects the cockpit's requests and sends them as IfActive command frames, repeated at the message's DBC
    cycle: the first frame of a request at once (unless the message went out less than a cycle ago), each repeat
    a cycle after the one before. `flush` sends what is due and may be called as often as the loop likes (the
    cockpit calls it on every bus poll, 10 ms, so that repeats are not held to its 100 ms tick)."""

    def __init__(self, port: BusPort) -> None:
        self.port = port
        self._pending: dict[str, dict[str, Value]] = {}
        self._repetitions_left: dict[str, int] = {}
        self._last_request_s: dict[str, float] = {}
        self._cycle_s = {message.name: command_cycle_s(message) for message in port.codec.database.messages}
        self._last_sent_s: dict[str, float] = {}
        self._next_due_s: dict[str, float] = {}
        self.now_s = 0.0

    def request(self, message_name: str, values: dict[str, Value]) -> None:
        """Merge `values` into the next frames of `message_name` (later requests win per signal)."""
        self.port.codec[message_name]  # raises a clear KeyError for a message the DBC lacks
        self._pending.setdefault(message_name, {}).update(values)
        self._repetitions_left[message_name] = COMMAND_REPETITIONS
        self._last_request_s[message_name] = self.now_s
        # A new request restarts the repeats but never sends a frame sooner than a cycle after the last one.
        self._next_due_s[message_name] = self._last_sent_s.get(message_name, -math.inf) + self._cycle_s[message_name]

    def last_request_s(self, message_name: str) -> float:
        """When the cockpit last asked for something on this message (−inf: never)."""
        return self._last_request_s.get(message_name, float("-inf"))

    def flush(self, time_s: float) -> None:
        """Send the frame of every active request that is due at `time_s`."""
        self.now_s = time_s
        if not self._repetitions_left:
            return
        for message_name in sorted(self._repetitions_left):
            if time_s + SAME_INSTANT_S < self._next_due_s[message_name]:
                continue
            self.port.send(message_name, self._pending[message_name], time_s)
            self._last_sent_s[message_name] = time_s
            self._next_due_s[message_name] = time_s + self._cycle_s[message_name]
            self._repetitions_left[message_name] -= 1
            if self._repetitions_left[message_name] == 0:
                del self._repetitions_left[message_name]
                del self._pending[message_name]
