"""Every proactive need, described once: one `NeedSpec` each, in the needs model's output order.

A spec says what the need reads (the quantities the driver's personal threshold is learnt on), the coarse
situation its answers are remembered in, what meets it (the actions the assistant proposes, and which of a
person's own actions count as meeting it), what undoes it, its card (the words, offered or done), how long
the card stays up and how long it keeps quiet afterwards. The policy, the features, the assistant and the
preferences iterate over NEED_SPECS; the training world's side of each need (what the simulated persona
wants, what meeting it does to the simulated car and home) is models/proactive/world_needs.py.

Low-risk needs with a confident score are met at once and the assistant says so; the others are
offered on a card (spoken once) that the driver accepts or dismisses. How to add a need:
models/proactive/MODEL_CARD.md, "Adding a need".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from canbus.limits import COMFORT_C
from cockpit.context import CockpitContext
from cockpit.driver_monitor import DROWSY_LEVEL_PCT
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.reading import Reading, Readings, Scale, Urge, one

# a spec only reads a person's actions: cockpit.actions imports cockpit.replies, which reads the specs' words
if TYPE_CHECKING:
    from cockpit.actions import Action

MINUTE = 60.0
FRESH_AT_WHEEL_S = 15 * MINUTE  # no break suggested before this long at the wheel
# the home's climate is offered in the last minutes of the drive home, not earlier: a "no" to a house
# heated half an hour ahead often means "not yet", and an early "yes" heats an empty house
HOME_CLIMATE_WINDOW_S = 12 * MINUTE
DARK_SUN_W_M2 = 40.0  # the entrance light is learnt apart in the dark and in daylight

Proposed = tuple[str, dict[str, Any]]  # an action the assistant proposes: kind, data (None values left out)
Plan = tuple[tuple[Proposed, ...], dict[str, Any]]  # actions, reply parameters
Words = Mapping[str, str]  # language -> text
Situation = Callable[[CockpitContext, ProactiveExtras], str]


@dataclass(frozen=True)
class NeedWords:
    """What the assistant says about a need: `offer` asks on a card, `done` says it was done. A need without
    `offer` is never offered (acted on when confident, or left alone); a low-risk need, which may be acted on,
    needs `done` (tests/proactive/test_need_registry.py checks both ways a need is suggested can be said)."""

    offer: Words | None = None
    done: Words | None = None


@dataclass(frozen=True)
class NeedSpec:
    name: str
    low_risk: bool  # may act without asking when confident
    act_margin: float  # score ≥ threshold + margin → act directly (low-risk needs only)
    cooldown_s: float  # after an offer or an act, not again for this long
    dismissed_for_s: float  # after a dismissal, suppressed for this long
    reply: str  # reply key (act: "<reply>_done", offer: "<reply>_offer")
    words: NeedWords
    plan: Callable[[CockpitContext, ProactiveExtras], Plan | None]  # what meets it now (None: nothing to do)
    situation: Situation  # the coarse situation the driver's answers are counted in
    met_by: Callable[[Action, float | None], bool]  # a person's own action meets it (the home's temperature)
    undone_by: Callable[[Action], bool] | None = None  # a person's own action reverts what the assistant did
    urge: Urge | None = None  # the quantities the driver's personal threshold is learnt on
    quiet_after_manual_s: float = 30 * MINUTE  # somebody did it by hand: not again for this long
    # a fact that makes the need due whatever the model scores (the battery cannot reach the destination);
    # the driver's refusals still hold (suppression, a personal "not wanted", a need muted there)
    due_regardless: Callable[[CockpitContext, ProactiveExtras], bool] | None = None
    # the card is about the arrival (open the garage, the entrance light): it stays up until the car gets home
    card_until_arrival: bool = False


# --- shared pieces ---------------------------------------------------------------------------------
def _proposed(kind: str, **data: Any) -> Proposed:
    return kind, {k: v for k, v in data.items() if v is not None}


def _band(value: float | None, width: float, name: str) -> str:
    return f"{name}?" if value is None else f"{name}{int(math.floor(value / width) * width)}"


def _occupied(context: CockpitContext) -> list[str]:
    return [seat for seat, occupied in context.occupied.items() if occupied]


def _cabin_band(context: CockpitContext, extras: ProactiveExtras) -> str:
    return _band(context.cabin_temp_c, 5.0, "cabin")


def _home_band(context: CockpitContext, extras: ProactiveExtras) -> str:
    return _band(extras.home_inside_temp_c, 4.0, "home")


def _cabin(value: float) -> str:
    return f"cabin {abs(value):.1f} °C"


def _switches_on(kind: str, **match: Any) -> Callable[[Action, float | None], bool]:
    """An action of `kind` (with these data) that does not switch it off."""

    def met(action: Action, home_temp_c: float | None) -> bool:
        data = action.data
        return action.kind == kind and all(data.get(k) == v for k, v in match.items()) and data.get("state") != "off"

    return met


def _is(kind: str, **match: Any) -> Callable[[Action], bool]:
    def undoes(action: Action) -> bool:
        return action.kind == kind and all(action.data.get(k) == v for k, v in match.items())

    return undoes


# --- the cabin's climate -----------------------------------------------------------------------------
def _precondition(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if context.cabin_temp_c is None or context.hvac_on:
        return None
    zones = [z for z in ("driver", "passenger") if context.occupied.get(z)] or ["driver"]
    actions = tuple(_proposed("climate.set_temperature", zone=z, temperature=COMFORT_C) for z in zones)
    return actions, {"cabin": context.cabin_temp_c, "temperature": COMFORT_C}


def _cabin_comfort(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    cabin = context.cabin_temp_c
    # learnt on the parked car only: switching the climate on while driving is comfort tuning, often
    # on a whim, and says little about how cold or hot the car may be before it is pre-conditioned
    if cabin is None or context.hvac_on is not False or not _occupied(context) or context.is_moving is not False:
        return None
    return ("cold", -cabin) if cabin < COMFORT_C else ("hot", cabin)


def _climate_by_hand(action: Action, home_temp_c: float | None) -> bool:
    """Any climate control but the defroster (a need of its own), unless it switches something off."""
    return action.kind.startswith("climate.") and action.kind != "climate.defrost" and action.data.get("state") != "off"


PRECONDITION_CABIN = NeedSpec(
    "precondition_cabin",
    low_risk=True,
    act_margin=0.0,
    cooldown_s=30 * MINUTE,
    dismissed_for_s=60 * MINUTE,
    reply="precondition",
    words=NeedWords(
        done={
            "en": "It's {cabin:.0f} degrees in here, I'm bringing the cabin to {temperature:g} degrees.",
            "zh": "车内只有{cabin:.0f}度，正在把车内调到{temperature:g}度。",
        }
    ),
    plan=_precondition,
    situation=_cabin_band,
    met_by=_climate_by_hand,
    undone_by=_is("climate.power", state="off"),
    urge=Urge(one(_cabin_comfort), Scale(1.0, _cabin)),
)


# --- the home's climate ------------------------------------------------------------------------------
def in_home_climate_window(extras: ProactiveExtras) -> bool:
    """Heading home, due within HOME_CLIMATE_WINDOW_S: when the home's climate may be offered."""
    eta = extras.eta_home_s
    return bool(extras.heading_home) and eta is not None and eta <= HOME_CLIMATE_WINDOW_S


