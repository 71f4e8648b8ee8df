"""Recording the bus in candump format (`candump -L`), readable by can-utils, python-can and SavvyCAN.

The log is written in whole lines only (canbus/line_file.py): on a full disk it ends with the last whole frame
and the failure is raised once (`OutputWriteError`). The loops call `flush()` once per cockpit tick.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from copy import copy
from pathlib import Path

import can

from canbus.line_file import LineFile

RECORDED_CHANNEL = "can0"


class BusRecorder(can.Listener):
    """A python-can listener writing every frame it sees, received (R) or transmitted (T)."""

    def __init__(self, path: str | Path, *, time_offset_s: float = 0.0) -> None:
        # time_offset_s turns simulation seconds into the epoch time of the scenario's start, so that
        # the log shows the scenario's date, deterministically.
        self._file = LineFile(path)
        # python-can formats the rare frames (error, remote, FD) into this buffer; the lines then go to the file.
        self._rare_text = io.StringIO()
        self._writer = can.CanutilsLogWriter(self._rare_text, channel=RECORDED_CHANNEL)
        self._time_offset_s = time_offset_s
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
                self._file.write(self._rare_text.getvalue())
                self._rare_text.seek(0)
                self._rare_text.truncate()
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
        self._file.flush()

    @property
    def frames_dropped(self) -> int:
        """Frames that could not be written after the file failed (a full disk)."""
        return self._file.lines_dropped

    def stop(self) -> None:
        self._file.close()
