"""Cockpit AI Simulator — command line entry. See `python main.py --help`."""

import sys

from runner.cli import main

if __name__ == "__main__":
    sys.exit(main())
