"""Recording the bus in candump format (`candump -L`), readable by can-utils, python-can and SavvyCAN.

Every line is can-utils' own layout plus python-can's direction suffix (` R` received, ` T` sent): a remote frame
keeps its length (`123#R4`, which python-can's writer drops), an FD frame its flags digit (`123##1…`), an error frame
is `20000080#`. `candump_line` is the one formatter, also used by `main.py convert` (runner/convert_command.py).

The log is written in whole lines only (canbus/line_file.py): on a full disk it ends with the last whole frame
and the failure is raised once (`OutputWriteError`). The loops call `flush()`: a run every simulated second, a live
cockpit every tick.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import can

from canbus.line_file import LineFile

RECORDED_CHANNEL = "can0"
CAN_ERR_FLAG = 0x20000000
CAN_ERR_BUSERROR = 0x00000080  # the class python-can's candump writer gives every error frame: kept for readers


def candump_line(msg: can.Message, channel: str, timestamp: float) -> str:
    """One `candump -L` line (with its newline) for any frame: classic, remote, FD or error."""
    direction = "R" if msg.is_rx else "T"
    if msg.is_error_frame:
        return f"({timestamp:f}) {channel} {CAN_ERR_FLAG | CAN_ERR_BUSERROR:08X}# {direction}\n"
    frame_id = f"{msg.arbitration_id:08X}" if msg.is_extended_id else f"{msg.arbitration_id:03X}"
    if msg.is_remote_frame:
        body = f"R{msg.dlc}" if msg.dlc else "R"
    elif msg.is_fd:
        flags = (1 if msg.bitrate_switch else 0) | (2 if msg.error_state_indicator else 0)
        body = f"#{flags:X}{msg.data.hex().upper()}"
    else:
        body = msg.data.hex().upper()
    return f"({timestamp:f}) {channel} {frame_id}#{body} {direction}\n"


class BusRecorder(can.Listener):
    """A python-can listener writing every frame it sees, received (R) or transmitted (T)."""

    def __init__(self, path: str | Path, *, time_offset_s: float = 0.0) -> None:
        # time_offset_s turns simulation seconds into the epoch time of the scenario's start, so that
        # the log shows the scenario's date, deterministically.
        self._file = LineFile(path)
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
                lines.append(candump_line(msg, RECORDED_CHANNEL, msg.timestamp + offset_s))  # the rare frames
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
