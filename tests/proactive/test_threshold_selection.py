"""The threshold rule of `python -m models.proactive.train`: closest to both targets, within the budgets."""

from __future__ import annotations

from models.proactive.selection import MIN_SUGGESTIONS, pick_threshold, shortfall


def _row(
    threshold: float, precision: float | None, recall: float | None, nuisance: float = 0.01, suggestions: int = 40
) -> dict:
    return {
        "threshold": threshold,
        "precision": precision,
        "recall": recall,
        "nuisance_per_hour": nuisance,
        "suggestions": suggestions,
    }


def test_shortfall_counts_points_below_either_target() -> None:
    assert shortfall(0.95, 0.9) == 0.0
    assert abs(shortfall(0.88, 0.9) - 0.02) < 1e-9
    assert abs(shortfall(0.88, 0.80) - 0.07) < 1e-9
    assert shortfall(None, 0.9) == 0.0  # nothing suggested: nothing unwanted


def test_a_hair_of_precision_does_not_buy_away_the_recall() -> None:
    # the seat-heat search of 3.3.0 on the validation personas
    rows = [
        _row(0.25, 0.86, 0.977),
        _row(0.4, 0.875, 0.955),
        _row(0.55, 0.864, 0.864),
        _row(0.7, 0.895, 0.773),
        _row(0.82, 0.852, 0.523),
        _row(0.92, 0.929, 0.295),
    ]
    assert pick_threshold(rows) == 0.4


def test_among_values_meeting_both_targets_the_higher_recall_wins() -> None:
    rows = [_row(0.25, 0.914, 0.964), _row(0.4, 0.927, 0.927), _row(0.55, 0.96, 0.873)]
    assert pick_threshold(rows) == 0.25


def test_over_the_nuisance_budget_or_on_too_few_suggestions_only_as_a_last_resort() -> None:
    rows = [
        _row(0.25, 0.95, 0.95, nuisance=0.4),
        _row(0.55, 0.95, 0.95, suggestions=MIN_SUGGESTIONS - 1),
        _row(0.92, 0.8, 0.5),
    ]
    assert pick_threshold(rows) == 0.92
    assert pick_threshold(rows[:2]) == 0.55  # nothing trusted: the closest to the targets anyway
