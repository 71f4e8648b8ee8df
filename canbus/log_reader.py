"""Recorded CAN logs for `cockpit --bus replay:FILE`: the format told from the content, every frame checked.

A replay checks the whole log before it starts (`check_log`): the first line that is not a frame of its format
(a candump line with an empty FD flags digit, an id of 5 hex digits, data of odd length, a line of a million
characters, bytes that are not UTF-8 text), a timestamp that is not a time (`(inf)`, NaN, negative, beyond the
year 2286) or that goes back more than `OUT_OF_ORDER_TOLERANCE_S` behind an earlier frame, a BLF object that
does not parse, an empty file, or a file of its named format from which no frame is read, is a `LogFormatError`
naming the file and the line (the frame number for a binary log) and what was expected: bad input, exit 2,
before a single frame is replayed. `read_log` then gives the same frames with the same checks.

The format comes from the content, not the name: candump text named `.asc` is read as candump (the summary
says so); BLF starts with the `LOGG` signature, ASAM MDF4 with `MDF     4.` (python-can's MF4Reader, which needs
asammdf; an MDF 3 file or one left unfinalised by a logger that was killed, `UnFinMF`, is refused saying so);
other text is Vector ASC. Other suffixes python-can knows (.csv, .trc, .db) are read by python-can with the frame
number as the place of an error.

Channels are names in every format: python-can's number N (ASC and BLF write N + 1) reads as `canN`, as candump
names it. Frame times are absolute (epoch seconds) in every format: an ASC log's frames are offsets from its `Begin
Triggerblock` date, which is local wall time as Vector writes it; a date python-can cannot parse leaves the
offsets as they are (the summary says so). `check_log(path, on_frame=...)` hands every checked frame to a
callback as it reads, so that the replay's audit (canbus/log_audit.py) costs no second pass.
"""

from __future__ import annotations

import gc
import math
import re
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import can

from canbus.interfaces import BusSpecError

MAX_TIMESTAMP_S = 1e10  # the year 2286 in epoch seconds; a log's times are below it (and floats stay fine-grained)
OUT_OF_ORDER_TOLERANCE_S = 1.0  # how far a frame may be stamped before one already read (two interfaces merged)
MAX_LINE_CHARS = 4096  # an ASC CAN FD line with 64 bytes is ~400 characters; a longer line is not a frame
QUOTED_CHARS = 60
FD_LENGTHS = frozenset((*range(9), 12, 16, 20, 24, 32, 48, 64))
CAN_ERR_FLAG = 0x20000000
SAMPLE_BYTES = 4096

CANDUMP_EXPECTED = "a candump -L line like `(1767225600.010000) can0 0A0#1F00123400 R` (or ID##<flags>DATA, ID#R)"
ASC_EXPECTED = "a Vector ASC frame line like `0.010000 1  0A0  Rx   d 8 1F 00 12 34 00 00 FF FF`"
BLF_EXPECTED = "a Vector BLF object (the file starts with the LOGG signature)"
MF4_EXPECTED = "an ASAM MDF 4 bus log (CAN_DataFrame channel groups, as python-can's MF4Writer writes)"
MDF_SIGNATURE = b"MDF     "  # the identification block of every finalised MDF file; its version follows
UNFINISHED_MDF_SIGNATURE = b"UnFinMF "
TIMESTAMP_EXPECTED = f"a finite number of seconds from 0 to {MAX_TIMESTAMP_S:.0e}"


class LogFormatError(BusSpecError):
    """A log that cannot be replayed as it is: file, line (or frame) and what was expected there."""

    def __init__(self, path: Path, where: str | None, problem: str, expected: str | None = None) -> None:
        self.path, self.where, self.problem, self.expected = path, where, problem, expected
        place = f"{path}:{where}" if where is not None else str(path)
        super().__init__(f"{place}: {problem}" + (f"; expected {expected}" if expected else ""))


def _quoted(text: str) -> str:
    shown = text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + f"… ({len(text):,} characters)"
    return repr(shown)


