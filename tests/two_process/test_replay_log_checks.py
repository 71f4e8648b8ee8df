"""A replay log is checked whole before it is replayed: every bad line is bad input (exit 2) naming the file, the
line and what was expected, never a traceback; candump text named .asc is read as what it is; frames held back
for ordering are never dropped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import can
import pytest

from canbus.interfaces import BusSpecError
from canbus.log_reader import MAX_LINE_CHARS, LogFormatError, check_log, read_log
from runner.two_process import _in_timestamp_order
from tests.two_process.helpers import read_trace, run_main_py

GOOD = "(1767225600.000000) can0 0A0#1F00123400000000 R"
GOOD_LATER = "(1767225600.010000) can0 1B0#0001020304050607 R"

# (what, the file's text or bytes, its name, the line the error must name, words the message must have)
BAD_LOGS = [
    ("an FD line with empty flags", f"{GOOD}\n(1767225600.010000) can0 0A0## R\n", "bus.log", 2, "flags"),
    ("an (inf) timestamp", f"{GOOD}\n(inf) can0 0A0#00 R\n", "bus.log", 2, "not a time"),
    ("a NaN timestamp", f"(nan) can0 0A0#00 R\n{GOOD}\n", "bus.log", 1, "not a time"),
    ("a negative timestamp", f"{GOOD}\n(-1.000000) can0 0A0#00 R\n", "bus.log", 2, "not a time"),
    (
        "a timestamp going back",
        f"{GOOD}\n{GOOD_LATER}\n(1767225500.000000) can0 0A0#00 R\n",
        "bus.log",
        3,
        "before a frame already read",
    ),
    ("an id of 5 digits", f"{GOOD}\n(1767225600.010000) can0 0A0FF#00 R\n", "bus.log", 2, "hex digits"),
    ("odd data", f"{GOOD}\n(1767225600.010000) can0 0A0#123 R\n", "bus.log", 2, "hex"),
    ("nine data bytes", f"{GOOD}\n(1767225600.010000) can0 0A0#{'00' * 9} R\n", "bus.log", 2, "9 bytes"),
    ("a line of a million characters", f"{GOOD}\n(1.0) can0 0A0#{'A' * 1_000_000}\n", "bus.log", 2, "1,000,0"),
    ("not UTF-8", GOOD.encode() + b"\n\xff\xfe garbage\n", "bus.log", 2, "UTF-8"),
    ("a line that is no frame", f"{GOOD}\nhello world\n", "bus.log", 2, "not a candump line"),
    (
        "an ASC frame that does not parse",
        "date Thu Jan 1 00:00:00.000 am 2026\nbase hex  timestamps absolute\n"
        "0.010000 1  0A0             Rx   d 8 ZZ 00 00 00 00 00 00 00\n",
        "bus.asc",
        3,
        "not an ASC frame",
    ),
]
NO_LINE_LOGS = [
    ("an empty file", b"", "bus.log", "empty"),
    ("blank lines only", b"\n\n  \n", "bus.asc", "empty"),
    ("random bytes named .blf", bytes(range(256)) * 8, "bus.blf", "not a BLF"),
    ("a BLF signature and junk", b"LOGG" + bytes(range(200)), "bus.blf", "no CAN frame"),
    ("text of no frame named .asc", b"// nothing here\nsome words\n", "bus.asc", "no CAN frame"),
    ("a gzip file", b"\x1f\x8b\x08\x00rest", "bus.log", "gzip"),
]


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.mark.parametrize(("what", "content", "name", "line", "words"), BAD_LOGS, ids=[b[0] for b in BAD_LOGS])
def test_a_bad_line_is_named_with_its_file_and_line(
    tmp_path: Path, what: str, content: str | bytes, name: str, line: int, words: str
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(LogFormatError) as raised:
        check_log(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message and "expected" in message, message
    assert len(message) < 400, "the message quotes a long line only in part"


@pytest.mark.parametrize(("what", "content", "name", "words"), NO_LINE_LOGS, ids=[b[0] for b in NO_LINE_LOGS])
def test_a_log_without_frames_is_named_with_what_was_expected(
    tmp_path: Path, what: str, content: bytes, name: str, words: str
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(LogFormatError) as raised:
        check_log(path)
    assert str(raised.value).startswith(str(path)) and words in str(raised.value), str(raised.value)


def test_candump_text_named_asc_is_read_as_candump(tmp_path: Path) -> None:
    path = _write(tmp_path, "bus.asc", f"{GOOD}\n{GOOD_LATER}\n")
    summary = check_log(path)
    assert (summary.format, summary.frames) == ("candump", 2)
    assert summary.note is not None and ".asc" in summary.note
    assert [frame.arbitration_id for frame in read_log(path)] == [0x0A0, 0x1B0]


def test_every_kind_of_candump_frame_reads(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bus.log",
        "\n".join(
            [
                GOOD,
                "(1767225600.001000) can0 12345678#DEAD T",
                "(1767225600.002000) can0 0A0#R",
                "(1767225600.003000) can0 0A0#R8",
                "(1767225600.004000) can0 0A0##3" + "11" * 12,
                "(1767225600.005000) can0 20000080#0000000000000000",
                "(1767225600.006000) can0 7FF#",
            ]
        )
        + "\n",
    )
    frames = list(read_log(path))
    assert [f.is_extended_id for f in frames[:2]] == [False, True] and frames[1].is_rx is False
    assert frames[2].is_remote_frame and frames[3].dlc == 8
    assert frames[4].is_fd and frames[4].bitrate_switch and frames[4].error_state_indicator
    assert len(frames[4].data) == 12
    assert frames[5].is_error_frame and frames[6].data == bytearray()


def test_slightly_unordered_frames_are_replayed_in_time_order() -> None:
    stamps = [10.0, 10.5, 10.2, 11.0, 10.9, 12.5, 11.6]  # each at most 1 s before the newest already read
    frames = [can.Message(timestamp=t, arbitration_id=i) for i, t in enumerate(stamps)]
    assert [f.timestamp for f in _in_timestamp_order(frames)] == sorted(stamps)


def test_frames_held_for_ordering_are_given_before_a_read_error() -> None:
    """A log that changes after its check fails mid-replay: what was read is still replayed, then the error."""

    def frames() -> Iterator[can.Message]:
        for i in range(50):
            yield can.Message(timestamp=100.0 + i * 0.01, arbitration_id=i)
        raise LogFormatError(Path("bus.log"), "51", "not a candump line", "a frame")

    given: list[int] = []
    with pytest.raises(BusSpecError):
        for frame in _in_timestamp_order(frames()):
            given.append(frame.arbitration_id)
    assert given == list(range(50))


@pytest.mark.parametrize(
    ("content", "name", "where"),
    [
        (f"{GOOD}\n(1767225600.010000) can0 0A0## R\n", "bus.log", ":2: "),
        (f"{GOOD}\n(inf) can0 0A0#00 R\n", "bus.log", ":2: "),
        (bytes(range(256)) * 4, "bus.blf", ": "),
    ],
    ids=["empty FD flags", "inf timestamp", "random .blf"],
)
def test_the_cockpit_refuses_a_bad_log_before_replaying(
    tmp_path: Path, content: str | bytes, name: str, where: str
) -> None:
    path = _write(tmp_path, name, content)
    result = run_main_py("cockpit", "--bus", f"replay:{path}", "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and f"error: {path}{where}" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "trace.jsonl").exists(), "checked before anything was replayed"


def test_the_cockpit_replays_candump_named_asc_and_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, "bus.asc", f"{GOOD}\n{GOOD_LATER}\n")
    result = run_main_py("cockpit", "--bus", f"replay:{path}", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "read as candump" in result.stderr and "replay: 2 frames" in result.stdout, result.stdout
    records = read_trace(tmp_path / "out" / "trace.jsonl")
    assert records[0]["log_format"] == "candump" and records[-1]["frames"] == 2


def test_a_line_at_the_length_limit_is_still_read_as_a_line(tmp_path: Path) -> None:
    """The limit is on characters per line, not a cut that splits a long line into two 'lines'."""
    comment = "// " + "x" * (MAX_LINE_CHARS - 10) + "\n"
    path = _write(
        tmp_path,
        "bus.asc",
        "date Thu Jan 1 00:00:00.000 am 2026\nbase hex  timestamps absolute\n"
        + comment
        + "0.010000 1  0A0             Rx   d 2 1F 00\n",
    )
    assert check_log(path).frames == 1
