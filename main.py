"""Cockpit AI Simulator — command line entry. See `python main.py --help`."""

import signal
import sys

# Ctrl-C from the very first moment raises KeyboardInterrupt (also when the process was started with SIGINT
# ignored), so that one during the imports below ends the process cleanly too: exit 130, one line, no traceback.
signal.signal(signal.SIGINT, signal.default_int_handler)


def _interrupted() -> int:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C while leaving ends the process at once
    print("interrupted", file=sys.stderr, flush=True)
    return 130


if __name__ == "__main__":
    interrupts = None
    try:
        from runner import interrupts

        interrupts.install()  # the same, and remembered (runner/interrupts.py)
        from runner.cli import main

        code = main()
    except KeyboardInterrupt:
        code = _interrupted()
    except Exception:
        if interrupts is None or not interrupts.received:
            raise
        code = _interrupted()  # Ctrl-C inside a native module's start-up comes out as its own error
    sys.exit(code)
