"""Recording the bus in candump format (`candump -L`), readable by can-utils, python-can and SavvyCAN."""

from __future__ import annotations

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

    def on_message_received(self, msg: can.Message) -> None:
        if msg.is_error_frame or msg.is_remote_frame or msg.is_fd:
            # Rare frames go through python-can's writer, which knows every flag.
            stamped = copy(msg)
            stamped.timestamp = msg.timestamp + self._time_offset_s
            stamped.channel = RECORDED_CHANNEL
            self._writer.on_message_received(stamped)
        else:
            # The common case, written here in the same `candump -L` layout: a replay writes ~200 a second.
            frame_id = f"{msg.arbitration_id:08X}" if msg.is_extended_id else f"{msg.arbitration_id:03X}"
            self._file.write(f"({msg.timestamp + self._time_offset_s:f}) {RECORDED_CHANNEL} {frame_id}#"
                             f"{msg.data.hex().upper()} {'R' if msg.is_rx else 'T'}\n")
        self.frames_written += 1

    def flush(self) -> None:
        self._writer.file.flush()

    def stop(self) -> None:
        self._writer.stop()
