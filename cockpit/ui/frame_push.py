"""Send the window only what changed since the last frame (on a real display; SDL's dummy driver has none).

The scene still draws its whole frame into the window's surface (cheap: a few milliseconds); what costs on a real
display is sending the frame to it (about 9 ms for 1920×720 on an X server here). So each frame is compared with
the last, tile by tile, and only the changed tiles go out (`pygame.display.update(rects)`); the whole frame goes
out on the first frame, after a resize, and whenever the window says its content was lost (exposed, restored).
"""

from __future__ import annotations

import numpy as np
import pygame

TILE_PX = (160, 60)  # a tile changed by one pixel is sent whole: small tiles send less, but cost more to find
WHOLE_FRAME_EVENTS = frozenset(
    getattr(pygame, name)
    for name in ("VIDEORESIZE", "VIDEOEXPOSE", "WINDOWEXPOSED", "WINDOWRESTORED", "WINDOWSIZECHANGED", "WINDOWSHOWN")
    if hasattr(pygame, name)
)


SENDING_COSTS_NOTHING = ("dummy", "offscreen")  # SDL drivers with no display: comparing would only cost


class FramePusher:
    """`compare`: find and send only the changed tiles (None: do it unless SDL's driver has no display)."""

    def __init__(self, compare: bool | None = None) -> None:
        self.compare = compare
        self._previous: np.ndarray | None = None
        self._whole = True
        self.last_rects: list[pygame.Rect] | None = None  # what the last push sent (None: the whole frame)
        self.partial_pushes = 0  # frames sent as changed tiles only (for the bench)

    def note_event(self, event: pygame.event.Event) -> None:
        if event.type in WHOLE_FRAME_EVENTS:
            self._whole = True

    def push(self, surface: pygame.Surface) -> None:
        if self.compare is None:
            self.compare = pygame.display.get_driver() not in SENDING_COSTS_NOTHING
        if not self.compare:
            pygame.display.flip()
            return
        pixels = pygame.surfarray.pixels2d(surface)  # a view, no copy; the surface stays locked while it lives
        try:
            if self._whole or self._previous is None or self._previous.shape != pixels.shape:
                self._previous = np.array(pixels)
                self._whole = False
                self.last_rects = None
                rects = None
            else:
                rects = self._changed_tiles(pixels)
                np.copyto(self._previous, pixels)
                self.last_rects = rects
                self.partial_pushes += 1
        finally:
            del pixels
        if rects is None:
            pygame.display.flip()
        elif rects:
            pygame.display.update(rects)

    def _changed_tiles(self, pixels: np.ndarray) -> list[pygame.Rect]:
        width, height = pixels.shape
        tile_w, tile_h = TILE_PX
        xs, ys = np.arange(0, width, tile_w), np.arange(0, height, tile_h)
        changed = pixels != self._previous
        by_column = np.logical_or.reduceat(changed, xs, axis=0)
        tiles = np.logical_or.reduceat(by_column, ys, axis=1)
        rects: list[pygame.Rect] = []
        for row in range(tiles.shape[1]):  # a run of changed tiles in a row is one rectangle
            column = 0
            while column < tiles.shape[0]:
                if not tiles[column, row]:
                    column += 1
                    continue
                start = column
                while column < tiles.shape[0] and tiles[column, row]:
                    column += 1
                left, top = int(xs[start]), int(ys[row])
                right, bottom = min(width, int(xs[column - 1]) + tile_w), min(height, top + tile_h)
                rects.append(pygame.Rect(left, top, right - left, bottom - top))
        return rects
