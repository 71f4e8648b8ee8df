"""What the proactive needs do, recorded: the needs model's inputs for a fixed set of contexts, how each need
reads, bands and meets them, what the persona's manual actions mean, and seeded training / closed-loop output.

The fixture (tests/proactive/fixtures/needs_behaviour.json) was written by this module from the code as it was
before the needs were described once each (cockpit/proactive/needs.py); `test_needs_behaviour_unchanged.py`
compares the code of today with it. Rewrite it only for an intended change in behaviour:

    python -m tests.proactive.behaviour_record
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from cockpit.actions import Action
from cockpit.proactive import policy, preferences
from cockpit.proactive.features import NEEDS, features
from cockpit.proactive.needs import NEED_SPECS, need_met_by, need_undone_by
from models.proactive.eval import PersonaJob, run_persona
from models.proactive.generate import generate_episodes, pack
from models.proactive.personas import sample_personas
from tests.proactive.helpers import make_context, make_extras

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "needs_behaviour.json"
CLOSED_LOOP_PERSONAS, CLOSED_LOOP_DAYS = 6, 2
TRAINING_EPISODES = 10


def fixed_contexts() -> list[tuple[str, Any, Any]]:
    """(name, context, extras): hand-built situations that make every need arise or not."""
    cases: list[tuple[str, dict, dict]] = [
        ("spring_afternoon_parked", {}, {}),
        ("freezing_cabin_parked", {"cabin_temp_c": -8.0, "outside_temp_c": -12.0}, {}),
        ("hot_cabin_two_seats", {"cabin_temp_c": 41.0, "occupants": ("driver", "passenger")}, {}),
        (
            "cold_seats_heat_on_one",
            {"cabin_temp_c": 9.0, "occupants": ("driver", "rear_left"), "seat_heat_levels": {"driver": 2}},
            {},
        ),
        ("fogging_windshield", {"fog_risk_pct": 38.0, "weather": "rain", "cabin_temp_c": 18.0}, {}),
        ("defroster_on", {"fog_risk_pct": 38.0, "front_defrost_on": True}, {}),
        (
            "tired_on_the_motorway",
            {
                "speed_kph": 110.0,
                "gear": "D",
                "fatigue_pct": 78.0,
                "time_at_wheel_s": 9000.0,
                "destination_id": 30,
                "distance_to_destination_m": 120_000.0,
                "time_to_destination_s": 4000.0,
            },
            {"next_rest_area_m": 4000.0, "minutes_since_departure": 150.0},
        ),
        (
            "short_of_energy",
            {
                "speed_kph": 90.0,
                "gear": "D",
                "destination_id": 30,
                "distance_to_destination_m": 300_000.0,
                "time_to_destination_s": 10800.0,
                "energy_kwh": 20.0,
                "consumption_kwh_per_100km": 18.0,
            },
            {"next_charger_m": 8000.0},
        ),
        (
            "nearly_home_dark_winter",
            {
                "speed_kph": 40.0,
                "gear": "D",
                "destination_id": 1,
                "distance_to_destination_m": 1200.0,
                "time_to_destination_s": 180.0,
                "sun_w_m2": 0.0,
            },
            {"heading_home": True, "eta_home_s": 180.0, "home_inside_temp_c": 14.0, "distance_to_home_m": 1100.0},
        ),
        (
            "nearly_home_hot_summer",
            {
                "speed_kph": 50.0,
                "gear": "D",
                "destination_id": 1,
                "distance_to_destination_m": 5000.0,
                "time_to_destination_s": 600.0,
                "outside_temp_c": 34.0,
            },
            {"heading_home": True, "eta_home_s": 600.0, "home_inside_temp_c": 30.0, "home_climate_on": False},
        ),
        (
            "nothing_known",
            {
                "local_time": None,
                "cabin_temp_c": None,
                "outside_temp_c": None,
                "hvac_on": None,
                "fog_risk_pct": None,
                "front_defrost_on": None,
                "fatigue_pct": None,
                "sun_w_m2": None,
                "weather": None,
                "speed_kph": None,
                "energy_kwh": None,
            },
            {
                "home_inside_temp_c": None,
                "home_climate_on": None,
                "garage_open": None,
                "home_lights_on": None,
                "next_charger_m": None,
            },
        ),
    ]
    return [(name, make_context(**c), make_extras(**e)) for name, c, e in cases]


def sample_actions() -> list[Action]:
    """Manual actions a person may take, each of which may meet or undo a need (or neither)."""
    kinds = [
        ("climate.defrost", {"target": "front", "state": "on"}),
        ("climate.defrost", {"target": "front", "state": "off"}),
        ("climate.set_temperature", {"zone": "driver", "temperature": 22}),
        ("climate.power", {"state": "on"}),
        ("climate.power", {"state": "off"}),
        ("climate.fan", {"level": 3}),
        ("seat.heat", {"zone": "driver", "level": 2}),
        ("seat.heat", {"zone": "driver", "level": 0}),
        ("nav.add_stop", {"category": "rest_area"}),
        ("nav.add_stop", {"category": "charger"}),
        ("nav.add_stop", {"category": "coffee"}),
        ("home.open", {"device": "garage"}),
        ("home.open", {"device": "gate"}),
        ("home.turn_on", {"device": "light", "room": "entrance"}),
        ("home.turn_off", {"device": "light"}),
        ("home.set_temperature", {"temperature": 23}),
        ("home.set_temperature", {"temperature": 17}),
        ("media.play", {}),
    ]
    return [Action(kind, data, source="manual", seat="driver") for kind, data in kinds]


def _digest(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def _plan(need: str, context: Any, extras: Any) -> Any:
    """The actions the policy would propose for `need` now, as it makes them (source, seat), and the reply's
    parameters."""
    planned = NEED_SPECS[need].plan(context, extras)
    if planned is None:
        return None
    return [[a.kind, a.data, a.source, a.seat] for a in policy._actions(planned)], planned[1]


def record() -> dict:
    """Everything the fixture holds, from the code as it is now."""
    contexts = fixed_contexts()
    per_context = {}
    for name, context, extras in contexts:
        per_context[name] = {
            "features": [float(v) for v in features(context, extras)],
            "situation": {n: policy.situation_of(n, context, extras) for n in NEEDS},
            "readings": {n: [list(r) for r in preferences.reading_of(n, context, extras)] for n in NEEDS},
            "plan": {n: _plan(n, context, extras) for n in NEEDS},
            "due_regardless": {
                n: (spec.due_regardless(context, extras) if spec.due_regardless else None)
                for n, spec in NEED_SPECS.items()
            },
        }
    actions = {}
    for action in sample_actions():
        key = f"{action.kind} {json.dumps(action.data, sort_keys=True)}"
        actions[key] = {
            "meets": need_met_by(action, 20.0),
            "meets_home_unknown": need_met_by(action, None),
            "undoes": need_undone_by(action),
        }
    training = pack(generate_episodes(sample_personas(4), TRAINING_EPISODES, seed=11, workers=1))
    closed = {}
    model = str(policy_model_path())
    for index, persona in enumerate(sample_personas(CLOSED_LOOP_PERSONAS, heldout=True)):
        days = run_persona(PersonaJob(persona, index, CLOSED_LOOP_DAYS, model))
        closed[persona.name] = [
            {
                "labels": _digest(episode.labels),
                "t": _digest(episode.t),
                "hours": episode.hours,
                "suggestions": [list(s) for s in log.suggestions],
                "reasons": [list(r) for r in log.reasons],
                "by_hand": [list(b) for b in log.by_hand],
            }
            for episode, log in days
        ]
    return {
        "needs": list(NEEDS),
        "contexts": per_context,
        "actions": actions,
        "training": {
            "rows": len(training["labels"]),
            "features": _digest(training["features"]),
            "labels": _digest(training["labels"]),
            "t": _digest(training["t"]),
            "episode": _digest(training["episode"]),
            "positives": [int(v) for v in training["labels"].sum(0)],
        },
        "closed_loop": closed,
    }


def policy_model_path() -> Path:
    from cockpit.proactive.scorer import DEFAULT_MODEL_PATH

    return DEFAULT_MODEL_PATH


def main() -> None:
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(record(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE}")


if __name__ == "__main__":
    main()
