"""Replay: the dashboard's state at any time of a finished run, rebuilt from its trace (and report).

Pure (no pygame). `ReplayModel` keeps, per signal path and per home name, the times and values of the
trace's changes (a value at time T is one bisection), and the other records for the conversation,
actions, alerts and cards, which it feeds to the same `TraceFeed` the live dashboard uses (incrementally
while time moves forward). `ReplayController` has the live controller's reading interface plus `seek`.
The state at T is the live state after the simulation step at T (the trace holds everything up to T).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.ui.home_tiles import HomeTileSpec, home_tiles, pick_tiles
from cockpit.ui.view_model import FIELD_PATHS, DashboardState, TraceFeed, compose_state
from homelink.devices import DeviceInfo

WARPS = (1.0, 10.0, 60.0)


@dataclass(frozen=True)
class Mark:
    """An expectation's verdict on the timeline (`time_s` None: judged over a window, shown at the end)."""

    id: str
    passed: bool
    time_s: float | None
    expected: str
    actual: Any
    message: str = ""
    kind: str = ""

    def shown_at(self, duration_s: float) -> float:
        return duration_s if self.time_s is None else min(max(self.time_s, 0.0), duration_s)


def marks_from_report(report: Mapping[str, Any]) -> tuple[Mark, ...]:
    return tuple(
        Mark(
            str(e.get("id")),
            bool(e.get("passed")),
            e.get("time_s"),
            str(e.get("expected", "")),
            e.get("actual"),
            str(e.get("message", "")),
            str(e.get("kind", "")),
        )
        for e in report.get("expectations") or ()
    )


class _Series:
    __slots__ = ("times", "values")

    def __init__(self) -> None:
        self.times: list[float] = []
        self.values: list[Any] = []

    def add(self, t: float, value: Any) -> None:
        self.times.append(t)
        self.values.append(value)

    def at(self, t: float, default: Any = None) -> Any:
        i = bisect_right(self.times, t + 1e-9)
        return self.values[i - 1] if i else default


class ReplayModel:
    """Build empty and `add(record)` each trace record in order (it is a trace listener), or `from_trace`."""

    def __init__(
        self,
        name: str,
        duration_s: float,
        *,
        home_initial: Mapping[str, Any] | None = None,
        home_specs: tuple[HomeTileSpec, ...] = (),
        message_of: Mapping[str, str] | None = None,
        marks: tuple[Mark, ...] = (),
    ) -> None:
        self.name = name
        self.duration_s = duration_s
        self.home_initial = dict(home_initial or {})
        self.home_specs = home_specs
        self.marks = marks
        self._field_messages = {field: (message_of or {}).get(path) for field, path in FIELD_PATHS.items()}
        self._signals: dict[str, _Series] = {}
        self._home: dict[str, _Series] = {}
        self._quality: dict[str, _Series] = {}
        self.records: list[dict[str, Any]] = []  # what the feed needs, in trace order
        self._record_times: list[float] = []
        self.end_s = 0.0
        self._feed = TraceFeed()
        self._fed = 0
        self._fed_to_s = float("-inf")

    # --- building --------------------------------------------------------------------------------
    def add(self, record: Mapping[str, Any]) -> None:
        t = float(record["t"])
        kind = record["type"]
        self.end_s = max(self.end_s, t)
        if kind == "signal":
            series = self._signals.get(record["path"])
            if series is None:
                series = self._signals[record["path"]] = _Series()
            series.add(t, record.get("value"))
            return
        if kind == "home_state":
            series = self._home.get(record["name"])
            if series is None:
                series = self._home[record["name"]] = _Series()
            series.add(t, record.get("value"))
            return
        if kind == "signal_quality":
            self._quality.setdefault(str(record.get("message")), _Series()).add(t, record.get("quality"))
        self.records.append(dict(record))
        self._record_times.append(t)

    __call__ = add

    def add_all(self, records: Iterable[Mapping[str, Any]]) -> ReplayModel:
        for record in records:
            self.add(record)
        return self

    # --- reading ---------------------------------------------------------------------------------
    def value_at(self, path: str, t: float) -> Any:
        series = self._signals.get(path)
        return None if series is None else series.at(t)

    def home_at(self, name: str, t: float) -> Any:
        series = self._home.get(name)
        initial = self.home_initial.get(name)
        return initial if series is None else series.at(t, initial)

    def paths(self) -> list[str]:
        return sorted(self._signals)

    def records_between(self, start_s: float, end_s: float) -> list[dict[str, Any]]:
        lo = bisect_right(self._record_times, start_s - 1e-9)
        hi = bisect_right(self._record_times, end_s + 1e-9)
        return self.records[lo:hi]

    def feed_at(self, t: float) -> TraceFeed:
        """The feed as it was after every record up to `t` (forward: incremental; backward: rebuilt)."""
        if t < self._fed_to_s:
            self._feed = TraceFeed()
            self._fed = 0
        stop = bisect_right(self._record_times, t + 1e-9)
        feed = self._feed
        for record in self.records[self._fed : stop]:
            feed(record)
        self._fed = max(self._fed, stop)
        self._fed_to_s = t
        return feed

    def stale_at(self, t: float) -> tuple[frozenset[str], tuple[str, ...]]:
        stale_messages = tuple(sorted(m for m, series in self._quality.items() if series.at(t) == "stale"))
        stale = frozenset(f for f, m in self._field_messages.items() if m is not None and m in stale_messages)
        return stale, stale_messages

    def state_at(self, t: float, place_names: Mapping[int, str] | None = None) -> DashboardState:
        feed = self.feed_at(t)
        stale, stale_messages = self.stale_at(t)
        home = home_tiles(self.home_specs, lambda name: self.home_at(name, t)) if self.home_specs else ()
        return compose_state(
            lambda path: self.value_at(path, t),
            t,
            feed,
            place_names,
            stale=stale,
            stale_messages=stale_messages,
            card=feed.card,
            home=home,
        )


