"""The error listing names each unwanted suggestion and each missed episode, as the metrics count them."""

from __future__ import annotations

import numpy as np

from cockpit.proactive.features import NEEDS
from models.proactive.diagnose import errors
from models.proactive.eval import DayLog, closed_loop
from models.proactive.personas import sample_personas
from models.proactive.simulate import Episode


def _episode(defog_from_s: int, defog_to_s: int, seat_from_s: int, seat_to_s: int) -> Episode:
    n = 600
    labels = np.zeros((n, len(NEEDS)), np.uint8)
    labels[defog_from_s:defog_to_s, NEEDS.index("defog")] = 1
    labels[seat_from_s:seat_to_s, NEEDS.index("seat_heat")] = 1
    flags = np.zeros(n, bool)
    return Episode(
        "p",
        "commute",
        np.zeros((0, 0), np.float32),
        labels,
        np.arange(n, dtype=float),
        flags,
        flags,
        np.full(n, 70.0),
        np.zeros(n),
        np.zeros(n),
        flags,
        n / 3600.0,
    )


def test_errors_are_the_metrics_misses_and_nuisances() -> None:
    persona = sample_personas(1, heldout=True, seed=5)[0]
    episode = _episode(100, 200, 300, 400)
    log = DayLog(hours=episode.hours)
    log.suggestions = [(150.0, "defog", "act", True), (50.0, "seat_heat", "act", False)]
    log.reasons = [("personal", 0.4), ("model", 0.97)]
    log.by_hand = [(400.0, "seat_heat")]
    lines = errors(0, persona, 6, episode, log, tuple(NEEDS))
    assert len(lines) == 2
    assert lines[0].startswith("UNWANTED persona 0 day 7 t=50 s seat_heat act (model, score 0.97)")
    assert lines[1].startswith("MISSED persona 0 day 7 seat_heat 300–399 s") and "by hand: ['400 s']" in lines[1]
    assert f"seat_cold_c={persona.seat_cold_c}" in lines[1]
    metrics = closed_loop([[(episode, log)]], [0])["per_need"]
    assert metrics["seat_heat"]["recall"] == 0.0 and metrics["seat_heat"]["precision"] == 0.0
    assert metrics["defog"]["recall"] == 1.0
    assert errors(0, persona, 6, episode, log, ("defog",)) == []
