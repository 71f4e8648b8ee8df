"""The developer bar (F2): inject a bus fault into the running scenario, as a scenario's `fault` event would.

K / Shift+K chooses the kind, M / Shift+M the message it can act on, D the duration, I injects it; F2 or
Esc closes the bar. The fault goes through the same gateway and checks as a scenario's (`RunSession.
inject_fault`), and the trace records it with `source: dashboard`.
"""

from __future__ import annotations

import pygame

from canbus.dbc import load_dbc
from cockpit.ui import theme
from cockpit.ui.fault_picker import FaultPicker
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.widgets import draw

HINT = "K kind · M message · D time · I inject · F2 close"


class FaultBar:
    def __init__(self) -> None:
        self.open = False
        self._picker: FaultPicker | None = None

    @property
    def picker(self) -> FaultPicker:
        if self._picker is None:
            self._picker = FaultPicker(load_dbc())  # read when the bar is first opened, not at import
        return self._picker

    def toggle(self) -> None:
        self.open = not self.open

    def handle_key(self, key: int, mod: int, controller) -> bool:
        """True when the bar took the key (only while it is open)."""
        if not self.open:
            return False
        step = -1 if mod & pygame.KMOD_SHIFT else 1
        if key in (pygame.K_ESCAPE, pygame.K_F2):
            self.open = False
        elif key == pygame.K_k:
            self.picker.next_kind(step)
        elif key == pygame.K_m:
            self.picker.next_message(step)
        elif key == pygame.K_d:
            self.picker.next_duration(step)
        elif key == pygame.K_i:
            controller.inject_fault(self.picker.choice())
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface, fonts: FontBook, layout: Layout) -> None:
        if not self.open:
            return
        px, area = layout.px, layout.map
        rect = pygame.Rect(area.left + px(12), area.top + px(12), area.width - px(24), px(112))
        draw.panel(surface, rect, colour=theme.PANEL_RAISED, radius=px(12), edge=theme.WARNING, width=px(2))
        choice = self.picker.choice()
        width = rect.width - px(32)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, f"DEV  fault: {choice.label()}", px(theme.FONT_BODY), width),
            px(theme.FONT_BODY),
            theme.WARNING,
            (rect.left + px(16), rect.top + px(10)),
            bold=True,
        )
        for row, (line, colour) in enumerate(((choice.does, theme.TEXT), (HINT, theme.TEXT_DIM))):
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, line, px(theme.FONT_SMALL), width),
                px(theme.FONT_SMALL),
                colour,
                (rect.left + px(16), rect.top + px(46) + row * px(30)),
            )
