"""What sits on the map besides the voice overlay: the route card and the driver-monitoring banner."""

from __future__ import annotations

from datetime import timedelta

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw
from cockpit.ui.widgets.map_view import place_label
from cockpit.ui.widgets.strip import warning_triangle
from cockpit.ui.words import DRIVER_ALERT_KEYS


def draw_route_card(
    surface: pygame.Surface, fonts: FontBook, state: DashboardState, destination, layout: Layout, words, lang: str
) -> None:
    px, card = layout.px, layout.route_card
    draw.panel(surface, card, colour=theme.PANEL_RAISED, radius=px(12))
    title, detail = words["no_route"], words["no_route_hint"]
    if destination is not None or state.destination_name:
        name = place_label(destination, lang) if destination is not None else state.destination_name
        title = words["to"].format(name=name)
        if state.has_arrived:
            detail = words["arrived"]
        else:
            parts = []
            if state.distance_to_destination_km is not None:
                parts.append(f"{state.distance_to_destination_km:.1f} km")
            if state.eta_s is not None:
                parts.append(words["minutes"].format(n=state.eta_s / 60))
                if state.local_time is not None:
                    arrival = state.local_time + timedelta(seconds=state.eta_s)
                    parts.append(words["arrive_at"].format(clock=f"{arrival:%H:%M}"))
            detail = "  ·  ".join(parts) or words["planning"]
    width = card.width - px(28)
    large, small = px(theme.FONT_LARGE), px(theme.FONT_SMALL)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, title, large, width, bold=True),
        large,
        theme.TEXT,
        (card.left + px(14), card.top + px(6)),
        bold=True,
        box=card,
    )
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, detail, small, width),
        small,
        theme.TEXT_DIM if state.is_stale("destination") else theme.INFO,
        (card.left + px(14), card.bottom - px(8)),
        anchor="bottomleft",
        box=card,
    )


def draw_driver_banner(surface: pygame.Surface, fonts: FontBook, state: DashboardState, layout: Layout, words) -> None:
    alert = state.top_driver_alert
    if alert is None:
        return
    px, rect = layout.px, layout.banner
    sentence = words[DRIVER_ALERT_KEYS[alert.kind][1]] if alert.kind in DRIVER_ALERT_KEYS else alert.kind
    high = alert.level >= 2
    colour = theme.ALERT if high else (theme.TEXT_DIM if alert.kind == "monitoring_unavailable" else theme.WARNING)
    if high:
        draw.panel(surface, rect, colour=colour, radius=px(12), edge=theme.TEXT, width=px(2))
        fg = theme.BACKGROUND
    else:
        draw.panel(surface, rect, colour=theme.PANEL_RAISED, radius=px(12), edge=colour, width=px(2))
        fg = colour
    warning_triangle(surface, (rect.left + px(28), rect.centery), px(14), fg)
    label = f"{sentence}  ·  {words['level'].format(n=alert.level)}"
    size = px(theme.FONT_BODY)
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, label, size, rect.width - px(70), bold=high),
        size,
        fg,
        (rect.left + px(52), rect.centery),
        anchor="midleft",
        bold=high,
        box=rect,
    )
