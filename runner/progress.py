"""A progress bar for runs that take more than a moment, on a terminal only."""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOW_AFTER_WALL_S = 2.0
BAR_WIDTH = 30


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr  # the one of now, not of import time
        self._wall_start = time.perf_counter()
        self._shown = False
        self._enabled = self.stream.isatty()

    def __call__(self, done_s: float, total_s: float) -> None:
        wall = time.perf_counter() - self._wall_start
        if not self._enabled or wall < SHOW_AFTER_WALL_S:
            return
        self._shown = True
        fraction = done_s / total_s if total_s else 1.0
        filled = round(fraction * BAR_WIDTH)
        rate = done_s / wall if wall else 0.0
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] "
            f"{fraction:4.0%} {done_s / 60:5.1f}/{total_s / 60:.1f} min sim, {rate:,.0f}x real time"
        )
        self.stream.flush()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
