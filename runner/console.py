"""The `cockpit-sim` console script, and what `python main.py` runs: the command line (runner/cli.py) with Ctrl-C
handled from the very first moment.

Only the standard library at import: the console script's wrapper imports this module before it calls main().
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import ModuleType


def command_prefix() -> str:
    """How the user runs the command line, for its usage line and the commands it suggests: `python main.py` in a
    checkout, else the console script."""
    return "python main.py" if sys.argv and Path(sys.argv[0]).name == "main.py" else "cockpit-sim"


def _interrupted() -> int:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C while leaving ends the process at once
    print("interrupted", file=sys.stderr, flush=True)
    return 130


def main() -> int:
    """Run the command line on sys.argv; the exit code (README "Command line")."""
    # Ctrl-C raises KeyboardInterrupt (also when the process was started with SIGINT ignored), so that one during
    # the imports below ends the process cleanly too: exit 130, one line, no traceback.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupts: ModuleType | None = None
    try:
        from runner import interrupts as loaded

        interrupts = loaded
        loaded.install()  # the same, and remembered (runner/interrupts.py)
        from runner.cli import main as run_command_line

        return run_command_line()
    except KeyboardInterrupt:
        return _interrupted()
    except Exception:
        if interrupts is None or not interrupts.received:
            raise
        return _interrupted()  # Ctrl-C inside a native module's start-up comes out as its own error
