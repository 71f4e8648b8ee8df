"""One scenario run: the car and its ECUs, the bus, the cockpit, the timeline, the judge, the outputs.

Everything is stepped on one fixed simulation clock in one thread, so the same scenario and seed give
the same trace bytes; the wall clock is read only to pace `--speed X` runs and to report speed.
"""

from __future__ import annotations

import random
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from canbus.codec import DatabaseCodec
from canbus.interfaces import BusSpec, BusSpecError, open_bus, private_virtual_channel
from canbus.port import BusPort
from canbus.recorder import BusRecorder
from canbus.vss import DESTINATION_ID, HAS_ARRIVED
from cockpit.cockpit import Cockpit
from cockpit.habits import HabitStore, profile_path
from cockpit.home import HomeAdapter
from cockpit.home.geofence import HomeGeofence
from cockpit.parts import HeadUnitParts, Understander
from cockpit.proactive.policy import ProactivePolicy
from cockpit.trace import RecordType, TraceRecorder
from home_sim.house import House, HouseError
from roadmap.map import RoadMap
from runner.home_adapters import EmbeddedHome, open_home
from runner.manual_controls import MANUAL_CONTROLS
from runner.tick_loop import TickSteps, run_ticks
from scenario.errors import ScenarioError, SourceLocation
from scenario.expectations import ExpectationMonitor, ExpectationResult
from scenario.model import Event, Scenario
from vehicle_sim.car import Car
from vehicle_sim.ecus import TICK_MS, VehicleEcus
from vehicle_sim.faults import DEFAULT_DELAY_S, FAULT_KINDS, BusFaultWindow, FaultInjector, FaultKind, fault_problem
from vehicle_sim.spec import TRIMS

# How often the outputs reach their files, in simulated seconds: what a killed run (SIGKILL) may lose at most. A
# flush per cockpit tick (0.1 s) cost a twentieth of a headless replay's time in system calls.
FLUSH_EVERY_S = 1.0

# Where an injected fault came from: the scenario's timeline, or the dashboard's developer bar.
FaultSource = Literal["scenario", "dashboard"]
OBSERVED_RECORD_TYPES: tuple[RecordType, ...] = (
    "action",
    "utterance",
    "alert",
    "suggestion",
    "home_result",
    "bus_fault",
    "signal_quality",
    "bus_state",
    "manual_change",
)


def build_car(scenario: Scenario, roadmap: RoadMap) -> Car:
    """The scenario's car at its start: trim, charge, temperatures, place, occupants, weather."""
    car = Car(
        TRIMS[scenario.vehicle.trim],
        roadmap,
        scenario.start_place or "home",
        scenario.start_time,
        random.Random(scenario.seed * 7919 + 1),
        soc_pct=scenario.vehicle.soc,
        cabin_temp_c=scenario.vehicle.cabin_temp,
        outside_temp_c=scenario.environment.outside_temp,
        weather=scenario.environment.weather,
        occupied_seats=[o.seat for o in scenario.occupants] or ["driver"],
    )
    if scenario.environment.sun is not None:
        car.set_environment(sun_w_m2=scenario.environment.sun)
    return car


def build_fault_injector(scenario: Scenario, codec: DatabaseCodec) -> FaultInjector:
    return FaultInjector(random.Random(scenario.seed * 7919 + 2), codec.database)


@dataclass
class RunOutcome:
    results: list[ExpectationResult]
    sim_seconds: float
    wall_seconds: float
    frames: int
    interrupted: bool = False
    info: dict[str, Any] = field(default_factory=dict)
    error: Exception | None = None  # what stopped the run early (a ScenarioError = bad input; else internal)
    error_traceback: str | None = None

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results) and not self.interrupted and self.error is None

    @property
    def ended(self) -> str:
        """completed, interrupted, bad_input or internal_error."""
        if self.error is not None:
            return "bad_input" if isinstance(self.error, ScenarioError) else "internal_error"
        return "interrupted" if self.interrupted else "completed"


