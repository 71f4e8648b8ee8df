"""Drives one scenario session for the dashboard: play/pause, time warp, step, restart, and the UI's commands.

No pygame here. The simulation advances by `advance(until_s)` on its own fixed clock, so the trace does not
depend on frame timing; the wall clock only decides how far to go each frame (bounded per frame).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from canbus.limits import COMFORT_C, SET_POINT_MAX_C, SET_POINT_MIN_C
from cockpit.actions import Action, ActionResult
from cockpit.ui.fault_picker import FaultChoice, FaultKindInfo, FaultPicker
from cockpit.ui.home_tiles import HomeTileSpec, home_tiles, pick_tiles
from cockpit.ui.view_model import CardView, DashboardState, TraceFeed, build_state, need_words
from cockpit.zones import SEATS, SET_POINT_PATH

if TYPE_CHECKING:
    from runner.session import RunOutcome, RunSession

WARPS = (1.0, 10.0, 60.0)
# Each frame the simulation catches up with wall time x warp, in slices, until it is there or this much wall time
# went into it (the window keeps drawing); behind by more than MAX_LAG_WALL_S worth, the rest is dropped, and the
# warp shown is the one achieved (measured over ACHIEVED_WINDOW_S of wall time), never the one asked for.
FRAME_SIM_BUDGET_S = 0.04
SIM_SLICE_S = 0.5
MAX_LAG_WALL_S = 1.0
ACHIEVED_WINDOW_S = 2.0
# While a card asks the driver something, time runs at most at 1x: a person answers in seconds of wall time.
CARD_WARP = 1.0
STEP_S = 1.0
SET_POINT_STEP_C = 0.5
PENDING_SET_POINT_S = 3.0  # how long a clicked set point wins over the (not yet updated) store

SessionFactory = Callable[[], "RunSession"]
FinishHook = Callable[["RunSession", "RunOutcome", float], None]
# A scenario file → the factory of its sessions; raises (with a message saying why) when the file is not one.
ScenarioOpener = Callable[[Path], SessionFactory]


class SimController:
    """Owns the current `RunSession` (a new one on restart) and the feed of its trace."""

    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        warp: float = 1.0,
        paused: bool = False,
        on_finish: FinishHook | None = None,
        place_names: dict[int, str] | None = None,
        scenario_opener: ScenarioOpener | None = None,
        scenario_paths: Sequence[Path] = (),
    ) -> None:
        self._factory = session_factory
        self._on_finish = on_finish
        self.place_names = place_names or {}
        self.warp = warp
        self.paused = paused
        self.feed = TraceFeed()
        self.notices: list[str] = []  # for the driver (listening, no microphone, no language model)
        self.dev_notices: list[str] = []  # for the engineer at the developer bar (faults injected, scenarios)
        self.scenario_opener = scenario_opener
        self.scenario_paths: tuple[Path, ...] = tuple(scenario_paths)
        self.session: RunSession = self._open()
        self._pending_set_points: dict[str, tuple[float, float]] = {}
        self._fault_picker: FaultPicker | None = None

    # --- the faults the developer bar injects: the current run's registry ----------------------
    @property
    def fault_picker(self) -> FaultPicker:
        """The developer bar's fault picker (built when the bar first asks), over the current run's faults."""
        if self._fault_picker is None:
            self._fault_picker = FaultPicker(self.session.vehicle_port.codec.database, self)
        return self._fault_picker

    @property
    def fault_kinds(self) -> Mapping[str, FaultKindInfo]:
        return self.session.fault_kinds

    def fault_problem(
        self, kind: str, message: str | None, *, at_s: float, duration_s: float, delay_s: float | None = None
    ) -> str | None:
        return self.session.fault_problem(kind, message, at_s=at_s, duration_s=duration_s, delay_s=delay_s)

    # --- the session ----------------------------------------------------------------------
    def _open(self) -> RunSession:
        session = self._factory()
        self.feed.clear()
        session.trace.subscribe(self.feed)
        self.home_specs: tuple[HomeTileSpec, ...] = (
            pick_tiles(session.home.catalogue()) if getattr(session, "home", None) is not None else ()
        )
        session.advance(0.0)
        self._target_s = session.now_s
        self._wall_s = 0.0  # wall time the frames have reported
        self._achieved: deque[tuple[float, float]] = deque()  # (frame wall s, simulated s) over the window
        self._wall_start = time.perf_counter()
        self._closed = False
        return session

    interactive = True  # the screen's controls act on the car (a replay's do not)

    @property
    def scenario_name(self) -> str:
        return self.session.scenario.name

    @property
    def now_s(self) -> float:
        return min(self.session.now_s, self.session.scenario.duration_s)

    @property
    def duration_s(self) -> float:
        return self.session.scenario.duration_s

    @property
    def finished(self) -> bool:
        return self.session.finished

    @property
    def effective_warp(self) -> float:
        """The warp time runs at now: the one asked for, or 1x while a card waits for an answer."""
        return min(self.warp, CARD_WARP) if self.pending_card() is not None else self.warp

    @property
    def achieved_warp(self) -> float | None:
        """Simulated seconds per wall second over the last couple of seconds (None until measured)."""
        samples = self._achieved
        if len(samples) < 2 or samples[-1][0] - samples[0][0] <= 0:
            return None
        return (samples[-1][1] - samples[0][1]) / (samples[-1][0] - samples[0][0])

    def update(self, dt_wall_s: float) -> None:
        """Advance toward wall time x warp: in slices, within a wall-time budget per frame (not when paused)."""
        if self.paused or self.finished or self._closed:
            self._achieved.clear()
            return
        warp = self.effective_warp
        self._target_s += max(0.0, dt_wall_s) * warp  # the session may stand a tick past it: no drift from that
        self._target_s = min(self._target_s, self.session.now_s + MAX_LAG_WALL_S * warp)  # too far behind: drop
        started = time.perf_counter()
        while self.session.now_s < self._target_s - 1e-9 and not self.session.finished:
            self.session.advance(min(self._target_s, self.session.now_s + SIM_SLICE_S))
            if time.perf_counter() - started > FRAME_SIM_BUDGET_S:
                break
        self._wall_s += max(0.0, dt_wall_s)
        self._achieved.append((self._wall_s, self.session.now_s))
        while len(self._achieved) > 2 and self._wall_s - self._achieved[0][0] > ACHIEVED_WINDOW_S:
            self._achieved.popleft()

    def step(self, seconds: float = STEP_S) -> None:
        """Advance by `seconds` of simulated time at once (pauses the run)."""
        if self.finished or self._closed:
            return
        self.paused = True
        self._target_s = self.session.now_s + seconds
        self.session.advance(self._target_s)

    def toggle_pause(self) -> None:
        self.paused = not self.paused

    def set_warp(self, warp: float) -> None:
        self.warp = warp

    def restart(self) -> None:
        self.close()
        self._pending_set_points.clear()
        self.session = self._open()

    def open_scenario(self, path: Path) -> bool:
        """The developer bar's scenario picker: finish this run (outputs written), start `path`'s from its start."""
        if self.scenario_opener is None:
            self.dev_notices.append("scenario picker: this window was opened without a scenario opener")
            return False
        try:
            factory = self.scenario_opener(Path(path))
        except Exception as error:  # a bad file is told at the bar, the running scenario goes on
            self.dev_notices.append(f"cannot open {Path(path).name}: {str(error).splitlines()[0]}")
            return False
        self.close()
        self._pending_set_points.clear()
        self._factory = factory
        self.session = self._open()
        self.dev_notices.append(f"opened {Path(path).name}")
        return True

    def close(self) -> RunOutcome | None:
        """Judge and close the session (its outputs are complete after this)."""
        if self._closed:
            return None
        self._closed = True
        wall_s = time.perf_counter() - self._wall_start
        outcome = self.session.finish(wall_s)
        if self._on_finish is not None:
            self._on_finish(self.session, outcome, self.warp)
        return outcome

    # --- the view -------------------------------------------------------------------------
    def state(self) -> DashboardState:
        home = home_tiles(self.home_specs, self.session.home.state) if self.home_specs else ()
        state = build_state(
            self.session.cockpit.store, self.feed, self.now_s, self.place_names, card=self.pending_card(), home=home
        )
        pending = self._live_pending_set_points()
        if pending:
            merged = dict(state.set_points)
            merged.update(pending)
            state = _replace_set_points(state, merged)
        return state

    def _live_pending_set_points(self) -> dict[str, float]:
        store, now = self.session.cockpit.store, self.session.now_s
        live = {}
        for zone, (value, since_s) in list(self._pending_set_points.items()):
            if store.last(SET_POINT_PATH[zone]) == value or now - since_s > PENDING_SET_POINT_S:
                del self._pending_set_points[zone]
            else:
                live[zone] = value
        return live

    def pending_card(self) -> CardView | None:
        """The policy's pending card, in the words the assistant said when offering it."""
        pending = self.session.cockpit.assistant.policy.pending
        if pending is None:
            return None
        need = pending.suggestion.need
        said = self.feed.card
        if said is not None and said.need == need and abs(said.offered_s - pending.offered_s) < 1e-3:
            return CardView(need, said.text, pending.offered_s, pending.seat)
        return CardView(need, need_words(need), pending.offered_s, pending.seat)

    # --- commands from the screen -------------------------------------------------------------
    def answer_card(self, accepted: bool) -> bool:
        """Accept / Dismiss tapped on the card: answered for the seat it waits on. False: no card."""
        pending = self.session.cockpit.assistant.policy.pending
        if pending is None or self._closed:
            return False
        self.session.cockpit.answer_card(accepted, self.session.now_s, seat=pending.seat)
        return True

    def execute(self, action: Action) -> ActionResult:
        """Run a screen action through the cockpit exactly as a voice one (guard, registry, trace, bus)."""
        return self.session.cockpit.perform(action, self.session.now_s)

    def adjust_set_point(self, zone: str, delta_c: float) -> ActionResult:
        current = self._live_pending_set_points().get(zone)
        if current is None:
            stored = self.session.cockpit.store.last(SET_POINT_PATH[zone])
            current = float(stored) if isinstance(stored, int | float) else COMFORT_C
        target = min(SET_POINT_MAX_C, max(SET_POINT_MIN_C, round((current + delta_c) * 2) / 2))
        result = self.execute(Action("climate.set_temperature", {"zone": zone, "temperature": target}, source="ui"))
        if result.status == "sent":
            self._pending_set_points[zone] = (target, self.session.now_s)
        return result

    def inject_fault(self, choice: FaultChoice) -> bool:
        """The developer bar's fault, from now on; a notice says what was injected or why it could not be."""
        if self._closed:
            return False
        try:
            self.session.inject_fault(choice.kind, choice.message, choice.duration_s, choice.delay_s)
        except ValueError as error:
            self.dev_notices.append(f"fault not injected: {error}")
            return False
        self.dev_notices.append(f"fault injected: {choice.label()}")
        return True

    def say(self, seat: str, text: str) -> list[ActionResult]:
        """A typed utterance, heard as if spoken from `seat`."""
        if seat not in SEATS:
            raise ValueError(f"unknown seat {seat!r}")
        text = text.strip()
        if not text or self._closed:
            return []
        return self.session.cockpit.hear(seat, text, self.session.now_s)


def _replace_set_points(state: DashboardState, set_points: dict[str, float | None]) -> DashboardState:
    from dataclasses import replace

    return replace(state, set_points=set_points)
