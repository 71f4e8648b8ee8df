"""The assistant as a voice overlay on the map: what was last said (or the whole history, unfolded and
scrollable), the assistant's suggestion card, and the seat chip with the typing box.

Every bubble carries one label style: who spoke and the clock time ("Driver · 17:42", "Assistant · 17:42").
"""

from __future__ import annotations

from datetime import timedelta

import pygame

from cockpit.ui import theme
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout
from cockpit.ui.view_model import ConversationLine, DashboardState
from cockpit.ui.widgets import draw
from cockpit.ui.widgets.text_input import TextInput

SPEAKER_COLOURS = {"user": theme.USER_BUBBLE, "assistant": theme.ASSISTANT_BUBBLE}
OVERLAY_COLOUR = (12, 16, 23)
BUBBLE_SHARE = 0.84  # of the conversation's width
SCROLL_STEP = 60  # reference pixels per wheel notch
WRAP_CACHE_LIMIT = 500


def clock_of(state: DashboardState, time_s: float) -> str:
    """The local clock time at `time_s` of the run ("17:42"), from the clock at the state's time."""
    if state.local_time is None:
        minutes, seconds = divmod(int(time_s), 60)
        return f"{minutes:02d}:{seconds:02d}"
    return f"{state.local_time - timedelta(seconds=state.time_s - time_s):%H:%M}"


