"""The fresh-set evaluation: its seeds are used nowhere else, and its spread and pooled figures add up."""

from __future__ import annotations

from cockpit.proactive.features import NEEDS
from models.proactive.diagnose import SETS
from models.proactive.eval import HELDOUT_EPISODE_SEED, VALIDATION_EPISODE_SEED, VALIDATION_PERSONA_SEED
from models.proactive.fresh_eval import FRESH_SETS, pooled, spread, summarise
from models.proactive.personas import HELDOUT_SEED, TRAIN_SEED

# the held-out sets measured before (model card 3.3.0): persona seeds 98766-98769, episode seeds 424243-424246
EARLIER_HELDOUT = {(98765 + k, HELDOUT_EPISODE_SEED + k) for k in range(5)}
TRAIN_EPISODE_SEED = 1


def test_the_fresh_sets_share_no_seed_with_training_tuning_or_earlier_evaluations() -> None:
    used_persona_seeds = {
        TRAIN_SEED,
        VALIDATION_PERSONA_SEED,
        HELDOUT_SEED,
        *(s.persona_seed for s in SETS.values()),
        *(p for p, _ in EARLIER_HELDOUT),
    }
    used_episode_seeds = {
        TRAIN_EPISODE_SEED,
        VALIDATION_EPISODE_SEED,
        *(s.episode_seed for s in SETS.values()),
        *(e for _, e in EARLIER_HELDOUT),
    }
    assert len(FRESH_SETS) >= 5
    assert len({p for p, _ in FRESH_SETS}) == len({e for _, e in FRESH_SETS}) == len(FRESH_SETS)
    assert not {p for p, _ in FRESH_SETS} & used_persona_seeds
    assert not {e for _, e in FRESH_SETS} & used_episode_seeds


def _metrics(tp: int, suggestions: int, met: int, episodes: int, hours: float) -> dict:
    need = {
        "precision": tp / suggestions if suggestions else None,
        "recall": met / episodes if episodes else None,
        "suggestions": suggestions,
        "true_positives": tp,
        "need_episodes": episodes,
        "met": met,
    }
    per_need = {n: dict(need) for n in NEEDS}
    return {
        "per_need": per_need,
        "hours": hours,
        "overall": {
            "precision": tp / suggestions if suggestions else None,
            "recall": met / episodes if episodes else None,
        },
    }


def test_pooled_figures_add_the_counts_of_the_sets() -> None:
    together = pooled([_metrics(9, 10, 8, 10, 5.0), _metrics(1, 10, 2, 10, 5.0)])
    assert together["per_need"]["rest_break"]["precision"] == 0.5
    assert together["per_need"]["rest_break"]["recall"] == 0.5
    assert together["overall"]["precision"] == 0.5
    assert together["hours"] == 10.0


def test_the_spread_leaves_out_sets_without_the_figure() -> None:
    assert spread([0.8, None, 1.0]) == {"mean": 0.9, "min": 0.8, "max": 1.0, "std": 0.1, "sets": 2}
    assert spread([None])["mean"] is None


def test_summary_has_every_need_and_all_needs_per_window() -> None:
    results = [
        {"steady_state": _metrics(9, 10, 8, 10, 5.0), "first_day": _metrics(1, 2, 1, 2, 1.0)},
        {"steady_state": _metrics(8, 10, 9, 10, 5.0), "first_day": _metrics(0, 0, 0, 0, 1.0)},
    ]
    summary = summarise(results)
    rows = summary["steady_state"]["rows"]
    assert set(rows) == {*NEEDS, "all needs"}
    assert rows["all needs"]["precision"]["mean"] == 0.85
    assert rows["all needs"]["precision"]["pooled"] == 0.85
    assert summary["first_day"]["rows"]["defog"]["recall"]["sets"] == 1
