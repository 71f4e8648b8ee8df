"""The release rule of models.nlu.compare_runs: a candidate replaces the reference only with a higher mean and no
figure lower (or ordinary sentences acted on more) by more than two standard errors of the paired difference."""

from __future__ import annotations

import math

from models.nlu.compare_runs import judge, paired_difference


def _outcomes(pattern: str) -> dict[str, bool]:
    return {f"item {i}": mark == "1" for i, mark in enumerate(pattern)}


def test_paired_difference_counts_only_the_items_that_differ() -> None:
    reference = _outcomes("1111100000")
    candidate = _outcomes("1111000001")  # one lost, one won: no difference, but a spread
    difference, standard_error, n = paired_difference(reference, candidate)
    assert n == 10 and difference == 0.0
    assert math.isclose(standard_error, math.sqrt((2 / 9) / 10))
    assert paired_difference(reference, reference)[1] == 0.0


def test_paired_difference_reads_only_shared_items() -> None:
    reference = {"a": True, "b": True, "c": False}
    candidate = {"b": False, "c": False, "d": True}
    difference, _, n = paired_difference(reference, candidate)
    assert n == 2 and difference == -0.5


FIGURE_NAMES = {"dev_en": "dev/en:slots", "ordinary_acted_on_en": "ordinary_acted_on/en"}


def _result(mean: float, **figures: str) -> dict:
    return {"mean": mean, "_outcomes": {FIGURE_NAMES[name]: _outcomes(p) for name, p in figures.items()}}


def test_a_higher_mean_with_losses_inside_the_noise_passes() -> None:
    reference = _result(0.80, dev_en=("1" * 60) + "0000", ordinary_acted_on_en="0" * 64)
    candidate = _result(0.81, dev_en=("1" * 58) + "00" + "1100", ordinary_acted_on_en="0" * 63 + "1")
    assert judge(reference, candidate)["passed"]


def test_a_loss_beyond_two_standard_errors_fails_even_with_a_higher_mean() -> None:
    reference = _result(0.80, dev_en="1" * 64)
    candidate = _result(0.90, dev_en="1" * 54 + "0" * 10)
    verdict = judge(reference, candidate)
    assert not verdict["passed"] and not verdict["checks"][0]["passed"]


def test_acting_on_more_ordinary_sentences_is_a_loss() -> None:
    reference = _result(0.80, ordinary_acted_on_en="0" * 64)
    candidate = _result(0.85, ordinary_acted_on_en="1" * 10 + "0" * 54)
    assert not judge(reference, candidate)["passed"]
    assert judge(candidate | {"mean": 0.79}, reference | {"mean": 0.86})["passed"]


def test_a_mean_not_higher_fails() -> None:
    reference = _result(0.80, dev_en="1" * 64)
    assert not judge(reference, _result(0.80, dev_en="1" * 64))["passed"]
