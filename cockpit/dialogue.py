"""The dialogue manager: an understood utterance + who said it + the context → actions and a reply.

Zone defaults come from the seat that spoke; follow-ups ("warmer", "cancel that") use the last turn of
that seat. One registry maps each intent to its handler.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from canbus.limits import SET_POINT_MAX_C, SET_POINT_MIN_C
from cockpit.actions import Action
from cockpit.actions.body import COLOURS
from cockpit.actions.media import MAX_VOLUME, MIN_VOLUME
from cockpit.actions.navigation import STOP_CATEGORIES
from cockpit.car_features import missing_feature_named
from cockpit.context import CockpitContext
from cockpit.home.appliances import appliance_the_house_lacks
from cockpit.home.rooms import room_meant, spoken_key
from cockpit.nlu.postprocess import normalize_zone, opened_a_crack, switched_off
from cockpit.outcome import window_words
from cockpit.prohibitions import forbids
from cockpit.replies import REPLIES, ReplyableError, device_words, state_words
from cockpit.state_questions import asked_about, state_reply
from cockpit.zones import CLIMATE_ZONE_OF_SEAT, expand_climate_zone, expand_seat

DEFAULT_DELTA_C = 1.0
DEFAULT_WINDOW_OPEN_PCT = 100.0
WINDOW_STEP_PCT = 25.0  # "a bit more": a quarter of the way
DEFAULT_SEAT_LEVEL = 2  # "seat heating on" without a level
DEFAULT_VOLUME_STEP = 10  # "louder" without a number: one notch of a 0-100 volume
WIPER_SPEEDS = ("off", "low", "high")  # what "faster" / "slower" steps through


@dataclass(frozen=True)
class Turn:
    """What the assistant does in answer to one utterance."""

    actions: tuple[Action, ...] = ()
    reply: str = "ok"
    params: Mapping[str, Any] = field(default_factory=dict)
    # The action kind a request would have led to, had the value it starts from not been stale ("fan up" with no
    # fan level on the bus): the cockpit records it as refused, like any action stale data must not drive.
    refused_unheard: str | None = None


@dataclass(frozen=True)
class Request:
    intent: str
    slots: Mapping[str, Any]
    seat: str
    lang: str
    text: str = ""
    time_s: float = 0.0


FOLLOW_UP_WINDOW_S = 30.0
ALSO_MARKERS = ("also", " too", "as well", "same for", "same on", "也", "同样", "一样")


@dataclass
class SeatMemory:
    """The last turn of one seat, for follow-ups ("warmer", "also the passenger side", "cancel that")."""

    last_turn: Turn | None = None
    last_time_s: float = float("-inf")
    undo: tuple[Action, ...] = ()

    def recent_turn(self, now_s: float) -> Turn | None:
        return self.last_turn if now_s - self.last_time_s <= FOLLOW_UP_WINDOW_S else None


Handler = Callable[[Request, CockpitContext, SeatMemory], Turn]


def _act(request: Request, kind: str, **data: Any) -> Action:
    return Action(kind, {k: v for k, v in data.items() if v is not None}, source="voice", seat=request.seat)


def _zone(request: Request, memory: SeatMemory | None = None) -> str:
    """The zone said, else the zone of a climate follow-up ("warmer" right after "passenger 24"), else the
    speaker's own zone."""
    if request.slots.get("zone"):
        return request.slots["zone"]
    recent = memory.recent_turn(request.time_s) if memory is not None else None
    if recent is not None:
        zones = [a.data.get("zone") for a in recent.actions if a.kind == "climate.set_temperature"]
        if len(zones) == 1 and zones[0]:
            return zones[0]
    return CLIMATE_ZONE_OF_SEAT.get(request.seat, "driver")