class VoiceOverlay:
    def __init__(self, fonts: FontBook) -> None:
        self.fonts = fonts
        self.scroll_px = 0  # how far the history is scrolled up from its newest line
        self._max_scroll_px = 0
        self._wrapped: dict[tuple, list[str]] = {}
        self._ground: tuple[tuple, pygame.Surface] | None = None

    def scroll(self, notches: int, layout: Layout) -> None:
        """Wheel up (positive) shows older lines; back down to the newest stops there."""
        self.scroll_px = max(0, min(self._max_scroll_px, self.scroll_px + notches * layout.px(SCROLL_STEP)))

    def draw(
        self,
        surface: pygame.Surface,
        state: DashboardState,
        layout: Layout,
        words,
        *,
        text_input: TextInput,
        interactive: bool,
        status: str = "",
    ) -> None:
        px, rect = layout.px, layout.assistant
        surface.blit(self._shade(rect.size, px(16)), rect.topleft)
        pygame.draw.rect(surface, theme.PANEL_EDGE, rect, width=1, border_radius=px(16))
        self._header(surface, layout, words, status)
        history = layout.options.history
        area = layout.conversation if state.card is None else layout.conversation_above_card
        self._conversation(surface, state, layout, area, words, history)
        if state.card is not None:
            self._card(surface, state, layout, words, interactive)
        self._input(surface, layout, words, text_input, interactive)

    def _shade(self, size: tuple[int, int], radius: int) -> pygame.Surface:
        """The overlay's see-through ground (the map shows faintly under it), made once per size."""
        if self._ground is None or self._ground[0] != (size, radius):
            shade = pygame.Surface(size, pygame.SRCALPHA)
            pygame.draw.rect(shade, (*OVERLAY_COLOUR, 232), shade.get_rect(), border_radius=radius)
            self._ground = ((size, radius), shade)
        return self._ground[1]

    def _header(self, surface, layout: Layout, words, status: str) -> None:
        px, fonts, header, button = layout.px, self.fonts, layout.assistant_header, layout.history_button
        title = draw.text(
            surface,
            fonts,
            words["assistant"],
            px(theme.FONT_BODY),
            theme.TEXT,
            (header.left, header.centery),
            anchor="midleft",
            bold=True,
            box=header,
        )
        room = button.left - title.right - px(20)
        if status and room > px(30):
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, status, px(theme.FONT_TINY), room),
                px(theme.FONT_TINY),
                theme.INFO,
                (title.right + px(12), header.centery),
                anchor="midleft",
                box=header,
            )
        opened = layout.options.history
        draw.panel(surface, button, colour=theme.ACCENT if opened else theme.PANEL_RAISED, radius=px(10), edge=None)
        label = words["history_close" if opened else "history_open"]
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, label, px(theme.FONT_TINY), button.width - px(10), bold=True),
            px(theme.FONT_TINY),
            theme.BACKGROUND if opened else theme.TEXT,
            button.center,
            anchor="center",
            bold=True,
            box=button,
        )

    def _lines(self, line: ConversationLine, size: int, width: int) -> list[str]:
        key = (line.time_s, line.speaker, line.text, size, width)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > WRAP_CACHE_LIMIT:
                self._wrapped.clear()
            lines = self._wrapped[key] = draw.wrap(self.fonts, line.text, size, width)
        return lines

    def _conversation(self, surface, state: DashboardState, layout: Layout, area, words, history: bool) -> None:
        px, fonts = layout.px, self.fonts
        if area.height <= 0:
            return
        size, small = px(theme.FONT_BODY), px(theme.FONT_TINY)
        line_h, tag_h = fonts.line_height(size), fonts.line_height(small)
        bubble_w = round(area.width * BUBBLE_SHARE)
        pad = px(10)
        if not state.conversation:
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, words["empty_conversation"], px(theme.FONT_TINY), area.width - px(8)),
                px(theme.FONT_TINY),
                theme.TEXT_FAINT,
                area.center,
                anchor="center",
                box=area,
            )
            self._max_scroll_px = 0
            return
        offset = self.scroll_px if history else 0
        previous_clip = surface.get_clip()
        surface.set_clip(area)
        y, content_h = area.bottom + offset, 0
        for line in reversed(state.conversation):
            lines = self._lines(line, size, bubble_w - 2 * pad)
            height = len(lines) * line_h + 2 * pad
            text_w = max(fonts.width(t, size) for t in lines)
            box = pygame.Rect(0, 0, min(bubble_w, text_w + 2 * pad), height)
            user = line.speaker == "user"
            y -= height
            box.top = y
            if user:
                box.right = area.right
            else:
                box.left = area.left
            content_h += height + tag_h + px(8)
            if box.bottom > area.top and box.top < area.bottom:
                pygame.draw.rect(
                    surface, SPEAKER_COLOURS.get(line.speaker, theme.PANEL_RAISED), box, border_radius=px(12)
                )
                for i, text in enumerate(lines):
                    top = box.top + pad + i * line_h
                    if area.top <= top and top + line_h <= area.bottom:  # only whole lines: nothing cut at the edge
                        draw.text(surface, fonts, text, size, theme.TEXT, (box.left + pad, top), box=area)
            who = words.get(line.seat or "", line.seat or "") if user else words["assistant"]
            y -= tag_h
            if area.top <= y and y + tag_h <= area.bottom:
                draw.text(
                    surface,
                    fonts,
                    draw.fit_text(fonts, f"{who} · {clock_of(state, line.time_s)}", small, area.width),
                    small,
                    theme.TEXT_DIM,
                    (box.right if user else box.left, y),
                    anchor="topright" if user else "topleft",
                    box=area,
                )
            y -= px(8)
            if y < area.top and not history:
                break
        surface.set_clip(previous_clip)
        self._max_scroll_px = max(0, content_h - area.height) if history else 0
        self.scroll_px = min(self.scroll_px, self._max_scroll_px)

    def _card(self, surface, state: DashboardState, layout: Layout, words, interactive: bool) -> None:
        px, fonts, card = layout.px, self.fonts, layout.card
        info = state.card
        if info is None:
            return
        draw.panel(surface, card, colour=theme.PANEL_RAISED, radius=px(14), edge=theme.ACCENT, width=px(2))
        left, width = card.left + px(14), card.width - px(28)
        waited = max(0.0, state.time_s - info.offered_s)
        tiny = px(theme.FONT_TINY)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, f"{words['suggestion']}  ·  {waited:.0f} s", tiny, width),
            tiny,
            theme.ACCENT,
            (left, card.top + px(8)),
            box=card,
        )
        size = px(theme.FONT_BODY)
        text_top = card.top + px(8) + fonts.line_height(tiny)
        room = max(1, (layout.card_accept.top - px(2) - text_top) // fonts.line_height(size))
        lines = draw.wrap(fonts, info.text, size, width)
        if len(lines) > room:
            lines = lines[: room - 1] + [draw.fit_text(fonts, " ".join(lines[room - 1 :]), size, width, bold=True)]
        for i, line in enumerate(lines):
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, line, size, width, bold=True),
                size,
                theme.TEXT,
                (left, text_top + i * fonts.line_height(size)),
                bold=True,
                box=card,
            )
        for rect, label, colour in (
            (layout.card_accept, words["accept"], theme.ACCENT),
            (layout.card_dismiss, words["dismiss"], theme.PANEL_EDGE),
        ):
            draw.panel(surface, rect, colour=colour if interactive else theme.PANEL, radius=px(10), edge=None)
            small = px(theme.FONT_SMALL)
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, label, small, rect.width - px(8), bold=True),
                small,
                (theme.BACKGROUND if colour == theme.ACCENT else theme.TEXT) if interactive else theme.TEXT_DIM,
                rect.center,
                anchor="center",
                bold=True,
                box=rect,
            )

    def _input(self, surface, layout: Layout, words, ti: TextInput, interactive: bool) -> None:
        px, fonts, box, chip = layout.px, self.fonts, layout.input_box, layout.seat_chip
        small, size = px(theme.FONT_SMALL), px(theme.FONT_BODY)
        if not interactive:  # a replay: what was said is in the conversation, nothing to type
            row = chip.union(box)
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, words["read_only"], small, row.width),
                small,
                theme.TEXT_FAINT,
                (row.left, row.centery),
                anchor="midleft",
                box=row,
            )
            return
        draw.panel(surface, chip, colour=theme.PANEL_RAISED, radius=px(10), edge=None)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, words[ti.seat], small, chip.width - px(10), bold=True),
            small,
            theme.ACCENT,
            chip.center,
            anchor="center",
            bold=True,
            box=chip,
        )
        draw.panel(
            surface,
            box,
            colour=theme.BACKGROUND,
            radius=px(10),
            edge=theme.ACCENT if ti.focused else theme.PANEL_EDGE,
            width=px(2) if ti.focused else 1,
        )
        room = box.width - px(30)
        if ti.text or ti.composition or ti.focused:
            shown = ti.text + ti.composition
            while shown and fonts.width(shown, size) > room:
                shown = shown[1:]  # the end of what is typed stays in view
            rect = draw.text(
                surface, fonts, shown, size, theme.TEXT, (box.left + px(12), box.centery), anchor="midleft", box=box
            )
            if ti.focused:
                x = rect.right + px(2)
                pygame.draw.line(surface, theme.ACCENT, (x, box.top + px(10)), (x, box.bottom - px(10)), px(2))
        else:
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, words["talk_hint"], size, room),
                size,
                theme.TEXT_FAINT,
                (box.left + px(12), box.centery),
                anchor="midleft",
                box=box,
            )
