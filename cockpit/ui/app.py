"""The dashboard window: one pygame loop over a scene; the simulation advances a bounded step per frame."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from cockpit.ui import theme
from cockpit.ui.controller import SimController
from cockpit.ui.fonts import FontBook
from cockpit.ui.frame_push import FramePusher
from cockpit.ui.scenes.dashboard import DashboardScene
from roadmap.map import RoadMap

if TYPE_CHECKING:
    from cockpit.ui.replay import ReplayController

FPS_CAP = 60
MAX_FRAME_DT_S = 1.0  # a stalled frame (window dragged, debugger) counts as this much wall time at most
TITLE = "Cockpit AI Simulator - SU7"


class DashboardApp:
    """Build after deciding there is a display; `run()` until the window closes, then `close()`."""

    def __init__(
        self,
        controller: SimController | ReplayController,
        roadmap: RoadMap,
        size: tuple[int, int] = theme.REFERENCE_SIZE,
        fonts: FontBook | None = None,
        fps_cap: int = FPS_CAP,
        scene_class: type = DashboardScene,
    ) -> None:
        pygame.display.init()  # no mixer: the dashboard is silent (speech synthesis plugs in later)
        pygame.font.init()
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption(TITLE)
        pygame.key.start_text_input()
        pygame.key.set_repeat(400, 35)
        self.controller = controller
        self.fonts = fonts or FontBook()
        self.scene = scene_class(controller, self.fonts, roadmap)
        self.clock = pygame.time.Clock()
        self.fps_cap = fps_cap  # 0 = as fast as possible (for measuring)
        self.running = True
        self.frames = 0
        self.pusher = FramePusher()  # the window gets only the tiles that changed

    def frame(self, dt_s: float | None = None) -> None:
        """One frame: events, simulation step, drawing. `dt_s` None = measure the wall time since the last."""
        measured = self.clock.tick(self.fps_cap) / 1000
        dt = min(MAX_FRAME_DT_S, measured if dt_s is None else dt_s)
        for event in pygame.event.get():
            self.pusher.note_event(event)
            if event.type == pygame.QUIT:
                self.running = False
            else:
                self.scene.handle_event(event)
        self.scene.update(dt)
        self.scene.fps = self.clock.get_fps()
        self.scene.draw(self.screen)
        self.pusher.push(self.screen)
        self.frames += 1

    def run(self, max_frames: int | None = None) -> None:
        while self.running and (max_frames is None or self.frames < max_frames):
            self.frame()

    def screenshot(self, path: Path | str) -> None:
        pygame.image.save(self.screen, str(path))

    def close(self) -> None:
        """Finish the run (outputs written) and close the window."""
        try:
            self.controller.close()
        finally:
            pygame.quit()
