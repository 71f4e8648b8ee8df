"""One ECU's (or the cockpit's) connection to the bus: encode + protect on the way out, frames in."""

from __future__ import annotations

import can

from canbus.codec import DatabaseCodec, MessageCodec, Value
from canbus.dbc import is_e2e_protected
from canbus.e2e import COUNTER_MODULO, protect
from canbus.recorder import BusRecorder


class _Outgoing:
    """One message's sending state: its codec, the last values and payload, its protected frames."""

    __slots__ = ("codec", "frame_id", "protected", "values", "payload", "frames", "counter")

    def __init__(self, codec: MessageCodec, protected: bool) -> None:
        self.codec = codec
        self.frame_id = codec.frame_id
        self.protected = protected
        self.values: dict[str, Value] | None = None
        self.payload = b""
        self.frames: dict[int, bytes] = {}  # counter -> protected frame of `payload`
        self.counter = 0


class BusPort:
    """Wraps a python-can bus with the DBC codec and the E2E senders' alive counters."""

    def __init__(self, bus: can.BusABC, codec: DatabaseCodec, recorder: BusRecorder | None = None) -> None:
        self.bus = bus
        self.codec = codec
        self.recorder = recorder
        # One lookup per frame sent: a replay sends ~200 a simulated second.
        self._outgoing: dict[str, _Outgoing] = {}
        self._protected: frozenset[int] = frozenset(m.frame_id for m in codec.database.messages if is_e2e_protected(m))
        self.frames_sent = 0
        self.frames_received = 0
        # Looked up once: the port is polled every simulation tick.
        self._drain = getattr(bus, "drain", None)

    def encode(self, message_name: str, values: dict[str, Value]) -> tuple[int, bytearray]:
        """The frame id and payload for `values`, with counter and CRC when the message is protected."""
        out = self._outgoing.get(message_name)
        if out is None:
            message_codec = self.codec[message_name]
            out = self._outgoing[message_name] = _Outgoing(message_codec, message_codec.frame_id in self._protected)
        if out.values is not None and out.values == values:
            payload = None  # status messages mostly repeat: skip the packing
        else:
            payload = out.codec.encode(values)
            out.values = dict(values)  # a copy: callers mutate theirs
            # Values can change finer than the signals' resolution: then the protected frames stay good.
            if payload != out.payload:
                out.payload = bytes(payload)
                out.frames = {}
        if not out.protected:
            return out.frame_id, bytearray(out.payload) if payload is None else payload
        # While the payload repeats, so do its protected frames: one per counter value, kept.
        counter = out.counter
        out.counter = (counter + 1) % COUNTER_MODULO
        frame = out.frames.get(counter)
        if frame is not None:
            return out.frame_id, bytearray(frame)
        if payload is None:
            payload = bytearray(out.payload)
        protect(out.frame_id, payload, counter)
        out.frames[counter] = bytes(payload)
        return out.frame_id, payload

    def transmit(self, frame_id: int, payload: bytes | bytearray, time_s: float) -> None:
        frame = can.Message(
            timestamp=time_s,
            arbitration_id=frame_id,
            is_extended_id=frame_id > 0x7FF,
            data=payload,
            is_rx=False,
            check=False,
        )
        if self.recorder is not None:
            self.recorder.on_message_received(frame)  # before sending: the bus may hand the frame on
        self.bus.send(frame)
        self.frames_sent += 1

    def send(self, message_name: str, values: dict[str, Value], time_s: float) -> None:
        frame_id, payload = self.encode(message_name, values)
        self.transmit(frame_id, payload, time_s)

    def receive_pending(self) -> list[can.Message]:
        """Every frame already waiting, without blocking (the simulation never waits on the bus)."""
        drain = self._drain
        if drain is not None:
            frames = drain()
            if not frames:
                return frames
        else:
            frames = []
            recv = self.bus.recv
            while (frame := recv(0)) is not None:
                frames.append(frame)
        self.frames_received += len(frames)
        if self.recorder is not None:
            self.recorder.record_all(frames)
        return frames

    def close(self) -> None:
        self.bus.shutdown()
