"""A replay tells what its log holds beside this car's traffic (canbus/log_audit.py, runner/replay_report.py)."""

from __future__ import annotations

import json
from pathlib import Path

import can
import pytest

from canbus.dbc import signal_catalogue
from canbus.log_audit import LogAudit
from tests.bus.log_fixtures import DATABASE, EPOCH_S, NAV_ROUTE, foreign_car_log, shared_recorded_log
from tests.bus.test_log_convert import main_py


@pytest.fixture(scope="module")
def recorded_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_recorded_log(tmp_path_factory)


NAV_ROUTE_PATHS = {path for path, meta in signal_catalogue(DATABASE).items() if meta.message == "Nav_Route"}


def audit_of(frames: list[can.Message]) -> LogAudit:
    audit = LogAudit(DATABASE)
    for frame in frames:
        audit.observe(frame)
    return audit


def every(cycle_s: float, count: int, frame_id: int = NAV_ROUTE.frame_id, channel: str = "can0") -> list[can.Message]:
    return [
        can.Message(
            timestamp=EPOCH_S + i * cycle_s,
            arbitration_id=frame_id,
            is_extended_id=False,
            data=bytes(8),
            channel=channel,
        )
        for i in range(count)
    ]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def foreign_replay(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("foreign")
    log, counts = foreign_car_log(folder / "foreign.log")
    result = main_py("cockpit", "--bus", f"replay:{log}", "--out", str(folder / "out"))
    return result, counts, folder / "out"


def test_a_foreign_cars_log_reports_its_unknown_ids_with_counts_and_channels(foreign_replay) -> None:
    result, counts, out = foreign_replay
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["kind"] == "cockpit_replay" and report["status"] == "finished"
    unknown = report["bus_audit"]["unknown_ids"]
    assert {(int(entry["id"], 16), tuple(entry["channels"])): entry["frames"] for entry in unknown["ids"]} == {
        (frame_id, (channel,)): count for (frame_id, channel), count in counts.items()
    }
    assert unknown["frames"] == sum(counts.values())
    channels = report["bus_audit"]["channels"]
    assert set(channels) == {"can0", "can1"}
    assert channels["can1"]["unknown_id_frames"] == sum(n for (_, ch), n in counts.items() if ch == "can1")
    assert sum(c["frames"] for c in channels.values()) == report["log"]["frames"]


def test_a_colliding_id_off_its_dbc_cycle_is_flagged_and_not_used(foreign_replay) -> None:
    result, _, out = foreign_replay
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["bus_audit"]["off_cycle"] == [
        {
            "message": "Nav_Route",
            "id": "0x3A1",
            "channel": "can0",
            "dbc_cycle_ms": 1000,
            "median_cycle_ms": 20.0,
            "frames": 300,
            "trusted": False,
        }
    ]
    assert report["replay"]["untrusted_skipped"] == 300
    trace = read_jsonl(out / "trace.jsonl")
    assert {"t": 0.0, "type": "replay_untrusted", "messages": ["Nav_Route"], "reason": "off_dbc_cycle"} in trace
    # Its bytes are a valid Nav_Route: used, they would have set the route signals. Not one reached the cockpit.
    assert not [r for r in trace if r["type"] == "signal" and r["path"] in NAV_ROUTE_PATHS]


def test_the_findings_are_said_once_on_stderr(foreign_replay) -> None:
    result, counts, _ = foreign_replay
    lines = [line for line in result.stderr.splitlines() if line.startswith("replay:")]
    assert len(lines) == 2, result.stderr
    assert f"{sum(counts.values())} of " in lines[0] and "ids the DBC does not know" in lines[0]
    assert "(on can0, can1)" in lines[0] and "and 3 more" in lines[0]
    assert "Nav_Route (0x3A1) on can0 comes every 20 ms" in lines[1] and "not used" in lines[1]


def test_this_cars_own_log_has_nothing_to_report(recorded_log: Path, tmp_path: Path) -> None:
    result = main_py("cockpit", "--bus", f"replay:{recorded_log}", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "replay: " not in result.stderr
    audit = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["bus_audit"]
    assert audit["unknown_ids"] == {"frames": 0, "ids": []} and audit["off_cycle"] == []
    assert audit["wrong_length"] == [] and list(audit["channels"]) == ["can0"]


@pytest.mark.parametrize(
    ("cycle_s", "off"), [(0.5, False), (2.0, False), (1.0, False), (0.49, True), (2.01, True), (0.02, True)]
)
def test_the_cycle_rule_is_half_to_twice_the_dbc_cycle(cycle_s: float, off: bool) -> None:
    audit = audit_of(every(cycle_s, 10))
    assert bool(audit.off_cycle()) is off
    assert audit.untrusted_ids() == (frozenset({NAV_ROUTE.frame_id}) if off else frozenset())


def test_a_message_is_judged_on_each_channel_and_only_from_enough_frames() -> None:
    audit = audit_of(every(1.0, 10, channel="can0") + every(0.02, 10, channel="can1"))
    assert [(e.message, e.channel) for e in audit.off_cycle()] == [("Nav_Route", "can1")]
    assert audit_of(every(0.02, 3)).off_cycle() == []  # two gaps: too few to tell a cycle
    assert audit_of(every(0.02, 4)).off_cycle() != []


def test_command_messages_have_no_cycle_to_judge() -> None:
    command = DATABASE.get_message_by_name("CCU_HVAC_Cmd")
    assert audit_of(every(0.001, 20, frame_id=command.frame_id)).off_cycle() == []


def test_frames_of_another_length_and_error_frames_are_counted() -> None:
    short = [
        can.Message(
            timestamp=EPOCH_S + i,
            arbitration_id=NAV_ROUTE.frame_id,
            is_extended_id=False,
            data=bytes(6),
            channel="can0",
        )
        for i in range(3)
    ]
    error = can.Message(timestamp=EPOCH_S, is_error_frame=True, channel="can1")
    audit = audit_of([*short, error])
    report = audit.report()
    assert report["wrong_length"] == [
        {"message": "Nav_Route", "id": "0x3A1", "channel": "can0", "dbc_length": 8, "frames_by_length": {"6": 3}}
    ]
    assert report["error_frames"] == 1 and report["channels"]["can1"]["frames"] == 1
