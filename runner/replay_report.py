"""OUT/report.json of `cockpit --bus replay:LOG`: the log read, what it held beside this car's traffic, the outcome.

Written whole (a temporary file renamed over it) as the replay starts, with `"status": "running"`, and again at its
end with `finished`, `interrupted` or `error` and the replay's counts, as a run's report is: a report still
`running` is a replay that was killed. `bus_audit` is canbus/log_audit.py's report: unknown ids with their counts
and channels, frames per channel, messages off their DBC cycle (not used), frames of a length not the DBC's.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canbus.line_file import OutputWriteError
from canbus.log_reader import LogSummary

REPORT_KIND = "cockpit_replay"


@dataclass
class ReplayReport:
    path: Path
    log_path: Path
    checked: LogSummary
    bus_audit: dict[str, Any]

    def write(self, status: str, counts: dict[str, Any] | None = None) -> None:
        """Replace the report whole; a folder that cannot be written is an OutputWriteError (exit 2)."""
        report = {
            "kind": REPORT_KIND,
            "status": status,
            "log": {
                "file": str(self.log_path),
                "format": self.checked.format,
                "frames": self.checked.frames,
                "first_s": self.checked.first_s,
                "last_s": self.checked.last_s,
                "note": self.checked.note,
            },
            "replay": counts or {},
            "bus_audit": self.bus_audit,
        }
        partial = self.path.with_name(f".{self.path.name}.part")
        try:
            partial.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as error:
            raise OutputWriteError(self.path, error) from None
