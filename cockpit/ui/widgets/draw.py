"""Small drawing helpers shared by the widgets: panels, aligned text, wrapped text, bars."""

from __future__ import annotations

import re

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook

_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\u3000-\u303f]+\s*|\s+")


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    colour=theme.PANEL,
    radius: int = 14,
    edge: tuple[int, int, int] | None = theme.PANEL_EDGE,
    width: int = 1,
) -> None:
    pygame.draw.rect(surface, colour, rect, border_radius=radius)
    if edge is not None:
        pygame.draw.rect(surface, edge, rect, width=width, border_radius=radius)


def text(
    surface: pygame.Surface,
    fonts: FontBook,
    value: str,
    size: int,
    colour,
    pos: tuple[int, int],
    *,
    anchor: str = "topleft",
    bold: bool = False,
    box: pygame.Rect | None = None,
) -> pygame.Rect:
    """Draw `value` with its `anchor` at `pos`; returns where it went. `box` is the widget the text belongs to:
    whatever would spill out of it is not drawn over the neighbours (the tests check that nothing would)."""
    rendered = fonts.render(value, size, colour, bold=bold)
    rect = rendered.get_rect(**{anchor: pos})
    if box is not None and not box.contains(rect):
        visible = rect.clip(box)
        surface.blit(rendered, visible, pygame.Rect(visible.x - rect.x, visible.y - rect.y, visible.w, visible.h))
    else:
        surface.blit(rendered, rect)
    return rect


def text_height(fonts: FontBook, size: int, *, bold: bool = False) -> int:
    """The height a line of text takes when drawn (Latin and Chinese), measured with the font."""
    return fonts.render("Ag国", size, theme.TEXT, bold=bold).get_height()


def wrap(fonts: FontBook, value: str, size: int, max_width: int) -> list[str]:
    """Greedy wrapping that breaks between words and between any two Chinese characters."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(value.replace("\n", " ")):
        candidate = line + token
        if not line or fonts.width(candidate.rstrip(), size) <= max_width:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
        while line and fonts.width(line.rstrip(), size) > max_width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and fonts.width(line[:cut], size) > max_width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fraction: float,
    colour,
    *,
    back=theme.PANEL_RAISED,
    radius: int | None = None,
) -> None:
    radius = rect.height // 2 if radius is None else radius
    pygame.draw.rect(surface, back, rect, border_radius=radius)
    fraction = min(1.0, max(0.0, fraction))
    if fraction > 0:
        filled = pygame.Rect(rect.left, rect.top, max(rect.height, round(rect.width * fraction)), rect.height)
        pygame.draw.rect(surface, colour, filled, border_radius=radius)


def fit_text(fonts: FontBook, value: str, size: int, max_width: int, *, bold: bool = False) -> str:
    """`value`, shortened with an ellipsis to fit (empty when not even the ellipsis fits)."""
    if fonts.width(value, size, bold=bold) <= max_width:
        return value
    while value and fonts.width(value + "...", size, bold=bold) > max_width:
        value = value[:-1]
    return value + "..." if value else ""
