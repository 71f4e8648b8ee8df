"""Fuzz: `main.py convert` (runner/convert_command.py). Any log of valid frames — classic, extended, remote with a
length, FD with its flags and lengths, error frames, four channels, both directions, times to the microsecond and
up to a second out of order — written as candump, converted to .asc, .blf or .mf4 and back, is the same bytes,
but for the README's two exceptions: ASC and BLF give an error frame back as received (neither stores its
direction), and MF4 keeps data, remote and error frames in three groups, merged back by time. A candump
log with a damaged line converts or is refused with the LogFormatError naming its line, never another error,
and then leaves no output."""

from __future__ import annotations

import tempfile
from pathlib import Path

import can
import pytest
from hypothesis import given
from hypothesis import strategies as st

from canbus.log_reader import FD_LENGTHS, OUT_OF_ORDER_TOLERANCE_S, LogFormatError
from canbus.recorder import candump_line
from runner.convert_command import convert_log
from tests.fuzz.settings import fuzz_settings

pytestmark = pytest.mark.fuzz

START_S = 1_767_225_600.0  # 2026-01-01T00:00:00Z


@st.composite
def frames(draw: st.DrawFn) -> can.Message:
    kind = draw(st.sampled_from(("classic", "classic", "classic", "remote", "fd", "error")))
    extended = draw(st.booleans())
    frame_id = draw(st.integers(0, 0x1FFFFFFF if extended else 0x7FF))
    common = {"channel": f"can{draw(st.integers(0, 3))}", "is_rx": draw(st.booleans())}
    if kind == "error":
        return can.Message(is_error_frame=True, arbitration_id=0, is_extended_id=True, dlc=0, **common)
    if kind == "remote":
        return can.Message(
            arbitration_id=frame_id,
            is_extended_id=extended,
            is_remote_frame=True,
            dlc=draw(st.integers(0, 8)),
            **common,
        )
    if kind == "fd":
        length = draw(st.sampled_from(sorted(FD_LENGTHS)))
        return can.Message(
            arbitration_id=frame_id,
            is_extended_id=extended,
            is_fd=True,
            bitrate_switch=draw(st.booleans()),
            error_state_indicator=draw(st.booleans()),
            data=draw(st.binary(min_size=length, max_size=length)),
            **common,
        )
    return can.Message(arbitration_id=frame_id, is_extended_id=extended, data=draw(st.binary(max_size=8)), **common)


@st.composite
def logs(draw: st.DrawFn) -> list[can.Message]:
    """Frames with times that mostly go forward by whole microseconds, now and then back by less than a second."""
    found, now_us = [], round(draw(st.integers(0, 10**6)))
    for frame in draw(st.lists(frames(), min_size=1, max_size=30)):
        step = draw(st.one_of(st.integers(0, 20_000), st.integers(-int(OUT_OF_ORDER_TOLERANCE_S * 1e6) + 1, 0)))
        latest = max((f.timestamp for f in found), default=START_S)
        now_us = max(now_us + step, round((latest - START_S) * 1e6) - int(OUT_OF_ORDER_TOLERANCE_S * 1e6) + 1, 0)
        frame.timestamp = START_S + now_us / 1e6
        found.append(frame)
    return found


def candump_text(frames_: list[can.Message]) -> str:
    return "".join(candump_line(f, str(f.channel), f.timestamp) for f in frames_)


def round_trip(suffix: str, frames_: list[can.Message]) -> tuple[str, str]:
    """(the candump text written, the candump text back from `suffix`)."""
    with tempfile.TemporaryDirectory() as folder:
        source, middle, back = Path(folder, "in.log"), Path(folder, f"mid{suffix}"), Path(folder, "back.log")
        source.write_text(candump_text(frames_), encoding="utf-8")
        convert_log(source, middle)
        convert_log(middle, back)
        return source.read_text(encoding="utf-8"), back.read_text(encoding="utf-8")


def error_frames_as_received(log: list[can.Message]) -> str:
    for frame in log:
        if frame.is_error_frame:
            frame.is_rx = True
    return candump_text(log)


@fuzz_settings(ci_examples=60)
@given(log=logs())
def test_asc_round_trip_is_the_same_bytes(log: list[can.Message]) -> None:
    written, back = round_trip(".asc", log)
    assert written.count("\n") == len(log)
    assert back == error_frames_as_received(log)


@fuzz_settings(ci_examples=60)
@given(log=logs())
def test_blf_round_trip_is_the_same_bytes(log: list[can.Message]) -> None:
    _, back = round_trip(".blf", log)
    assert back == error_frames_as_received(log)


def _group(line: str) -> str:
    frame = line.split()[2]
    return "error" if frame.startswith("20000080#") else "remote" if "#R" in frame else "data"


@fuzz_settings(ci_examples=40)
@given(log=logs())
def test_mf4_round_trip_is_the_same_frames_each_group_in_file_order(log: list[can.Message]) -> None:
    written, back = round_trip(".mf4", log)
    assert sorted(back.splitlines()) == sorted(written.splitlines())
    for group in ("data", "remote", "error"):
        assert [line for line in back.splitlines() if _group(line) == group] == [
            line for line in written.splitlines() if _group(line) == group
        ]


DAMAGE = ["", "#", "##", "R", "(", ")", " ", "Z", "\x00", "中", "9" * 20, "(inf)", "#R9", "-1"]


@fuzz_settings(ci_examples=60)
@given(
    log=logs(),
    line=st.integers(0, 29),
    cut=st.integers(0, 80),
    damage=st.sampled_from(DAMAGE),
    suffix=st.sampled_from((".asc", ".blf", ".mf4")),
)
def test_a_damaged_log_converts_or_names_its_line(
    log: list[can.Message], line: int, cut: int, damage: str, suffix: str
) -> None:
    lines = candump_text(log).splitlines(keepends=True)
    at = line % len(lines)
    lines[at] = lines[at][:cut] + damage + lines[at][cut:]
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.log"), Path(folder, f"out{suffix}")
        source.write_text("".join(lines), encoding="utf-8")
        try:
            convert_log(source, target)
        except LogFormatError as error:
            # a line, or the whole file (a NUL byte makes it binary; damage may leave no frame of the format it
            # now reads as)
            assert error.path == source and (error.where is None or error.where.isdigit())
            assert sorted(p.name for p in Path(folder).iterdir()) == ["in.log"]
        else:
            assert target.is_file()
