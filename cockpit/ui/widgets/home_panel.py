"""The home panel (opened from the climate bar's Home button or the O key): a tile per main device."""

from __future__ import annotations

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw
from cockpit.ui.words import home_words


def draw_home_panel(
    surface: pygame.Surface, fonts: FontBook, state: DashboardState, layout: Layout, words, lang: str = "en"
) -> None:
    rect = layout.home
    if rect is None:
        return
    px = layout.px
    draw.panel(surface, rect, colour=(12, 16, 23), radius=px(16))
    title = pygame.Rect(
        rect.left + px(14),
        rect.top + px(6),
        rect.width - px(28),
        draw.text_height(fonts, px(theme.FONT_LARGE), bold=True),
    )
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, words["home"], px(theme.FONT_LARGE), title.width, bold=True),
        px(theme.FONT_LARGE),
        theme.TEXT,
        (title.left, title.centery),
        anchor="midleft",
        bold=True,
        box=title,
    )
    if not state.home:
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, words["no_home"], px(theme.FONT_SMALL), rect.width - px(20)),
            px(theme.FONT_SMALL),
            theme.TEXT_FAINT,
            rect.center,
            anchor="center",
            box=rect,
        )
        return
    for tile, box in zip(state.home, layout.home_tiles, strict=False):
        _tile(surface, fonts, tile, box, px, lang)


def _tile(surface, fonts: FontBook, tile, box: pygame.Rect, px, lang: str) -> None:
    colour = theme.INFO if tile.active else theme.TEXT_DIM
    draw.panel(
        surface, box, colour=theme.PANEL_RAISED, radius=px(10), edge=theme.ACCENT if tile.busy else None, width=px(2)
    )
    pygame.draw.rect(
        surface,
        colour if tile.active else theme.PANEL_EDGE,
        pygame.Rect(box.left, box.top + px(6), px(4), box.height - px(12)),
    )
    pad = px(10)
    small, tiny = px(theme.FONT_SMALL), px(theme.FONT_TINY)
    if draw.text_height(fonts, small, bold=True) > box.height:
        small = tiny  # a short tile (a small window with every panel open): one smaller line
    small_h, tiny_h = draw.text_height(fonts, small, bold=True), draw.text_height(fonts, tiny)
    two_lines = box.height >= small_h + tiny_h
    top = box.top + max(0, (box.height - small_h - (tiny_h if two_lines else 0)) // 2)
    value = draw.fit_text(fonts, home_words(tile.value, lang), small, (box.width - 2 * pad) // 2, bold=True)
    value_rect = draw.text(
        surface,
        fonts,
        value,
        small,
        theme.TEXT if tile.active else theme.TEXT_DIM,
        (box.right - pad, top),
        anchor="topright",
        bold=True,
        box=box,
    )
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, home_words(tile.title, lang), small, value_rect.left - box.left - 2 * pad),
        small,
        theme.TEXT_DIM,
        (box.left + pad, top),
        box=box,
    )
    if two_lines and tile.detail:
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, home_words(tile.detail, lang), tiny, box.width - 2 * pad),
            tiny,
            colour,
            (box.left + pad, top + small_h),
            box=box,
        )
