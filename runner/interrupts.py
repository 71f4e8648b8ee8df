"""Ctrl-C raises KeyboardInterrupt, and is remembered: a native module initialising when it comes (onnxruntime)
may turn it into an ImportError, which is still an interruption, not an internal error. No imports beyond the
standard library: main.py installs this before anything else loads."""

from __future__ import annotations

import signal

received = False


def _interrupt(signum: int, frame: object) -> None:
    global received
    received = True
    raise KeyboardInterrupt


def install() -> None:
    signal.signal(signal.SIGINT, _interrupt)
