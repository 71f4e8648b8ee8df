"""The developer bar (F2): the simulator's own controls and debug lines, under the car's screen, hidden by default.

It holds the scenario picker (◀ ▶ or [ ], Open or L), play/pause, the time warps, step, restart, the achieved warp
and the frame rate, the last understanding (`voice: climate.set_temperature 0.97`), the need behind the card
(`need: confirm:nav.navigate`), the last action and alert, and the bus-fault injector: K / Shift+K the kind,
M / Shift+M the message it can act on, D the duration, I injects it (as a scenario's `fault` event would, through
`RunSession.inject_fault`; the trace records it with `source: dashboard`). F2 or Esc hides the bar.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw

FAULT_HINT = "K kind · M message · D time · I inject"
DEV_COLOUR = (20, 17, 8)  # not the car's palette: this bar is the simulator's, not the SU7's
ALERT_COLOURS = {"info": theme.INFO, "warning": theme.WARNING, "alert": theme.ALERT}


class DevBar:
    def __init__(self) -> None:
        self.shown = False
        self.fps = 0.0
        self.show_frame_rate = True  # off for pictures of a run: a rate says nothing there
        self.scenario_index = 0

    def toggle(self) -> None:
        self.shown = not self.shown

    def chosen_scenario(self, controller) -> Path | None:
        paths = controller.scenario_paths
        return paths[self.scenario_index % len(paths)] if paths else None

    def choose(self, step: int, controller) -> None:
        self.scenario_index += step

    # --- input --------------------------------------------------------------------------------
    def handle_key(self, key: int, mod: int, controller) -> bool:
        """True when the bar took the key (only while it is shown)."""
        if not self.shown:
            return False
        step = -1 if mod & pygame.KMOD_SHIFT else 1
        if key in (pygame.K_ESCAPE, pygame.K_F2):
            self.shown = False
        elif key == pygame.K_k:
            controller.fault_picker.next_kind(step)
        elif key == pygame.K_m:
            controller.fault_picker.next_message(step)
        elif key == pygame.K_d:
            controller.fault_picker.next_duration(step)
        elif key == pygame.K_i:
            controller.inject_fault(controller.fault_picker.choice())
        elif key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            self.choose(-1 if key == pygame.K_LEFTBRACKET else 1, controller)
        elif key == pygame.K_l:
            self.open_chosen(controller)
        else:
            return False
        return True

    def open_chosen(self, controller) -> None:
        path = self.chosen_scenario(controller)
        if path is not None:
            controller.open_scenario(path)

    def click(self, pos: tuple[int, int], layout: Layout, controller) -> bool:
        """True when the click landed on the bar (a button there acts)."""
        if not self.shown or layout.dev_bar is None or not layout.dev_bar.collidepoint(pos):
            return False
        for name, rect in layout.dev_controls.items():
            if rect.collidepoint(pos):
                self._control(name, controller)
                break
        return True

    def _control(self, name: str, controller) -> None:
        if name == "play":
            controller.toggle_pause()
        elif name.startswith("warp"):
            controller.set_warp(float(name[4:]))
        elif name == "step":
            controller.step()
        elif name == "restart":
            controller.restart()
        elif name == "scenario_prev":
            self.choose(-1, controller)
        elif name == "scenario_next":
            self.choose(1, controller)
        elif name == "scenario_open":
            self.open_chosen(controller)

    # --- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, fonts: FontBook, state: DashboardState, layout: Layout, controller) -> None:
        bar = layout.dev_bar
        if not self.shown or bar is None:
            return
        px = layout.px
        draw.panel(surface, bar, colour=DEV_COLOUR, radius=px(10), edge=theme.WARNING, width=px(2))
        tag = pygame.Rect(bar.left + px(8), bar.top + px(8), px(54), px(40))
        draw.text(
            surface, fonts, "DEV", px(theme.FONT_SMALL), theme.WARNING, tag.center, anchor="center", bold=True, box=tag
        )
        for name, rect in layout.dev_controls.items():
            if name != "status":
                self._button(surface, fonts, name, rect, px, controller)
        self._status(surface, fonts, layout.dev_controls["status"], px, controller)
        for row, (line, colour) in zip(layout.dev_rows, self._debug_lines(state, controller), strict=False):
            size = px(theme.FONT_TINY)
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, line, size, row.width),
                size,
                colour,
                (row.left, row.centery),
                anchor="midleft",
                box=row,
            )

    def _button(self, surface, fonts: FontBook, name: str, rect: pygame.Rect, px, controller) -> None:
        live = controller.interactive
        if name.startswith("scenario") and not live:
            return  # a replay shows one recorded run
        active = (name.startswith("warp") and float(name[4:]) == controller.warp) or (
            name == "play" and controller.paused
        )
        draw.panel(surface, rect, colour=theme.ACCENT if active else theme.PANEL_RAISED, radius=px(8), edge=None)
        if name == "scenario_open":
            chosen = self.chosen_scenario(controller)
            label = chosen.stem.replace("_", " ") if chosen is not None else controller.scenario_name.replace("_", " ")
            if chosen is not None and chosen.stem != controller.scenario_name:
                label = f"open: {label}"
        else:
            label = {
                "scenario_prev": "◀",
                "scenario_next": "▶",
                "play": "Play" if controller.paused else "Pause",
                "warp1": "1x",
                "warp10": "10x",
                "warp60": "60x",
                "step": "Step",
                "restart": "Restart",
            }[name]
        size = px(theme.FONT_SMALL)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, label, size, rect.width - px(10), bold=active),
            size,
            theme.BACKGROUND if active else theme.TEXT,
            rect.center,
            anchor="center",
            bold=active,
            box=rect,
        )

    def _status(self, surface, fonts: FontBook, box: pygame.Rect, px, controller) -> None:
        minutes, seconds = divmod(int(controller.now_s), 60)
        total_m, total_s = divmod(int(controller.duration_s), 60)
        achieved = controller.achieved_warp
        warp = "--" if achieved is None else f"{achieved:.0f}x" if achieved >= 1.5 else f"{achieved:.1f}x"
        if controller.effective_warp < controller.warp:
            warp += " (card)"
        parts = [
            f"{controller.scenario_name}  {minutes:02d}:{seconds:02d} / {total_m:02d}:{total_s:02d}",
            f"warp {warp}",
        ]
        if self.show_frame_rate:
            parts.append(f"{self.fps:3.0f} fps")
        size = px(theme.FONT_SMALL)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, "   ".join(parts), size, box.width),
            size,
            theme.TEXT_DIM,
            (box.right, box.centery),
            anchor="midright",
            box=box,
        )

    def _debug_lines(self, state: DashboardState, controller) -> list[tuple[str, tuple[int, int, int]]]:
        heard = next((line for line in reversed(state.conversation) if line.speaker == "user" and line.intent), None)
        voice = f"voice: {heard.intent}  ({heard.lang or '?'}) \u201c{heard.text}\u201d" if heard else "voice: --"
        need = f"need: {state.card.need}" if state.card is not None else "need: --"
        action = "action: --"
        if state.actions:
            last = state.actions[-1]
            action = f"action: {last.source}: {last.summary} {last.status}"
        first = (f"{voice}   {need}   {action}", theme.TEXT)
        if controller.finished:
            second = ("scenario finished - R restarts, closing writes the outputs", theme.INFO)
        elif state.stale_messages:
            second = ("stale: " + ", ".join(state.stale_messages), theme.WARNING)
        elif controller.dev_notices:
            second = (controller.dev_notices[-1], theme.INFO)
        elif state.alerts:
            latest = state.alerts[-1]
            second = (f"{latest.time_s:6.1f}s  {latest.text}", ALERT_COLOURS.get(latest.level, theme.TEXT))
        else:
            second = ("no alert", theme.TEXT_FAINT)
        fault = ("fault: (replay: read-only)", theme.TEXT_FAINT)
        if controller.interactive:
            choice = controller.fault_picker.choice()
            fault = (f"fault: {choice.label()} - {choice.does}   {FAULT_HINT}", theme.WARNING)
        return [first, second, fault]
