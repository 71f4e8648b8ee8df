"""Where everything goes, computed from the window size (reference 1920×720; lengths scale with it).

The SU7's screen, top to bottom: a slim instrument strip; the map across the whole width, with the assistant's
voice overlay on its left, the route card on its right and, when opened, the home panel on its right edge; the
climate bar. The simulator's own controls (the developer bar) sit apart, under the car's screen, only when shown.
A taller window (16:10) gives its extra height to the map and the conversation, not to the strips.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from cockpit.ui.theme import REFERENCE_SIZE
from cockpit.zones import CLIMATE_ZONES

DEV_CONTROLS = (
    "scenario_prev",
    "scenario_open",
    "scenario_next",
    "play",
    "warp1",
    "warp10",
    "warp60",
    "step",
    "restart",
)
HOME_TILES = 6
MIN_TILE_H = 40  # reference pixels: a tile's title and value stay readable
ASSISTANT_SHARE = 0.29  # of the map's width, the voice overlay
HOME_SHARE = 0.18  # of the map's width, the home panel when open
COLLAPSED_SHARE = 0.62  # of the map's height, the voice overlay with its history folded
STRIP_SEGMENTS = (("speed", 0.13), ("gear", 0.12), ("power", 0.2), ("clock", 0.14), ("battery", 0.21), ("tells", 0.2))


@dataclass(frozen=True)
class LayoutOptions:
    """What is open: each changes where things go."""

    timeline: bool = False  # the replay's scrubber
    history: bool = False  # the voice overlay's conversation unfolded
    home: bool = False  # the home panel
    dev_bar: bool = False  # the simulator's controls


@dataclass(frozen=True)
class Layout:
    size: tuple[int, int]
    scale: float
    options: LayoutOptions
    strip: pygame.Rect
    strip_segments: dict[str, pygame.Rect]
    map: pygame.Rect
    map_free: pygame.Rect  # the part of the map no panel covers: the car is kept in its middle
    route_card: pygame.Rect
    banner: pygame.Rect  # driver alerts, over the map's foot
    assistant: pygame.Rect
    assistant_header: pygame.Rect
    history_button: pygame.Rect
    conversation: pygame.Rect
    seat_chip: pygame.Rect
    input_box: pygame.Rect
    card: pygame.Rect  # the proactive card, over the conversation's foot
    card_accept: pygame.Rect
    card_dismiss: pygame.Rect
    conversation_above_card: pygame.Rect
    home: pygame.Rect | None  # None while the panel is closed
    home_tiles: tuple[pygame.Rect, ...]
    climate: pygame.Rect
    climate_left: pygame.Rect
    climate_zones: dict[str, pygame.Rect]
    climate_buttons: dict[tuple[str, int], pygame.Rect]  # (zone, -1 | +1) → button
    climate_right: pygame.Rect
    home_button: pygame.Rect
    dev_bar: pygame.Rect | None
    dev_controls: dict[str, pygame.Rect]
    dev_rows: tuple[pygame.Rect, ...]  # the developer bar's text rows under its buttons
    timeline: pygame.Rect | None = None  # the replay's scrubber strip (None when live)
    timeline_track: pygame.Rect | None = None
    timeline_play: pygame.Rect | None = None

    def px(self, reference_px: float) -> int:
        """A reference length (at 1920×720) in this window's pixels."""
        return max(1, round(reference_px * self.scale))


