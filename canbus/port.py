"""One ECU's (or the cockpit's) connection to the bus: encode + protect on the way out, frames in."""

from __future__ import annotations

import can

from canbus.codec import DatabaseCodec, Value
from canbus.dbc import is_e2e_protected
from canbus.e2e import COUNTER_MODULO, protect
from canbus.recorder import BusRecorder


class BusPort:
    """Wraps a python-can bus with the DBC codec and the E2E senders' alive counters."""

    def __init__(self, bus: can.BusABC, codec: DatabaseCodec, recorder: BusRecorder | None = None) -> None:
        self.bus = bus
        self.codec = codec
        self.recorder = recorder
        self._counters: dict[int, int] = {}
        self._by_name = codec.by_name
        self._last_encoded: dict[str, tuple[dict[str, Value], bytes, dict[int, bytes]]] = {}
        self._protected: frozenset[int] = frozenset(
            m.frame_id for m in codec.database.messages if is_e2e_protected(m))
        self.frames_sent = 0
        self.frames_received = 0
        # Looked up once: the port is polled every simulation tick.
        self._drain = getattr(bus, "drain", None)

    def encode(self, message_name: str, values: dict[str, Value]) -> tuple[int, bytearray]:
        """The frame id and payload for `values`, with counter and CRC when the message is protected."""
        message_codec = self._by_name.get(message_name) or self.codec[message_name]
        frame_id = message_codec.frame_id
        protected = frame_id in self._protected
        cached = self._last_encoded.get(message_name)
        if cached is not None and cached[0] == values:
            if not protected:
                return frame_id, bytearray(cached[1])  # status messages mostly repeat: skip the packing
            # While the values repeat, so do the protected frames: one per counter value, kept.
            counter = self._counters.get(frame_id, 0)
            self._counters[frame_id] = (counter + 1) % COUNTER_MODULO
            frame = cached[2].get(counter)
            if frame is None:
                payload = bytearray(cached[1])
                protect(frame_id, payload, counter)
                frame = cached[2][counter] = bytes(payload)
            return frame_id, bytearray(frame)
        payload = message_codec.encode(values)
        self._last_encoded[message_name] = (dict(values), bytes(payload), {})  # a copy: callers mutate
        if protected:
            counter = self._counters.get(frame_id, 0)
            protect(frame_id, payload, counter)
            self._counters[frame_id] = (counter + 1) % COUNTER_MODULO
        return frame_id, payload

    def transmit(self, frame_id: int, payload: bytes | bytearray, time_s: float) -> None:
        frame = can.Message(timestamp=time_s, arbitration_id=frame_id, is_extended_id=frame_id > 0x7FF,
                            data=payload, is_rx=False, check=False)
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
