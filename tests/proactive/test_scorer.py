from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from cockpit.proactive.features import FEATURE_NAMES, N_FEATURES, NEEDS, features
from cockpit.proactive.scorer import DEFAULT_MODEL_PATH, ModelCardMismatchError, NeedScorer
from tests.proactive.helpers import make_context, make_extras


@pytest.fixture(scope="module")
def scorer() -> NeedScorer:
    return NeedScorer.load()


def test_shipped_model_matches_card(scorer: NeedScorer) -> None:
    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text())
    assert card["needs"] == list(NEEDS)
    assert card["feature_names"] == list(FEATURE_NAMES)
    assert card["inputs"][0]["shape"] == ["batch", N_FEATURES]
    assert card["outputs"][0]["shape"] == ["batch", len(NEEDS)]
    out = scorer.score(features(make_context(), make_extras()))
    assert list(out) == list(NEEDS)
    assert all(0.0 <= v <= 1.0 for v in out.values())
    batch = scorer.score_batch(np.stack([features(make_context(), make_extras())] * 3))
    assert batch.shape == (3, len(NEEDS))
    assert set(card["thresholds"]) == set(NEEDS)


def test_card_belongs_to_the_shipped_onnx() -> None:
    """The card records the sha256 of the graph it was written with (no half-restored model / card pair),
    and its held-out metrics were measured with the card's own thresholds."""
    import hashlib

    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text())
    assert card["training"]["onnx_sha256"] == hashlib.sha256(DEFAULT_MODEL_PATH.read_bytes()).hexdigest()
    held = card.get("heldout_metrics")
    if held is not None:
        assert held["policy"]["thresholds"] == card["thresholds"]


def _copy_model(tmp_path: Path) -> tuple[Path, dict]:
    onnx_path = tmp_path / "needs.onnx"
    shutil.copy(DEFAULT_MODEL_PATH, onnx_path)
    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text())
    return onnx_path, card


@pytest.mark.parametrize("mutation", ["needs", "features", "outputs", "thresholds"])
def test_refuses_mismatched_card(tmp_path: Path, mutation: str) -> None:
    onnx_path, card = _copy_model(tmp_path)
    if mutation == "needs":
        card["needs"] = list(reversed(card["needs"]))
    elif mutation == "features":
        card["feature_names"] = card["feature_names"][:-1]
    elif mutation == "outputs":
        card["outputs"][0]["shape"] = ["batch", len(NEEDS) + 1]
    else:
        card["thresholds"].pop(NEEDS[0])
    onnx_path.with_suffix(".json").write_text(json.dumps(card))
    with pytest.raises(ModelCardMismatchError, match="refusing the proactive model"):
        NeedScorer.load(onnx_path)


def test_missing_card(tmp_path: Path) -> None:
    onnx_path = tmp_path / "needs.onnx"
    shutil.copy(DEFAULT_MODEL_PATH, onnx_path)
    with pytest.raises(FileNotFoundError, match="card"):
        NeedScorer.load(onnx_path)
