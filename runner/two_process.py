"""The car and the cockpit in two processes, on a real (networked) bus, or the cockpit alone on a log.

    python main.py sim --bus udp_multicast [--scenario S] [--speed 1] [--duration SECONDS]
    python main.py cockpit --bus udp_multicast [--duration SECONDS] [--out DIR]
    python main.py cockpit --bus replay:FILE.log [--out DIR]

`sim` builds the car from the scenario's set-up (trim, state of charge, temperatures, start place,
occupants, environment) and runs its ECUs on the bus, paced to the wall clock × --speed. The scenario's
route and timeline events are NOT played: routes come from the cockpit over the bus, and utterances,
faults and manual controls are for `run`, which keeps both ends in one process.

`cockpit` listens, ticks at 10 Hz on the wall clock (cockpit time = seconds since it started) and takes
typed utterances on stdin, one per line, optionally for a seat: `rear_left: open my window`. It writes
OUT/trace.jsonl and OUT/bus.log (candump; frames stamped with the cockpit's clock, so the log replays
as the cockpit saw it). With `replay:FILE.log` it reads a recorded log as fast as it can instead, with
cockpit time = frame time − the log's first frame time, and writes OUT/trace.jsonl and OUT/report.json. The
log is checked whole first (canbus/log_reader.py): a bad line is an error naming the file and line, exit 2,
before any frame is replayed. What the log holds beside this car's traffic (ids the DBC does not know,
channels, messages off their DBC cycle, whose frames are then not used) is said once on stderr and written to
OUT/report.json (canbus/log_audit.py, runner/replay_report.py).

Ctrl-C (or SIGTERM) stops either at the end of the current step, so the outputs are always closed whole.
udp_multicast stays on this host unless COCKPIT_MULTICAST_TTL says otherwise (canbus/interfaces.py).
"""

from __future__ import annotations

import codecs
import contextlib
import heapq
import itertools
import math
import os
import queue
import signal
import socket
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import can

from canbus.interfaces import BusSpec, BusSpecError, open_bus, private_virtual_channel, read_log
from canbus.log_audit import LogAudit
from canbus.log_reader import OUT_OF_ORDER_TOLERANCE_S, LogSummary, check_log
from canbus.port import BusPort
from canbus.recorder import BusRecorder
from cockpit.bus import COMMAND_SENDER
from cockpit.cockpit import Cockpit
from cockpit.parts import HeadUnitParts
from cockpit.trace import TraceRecorder
from cockpit.zones import SEATS
from runner.errors import EXIT_BAD_INPUT, EXIT_BUS_FAILED, EXIT_INTERRUPTED, EXIT_PASSED, UsageError, describe
from runner.home_adapters import EmbeddedHome
from runner.replay_report import ReplayReport
from runner.run_command import parse_speed
from runner.tick_loop import COCKPIT_PERIOD_MS, TickSteps, run_ticks
from scenario.errors import ScenarioError
from vehicle_sim.ecus import TICK_MS, VehicleEcus

STATUS_EVERY_WALL_S = 5.0
# Unpaced, udp_multicast on loopback lost 1–2 % of frames; ~13k frames/s lost none. Whatever --speed
# asks, the vehicle never sends faster than this.
MAX_FRAMES_PER_S = 10_000
MAX_TICKED_GAP_S = 60.0  # a longer silence in a replayed log is skipped, not ticked through
REPLAY_REORDER_WINDOW = 100_000  # at most this many frames held back to put a log into timestamp order
MULTICAST_TTL_ENV = "COCKPIT_MULTICAST_TTL"
_IP_MULTICAST_ALL = getattr(socket, "IP_MULTICAST_ALL", 49)  # Linux values; absent elsewhere
_IPV6_MULTICAST_ALL = getattr(socket, "IPV6_MULTICAST_ALL", 29)
_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024


