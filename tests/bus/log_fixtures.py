"""Logs for the log tests: one recorded by a real run, one of every kind of frame, one from a "foreign car"."""

from __future__ import annotations

import random
from pathlib import Path

import can
import pytest

from canbus.dbc import load_dbc
from canbus.port import BusPort
from canbus.recorder import candump_line

DATABASE = load_dbc()
NAV_ROUTE = DATABASE.get_message_by_name("Nav_Route")
SHORT_RUN = """\
name: log_test_run
description: a cold car driving home; the cockpit turns the seat heating on by itself (command frames)
seed: 5
duration: 12s
start: {time: "2026-01-15T17:40:00+08:00", place: office}
vehicle: {trim: max, soc: 60, cabin_temp: 2}
environment: {outside_temp: -2, weather: snow}
route: {to: home}
occupants: [{seat: driver}, {seat: passenger}]
"""


class OutOfScopeUnderstanderTestDouble:
    """TEST DOUBLE for the NLU model: the run has no utterances, so nothing is ever asked of it."""

    def understand(self, text: str):
        raise AssertionError(f"no utterance expected in the log test run, got {text!r}")


def record_short_run(folder: Path) -> Path:
    """A 12 s in-process run; its bus.log (received status frames and the cockpit's command frames)."""
    from runner.assembly import Parts
    from runner.session import RunSession

    parts = Parts()
    scenario_path = folder / "log_test_run.yaml"
    scenario_path.write_text(SHORT_RUN, encoding="utf-8")
    session = RunSession(
        parts.load_scenario(scenario_path),
        codec=parts.codec,
        roadmap=parts.roadmap,
        understander=OutOfScopeUnderstanderTestDouble(),
        out_dir=folder / "run",
    )
    session.run()
    return folder / "run" / "bus.log"


_recorded: list[Path] = []


def shared_recorded_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One short run's bus.log for every log test module of the session (read only: tests copy what they change)."""
    if not _recorded:
        _recorded.append(record_short_run(tmp_path_factory.mktemp("recorded")))
    return _recorded[0]


EPOCH_S = 1_791_500_400.0  # 2026-10-08T23:00:00Z


def every_kind_of_frame() -> list[can.Message]:
    """Each field a log must keep: µs times (one out of order), both id formats, DLC 0-8, remote with a length,
    FD with its flags, an error frame, both directions, two channels."""

    def frame(offset_s: float, **fields) -> can.Message:
        fields.setdefault("channel", "can0")
        fields.setdefault("is_rx", True)
        return can.Message(timestamp=round(EPOCH_S + offset_s, 6), check=True, **fields)

    return [
        frame(0.010001, arbitration_id=0x0A0, is_extended_id=False, data=bytes(range(1, 9))),
        frame(0.010001, arbitration_id=0x301, is_extended_id=False, data=b"\x09\x09", is_rx=False),
        frame(0.123456, arbitration_id=0x18FF50E5, is_extended_id=True, data=b"", channel="can1"),
        frame(0.200000, arbitration_id=0x123, is_extended_id=False, is_remote_frame=True, dlc=4),
        frame(0.200000, arbitration_id=0x124, is_extended_id=True, is_remote_frame=True, dlc=0, is_rx=False),
        frame(0.300007, is_error_frame=True, arbitration_id=0, is_extended_id=True, dlc=0),
        frame(
            0.000007, arbitration_id=0x7FF, is_extended_id=False, data=bytes(range(8)), channel="can1", is_rx=False
        ),  # stamped before the frames above it: two interfaces merged
        frame(2.000001, arbitration_id=0x1FFFFFFF, is_extended_id=True, data=b"\xff"),
        frame(
            2.500000, arbitration_id=0x100, is_extended_id=False, is_fd=True, bitrate_switch=True, data=bytes(range(12))
        ),
        frame(3.999999, arbitration_id=0x000, is_extended_id=False, data=b"\x00" * 8, channel="can1"),
    ]


def write_candump(path: Path, frames: list[can.Message]) -> Path:
    path.write_text("".join(candump_line(f, str(f.channel), f.timestamp) for f in frames), encoding="utf-8")
    return path


# A "foreign car": a few ids this DBC does not know, each at its own cycle, on two channels, and one of its
# messages on the id of our Nav_Route (0x3A1) every 20 ms instead of the DBC's 1000 ms, its bytes a valid Nav_Route.
FOREIGN_CYCLES_MS = (10, 20, 50, 100, 200, 500)
FOREIGN_DURATION_S = 6.0
COLLIDING_CYCLE_MS = 20


def foreign_car_log(path: Path, seed: int = 7) -> tuple[Path, dict[tuple[int, str], int]]:
    """The log and how many frames it has of each (unknown id, channel)."""
    rng = random.Random(seed)
    known = {m.frame_id for m in DATABASE.messages}
    streams: list[tuple[int, str, int]] = []
    while len(streams) < 8:
        frame_id = rng.randrange(0x800)
        if frame_id not in known and frame_id not in {s[0] for s in streams}:
            streams.append((frame_id, rng.choice(("can0", "can1")), rng.choice(FOREIGN_CYCLES_MS)))
    frames: list[can.Message] = []
    counts: dict[tuple[int, str], int] = {}
    for frame_id, channel, cycle_ms in streams:
        phase_ms = rng.randrange(cycle_ms)
        for tick in range(int(FOREIGN_DURATION_S * 1000 - phase_ms) // cycle_ms):
            frames.append(
                can.Message(
                    timestamp=EPOCH_S + (phase_ms + tick * cycle_ms) / 1000,
                    channel=channel,
                    arbitration_id=frame_id,
                    is_extended_id=False,
                    data=rng.randbytes(8),
                )
            )
            counts[frame_id, channel] = counts.get((frame_id, channel), 0) + 1
    encoder = BusPort(None, _codec())  # type: ignore[arg-type]  (only to encode)
    destination = 1
    for tick in range(int(FOREIGN_DURATION_S * 1000) // COLLIDING_CYCLE_MS):
        destination = destination % 9 + 1  # bytes that decode as a route changing every frame
        frame_id, payload = encoder.encode("Nav_Route", _route_values(destination))
        frames.append(
            can.Message(
                timestamp=EPOCH_S + tick * COLLIDING_CYCLE_MS / 1000,
                channel="can0",
                arbitration_id=frame_id,
                is_extended_id=False,
                data=bytes(payload),
            )
        )
    frames.sort(key=lambda f: f.timestamp)
    return write_candump(path, frames), counts


def _codec():
    from canbus.codec import DatabaseCodec

    return DatabaseCodec(DATABASE)


def _route_values(destination: int) -> dict:
    values = {}
    for signal in NAV_ROUTE.signals:
        if signal.choices:
            values[signal.name] = max(signal.choices)
        else:
            low = signal.minimum if signal.minimum is not None else 0
            values[signal.name] = low + (
                destination if signal.maximum is None or low + destination <= signal.maximum else 0
            )
    return values
