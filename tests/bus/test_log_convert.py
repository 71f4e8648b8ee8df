"""`main.py convert`: a recorded bus.log to .asc, .blf, .mf4 and back, every field kept (runner/convert_command.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import can
import pytest

from canbus.log_reader import read_log
from runner.convert_command import convert_log
from tests.bus.log_fixtures import every_kind_of_frame, shared_recorded_log, write_candump


@pytest.fixture(scope="module")
def recorded_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_recorded_log(tmp_path_factory)


ROOT = Path(__file__).resolve().parents[2]
FORMATS = (".asc", ".blf", ".mf4")


def main_py(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def fields(frame: can.Message) -> tuple:
    """Everything a conversion must keep; the time to the microsecond."""
    return (
        round(frame.timestamp, 6),
        frame.arbitration_id,
        frame.is_extended_id,
        frame.dlc,
        b"" if frame.is_remote_frame else bytes(frame.data),
        frame.channel,
        frame.is_rx,
        frame.is_error_frame,
        frame.is_remote_frame,
        frame.is_fd,
        frame.bitrate_switch,
    )


def test_the_recorded_log_has_what_conversion_must_keep(recorded_log: Path) -> None:
    lines = recorded_log.read_text().splitlines()
    assert len(lines) > 2000
    assert any(line.endswith(" T") for line in lines), "the cockpit's own command frames are in the log"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_recorded_bus_log_comes_back_byte_for_byte(recorded_log: Path, tmp_path: Path, suffix: str) -> None:
    converted, back = tmp_path / f"bus{suffix}", tmp_path / "back.log"
    there = main_py("convert", str(recorded_log), str(converted))
    assert there.returncode == 0, there.stderr
    assert f"→ {converted} ({suffix[1:]})" in there.stdout and there.stderr == ""
    again = main_py("convert", str(converted), str(back))
    assert again.returncode == 0, again.stderr
    assert back.read_bytes() == recorded_log.read_bytes()


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_field_of_every_kind_of_frame_is_kept(tmp_path: Path, suffix: str) -> None:
    source = write_candump(tmp_path / "kinds.log", every_kind_of_frame())
    written = [fields(frame) for frame in read_log(source)]
    assert len(written) == len(every_kind_of_frame())
    convert_log(source, tmp_path / f"kinds{suffix}")
    convert_log(tmp_path / f"kinds{suffix}", tmp_path / "back.log")
    got = [fields(frame) for frame in read_log(tmp_path / "back.log")]
    if suffix == ".mf4":  # MF4 holds data, remote and error frames in groups: they come back in time order
        written = sorted(written, key=lambda f: f[0])
        got = sorted(got, key=lambda f: f[0])
    if suffix == ".asc":  # ASC's ErrorFrame line has no direction: read as received (README says so)
        assert all(f[6] for f in got if f[7])
    assert got == written


def test_the_candump_writer_keeps_what_python_cans_drops(tmp_path: Path) -> None:
    source = write_candump(tmp_path / "kinds.log", every_kind_of_frame())
    text = source.read_text()
    assert "(1791500400.200000) can0 123#R4 R\n" in text  # python-can's writer: `123#R`, the length lost
    assert "(1791500400.200000) can0 00000124#R T\n" in text
    assert "(1791500402.500000) can0 100##1000102030405060708090A0B R\n" in text
    assert "(1791500400.300007) can0 20000080# R\n" in text


def test_channels_of_other_names_are_numbered_and_said(tmp_path: Path) -> None:
    frames = every_kind_of_frame()[:3]
    frames[0].channel = "vcan0"  # can0 and can1 keep their numbers; vcan0 takes the next free one
    source = write_candump(tmp_path / "named.log", frames)
    result = main_py("convert", str(source), str(tmp_path / "named.blf"))
    assert result.returncode == 0, result.stderr
    assert "channel 'vcan0' is channel 2" in result.stderr and "reads back as can2" in result.stderr
    convert_log(tmp_path / "named.blf", tmp_path / "back.log")
    assert [f.channel for f in read_log(tmp_path / "back.log")] == ["can2", "can0", "can1"]


@pytest.mark.parametrize("suffix", (".asc", ".blf"))
def test_the_same_log_converts_to_the_same_bytes(recorded_log: Path, tmp_path: Path, suffix: str) -> None:
    """The headers say the log's start, not the wall clock of the conversion (MF4's file-history block does
    record when the file was written, as MDF means it to)."""
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    convert_log(recorded_log, first)
    convert_log(recorded_log, second)
    assert first.read_bytes() == second.read_bytes()


def test_an_mf4_starts_when_the_log_starts(recorded_log: Path, tmp_path: Path) -> None:
    from asammdf import MDF

    convert_log(recorded_log, tmp_path / "bus.mf4")
    first_s = next(iter(read_log(recorded_log))).timestamp
    with MDF(str(tmp_path / "bus.mf4")) as mdf:
        assert mdf.header.start_time.timestamp() == int(first_s)


def test_asc_keeps_the_time_in_another_time_zone(tmp_path: Path) -> None:
    """ASC dates are local wall time: written and read in Beijing, the frames keep their epoch times."""
    source = write_candump(tmp_path / "kinds.log", every_kind_of_frame())
    beijing = {"TZ": "Asia/Shanghai"}
    assert main_py("convert", str(source), str(tmp_path / "k.asc"), env=beijing).returncode == 0
    assert "Fri Oct 09 07:00:00" in (tmp_path / "k.asc").read_text()  # 23:00 UTC is 07:00 the next day there
    assert main_py("convert", str(tmp_path / "k.asc"), str(tmp_path / "back.log"), env=beijing).returncode == 0
    assert (tmp_path / "back.log").read_bytes() == source.read_bytes()


def test_an_unknown_output_format_is_bad_input(tmp_path: Path) -> None:
    source = write_candump(tmp_path / "kinds.log", every_kind_of_frame())
    result = main_py("convert", str(source), str(tmp_path / "out.trc"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "out.trc" in result.stderr and ".log, .asc, .blf, .mf4" in result.stderr


def test_a_bad_line_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    source = tmp_path / "bad.log"
    source.write_text("(1.000000) can0 0A0#00 R\n(2.000000) can0 0A0#0 R\n", encoding="utf-8")
    result = main_py("convert", str(source), str(tmp_path / "out.blf"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{source}:2:" in result.stderr and "pairs of hex digits" in result.stderr
    assert list(tmp_path.iterdir()) == [source]


def test_a_log_is_not_converted_onto_itself(tmp_path: Path) -> None:
    source = write_candump(tmp_path / "kinds.log", every_kind_of_frame())
    before = source.read_bytes()
    result = main_py("convert", str(source), str(source))
    assert result.returncode == 2 and "overwrite the input" in result.stderr
    assert source.read_bytes() == before


def test_a_folder_that_cannot_be_written_is_bad_input(tmp_path: Path) -> None:
    source = write_candump(tmp_path / "kinds.log", every_kind_of_frame())
    result = main_py("convert", str(source), str(tmp_path / "no" / "such" / "dir" / "out.asc"))
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr
