"""Which threshold a need gets: the grid value whose closed-loop figures on the validation personas come
closest to the targets (used by `python -m models.proactive.train`; no torch here, so it is tested)."""

from __future__ import annotations

from models.proactive.eval import TARGETS

MAX_NEED_NUISANCE = 0.15  # unwanted suggestions / h for one need (9 needs: ≤ ~1 / h in all)
MIN_SUGGESTIONS = 10  # fewer suggestions than this cannot show precision ≥ 0.9 (1 of 1 is not 90 %)


def shortfall(precision: float | None, recall: float | None) -> float:
    """How far a (precision, recall) pair falls short of the targets (TARGETS), in points of either: 0 when
    both are met. One point of precision weighs as much as one of recall, so a threshold that keeps a
    need's precision a hair above 0.9 by missing most of its episodes no longer wins (seat heat at 0.92:
    0.929 / 0.295 against 0.875 / 0.955 at 0.4)."""
    p = 1.0 if precision is None else precision  # nothing suggested: nothing unwanted
    return max(0.0, TARGETS["precision"] - p) + max(0.0, TARGETS["recall"] - (recall or 0.0))


def trusted(row: dict) -> bool:
    """Within the need's nuisance budget, from enough suggestions to show a precision."""
    return (row["nuisance_per_hour"] or 0.0) <= MAX_NEED_NUISANCE and row["suggestions"] >= MIN_SUGGESTIONS


def meets_targets(row: dict) -> bool:
    return trusted(row) and shortfall(row["precision"], row["recall"]) == 0.0


def pick_threshold(rows: list[dict]) -> float:
    """The grid value closest to the targets (`shortfall`), among those within the need's nuisance
    budget and with at least MIN_SUGGESTIONS suggestions (fewer cannot show a precision); ties go to the
    higher recall, then the higher precision. Rows: {threshold, precision, recall, nuisance_per_hour,
    suggestions}."""

    def key(row: dict) -> tuple:
        p = 1.0 if row["precision"] is None else row["precision"]
        return (
            trusted(row),
            -round(shortfall(row["precision"], row["recall"]), 6),
            row["recall"] or 0.0,
            p,
            row["threshold"],
        )

    return float(max(rows, key=key)["threshold"])


__all__ = ["MAX_NEED_NUISANCE", "MIN_SUGGESTIONS", "meets_targets", "pick_threshold", "shortfall", "trusted"]
