"""The trace: one JSON record per line for every signal change, decision, action, utterance and alert.

Same scenario and seed → the same bytes: records carry simulation time only, keys are written in a
fixed order and floats are rounded. The file is flushed regularly and closed on any exit, so an
interrupted run still leaves a valid trace up to that point.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

FLUSH_EVERY_RECORDS = 2000
TIME_DECIMALS = 3
VALUE_DECIMALS = 4

_KEPT_AS_IS = frozenset((str, int, bool, type(None)))

TraceListener = Callable[[dict[str, Any]], None]


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
        self._file = open(path, "w", encoding="utf-8") if path is not None else None  # noqa: SIM115
        # One encoder for the run: `json.dumps` with these options builds a new one for every record.
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self._unflushed = 0
        self._listeners: list[TraceListener] = []
        self.records_written = 0

    def subscribe(self, listener: TraceListener) -> None:
        self._listeners.append(listener)

    def record(self, time_s: float, record_type: str, /, **fields: Any) -> dict[str, Any]:
        record = {"t": round(time_s, TIME_DECIMALS), "type": record_type}
        for key, value in fields.items():  # _rounded(fields) without its intermediate dict
            record[key] = _rounded(value)
        if self._file is not None:
            self._file.write(self._encode(record) + "\n")
            self._unflushed += 1
            if self._unflushed >= FLUSH_EVERY_RECORDS:
                self._file.flush()
                self._unflushed = 0
        self.records_written += 1
        for listener in self._listeners:
            listener(record)
        return record

    def close(self) -> None:
        if self._file is not None and not self._file.closed:
            self._file.flush()
            self._file.close()
