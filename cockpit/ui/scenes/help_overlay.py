"""The help overlay (H or F1): every shortcut on one card over a dimmed dashboard, the car's on the left, the
simulator's (the developer bar's) on the right."""

from __future__ import annotations

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.widgets import draw

CAR_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Enter / T", "type to the assistant; Enter sends"),
    ("Tab", "choose the seat that speaks"),
    ("P", "push to talk (English; needs a microphone)"),
    ("Esc", "leave the text box"),
    ("Y / N", "accept / dismiss the suggestion card"),
    ("V", "unfold / fold the conversation history"),
    ("Wheel, PgUp/PgDn", "scroll the history"),
    ("O", "open / close the home panel"),
    ("Click - +", "a zone's temperature"),
    ("H / F1", "show / hide this help"),
)
SIMULATOR_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("F2", "show / hide the developer bar"),
    ("Space", "play / pause the scenario"),
    ("1 2 3", "time warp 1x / 10x / 60x"),
    ("S", "step one simulated second"),
    ("R", "restart (writes the outputs so far)"),
    ("[ ]  L", "pick a scenario, open it"),
    ("K M D  I", "fault kind, message, time; inject"),
    ("Replay", "←/→ 1 s, Shift 10 s, Home/End, drag"),
    ("Close window", "finish, write out/<scenario>/"),
)


def draw_help(surface: pygame.Surface, fonts: FontBook, layout: Layout) -> None:
    px = layout.px
    shade = pygame.Surface(layout.size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 170))
    surface.blit(shade, (0, 0))
    row_h = px(34)
    rows = max(len(CAR_SHORTCUTS), len(SIMULATOR_SHORTCUTS))
    card = pygame.Rect(0, 0, min(px(1500), layout.size[0] - px(20)), px(120) + row_h * rows)
    card.center = (layout.size[0] // 2, layout.size[1] // 2)
    draw.panel(surface, card, colour=theme.PANEL_RAISED, radius=px(18), edge=theme.ACCENT, width=px(2))
    title = pygame.Rect(
        card.left + px(32),
        card.top + px(12),
        card.width - px(64),
        draw.text_height(fonts, px(theme.FONT_TITLE), bold=True),
    )
    draw.text(
        surface, fonts, "Keyboard shortcuts", px(theme.FONT_TITLE), theme.TEXT, title.topleft, bold=True, box=title
    )
    column_w = (card.width - px(64)) // 2
    for index, (heading, shortcuts) in enumerate((("The car", CAR_SHORTCUTS), ("The simulator", SIMULATOR_SHORTCUTS))):
        column = pygame.Rect(card.left + px(32) + index * column_w, card.top + px(70), column_w - px(16), 0)
        column.height = card.bottom - px(12) - column.top
        draw.text(surface, fonts, heading, px(theme.FONT_SMALL), theme.TEXT_DIM, column.topleft, bold=True, box=column)
        keys_w = round(column.width * 0.34)
        y = column.top + px(34)
        size = px(theme.FONT_SMALL)
        for keys, meaning in shortcuts:
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, keys, size, keys_w - px(8), bold=True),
                size,
                theme.ACCENT,
                (column.left, y),
                bold=True,
                box=column,
            )
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, meaning, size, column.width - keys_w),
                size,
                theme.TEXT,
                (column.left + keys_w, y),
                box=column,
            )
            y += row_h
