"""What scenarios may name, gathered from the DBC, the map, the manual controls and the action registry."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime

from canbus import vss
from canbus.codec import DatabaseCodec
from canbus.dbc import SignalMeta, signal_catalogue
from home_sim import House, HouseError, home_name_predicate
from roadmap.map import RoadMap
from runner.manual_controls import MANUAL_CONTROLS
from scenario.schema import Scalar
from scenario.vocabulary import DEFAULT_RECORD_FIELDS, SignalInfo, SignalKind, Vocabulary
from vehicle_sim import faults
from vehicle_sim.car import Car
from vehicle_sim.spec import TRIMS

ACTION_FIELDS = frozenset(
    {
        "kind",
        "status",
        "source",
        "seat",
        "reason",
        "target",
        "zone",
        "temperature",
        "level",
        "state",
        "position",
        "destination",
        "via",
        "charge_to",
        "mode",
        "color",
        "text",
        "lang",
        "value",
    }
)
UTTERANCE_FIELDS = frozenset({"text", "seat", "lang", "intent", "speaker", "confidence", "kind"})
HOME_RESULT_FIELDS = frozenset({"device", "action", "status", "reason", "attempts"})
BUS_FAULT_FIELDS = frozenset({"message", "status"})
SIGNAL_QUALITY_FIELDS = frozenset({"message", "quality"})
BUS_STATE_FIELDS = frozenset({"state"})
MANUAL_CHANGE_FIELDS = frozenset({"kind", "zone", "temperature", "level", "state", "target"})


def _kind_of(meta: SignalMeta) -> SignalKind:
    if meta.choices:
        return "string"
    return "bool" if meta.is_flag else "number"


def build_vocabulary(codec: DatabaseCodec, roadmap: RoadMap) -> Vocabulary:
    signals = {
        path: SignalInfo(
            units=meta.unit, kind=_kind_of(meta), values=frozenset(meta.choices.values()) if meta.choices else None
        )
        for path, meta in signal_catalogue(codec.database).items()
    }
    record_fields = dict(DEFAULT_RECORD_FIELDS)
    record_fields["action"] = ACTION_FIELDS
    record_fields["utterance"] = UTTERANCE_FIELDS
    record_fields["home_result"] = HOME_RESULT_FIELDS
    record_fields["bus_fault"] = BUS_FAULT_FIELDS
    record_fields["signal_quality"] = SIGNAL_QUALITY_FIELDS
    record_fields["bus_state"] = BUS_STATE_FIELDS
    record_fields["manual_change"] = MANUAL_CHANGE_FIELDS

    def fault_problem(kind: str, message: str | None, at_s: float, for_s: float, delay_s: float | None) -> str | None:
        return faults.fault_problem(codec.database, kind, message, at_s=at_s, duration_s=for_s, delay_s=delay_s)

    return Vocabulary(
        signals=signals,
        places=frozenset(roadmap.places),
        can_messages=frozenset(codec.by_name),
        manual_controls=frozenset(MANUAL_CONTROLS),
        record_fields=record_fields,
        home_names=home_name_predicate(House.default()),
        fault_kinds=frozenset(faults.FAULT_KINDS),
        fault_problem=fault_problem,
        chargers=frozenset(name for name, place in roadmap.places.items() if place.charger_kw),
        manual_problem=_manual_problem(roadmap),
        home_state_problem=_home_state_problem,
        renamed_signals=vss.RENAMED,
        value_hints=vss.RENAMED_VALUES,
    )


# --- load-time dry runs ------------------------------------------------------------------------------------
# The run's handlers are the one statement of what a manual press or a home state may be: the loader asks them,
# on a throwaway car or house, instead of a second table that could drift from them.

_NUMBER_CONVERSION_ERRORS = ("invalid literal for int()", "could not convert string to float")


def _manual_problem(roadmap: RoadMap) -> Callable[[str, Scalar, str], str | None]:
    def problem(control: str, value: Scalar, where: str) -> str | None:
        car = Car(
            TRIMS["max"],
            roadmap,
            next(iter(roadmap.places)),
            datetime(2026, 1, 15, tzinfo=UTC),
            random.Random(0),
            soc_pct=80.0,
            cabin_temp_c=None,
            outside_temp_c=20.0,
        )  # fresh: doors unlocked
        try:
            MANUAL_CONTROLS[control](car, value, where)
        except KeyError as error:  # str() of a KeyError is the repr of the key
            return f"unknown {error.args[0] if error.args else 'key'}"
        except (ValueError, TypeError, OverflowError) as error:
            if str(error).startswith(_NUMBER_CONVERSION_ERRORS):  # int("high"): Python's words, not the car's
                return f"expected a number, got {value!r}"
            return str(error) or type(error).__name__
        return None

    return problem


def _home_state_problem(name: str, value: object) -> str | None:
    try:
        House.default().set_state(name, value)
    except HouseError as error:
        return str(error)
    return None
