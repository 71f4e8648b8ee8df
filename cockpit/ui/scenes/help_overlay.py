"""The help overlay (H or F1): every shortcut on one card over a dimmed dashboard."""

from __future__ import annotations

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.widgets import draw

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space", "play / pause the scenario"),
    ("P", "push to talk as the chosen seat (English; needs a microphone)"),
    ("1  2  3", "time warp 1x / 10x / 60x"),
    ("S", "step one simulated second (pauses)"),
    ("R", "restart the scenario (writes the outputs so far)"),
    ("Enter", "type to the assistant; Enter again sends"),
    ("Tab", "choose the seat that speaks"),
    ("Esc", "leave the text box"),
    ("Click  -  +", "a zone's temperature, as voice would set it"),
    ("Y  /  N", "accept / dismiss the assistant's suggestion card"),
    ("Replay", "←/→ 1 s (Shift 10 s), Home/End, drag the timeline, click a mark"),
    ("F2", "developer bar: inject a bus fault (K kind, M message, D duration, I inject)"),
    ("H  /  F1", "show / hide this help"),
    ("Close window", "finish the run and write out/<scenario>/"),
)


def draw_help(surface: pygame.Surface, fonts: FontBook, layout: Layout) -> None:
    px = layout.px
    shade = pygame.Surface(layout.size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 170))
    surface.blit(shade, (0, 0))
    row_h = px(36)
    card = pygame.Rect(0, 0, px(900), px(110) + row_h * len(SHORTCUTS))
    card.center = (layout.size[0] // 2, layout.size[1] // 2)
    draw.panel(surface, card, colour=theme.PANEL_RAISED, radius=px(18), edge=theme.ACCENT, width=px(2))
    draw.text(
        surface,
        fonts,
        "Keyboard shortcuts",
        px(theme.FONT_TITLE),
        theme.TEXT,
        (card.left + px(32), card.top + px(20)),
        bold=True,
    )
    y = card.top + px(80)
    for keys, meaning in SHORTCUTS:
        draw.text(surface, fonts, keys, px(theme.FONT_BODY), theme.ACCENT, (card.left + px(32), y), bold=True)
        draw.text(surface, fonts, meaning, px(theme.FONT_BODY), theme.TEXT, (card.left + px(250), y))
        y += row_h
