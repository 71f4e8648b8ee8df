"""The SU7-like layout: a slim strip on top, the map across the middle (at least half the width left free
whatever is open), the climate bar at the bottom, the developer bar apart under it; 16:10 gives the map its
extra height."""

from __future__ import annotations

import itertools

import pytest

from cockpit.ui.layout import LayoutOptions, compute_layout

SIZES = [(1920, 720), (1280, 480), (1440, 900)]
EVERY_OPTION = [
    LayoutOptions(timeline=t, history=h, home=o, dev_bar=d) for t, h, o, d in itertools.product((False, True), repeat=4)
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("options", EVERY_OPTION, ids=str)
def test_regions_stack_and_the_map_keeps_half_the_width(size, options):
    layout = compute_layout(*size, options)
    window = layout.strip.unionall([layout.map, layout.climate])
    assert window.right <= size[0] and window.bottom <= size[1]
    assert layout.strip.bottom < layout.map.top and layout.map.bottom < layout.climate.top
    assert layout.strip.height < layout.map.height // 3, "the strip stays slim"
    assert layout.map_free.width >= size[0] // 2
    assert layout.map.contains(layout.assistant) and layout.map.contains(layout.route_card)
    assert not layout.route_card.colliderect(layout.assistant)
    for rect in (layout.conversation, layout.input_box, layout.seat_chip, layout.history_button):
        assert layout.assistant.contains(rect)
    if options.home:
        assert layout.map.contains(layout.home) and not layout.home.colliderect(layout.route_card)
    if options.dev_bar:
        assert layout.dev_bar.top > layout.climate.bottom, "the simulator's bar is apart, under the car's screen"
        assert all(layout.dev_bar.contains(r) for r in layout.dev_controls.values())
    else:
        assert layout.dev_bar is None
    if options.timeline:
        assert layout.map.bottom < layout.timeline.top < layout.climate.top


def test_a_16_10_window_gives_its_height_to_the_map_and_the_history():
    wide, tall = compute_layout(1920, 720), compute_layout(1440, 900)
    assert tall.map.height / 900 > wide.map.height / 720 + 0.1
    assert compute_layout(1440, 900, history=True).conversation.height > tall.conversation.height
    assert compute_layout(1920, 720, history=True).conversation.height > wide.conversation.height * 1.3