# --- candump -L text ---------------------------------------------------------------------------------------
_CANDUMP_LINE = re.compile(r"\((?P<time>[^()\s]*)\)\s+(?P<channel>\S+)\s+(?P<frame>\S+)(?:\s+(?P<dir>[RrTt]))?")
_TIME = re.compile(r"\d{1,12}(?:\.\d{1,9})?")
_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})*")


class _LineError(ValueError):
    """What is wrong with one line: the reader adds the file and the line number."""

    def __init__(self, problem: str, expected: str) -> None:
        super().__init__(problem)
        self.problem, self.expected = problem, expected


def _candump_frame(text: str) -> can.Message:
    """One candump -L line (stripped, not empty) as a frame, or _LineError."""
    match = _CANDUMP_LINE.fullmatch(text)
    if match is None:
        raise _LineError(f"not a candump line: {_quoted(text)}", CANDUMP_EXPECTED)
    time_text, frame_text = match["time"], match["frame"]
    if not _TIME.fullmatch(time_text):
        raise _LineError(f"timestamp ({time_text[:QUOTED_CHARS]}) is not a time", TIMESTAMP_EXPECTED)
    id_text, sep, data = frame_text.partition("#")
    if not sep:
        raise _LineError(f"no '#' between id and data in {_quoted(frame_text)}", CANDUMP_EXPECTED)
    if len(id_text) not in (3, 8) or not _HEX.fullmatch("0" * (len(id_text) % 2) + id_text):
        raise _LineError(
            f"id {_quoted(id_text)} is not 3 (standard) or 8 (extended) hex digits", "an id like 0A0 or 18FF50E5"
        )
    frame_id = int(id_text, 16)
    extended = len(id_text) == 8
    if not extended and frame_id > 0x7FF:
        raise _LineError(f"standard id {id_text} is above 7FF", "a standard id from 000 to 7FF")
    fields: dict = {"timestamp": float(time_text), "is_rx": (match["dir"] or "R") in "Rr", "channel": match["channel"]}
    if extended and frame_id & CAN_ERR_FLAG:
        return can.Message(is_error_frame=True, **fields)
    if extended and frame_id > 0x1FFFFFFF:
        raise _LineError(f"extended id {id_text} is above 1FFFFFFF", "an extended id up to 1FFFFFFF")
    fields.update(arbitration_id=frame_id, is_extended_id=extended)
    if data.startswith("#"):  # CAN FD: ID##<flags digit><data>
        flags, data = data[1:2], data[2:]
        if not flags or flags not in "0123456789ABCDEFabcdef":
            raise _LineError(
                f"FD frame {_quoted(frame_text)} has no flags digit after '##'",
                "ID##<one hex flags digit><data>, e.g. 0A0##11122",
            )
        payload = _payload(data, FD_LENGTHS, "0 to 8, 12, 16, 20, 24, 32, 48 or 64 bytes")
        return can.Message(
            is_fd=True,
            bitrate_switch=bool(int(flags, 16) & 1),
            error_state_indicator=bool(int(flags, 16) & 2),
            data=payload,
            **fields,
        )
    if data[:1] in ("R", "r"):
        if data[1:] and not (len(data) == 2 and data[1].isdigit() and int(data[1]) <= 8):
            raise _LineError(f"remote frame {_quoted(frame_text)} has a bad length", "ID#R or ID#R<0-8>")
        return can.Message(is_remote_frame=True, dlc=int(data[1:] or 0), **fields)
    return can.Message(data=_payload(data, frozenset(range(9)), "0 to 8 bytes"), **fields)


def _payload(data: str, lengths: frozenset[int], allowed: str) -> bytes:
    if not _HEX.fullmatch(data):
        raise _LineError(f"data {_quoted(data)} is not pairs of hex digits", f"{allowed} as hex pairs")
    if len(data) // 2 not in lengths:
        raise _LineError(f"data of {len(data) // 2} bytes", allowed)
    return bytes.fromhex(data)


