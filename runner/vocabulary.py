"""What scenarios may name, gathered from the DBC, the map, the manual controls and the action registry."""

from __future__ import annotations

from canbus.codec import DatabaseCodec
from canbus.dbc import signal_catalogue
from home_sim import House, home_name_predicate
from roadmap.map import RoadMap
from runner.manual_controls import MANUAL_CONTROLS
from scenario.vocabulary import DEFAULT_RECORD_FIELDS, SignalInfo, Vocabulary

ACTION_FIELDS = frozenset({"kind", "status", "source", "seat", "reason", "target", "zone", "temperature", "level",
                           "state", "position", "destination", "via", "charge_to", "mode", "color", "text",
                           "lang", "value"})
UTTERANCE_FIELDS = frozenset({"text", "seat", "lang", "intent", "speaker", "confidence", "kind"})
HOME_RESULT_FIELDS = frozenset({"device", "action", "status", "reason", "attempts"})


def _kind_of(meta) -> str:
    if meta.choices:
        return "string"
    return "number"


def build_vocabulary(codec: DatabaseCodec, roadmap: RoadMap) -> Vocabulary:
    signals = {path: SignalInfo(units=meta.unit, kind=_kind_of(meta))
               for path, meta in signal_catalogue(codec.database).items()}
    record_fields = dict(DEFAULT_RECORD_FIELDS)
    record_fields["action"] = ACTION_FIELDS
    record_fields["utterance"] = UTTERANCE_FIELDS
    record_fields["home_result"] = HOME_RESULT_FIELDS
    return Vocabulary(
        signals=signals, places=frozenset(roadmap.places), can_messages=frozenset(codec.by_name),
        manual_controls=frozenset(MANUAL_CONTROLS), record_fields=record_fields,
        home_names=home_name_predicate(House.default()),
    )
