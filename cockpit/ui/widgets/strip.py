"""The instrument strip along the top: speed, gear, power, the clock, charge and range, the driver's tells."""

from __future__ import annotations

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.view_model import DashboardState, DriverAlertView
from cockpit.ui.widgets import draw
from cockpit.ui.words import DRIVER_ALERT_KEYS

GEARS = ("P", "R", "N", "D")
MAX_POWER_KW, MAX_REGEN_KW = 400.0, 160.0
REGEN_SHARE = 0.3  # of the power bar's width
FONT_SPEED = 44


def fmt(value: float | None, pattern: str, missing: str = "--") -> str:
    return missing if value is None else format(value, pattern)


def draw_strip(surface: pygame.Surface, fonts: FontBook, state: DashboardState, layout: Layout, words) -> None:
    segments, px = layout.strip_segments, layout.px
    _speed(surface, fonts, state, segments["speed"], px, words)
    _gear(surface, fonts, state, segments["gear"], px)
    _power(surface, fonts, state, segments["power"], px)
    _clock(surface, fonts, state, segments["clock"], px)
    _battery(surface, fonts, state, segments["battery"], px, words)
    _tells(surface, fonts, state, segments["tells"], px, words)


def _speed(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px, words) -> None:
    stale = state.is_stale("speed_kph")
    speed = "--" if state.speed_kph is None else f"{state.speed_kph:.0f}"
    left = box.left + px(18)
    rect = draw.text(
        surface,
        fonts,
        speed,
        px(FONT_SPEED),
        theme.TEXT_DIM if stale else theme.TEXT,
        (left, box.centery),
        anchor="midleft",
        bold=True,
        box=box,
    )
    unit = "km/h" + (f" ({words['stale']})" if stale else "")
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, unit, px(theme.FONT_TINY), box.right - rect.right - px(14)),
        px(theme.FONT_TINY),
        theme.TEXT_DIM,
        (rect.right + px(8), box.centery + px(12)),
        anchor="midleft",
        box=box,
    )