def _text_lines(path: Path) -> Generator[tuple[int, str], None, None]:
    """(line number, stripped text) of the non-blank lines; a line too long or not UTF-8 is a LogFormatError."""
    with path.open("rb") as handle:
        number = 0
        while raw := handle.readline(MAX_LINE_CHARS + 1):
            number += 1
            if len(raw) > MAX_LINE_CHARS and not raw.endswith(b"\n"):
                rest = len(raw)
                while (more := handle.readline(1 << 20)) and not more.endswith(b"\n"):
                    rest += len(more)
                rest += len(more)
                raise LogFormatError(
                    path,
                    str(number),
                    f"a line of {rest:,} characters",
                    f"a frame line (at most {MAX_LINE_CHARS} characters)",
                )
            try:
                text = raw.decode("utf-8").strip()
            except UnicodeDecodeError:
                raise LogFormatError(
                    path,
                    str(number),
                    "bytes that are not UTF-8 text",
                    "a text log (candump .log or Vector .asc) or a BLF file",
                ) from None
            if "\x00" in text:
                raise LogFormatError(path, str(number), "a NUL byte in a text log", "a frame line")
            if text:
                yield number, text


def _candump_frames(path: Path) -> Iterator[tuple[str, can.Message]]:
    for number, text in _text_lines(path):
        try:
            yield str(number), _candump_frame(text)
        except _LineError as problem:
            raise LogFormatError(path, str(number), problem.problem, problem.expected) from None


# --- Vector ASC text and the binary formats, through python-can --------------------------------------------
_ASC_HEADER = re.compile(r"(date\s|base\s|//)", re.IGNORECASE)
_ASC_HEADER_END = re.compile(r"(no)?\s*internal\s+events\s+logged", re.IGNORECASE)


