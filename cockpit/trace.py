"""The trace: one JSON record per line for every signal change, decision, action, utterance and alert.

Same scenario and seed → the same bytes: records carry simulation time only, keys are written in a
fixed order and floats are rounded. The loops flush the trace (`flush()`: a run every simulated second,
runner/session.py FLUSH_EVERY_S; the cockpit on a live bus every tick), and it is closed on any exit, so an
interrupted run leaves a valid trace up to that point and a killed one (SIGKILL) one at most that far behind. It
is written in whole lines only (canbus/line_file.py): on a full disk the file ends with the last whole record, the
run is told once (`OutputWriteError`) and later records are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from canbus.line_file import LineFile

TIME_DECIMALS = 3
VALUE_DECIMALS = 4

_KEPT_AS_IS = frozenset((str, int, bool, type(None)))

TraceListener = Callable[[dict[str, Any]], None]

# Every kind of trace record (its `type`); scenarios/README.md says what each holds.
RecordType = Literal[
    "run_start",
    "run_end",
    "cockpit_start",
    "cockpit_end",
    "signal",
    "signal_quality",
    "bus_state",
    "bus_fault",
    "plausibility",
    "fault_injected",
    "replay_gap",
    "replay_untrusted",
    "utterance",
    "asr",
    "action",
    "manual",
    "manual_change",
    "suggestion",
    "alert",
    "arrival",
    "home_result",
    "home_state",
    "home_link",
]


def _rounded(value: Any) -> Any:
    if value.__class__ in _KEPT_AS_IS:
        return value  # most fields: answered without the checks below
    if isinstance(value, float):
        return round(value, VALUE_DECIMALS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


class TraceRecorder:
    """Writes records as JSON lines and tells listeners (the expectation monitor, the dashboard)."""

    def __init__(self, path: str | Path | None) -> None:
        self._file = LineFile(path) if path is not None else None
        # One encoder for the run: `json.dumps` with these options builds a new one for every record.
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self._listeners: list[TraceListener] = []
        self.records_written = 0

    def subscribe(self, listener: TraceListener) -> None:
        self._listeners.append(listener)

    def record(self, time_s: float, record_type: RecordType, /, **fields: Any) -> dict[str, Any]:
        record = {"t": round(time_s, TIME_DECIMALS), "type": record_type}
        for key, value in fields.items():  # _rounded(fields) without its intermediate dict
            record[key] = _rounded(value)
        if self._file is not None:
            self._file.write(self._encode(record) + "\n")
        self.records_written += 1
        for listener in self._listeners:
            listener(record)
        return record

    def flush(self) -> None:
        """Put every record so far in the file (the loops call this: a run every simulated second, a live cockpit
        every tick)."""
        if self._file is not None:
            self._file.flush()

    @property
    def records_dropped(self) -> int:
        """Records that could not be written after the file failed (a full disk)."""
        return self._file.lines_dropped if self._file is not None else 0

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
