"""Fuzz: replay logs (`cockpit --bus replay:FILE`). Valid candump and ASC lines, mutated, and random bytes for
.blf: every log either loads cleanly (every frame with a finite, in-order time) or is refused with the typed
LogFormatError naming the file and a line of it (the frame number for BLF) — never another exception. A log
that loads is also replayed into a cockpit without an exception."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import can
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from canbus.interfaces import open_bus, private_virtual_channel
from canbus.log_reader import MAX_TIMESTAMP_S, OUT_OF_ORDER_TOLERANCE_S, LogFormatError, check_log, read_log
from canbus.port import BusPort
from cockpit.cockpit import Cockpit
from cockpit.parts import HeadUnitParts
from cockpit.trace import TraceRecorder
from runner.assembly import Parts
from runner.two_process import command_frame_ids, replay_log
from tests.fuzz.settings import fuzz_settings

pytestmark = pytest.mark.fuzz

# Pieces a hostile or broken log is made of, spliced into valid lines.
NASTY = [
    "(inf)",
    "(nan)",
    "(-1.0)",
    "(1e400)",
    "##",
    "#",
    "#R",
    "#R9",
    "()",
    "(",
    ")",
    " ",
    "\t",
    "\x00",
    "\ufffd",
    "\ud800",
    "ZZ",
    "0x",
    "FFFFFFFFF",
    "20000080#",
    "Rx",
    "Tx",
    "d",
    "CANFD",
    "Begin Triggerblock",
    "date",
    "base dec",
    "9" * 40,
    "A" * 5000,
    "中",
    "\r",
]


def _candump_line(time_s: float, frame_id: int, data: bytes, extended: bool, direction: str) -> str:
    """A classic frame; by the id's low bits, also an FD (ID##<flags><data>) or a remote (ID#R<n>) frame."""
    frame = f"{frame_id:08X}" if extended else f"{frame_id & 0x7FF:03X}"
    payload = data.hex().upper()
    if frame_id % 5 == 1:
        payload = f"#{frame_id % 4:X}{payload}"
    elif frame_id % 5 == 2:
        payload = f"R{len(data)}" if data else "R"
    return f"({time_s:f}) can0 {frame}#{payload} {direction}"


def _asc_line(time_s: float, frame_id: int, data: bytes, extended: bool, direction: str) -> str:
    frame = f"{frame_id:X}x" if extended else f"{frame_id & 0x7FF:X}"
    return f"{time_s:.6f} 1  {frame:<15} {'Rx' if direction == 'R' else 'Tx'}   d {len(data)} " + " ".join(
        f"{byte:02X}" for byte in data
    )


ASC_HEADER = ["date Thu Jan 1 00:00:00.000 am 2026", "base hex  timestamps absolute", "internal events logged"]


@st.composite
def _valid_lines(draw: st.DrawFn, layout) -> list[str]:
    start = draw(st.floats(0, 2e9, allow_nan=False))
    steps = draw(st.lists(st.floats(0, 2.0, allow_nan=False), min_size=1, max_size=25))
    lines, time_s = [], start
    for step in steps:
        time_s += step
        extended = draw(st.booleans())
        frame_id = draw(st.integers(0, 0x1FFFFFFF if extended else 0x7FF))
        lines.append(layout(time_s, frame_id, draw(st.binary(max_size=8)), extended, draw(st.sampled_from("RT"))))
    return lines


@st.composite
def _mutated(draw: st.DrawFn, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        kind = draw(st.sampled_from(["splice", "cut", "cut_at_separator", "drop_char", "swap", "duplicate", "blank"]))
        position = draw(st.integers(0, len(line)))
        separators = [i + 1 for i, char in enumerate(line) if char in "#() "]
        if kind == "cut_at_separator" and separators:  # `0A0##`, `(`, `0A0#`: a field left empty
            lines[index] = line[: draw(st.sampled_from(separators))]
        elif kind == "splice":
            lines[index] = line[:position] + draw(st.sampled_from(NASTY) | st.text(max_size=6)) + line[position:]
        elif kind == "cut":
            lines[index] = line[:position]
        elif kind == "drop_char" and line:
            lines[index] = line[: max(position - 1, 0)] + line[position:]
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        else:
            lines[index] = ""
    return lines


# A candump line built field by field, each field valid, empty or hostile: `(TIME) can0 ID#[#FLAGS]DATA DIR`.
_TIME_FIELDS = st.sampled_from(["1767225600.000000", "0.5", "", "inf", "nan", "-1.0", "1e400", "1" * 13, "1.0.0"])
_ID_FIELDS = st.sampled_from(["0A0", "7FF", "800", "12345678", "3FFFFFFF", "20000080", "", "0A", "0A0F", "XYZ"])
_FD_FIELDS = st.sampled_from(["", "#", "#3", "#G", "#33", "##"])
_DATA_FIELDS = st.sampled_from(
    ["", "1F", "1F0", "R", "R8", "R9", "RR", "00" * 8, "00" * 9, "00" * 12, "00" * 64, "00" * 65, "zz"]
)
grammar_lines = st.builds(
    lambda t, i, fd, d, direction: f"({t}) can0 {i}#{fd}{d}{direction}",
    _TIME_FIELDS,
    _ID_FIELDS,
    _FD_FIELDS,
    _DATA_FIELDS,
    st.sampled_from(["", " R", " T", " X"]),
)


@st.composite
def _with_grammar_lines(draw: st.DrawFn, lines: list[str]) -> list[str]:
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(grammar_lines))
    return lines


