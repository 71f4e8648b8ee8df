"""The climate bar along the bottom: cabin temperature, a set point with − / + per zone, blower and seat heat,
and the button that opens the home panel."""

from __future__ import annotations

import pygame

from canbus.limits import FAN_LEVEL_MAX
from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw
from cockpit.ui.widgets.strip import fmt
from cockpit.zones import SEATS

HEATED_SEATS = SEATS  # every seat is heated
HOT_SET_POINT_C = 24


def draw_climate_bar(
    surface: pygame.Surface,
    fonts: FontBook,
    state: DashboardState,
    layout: Layout,
    words,
    *,
    interactive: bool,
    home_open: bool,
) -> None:
    px = layout.px
    draw.panel(surface, layout.climate, radius=px(16))
    _cabin(surface, fonts, state, layout.climate_left, px, words)
    for zone, rect in layout.climate_zones.items():
        minus, plus = layout.climate_buttons[(zone, -1)], layout.climate_buttons[(zone, +1)]
        _zone(surface, fonts, state, zone, rect, minus, plus, px, words, interactive)
    _blower(surface, fonts, state, layout.climate_right, px, words)
    button = layout.home_button
    draw.panel(surface, button, colour=theme.ACCENT if home_open else theme.PANEL_RAISED, radius=px(12), edge=None)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, words["home"], px(theme.FONT_SMALL), button.width - px(12), bold=True),
        px(theme.FONT_SMALL),
        theme.BACKGROUND if home_open else theme.TEXT,
        button.center,
        anchor="center",
        bold=True,
        box=button,
    )


def _cabin(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px, words) -> None:
    left = box.left + px(18)
    width = box.width - px(26)
    small = px(theme.FONT_SMALL)
    draw.text(surface, fonts, words["cabin"], small, theme.TEXT_DIM, (left, box.top + px(10)), box=box)
    big = px(theme.FONT_TITLE)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, f"{fmt(state.cabin_temp_c, '.1f')}°C", big, width, bold=True),
        big,
        theme.TEXT_DIM if state.is_stale("cabin_temp_c") else theme.TEXT,
        (left, box.centery + px(4)),
        anchor="midleft",
        bold=True,
        box=box,
    )
    outside = f"{words['outside']} {fmt(state.outside_temp_c, '.0f')}°C"
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, outside, px(theme.FONT_TINY), width),
        px(theme.FONT_TINY),
        theme.TEXT_DIM,
        (left, box.bottom - px(8)),
        anchor="bottomleft",
        box=box,
    )


def _zone(surface, fonts: FontBook, state, zone: str, rect, minus, plus, px, words, interactive: bool) -> None:
    draw.panel(surface, rect, colour=theme.PANEL_RAISED, radius=px(12), edge=None)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, words[zone], px(theme.FONT_SMALL), rect.width - px(16)),
        px(theme.FONT_SMALL),
        theme.TEXT_DIM,
        (rect.centerx, rect.top + px(6)),
        anchor="midtop",
        box=rect,
    )
    value = state.set_points.get(zone)
    hot = value is not None and value >= HOT_SET_POINT_C
    colour = theme.TEXT_DIM if state.is_stale("set_points") else (theme.HEAT if hot else theme.TEXT)
    between = pygame.Rect(minus.right, rect.top, plus.left - minus.right, rect.height)
    size = px(theme.FONT_TITLE)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, f"{fmt(value, '.1f')}°", size, between.width - px(4), bold=True),
        size,
        colour,
        (between.centerx, minus.centery),
        anchor="center",
        bold=True,
        box=rect,
    )
    if not interactive:  # a replay: nothing to press
        return
    for button, sign in ((minus, -1), (plus, +1)):
        pygame.draw.circle(surface, theme.PANEL_EDGE, button.center, button.width // 2)
        pygame.draw.circle(surface, theme.COLD if sign < 0 else theme.HEAT, button.center, button.width // 2, px(2))
        half = button.width // 5
        cx, cy = button.center
        pygame.draw.line(surface, theme.TEXT, (cx - half, cy), (cx + half, cy), px(3))
        if sign > 0:
            pygame.draw.line(surface, theme.TEXT, (cx, cy - half), (cx, cy + half), px(3))


def _blower(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px, words) -> None:
    left = box.left + px(14)
    small = px(theme.FONT_SMALL)
    hvac = {True: words["hvac_on"], False: words["hvac_off"], None: words["hvac_unknown"]}[state.hvac_on]
    if state.ac_on and state.hvac_on:
        hvac += "  ·  A/C"
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, hvac, small, box.width - px(24)),
        small,
        theme.INFO if state.hvac_on else theme.TEXT_DIM,
        (left, box.top + px(8)),
        box=box,
    )
    label_w = px(100)
    fan_y = box.top + px(40)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, words["fan"], small, label_w - px(6)),
        small,
        theme.TEXT_DIM,
        (left, fan_y),
        box=box,
    )
    level = state.fan_level or 0
    # With the HVAC off the blower does not run, whatever level it keeps for later: the bars say so in grey.
    lit = theme.INFO if state.hvac_on else theme.TEXT_FAINT
    cell_step = min(px(20), (box.right - px(10) - left - label_w) // FAN_LEVEL_MAX)
    for i in range(FAN_LEVEL_MAX):
        cell = pygame.Rect(left + label_w + i * cell_step, fan_y + px(4), cell_step - px(5), px(14))
        pygame.draw.rect(surface, lit if i < level else theme.PANEL_RAISED, cell, border_radius=px(3))
    seat_y = box.top + px(70)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, words["seat_heat"], small, label_w - px(6)),
        small,
        theme.TEXT_DIM,
        (left, seat_y),
        box=box,
    )
    x = left + label_w
    for seat in HEATED_SEATS:
        heat = state.seat_heat.get(seat) or 0
        occupied = state.occupied.get(seat)
        for i in range(3):
            cell = pygame.Rect(x, seat_y + px(16) - i * px(7), px(16), px(5))
            idle = theme.PANEL_EDGE if occupied else theme.PANEL_RAISED
            pygame.draw.rect(surface, theme.HEAT if i < heat else idle, cell)
        x += px(24)
