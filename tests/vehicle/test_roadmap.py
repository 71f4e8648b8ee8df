from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap import MapFormatError, RoadMap, UnknownPlaceError, load_map, parse_map
from roadmap.geo import great_circle_m
from roadmap.map import DEFAULT_MAP_PATH, ROAD_CLASS_LIMITS


def test_default_map_has_the_places_scenarios_need(roadmap: RoadMap) -> None:
    kinds = [p.kind for p in roadmap.places.values()]
    assert roadmap.place("home").kind == "home"
    assert roadmap.place("office").kind == "office"
    chargers = [p for p in roadmap.places.values() if p.kind == "charger"]
    assert len(chargers) >= 3
    assert {120.0, 250.0, 480.0} <= {p.charger_kw for p in chargers}
    assert kinds.count("coffee") >= 2 and "restaurant" in kinds and "parking" in kinds
    rest_areas = roadmap.places_of_kind("rest_area")
    assert len(rest_areas) >= 2 and any(p.charger_kw for p in rest_areas)
    assert "gas" in kinds or "toilet" in kinds
    assert roadmap.find_place("school") is not None


def test_place_ids_are_unique_and_fit_a_can_value_table(roadmap: RoadMap) -> None:
    ids = [p.id for p in roadmap.places.values()]
    assert len(ids) == len(set(ids))
    assert all(1 <= i <= 254 for i in ids)
    assert roadmap.place_by_id(roadmap.place("office").id).name == "office"


def test_far_city_is_a_long_drive_away(roadmap: RoadMap) -> None:
    home, far = roadmap.place("home"), roadmap.place("jinan_hotel")
    assert 250_000 <= great_circle_m(home.lat, home.lon, far.lat, far.lon) <= 400_000
    assert 39.7 < home.lat < 39.9 and 116.4 < home.lon < 116.6  # Yizhuang


def test_licence_note_in_map_header() -> None:
    header = DEFAULT_MAP_PATH.read_text(encoding="utf-8").split("\n\n")[0]
    assert "Apache-2.0" in header and "original work" in header


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("家", "home"),
        ("Home", "home"),
        ("公司", "office"),
        ("work", "office"),
        ("jinan", "jinan_hotel"),
        ("charger super 480", "charger_super_480"),
        ("超充", "charger_super_480"),
    ],
)
def test_find_place_by_name_or_alias(roadmap: RoadMap, text: str, name: str) -> None:
    place = roadmap.find_place(text)
    assert place is not None and place.name == name


def test_unknown_place_lists_known_names(roadmap: RoadMap) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        roadmap.place("atlantis")
    assert "home" in str(info.value) and "atlantis" in str(info.value)
    assert roadmap.find_place("atlantis") is None
    with pytest.raises(ValueError):  # bad arguments are ValueErrors too
        roadmap.shortest_path("home", "atlantis")


def test_nearest_charger_to_home_is_the_rongjing_one(roadmap: RoadMap) -> None:
    home = roadmap.place("home")
    assert roadmap.nearest("charger", home.lat, home.lon).name == "charger_rongjing_120"
    office = roadmap.place("office")
    assert roadmap.nearest("coffee", office.lat, office.lon).name == "coffee_kechuang"


def test_commute_route_is_connected_and_uses_several_road_classes(roadmap: RoadMap) -> None:
    route = roadmap.shortest_path("home", "office")
    assert route.nodes[0] == "home" and route.nodes[-1] == "office"
    for a, b in zip(route.segments, route.segments[1:], strict=False):
        assert a.end_node == b.start_node
    assert 3_000 < route.total_length_m < 15_000
    assert len({s.road_class for s in route.segments}) >= 2
    for seg in route.segments:
        low, high = ROAD_CLASS_LIMITS[seg.road_class]
        assert low <= seg.speed_limit_kph <= high
    assert route.nominal_duration_s == pytest.approx(
        sum(s.length_m / (s.speed_limit_kph / 3.6) for s in route.segments)
    )


def test_route_via_a_charger_visits_it(roadmap: RoadMap) -> None:
    direct = roadmap.shortest_path("home", "jinan_hotel")
    via = roadmap.shortest_path("home", "jinan_hotel", via=["charger_super_480"])
    assert "charger_super_480" in via.nodes and "charger_super_480" not in direct.nodes
    assert via.total_length_m > direct.total_length_m
    assert 350_000 < direct.total_length_m < 480_000


@settings(max_examples=60, deadline=None)
@given(fraction=st.floats(min_value=-0.1, max_value=1.1))
def test_position_along_route_stays_on_its_geometry(roadmap: RoadMap, fraction: float) -> None:
    route = roadmap.shortest_path("home", "office")
    lat, lon, heading, index = route.position_at(fraction * route.total_length_m)
    lats = [p[0] for s in route.segments for p in s.polyline]
    lons = [p[1] for s in route.segments for p in s.polyline]
    assert min(lats) - 1e-9 <= lat <= max(lats) + 1e-9
    assert min(lons) - 1e-9 <= lon <= max(lons) + 1e-9
    assert 0 <= heading < 360 and 0 <= index < len(route.segments)


def test_position_at_ends_matches_places(roadmap: RoadMap) -> None:
    route = roadmap.shortest_path("home", "office")
    home, office = roadmap.place("home"), roadmap.place("office")
    assert route.position_at(0)[:2] == pytest.approx((home.lat, home.lon))
    assert route.position_at(route.total_length_m)[:2] == pytest.approx((office.lat, office.lon))


def test_malformed_map_is_rejected(tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULT_MAP_PATH.read_text(encoding="utf-8"))
    data["roads"].append({"from": "home", "to": "office", "class": "residential", "speed_limit": 120})
    with pytest.raises(MapFormatError, match="outside residential"):
        parse_map(data)
    bad = tmp_path / "bad.yaml"
    bad.write_text("places: [{name: x}]\nroad_classes: {}\nroads: []\n", encoding="utf-8")
    with pytest.raises(MapFormatError):
        load_map(bad)
