"""MF4 logs told by their content; MDF files that are not a finished MDF 4 bus log are refused saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from canbus.log_reader import LogFormatError, check_log
from runner.convert_command import convert_log
from tests.bus.log_fixtures import every_kind_of_frame, write_candump


@pytest.fixture(scope="module")
def mf4_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("mf4")
    source = write_candump(folder / "kinds.log", every_kind_of_frame())
    convert_log(source, folder / "kinds.mf4")
    return (folder / "kinds.mf4").read_bytes()


def test_an_mf4_under_any_name_is_read_as_mf4(mf4_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "capture.bin"
    path.write_bytes(mf4_bytes)
    summary = check_log(path)
    assert (summary.format, summary.frames) == ("mf4", len(every_kind_of_frame()))


@pytest.mark.parametrize(
    ("head", "said"),
    [
        (b"MDF     3.30    ", "an MDF 3.30 file"),
        (b"UnFinMF 4.10    ", "never finalised"),
    ],
)
def test_other_mdf_files_are_refused_saying_what_they_are(
    mf4_bytes: bytes, tmp_path: Path, head: bytes, said: str
) -> None:
    path = tmp_path / "log.mf4"
    path.write_bytes(head + mf4_bytes[len(head) :])
    with pytest.raises(LogFormatError, match=said) as refused:
        check_log(path)
    assert refused.value.path == path


def test_a_cut_mf4_is_bad_input_naming_the_file(mf4_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "cut.mf4"
    path.write_bytes(mf4_bytes[: len(mf4_bytes) // 2])
    with pytest.raises(LogFormatError) as refused:
        check_log(path)
    assert str(refused.value).startswith(f"{path}:")


def test_text_named_mf4_is_refused(tmp_path: Path) -> None:
    path = write_candump(tmp_path / "log.mf4", every_kind_of_frame())
    with pytest.raises(LogFormatError, match="not an MDF 4 log"):
        check_log(path)


def test_a_cut_mf4_replay_says_one_line_and_no_traceback(mf4_bytes: bytes, tmp_path: Path) -> None:
    """asammdf's half-made MDF4 fails again when it is freed; that must not reach stderr as a traceback."""
    from tests.bus.test_log_convert import main_py

    path = tmp_path / "cut.mf4"
    path.write_bytes(mf4_bytes[: len(mf4_bytes) // 2])
    result = main_py("cockpit", "--bus", f"replay:{path}", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {path}:frame 1: cannot be read") and result.stderr.count("\n") == 1