class _CountingLines:
    """The lines of a text file for python-can's ASC reader, counting them so that an error has its line.

    python-can takes the first line after the `date`/`base` header as its `internal events logged` line and
    drops it; a file without that line would lose its first frame, so one is put in where the header ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.number = 0
        self._lines = _text_lines(path)
        self._iterator = self._numbered()  # one iterator, as a file is: python-can loops over it twice

    def __iter__(self) -> Iterator[str]:
        return self._iterator

    def _numbered(self) -> Iterator[str]:
        in_header = True
        for number, text in self._lines:
            self.number = number
            if in_header and not _ASC_HEADER.match(text):
                in_header = False
                if not _ASC_HEADER_END.match(text):
                    yield "internal events logged\n"
            yield text + "\n"

    def close(self) -> None:
        self._lines.close()

    closed = False


# What python-can's ASC reader raises on a line it cannot parse.
_PARSER_ERRORS = (ValueError, IndexError, KeyError, TypeError, OverflowError)


class _AbsoluteTimeAscReader(can.ASCReader):
    """python-can's ASC reader giving epoch times (offsets + the `Begin Triggerblock` date, local wall time); a
    date it cannot parse, or one that is no time, leaves the offsets relative (`dates_unreadable` is then set)."""

    def __init__(self, lines: _CountingLines) -> None:
        super().__init__(lines, relative_timestamp=False)  # type: ignore[arg-type]  # it reads any iterable of lines
        self.dates_unreadable = False

    def _datetime_to_timestamp(self, datetime_string: str) -> float:  # type: ignore[override]
        try:
            start = can.ASCReader._datetime_to_timestamp(datetime_string)
        except (ValueError, OverflowError, OSError):
            start = math.nan
        if not 0.0 <= start <= MAX_TIMESTAMP_S:
            self.dates_unreadable = True
            return 0.0
        return start


def _asc_frames(path: Path) -> Iterator[tuple[str, can.Message]]:
    lines = _CountingLines(path)
    reader = _AbsoluteTimeAscReader(lines)
    frames = iter(reader)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            return
        except LogFormatError:
            raise
        except _PARSER_ERRORS as error:
            raise LogFormatError(
                path, str(lines.number), f"not an ASC frame ({type(error).__name__}: {error})", ASC_EXPECTED
            ) from None
        if frame.is_fd and frame.is_remote_frame:
            # python-can reads an FD line with no data bytes as a remote frame; FD has no remote frames.
            frame.is_remote_frame, frame.dlc = False, 0
        yield str(lines.number), _named_channel(frame)


def _named_channel(frame: can.Message) -> can.Message:
    """python-can's ASC, BLF and MF4 readers number channels from 0; as `canN` they read as a candump log's do."""
    if isinstance(frame.channel, int):
        frame.channel = f"can{frame.channel}"
    return frame


def _python_can_frames(
    reader_class: Callable[[str], can.io.generic.MessageReader], expected: str
) -> Callable[[Path], Iterator[tuple[str, can.Message]]]:
    def frames(path: Path) -> Iterator[tuple[str, can.Message]]:
        index = 0
        problem: str | None = None
        try:
            reader = reader_class(str(path))
            with reader:
                for frame in reader:
                    index += 1
                    yield f"frame {index}", _named_channel(frame)
        except LogFormatError:
            raise
        except OSError:
            raise  # the file could not be read (not its content): the caller's own error
        except Exception as error:  # noqa: BLE001 - python-can parsing untrusted bytes raises anything
            problem = f"cannot be read ({type(error).__name__}: {error})"
        if problem is not None:
            # Raised here, not inside the except: the parser's error (and what its traceback holds) is gone by now
            # rather than kept as the context of ours.
            raise LogFormatError(path, f"frame {index + 1}", problem, expected)

    return frames


def _mf4_frames(path: Path) -> Iterator[tuple[str, can.Message]]:
    """python-can's MF4 reader, without the noise of asammdf's clean-up: an MDF4 object whose file did not parse
    fails again in its `__del__`, which Python reports on stderr as an ignored exception with a traceback."""
    previous = sys.unraisablehook

    def quiet_asammdf_cleanup(unraisable: Any) -> None:
        if not getattr(unraisable.object, "__module__", "").startswith("asammdf"):
            previous(unraisable)

    sys.unraisablehook = quiet_asammdf_cleanup
    try:
        yield from _python_can_frames(can.MF4Reader, MF4_EXPECTED)(path)
    finally:
        gc.collect()  # the half-made MDF4 of a failed read goes now, while its clean-up is kept quiet
        sys.unraisablehook = previous


@dataclass(frozen=True)
class LogFormat:
    name: str
    expected: str
    read: Callable[[Path], Iterator[tuple[str, can.Message]]]


CANDUMP = LogFormat("candump", CANDUMP_EXPECTED, _candump_frames)
ASC = LogFormat("asc", ASC_EXPECTED, _asc_frames)
BLF = LogFormat("blf", BLF_EXPECTED, _python_can_frames(can.BLFReader, BLF_EXPECTED))
# Formats told by their name only (python-can reads them); the four here are told by their content.
_BY_SUFFIX_ONLY = {
    ".csv": LogFormat("csv", "python-can's CSV layout", _python_can_frames(can.CSVReader, "python-can's CSV layout")),
    ".trc": LogFormat("trc", "a PEAK .trc frame", _python_can_frames(can.TRCReader, "a PEAK .trc frame")),
    ".db": LogFormat(
        "sqlite", "python-can's SQLite layout", _python_can_frames(can.SqliteReader, "python-can's SQLite layout")
    ),
}
MF4 = LogFormat("mf4", MF4_EXPECTED, _mf4_frames)
_NAMED = {".log": CANDUMP, ".asc": ASC, ".blf": BLF, ".mf4": MF4}


def detect_format(path: Path) -> LogFormat:
    """The log's format from its first bytes (its name only for python-can's other formats)."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if head.startswith(b"LOGG"):
        return BLF
    if head.startswith(MDF_SIGNATURE):
        if head[8:10] != b"4.":
            version = head[8:16].decode("ascii", "replace").strip()
            raise LogFormatError(path, None, f"an MDF {version or '?'} file", "an MDF 4 (.mf4) bus log")
        return MF4
    if head.startswith(UNFINISHED_MDF_SIGNATURE):
        raise LogFormatError(
            path,
            None,
            "an MDF file its logger never finalised (UnFinMF: it was stopped before closing it)",
            "a finalised MDF 4 bus log",
        )
    if head.startswith(b"\x1f\x8b"):
        raise LogFormatError(path, None, "a gzip-compressed file", "an uncompressed log (gunzip it first)")
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX_ONLY:
        return _BY_SUFFIX_ONLY[suffix]
    if suffix == ".mf4":
        raise LogFormatError(path, None, "not an MDF 4 log (no `MDF     4.` signature)", MF4_EXPECTED)
    if suffix == ".blf" or b"\x00" in head:
        raise LogFormatError(
            path,
            None,
            "a binary file that is not a BLF log (no LOGG signature) nor an MDF 4 one",
            "candump or ASC text, a Vector BLF file or an ASAM MDF 4 file",
        )
    first = next((line.strip() for line in head.splitlines() if line.strip()), b"")
    return CANDUMP if first.startswith(b"(") else ASC