def _encoded(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8", errors="surrogatepass") + b"\n"  # a lone surrogate: bad UTF-8


candump_logs = _valid_lines(_candump_line).flatmap(_with_grammar_lines).flatmap(_mutated).map(_encoded)
asc_logs = _valid_lines(_asc_line).map(lambda lines: ASC_HEADER + lines).flatmap(_mutated).map(_encoded)


def _valid_blf() -> bytes:
    """A small BLF log written by python-can: the seed the byte mutations start from."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "seed.blf"
        with can.BLFWriter(str(path)) as writer:
            for index in range(12):
                writer.on_message_received(
                    can.Message(
                        timestamp=1_767_225_600 + index * 0.01,
                        arbitration_id=0x0A0 + index,
                        data=bytes(range(index % 9)),
                    )
                )
        return path.read_bytes()


VALID_BLF = _valid_blf()


@st.composite
def _mutated_blf(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID_BLF)
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "erase"]))
        if kind == "flip":
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[position:]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[position : position + draw(st.integers(1, 16))]
        if not data:
            break
    return bytes(data)


blf_logs = st.one_of(_mutated_blf(), st.binary(max_size=2000), st.binary(max_size=2000).map(lambda d: b"LOGG" + d))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-replay-") as name:
        yield Path(name)


def _assert_loads_or_names_its_line(path: Path, content: bytes) -> list:
    """The frames of a log that loads, or [] after checking the refusal names the file and a real line."""
    path.write_bytes(content)
    try:
        summary = check_log(path)
    except LogFormatError as error:
        message = str(error)
        event(f"refused: {error.problem.split(' ')[0]} ...")
        assert message.startswith(f"{path}"), message
        assert "expected" in message, message
        if error.where is not None and error.where.isdigit():
            assert 1 <= int(error.where) <= content.count(b"\n") + 1, message
            assert message.startswith(f"{path}:{error.where}: "), message
        elif error.where is not None:
            assert re.fullmatch(r"frame \d+", error.where), message
        return []
    frames = list(read_log(path))
    event("loaded")
    assert summary.frames == len(frames) >= 1
    latest = 0.0
    for frame in frames:
        assert 0.0 <= frame.timestamp <= MAX_TIMESTAMP_S
        assert frame.timestamp >= latest - OUT_OF_ORDER_TOLERANCE_S
        latest = max(latest, frame.timestamp)
    return frames


@fuzz_settings()
@given(content=candump_logs)
def test_candump_logs_load_or_name_their_line(folder: Path, content: bytes) -> None:
    _assert_loads_or_names_its_line(folder / "bus.log", content)


@fuzz_settings()
@given(content=asc_logs)
def test_asc_logs_load_or_name_their_line(folder: Path, content: bytes) -> None:
    _assert_loads_or_names_its_line(folder / "bus.asc", content)


@fuzz_settings()
@given(content=candump_logs)
def test_candump_text_named_asc_loads_as_named_log(folder: Path, content: bytes) -> None:
    """The format comes from the content: the same text loads the same under either name."""
    as_log = _assert_loads_or_names_its_line(folder / "same.log", content)
    as_asc = _assert_loads_or_names_its_line(folder / "same.asc", content)
    assert [(f.timestamp, f.arbitration_id, bytes(f.data)) for f in as_log] == [
        (f.timestamp, f.arbitration_id, bytes(f.data)) for f in as_asc
    ]


@fuzz_settings()
@given(content=blf_logs)
def test_random_bytes_named_blf_load_or_are_refused(folder: Path, content: bytes) -> None:
    _assert_loads_or_names_its_line(folder / "bus.blf", content)


@fuzz_settings()
@given(content=st.binary(max_size=2000))
def test_random_bytes_named_log_load_or_are_refused(folder: Path, content: bytes) -> None:
    _assert_loads_or_names_its_line(folder / "bytes.log", content)


@pytest.fixture(scope="module")
def parts() -> Parts:
    return Parts()


class _NoUnderstanding:
    def understand(self, text: str):  # a replay has no utterances
        raise AssertionError("a replay hears nothing")


@fuzz_settings(ci_examples=40)
@given(content=candump_logs)
def test_a_log_that_loads_replays_without_an_exception(folder: Path, parts: Parts, content: bytes) -> None:
    path = folder / "replayed.log"
    frames = _assert_loads_or_names_its_line(path, content)
    if not frames:
        return
    port = BusPort(open_bus(f"virtual:{private_virtual_channel()}"), parts.codec)
    try:
        cockpit = Cockpit(port, TraceRecorder(None), parts.roadmap, HeadUnitParts(_NoUnderstanding()))
        summary = replay_log(path, cockpit, command_frame_ids(parts.codec))
    finally:
        port.close()
    assert summary["frames"] + summary["commands_skipped"] == len(frames)
