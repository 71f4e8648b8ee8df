"""The cockpit's command repeats are spaced at the command message's DBC cycle, read from frame timestamps on a
python-can virtual bus (cockpit/bus.py `CommandWriter`, `command_cycle_s`)."""

from __future__ import annotations

import itertools
from pathlib import Path

import can
import cantools
import pytest

from canbus.dbc import DEFAULT_DBC_PATH
from canbus.port import BusPort
from cockpit.bus import COMMAND_REPETITIONS, command_cycle_s
from cockpit.cockpit import Cockpit
from cockpit.parts import HeadUnitParts
from cockpit.trace import TraceRecorder
from runner.assembly import Parts
from tests.bus.log_fixtures import OutOfScopeUnderstanderTestDouble, shared_recorded_log


@pytest.fixture(scope="module")
def recorded_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_recorded_log(tmp_path_factory)


HVAC = "CCU_HVAC_Cmd"
_channels = itertools.count(1)


@pytest.fixture(scope="module")
def parts() -> Parts:
    return Parts()


@pytest.fixture
def bus_pair(parts: Parts):
    """The cockpit's end and a listener on one python-can virtual channel; frames keep the sender's time."""
    channel = f"tests-command-spacing-{next(_channels)}"
    cockpit_bus = can.Bus(interface="virtual", channel=channel, preserve_timestamps=True)
    listener = can.Bus(interface="virtual", channel=channel, preserve_timestamps=True)
    port = BusPort(cockpit_bus, parts.codec)
    cockpit = Cockpit(port, TraceRecorder(None), parts.roadmap, HeadUnitParts(OutOfScopeUnderstanderTestDouble()))
    yield cockpit, listener
    cockpit_bus.shutdown()
    listener.shutdown()


def run_cockpit(cockpit: Cockpit, from_ms: int, to_ms: int, requests: dict[int, dict]) -> None:
    """The run loop's order each 10 ms (runner/session.py): poll the bus, then the 100 ms tick; a request is
    carried out as `hear` does (request, then a flush)."""
    for now_ms in range(from_ms, to_ms + 1, 10):
        now_s = now_ms / 1000
        if now_ms in requests:
            cockpit.commands.request(HVAC, requests[now_ms])
            cockpit.commands.flush(now_s)
        cockpit.poll_bus(now_s)
        if now_ms % 100 == 0:
            cockpit.tick(now_s)


def sent_times(listener: can.BusABC, frame_id: int) -> list[float]:
    times = []
    while (frame := listener.recv(0)) is not None:
        if frame.arbitration_id == frame_id:
            times.append(round(frame.timestamp, 6))
    return times


def gaps(times: list[float]) -> list[float]:
    return [round(later - earlier, 6) for earlier, later in itertools.pairwise(times)]


def test_a_request_between_ticks_is_repeated_a_cycle_apart(bus_pair, parts: Parts) -> None:
    cockpit, listener = bus_pair
    run_cockpit(cockpit, 5000, 6000, {5030: {"PowerRequest": 1}})
    cycle_s = command_cycle_s(parts.codec.database.get_message_by_name(HVAC))
    times = sent_times(listener, parts.codec[HVAC].frame_id)
    assert times[0] == 5.03  # the first frame at once
    assert len(times) == COMMAND_REPETITIONS and gaps(times) == [cycle_s] * (COMMAND_REPETITIONS - 1)


def test_a_request_on_a_tick_is_not_sent_twice_at_once(bus_pair, parts: Parts) -> None:
    """Before: the request's own flush and the tick's sent two frames at the same instant."""
    cockpit, listener = bus_pair
    run_cockpit(cockpit, 9900, 11000, {10000: {"PowerRequest": 1}})
    times = sent_times(listener, parts.codec[HVAC].frame_id)
    assert times == [10.0, 10.1, 10.2]


def test_a_new_request_waits_a_cycle_after_the_last_frame(bus_pair, parts: Parts) -> None:
    cockpit, listener = bus_pair
    run_cockpit(cockpit, 2000, 3000, {2000: {"PowerRequest": 1}, 2130: {"AirConditioningRequest": 1}})
    times = sent_times(listener, parts.codec[HVAC].frame_id)
    assert min(gaps(times)) >= 0.1
    assert times == [2.0, 2.1, 2.2, 2.3, 2.4]  # the second request restarts the three repeats at the cycle


def test_the_cockpits_frames_in_a_recorded_run_are_a_cycle_apart(recorded_log: Path, parts: Parts) -> None:
    log = recorded_log
    bursts: dict[int, list[float]] = {}
    for line in log.read_text().splitlines():
        if line.endswith(" T"):
            stamp, _, frame = line.split()[:3]
            bursts.setdefault(int(frame.split("#")[0], 16), []).append(float(stamp.strip("()")))
    assert bursts, "the run sent commands"
    for frame_id, times in bursts.items():
        message = parts.codec.database.get_message_by_frame_id(frame_id)
        assert min(gaps(times)) >= command_cycle_s(message) - 1e-6, message.name


def test_the_fast_cycle_of_an_ifactive_message_wins_where_the_dbc_has_one() -> None:
    text = DEFAULT_DBC_PATH.read_text(encoding="utf-8")
    database = cantools.database.load_string(text, database_format="dbc")
    assert command_cycle_s(database.get_message_by_name(HVAC)) == 0.1  # GenMsgCycleTime (or a fast one of 100)
    lines = [line for line in text.splitlines() if "GenMsgCycleTimeFast" not in line]
    at = next(i for i, line in enumerate(lines) if line.startswith("BA_DEF_DEF_"))
    lines[at:at] = ['BA_DEF_ BO_  "GenMsgCycleTimeFast" INT 0 65535;', 'BA_DEF_DEF_  "GenMsgCycleTimeFast" 0;']
    frame_id = database.get_message_by_name(HVAC).frame_id
    lines.append(f'BA_ "GenMsgCycleTimeFast" BO_ {frame_id} 20;')
    fast = cantools.database.load_string("\n".join(lines) + "\n", database_format="dbc")
    assert command_cycle_s(fast.get_message_by_name(HVAC)) == 0.02
