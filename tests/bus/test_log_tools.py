"""Logs made and read by the real tools: python-can's logconvert, player and logger CLIs, can-utils' log2asc and
asc2log. What they keep and what they lose is what README's bus section says."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from canbus.interfaces import open_bus
from canbus.log_reader import read_log
from tests.bus.log_fixtures import every_kind_of_frame, shared_recorded_log, write_candump
from tests.bus.test_log_convert import ROOT, fields, main_py


@pytest.fixture(scope="module")
def recorded_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_recorded_log(tmp_path_factory)


# This module's own group, one per test process: xdist workers and other runs on the host do not hear it.
MULTICAST_GROUP = f"239.74.164.{1 + os.getpid() % 250}"
PLAYED_FRAMES = 400


def python_can(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", f"can.{tool}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def frames_of(path: Path) -> list[tuple]:
    return [fields(frame) for frame in read_log(path)]


@pytest.mark.parametrize("suffix", (".blf", ".mf4"))
def test_python_can_logconvert_keeps_a_recorded_log_in_blf_and_mf4(
    recorded_log: Path, tmp_path: Path, suffix: str
) -> None:
    converted = tmp_path / f"bus{suffix}"
    result = python_can("logconvert", str(recorded_log), str(converted))
    assert result.returncode == 0, result.stderr
    assert frames_of(converted) == frames_of(recorded_log)


def test_python_can_logconvert_to_asc_moves_the_start_and_drops_remote_lengths(tmp_path: Path) -> None:
    """Why README points to `main.py convert`: python-can 4.6's ASC header writes 10 ms as `.10` (100 ms)."""
    in_order = [frame for frame in every_kind_of_frame() if frame.timestamp > 1_791_500_400.001]
    source = write_candump(tmp_path / "kinds.log", in_order)  # an earlier frame it writes as garbage
    assert python_can("logconvert", str(source), str(tmp_path / "kinds.asc")).returncode == 0
    ours, theirs = frames_of(source), frames_of(tmp_path / "kinds.asc")
    assert [f[1:5] for f in theirs] == [f[1:5] for f in ours]  # ids, formats, lengths, data: kept
    assert theirs[0][0] - ours[0][0] == pytest.approx(0.1 - 0.010001, abs=1e-6)  # .010001 read back as .1
    assert python_can("logconvert", str(source), str(tmp_path / "kinds_again.log")).returncode == 0
    assert "123#R R" in (tmp_path / "kinds_again.log").read_text()  # the remote frame's length 4 is gone
    ours_converted = main_py("convert", str(source), str(tmp_path / "ours.asc"))
    assert ours_converted.returncode == 0 and frames_of(tmp_path / "ours.asc")[0][0] == ours[0][0]


def _multicast_usable() -> str | None:
    try:
        sender, receiver = open_bus(f"udp_multicast:{MULTICAST_GROUP}"), open_bus(f"udp_multicast:{MULTICAST_GROUP}")
    except Exception as error:  # noqa: BLE001 - any reason this host has no multicast
        return str(error)
    try:
        import can

        sender.send(can.Message(arbitration_id=1, data=b"\x01", is_extended_id=False))
        return None if receiver.recv(2.0) is not None else "a frame sent was not received"
    finally:
        sender.shutdown()
        receiver.shutdown()


def _wait_until_its_sockets_are_read(pid: int, timeout_s: float = 30.0) -> None:
    """Until no UDP socket of process `pid` has bytes queued (Linux's /proc; elsewhere it returns at once)."""
    try:
        links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return
    inodes = {link[len("socket:[") : -1] for link in links if link.startswith("socket:[")}
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        queued = False
        for table in ("/proc/net/udp", "/proc/net/udp6"):
            try:
                rows = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            for columns in (row.split() for row in rows):
                # columns[4] is tx_queue:rx_queue in hex, columns[9] the socket's inode
                queued = queued or (columns[9] in inodes and int(columns[4].split(":")[1], 16) > 0)
        if not queued:
            return
        time.sleep(0.01)  # polling the condition, not waiting a guessed time


@pytest.mark.parametrize("suffix", (".mf4", ".asc"))
def test_python_can_player_and_logger_make_a_log_the_cockpit_replays(
    recorded_log: Path, tmp_path: Path, suffix: str
) -> None:
    """can.player plays our bus.log onto udp_multicast (TTL 0: this host only), can.logger records it in
    another process; the cockpit replays what the logger wrote, frame for frame (its own times: the logger's)."""
    why = _multicast_usable()
    if why is not None:
        pytest.skip(f"udp_multicast on loopback is not usable here: {why}")
    played = tmp_path / "played.log"
    played.write_text("".join(recorded_log.read_text().splitlines(keepends=True)[:PLAYED_FRAMES]))
    captured = tmp_path / f"captured{suffix}"
    bus = ["-i", "udp_multicast", "-c", MULTICAST_GROUP, "--bus-kwargs", "hop_limit=0"]
    logger = subprocess.Popen(
        [sys.executable, "-m", "can.logger", *bus, "-f", str(captured)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "Connected to" in logger.stdout.readline()  # the logger listens: the player may start
        player = python_can("player", *bus, "--ignore-timestamps", "-g", "0.002", str(played))
        assert player.returncode == 0, player.stderr
        _wait_until_its_sockets_are_read(logger.pid)  # a loaded logger may lag: Ctrl-C drops what it has not read
    finally:
        logger.send_signal(signal.SIGINT)
        logger.communicate(timeout=60)
    wanted = [f[1:5] for f in frames_of(played)]
    assert [f[1:5] for f in frames_of(captured)] == wanted
    result = main_py("cockpit", "--bus", f"replay:{captured}", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["log"]["format"] == suffix[1:] and report["log"]["frames"] == PLAYED_FRAMES
    assert report["bus_audit"]["unknown_ids"]["frames"] == 0


can_utils = pytest.mark.skipif(
    shutil.which("log2asc") is None or shutil.which("asc2log") is None,
    reason="can-utils is not installed (apt-get install can-utils)",
)


@can_utils
def test_can_utils_log2asc_output_replays_with_every_field(recorded_log: Path, tmp_path: Path) -> None:
    asc = tmp_path / "bus.asc"
    subprocess.run(["log2asc", "-I", str(recorded_log), "-O", str(asc), "can0"], check=True, timeout=60)
    assert frames_of(asc) == frames_of(recorded_log)  # its date line is the first frame's: times kept too
    back = tmp_path / "back.log"
    assert main_py("convert", str(asc), str(back)).returncode == 0
    assert back.read_bytes() == recorded_log.read_bytes()


@can_utils
def test_can_utils_asc2log_reads_our_asc(recorded_log: Path, tmp_path: Path) -> None:
    """asc2log (can-utils 2020.11) keeps ids, data and directions and the times between frames; it starts the
    log at the time of the conversion when it cannot parse the date (it cannot parse python-can's)."""
    asc = tmp_path / "bus.asc"
    assert main_py("convert", str(recorded_log), str(asc)).returncode == 0
    back = tmp_path / "back.log"
    subprocess.run(["asc2log", "-I", str(asc), "-O", str(back)], check=True, timeout=60, capture_output=True)
    ours, theirs = frames_of(recorded_log), frames_of(back)
    assert [f[1:] for f in theirs] == [f[1:] for f in ours]
    assert [round(f[0] - theirs[0][0], 6) for f in theirs] == [round(f[0] - ours[0][0], 6) for f in ours]
