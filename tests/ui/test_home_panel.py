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


def test_live_dashboard_shows_home_tiles_at_small_size(make_app):
    app = make_app(size=(1280, 480))
    app.frame(1 / 30)
    state = app.scene.state
    assert len(state.home) == 6
    layout = app.scene.layout
    assert all(layout.home.contains(r) for r in layout.home_tiles)
    assert layout.home_tiles[0].height >= 30
    assert layout.map.width >= 250 and not layout.map.colliderect(layout.home)
