"""Confidence that means something: the shipped card is calibrated, the runtime applies it, the figures add up."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from cockpit.nlu.model import DEFAULT_MODEL_PATH, NluModel
from models.nlu.calibrate import negative_log_likelihood
from models.nlu.eval import expected_calibration_error, half_of, wilson


def test_the_shipped_model_carries_a_fitted_temperature():
    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    calibration = card["calibration"]
    assert calibration["temperature"] > 0
    assert calibration["nll_fitted"] <= calibration["nll_at_1"]


def test_the_runtime_scales_the_intent_logits_by_the_cards_temperature(tmp_path):
    onnx = tmp_path / "nlu.onnx"
    shutil.copy(DEFAULT_MODEL_PATH, onnx)
    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    readings = {}
    for temperature in (1.0, 4.0):
        card["calibration"] = {"temperature": temperature}
        onnx.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
        readings[temperature] = NluModel.load(onnx).understand("make it a bit warmer")
    assert readings[1.0].intent == readings[4.0].intent
    assert readings[4.0].confidence < readings[1.0].confidence


def test_negative_log_likelihood_is_lowest_near_the_temperature_that_made_the_data():
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(4000, 5)) * 4
    probs = np.exp(logits / 2.0) / np.exp(logits / 2.0).sum(axis=1, keepdims=True)
    labels = np.array([rng.choice(5, p=p) for p in probs])
    losses = {t: negative_log_likelihood(logits, labels, t) for t in (1.0, 2.0, 4.0)}
    assert min(losses, key=losses.get) == 2.0


def test_expected_calibration_error():
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([1.0] * 4, [False] * 4) == pytest.approx(1.0)
    assert expected_calibration_error([0.6, 0.6], [True, True]) == pytest.approx(0.4)


def test_wilson_interval_holds_the_proportion_and_narrows_with_n():
    low, high = wilson(90, 100)
    assert low < 0.9 < high
    assert high - low > wilson(900, 1000)[1] - wilson(900, 1000)[0]


def test_the_test_sets_are_cut_in_two_stable_halves():
    texts = [f"utterance {i}" for i in range(400)]
    halves = [half_of(t) for t in texts]
    assert halves == [half_of(t) for t in texts]
    assert 150 < halves.count("held") < 250