def compute_layout(width: int, height: int, options: LayoutOptions | None = None, **flags: bool) -> Layout:
    """The layout for a window; `options` (or its fields as keywords) say what is open."""
    options = options or LayoutOptions(**flags)
    width, height = max(width, 320), max(height, 200)
    scale = min(width / REFERENCE_SIZE[0], height / REFERENCE_SIZE[1])

    def px(v: float) -> int:
        return max(1, round(v * scale))

    margin, gap = px(10), px(8)
    inner_w = width - 2 * margin
    strip = pygame.Rect(margin, margin, inner_w, px(78))
    segments = _strip_segments(strip)

    bottom = height - margin
    dev_bar = None
    dev_controls: dict[str, pygame.Rect] = {}
    dev_rows: tuple[pygame.Rect, ...] = ()
    if options.dev_bar:
        dev_bar = pygame.Rect(margin, bottom - px(136), inner_w, px(136))
        bottom = dev_bar.top - gap
        dev_controls, dev_rows = _dev_bar(dev_bar, px)
    climate = pygame.Rect(margin, bottom - px(104), inner_w, px(104))
    middle_bottom = climate.top - gap
    timeline_rect = track = play = None
    if options.timeline:
        timeline_rect = pygame.Rect(margin, middle_bottom - px(60), inner_w, px(60))
        middle_bottom = timeline_rect.top - gap
        play, track = _timeline(timeline_rect, px)
    map_rect = pygame.Rect(margin, strip.bottom + gap, inner_w, middle_bottom - strip.bottom - gap)
    inset = px(12)

    assistant_h = map_rect.height - 2 * inset
    if not options.history:
        assistant_h = max(min(assistant_h, px(230)), round(assistant_h * COLLAPSED_SHARE))
    assistant = pygame.Rect(map_rect.left + inset, 0, round(map_rect.width * ASSISTANT_SHARE), assistant_h)
    assistant.bottom = map_rect.bottom - inset
    home = None
    home_tiles: tuple[pygame.Rect, ...] = ()
    free_right = map_rect.right
    if options.home:
        home_w = round(map_rect.width * HOME_SHARE)
        home = pygame.Rect(map_rect.right - inset - home_w, map_rect.top + inset, home_w, map_rect.height - 2 * inset)
        free_right = home.left
        home_tiles = _home_tiles(home, px)
    map_free = pygame.Rect(assistant.right, map_rect.top, free_right - assistant.right, map_rect.height)
    route_card = pygame.Rect(0, map_rect.top + inset, min(px(380), map_free.width - 2 * inset), px(76))
    route_card.right = free_right - inset
    banner = pygame.Rect(map_free.left + inset, 0, map_free.width - 2 * inset, px(48))
    banner.bottom = map_rect.bottom - inset

    panel = _assistant_panel(assistant, px)
    climate_left, zones, buttons, climate_right, home_button = _climate(climate, px, gap)
    return Layout(
        size=(width, height),
        scale=scale,
        options=options,
        strip=strip,
        strip_segments=segments,
        map=map_rect,
        map_free=map_free,
        route_card=route_card,
        banner=banner,
        assistant=assistant,
        assistant_header=panel.header,
        history_button=panel.history_button,
        conversation=panel.conversation,
        seat_chip=panel.seat_chip,
        input_box=panel.input_box,
        card=panel.card,
        card_accept=panel.card_accept,
        card_dismiss=panel.card_dismiss,
        conversation_above_card=panel.conversation_above_card,
        home=home,
        home_tiles=home_tiles,
        climate=climate,
        climate_left=climate_left,
        climate_zones=zones,
        climate_buttons=buttons,
        climate_right=climate_right,
        home_button=home_button,
        dev_bar=dev_bar,
        dev_controls=dev_controls,
        dev_rows=dev_rows,
        timeline=timeline_rect,
        timeline_track=track,
        timeline_play=play,
    )


def _strip_segments(strip: pygame.Rect) -> dict[str, pygame.Rect]:
    segments, x = {}, strip.left
    for name, share in STRIP_SEGMENTS:
        w = round(strip.width * share) if name != STRIP_SEGMENTS[-1][0] else strip.right - x
        segments[name] = pygame.Rect(x, strip.top, w, strip.height)
        x += w
    return segments


def _timeline(timeline: pygame.Rect, px) -> tuple[pygame.Rect, pygame.Rect]:
    """(play button, track) of the replay's timeline."""
    play = pygame.Rect(timeline.left + px(10), timeline.top + px(10), px(70), timeline.height - px(20))
    track_left = play.right + px(200)
    track = pygame.Rect(
        track_left, timeline.top + px(12), timeline.right - px(250) - track_left, timeline.height - px(24)
    )
    return play, track


@dataclass(frozen=True)
class _AssistantPanel:
    header: pygame.Rect
    history_button: pygame.Rect
    seat_chip: pygame.Rect
    input_box: pygame.Rect
    conversation: pygame.Rect
    card: pygame.Rect
    card_accept: pygame.Rect
    card_dismiss: pygame.Rect
    conversation_above_card: pygame.Rect


