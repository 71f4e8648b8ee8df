"""Colours and sizes of the dark cockpit theme. Sizes are for the 1920×720 reference screen, scaled at use."""

from __future__ import annotations

REFERENCE_SIZE = (1920, 720)
MINIMUM_SIZE = (1280, 480)

Colour = tuple[int, int, int]

BACKGROUND: Colour = (7, 10, 15)
PANEL: Colour = (16, 21, 29)
PANEL_RAISED: Colour = (24, 31, 42)
PANEL_EDGE: Colour = (36, 46, 60)
TEXT: Colour = (232, 238, 245)
TEXT_DIM: Colour = (128, 142, 160)
TEXT_FAINT: Colour = (72, 84, 100)
ACCENT: Colour = (255, 105, 0)  # Xiaomi orange
INFO: Colour = (64, 190, 255)
REGEN: Colour = (52, 214, 150)
POWER: Colour = (255, 140, 60)
WARNING: Colour = (255, 184, 28)
ALERT: Colour = (255, 77, 79)
ROAD: Colour = (74, 88, 110)  # roads stand out from the map's near-black ground
ROAD_MAJOR: Colour = (122, 138, 164)
ROAD_CASING: Colour = (30, 37, 48)
ROUTE: Colour = (64, 190, 255)
USER_BUBBLE: Colour = (30, 58, 92)
ASSISTANT_BUBBLE: Colour = (34, 40, 52)
HEAT: Colour = (255, 110, 60)
COLD: Colour = (90, 170, 255)

PLACE_COLOURS: dict[str, Colour] = {
    "home": (255, 105, 0),
    "office": (170, 140, 255),
    "charger": (52, 214, 150),
    "rest_area": (52, 214, 150),
    "coffee": (214, 160, 110),
    "restaurant": (255, 120, 120),
    "parking": (120, 160, 255),
    "gas": (255, 200, 90),
    "toilet": (150, 170, 190),
    "poi": (150, 200, 230),
    "city": (230, 230, 230),
}

# Reference font sizes (pixels at 1920×720).
FONT_TINY, FONT_SMALL, FONT_BODY, FONT_LARGE, FONT_TITLE = 15, 18, 21, 28, 36
FONT_SPEED = 150
