"""Ctrl-C (SIGINT) and SIGTERM raise KeyboardInterrupt, and are remembered: a native module initialising when one
comes (onnxruntime) may turn it into an ImportError, which is still an interruption, not an internal error.
SIGTERM is handled as Ctrl-C is (the run stops, its outputs are written whole, report.json says "interrupted");
only the exit code differs, 128 + the signal's number as shells report it: 130 for SIGINT, 143 for SIGTERM.
No imports beyond the standard library: main.py installs this before anything else loads."""

from __future__ import annotations

import signal

received = False
signal_number: int | None = None  # the signal that came (None: none, or KeyboardInterrupt raised otherwise)
SIGNAL_NAMES: dict[int, str] = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops whatever runs exactly as Ctrl-C does."""


def remember(signum: int) -> None:
    """Note that `signum` came (also for handlers that hold it back while outputs are written)."""
    global received, signal_number
    received = True
    signal_number = signum


def _interrupt(signum: int, frame: object) -> None:
    remember(signum)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def install() -> None:
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)


def exit_code() -> int:
    """130 after Ctrl-C, 143 after SIGTERM."""
    return 128 + (signal_number or signal.SIGINT)


def what_stopped() -> str:
    """'Ctrl-C (SIGINT)' or 'SIGTERM': for the message and report.json."""
    return SIGNAL_NAMES.get(signal_number or signal.SIGINT, f"signal {signal_number}")
