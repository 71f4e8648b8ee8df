"""Map labels: in words, whole inside the map, never on top of each other, at every supported size."""

from __future__ import annotations

import pytest

from cockpit.ui.widgets.map_view import place_label, place_names


@pytest.mark.parametrize("size", [(1920, 720), (1280, 480), (1440, 900)])
def test_labels_never_overlap_nor_leave_the_map(make_app, size):
    app = make_app(size=size)
    for _ in range(3):
        app.frame(1 / 30)
    labels = app.scene.map_view.label_rects
    assert labels, "no place label was drawn"
    area = app.scene.map_view.view_rect
    assert all(area.contains(rect) for rect in labels), "a label is cut off at the map's edge"
    for index, rect in enumerate(labels):
        assert rect.collidelist(labels[index + 1 :]) == -1, (rect, labels)
    layout = app.scene.layout
    for panel in (layout.assistant, layout.route_card):
        assert panel.collidelist(labels) == -1, "a label is under a panel on the map"


def test_place_names_are_words_not_ids(parts):
    names = place_names(parts.roadmap)
    assert names and all("_" not in name for name in names.values())
    charger = next(p for p in parts.roadmap.places.values() if p.charger_kw)
    assert place_label(charger).endswith(f"{charger.charger_kw:g} kW")


def test_labels_follow_the_drivers_language(parts):
    from types import SimpleNamespace

    from cockpit.ui.view_model import ConversationLine
    from cockpit.ui.widgets.map_view import driver_language

    home = next(p for p in parts.roadmap.places.values() if p.kind == "home")
    assert place_label(home, "zh") == "家" and place_label(home, "en") == "Home"
    said = (
        ConversationLine(1.0, "user", "driver", "回家", "zh"),
        ConversationLine(2.0, "assistant", None, "好的", "zh"),
    )
    assert driver_language(SimpleNamespace(conversation=said)) == "zh"
    assert driver_language(SimpleNamespace(conversation=())) == "en"


def test_the_map_follows_the_car_and_zooms_out_on_a_fast_road(make_app):
    from cockpit.ui.widgets.map_view import CITY_HALF_SPAN_KM, ROAD_HALF_SPAN_KM, half_span_km

    app = make_app(size=(1920, 720))
    app.controller.set_warp(60.0)
    seen = set()
    for _ in range(40):
        app.frame(1 / 10)
        assert app.scene.state.position is not None
        free = app.scene.layout.map_free
        middle_half = free.inflate(-free.width // 2, -free.height // 2)
        assert middle_half.collidepoint(app.scene.map_view.car_at), "the car left the middle of the free map"
        seen.add(app.scene.state.position)
    assert len(seen) > 5, "the car did not move: nothing was followed"
    assert half_span_km(30.0) == CITY_HALF_SPAN_KM < ROAD_HALF_SPAN_KM == half_span_km(110.0)