def _gear(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px) -> None:
    spacing = min(px(40), box.width // 4)
    for i, gear in enumerate(GEARS):
        active = gear == state.gear
        centre = (box.centerx + round((i - 1.5) * spacing), box.centery)
        if active:
            chip = pygame.Rect(0, 0, px(34), px(34))
            chip.center = centre
            pygame.draw.rect(surface, theme.ACCENT, chip, border_radius=px(8))
        draw.text(
            surface,
            fonts,
            gear,
            px(theme.FONT_LARGE),
            theme.BACKGROUND if active else theme.TEXT_FAINT,
            centre,
            anchor="center",
            bold=True,
            box=box,
        )


def _power(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px) -> None:
    bar = pygame.Rect(box.left + px(12), box.top + px(22), box.width - px(24), px(12))
    pygame.draw.rect(surface, theme.PANEL_RAISED, bar, border_radius=bar.height // 2)
    zero_x = bar.left + round(bar.width * REGEN_SHARE)
    power = state.power_kw or 0.0
    if power >= 0:
        width = round((bar.right - zero_x) * min(1.0, power / MAX_POWER_KW))
        fill, colour = pygame.Rect(zero_x, bar.top, width, bar.height), theme.POWER
    else:
        width = round((zero_x - bar.left) * min(1.0, -power / MAX_REGEN_KW))
        fill, colour = pygame.Rect(zero_x - width, bar.top, width, bar.height), theme.REGEN
    if state.is_stale("power_kw"):
        colour = theme.TEXT_FAINT
    if fill.width > 0:
        pygame.draw.rect(surface, colour, fill, border_radius=bar.height // 2)
    pygame.draw.line(surface, theme.TEXT_DIM, (zero_x, bar.top - px(4)), (zero_x, bar.bottom + px(4)), px(2))
    below = bar.bottom + px(6)
    tiny = px(theme.FONT_TINY)
    draw.text(surface, fonts, "REGEN", tiny, theme.REGEN, (bar.left, below), box=box)
    draw.text(surface, fonts, "POWER", tiny, theme.POWER, (bar.right, below), anchor="topright", box=box)
    draw.text(
        surface,
        fonts,
        f"{fmt(state.power_kw, '.0f')} kW",
        px(theme.FONT_SMALL),
        theme.TEXT,
        (zero_x + px(8), below),
        bold=True,
        box=box,
    )


def _clock(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px) -> None:
    clock = "--:--" if state.local_time is None else f"{state.local_time:%H:%M}"
    draw.text(
        surface,
        fonts,
        clock,
        px(theme.FONT_LARGE + 4),
        theme.TEXT,
        (box.centerx, box.centery - px(8)),
        anchor="center",
        bold=True,
        box=box,
    )
    outside = f"{fmt(state.outside_temp_c, '.0f')}°C  {state.weather or ''}".strip()
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, outside, px(theme.FONT_TINY), box.width - px(12)),
        px(theme.FONT_TINY),
        theme.TEXT_DIM if state.is_stale("outside_temp_c") else theme.INFO,
        (box.centerx, box.centery + px(20)),
        anchor="center",
        box=box,
    )


def _battery(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px, words) -> None:
    soc = state.soc_pct
    colour = theme.REGEN if soc is None or soc >= 30 else theme.WARNING if soc >= 15 else theme.ALERT
    if state.is_stale("soc_pct"):
        colour = theme.TEXT_FAINT
    bar = pygame.Rect(box.left + px(12), box.top + px(18), box.width - px(24), px(14))
    draw.bar(surface, bar, (soc or 0) / 100, colour, radius=px(5))
    below = bar.bottom + px(6)
    label = f"{fmt(soc, '.0f')}%" + (f"  {words['charging']}" if state.charging else "")
    size = px(theme.FONT_BODY)
    range_text = f"{fmt(state.range_km, '.0f')} km"
    range_rect = draw.text(
        surface,
        fonts,
        range_text,
        size,
        theme.TEXT_DIM if state.is_stale("range_km") else theme.TEXT,
        (bar.right, below),
        anchor="topright",
        bold=True,
        box=box,
    )
    draw.text(
        surface,
        fonts,
        draw.fit_text(fonts, label, size, range_rect.left - bar.left - px(10), bold=True),
        size,
        theme.TEXT,
        (bar.left, below),
        bold=True,
        box=box,
    )


def _tells(surface, fonts: FontBook, state: DashboardState, box: pygame.Rect, px, words) -> None:
    """The driver-monitoring tell and the fault tell, side by side; the drive mode when there is room."""
    pill_h = px(32)
    x = box.left + px(8)
    tells: list[tuple[str, tuple[int, int, int], bool]] = []
    alert = state.top_driver_alert
    if alert is not None:
        tells.append(_driver_tell(alert, state.time_s, words))
    if state.stale_messages:
        tells.append((words["data_delayed"], theme.WARNING, False))
    elif state.fatigue_warning and alert is None:
        tells.append((words["fatigue"].format(n=state.fatigue_pct), theme.WARNING, False))
    size = px(theme.FONT_TINY)
    for label, colour, filled in tells:
        room = box.right - px(8) - x
        if room < px(60):
            break
        width = min(room, fonts.width(label, size, bold=True) + px(48))
        pill = pygame.Rect(x, box.centery - pill_h // 2, width, pill_h)
        if filled:
            draw.panel(surface, pill, colour=colour, radius=pill_h // 2, edge=None)
            fg = theme.BACKGROUND
        else:
            draw.panel(surface, pill, colour=theme.PANEL, radius=pill_h // 2, edge=colour, width=px(2))
            fg = colour
        warning_triangle(surface, (pill.left + px(18), pill.centery), px(9), fg)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, label, size, pill.width - px(42), bold=True),
            size,
            fg,
            (pill.left + px(32), pill.centery),
            anchor="midleft",
            bold=True,
            box=pill,
        )
        x = pill.right + px(8)
    if not tells and state.drive_mode:
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, state.drive_mode.replace("_", " ").upper(), size, box.width - px(24)),
            size,
            theme.TEXT_DIM,
            (box.right - px(12), box.centery),
            anchor="midright",
            box=box,
        )


def _driver_tell(alert: DriverAlertView, time_s: float, words) -> tuple[str, tuple[int, int, int], bool]:
    short = words[DRIVER_ALERT_KEYS[alert.kind][0]] if alert.kind in DRIVER_ALERT_KEYS else alert.kind.upper()
    high = alert.level >= 2
    blink_off = alert.level >= 3 and int(time_s * 2) % 2 == 1
    colour = theme.ALERT if high else theme.WARNING
    if alert.kind == "monitoring_unavailable":
        colour = theme.TEXT_DIM
    return short, colour, high and not blink_off


def warning_triangle(surface, centre: tuple[int, int], size: int, colour) -> None:
    x, y = centre
    points = [(x, y - size), (x + size, y + size * 0.8), (x - size, y + size * 0.8)]
    pygame.draw.polygon(surface, colour, points, max(1, size // 5))
    pygame.draw.line(surface, colour, (x, y - size * 0.35), (x, y + size * 0.25), max(1, size // 5))
    pygame.draw.circle(surface, colour, (x, round(y + size * 0.55)), max(1, size // 7))