def read_trace(path: Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def home_snapshot(names: Iterable[str], state) -> dict[str, Any]:
    """Every name's value now (the house before the run: the trace records only changes)."""
    snapshot = {}
    for name in names:
        try:
            snapshot[name] = state(name)
        except Exception:  # a remote home may not know a name yet
            snapshot[name] = None
    return snapshot


def load_run(
    out_dir: Path,
    *,
    home_initial: Mapping[str, Any],
    home_catalogue: Mapping[str, DeviceInfo],
    scenario_name: str | None = None,
    message_of: Mapping[str, str] | None = None,
) -> ReplayModel:
    """A finished run's folder (trace.jsonl, report.json) as a model. `home_initial` is every home name's value
    before the run (the trace records only changes) and `home_catalogue` its devices: the runner gives those of
    the run's simulated house (runner/app_command.py `load_replay_model`)."""
    trace_path = out_dir / "trace.jsonl"
    if not trace_path.is_file():
        raise FileNotFoundError(f"{trace_path} not found: give the folder of a finished run (out/<scenario>/)")
    report_path = out_dir / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {}
    info = report.get("scenario") or {}
    name = info.get("name") or scenario_name or out_dir.name
    model = ReplayModel(
        name,
        float(info.get("duration_s") or 0.0),
        home_initial=dict(home_initial),
        home_specs=pick_tiles(home_catalogue),
        message_of=message_of,
        marks=marks_from_report(report),
    )
    model.add_all(read_trace(trace_path))
    if not model.duration_s:
        model.duration_s = model.end_s
    return model


class ReplayController:
    """The dashboard's controller over a `ReplayModel`: play at a warp, pause, step, seek. Read-only."""

    interactive = False

    def __init__(
        self,
        model: ReplayModel,
        place_names: Mapping[int, str] | None = None,
        *,
        warp: float = 1.0,
        paused: bool = True,
        title_prefix: str = "replay: ",
    ) -> None:
        self.model = model
        self.title_prefix = title_prefix
        self.place_names = dict(place_names or {})
        self.warp = warp
        self.paused = paused
        self.notices: list[str] = []
        self.dev_notices: list[str] = []
        self.scenario_paths: tuple = ()  # a replay shows one recorded run: no scenario to pick
        self.feed = None
        self.selected: Mark | None = None
        self._now_s = 0.0
        self._state: DashboardState | None = None

    @property
    def scenario_name(self) -> str:
        return f"{self.title_prefix}{self.model.name}"

    @property
    def duration_s(self) -> float:
        return self.model.duration_s

    @property
    def now_s(self) -> float:
        return self._now_s

    @property
    def finished(self) -> bool:
        return False  # a replay never ends; it stops at the end

    @property
    def marks(self) -> tuple[Mark, ...]:
        return self.model.marks

    @property
    def effective_warp(self) -> float:
        return self.warp

    @property
    def achieved_warp(self) -> float | None:
        """A replay only moves a cursor over a recorded trace: it always keeps its warp (None when paused)."""
        return None if self.paused else self.warp

    def seek(self, t: float) -> None:
        t = min(max(0.0, t), self.duration_s)
        if t != self._now_s:
            self._now_s = t
            self._state = None

    def update(self, dt_wall_s: float) -> None:
        if self.paused:
            return
        self.seek(self._now_s + max(0.0, dt_wall_s) * self.warp)
        if self._now_s >= self.duration_s:
            self.paused = True

    def step(self, seconds: float = 1.0) -> None:
        self.paused = True
        self.seek(self._now_s + seconds)

    def toggle_pause(self) -> None:
        if self.paused and self._now_s >= self.duration_s:
            self.seek(0.0)
        self.paused = not self.paused

    def set_warp(self, warp: float) -> None:
        self.warp = warp

    def cycle_warp(self) -> None:
        self.warp = WARPS[(WARPS.index(self.warp) + 1) % len(WARPS)] if self.warp in WARPS else WARPS[0]

    def restart(self) -> None:
        self.seek(0.0)

    def select(self, mark: Mark | None) -> None:
        self.selected = mark
        if mark is not None:
            self.seek(mark.shown_at(self.duration_s))

    def state(self) -> DashboardState:
        if self._state is None:
            self._state = self.model.state_at(self._now_s, self.place_names)
        return self._state

    # --- the screen's commands do nothing in a replay --------------------------------------------
    def _read_only(self) -> None:
        note = "replay: the recorded run cannot be changed"
        if not self.notices or self.notices[-1] != note:
            self.notices.append(note)

    def say(self, seat: str, text: str) -> list:
        self._read_only()
        return []

    def adjust_set_point(self, zone: str, delta_c: float) -> None:
        self._read_only()

    def answer_card(self, accepted: bool) -> bool:
        self._read_only()
        return False

    def inject_fault(self, choice) -> bool:
        self._read_only()
        return False

    def open_scenario(self, path) -> bool:
        self._read_only()
        return False

    def close(self) -> None:
        return None
