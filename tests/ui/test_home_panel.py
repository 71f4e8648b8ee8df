"""The smart-home panel: the main devices' tiles follow the house."""

from __future__ import annotations

from cockpit.ui.home_tiles import home_tiles, pick_tiles
from home_sim.house import House


def test_tiles_pick_the_main_devices_and_read_their_state():
    house = House.default()
    specs = pick_tiles(house.catalogue())
    assert [s.kind for s in specs] == ["ac", "garage_door", "light", "water_heater", "lock", "gate"]
    house.set_states({"living_room.ac": "heat", "garage": "open", "entrance.light": "on"})
    tiles = {t.key: t for t in home_tiles(specs, house.state)}
    assert tiles["living_room.ac"].value == "heat" and "room 18.0°C" in tiles["living_room.ac"].detail
    assert tiles["garage"].value == "open" and tiles["garage"].active
    assert tiles["lights"].value.startswith("1/") and "entrance" in tiles["lights"].detail
    assert tiles["entrance.lock"].value == "locked" and not tiles["entrance.lock"].active


def test_home_panel_opens_from_its_button_and_the_o_key_at_every_size(make_app):
    import pygame

    for size in ((1280, 480), (1920, 720), (1440, 900)):
        app = make_app(size=size)
        app.frame(1 / 30)
        assert len(app.scene.state.home) == 6
        assert app.scene.layout.home is None  # closed: the map has the room
        button = app.scene.layout.home_button
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=button.center))
        app.frame(0.0)
        layout = app.scene.layout
        assert layout.home is not None and all(layout.home.contains(r) for r in layout.home_tiles)
        assert len(layout.home_tiles) == 6 and layout.home_tiles[0].height >= 30
        assert layout.map.contains(layout.home)
        assert layout.map_free.width >= size[0] // 2, "the map keeps about half the width"
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_o, mod=0, unicode="o"))
        app.frame(0.0)
        assert app.scene.layout.home is None


def test_tiles_speak_the_drivers_language(make_app, monkeypatch):
    from cockpit.ui.widgets import draw
    from cockpit.ui.words import home_words

    assert home_words("Garage", "zh") == "车库" and home_words("Garage", "en") == "Garage"
    assert home_words("1/6 on", "zh") == "1/6 开" and home_words("room 18.0°C", "zh") == "室温 18.0°C"
    app = make_app(size=(1440, 900))
    app.controller.say("driver", "把空调调到二十二度")
    app.scene.home_open = True
    drawn: list[str] = []
    original = draw.text

    def recording(surface, fonts, value, *args, **kwargs):
        drawn.append(value)
        return original(surface, fonts, value, *args, **kwargs)

    monkeypatch.setattr(draw, "text", recording)
    app.frame(1 / 30)
    assert "车库" in drawn and "Garage" not in drawn
