"""`python main.py convert IN OUT`: a CAN log from one format to another, each told as the replay tells it.

    python main.py convert out/x/bus.log bus.asc     # candump -L → Vector ASC (.asc), BLF (.blf) or ASAM MDF4 (.mf4)
    python main.py convert bus.blf bus.log           # and back, from any of the four (IN's format from its content)

OUT's format is its extension. IN is checked whole first, as a replay checks it (canbus/log_reader.py): a bad
line is exit 2 with file:line and what was expected, before anything is written. OUT is written to a temporary
file beside it and renamed at the end, so it is whole or absent (Ctrl-C, a full disk).

What is kept, each frame: the time to the microsecond, the id and whether it is extended, the DLC and the data,
the remote, FD and error flags, the direction (R/T) and the channel; frames in file order (MF4 keeps data,
remote and error frames in three groups, each in file order, merged back by time). A recorded `bus.log`
converted to any of the three and back is the same bytes (tests/bus/test_log_convert.py; any log of valid frames,
tests/fuzz/test_convert_logs.py).
What the other formats cannot hold, said on stderr when it happens:
- channels are numbers in ASC, BLF and MF4: `canN` is channel N (ASC and BLF count from 1 in the file, as Vector
  does), and back to candump channel N is `canN`; a channel of another name (`vcan0`, `cockpit-sim`) gets the next
  free number, so it comes back as `canN`;
- an error frame stays an error frame with its time, channel and direction, but not its error class and detail
  bytes (the replay reads the flag only), and a sent one comes back from ASC and BLF as received (neither
  stores an error frame's direction).

Why not python-can's own `python -m can.logconvert`: its ASC writer loses the start time (the header's
milliseconds are written unpadded, `.10` for 10 ms, which reads back as 100 ms, and the microseconds are dropped:
up to a second off), its candump writer drops a remote frame's length, and its candump reader drops an error
frame's channel. Here the ASC and BLF measurements start on the whole second before the first frame (the headers
hold milliseconds; the frames, offsets from it, keep microseconds), and the MF4 start is that second too rather
than the wall-clock time of the conversion, so the same IN gives the same OUT (but for MF4's file-history block,
which records when the file was written, as MDF means it to).
"""

from __future__ import annotations

import contextlib
import datetime
import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import can

from canbus.line_file import LineFile, OutputWriteError
from canbus.log_reader import check_log, read_log
from canbus.recorder import candump_line
from runner.errors import UsageError

_CAN_CHANNEL = re.compile(r"can(\d+)", re.IGNORECASE)


class _FrameWriter(Protocol):
    def write(self, frame: can.Message) -> None: ...
    def close(self) -> None: ...


@dataclass
class ChannelNumbers:
    """Channel names ↔ the numbers ASC, BLF and MF4 hold: `canN` is N, any other name the next free number."""

    renamed: dict[str, int] = field(default_factory=dict)
    _taken: set[int] = field(default_factory=set)

    def number(self, channel: object) -> int:
        if isinstance(channel, int):
            self._taken.add(channel)
            return channel
        name = str(channel) if channel is not None else "can0"
        if (match := _CAN_CHANNEL.fullmatch(name)) is not None:
            self._taken.add(int(match[1]))
            return int(match[1])
        if name not in self.renamed:
            self.renamed[name] = next(n for n in range(len(self._taken) + 1) if n not in self._taken)
            self._taken.add(self.renamed[name])
        return self.renamed[name]

    def prescan(self, channels: list[object]) -> None:
        """Reserve the `canN` numbers first, so that another name never takes one a `canN` channel needs."""
        for channel in channels:
            if channel is None or isinstance(channel, int) or _CAN_CHANNEL.fullmatch(str(channel)):
                self.number(channel)


def _channel_name(channel: object) -> str:
    if channel is None:
        return "can0"
    return f"can{channel}" if isinstance(channel, int) else str(channel)


class _CandumpWriter:
    """candump -L lines (canbus/recorder.py `candump_line`), in whole lines as the recorder writes them."""

    def __init__(self, path: Path) -> None:
        self._file = LineFile(path)

    def write(self, frame: can.Message) -> None:
        self._file.write(candump_line(frame, _channel_name(frame.channel), frame.timestamp))

    def close(self) -> None:
        self._file.close()


