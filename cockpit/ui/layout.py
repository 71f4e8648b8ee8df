"""Where everything goes, computed from the window size (reference 1920×720; everything scales)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from cockpit.ui.theme import REFERENCE_SIZE
from cockpit.zones import CLIMATE_ZONES

CONTROL_BUTTONS = ("play", "warp1", "warp10", "warp60", "step", "restart", "help")


@dataclass(frozen=True)
class Layout:
    size: tuple[int, int]
    scale: float
    top_bar: pygame.Rect
    cluster: pygame.Rect
    map: pygame.Rect
    assistant: pygame.Rect
    conversation: pygame.Rect
    input_box: pygame.Rect
    seat_chip: pygame.Rect
    climate: pygame.Rect
    climate_zones: dict[str, pygame.Rect]
    climate_buttons: dict[tuple[str, int], pygame.Rect]  # (zone, -1 | +1) → button
    climate_left: pygame.Rect
    climate_right: pygame.Rect
    controls: dict[str, pygame.Rect]
    home: pygame.Rect
    home_tiles: tuple[pygame.Rect, ...]
    card: pygame.Rect  # the proactive card, over the conversation's foot
    card_accept: pygame.Rect
    card_dismiss: pygame.Rect
    conversation_above_card: pygame.Rect
    banner: pygame.Rect  # driver alerts, over the map's foot
    cluster_tell: pygame.Rect
    timeline: pygame.Rect | None = None  # the replay's scrubber strip (None when live)
    timeline_track: pygame.Rect | None = None
    timeline_play: pygame.Rect | None = None

    def px(self, reference_px: float) -> int:
        """A reference length (at 1920×720) in this window's pixels."""
        return max(1, round(reference_px * self.scale))


HOME_TILES = 6
HOME_SHARE, CLUSTER_SHARE, ASSISTANT_SHARE = 0.15, 0.28, 0.30


def compute_layout(width: int, height: int, *, timeline: bool = False) -> Layout:
    width, height = max(width, 320), max(height, 200)
    scale = min(width / REFERENCE_SIZE[0], height / REFERENCE_SIZE[1])

    def px(v: float) -> int:
        return max(1, round(v * scale))

    margin, gap = px(14), px(12)
    top_h, climate_h = px(46), px(124)
    top_bar = pygame.Rect(margin, margin // 2, width - 2 * margin, top_h)
    middle_top = top_bar.bottom + gap // 2
    climate = pygame.Rect(margin, height - margin - climate_h, width - 2 * margin, climate_h)
    timeline_rect = track = play = None
    middle_bottom = climate.top - gap
    if timeline:
        timeline_rect = pygame.Rect(margin, climate.top - gap // 2 - px(60), width - 2 * margin, px(60))
        middle_bottom = timeline_rect.top - gap // 2
        play = pygame.Rect(
            timeline_rect.left + px(10), timeline_rect.top + px(10), px(70), timeline_rect.height - px(20)
        )
        track = pygame.Rect(
            play.right + px(200),
            timeline_rect.top + px(12),
            timeline_rect.right - px(250) - (play.right + px(200)),
            timeline_rect.height - px(24),
        )
    middle_h = middle_bottom - middle_top
    inner_w = width - 2 * margin - 3 * gap
    cluster_w, assistant_w = round(inner_w * CLUSTER_SHARE), round(inner_w * ASSISTANT_SHARE)
    home_w = round(inner_w * HOME_SHARE)
    cluster = pygame.Rect(margin, middle_top, cluster_w, middle_h)
    assistant = pygame.Rect(width - margin - assistant_w, middle_top, assistant_w, middle_h)
    home = pygame.Rect(assistant.left - gap - home_w, middle_top, home_w, middle_h)
    map_rect = pygame.Rect(cluster.right + gap, middle_top, home.left - gap - cluster.right - gap, middle_h)
    tile_top = home.top + px(46)
    tile_gap = px(8)
    tile_h = (home.bottom - px(10) - tile_top - tile_gap * (HOME_TILES - 1)) // HOME_TILES
    home_tiles = tuple(
        pygame.Rect(home.left + px(10), tile_top + i * (tile_h + tile_gap), home.width - px(20), tile_h)
        for i in range(HOME_TILES)
    )
    banner = pygame.Rect(map_rect.left + px(12), map_rect.bottom - px(12) - px(48), map_rect.width - px(24), px(48))
    cluster_tell = pygame.Rect(0, 0, px(190), px(34))
    cluster_tell.midtop = (cluster.centerx, cluster.top + px(14))

    pad = px(14)
    input_h = px(48)
    input_row = pygame.Rect(assistant.left + pad, assistant.bottom - pad - input_h, assistant.width - 2 * pad, input_h)
    chip_w = px(150)
    seat_chip = pygame.Rect(input_row.left, input_row.top, chip_w, input_h)
    input_box = pygame.Rect(seat_chip.right + px(8), input_row.top, input_row.width - chip_w - px(8), input_h)
    conversation = pygame.Rect(
        assistant.left + pad,
        assistant.top + px(52),
        assistant.width - 2 * pad,
        input_row.top - px(10) - (assistant.top + px(52)),
    )
    card_h = min(px(128), conversation.height // 2)
    card = pygame.Rect(conversation.left, conversation.bottom - card_h, conversation.width, card_h)
    button_h = min(px(44), card_h // 2 - px(6))
    button_w = (card.width - px(14) * 3) // 2
    card_accept = pygame.Rect(card.left + px(14), card.bottom - px(12) - button_h, button_w, button_h)
    card_dismiss = pygame.Rect(card_accept.right + px(14), card_accept.top, button_w, button_h)
    conversation_above_card = pygame.Rect(
        conversation.left, conversation.top, conversation.width, card.top - px(8) - conversation.top
    )

    side_w = round(climate.width * 0.2)
    climate_left = pygame.Rect(climate.left, climate.top, side_w, climate.height)
    climate_right = pygame.Rect(climate.right - side_w, climate.top, side_w, climate.height)
    zones_area = pygame.Rect(climate_left.right, climate.top, climate_right.left - climate_left.right, climate.height)
    zone_w = zones_area.width // len(CLIMATE_ZONES)
    climate_zones, climate_buttons = {}, {}
    button = px(56)
    for i, zone in enumerate(CLIMATE_ZONES):
        rect = pygame.Rect(zones_area.left + i * zone_w, climate.top, zone_w, climate.height).inflate(-gap, -gap)
        climate_zones[zone] = rect
        cy = rect.top + round(rect.height * 0.62)
        minus = pygame.Rect(0, 0, button, button)
        minus.center = (rect.left + px(12) + button // 2, cy)
        plus = pygame.Rect(0, 0, button, button)
        plus.center = (rect.right - px(12) - button // 2, cy)
        climate_buttons[(zone, -1)] = minus
        climate_buttons[(zone, +1)] = plus

    controls = {}
    control_h, control_w = top_h - px(10), px(64)
    x = top_bar.right - px(6)
    for name in reversed(CONTROL_BUTTONS):
        w = px(92) if name in ("play", "restart") else control_w
        x -= w
        controls[name] = pygame.Rect(x, top_bar.top + px(5), w, control_h)
        x -= px(6)
    return Layout(
        (width, height),
        scale,
        top_bar,
        cluster,
        map_rect,
        assistant,
        conversation,
        input_box,
        seat_chip,
        climate,
        climate_zones,
        climate_buttons,
        climate_left,
        climate_right,
        controls,
        home,
        home_tiles,
        card,
        card_accept,
        card_dismiss,
        conversation_above_card,
        banner,
        cluster_tell,
        timeline_rect,
        track,
        play,
    )
