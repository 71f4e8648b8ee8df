"""Recording the bus in candump format (`candump -L`), readable by can-utils, python-can and SavvyCAN."""

from __future__ import annotations

from collections.abc import Iterable
from copy import copy
from pathlib import Path

import can

RECORDED_CHANNEL = "can0"


class BusRecorder(can.Listener):
    """A python-can listener writing every frame it sees, received (R) or transmitted (T)."""

    def __init__(self, path: str | Path, *, time_offset_s: float = 0.0) -> None:
        # time_offset_s turns simulation seconds into the epoch time of the scenario's start, so that
        # the log shows the scenario's date, deterministically.
        self._writer = can.CanutilsLogWriter(str(path), channel=RECORDED_CHANNEL)
        self._time_offset_s = time_offset_s
        self._file = self._writer.file
        self.frames_written = 0
        # Frames of one tick share a timestamp and ids repeat all run: their text is made once each.
        self._stamp_of: tuple[float, str] | None = None
        self._id_text: dict[tuple[int, bool], str] = {}

    def on_message_received(self, msg: can.Message) -> None:
        self.record_all((msg,))

    def record_all(self, frames: Iterable[can.Message]) -> None:
        """Frames in order, written at once: what one poll of the bus brings."""
        lines: list[str] = []
        stamp, id_text, offset_s = self._stamp_of, self._id_text, self._time_offset_s
        for msg in frames:
            if msg.is_error_frame or msg.is_remote_frame or msg.is_fd:
                # Rare frames go through python-can's writer, which knows every flag.
                self._file.write("".join(lines))
                self.frames_written += len(lines) + 1
                lines.clear()
                stamped = copy(msg)
                stamped.timestamp = msg.timestamp + offset_s
                stamped.channel = RECORDED_CHANNEL
                self._writer.on_message_received(stamped)
                continue
            # The common case, written here in the same `candump -L` layout: a replay writes ~200 a second.
            timestamp = msg.timestamp
            if stamp is None or stamp[0] != timestamp:
                stamp = (timestamp, f"({timestamp + offset_s:f}) {RECORDED_CHANNEL} ")
            key = (msg.arbitration_id, msg.is_extended_id)
            frame_id = id_text.get(key)
            if frame_id is None:
                frame_id = id_text[key] = f"{key[0]:08X}#" if key[1] else f"{key[0]:03X}#"
            lines.append(f"{stamp[1]}{frame_id}{msg.data.hex().upper()} {'R' if msg.is_rx else 'T'}\n")
        self._stamp_of = stamp
        if lines:
            self._file.write("".join(lines))
            self.frames_written += len(lines)

    def flush(self) -> None:
        self._writer.file.flush()

    def stop(self) -> None:
        self._writer.stop()