def _assistant_panel(assistant: pygame.Rect, px) -> _AssistantPanel:
    """The voice overlay's parts: header with the history button, conversation, the card over its foot, input."""
    pad = px(12)
    header = pygame.Rect(assistant.left + pad, assistant.top + px(8), assistant.width - 2 * pad, px(36))
    history_button = pygame.Rect(0, header.top, px(124), header.height)
    history_button.right = header.right
    input_h = px(46)
    input_row = pygame.Rect(assistant.left + pad, assistant.bottom - pad - input_h, assistant.width - 2 * pad, input_h)
    chip_w = px(130)
    seat_chip = pygame.Rect(input_row.left, input_row.top, chip_w, input_h)
    input_box = pygame.Rect(seat_chip.right + px(8), input_row.top, input_row.width - chip_w - px(8), input_h)
    conversation = pygame.Rect(
        input_row.left, header.bottom + px(6), input_row.width, input_row.top - px(8) - header.bottom - px(6)
    )
    card_h = min(px(124), conversation.height)  # the card wins over older lines
    card = pygame.Rect(conversation.left, conversation.bottom - card_h, conversation.width, card_h)
    button_h = min(px(40), card_h // 2 - px(6))
    button_w = (card.width - px(14) * 3) // 2
    card_accept = pygame.Rect(card.left + px(14), card.bottom - px(10) - button_h, button_w, button_h)
    card_dismiss = pygame.Rect(card_accept.right + px(14), card_accept.top, button_w, button_h)
    conversation_above_card = pygame.Rect(
        conversation.left, conversation.top, conversation.width, max(0, card.top - px(8) - conversation.top)
    )

    return _AssistantPanel(
        header,
        history_button,
        seat_chip,
        input_box,
        conversation,
        card,
        card_accept,
        card_dismiss,
        conversation_above_card,
    )


def _home_tiles(home: pygame.Rect, px) -> tuple[pygame.Rect, ...]:
    """Up to HOME_TILES tiles, as many as fit at a readable height (a small window with every panel open)."""
    top, tile_gap = home.top + px(56), px(8)
    room = home.bottom - px(10) - top
    count = max(1, min(HOME_TILES, (room + tile_gap) // (px(MIN_TILE_H) + tile_gap)))
    tile_h = (room - tile_gap * (count - 1)) // count
    return tuple(
        pygame.Rect(home.left + px(10), top + i * (tile_h + tile_gap), home.width - px(20), tile_h)
        for i in range(count)
    )


def _climate(climate: pygame.Rect, px, gap: int):
    side_w = round(climate.width * 0.15)
    right_w = round(climate.width * 0.2)
    home_w = round(climate.width * 0.08)
    left = pygame.Rect(climate.left, climate.top, side_w, climate.height)
    home_button = pygame.Rect(climate.right - home_w, climate.top, home_w, climate.height).inflate(-gap, -gap)
    right = pygame.Rect(climate.right - home_w - right_w, climate.top, right_w, climate.height)
    zones_area = pygame.Rect(left.right, climate.top, right.left - left.right, climate.height)
    zone_w = zones_area.width // len(CLIMATE_ZONES)
    zones, buttons = {}, {}
    button = px(50)
    for i, zone in enumerate(CLIMATE_ZONES):
        rect = pygame.Rect(zones_area.left + i * zone_w, climate.top, zone_w, climate.height).inflate(-gap, -gap)
        zones[zone] = rect
        cy = rect.top + round(rect.height * 0.64)
        minus = pygame.Rect(0, 0, button, button)
        minus.center = (rect.left + px(10) + button // 2, cy)
        plus = pygame.Rect(0, 0, button, button)
        plus.center = (rect.right - px(10) - button // 2, cy)
        buttons[(zone, -1)] = minus
        buttons[(zone, +1)] = plus
    return left, zones, buttons, right, home_button


def _dev_bar(bar: pygame.Rect, px) -> tuple[dict[str, pygame.Rect], tuple[pygame.Rect, ...]]:
    pad = px(8)
    row_h = px(40)
    controls: dict[str, pygame.Rect] = {}
    x = bar.left + px(70)  # after the "DEV" tag
    widths = {"scenario_prev": 36, "scenario_next": 36, "scenario_open": 300, "play": 86, "restart": 92}
    for name in DEV_CONTROLS:
        w = px(widths.get(name, 62))
        controls[name] = pygame.Rect(x, bar.top + pad, w, row_h)
        x += w + px(20 if name == "scenario_next" else 6)
    text_top = bar.top + pad + row_h + px(4)
    row = (bar.bottom - pad - text_top) // 3
    rows = tuple(pygame.Rect(bar.left + px(12), text_top + i * row, bar.width - px(24), row) for i in range(3))
    controls["status"] = pygame.Rect(x + px(8), bar.top + pad, bar.right - px(12) - x - px(8), row_h)
    return controls, rows
