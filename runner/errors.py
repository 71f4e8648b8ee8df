"""How a command ends when it cannot finish: bad input (exit 2), an internal error (exit 3), Ctrl-C (exit 130),
SIGTERM (exit 143, handled as Ctrl-C is).

Bad input is what the person gave: a scenario that does not check, a bad option value, a file that cannot be
read, an output folder that cannot be written (no permission, a full disk: `OutputWriteError`). The message
names the file and line. Anything else raised inside a component is an internal error: one
line on stderr naming the error and where it was raised, the whole traceback in an `error.txt` next to the
run's outputs, which are closed whole. Ctrl-C at any moment, start-up included, ends the process with one line
on stderr and no traceback.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import FrameType

from runner import interrupts

# Every command's exit codes, one meaning each (README's table): 0 done, 1 a run's expectation failed, 2 bad input,
# 3 internal error, 4 the bus failed (sim, cockpit: could not open it, or it went down), 130 Ctrl-C, 143 SIGTERM.
EXIT_PASSED, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BUS_FAILED = 4
EXIT_TERMINATED = 143  # SIGTERM: 128 + 15, as shells report a process the signal ended
INTERRUPT_SIGNALS = (signal.SIGINT, signal.SIGTERM)
ERROR_FILE = "error.txt"
# Files the person named that could not be read: bad input. Other OS errors are internal.
_UNREADABLE_FILE_ERRORS = (
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
    FileExistsError,
)  # FileExistsError: an --out that names a file, not a folder


class UsageError(ValueError):
    """A command-line value that does not make sense (`--speed 0`, `--duration -1`)."""


def install_interrupt_handler() -> None:
    """Ctrl-C raises KeyboardInterrupt from now on, even when SIGINT was inherited as ignored (a background job
    of a non-interactive shell inherits that, and `kill -INT` would then do nothing)."""
    if threading.current_thread() is threading.main_thread():
        interrupts.install()


def exit_interrupted(message: str | None = None) -> int:
    """One line on stderr; a second Ctrl-C or SIGTERM while leaving ends the process at once (no traceback
    either). Returns 130 after Ctrl-C, 143 after SIGTERM."""
    if threading.current_thread() is threading.main_thread():
        for signum in INTERRUPT_SIGNALS:
            signal.signal(signum, signal.SIG_DFL)
    if message is None:
        message = "interrupted" if interrupts.signal_number != signal.SIGTERM else "interrupted by SIGTERM"
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)
    return interrupts.exit_code()


def is_bad_input(error: BaseException) -> bool:
    """True for what the person gave (scenario, option values, files named), False for a fault of the program."""
    from canbus.interfaces import BusSpecError
    from canbus.line_file import OutputWriteError
    from cockpit.habits import HabitFileError
    from scenario.errors import ScenarioError

    if isinstance(error, UsageError | BusSpecError | ScenarioError | HabitFileError | OutputWriteError):
        return True
    return isinstance(error, _UNREADABLE_FILE_ERRORS) and getattr(error, "filename", None) is not None


def raised_at(error: BaseException) -> str:
    """`file.py:LINE in function` of the innermost frame of the error's traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "an unknown place"
    last = frames[-1]
    return f"{last.filename}:{last.lineno} in {last.name}"


def describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def write_error_file(
    error_dir: Path | None, error: BaseException, traceback_text: str | None = None, header: str = ""
) -> Path | None:
    """`error_dir/error.txt` with the traceback; None when it cannot be written (the caller prints it instead)."""
    if error_dir is None:
        return None
    text = traceback_text or "".join(traceback.format_exception(error))
    try:
        error_dir.mkdir(parents=True, exist_ok=True)
        path = error_dir / ERROR_FILE
        path.write_text(header + text, encoding="utf-8")
    except OSError:
        return None
    return path


def report_internal_error(
    error: BaseException, error_dir: Path | None, *, traceback_text: str | None = None, header: str = ""
) -> int:
    """The stderr line (what, where, where the traceback is) and error.txt; returns EXIT_INTERNAL_ERROR."""
    path = write_error_file(error_dir, error, traceback_text, header)
    text = traceback_text or "".join(traceback.format_exception(error))
    where = f"traceback in {path}" if path is not None else "traceback follows"
    print(f"internal error: {describe(error)} (raised at {raised_at(error)}); {where}", file=sys.stderr)
    if path is None:
        print(text, file=sys.stderr, end="")
    return EXIT_INTERNAL_ERROR


class DeferredInterrupt:
    """`with DeferredInterrupt() as late:` holds Ctrl-C and SIGTERM back while outputs are written;
    `late.requested` tells whether one came (runner/interrupts.py remembers which). Outside the main thread it
    does nothing (signals only reach the main thread)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        interrupts.remember(signum)

    def __enter__(self) -> DeferredInterrupt:
        if threading.current_thread() is threading.main_thread():
            for signum in INTERRUPT_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, previous in self._previous.items():
            if previous is None:  # set outside Python: the closest Python handler
                previous = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
            signal.signal(signum, previous)  # type: ignore[arg-type]
