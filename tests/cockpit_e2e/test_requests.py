"""Requests the issue named, through the whole cockpit: what reaches the car or the house, and what is said."""

from __future__ import annotations

import pytest

from cockpit.home import plan
from cockpit.home.mqtt import MqttHome
from cockpit.home.rooms import resolve_room
from cockpit.nlu.model import Understanding
from home_sim import House
from runner.home_adapters import EmbeddedHome
from tests.cockpit_e2e.harness import Run, UnderstandingFeed
from vehicle_sim.body import AMBIENT_PALETTE

AMBIENT_COLOUR = "Vehicle.Private.Cabin.Light.AmbientLight.Color"
WIPER_MODE = "Vehicle.Body.Windshield.Front.Wiping.Mode"


@pytest.fixture
def fed(parts):
    feed = UnderstandingFeed()
    run = Run(parts, "parked_at_home", feed)

    def say(intent: str, slots: dict, lang: str = "en", seat: str = "driver"):
        text = f"<{intent} {sorted(slots.items())}>"
        feed.next = Understanding(text, lang, intent, 0.99, dict(slots))
        return run.turn(seat, text)

    yield run, say
    run.close()


def test_the_ambient_light_turns_blue_on_the_car(parts):
    run = Run(parts, "parked_at_home", parts.understander)
    try:
        turn = run.turn("driver", "turn the ambient light blue")
        run.session.advance(run.session.now_s + 1.0)
        assert turn.error is None
        assert [(a["kind"], a["status"], a.get("color")) for a in turn.actions] == [("light.set", "sent", "blue")]
        assert run.session.cockpit.store.last(AMBIENT_COLOUR) == "blue"
        assert turn.replies[0]["text"] == "Setting the ambient light to blue."
    finally:
        run.close()


def test_the_car_and_the_dbc_name_the_same_colours(parts):
    table = parts.codec["CCU_Light_Cmd"].message.get_signal_by_name("AmbientColorRequest").choices
    named = {int(raw): str(name) for raw, name in table.items() if str(name) != "none"}
    assert named == dict(enumerate(AMBIENT_PALETTE))


def test_a_colour_the_car_lacks_is_refused_in_words(fed):
    run, say = fed
    turn = say("light.set", {"target": "ambient", "color": "cyan"}, lang="zh")
    assert turn.actions == []
    assert turn.replies[0]["text"] == "氛围灯没有青色。"


@pytest.mark.parametrize(
    ("spoken", "room"),
    [
        ("living room", "living_room"),
        ("the bedroom", "bedroom"),
        ("the master bedroom", "bedroom"),
        ("客厅", "living_room"),
        ("卧室", "bedroom"),
        ("主卧", "bedroom"),
        ("客厅里", "living_room"),
        ("家里的书房", "study"),
        ("the kitchen's", "kitchen"),
        ("the kids' room", None),
        ("attic", None),
        ("阁楼", None),
    ],
)
def test_rooms_as_spoken_resolve_to_the_houses_rooms(spoken, room):
    rooms = {d.room for d in EmbeddedHome().catalogue().values()}
    assert resolve_room(spoken, rooms) == room


def test_a_house_with_a_kids_room_has_it_by_any_name():
    assert resolve_room("the kids' room", {"kids_room", "bedroom"}) == "kids_room"
    assert resolve_room("儿童房", {"kids_room", "bedroom"}) == "kids_room"
    assert resolve_room("the children's room", {"kids_room"}) == "kids_room"


def test_both_adapters_plan_a_mandarin_room_the_same():
    embedded, mqtt = (
        EmbeddedHome(),
        MqttHome("mqtt://127.0.0.1:1", catalogue=House.default().catalogue(), connect=False),
    )
    try:
        for adapter in (embedded, mqtt):
            commands = plan("home.turn_on", {"device": "ac", "room": "主卧"}, adapter.catalogue())
            assert [(c.device, c.action) for c in commands] == [("bedroom.ac", "turn_on")]
    finally:
        mqtt.close()


def test_a_mandarin_room_command_reaches_the_room(fed):
    run, say = fed
    turn = say("home.turn_on", {"device": "ac", "room": "卧室"}, lang="zh")
    assert [(r["device"], r["status"]) for r in turn.home_results] == [("bedroom.ac", "ok")]
    assert turn.replies[0]["text"] == "正在打开卧室的空调。"


@pytest.mark.parametrize(
    ("lang", "slots", "said"),
    [
        ("en", {"device": "ac", "room": "attic"}, "The house has no AC in the attic."),
        ("zh", {"device": "water_heater", "room": "卧室"}, "家里的卧室没有热水器。"),
        ("en", {"device": "ac", "room": "kitchen"}, "The house has no AC in the kitchen."),
        ("zh", {"device": "ac", "room": "the blue room"}, "家里的blue room没有空调。"),
    ],
)
def test_a_room_without_the_device_is_said_never_claimed(fed, lang, slots, said):
    run, say = fed
    turn = say("home.turn_on", slots, lang=lang)
    assert [a["status"] for a in turn.actions] == ["failed"]
    assert turn.home_results == []
    assert [r["text"] for r in turn.replies] == [said]


def test_a_refused_action_gets_its_reason_not_the_success_reply(fed):
    run, say = fed
    turn = say("climate.set_temperature", {"temperature": 24.0, "zone": "driver"}, seat="rear_left")
    assert [a["status"] for a in turn.actions] == ["refused"]
    assert [r["text"] for r in turn.replies] == ["Sorry, that zone is controlled from the front seats."]


def test_the_volume_goes_down_by_the_amount_said(fed):
    run, say = fed
    media = run.session.cockpit.ports.media
    before = media.level
    turn = say("media.volume", {"direction": "down", "delta": 30.0})
    assert turn.replies[0]["text"] == "Turning the volume down."
    assert media.level == before - 30
    say("media.volume", {"direction": "up"})
    assert media.level == before - 20  # one step without a number
    say("media.volume", {"direction": "down", "delta": 30.0, "level": 25})
    assert media.level == 25  # the level as spoken wins


def test_faster_and_slower_wipers_step_from_the_cars_mode(fed):
    run, say = fed
    store = run.session.cockpit.store
    say("wiper.set", {"state": "on"})
    run.session.advance(run.session.now_s + 0.5)
    assert store.last(WIPER_MODE) == "SLOW"  # VSS: low
    say("wiper.set", {"direction": "up"})
    run.session.advance(run.session.now_s + 0.5)
    assert store.last(WIPER_MODE) == "FAST"  # VSS: high
    say("wiper.set", {"direction": "down"})
    run.session.advance(run.session.now_s + 0.5)
    assert store.last(WIPER_MODE) == "SLOW"  # VSS: low
    turn = say("wiper.set", {"direction": "down"})
    assert turn.replies[0]["text"] == "Wipers set to low."  # slower than slow never switches them off
