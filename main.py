"""Cockpit AI Simulator — command line entry from a checkout (installed: `cockpit-sim`). See `python main.py --help`."""

import signal
import sys

# Ctrl-C from the very first moment raises KeyboardInterrupt (also when the process was started with SIGINT
# ignored); runner/console.py handles it from there on.
signal.signal(signal.SIGINT, signal.default_int_handler)

if __name__ == "__main__":
    try:
        from runner.console import main
    except KeyboardInterrupt:  # while runner/console.py itself loads
        print("interrupted", file=sys.stderr, flush=True)
        sys.exit(130)
    sys.exit(main())