def _also_follow_up(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn | None:
    """ "Also the passenger side" / "副驾也要": the last turn's actions again, for the zone just named.

    A fragment like this has no intent of its own in the catalogue, so the model's intent is not used;
    the zone is read from the text by the NLU's own zone normaliser when the model left it out.
    """
    recent = memory.recent_turn(request.time_s)
    text = request.text.lower()
    if recent is None or not recent.actions or not any(m in text for m in ALSO_MARKERS):
        return None
    zone = request.slots.get("zone") or normalize_zone(text)
    if not zone:
        return None
    actions = []
    for action in recent.actions:
        key = "zone" if "zone" in action.data else None
        if key is None:
            return None
        actions.append(Action(action.kind, {**action.data, key: zone}, source="voice", seat=request.seat))
    undo = [_undo_temperature(request, context, zone) for a in actions if a.kind == "climate.set_temperature"]
    memory.undo = undo[0] if undo else ()
    return Turn(tuple(actions), recent.reply, {**recent.params, "zone": zone})


def _clamp(celsius: float) -> float:
    return min(SET_POINT_MAX_C, max(SET_POINT_MIN_C, round(celsius * 2) / 2))


def _undo_temperature(request: Request, context: CockpitContext, zone: str) -> tuple[Action, ...]:
    return tuple(
        _act(request, "climate.set_temperature", zone=z, temperature=context.set_points.get(z))
        for z in expand_climate_zone(zone)
        if context.set_points.get(z) is not None
    )


# A set point asked for beyond the car's range but within this margin of it is a wish for "as warm/cool as it
# goes" ("45 degrees"): the car's limit is set and said. Further out it is no temperature at all ("2018"): asked.
PLAUSIBLE_MARGIN_C = 15.0


def set_temperature(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    zone, asked = _zone(request), float(request.slots["temperature"])
    limits = {"low": SET_POINT_MIN_C, "high": SET_POINT_MAX_C}
    if not SET_POINT_MIN_C - PLAUSIBLE_MARGIN_C <= asked <= SET_POINT_MAX_C + PLAUSIBLE_MARGIN_C:
        return Turn((), "temperature_implausible", {"asked": asked, **limits})
    celsius = _clamp(asked)
    memory.undo = _undo_temperature(request, context, zone)
    reply = "temperature_set" if SET_POINT_MIN_C <= asked <= SET_POINT_MAX_C else "temperature_limited"
    return Turn(
        (_act(request, "climate.set_temperature", zone=zone, temperature=celsius),),
        reply,
        {"zone": zone, "temperature": celsius, **limits},
    )


def _reported(value: Any, reading: str) -> Any:
    """A value the car reports, which a relative request starts from; unknown (stale or never received): the
    request is answered with what cannot be read instead of a guess."""
    if value is None:
        raise ReplyableError(f"{reading} is not known", "reading_unavailable", reading=reading)
    return value


def _step(request: Request) -> int | None:
    """+1 up, -1 down, None when the request says neither: warmer or cooler, more or less air is never guessed
    ("I'm too hot on my side" read without a direction had gone one degree warmer)."""
    return {"up": 1, "down": -1}.get(request.slots.get("direction", ""))


def adjust_temperature(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    sign = _step(request)
    if sign is None:
        return Turn((), "rephrase")
    zone = _zone(request, memory)
    current = _reported(context.set_points.get(expand_climate_zone(zone)[0]), "set_point")
    celsius = _clamp(current + sign * float(request.slots.get("delta") or DEFAULT_DELTA_C))
    memory.undo = _undo_temperature(request, context, zone)
    return Turn(
        (_act(request, "climate.set_temperature", zone=zone, temperature=celsius),),
        "temperature_set",
        {"zone": zone, "temperature": celsius},
    )


def set_fan(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    level = request.slots.get("level")
    if level is None and request.slots.get("direction") is None and switched_off(request.text):
        level = 0  # "turn the fan off": the fan's lowest level, not a step or a question
    if level is None:
        step = _step(request)
        if step is None:
            return Turn((), "rephrase")
        level = int(_reported(context.fan_level, "fan_level")) + step
    level = max(0, min(7, int(level)))
    return Turn((_act(request, "climate.set_fan", level=level),), "fan_set", {"level": level})


def climate_power(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    state = request.slots.get("state", "on")
    return Turn((_act(request, "climate.power", state=state),), f"climate_{state}")


def defrost(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    state, target = request.slots.get("state", "on"), request.slots.get("target", "front")
    return Turn((_act(request, "climate.defrost", state=state, target=target),), f"defrost_{state}", {"target": target})


def _seat_level(
    kind: str, reply: str, levels: Callable[[CockpitContext], Mapping[str, int | None]], reading: str
) -> Handler:
    def handler(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
        level, direction = request.slots.get("level"), request.slots.get("direction")
        seat = request.slots.get("zone") or request.seat
        if level is None and request.slots.get("state") == "off":
            level = 0
        elif level is None and direction in ("up", "down"):  # "warmer seat": one step from the level it is at
            current = _reported(levels(context).get(expand_seat(seat)[0]), reading)
            level = int(current) + (1 if direction == "up" else -1)
        elif level is None:
            level = DEFAULT_SEAT_LEVEL
        level = max(0, min(3, int(level)))
        return Turn((_act(request, kind, zone=seat, level=level),), reply, {"zone": seat, "level": level})

    return handler


def window(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    zone = _zone(request)
    position, direction = request.slots.get("position"), request.slots.get("direction")
    if (
        position is None
        and direction is None
        and request.slots.get("state") != "close"
        and opened_a_crack(request.text)
    ):
        direction = "up"  # "crack the window", 开条缝: a step from where it is, not all the way
    if position is None and direction in ("up", "down"):  # "a bit more" / "a bit less": from where it is
        current = _reported(context.window_position.get(expand_climate_zone(zone)[0]), "window")
        state = request.slots.get("state")
        opening = state == "open" if state in ("open", "close") else direction == "up"  # "close it a bit": down
        position = float(current) + (WINDOW_STEP_PCT if opening else -WINDOW_STEP_PCT)
    elif position is None:
        position = 0.0 if request.slots.get("state") == "close" else DEFAULT_WINDOW_OPEN_PCT
    position = max(0.0, min(100.0, float(position)))
    reply, params = window_words({"zone": zone, "position": position})
    return Turn((_act(request, "window.set", zone=zone, position=position),), reply, params)


def _closure(kind: str, reply: str) -> Handler:
    def handler(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
        target = request.slots.get("target", "trunk")
        if target == "door":
            return Turn((), "not_available")
        return Turn((_act(request, kind, target=target),), reply, {"target": target})

    return handler


def light(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    target, state = request.slots.get("target", "ambient"), request.slots.get("state")
    colour = request.slots.get("color") if state != "off" else None  # "lights off" needs no colour
    if state is None and colour is None:
        return Turn((), "rephrase")  # on, off or a colour: "dim the ambient light" is none of them, never "on"
    if colour is not None:
        if target != "ambient":
            return Turn((), "light_colour_ambient_only")
        if colour not in COLOURS:  # the car's palette (the DBC's value table) is smaller than the words for colours
            return Turn((), "light_colour_unavailable", {"color": colour})
    reply = "light_colour" if colour is not None else "light_off" if state == "off" else "light_on"
    return Turn(
        (_act(request, "light.set", target=target, state=state, color=colour),),
        reply,
        {"target": target, "color": colour or ""},
    )


def wiper(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    """off, a level (1 slow, 2+ fast), or one speed step from the car's wiper mode ("faster" / "slower")."""
    level, direction = request.slots.get("level"), request.slots.get("direction")
    if request.slots.get("state") == "off":
        mode = "off"
    elif level is not None:
        mode = "off" if int(level) <= 0 else "low" if int(level) == 1 else "high"
    elif direction in ("up", "down"):
        current = _reported(context.wiper_mode, "wiper")
        if current in WIPER_SPEEDS:
            index = WIPER_SPEEDS.index(current) + (1 if direction == "up" else -1)
            slowest = 0 if current == "off" else 1  # slower than slow stays slow: "slower" never switches them off
            mode = WIPER_SPEEDS[max(slowest, min(len(WIPER_SPEEDS) - 1, index))]
        else:  # auto: the speed asked for
            mode = "high" if direction == "up" else "low"
    else:
        mode = "low"
    return Turn((_act(request, "wiper.set", mode=mode),), "wiper_set", {"mode": mode})


def volume(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    """A level as spoken wins; else a step up or down ("down by 30"), applied by the head unit to the volume it
    plays at (cockpit/actions/media.py)."""
    level = request.slots.get("level")
    if level is not None:
        level = max(MIN_VOLUME, min(MAX_VOLUME, int(level)))
        return Turn((_act(request, "media.volume", level=level),), "volume_set", {"level": level})
    direction = request.slots.get("direction")
    if direction not in ("up", "down"):
        return Turn((), "rephrase")
    step = min(MAX_VOLUME, abs(round(float(request.slots.get("delta") or DEFAULT_VOLUME_STEP))))
    return Turn((_act(request, "media.volume", step=step if direction == "up" else -step),), f"volume_{direction}")


_QUERIES: dict[str, tuple[str, Callable[[CockpitContext], float | None]]] = {
    "range": ("query_range", lambda c: None if c.range_m is None else c.range_m / 1000),
    "battery": ("query_battery", lambda c: c.soc_pct),
    "cabin_temp": ("query_cabin_temp", lambda c: c.cabin_temp_c),
    "outside_temp": ("query_outside_temp", lambda c: c.outside_temp_c),
    "speed": ("query_speed", lambda c: c.speed_kph),
    "eta": ("query_eta", lambda c: None if c.time_to_destination_s is None else c.time_to_destination_s / 60),
    "distance": (
        "query_distance",
        lambda c: None if c.distance_to_destination_m is None else c.distance_to_destination_m / 1000,
    ),
}


def query(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    what = request.slots.get("what", "")
    if what not in _QUERIES:
        return Turn((), "query_unknown")
    key, read = _QUERIES[what]
    if what in ("eta", "distance") and context.destination_id is None and context.has_arrived is not None:
        return Turn((), "query_no_route")  # the nav module reports, and there is no route
    return Turn((), key, {"value": _reported(read(context), what)})


def navigate(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    destination = request.slots.get("destination") or request.slots.get("category")
    if not destination:
        return Turn((), "rephrase")
    return Turn((_act(request, "nav.navigate", destination=str(destination)),), "navigating", {"place": destination})


def find_poi(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    """ "Find a rest area": on a route, a stop on the way (the route is kept); else the next one becomes the
    destination. The reply names the place chosen (cockpit._carry_out puts its name in)."""
    category = request.slots.get("category")
    if not category:
        return Turn((), "rephrase")
    on_a_route = context.destination_id is not None and not context.has_arrived
    if on_a_route and category in STOP_CATEGORIES:
        return Turn((_act(request, "nav.add_stop", category=category),), "stop_added", {"place": category})
    return Turn((_act(request, "nav.navigate", destination=str(category)),), "navigating", {"place": category})


def cancel_navigation(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    return Turn((_act(request, "nav.cancel"),), "nav_cancelled")


def cancel_last(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
    if not memory.undo:
        return Turn((), "nothing_to_cancel")
    undo, memory.undo = memory.undo, ()
    return Turn(undo, "cancelled")


def _home_command(kind: str, reply: str, needs: str) -> Handler:
    """`needs`: the slot without which there is nothing to do (the device, the temperature, the scene)."""

    def handler(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
        if not request.slots.get(needs):
            return Turn((), "rephrase")
        data = {k: request.slots[k] for k in ("device", "room", "temperature", "scene") if k in request.slots}
        if "temperature" in data:
            data["temperature"] = float(data["temperature"])  # its range is the device's (cockpit/actions/home.py)
        # ids: the reply puts them into the listener's words
        room = room_meant(data["room"]) or spoken_key(data["room"]) if data.get("room") else None
        words = {
            "device": str(data.get("device", "")),
            "scene": str(data.get("scene", "")),
            "room": room or "",
            "temperature": data.get("temperature", 0),
        }
        in_room = f"{reply}_in_room"
        return Turn((_act(request, kind, **data),), in_room if room and in_room in REPLIES else reply, words)

    return handler


def _reply_only(reply: str) -> Handler:
    return lambda request, context, memory: Turn((), reply)


ACTION_OF_RELATIVE_INTENT = {"climate.adjust_temperature": "climate.set_temperature"}

HANDLERS: dict[str, Handler] = {
    "climate.set_temperature": set_temperature,
    "climate.adjust_temperature": adjust_temperature,
    "climate.set_fan": set_fan,
    "climate.power": climate_power,
    "climate.defrost": defrost,
    "seat.heat": _seat_level("seat.heat", "seat_heat", lambda c: c.seat_heat, "seat_heat"),
    "seat.ventilate": _seat_level("seat.ventilate", "seat_vent", lambda c: c.seat_vent, "seat_vent"),
    "window.set": window,
    "body.open": _closure("body.open", "opening"),
    "body.close": _closure("body.close", "closing"),
    "light.set": light,
    "wiper.set": wiper,
    "media.volume": volume,
    "vehicle.query": query,
    "nav.navigate": navigate,
    "nav.find_poi": find_poi,
    "nav.cancel": cancel_navigation,
    "nav.query": query,
    "dialog.cancel": cancel_last,
    "home.turn_on": _home_command("home.turn_on", "home_on", "device"),
    "home.turn_off": _home_command("home.turn_off", "home_off", "device"),
    "home.set_temperature": _home_command("home.set_temperature", "home_temperature", "temperature"),
    "home.open": _home_command("home.open", "home_open", "device"),
    "home.close": _home_command("home.close", "home_close", "device"),
    "home.scene": _home_command("home.scene", "home_scene", "scene"),
    "dialog.confirm": _reply_only("nothing_to_confirm"),  # a yes with a card waiting never gets here
    "dialog.deny": _reply_only("ok"),
    "out_of_scope": _reply_only("out_of_scope"),
}


def _home_query_handler(home_query: Callable[[Mapping[str, Any]], dict]) -> Handler:
    def handler(request: Request, context: CockpitContext, memory: SeatMemory) -> Turn:
        try:
            states = home_query(request.slots)
        except ReplyableError as error:  # no such device or room at home
            return Turn((), error.reply_key, error.reply_params)
        if not states:
            return Turn((), "query_unknown")
        separator = "，" if request.lang == "zh" else ", "
        said = separator.join(
            f"{device_words(device, request.lang)}{'' if request.lang == 'zh' else ' '}"
            f"{state_words(value, request.lang)}"
            for device, value in states.items()
        )
        return Turn((), "home_state", {"states": said})

    return handler


def _forbidden(request: Request, context: CockpitContext) -> Turn | None:
    """Nothing done for a request that forbids what it names ("don't open the window", 别开窗)."""
    return Turn((), "left_as_is") if forbids(request.text, request.intent) else None


def _unreachable_feature(request: Request, context: CockpitContext) -> Turn | None:
    """A feature this car does not let the cockpit control ("turn on the fog lights", 打开天窗), whatever the model
    read it as (cockpit/car_features.py)."""
    missing = missing_feature_named(request.text, request.intent, request.slots)
    if missing is None:
        return None
    return Turn((), "car_feature_unreachable", {"feature": missing.names[request.lang]})


def _unreachable_appliance(request: Request, context: CockpitContext) -> Turn | None:
    """An appliance the house lacks ("turn on the dishwasher at home", 打开家里的洗碗机), whatever the model read it
    as (cockpit/home/appliances.py): named in the house's own reply."""
    missing = appliance_the_house_lacks(request.text, request.intent, request.slots)
    if missing is None:
        return None
    return Turn((), "home_no_device", {"device": missing.names[request.lang]})


def _state_question(request: Request, context: CockpitContext) -> Turn | None:
    """A question about the state of one of the car's parts ("is the trunk open?", 后备箱关了吗), answered from what
    the car reports whatever the model read it as (cockpit/state_questions.py)."""
    part = asked_about(request.text)
    if part is None:
        return None
    reply, params = state_reply(part, context, request.seat)
    return Turn((), reply, params)


# Requests whose words decide over the model's reading (the command inside a prohibition, the nearest device it
# knows for one the car lacks, the command a question names), first match wins.
TEXT_RULES: tuple[Callable[[Request, CockpitContext], Turn | None], ...] = (
    _forbidden,
    _unreachable_feature,
    _unreachable_appliance,
    _state_question,
)


class DialogueManager:
    def __init__(
        self, handlers: Mapping[str, Handler] = HANDLERS, home_query: Callable[[Mapping[str, Any]], dict] | None = None
    ) -> None:
        self.handlers = dict(handlers)
        if home_query is not None:
            self.handlers["home.query"] = _home_query_handler(home_query)
        self._memory: dict[str, SeatMemory] = {}

    def follow_up(self, request: Request, context: CockpitContext) -> Turn | None:
        """The turn for a fragment that only makes sense after the last one ("also the rear"), else None. Asked
        before the model's intent is trusted: such a fragment has no intent of its own in the catalogue."""
        memory = self._memory.setdefault(request.seat, SeatMemory())
        turn = _also_follow_up(request, context, memory)
        if turn is not None and turn.actions:
            memory.last_turn, memory.last_time_s = turn, request.time_s
        return turn

    def said_otherwise(self, request: Request, context: CockpitContext) -> Turn | None:
        """The turn for a request whose words say what the model's reading cannot (TEXT_RULES, in order), before any
        clarifying question or handler; None for any other request."""
        for rule in TEXT_RULES:
            turn = rule(request, context)
            if turn is not None:
                return turn
        return None

    def respond(self, request: Request, context: CockpitContext) -> Turn:
        memory = self._memory.setdefault(request.seat, SeatMemory())
        handler = self.handlers.get(request.intent, _reply_only("not_available"))
        try:
            turn = _also_follow_up(request, context, memory) or handler(request, context, memory)
        except ReplyableError as error:  # a value the request starts from is not known: said, not guessed
            kind = ACTION_OF_RELATIVE_INTENT.get(request.intent, request.intent)
            turn = Turn(
                (),
                error.reply_key,
                dict(error.reply_params),
                refused_unheard=kind if not request.intent.endswith(".query") else None,
            )
        except (KeyError, ValueError, TypeError):
            # A slot the model should have filled is missing or malformed: ask rather than guess.
            turn = Turn((), "rephrase")
        if turn.actions:
            memory.last_turn, memory.last_time_s = turn, request.time_s
        return turn
