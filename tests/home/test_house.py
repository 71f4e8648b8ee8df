"""The simulated house: physics on the sim clock, capabilities, names, initial states."""

from __future__ import annotations

import pytest

from home_sim import House, HouseError, home_name_predicate


def test_ac_warms_a_cold_living_room_over_minutes_not_seconds():
    house = House.default(outside_temp=-3)
    house.set_states({"living_room.ac": "off", "living_room.temperature": 10})
    assert house.apply("living_room.ac", "set_temperature", {"temperature": 22}).ok
    assert house.state("living_room.ac.mode") == "heat"  # set point above the room: switched on to heat
    house.step(60)
    after_1_min = house.state("living_room.temperature")
    assert 10.1 < after_1_min < 11.5
    assert house.state("living_room.ac.hvac_action") == "heating"
    house.step(9 * 60)
    assert 12 < house.state("living_room.temperature") < 17
    house.step(50 * 60)
    assert abs(house.state("living_room.temperature") - 22) <= 0.3  # holds the set point, no overshoot
    assert house.state("living_room.ac.current_temperature") == house.state("living_room.temperature")


def test_a_room_without_heating_drifts_towards_outside():
    house = House.default(outside_temp=-3, indoor_temp=18)
    house.step(3600)
    assert 5 < house.state("bedroom.temperature") < 17


def test_cooling_in_summer():
    house = House.default(outside_temp=35, indoor_temp=31)
    house.apply("bedroom.ac", "set_mode", {"mode": "cool"})
    house.apply("bedroom.ac", "set_temperature", {"temperature": 24})
    house.step(40 * 60)
    assert house.state("bedroom.temperature") < 25
    assert house.state("bedroom.ac.hvac_action") == "cooling"


def test_garage_takes_about_12_seconds_to_open():
    house = House.default()
    assert house.state("garage") == "closed"
    assert house.apply("garage", "open").ok
    assert house.state("garage.state") == "opening"
    house.step(6)
    assert house.state("garage.state") == "opening"
    assert 45 <= house.state("garage.position") <= 55
    house.step(5.9)
    assert house.state("garage.state") == "opening"
    house.step(0.2)
    assert house.state("garage.state") == "open" and house.state("garage.position") == 100
    house.apply("garage", "close")
    house.step(3)
    house.apply("garage", "stop")
    assert house.state("garage") == "stopped"


def test_water_heater_warms_over_tens_of_minutes():
    house = House.default()
    house.apply("kitchen.water_heater", "turn_on")
    house.step(600)
    ten_min = house.state("kitchen.water_heater.temperature")
    assert 22 < ten_min < 30
    house.step(3 * 3600)
    assert house.state("kitchen.water_heater.temperature") == pytest.approx(55, abs=0.5)


def test_robot_vacuum_cleans_then_docks():
    house = House.default()
    house.apply("living_room.robot_vacuum", "start")
    house.step(60)
    assert house.state("living_room.robot_vacuum") == "cleaning"
    house.step(1800)
    assert house.state("living_room.robot_vacuum") == "docked"


def test_capabilities_refuse_an_unsupported_action_and_bad_data():
    house = House.default()
    refused = house.apply("garage", "set_position", {"position": 50})
    assert not refused.ok and "does not support 'set_position'" in refused.reason
    assert not house.apply("living_room.light", "set_temperature", {"temperature": 22}).ok
    bad = house.apply("living_room.ac", "set_temperature", {"temperature": 80})
    assert not bad.ok and "outside" in bad.reason
    assert not house.apply("living_room.ac", "set_temperature", {}).ok
    assert not house.apply("living_room.ac", "set_mode", {"mode": "dry"}).ok
    assert not house.apply("living_room.ac", "turn_on", {"colour": "red"}).ok
    assert "did you mean" in house.apply("living_room.acc", "turn_on").reason
    assert house.take_changes() == {}  # nothing moved


def test_names_and_state_lookup():
    house = House.default()
    names = set(house.names())
    assert {
        "living_room.ac",
        "living_room.ac.mode",
        "garage",
        "garage.state",
        "garage.light",
        "entrance.lock",
        "living_room.temperature",
        "kitchen.water_heater.temperature",
    } <= names
    assert house.state("garage.light") == "off" and house.state("entrance.lock") == "locked"
    accepts = home_name_predicate(house)
    assert accepts("home.living_room.ac") and accepts("home.living_room.ac.mode") and accepts("home.garage")
    assert not accepts("home.living_room.ac.colour") and not accepts("living_room.ac") and not accepts("home.")
    with pytest.raises(HouseError, match="did you mean"):
        house.state("living_room.ac.mood")


def test_scenario_initial_states():
    house = House.from_config(
        {
            "initial": {
                "living_room.ac": "off",
                "garage": "open",
                "living_room.light": "on",
                "kitchen.water_heater.temperature": 45,
            }
        }
    )
    assert house.state("living_room.ac.mode") == "off"
    assert house.state("garage") == "open" and house.state("garage.position") == 100
    assert house.state("living_room.light") == "on"
    assert house.state("kitchen.water_heater.temperature") == 45
    house.set_states({"living_room.ac": "heat", "living_room.ac.target_temperature": 25})
    assert house.state("living_room.ac.mode") == "heat"
    for bad in (
        {"garage": "ajar"},
        {"living_room.ac": "dry"},
        {"living_room.ac.hvac_action": "idle"},
        {"living_room.temperature": "warm"},
        {"attic.light": "on"},
    ):
        with pytest.raises(HouseError):
            house.set_states(bad)


def test_bad_config_is_an_error_with_a_hint():
    with pytest.raises(HouseError, match="unknown device type 'sauna'"):
        House.from_config({"rooms": {"bath": {"devices": ["sauna"]}}})
    with pytest.raises(HouseError, match="unknown house key"):
        House.from_config({"room": {}})
    with pytest.raises(HouseError, match="unknown parameter"):
        House.from_config({"rooms": {"bath": {"devices": [{"type": "light", "wattage": 9}]}}})


def test_same_commands_same_trajectory():
    def run() -> list:
        house = House.default(outside_temp=2)
        house.apply("bedroom.ac", "set_temperature", {"temperature": 24})
        out = []
        for _ in range(300):
            house.step(0.1)
            out.append(house.take_changes())
        return out

    assert run() == run()