# --- shared plumbing ------------------------------------------------------------------------------
class _StopRequest:
    """Ctrl-C and SIGTERM set a flag the loops check at each step (a second Ctrl-C interrupts at once),
    so no output is ever left half-written by an exception raised in the middle of a write."""

    def __init__(self) -> None:
        self.requested = False
        self.by_ctrl_c = False  # Ctrl-C (exit 130) rather than SIGTERM (a clean stop, exit 0)
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True
        self.by_ctrl_c = self.by_ctrl_c or signum == signal.SIGINT

    def exit_code(self, code: int) -> int:
        """`code`, or 130 when Ctrl-C ended a run that was otherwise fine."""
        return EXIT_INTERRUPTED if self.by_ctrl_c and code == EXIT_PASSED else code

    def __enter__(self) -> _StopRequest:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def _say(text: str, *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def _tune_multicast(bus: can.BusABC) -> None:
    """Only the group we joined (Linux otherwise hands a socket every group joined on the host, for its
    port: every udp_multicast run on this machine would hear every other), a bigger receive buffer, and
    the TTL from COCKPIT_MULTICAST_TTL (0 = this host only). Best effort: python-can keeps the socket
    private, so nothing here is required for the bus to work."""
    multicast = getattr(bus, "_multicast", None)
    sock = getattr(multicast, "_socket", None)
    if not isinstance(sock, socket.socket):
        return
    ipv4 = getattr(multicast, "ip_version", 4) == 4
    level = socket.IPPROTO_IP if ipv4 else socket.IPPROTO_IPV6
    options = [
        (level, _IP_MULTICAST_ALL if ipv4 else _IPV6_MULTICAST_ALL, 0),
        (socket.SOL_SOCKET, socket.SO_RCVBUF, _RECEIVE_BUFFER_BYTES),
    ]
    ttl = os.environ.get(MULTICAST_TTL_ENV)
    if ttl is not None and ttl.strip().isdigit():
        options.append((level, socket.IP_MULTICAST_TTL if ipv4 else socket.IPV6_MULTICAST_HOPS, int(ttl)))
    for option_level, option, value in options:
        with contextlib.suppress(OSError):
            sock.setsockopt(option_level, option, value)


def _open_live_bus(text: str, who: str) -> can.BusABC:
    spec = BusSpec.parse(text)
    if spec.kind == "replay":
        raise BusSpecError(f"`{who}` needs a live bus, not a log ({text})")
    bus = open_bus(spec)
    if spec.kind == "udp_multicast":
        _tune_multicast(bus)
    return bus


def command_frame_ids(codec) -> frozenset[int]:
    return frozenset(m.frame_id for m in codec.database.messages if COMMAND_SENDER in m.senders)


class _NoUnderstanding:
    """Stands in for the NLU where no utterance can arrive (building the car, replaying a log)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def understand(self, text: str):
        raise RuntimeError(f"no language understanding here: {self.reason}")


# --- the vehicle -----------------------------------------------------------------------------------
def _proactive_policy(parts):
    """The full cockpit anticipates needs here too; without its model it only says so."""
    try:
        return parts.proactive_policy()
    except (OSError, ValueError) as error:
        _say(f"cockpit: proactive assistance off ({error})", err=True)
        return None


def _build_car(scenario, parts):
    """The car and its fault injector exactly as `run` builds them (the scenario's route is not started)."""
    from runner.session import build_car, build_fault_injector

    return build_car(scenario, parts.roadmap), build_fault_injector(scenario, parts.codec)


def _pace(wall_start: float, sim_s: float, speed: float | None, frames_sent: int) -> None:
    target = frames_sent / MAX_FRAMES_PER_S
    if speed is not None:
        target = max(target, sim_s / speed)
    ahead = wall_start + target - time.perf_counter()
    if ahead > 0:
        time.sleep(ahead)


def _vehicle_status(car, ecus: VehicleEcus, sim_s: float) -> str:
    return (
        f"[sim {sim_s:8.1f} s] speed {car.speed_kph:5.1f} km/h  SOC {car.battery.soc_pct:5.1f} %  "
        f"cabin {car.cabin.air_temp_c:5.1f} °C  commands obeyed {ecus.commands_obeyed}"
        + (f" (rejected {ecus.commands_rejected})" if ecus.commands_rejected else "")
    )


def run_vehicle(args, parts) -> int:
    """`main.py sim`: the car's ECUs alone on a live bus until --duration (simulated seconds) or Ctrl-C."""
    speed = parse_speed(str(args.speed))
    try:
        scenario = parts.load_scenario(args.scenario)
    except ScenarioError as error:
        _say(f"error: {error}", err=True)
        return EXIT_BAD_INPUT
    duration_s = scenario.duration_s if args.duration is None else float(args.duration)
    if duration_s <= 0:
        raise UsageError("--duration must be more than 0 seconds")
    try:
        bus = _open_live_bus(args.bus, "sim")
    except BusSpecError as error:
        _say(f"error: {error}", err=True)
        return EXIT_BAD_INPUT
    car, faults = _build_car(scenario, parts)
    port = BusPort(bus, parts.codec)
    ecus = VehicleEcus(car, port, faults)
    total_ms = round(duration_s * 1000)
    now_ms = 0
    wall_start = time.perf_counter()
    next_status = wall_start + STATUS_EVERY_WALL_S
    exit_code = EXIT_PASSED

    def pace(next_ms: int) -> int:
        nonlocal next_status, now_ms
        now_ms = next_ms
        _pace(wall_start, next_ms / 1000, speed, port.frames_sent)
        if time.perf_counter() >= next_status:
            next_status += STATUS_EVERY_WALL_S
            _say(_vehicle_status(car, ecus, next_ms / 1000))
        return next_ms

    with _StopRequest() as stop:
        try:
            # Said once Ctrl-C is handled: a Ctrl-C right after this line stops the run cleanly.
            _say(
                f"vehicle: {scenario.name} ({scenario.vehicle.trim}) on {args.bus}, "
                f"{'max' if speed is None else f'{speed:g}x'} speed, {duration_s:g} s; "
                f"scenario route and events are not played (the cockpit sends routes); Ctrl-C to stop"
            )
            run_ticks(
                TickSteps(car_step=car.step, transmit=ecus.transmit_due, receive=ecus.receive_commands),
                0,
                total_ms,
                pace=pace,
                keep_going=lambda: not stop.requested,
            )
        except can.CanError as error:
            _say(f"error: the bus failed: {error}", err=True)
            exit_code = EXIT_BUS_FAILED
        finally:
            port.close()
    sim_s = max(now_ms - TICK_MS, 0) / 1000
    _say(_vehicle_status(car, ecus, sim_s))
    _say(
        f"vehicle: {'stopped' if stop.requested else 'done'} after {sim_s:.1f} simulated s in "
        f"{time.perf_counter() - wall_start:.1f} wall s; {port.frames_sent} frames sent"
    )
    return stop.exit_code(exit_code)


# --- the cockpit: shared ---------------------------------------------------------------------------
class _LazyUnderstander:
    """The NLU model, loaded on first use (a replay never needs it); None if it cannot be loaded."""

    def __init__(self, parts) -> None:
        self._parts = parts
        self._model: Any = None
        self.unavailable: str | None = None

    def load(self) -> bool:
        if self._model is None and self.unavailable is None:
            try:
                self._model = self._parts.understander
            except Exception as error:  # noqa: BLE001 - a missing/broken model must not stop the cockpit
                self.unavailable = f"{type(error).__name__}: {error}"
        return self._model is not None

    def understand(self, text: str):
        if not self.load():
            raise RuntimeError(f"the NLU model is unavailable ({self.unavailable})")
        return self._model.understand(text)


def _printer(record: dict[str, Any]) -> None:
    """Replies and actions on the console as they happen."""
    kind = record["type"]
    if kind == "utterance" and record.get("speaker") == "assistant":
        seat = f" (to {record['seat']})" if record.get("seat") else ""
        _say(f"[{record['t']:7.1f}] assistant{seat}: {record['text']}")
    elif kind == "utterance":
        _say(
            f"[{record['t']:7.1f}] understood: {record['intent']} ({record['confidence']:.2f}) "
            f"{record.get('slots') or ''}".rstrip()
        )
    elif kind == "action":
        extra = {
            k: v
            for k, v in record.items()
            if k not in ("t", "type", "kind", "status", "source", "seat", "reason") and v is not None
        }
        reason = f" ({record['reason']})" if record.get("reason") else ""
        _say(
            f"[{record['t']:7.1f}] action {record['kind']} {record['status']}{reason} "
            f"[{record['source']}] {extra or ''}".rstrip()
        )


def parse_typed_line(line: str) -> tuple[str, str] | None:
    """`rear_left: open my window` → ("rear_left", "open my window"); no known seat → the driver."""
    line = line.strip()
    if not line:
        return None
    head, sep, rest = line.partition(":")
    if sep and head.strip().lower() in SEATS and rest.strip():
        return head.strip().lower(), rest.strip()
    return "driver", line


def _stdin_is_interactive_or_pipe() -> bool:
    try:
        fd = sys.stdin.fileno()
        return os.isatty(fd) or stat.S_ISFIFO(os.fstat(fd).st_mode) or stat.S_ISSOCK(os.fstat(fd).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def _start_line_reader(lines: queue.SimpleQueue) -> None:
    """A daemon thread that only enqueues stdin's lines. It reads the raw descriptor (not sys.stdin) so
    that no Python lock is held by it when the process exits."""

    def read() -> None:
        fd = sys.stdin.fileno()
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return
            pending += decoder.decode(chunk, final=not chunk)
            *complete, pending = pending.split("\n")
            for line in complete:
                lines.put(line)
            if not chunk:
                if pending:
                    lines.put(pending)
                return

    threading.Thread(target=read, name="stdin-lines", daemon=True).start()


# --- the cockpit on a live bus ---------------------------------------------------------------------
class _CockpitClockBus:
    """A live bus whose received frames carry the cockpit's clock (the time they were polled), like
    the frames it sends: udp_multicast stamps frames with the receiving host's epoch time, which
    would not line up with anything else the cockpit writes."""

    def __init__(self, bus: can.BusABC, drop_ids: frozenset[int]) -> None:
        self.bus = bus
        self.now_s = 0.0
        self._drop_ids = drop_ids  # our own commands, looped back by multicast

    def recv(self, timeout: float | None = None) -> can.Message | None:
        while (frame := self.bus.recv(timeout)) is not None:
            if frame.arbitration_id not in self._drop_ids:
                frame.timestamp = self.now_s
                return frame
        return None

    def send(self, msg: can.Message, timeout: float | None = None) -> None:
        self.bus.send(msg, timeout)

    def shutdown(self) -> None:
        self.bus.shutdown()


def _open_outputs(out_dir: Path, *, bus_log: bool, epoch_s: float = 0.0):
    out_dir.mkdir(parents=True, exist_ok=True)
    trace = TraceRecorder(out_dir / "trace.jsonl")
    recorder = BusRecorder(out_dir / "bus.log", time_offset_s=epoch_s) if bus_log else None
    return trace, recorder


def _handle_lines(lines: queue.SimpleQueue, cockpit: Cockpit, understander: _LazyUnderstander, now_s: float) -> None:
    while True:
        try:
            line = lines.get_nowait()
        except queue.Empty:
            return
        parsed = parse_typed_line(line)
        if parsed is None:
            continue
        seat, text = parsed
        _say(f"[{now_s:7.1f}] {seat}: {text}")
        if not understander.load():
            _say(f"[{now_s:7.1f}] (not understood: no NLU model — {understander.unavailable})", err=True)
            continue
        cockpit.hear(seat, text, now_s)


def _run_live_cockpit(args, parts, understander: _LazyUnderstander) -> int:
    if args.duration is not None and args.duration <= 0:
        raise UsageError("--duration must be more than 0 seconds")
    try:
        raw_bus = _open_live_bus(args.bus, "cockpit")
    except BusSpecError as bad_spec:
        _say(f"error: {bad_spec}", err=True)
        return EXIT_BAD_INPUT
    codec = parts.codec
    epoch_s = time.time()
    bus = _CockpitClockBus(raw_bus, command_frame_ids(codec))
    try:
        trace, recorder = _open_outputs(args.out, bus_log=True, epoch_s=epoch_s)
    except OSError:
        raw_bus.shutdown()
        raise
    port = BusPort(bus, codec, recorder=recorder)  # type: ignore[arg-type]  # a duck-typed bus: the BusABC calls BusPort makes
    cockpit: Cockpit | None = None
    exit_code = EXIT_PASSED
    error: Exception | None = None
    # From here on Ctrl-C (also during the model loading below) stops at the end of the step, and every
    # output is closed whole whatever happens.
    with _StopRequest() as stop:
        try:
            trace.record(0.0, "cockpit_start", bus=args.bus, mode="live", wall_time=round(epoch_s, 3))
            head_unit = HeadUnitParts(understander, home=EmbeddedHome(), proactive=_proactive_policy(parts))
            cockpit = Cockpit(port, trace, parts.roadmap, head_unit)
            cockpit.reader.check_arrival = False  # `main.py sim` is paced by the wall clock: it catches up in bursts
            trace.subscribe(_printer)
            _live_loop(args, cockpit, bus, port, understander, stop)
        except can.CanError as failure:
            _say(f"error: the bus failed: {failure}", err=True)
            exit_code = EXIT_BUS_FAILED
        except Exception as failure:
            error = failure
            raise
        finally:
            try:
                fields = _end_fields(stop, port.frames_received, cockpit, port, error)
                trace.record(bus.now_s, "cockpit_end", **fields)  # the last step's cockpit time
            finally:
                trace.close()
                port.close()
                if recorder is not None:
                    recorder.stop()
    assert cockpit is not None
    _say(_cockpit_status(cockpit, port, bus.now_s))
    _say(
        f"cockpit: {'stopped' if stop.requested else 'done'}; {port.frames_received} frames received, "
        f"{cockpit.reader.rejected} rejected, {port.frames_sent} commands sent"
    )
    return stop.exit_code(exit_code)


def _end_fields(
    stop: _StopRequest, frames: int, cockpit: Cockpit | None, port: BusPort, error: Exception | None
) -> dict[str, Any]:
    """What the trace's `cockpit_end` record says: how the cockpit stopped and what passed over the bus."""
    fields: dict[str, Any] = {
        "interrupted": stop.requested,
        "frames": frames,
        "frames_rejected": cockpit.reader.rejected if cockpit is not None else 0,
        "commands_sent": port.frames_sent,
    }
    if error is not None:
        fields["error"] = describe(error)
    return fields


def _live_loop(
    args, cockpit: Cockpit, bus: _CockpitClockBus, port: BusPort, understander: _LazyUnderstander, stop: _StopRequest
) -> None:
    """Tick the cockpit on the wall clock until --duration or a stop (`bus.now_s` keeps the last step's time)."""
    lines: queue.SimpleQueue = queue.SimpleQueue()
    reading = _stdin_is_interactive_or_pipe()
    if reading:
        if not understander.load():
            _say(
                f"warning: the NLU model is unavailable ({understander.unavailable}); typed lines "
                f"will not be understood",
                err=True,
            )
        _start_line_reader(lines)
    _say(
        f"cockpit: listening on {args.bus}; trace → {args.out / 'trace.jsonl'}, bus log → "
        f"{args.out / 'bus.log'}" + ("; type `seat: words` lines" if reading else "") + "; Ctrl-C to stop"
    )
    duration_ms = None if args.duration is None else round(args.duration * 1000)
    wall_start = time.perf_counter()
    next_status = wall_start + STATUS_EVERY_WALL_S
    polled_s = ticked_s = -1.0

    def poll(now_s: float) -> None:
        nonlocal polled_s
        polled_s = bus.now_s = now_s
        cockpit.poll_bus(now_s)

    def cockpit_tick(now_s: float) -> None:
        nonlocal next_status, ticked_s
        ticked_s = now_s
        _handle_lines(lines, cockpit, understander, now_s)
        cockpit.tick(now_s)
        if port.recorder is not None:  # once per tick, bus.log then the trace: a SIGKILL loses one tick
            port.recorder.flush()
        cockpit.trace.flush()
        if time.perf_counter() >= next_status:
            next_status += STATUS_EVERY_WALL_S
            _say(_cockpit_status(cockpit, port, now_s))

    def on_the_wall_clock(next_ms: int) -> int:
        """The next step on the wall clock; when late, catch up to it rather than replay the past."""
        ahead = wall_start + next_ms / 1000 - time.perf_counter()
        if ahead > 0:
            time.sleep(ahead)
        elif ahead < -TICK_MS / 1000:
            next_ms = int((time.perf_counter() - wall_start) * 1000) // TICK_MS * TICK_MS
        return next_ms

    run_ticks(
        TickSteps(poll=poll, cockpit_tick=cockpit_tick),
        0,
        duration_ms,
        pace=on_the_wall_clock,
        keep_going=lambda: not stop.requested,
    )
    if polled_s > ticked_s:
        # Frames polled after the last tick (a stop, or a catch-up past the end, between two ticks) are in
        # bus.log: a last tick traces them too, as a replay of that log does at its end.
        cockpit_tick(polled_s)


def _cockpit_status(cockpit: Cockpit, port: BusPort, now_s: float) -> str:
    last = cockpit.store.last
    speed, cabin = last("Vehicle.Speed"), last("Vehicle.Cabin.HVAC.AmbientAirTemperature")

    def show(value: object, unit: str) -> str:
        if value is None:
            return "—"
        return f"{value:.1f} {unit}" if isinstance(value, float) else f"{value} {unit}"

    return (
        f"[{now_s:7.1f}] frames {port.frames_received}  speed {show(speed, 'km/h')}  "
        f"cabin {show(cabin, '°C')}  rejected {cockpit.reader.rejected}"
    )


# --- the cockpit on a recorded log -----------------------------------------------------------------
def _in_timestamp_order(
    frames: Iterable[can.Message], tolerance_s: float = OUT_OF_ORDER_TOLERANCE_S, window: int = REPLAY_REORDER_WINDOW
) -> Iterator[can.Message]:
    """Frames by timestamp (ties in file order). The log check guarantees no frame comes more than
    `tolerance_s` before one already read, so a frame is let go once the newest is that far past it (and at the
    latest when `window` frames are held). Should reading fail part-way (the file changed since it was checked),
    the frames held back are still given before the error."""
    heap: list[tuple[float, int, can.Message]] = []
    order = itertools.count()
    newest = -math.inf
    try:
        for frame in frames:
            heapq.heappush(heap, (frame.timestamp, next(order), frame))
            newest = max(newest, frame.timestamp)
            while heap and (heap[0][0] <= newest - tolerance_s or len(heap) > window):
                yield heapq.heappop(heap)[2]
    except BusSpecError:
        while heap:
            yield heapq.heappop(heap)[2]
        raise
    while heap:
        yield heapq.heappop(heap)[2]


def replay_log(
    path: Path,
    cockpit: Cockpit,
    command_ids: frozenset[int],
    should_stop: Callable[[], bool] = lambda: False,
    untrusted_ids: frozenset[int] = frozenset(),
) -> dict[str, Any]:
    """Feed a log's frames to `cockpit` by timestamp, ticking it at every 100 ms of log time; returns
    counts. Frames carrying the cockpit's own commands are skipped (the replayed cockpit sends its own), and so
    are those of `untrusted_ids` (messages off their DBC cycle: another sender's, canbus/log_audit.py)."""
    first_s: float | None = None
    last_t = 0.0
    fed = skipped = untrusted = 0
    tick_index = 0
    receive, tick, flush = cockpit.receive, cockpit.tick, cockpit.trace.flush
    for frame in _in_timestamp_order(read_log(path)):
        if should_stop():
            break
        if first_s is None:
            first_s = frame.timestamp
        t = max(round(frame.timestamp - first_s, 6), last_t)  # never back in time
        last_t = t
        if frame.arbitration_id in command_ids:
            skipped += 1
            continue
        if frame.arbitration_id in untrusted_ids:
            untrusted += 1
            continue
        if t - tick_index * COCKPIT_PERIOD_MS / 1000 > MAX_TICKED_GAP_S:
            # A pause in the log (or a clock jump): no point ticking through it at 10 Hz.
            gap_from = tick_index * COCKPIT_PERIOD_MS / 1000
            tick_index = int(t * 1000) // COCKPIT_PERIOD_MS
            cockpit.trace.record(gap_from, "replay_gap", until=tick_index * COCKPIT_PERIOD_MS / 1000)
        # A tick at T comes after every frame stamped up to T, as in the in-process run.
        while tick_index * COCKPIT_PERIOD_MS / 1000 < t:
            tick(tick_index * COCKPIT_PERIOD_MS / 1000)
            flush()  # once per tick, as a run does: a killed replay loses one tick at most
            tick_index += 1
        receive((frame,), t)
        fed += 1
    if first_s is not None and not should_stop():
        while tick_index * COCKPIT_PERIOD_MS / 1000 <= last_t:
            tick(tick_index * COCKPIT_PERIOD_MS / 1000)
            tick_index += 1
    return {
        "frames": fed,
        "commands_skipped": skipped,
        "untrusted_skipped": untrusted,
        "frames_rejected": cockpit.reader.rejected,
        "duration_s": round(last_t, 3),
        "end_s": max(tick_index - 1, 0) * COCKPIT_PERIOD_MS / 1000,
    }


def _checked_log(log_path: Path, audit: LogAudit) -> LogSummary | None:
    """The log checked whole, its notes said; None (the error said) when a line is bad."""
    # Everything is checked at load: a bad line is said (file:line, what was expected) before any replaying.
    try:
        checked = check_log(log_path, on_frame=audit.observe)
    except BusSpecError as bad_log:
        _say(f"error: {bad_log}", err=True)
        return None
    if checked.note:
        _say(f"replay: {log_path}: {checked.note}", err=True)
    for line in audit.stderr_lines():
        _say(f"replay: {log_path}: {line}", err=True)
    return checked


def _record_replay_start(trace: TraceRecorder, bus: str, checked: LogSummary, audit: LogAudit) -> None:
    trace.record(0.0, "cockpit_start", bus=bus, mode="replay", log_format=checked.format, log_frames=checked.frames)
    if audit.untrusted_ids():
        trace.record(
            0.0,
            "replay_untrusted",
            messages=sorted(e.message for e in audit.off_cycle()),
            reason="off_dbc_cycle",
        )


def _say_replay_done(summary: dict[str, Any], wall_s: float, trace_path: Path, interrupted: bool) -> None:
    untrusted = f", {summary['untrusted_skipped']} off-cycle frames not used" if summary["untrusted_skipped"] else ""
    _say(
        f"replay: {summary['frames']} frames ({summary['commands_skipped']} command frames skipped{untrusted}), "
        f"{summary['frames_rejected']} rejected, {summary['duration_s']:.1f} s of log in {wall_s:.1f} s; "
        f"trace → {trace_path}" + (" (interrupted)" if interrupted else "")
    )


def _run_replay(args, parts, log_path: Path, understander: Any) -> int:
    audit = LogAudit(parts.codec.database)  # fed by the check: no second pass over the log
    checked = _checked_log(log_path, audit)
    if checked is None:
        return EXIT_BAD_INPUT
    untrusted_ids = audit.untrusted_ids()
    trace, _ = _open_outputs(args.out, bus_log=False)
    replay_report = ReplayReport(args.out / "report.json", log_path, checked, audit.report())
    try:
        replay_report.write("running")
    except OSError:
        trace.close()
        raise
    # The replayed cockpit's commands go to a private virtual bus nobody listens to.
    port = BusPort(open_bus(BusSpec("virtual", private_virtual_channel())), parts.codec)
    cockpit: Cockpit | None = None
    wall_start = time.perf_counter()
    summary: dict[str, Any] = {}
    exit_code = EXIT_PASSED
    error: Exception | None = None
    with _StopRequest() as stop:  # also while the cockpit and its models load: the trace is closed whole
        try:
            _record_replay_start(trace, args.bus, checked, audit)
            head_unit = HeadUnitParts(understander, proactive=_proactive_policy(parts))
            cockpit = Cockpit(port, trace, parts.roadmap, head_unit)
            trace.subscribe(_printer)
            summary = replay_log(
                log_path, cockpit, command_frame_ids(parts.codec), lambda: stop.requested, untrusted_ids
            )
        except BusSpecError as failure:
            _say(f"error: {failure}", err=True)
            exit_code = EXIT_BAD_INPUT
        except Exception as failure:
            error = failure
            raise
        finally:
            try:
                fields = _end_fields(stop, summary.get("frames", 0), cockpit, port, error)
                end_s = summary.get("end_s", cockpit.now_s if cockpit is not None else 0.0)
                trace.record(end_s, "cockpit_end", **fields)
            finally:
                trace.close()
                port.close()
                replay_report.write(
                    "error"
                    if error is not None or exit_code != EXIT_PASSED
                    else "interrupted"
                    if stop.requested
                    else "finished",
                    summary,
                )
    if exit_code != EXIT_PASSED:
        return exit_code
    _say_replay_done(summary, time.perf_counter() - wall_start, args.out / "trace.jsonl", stop.requested)
    return EXIT_INTERRUPTED if stop.requested else EXIT_PASSED


def run_cockpit(args, parts) -> int:
    """`main.py cockpit`: the cockpit alone on a live bus, or on a recorded log with `--bus replay:FILE`."""
    try:
        spec = BusSpec.parse(args.bus)
    except BusSpecError as error:
        _say(f"error: {error}", err=True)
        return EXIT_BAD_INPUT
    if spec.kind == "replay":
        assert spec.channel is not None
        return _run_replay(
            args, parts, Path(spec.channel), _NoUnderstanding("utterances are not on the bus, so a replay has none")
        )
    return _run_live_cockpit(args, parts, _LazyUnderstander(parts))
