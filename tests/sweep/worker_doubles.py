"""Stand-ins for the sweep's per-task function, importable by spawned workers (they must be module-level)."""

from __future__ import annotations

import os
from pathlib import Path

from runner.sweep.execute import Task, run_task

CRASH_MARK = "crash-me"


def crash_on_marked(task: Task) -> dict:
    """Kills its worker process (as a segfault would) for a marked variation, every time; runs the others."""
    if CRASH_MARK in Path(task.scenario_file).read_text(encoding="utf-8"):
        os._exit(17)
    return run_task(task)
