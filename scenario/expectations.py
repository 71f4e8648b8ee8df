"""Temporal expectations and the monitor that judges them over a run.

The runner calls `observe` at every sample (every 100 ms of sim time, and at each action/utterance/alert
record). Windows may depend on symbols known only later (`before: arrival - 5min`), so the monitor keeps,
per expectation, the runs of consecutive samples where the expression held or not (compressed intervals),
and, per name, its values run-length encoded, to report the values at the decisive sample. It judges
everything in `finish`.

An expression is a pure function of the values of its names, so a sample re-evaluates only the expectations
that read a name whose value changed: 10,000 expectations on signals that hold still cost a sample the
lookup of their names, not 10,000 evaluations. A run of outcomes lasts until the next run starts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from scenario.durations import format_duration
from scenario.errors import SourceLocation
from scenario.expressions import Expression, is_true
from scenario.time_references import TimeReference, UnresolvedSymbolError

ExpectationKind = Literal["within", "eventually", "always", "never"]
# Sample times accumulate float error (0.1 * n); a sample this close to a window edge counts as inside.
TIME_EPSILON_S = 1e-6


@dataclass(frozen=True)
class TimeWindow:
    start: TimeReference
    end: TimeReference

    def __str__(self) -> str:
        return f"[{self.start}, {self.end}]"


@dataclass(frozen=True)
class Expectation:
    id: str
    kind: ExpectationKind
    expression: Expression
    window: TimeWindow
    location: SourceLocation
    text: str = ""  # the author's optional description
    within_s: float | None = None  # only for kind "within"

    def expected(self) -> str:
        """What must happen, for reports: 'true within 3 s after 5 s'."""
        if self.kind == "within":
            return f"true within {format_duration(self.within_s or 0.0)} after {self.window.start}"
        if self.kind == "eventually":
            return f"true at least once in {self.window}"
        if self.kind == "always":
            return f"true at every sample in {self.window}"
        return f"false at every sample in {self.window}"


@dataclass(frozen=True)
class ExpectationResult:
    id: str
    kind: str
    expression: str
    expected: str
    actual: dict | str
    units: dict
    time_s: float | None
    passed: bool
    message: str
    location: SourceLocation


@dataclass
class _Column:
    """One name's values over the samples, stored only where they change."""

    change_indices: list[int] = field(default_factory=list)
    values: list[object] = field(default_factory=list)

    def record(self, index: int, value: object) -> bool:
        """Store `value` at sample `index`; True when it differs from the value before (or is the first)."""
        if self.values:
            last = self.values[-1]
            if value is last or (type(value) is type(last) and value == last):
                return False
        self.change_indices.append(index)
        self.values.append(value)
        return True

    def value_at(self, index: int) -> object:
        position = bisect_right(self.change_indices, index) - 1
        return self.values[position] if position >= 0 else None


@dataclass
class _Track:
    expectation: Expectation
    # (first sample index, held) where each run of samples with the same outcome starts; a run lasts until
    # the next one starts, the last one until the last sample.
    runs: list[tuple[int, bool]] = field(default_factory=list)


