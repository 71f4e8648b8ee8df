"""An output file written in whole lines only: the trace, the bus log, the voice index.

A full disk (ENOSPC), a quota or a file system gone read-only must never leave half a line at the end of an
output. Lines are buffered here and written with `os.write`; when a write fails part-way, the file is cut back
to the end of the last whole line it held, the first failure is raised once as an `OutputWriteError` (one clear
message naming the file), and every later line is dropped and counted rather than raising again, so that the
run can still close its other outputs. `flush()` is called by the loops (a run every simulated second, the cockpit
on a live bus every tick), which bounds how far behind a killed process (SIGKILL) leaves each file.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

FLUSH_AT_BYTES = 1 << 16  # a tick's lines are far fewer; this only bounds memory between explicit flushes
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM stay pending (not lost) while the block runs; where the OS cannot, nothing is done."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class OutputWriteError(OSError):
    """An output that cannot be written: names the file and the reason (no space left, permission, ...)."""

    def __init__(self, path: str | Path, error: OSError) -> None:
        super().__init__(error.errno, error.strerror or str(error))
        self.filename = str(path)
        self.reason = error.strerror or str(error)

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.reason}"


class LineFile:
    """`write(text)` takes whole lines (text ending in a newline); they reach the file at `flush()`/`close()`."""

    def __init__(self, path: str | Path, flush_at_bytes: int = FLUSH_AT_BYTES, *, append: bool = False) -> None:
        self.path = Path(path)
        mode = os.O_APPEND if append else os.O_TRUNC
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | mode | os.O_CLOEXEC, 0o644)
            existing_bytes = os.fstat(self._fd).st_size if append else 0
        except OSError as error:
            raise OutputWriteError(self.path, error) from None
        self._pending: list[str] = []
        self._pending_chars = 0
        self._flush_at = flush_at_bytes
        self._committed_bytes = existing_bytes  # the file's length up to its last whole line
        self.failure: OutputWriteError | None = None
        self.lines_dropped = 0
        self.closed = False

    def write(self, text: str) -> None:
        """Queue whole lines; after a failure they are dropped (counted in `lines_dropped`)."""
        if self.failure is not None or self.closed:
            self.lines_dropped += text.count("\n")
            return
        self._pending.append(text)
        self._pending_chars += len(text)
        if self._pending_chars >= self._flush_at:
            self.flush()

    def flush(self) -> None:
        """Write what is queued; on failure cut the file back to its last whole line and raise, once. Ctrl-C
        and SIGTERM wait until it is done (their KeyboardInterrupt would otherwise lose or repeat lines)."""
        if not self._pending or self.failure is not None or self.closed:
            return
        with _signals_held():
            self._write_pending()

    def _write_pending(self) -> None:
        # A lone surrogate (typed or fuzzed text) cannot be UTF-8; as `\\udXXX` it stays a valid JSON escape.
        data = "".join(self._pending).encode("utf-8", errors="backslashreplace")
        lines = sum(text.count("\n") for text in self._pending)
        self._pending.clear()
        self._pending_chars = 0
        view = memoryview(data)
        taken = 0
        try:
            while taken < len(data):
                taken += os.write(self._fd, view[taken:])  # a full disk may take part of it, then refuse the rest
        except OSError as error:
            whole = data.rfind(b"\n", 0, taken) + 1  # keep every whole line the disk took, cut the part-line
            with contextlib.suppress(OSError):  # /dev/full and pipes cannot be cut; a regular file can
                os.ftruncate(self._fd, self._committed_bytes + whole)
            self.lines_dropped += lines - data.count(b"\n", 0, whole)
            self.failure = OutputWriteError(self.path, error)
            raise self.failure from None
        self._committed_bytes += len(data)

    def close(self) -> None:
        """Flush and close; a flush failure is raised after the descriptor is closed."""
        if self.closed:
            return
        try:
            self.flush()
        finally:
            self.closed = True
            os.close(self._fd)