class _WholeSecondAscWriter(can.ASCWriter):
    """python-can's ASC writer with the measurement started at `start_s` (a whole second), and a `date` line of
    that time rather than of the conversion (see the module docstring for why)."""

    def __init__(self, path: Path, start_s: float) -> None:
        self._handle = path.open("w", encoding="utf-8", newline="\n")
        super().__init__(self._handle)
        self._start_s = start_s
        self._handle.seek(0)
        self._handle.truncate()  # the date python-can wrote is the wall clock's: this one is the log's
        date = self._format_header_datetime(datetime.datetime.fromtimestamp(start_s))
        self._handle.write(f"date {date}\nbase hex  timestamps absolute\ninternal events logged\n")

    def log_event(self, message: str, timestamp: float | None = None) -> None:
        if not self.header_written:
            self.started = self.last_timestamp = self._start_s
            date = self._format_header_datetime(datetime.datetime.fromtimestamp(self._start_s))
            self.file.write(f"Begin Triggerblock {date}\n")
            self.header_written = True
            self.file.write(self.FORMAT_EVENT.format(timestamp=0.0, message="Start of measurement"))
        super().log_event(message, timestamp)


class _NumberedChannelWriter:
    """ASC, BLF and MF4 through python-can, the channel a number (python-can adds 1 for ASC and BLF)."""

    def __init__(self, writer: can.io.generic.MessageWriter, channels: ChannelNumbers) -> None:
        self._writer, self._channels = writer, channels

    def write(self, frame: can.Message) -> None:
        frame.channel = self._channels.number(frame.channel)
        self._writer.on_message_received(frame)

    def close(self) -> None:
        self._writer.stop()


def _blf_writer(path: Path, start_s: float) -> can.io.generic.MessageWriter:
    writer = can.BLFWriter(str(path))
    writer.start_timestamp = start_s  # else the first frame's time: an earlier frame after it would be clamped
    return writer


def _mf4_writer(path: Path, start_s: float) -> can.io.generic.MessageWriter:
    writer = can.MF4Writer(str(path))
    # python-can starts an MF4 at the wall clock of the conversion; the log's own start makes OUT depend on IN only.
    writer._mdf.header.start_time = datetime.datetime.fromtimestamp(start_s, tz=datetime.UTC)
    writer._start_time = writer.last_timestamp = start_s
    return writer


@dataclass(frozen=True)
class OutputFormat:
    name: str
    open: Callable[[Path, float, ChannelNumbers], _FrameWriter]


WRITERS: dict[str, OutputFormat] = {
    ".log": OutputFormat("candump", lambda path, start_s, channels: _CandumpWriter(path)),
    ".asc": OutputFormat(
        "asc", lambda path, start_s, channels: _NumberedChannelWriter(_WholeSecondAscWriter(path, start_s), channels)
    ),
    ".blf": OutputFormat(
        "blf", lambda path, start_s, channels: _NumberedChannelWriter(_blf_writer(path, start_s), channels)
    ),
    ".mf4": OutputFormat(
        "mf4", lambda path, start_s, channels: _NumberedChannelWriter(_mf4_writer(path, start_s), channels)
    ),
}


@dataclass(frozen=True)
class Conversion:
    """What `convert_log` did: the formats, the frames, and what the output format could not hold."""

    source_format: str
    target_format: str
    frames: int
    renamed_channels: dict[str, int]


def output_format(target: Path) -> OutputFormat:
    found = WRITERS.get(target.suffix.lower())
    if found is None:
        known = ", ".join(WRITERS)
        raise UsageError(
            f"{target}: cannot tell the format to write from its extension "
            f"{target.suffix or '(none)'}; expected one of {known}"
        )
    return found


def convert_log(source: Path, target: Path) -> Conversion:
    """Write `source`'s frames to `target` in the format of its extension; `target` is whole or not there."""
    target_format = output_format(target)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise UsageError(f"{target}: the output would overwrite the input")
    channels: list[object] = []
    seen_channels: set[object] = set()

    def note_channel(frame: can.Message) -> None:
        if frame.channel not in seen_channels:
            seen_channels.add(frame.channel)
            channels.append(frame.channel)

    summary = check_log(source, on_frame=note_channel)  # every line checked before anything is written
    numbers = ChannelNumbers()
    numbers.prescan(channels)
    start_s = float(math.floor(summary.first_s))
    partial = target.with_name(f".{target.name}.part")
    frames = 0
    try:
        writer = target_format.open(partial, start_s, numbers)
        try:
            for frame in read_log(source):
                frames += 1
                writer.write(frame)
        finally:
            writer.close()
        os.replace(partial, target)
    except OutputWriteError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise OutputWriteError(target, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return Conversion(summary.format, target_format.name, frames, dict(numbers.renamed))


def run_convert(source: Path, target: Path) -> int:
    """`main.py convert IN OUT`: one line on stdout, and on stderr what OUT's format could not hold."""
    done = convert_log(source, target)
    for name, number in done.renamed_channels.items():
        print(
            f"convert: channel {name!r} is channel {number} in {target} (it reads back as can{number})", file=sys.stderr
        )
    print(f"convert: {source} ({done.source_format}) → {target} ({done.target_format}), {done.frames} frames")
    return 0