class RunSession:
    """Build with `RunSession(scenario, ...)`, then `run()`; outputs go to `out_dir` when given."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        codec: DatabaseCodec,
        roadmap: RoadMap,
        understander: Understander,
        out_dir: Path | None = None,
        bus: str = "virtual",
        home: str | None = None,
        proactive: ProactivePolicy | None = None,
        profiles_dir: Path | None = None,
        speak: bool = True,
        geofence: HomeGeofence | None = None,
    ) -> None:
        self._closed = False
        try:
            self._build(
                scenario, codec, roadmap, understander, out_dir, bus, home, proactive, profiles_dir, speak, geofence
            )
        except BaseException:
            self.close()  # whatever was opened before the failure is closed whole
            raise

    def _build(
        self,
        scenario: Scenario,
        codec: DatabaseCodec,
        roadmap: RoadMap,
        understander: Understander,
        out_dir: Path | None,
        bus: str,
        home: str | None,
        proactive: ProactivePolicy | None,
        profiles_dir: Path | None,
        speak: bool,
        geofence: HomeGeofence | None,
    ) -> None:
        self.scenario = scenario
        self.out_dir = out_dir
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        self.car = build_car(scenario, roadmap)
        vehicle_bus, cockpit_bus = self._open_buses(bus)
        self.recorder = (
            BusRecorder(out_dir / "bus.log", time_offset_s=scenario.start_time.timestamp())
            if out_dir is not None
            else None
        )
        self.vehicle_port = BusPort(vehicle_bus, codec)
        self.cockpit_port = BusPort(cockpit_bus, codec, recorder=self.recorder)
        self.ecus = VehicleEcus(self.car, self.vehicle_port, build_fault_injector(scenario, codec))
        self.trace = TraceRecorder(out_dir / "trace.jsonl" if out_dir is not None else None)
        self.house, self.home = self._open_home(scenario, home)
        profiles_dir = profiles_dir or (out_dir / "profiles" if out_dir is not None else None)
        self.habits = HabitStore(self._profile_path(scenario, profiles_dir))
        driver = next((o for o in scenario.occupants if o.seat == "driver"), None)
        self.cockpit = Cockpit(
            self.cockpit_port,
            self.trace,
            roadmap,
            HeadUnitParts(
                understander,
                home=self.home,
                proactive=proactive,
                habits=self.habits,
                geofence=geofence or HomeGeofence(),
                language=(driver.language if driver is not None else None) or "en",
            ),
        )
        self.voice = None
        if out_dir is not None and speak:
            from cockpit.voice import VoiceOutput

            # Replies become speech: through the loudspeakers where there are some, else voice/*.wav.
            self.voice = VoiceOutput(out_dir / "voice")
            self.cockpit.speech.attach(self.voice)
        self.monitor = ExpectationMonitor(scenario.expectations)
        self.trace.subscribe(self._observe_record)
        self._arrived = False
        self._events = list(scenario.events)
        self._next_event = 0
        self._dispatched_early: set[int] = set()  # faults at 0 s, in place before the warm bus's first frames
        self._now_ms = 0
        self._total_ms = round(scenario.duration_s * 1000)
        self._started = False
        self._flushed_s = float("-inf")  # the first cockpit tick flushes
        self._dispatch: dict[str, Callable[[Event, int], None]] = {
            "say": self._say,
            "driver": self._driver,
            "fault": self._fault,
            "manual": self._manual,
            "occupant": self._occupant,
            "environment": self._environment,
            "route": self._route,
            "respond": self._respond,
            "home": self._home,
        }
        self._next_event_at_ms = self._next_event_ms()  # held between events rather than worked out every tick
        self._steps = TickSteps(
            events_due=self._events_due,
            car_step=self.car.step,
            transmit=self.ecus.transmit_due,
            poll=self.cockpit.poll_bus,
            cockpit_tick=self._cockpit_tick,
            receive=self.ecus.receive_commands,
        )
        self.trace.record(
            0.0,
            "run_start",
            scenario=scenario.name,
            seed=scenario.seed,
            start_time=scenario.start_time.isoformat(),
            trim=scenario.vehicle.trim,
        )

    @staticmethod
    def _profile_path(scenario: Scenario, profiles_dir: Path | None) -> Path | None:
        """The driver's habit profile: named after the driver occupant (name, else persona)."""
        if profiles_dir is None:
            return None
        driver = next((o for o in scenario.occupants if o.seat == "driver"), None)
        return profile_path(profiles_dir, (driver and (driver.name or driver.persona)) or "driver")

    @staticmethod
    def _open_home(scenario: Scenario, spec: str | None) -> tuple[House | None, HomeAdapter]:
        """The embedded simulated house (stepped on this run's clock), or a real home over MQTT."""
        if spec and spec != "embedded":
            if scenario.home:
                raise ScenarioError(
                    "the scenario sets home states, which a real home over MQTT does not take; "
                    "run it with the embedded home",
                    None,
                )
            # Refused before the run begins, not when the event fires (the _home handler's refusal).
            home_event = next((event for event in scenario.events if event.kind == "home"), None)
            if home_event is not None:
                raise ScenarioError(
                    "home events set the simulated house; a real home over MQTT cannot take them "
                    "(run it with the embedded home)",
                    home_event.location,
                )
            return None, open_home(spec)
        try:
            house = House.from_config(
                {"outside_temp": scenario.environment.outside_temp, "initial": dict(scenario.home)}
            )
        except HouseError as error:
            raise ScenarioError(f"home: {error}", SourceLocation(str(scenario.source_path), 1)) from error
        return house, EmbeddedHome(house)

    @staticmethod
    def _open_buses(bus: str):
        spec = BusSpec.parse(bus)
        if spec.kind != "virtual":
            raise BusSpecError(
                f"`run` keeps the car and the cockpit in one process on a virtual bus; "
                f"use `sim --bus {bus}` and `cockpit --bus {bus}` for two processes"
            )
        channel = spec.channel or private_virtual_channel()
        return open_bus(BusSpec("virtual", channel)), open_bus(BusSpec("virtual", channel))

    # --- timeline ------------------------------------------------------------------------------
    def _say(self, event: Event, now_ms: int) -> None:
        seat = str(event.payload["seat"])
        if "audio" in event.payload:
            from cockpit.voice import recognise_file

            heard = recognise_file(event.payload["audio"])
            # The recogniser's wall-clock timing stays out of the trace: same audio, same bytes.
            self.trace.record(now_ms / 1000, "asr", seat=seat, text=heard.text, audio=Path(event.payload["audio"]).name)
            if heard.command:
                self.cockpit.hear(seat, heard.command, now_ms / 1000)
            return
        self.cockpit.hear(seat, str(event.payload["text"]), now_ms / 1000)

    def _driver(self, event: Event, now_ms: int) -> None:
        self.car.set_driver_state(fatigue=event.payload.get("fatigue"), distraction=event.payload.get("distraction"))

    def _fault(self, event: Event, now_ms: int) -> None:
        payload = event.payload
        message = payload.get("message")
        delay = payload.get("delay")
        self._add_fault(
            str(payload["kind"]),
            None if message is None else str(message),
            float(payload["for"]),
            None if delay is None else float(delay),
            now_ms,
            source="scenario",
        )

    @property
    def fault_kinds(self) -> Mapping[str, FaultKind]:
        """The faults the developer bar offers (cockpit/ui/fault_picker.py reads them here, not from the car)."""
        return FAULT_KINDS

    def fault_problem(
        self, kind: str, message: str | None, *, at_s: float, duration_s: float, delay_s: float | None = None
    ) -> str | None:
        """Why this fault could not act on this run's bus (None: it can)."""
        database = self.vehicle_port.codec.database
        return fault_problem(database, kind, message, at_s=at_s, duration_s=duration_s, delay_s=delay_s)

    def inject_fault(self, kind: str, message: str | None, duration_s: float, delay_s: float | None = None) -> None:
        """A fault from the dashboard's developer bar, from now on; ValueError says why it could not act."""
        problem = self.fault_problem(kind, message, at_s=self._now_ms / 1000, duration_s=duration_s, delay_s=delay_s)
        if problem is not None:
            raise ValueError(problem)
        self._add_fault(kind, message, duration_s, delay_s, self._now_ms, source="dashboard")

    def _add_fault(
        self, kind: str, message: str | None, duration_s: float, delay_s: float | None, now_ms: int, source: FaultSource
    ) -> None:
        duration_ms = round(duration_s * 1000)
        delay_ms = round((delay_s or DEFAULT_DELAY_S) * 1000)
        self.ecus.faults.add(BusFaultWindow(message, kind, now_ms, now_ms + duration_ms, delay_ms=delay_ms))
        extra: dict[str, object] = {"delay_s": delay_ms / 1000} if FAULT_KINDS[kind].takes_delay else {}
        if source != "scenario":
            extra["source"] = source
        self.trace.record(
            now_ms / 1000, "fault_injected", message=message, kind=kind, duration_s=duration_ms / 1000, **extra
        )

    def _manual(self, event: Event, now_ms: int) -> None:
        payload = event.payload
        where = payload.get("zone") or payload.get("seat") or ""
        try:
            MANUAL_CONTROLS[str(payload["control"])](self.car, payload["value"], str(where))
        except (ValueError, KeyError) as error:
            raise ScenarioError(f"manual {payload['control']}: {error}", event.location) from error
        self.trace.record(
            now_ms / 1000, "manual", control=payload["control"], value=payload["value"], where=where or None
        )

    def _occupant(self, event: Event, now_ms: int) -> None:
        self.car.set_occupied(str(event.payload["seat"]), bool(event.payload["present"]))

    def _environment(self, event: Event, now_ms: int) -> None:
        p = event.payload
        self.car.set_environment(outside_temp_c=p.get("outside_temp"), weather=p.get("weather"), sun_w_m2=p.get("sun"))
        if self.house is not None and p.get("outside_temp") is not None:
            self.house.set_outside_temperature(float(p["outside_temp"]))

    def _route(self, event: Event, now_ms: int) -> None:
        via = tuple(event.payload.get("via") or ())
        self.cockpit.navigate(str(event.payload["to"]), via=via[0] if via else None, now_s=now_ms / 1000)

    def _respond(self, event: Event, now_ms: int) -> None:
        self.cockpit.answer_card(event.payload["answer"] == "accept", now_ms / 1000)

    def _home(self, event: Event, now_ms: int) -> None:
        if self.house is None:
            raise ScenarioError(
                "home events set the simulated house; a real home over MQTT cannot take them", event.location
            )
        try:
            self.house.set_states(dict(event.payload))
        except HouseError as error:
            raise ScenarioError(f"home: {error}", event.location) from error

    def _start_route(self) -> None:
        route = self.scenario.route
        if route is None:
            return
        stops = list(route.via) + [p for p in (route.charge_at or {}) if p not in route.via]
        if len(stops) > 1:
            raise ScenarioError("the car's nav module takes one stop on the way (one `via` or `charge_at` place)", None)
        via = stops[0] if stops else None
        charge_to = (route.charge_at or {}).get(via) if via else None
        self.cockpit.navigate(route.to, via=via, charge_to_pct=charge_to, now_s=0.0)

    # --- judging -------------------------------------------------------------------------------
    def _resolve_signal(self, name: str) -> object:
        if name.startswith("Vehicle."):
            return self.cockpit.store.last(name)
        if name.startswith("home."):
            return self.home.state(name[5:])
        return None

    def _observe_record(self, record: dict[str, Any]) -> None:
        kind = record["type"]
        if kind not in OBSERVED_RECORD_TYPES:
            return
        prefix = kind + "."
        store_last = self.cockpit.store.last

        def resolve(name: str) -> object:
            if name.startswith(prefix):
                return record.get(name[len(prefix) :])
            if name.startswith("home."):
                return self.home.state(name[5:])
            return store_last(name) if name.startswith("Vehicle.") else None

        self.monitor.observe(record["t"], resolve)

    # --- the loop ------------------------------------------------------------------------------
    @property
    def now_s(self) -> float:
        return self._now_ms / 1000

    @property
    def finished(self) -> bool:
        return self._now_ms > self._total_ms

    def _next_event_ms(self) -> float:
        if self._next_event < len(self._events):
            return round(self._events[self._next_event].at_s * 1000)
        return float("inf")

    def advance(self, until_s: float) -> None:
        """Step the simulation up to `until_s` (or the scenario's end): the dashboard's way to drive it."""
        if not self._started:
            self._started = True
            # A scenario starts as a car already powered: the ECUs' first full cycle is on the bus at t = 0, but for
            # the messages a fault from 0 s drops or corrupts (those faults are in place before the first frame).
            for index, event in enumerate(self._events):
                if round(event.at_s * 1000) > 0:
                    break
                if event.kind == "fault":
                    self._dispatch["fault"](event, 0)
                    self._dispatched_early.add(index)
            self.ecus.transmit_all(0)
            self.cockpit.poll_bus(0.0)
            self._start_route()
        until_ms = min(round(until_s * 1000), self._total_ms)
        if self._now_ms <= until_ms:
            run_ticks(self._steps, self._now_ms, until_ms, pace=self._ticked)

    def _ticked(self, next_ms: int) -> int:
        # Kept tick by tick, so a run that stops on an error mid-way says how far it got.
        self._now_ms = next_ms
        return next_ms

    def _events_due(self, now_ms: int) -> None:
        while self._next_event_at_ms <= now_ms:
            index = self._next_event
            self._next_event += 1
            if index not in self._dispatched_early:
                event = self._events[index]
                self._dispatch[event.kind](event, now_ms)
            self._next_event_at_ms = self._next_event_ms()

    def _cockpit_tick(self, now_s: float) -> None:
        self.cockpit.tick(now_s)
        self._check_arrival(now_s)
        self.monitor.observe(now_s, self._resolve_signal)
        if now_s - self._flushed_s >= FLUSH_EVERY_S:
            self._flush_outputs()
            self._flushed_s = now_s

    def run(self, *, speed: float | None = None, progress: Callable[[float, float], None] | None = None) -> RunOutcome:
        """Step to the scenario's end. `speed` None = as fast as possible; 1.0 = real time."""
        wall_start = time.perf_counter()
        interrupted = False
        error: Exception | None = None
        # Chunks of one simulated second: pacing and progress need no finer grain.
        try:
            while not self.finished:
                self.advance(self.now_s + 1.0 if self._started else 0.0)
                if speed is not None:
                    self._pace(wall_start, self.now_s, speed)
                if progress is not None:
                    progress(min(self.now_s, self.scenario.duration_s), self.scenario.duration_s)
        except KeyboardInterrupt:
            interrupted = True
        except Exception as raised:  # noqa: BLE001 - any component's failure ends the run with its outputs whole
            error = raised
        return self.finish(time.perf_counter() - wall_start, interrupted, error)

    def finish(self, wall_s: float = 0.0, interrupted: bool = False, error: Exception | None = None) -> RunOutcome:
        """Judge the expectations at the time reached and close every output. With `error` (what stopped the
        run), run_end says so; Ctrl-C while this writes is held back until the outputs are closed."""
        from runner.errors import DeferredInterrupt, describe

        # An error stops the run inside a step: its time is the step's (records at that time may be written).
        end_s = self.reached_s if error is None or not self._started else min(self._now_ms, self._total_ms) / 1000
        error_traceback = "".join(traceback.format_exception(error)) if error is not None else None
        with DeferredInterrupt() as late:
            try:
                try:
                    results = self.monitor.finish(max(end_s, 0.0))
                except Exception as raised:  # noqa: BLE001 - judged as far as it goes; the first error is kept
                    if error is None:
                        error = raised
                        error_traceback = "".join(traceback.format_exception(raised))
                    results = []
                fields: dict[str, Any] = {
                    "interrupted": interrupted,
                    "passed": sum(r.passed for r in results),
                    "failed": sum(not r.passed for r in results),
                }
                if error is not None:
                    fields["error"] = describe(error)
                self.trace.record(end_s, "run_end", **fields)
            finally:
                self._close_after(error)
        frames = self.vehicle_port.frames_sent + self.cockpit_port.frames_sent
        return RunOutcome(
            results,
            end_s,
            wall_s,
            frames,
            interrupted or late.requested,
            {"frames_rejected": self.cockpit.reader.rejected, "commands_obeyed": self.ecus.commands_obeyed},
            error,
            error_traceback,
        )

    def _close_after(self, error: Exception | None) -> None:
        """close(); when the run already stopped on `error`, a failure to close is its consequence (a full disk
        fails the trace and bus.log alike) and `error` stays the one told."""
        try:
            self.close()
        except Exception:
            if error is None:
                raise

    def _flush_outputs(self) -> None:
        """Every FLUSH_EVERY_S simulated seconds, bus.log then the trace reach the file: a killed run (SIGKILL)
        leaves both at most that far behind and the trace at most one tick behind bus.log, in whole lines (issue
        17: nothing lost; any other end flushes everything)."""
        if self.recorder is not None:
            self.recorder.flush()
        self.trace.flush()

    @property
    def reached_s(self) -> float:
        """The last simulated time stepped (0 before the first step)."""
        return max(min(self._now_ms - TICK_MS, self._total_ms), 0) / 1000 if self._started else 0.0

    def _check_arrival(self, now_s: float) -> None:
        if not self._arrived and self.cockpit.store.last(HAS_ARRIVED) is True:
            self._arrived = True
            self.monitor.set_time_of("arrival", now_s)
            destination = self.cockpit.store.last(DESTINATION_ID)
            place_id = int(destination) if isinstance(destination, int | float) else None
            self.trace.record(now_s, "arrival", place=self.cockpit.navigator.place_name(place_id))

    @staticmethod
    def _pace(wall_start: float, now_s: float, speed: float) -> None:
        ahead = wall_start + now_s / speed - time.perf_counter()
        if ahead > 0:
            time.sleep(ahead)

    def close(self) -> None:
        """Close every output and port that was opened (also after a failure half-way through building);
        one that fails to close does not keep the others open: the first such error is raised at the end."""
        if self._closed:
            return
        self._closed = True
        closers = [
            ("trace", "close"),
            ("home", "close"),
            ("voice", "close"),
            ("recorder", "stop"),
            ("vehicle_port", "close"),
            ("cockpit_port", "close"),
        ]
        failure: Exception | None = None
        for name, method in closers:
            part = getattr(self, name, None)
            if part is None:
                continue
            try:
                getattr(part, method)()
            except Exception as error:  # noqa: BLE001 - raised below, once the rest are closed
                failure = failure or error
        if failure is not None:
            raise failure
