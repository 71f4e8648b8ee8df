"""The replay scene: the dashboard over a finished run, with a timeline scrubber and the expectations' marks.

Keys: ← → ±1 s (Shift: ±10 s), Home / End, Space play / pause, 1 2 3 (or W) speed 1× / 10× / 60×.
Drag on the timeline to scrub; click a mark to jump to it and read its expected / actual.
"""

from __future__ import annotations

import json

import pygame

from cockpit.ui import theme
from cockpit.ui.layout import Layout
from cockpit.ui.replay import Mark, ReplayController
from cockpit.ui.scenes.dashboard import DashboardScene
from cockpit.ui.widgets import draw

SEEK_S, SEEK_SHIFT_S = 1.0, 10.0
MARK_HIT_PX = 9  # reference pixels either side of a mark that a click still hits


class ReplayScene(DashboardScene):
    timeline = True
    controller: ReplayController

    def __init__(self, controller: ReplayController, fonts, roadmap) -> None:
        super().__init__(controller, fonts, roadmap)
        self._dragging = False

    # --- input --------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        layout = self.layout
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and layout.timeline is not None
            and layout.timeline.collidepoint(event.pos)
            and not self.show_help
        ):
            self._timeline_click(event.pos)
            return
        if event.type == pygame.MOUSEMOTION and self._dragging:
            self.controller.seek(self.time_at(event.pos[0]))
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._dragging = False
            return
        if event.type == pygame.KEYDOWN and not self.text_input.focused and self._replay_key(event):
            return
        super().handle_event(event)

    def _replay_key(self, event: pygame.event.Event) -> bool:
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        controller = self.controller
        if key in (pygame.K_LEFT, pygame.K_RIGHT):
            step = SEEK_SHIFT_S if shift else SEEK_S
            controller.seek(controller.now_s + (step if key == pygame.K_RIGHT else -step))
        elif key == pygame.K_HOME:
            controller.seek(0.0)
        elif key == pygame.K_END:
            controller.seek(controller.duration_s)
        elif key == pygame.K_w:
            controller.cycle_warp()
        elif key == pygame.K_s:
            controller.step()
        elif key == pygame.K_ESCAPE and controller.selected is not None:
            controller.select(None)
        else:
            return False
        self.state = controller.state()
        return True

    def _timeline_click(self, pos: tuple[int, int]) -> None:
        layout = self.layout
        if layout.timeline_play is not None and layout.timeline_play.collidepoint(pos):
            self.controller.toggle_pause()
            return
        mark = self.mark_at(pos)
        if mark is not None:
            self.controller.select(mark)
            return
        track = layout.timeline_track
        if track is not None and track.left - layout.px(6) <= pos[0] <= track.right + layout.px(6):
            self._dragging = True
            self.controller.seek(self.time_at(pos[0]))

    # --- geometry -----------------------------------------------------------------------------
    def _track(self) -> pygame.Rect:
        track = self.layout.timeline_track
        if track is None:  # cannot be: this scene's layout always has its timeline (timeline = True)
            raise RuntimeError("the replay's layout has no timeline")
        return track

    def x_of(self, t: float) -> int:
        track = self._track()
        return track.left + round(track.width * t / max(self.controller.duration_s, 1e-9))

    def time_at(self, x: int) -> float:
        track = self._track()
        return (x - track.left) / max(track.width, 1) * self.controller.duration_s

    def mark_at(self, pos: tuple[int, int]) -> Mark | None:
        track, px = self.layout.timeline_track, self.layout.px
        if track is None or not track.inflate(px(20), px(8)).collidepoint(pos):
            return None
        best, best_d = None, px(MARK_HIT_PX) + 1
        for mark in self.controller.marks:
            d = abs(self.x_of(mark.shown_at(self.controller.duration_s)) - pos[0])
            if d < best_d:
                best, best_d = mark, d
        return best

    # --- drawing ------------------------------------------------------------------------------
    def draw_extras(self, surface: pygame.Surface) -> None:
        self._draw_timeline(surface, self.layout)
        if self.controller.selected is not None:
            self._draw_mark_detail(surface, self.controller.selected, self.layout)

    def _draw_timeline(self, surface, layout: Layout) -> None:
        px, fonts, rect, track, play = (
            layout.px,
            self.fonts,
            layout.timeline,
            layout.timeline_track,
            layout.timeline_play,
        )
        if rect is None or track is None or play is None:
            return
        controller = self.controller
        draw.panel(surface, rect, radius=px(14))
        draw.panel(
            surface,
            play,
            colour=theme.ACCENT if not controller.paused else theme.PANEL_RAISED,
            radius=px(10),
            edge=None,
        )
        draw.text(
            surface,
            fonts,
            "Pause" if not controller.paused else "Play",
            px(theme.FONT_SMALL),
            theme.BACKGROUND if not controller.paused else theme.TEXT,
            play.center,
            anchor="center",
            bold=True,
            box=play,
        )
        now, total = controller.now_s, controller.duration_s
        clock_box = pygame.Rect(play.right, rect.top, track.left - px(10) - play.right, rect.height)
        draw.text(
            surface,
            fonts,
            f"{_clock(now)} / {_clock(total)}",
            px(theme.FONT_BODY),
            theme.TEXT,
            (play.right + px(14), rect.centery),
            anchor="midleft",
            bold=True,
            box=clock_box,
        )
        hint_box = pygame.Rect(track.right + px(10), rect.top, rect.right - track.right - px(10), rect.height)
        draw.text(
            surface,
            fonts,
            draw.fit_text(
                fonts, f"{controller.warp:g}x   ←/→ 1 s, ⇧ 10 s", px(theme.FONT_TINY), hint_box.width - px(12)
            ),
            px(theme.FONT_TINY),
            theme.TEXT_DIM,
            (rect.right - px(12), rect.centery),
            anchor="midright",
            box=hint_box,
        )
        line = pygame.Rect(track.left, track.centery - px(3), track.width, px(6))
        pygame.draw.rect(surface, theme.PANEL_RAISED, line, border_radius=px(3))
        done = pygame.Rect(track.left, line.top, max(0, self.x_of(now) - track.left), line.height)
        pygame.draw.rect(surface, theme.ACCENT, done, border_radius=px(3))
        for minute in range(0, int(total // 60) + 1, _tick_minutes(total)):
            x = self.x_of(minute * 60)
            pygame.draw.line(surface, theme.TEXT_FAINT, (x, track.bottom - px(6)), (x, track.bottom), 1)
        for mark in controller.marks:
            x = self.x_of(mark.shown_at(total))
            colour = theme.REGEN if mark.passed else theme.ALERT
            selected = mark is controller.selected
            top = track.top
            points = [(x, line.top - px(2)), (x - px(7), top), (x + px(7), top)]
            if mark.time_s is None:
                pygame.draw.polygon(surface, colour, points, px(2))
            else:
                pygame.draw.polygon(surface, colour, points)
            if selected:
                pygame.draw.line(surface, theme.TEXT, (x, top), (x, track.bottom), px(2))
        knob = (self.x_of(now), line.centery)
        pygame.draw.circle(surface, theme.TEXT, knob, px(9))
        pygame.draw.circle(surface, theme.ACCENT, knob, px(9), px(3))

    def _draw_mark_detail(self, surface, mark: Mark, layout: Layout) -> None:
        px, fonts = layout.px, self.fonts
        width = min(px(760), layout.size[0] - px(40))
        x = min(
            max(self.x_of(mark.shown_at(self.controller.duration_s)) - width // 2, px(14)),
            layout.size[0] - px(14) - width,
        )
        size, small = px(theme.FONT_SMALL), px(theme.FONT_TINY)
        actual = mark.actual if isinstance(mark.actual, str) else json.dumps(mark.actual, ensure_ascii=False)
        lines = [
            (
                f"{'PASS' if mark.passed else 'FAIL'}  {mark.id}  ·  "
                + ("whole window" if mark.time_s is None else f"at {mark.time_s:g} s"),
                size,
                True,
            ),
            (f"expected: {mark.expected}", small, False),
            (f"actual: {actual}", small, False),
        ]
        if mark.message:
            lines.append((mark.message, small, False))
        height = sum(fonts.line_height(s) for _, s, _ in lines) + px(20)
        above = layout.timeline.top if layout.timeline is not None else layout.size[1]
        box = pygame.Rect(x, above - px(8) - height, width, height)
        colour = theme.REGEN if mark.passed else theme.ALERT
        draw.panel(surface, box, colour=theme.PANEL_RAISED, radius=px(12), edge=colour, width=px(2))
        y = box.top + px(10)
        for text, s, bold in lines:
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, text, s, box.width - px(28)),
                s,
                colour if bold else theme.TEXT,
                (box.left + px(14), y),
                bold=bold,
                box=box,
            )
            y += fonts.line_height(s)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:04.1f}"


def _tick_minutes(total_s: float) -> int:
    for step in (1, 5, 10, 30, 60):
        if total_s / 60 / step <= 30:
            return step
    return 120