@dataclass(frozen=True)
class LogSummary:
    """What `check_log` found: the format read, the frame count and the time span (log time, seconds)."""

    format: str
    frames: int
    first_s: float
    last_s: float
    note: str | None = None  # e.g. the format differs from what the name says


def _checked(path: Path, log_format: LogFormat) -> Iterator[can.Message]:
    latest: float | None = None
    for where, frame in log_format.read(path):
        stamp = frame.timestamp
        if not (math.isfinite(stamp) and 0.0 <= stamp <= MAX_TIMESTAMP_S):
            raise LogFormatError(path, where, f"timestamp {stamp!r} is not a time", TIMESTAMP_EXPECTED)
        if latest is not None and stamp < latest - OUT_OF_ORDER_TOLERANCE_S:
            raise LogFormatError(
                path,
                where,
                f"timestamp {stamp:f} is {latest - stamp:.3f} s before a frame already read ({latest:f})",
                f"frames in time order (at most {OUT_OF_ORDER_TOLERANCE_S:g} s out of order)",
            )
        latest = stamp if latest is None else max(latest, stamp)
        yield frame


def read_log(path: str | Path) -> Iterator[can.Message]:
    """The frames of a recorded log in file order, each checked (LogFormatError at the first bad one)."""
    path = Path(path)
    if not path.is_file():
        raise BusSpecError(f"{path}: no such log file")
    yield from _checked(path, detect_format(path))


def check_log(path: str | Path, on_frame: Callable[[can.Message], None] | None = None) -> LogSummary:
    """Read the whole log once: its summary, or a LogFormatError naming the first bad line. `on_frame` sees
    every checked frame in file order (the replay's audit)."""
    path = Path(path)
    if not path.is_file():
        raise BusSpecError(f"{path}: no such log file")
    log_format = detect_format(path)
    frames, first_s, last_s = 0, math.inf, -math.inf
    for frame in _checked(path, log_format):
        frames += 1
        if on_frame is not None:
            on_frame(frame)
        first_s, last_s = min(first_s, frame.timestamp), max(last_s, frame.timestamp)
    if frames == 0:
        if log_format not in (BLF, MF4) and (path.stat().st_size == 0 or not any(_text_lines(path))):
            raise LogFormatError(path, None, "an empty file: no frame to replay", "a recorded CAN log")
        raise LogFormatError(
            path, None, f"no CAN frame in it (read as {log_format.name})", f"at least one frame: {log_format.expected}"
        )
    named = _NAMED.get(path.suffix.lower())
    note = (
        f"read as {log_format.name} (the content), though named {path.suffix}"
        if named is not None and named is not log_format
        else None
    )
    return LogSummary(log_format.name, frames, first_s, last_s, note)