def _home_climate(temperature: float) -> Callable[[CockpitContext, ProactiveExtras], Plan | None]:
    def plan(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
        if extras.home_climate_on or not in_home_climate_window(extras):
            return None
        return (_proposed("home.set_temperature", temperature=temperature),), {"temperature": temperature}

    return plan


def _home_temperature(sign: float) -> Callable[[CockpitContext, ProactiveExtras], Reading | None]:
    def reading(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
        home = extras.home_inside_temp_c
        if home is None or not in_home_climate_window(extras):
            return None
        return "home", sign * home

    return reading


def _home_set(warmer: bool) -> Callable[[Action, float | None], bool]:
    """The home's thermostat set above (`warmer`) or below the room's temperature (unknown: neither)."""

    def met(action: Action, home_temp_c: float | None) -> bool:
        if action.kind != "home.set_temperature" or home_temp_c is None:
            return False
        return (float(action.data.get("temperature", home_temp_c)) > home_temp_c) == warmer

    return met


PREHEAT_HOME = NeedSpec(
    "preheat_home",
    low_risk=False,
    act_margin=1.0,
    cooldown_s=20 * MINUTE,
    dismissed_for_s=120 * MINUTE,
    reply="preheat_home",
    words=NeedWords(offer={"en": "Shall I warm up the house before you get home?", "zh": "要在到家前把家里加热吗？"}),
    plan=_home_climate(COMFORT_C),
    situation=_home_band,
    met_by=_home_set(warmer=True),
    urge=Urge(one(_home_temperature(-1.0)), Scale(0.75, lambda v: f"home {-v:.1f} °C"), at_the_door=True),
)

PRECOOL_HOME = NeedSpec(
    "precool_home",
    low_risk=False,
    act_margin=1.0,
    cooldown_s=20 * MINUTE,
    dismissed_for_s=120 * MINUTE,
    reply="precool_home",
    words=NeedWords(offer={"en": "Shall I cool down the house before you get home?", "zh": "要在到家前把家里降温吗？"}),
    plan=_home_climate(24.0),
    situation=_home_band,
    met_by=_home_set(warmer=False),
    urge=Urge(one(_home_temperature(1.0)), Scale(0.75, lambda v: f"home {v:.1f} °C"), at_the_door=True),
)


# --- stops on the route ------------------------------------------------------------------------------
def _charge_stop(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    # A stop already on the route (the nav module reports it) is the driver's own charging plan.
    if context.destination_id is None or context.is_charging or context.next_stop_id is not None:
        return None
    return (_proposed("nav.add_stop", category="charger", charge_to=80),), {}


def cannot_arrive(context: CockpitContext, extras: ProactiveExtras) -> bool:
    """The rest of the route needs more energy than the battery holds. The model learns what drivers
    want, and a driver still on the motorway that far short has, in its data, mostly been one who wants
    no suggestions (everybody else stopped): it scores such a car low, and the car would not get there."""
    need = context.energy_to_destination_kwh
    return context.energy_kwh is not None and need is not None and context.energy_kwh < need


def _energy_margin_kwh(context: CockpitContext) -> float | None:
    need = context.energy_to_destination_kwh
    return None if context.energy_kwh is None or need is None else context.energy_kwh - need


def _range_shortfall(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    margin = _energy_margin_kwh(context)
    if margin is None or context.destination_id is None:
        return None
    return "route", -margin


CHARGE_STOP = NeedSpec(
    "charge_stop",
    low_risk=False,
    act_margin=1.0,
    cooldown_s=15 * MINUTE,
    dismissed_for_s=30 * MINUTE,
    reply="charge_stop",
    words=NeedWords(
        offer={
            "en": "The battery may not last to your destination. Add a charging stop?",
            "zh": "电量可能不够到达目的地，要加一个充电站吗？",
        }
    ),
    plan=_charge_stop,
    situation=lambda c, e: _band(_energy_margin_kwh(c), 5.0, "margin"),
    met_by=lambda action, home: action.kind == "nav.add_stop" and str(action.data.get("category")) == "charger",
    urge=Urge(one(_range_shortfall), Scale(1.5, lambda v: f"{-v:.1f} kWh to spare")),
    due_regardless=cannot_arrive,
)


def _rest_break(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    # not in the first minutes at the wheel: the driver just set off, or just had a break
    if (
        context.destination_id is None
        or context.next_stop_id is not None
        or (context.time_at_wheel_s or 0.0) < FRESH_AT_WHEEL_S
    ):
        return None
    return (_proposed("nav.add_stop", category="rest_area"),), {}


def driver_drowsy(context: CockpitContext, extras: ProactiveExtras) -> bool:
    """The driver camera reads the driver as drowsy (the level of its audible warning): a break is due whatever
    the model scores, as the warning itself asks for one."""
    return context.fatigue_pct is not None and context.fatigue_pct >= DROWSY_LEVEL_PCT[1]


def _tiredness(context: CockpitContext, extras: ProactiveExtras) -> Readings:
    """The fatigue estimate and the minutes at the wheel, apart: many drivers stop by the clock before
    they feel tired, others when they feel it."""
    if (
        context.fatigue_pct is None
        or not context.is_moving
        or context.destination_id is None
        or context.time_at_wheel_s is None
    ):
        return ()
    return ("fatigue", context.fatigue_pct), ("clock", context.time_at_wheel_s / 60.0)


REST_BREAK = NeedSpec(
    "rest_break",
    low_risk=False,
    act_margin=1.0,
    cooldown_s=15 * MINUTE,
    dismissed_for_s=20 * MINUTE,
    reply="rest_break",
    words=NeedWords(
        offer={
            "en": "You've been driving a while. Stop at the next rest area?",
            "zh": "您已经开了很久，要在下一个服务区休息一下吗？",
        }
    ),
    plan=_rest_break,
    situation=lambda c, e: _band(c.fatigue_pct, 10.0, "fatigue"),
    met_by=lambda action, home: action.kind == "nav.add_stop" and str(action.data.get("category")) == "rest_area",
    urge=Urge(
        _tiredness,
        Scale(1.0, lambda v: f"fatigue {v:.0f} %", typical=65.0),
        scales={"clock": Scale(2.0, lambda v: f"{v:.0f} min at the wheel", typical=150.0)},
    ),
    due_regardless=driver_drowsy,
)


# --- arriving home -----------------------------------------------------------------------------------
def _garage(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if extras.garage_open:
        return None
    return (_proposed("home.open", device="garage"),), {}


def _garage_nearness(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    remaining = context.distance_to_destination_m
    if not extras.heading_home or remaining is None:
        return None
    return "home", -remaining


GARAGE_OPEN = NeedSpec(
    "garage_open",
    low_risk=False,
    act_margin=1.0,
    cooldown_s=10 * MINUTE,
    dismissed_for_s=30 * MINUTE,
    reply="garage",
    words=NeedWords(offer={"en": "We're almost home. Open the garage?", "zh": "快到家了，要打开车库门吗？"}),
    plan=_garage,
    # how far out the driver wants the garage: route distance left home
    situation=lambda c, e: _band(c.distance_to_destination_m if e.heading_home else None, 500.0, "route"),
    met_by=lambda action, home: action.kind == "home.open" and action.data.get("device") == "garage",
    urge=Urge(
        one(_garage_nearness), Scale(150.0, lambda v: f"{-v:.0f} m from home"), model_below=False, at_the_door=True
    ),
    quiet_after_manual_s=10 * MINUTE,
    card_until_arrival=True,
)


def _home_lights(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if extras.home_lights_on:
        return None
    return (_proposed("home.turn_on", device="light", room="entrance"),), {}


def _arrival_nearness(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    if not extras.heading_home or extras.eta_home_s is None or context.sun_w_m2 is None:
        return None
    return ("dark" if context.sun_w_m2 <= DARK_SUN_W_M2 else "daylight"), -extras.eta_home_s


HOME_LIGHTS_ON = NeedSpec(
    "home_lights_on",
    low_risk=True,
    act_margin=0.1,
    cooldown_s=10 * MINUTE,
    dismissed_for_s=60 * MINUTE,
    reply="home_lights",
    words=NeedWords(done={"en": "I've switched on the lights at home.", "zh": "已为您打开家里的灯。"}),
    plan=_home_lights,
    situation=lambda c, e: _band(e.eta_home_s, 60.0, "eta"),  # how long before the arrival they want the lights
    met_by=lambda action, home: action.kind == "home.turn_on" and action.data.get("device") == "light",
    undone_by=_is("home.turn_off", device="light"),
    urge=Urge(
        one(_arrival_nearness),
        Scale(30.0, lambda v: f"{-v:.0f} s before arrival"),
        model_below=False,
        at_the_door=True,
    ),
    quiet_after_manual_s=10 * MINUTE,
    card_until_arrival=True,
)


# --- the windshield and the seats --------------------------------------------------------------------
def _defog(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    if context.front_defrost_on:
        return None
    return (_proposed("climate.defrost", target="front", state="on"),), {}


def _fog(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    if context.fog_risk_pct is None or context.front_defrost_on is not False:
        return None
    return "windshield", context.fog_risk_pct


# the defroster goes off again once the glass is clear; a new fog-up is a new need
DEFOG = NeedSpec(
    "defog",
    low_risk=True,
    act_margin=0.0,
    cooldown_s=2 * MINUTE,
    dismissed_for_s=30 * MINUTE,
    reply="defog",
    words=NeedWords(
        done={
            "en": "The windshield is fogging up, I've turned on the defroster.",
            "zh": "前挡风玻璃起雾了，已为您打开除雾。",
        }
    ),
    plan=_defog,
    situation=lambda c, e: _band(c.fog_risk_pct, 10.0, "fog"),
    met_by=_switches_on("climate.defrost"),
    undone_by=_is("climate.defrost", state="off"),
    urge=Urge(one(_fog), Scale(2.0, lambda v: f"fog risk {v:.0f} %")),
    quiet_after_manual_s=2 * MINUTE,
)


def _seat_heat(context: CockpitContext, extras: ProactiveExtras) -> Plan | None:
    seats = [s for s, occupied in context.occupied.items() if occupied and not context.seat_heat.get(s)]
    if not seats:
        return None
    return tuple(_proposed("seat.heat", zone=s, level=2) for s in seats), {}


def _seat_cold(context: CockpitContext, extras: ProactiveExtras) -> Reading | None:
    cabin, seats = context.cabin_temp_c, _occupied(context)
    if cabin is None or not seats:
        return None
    return ("driver_alone" if seats == ["driver"] else "with_others", -cabin)


SEAT_HEAT = NeedSpec(
    "seat_heat",
    low_risk=True,
    act_margin=0.1,
    cooldown_s=30 * MINUTE,
    dismissed_for_s=60 * MINUTE,
    reply="seat_heat",
    words=NeedWords(done={"en": "It's cold, I've turned on the seat heater.", "zh": "天气冷，已为您打开座椅加热。"}),
    plan=_seat_heat,
    situation=_cabin_band,
    met_by=lambda action, home: action.kind == "seat.heat" and bool(action.data.get("level")),
    undone_by=_is("seat.heat", level=0),
    urge=Urge(one(_seat_cold), Scale(1.0, _cabin)),
)


# The needs model's output order (models/proactive/needs.json "needs"): a new need goes at the end.
NEED_SPECS: dict[str, NeedSpec] = {
    spec.name: spec
    for spec in (
        PRECONDITION_CABIN,
        PREHEAT_HOME,
        PRECOOL_HOME,
        CHARGE_STOP,
        REST_BREAK,
        GARAGE_OPEN,
        HOME_LIGHTS_ON,
        DEFOG,
        SEAT_HEAT,
    )
}


def need_replies() -> dict[str, dict[str, str]]:
    """The needs' words as reply keys (`<reply>_offer`, `<reply>_done`), for cockpit/replies.py."""
    out: dict[str, dict[str, str]] = {}
    for spec in NEED_SPECS.values():
        for mode, words in (("offer", spec.words.offer), ("done", spec.words.done)):
            if words is not None:
                out[f"{spec.reply}_{mode}"] = dict(words)
    return out


def done_reply_keys() -> frozenset[str]:
    """The needs' replies that say something was done (cockpit/replies.py DONE_REPLIES)."""
    return frozenset(f"{spec.reply}_done" for spec in NEED_SPECS.values() if spec.words.done is not None)


def need_met_by(action: Action, home_temp_c: float | None = None) -> str | None:
    """The need a person's own action meets (the defroster on, a rest area added to the route, the home
    heated above / cooled below its temperature `home_temp_c`, …)."""
    return next((spec.name for spec in NEED_SPECS.values() if spec.met_by(action, home_temp_c)), None)


def need_undone_by(action: Action) -> str | None:
    """The need whose direct action this person's action reverts (seat heater off again, …)."""
    return next((s.name for s in NEED_SPECS.values() if s.undone_by is not None and s.undone_by(action)), None)


__all__ = [
    "FRESH_AT_WHEEL_S",
    "NEED_SPECS",
    "NeedSpec",
    "NeedWords",
    "Plan",
    "Proposed",
    "cannot_arrive",
    "driver_drowsy",
    "in_home_climate_window",
    "need_met_by",
    "need_undone_by",
    "need_replies",
    "done_reply_keys",
]
