"""A run starts on a warm bus: at the first sample every signal the cockpit reads has a value (the ECUs' first full
cycle is delivered at 0 s), except the messages a fault from 0 s drops; and the same scenario gives the same bytes."""

from __future__ import annotations

from cockpit.signals import Quality
from runner.session import RunSession
from scenario.loader import load_scenario_text

SCENARIO = """name: warm_start
seed: 4
duration: 2s
occupants: [{{seat: driver}}]
{events}"""


def _session(parts, events: str = "") -> RunSession:
    scenario = load_scenario_text(SCENARIO.format(events=events), parts.vocabulary)
    return RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=parts.understander, speak=False)


def test_every_signal_has_a_value_at_the_first_sample(parts):
    session = _session(parts)
    try:
        session.advance(0.0)
        store = session.cockpit.store
        missing = [path for path in store.catalogue if store.last(path) is None]
        assert not missing
        assert all(quality is Quality.VALID for _, quality in store.qualities(0.0))
    finally:
        session.close()


def test_a_fault_from_the_start_keeps_its_message_unheard(parts):
    session = _session(parts, "events:\n  - at: 0s\n    fault: {message: HVAC_Status, kind: drop, for: 1s}\n")
    try:
        session.advance(0.0)
        store = session.cockpit.store
        assert store.message_quality("HVAC_Status", 0.0) is Quality.MISSING
        assert store.message_quality("HVAC_Zones", 0.0) is Quality.VALID
    finally:
        session.close()