class ExpectationMonitor:
    def __init__(self, expectations: Sequence[Expectation]):
        self._tracks = [_Track(expectation) for expectation in expectations]
        names = sorted({name for expectation in expectations for name in expectation.expression.names})
        self._columns = {name: _Column() for name in names}
        # name -> the tracks whose expression reads it: what a change of that name must re-evaluate.
        self._readers: dict[str, list[_Track]] = {name: [] for name in names}
        for track in self._tracks:
            for name in track.expectation.expression.names:
                self._readers[name].append(track)
        self._times: list[float] = []
        self._symbol_times: dict[str, float] = {}

    def observe(self, t_s: float, resolve: Callable[[str], object]) -> None:
        """Judge every expectation at sim time `t_s` (non-decreasing); `resolve` gives None if missing."""
        if self._times and t_s < self._times[-1]:
            raise ValueError(f"observe() went back in time: {t_s} after {self._times[-1]}")
        index = len(self._times)
        self._times.append(t_s)
        values = {}
        changed: list[str] = []
        for name, column in self._columns.items():
            value = resolve(name)  # once per name per sample, however many expectations read it
            values[name] = value
            if column.record(index, value):
                changed.append(name)
        lookup = values.get
        if index == 0:
            stale = self._tracks  # the first sample judges all, those that read no name included
        else:
            # Each track once, in the order the file gives them, however many of its names changed.
            stale = (
                self._readers[changed[0]]
                if len(changed) == 1
                else list({id(track): track for name in changed for track in self._readers[name]}.values())
            )
        for track in stale:
            held = is_true(track.expectation.expression.evaluate(lookup))
            runs = track.runs
            if not runs or runs[-1][1] is not held:
                runs.append((index, held))

    def set_time_of(self, symbol: str, t_s: float) -> None:
        """When a run symbol such as 'arrival' happened; the first time wins (arrival is arrival)."""
        self._symbol_times.setdefault(symbol, t_s)

    def held_intervals(self, expectation_id: str) -> list[tuple[float, float]]:
        """[first, last] sample times of each stretch where the expression held (for timeline plots)."""
        for track in self._tracks:
            if track.expectation.id == expectation_id:
                return [(self._times[first], self._times[last]) for first, last, held in self._spans(track) if held]
        raise KeyError(expectation_id)

    def _spans(self, track: _Track) -> Iterator[tuple[int, int, bool]]:
        """(first, last sample index, held) of each run of the track."""
        runs = track.runs
        for position, (first, held) in enumerate(runs):
            last = runs[position + 1][0] - 1 if position + 1 < len(runs) else len(self._times) - 1
            yield first, last, held

    def finish(self, end_s: float) -> list[ExpectationResult]:
        symbol_times = {**self._symbol_times, "start": 0.0, "end": end_s}
        return [self._judge(track, symbol_times) for track in self._tracks]

    # --- judging -----------------------------------------------------------------------------------------

    def _judge(self, track: _Track, symbol_times: Mapping[str, float]) -> ExpectationResult:
        expectation = track.expectation
        try:
            window_start = expectation.window.start.resolve(symbol_times)
            window_end = expectation.window.end.resolve(symbol_times)
        except UnresolvedSymbolError as missing:
            return self._result(
                expectation,
                False,
                f"{missing.symbol} never happened",
                None,
                f"window {expectation.window} has no time: {missing.symbol} never happened",
            )
        resolved = f"[{window_start:g} s, {window_end:g} s]"
        if window_end < window_start - TIME_EPSILON_S:
            return self._result(
                expectation,
                False,
                "empty window",
                None,
                f"window {expectation.window} = {resolved} ends before it starts",
            )
        first = bisect_left(self._times, window_start - TIME_EPSILON_S)
        last = bisect_right(self._times, window_end + TIME_EPSILON_S) - 1
        if first > last:
            return self._result(
                expectation,
                False,
                "no samples in window",
                None,
                f"no samples in window {expectation.window} = {resolved}",
            )
        # within/eventually look for a holding sample; always for a failing one; never for a holding one.
        wanted = expectation.kind != "always"
        found = next(
            (run for run in self._spans(track) if run[2] is wanted and run[0] <= last and run[1] >= first), None
        )
        decisive = max(found[0], first) if found is not None else last
        actual = self._values_at(expectation, decisive)
        time_s = self._times[decisive] if found is not None else None
        at = f"at {self._times[decisive]:g} s"
        if expectation.kind in ("within", "eventually"):
            if found is not None:
                return self._result(expectation, True, actual, time_s, f"held {at}")
            return self._result(
                expectation,
                False,
                actual,
                None,
                f"never held in {resolved}; values {at} (last sample in window)",
            )
        verb = "failed" if expectation.kind == "always" else "held"
        if found is not None:
            return self._result(expectation, False, actual, time_s, f"{verb} {at}, inside {resolved}")
        return self._result(expectation, True, actual, None, f"kept over {resolved}")

    def _values_at(self, expectation: Expectation, index: int) -> dict:
        return {name: self._columns[name].value_at(index) for name in sorted(expectation.expression.names)}

    @staticmethod
    def _result(
        expectation: Expectation, passed: bool, actual: dict | str, time_s: float | None, message: str
    ) -> ExpectationResult:
        return ExpectationResult(
            id=expectation.id,
            kind=expectation.kind,
            expression=expectation.expression.text,
            expected=expectation.expected(),
            actual=actual,
            units=dict(expectation.expression.units),
            time_s=time_s,
            passed=passed,
            message=message,
            location=expectation.location,
        )
