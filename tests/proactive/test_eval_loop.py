"""The closed-loop held-out eval runs the production policy and carries its answer memory across days."""

from __future__ import annotations

from cockpit.proactive.features import NEEDS
from models.proactive import eval as proactive_eval


def test_closed_loop_smoke() -> None:
    days = proactive_eval.simulate_heldout(n_personas=1, n_days=2, workers=1)
    assert len(days) == 1 and len(days[0]) == 2
    metrics = proactive_eval.closed_loop(days, [0, 1])
    assert set(metrics["per_need"]) == set(NEEDS)
    for ep, log in days[0]:
        assert len(ep.t) == len(ep.labels) > 0
        for _, need, mode, wanted in log.suggestions:
            assert need in NEEDS and mode in ("act", "offer") and isinstance(wanted, bool)
    again = proactive_eval.simulate_heldout(n_personas=1, n_days=2, workers=1)
    assert [log.suggestions for _, log in again[0]] == [log.suggestions for _, log in days[0]]  # deterministic
