"""NeedScorer: the proactive needs model (ONNX) at runtime — onnxruntime + numpy only.

    scorer = NeedScorer.load()                      # models/proactive/needs.onnx + needs.json
    probabilities = scorer.score(features(context, extras))   # {need: 0..1}, NEEDS order

The card (needs.json) is the contract: its inputs, outputs, feature names and needs must match this
code (cockpit/proactive/features.py) and the ONNX graph, otherwise loading fails with a message
saying what differs. One intra-op thread: a call is a few tens of microseconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnxruntime as ort

from cockpit.proactive.features import FEATURE_NAMES, N_FEATURES, NEEDS
from shipped_files import NEEDS_MODEL, shipped_path

DEFAULT_MODEL_PATH = shipped_path(NEEDS_MODEL)
INPUT_NAME = "features"
OUTPUT_NAME = "probabilities"
EXPECTED_INPUTS = [{"name": INPUT_NAME, "dtype": "float32", "shape": ["batch", N_FEATURES]}]
EXPECTED_OUTPUTS = [{"name": OUTPUT_NAME, "dtype": "float32", "shape": ["batch", len(NEEDS)]}]


class ModelCardMismatchError(ValueError):
    """The model or its card does not match the code that would feed it."""


def check_card(card: dict, where: str = "card") -> None:
    if not {"needs", "feature_names", "thresholds"} & set(card):
        raise ModelCardMismatchError(
            f"refusing the proactive model: {where} is not a needs model card (no needs, "
            f"feature_names or thresholds; another model's card?)"
        )
    problems = []
    if card.get("inputs") != EXPECTED_INPUTS:
        problems.append(f"inputs {card.get('inputs')!r} != expected {EXPECTED_INPUTS!r}")
    if card.get("outputs") != EXPECTED_OUTPUTS:
        problems.append(f"outputs {card.get('outputs')!r} != expected {EXPECTED_OUTPUTS!r}")
    if tuple(card.get("needs") or ()) != NEEDS:
        problems.append(f"needs {card.get('needs')!r} != code NEEDS {list(NEEDS)!r}")
    names = tuple(card.get("feature_names") or ())
    if names != FEATURE_NAMES:
        extra = sorted(set(names) - set(FEATURE_NAMES))[:5]
        missing = sorted(set(FEATURE_NAMES) - set(names))[:5]
        problems.append(
            f"feature_names differ from cockpit/proactive/features.py "
            f"({len(names)} vs {len(FEATURE_NAMES)}; unexpected {extra}, missing {missing}"
            f"{', order differs' if not extra and not missing else ''})"
        )
    thresholds = card.get("thresholds")
    if not isinstance(thresholds, dict) or set(thresholds) != set(NEEDS):
        problems.append("thresholds must give one value per need")
    if problems:
        raise ModelCardMismatchError(
            f"refusing the proactive model: {where} does not match the code: " + "; ".join(problems)
        )


class NeedScorer:
    def __init__(self, session: ort.InferenceSession, card: dict) -> None:
        self._session = session
        self.card = card
        self.thresholds: dict[str, float] = {n: float(card["thresholds"][n]) for n in NEEDS}
        self._outputs = [OUTPUT_NAME]

    @classmethod
    def load(cls, path: Path | None = None) -> NeedScorer:
        """Load `path` (the .onnx; the card is the .json next to it). None: the shipped model.

        FileNotFoundError for a missing file; ModelCardMismatchError for one that is junk, cut short or of
        another model (the NLU model's graph or card), saying which file and why."""
        onnx_path = Path(path) if path is not None else DEFAULT_MODEL_PATH
        card_path = onnx_path.with_suffix(".json")
        if not onnx_path.is_file():
            raise FileNotFoundError(f"proactive model not found: {onnx_path} (train: python -m models.proactive.train)")
        if not card_path.is_file():
            raise FileNotFoundError(f"proactive model card not found: {card_path}")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ModelCardMismatchError(
                f"refusing the proactive model: its card {card_path} is not valid JSON "
                f"({type(error).__name__}: {str(error)[:120]})"
            ) from None
        if not isinstance(card, dict):
            raise ModelCardMismatchError(f"refusing the proactive model: its card {card_path} is not a JSON object")
        check_card(card, str(card_path))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # noqa: BLE001 - onnxruntime's errors share no base class but Exception
            first_line = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            raise ModelCardMismatchError(
                f"refusing the proactive model: {onnx_path} is not a loadable ONNX model ({first_line})"
            ) from None
        inputs, outputs = session.get_inputs(), session.get_outputs()
        graph = ([(i.name, i.shape[-1]) for i in inputs], [(o.name, o.shape[-1]) for o in outputs])
        if graph != ([(INPUT_NAME, N_FEATURES)], [(OUTPUT_NAME, len(NEEDS))]):
            raise ModelCardMismatchError(
                f"refusing the proactive model: the graph {onnx_path} has inputs/outputs {graph}, "
                f"expected {INPUT_NAME}[batch, {N_FEATURES}] -> {OUTPUT_NAME}[batch, {len(NEEDS)}]"
            )
        return cls(session, card)

    def score_batch(self, feature_matrix: np.ndarray) -> np.ndarray:
        """(n, N_FEATURES) -> (n, len(NEEDS)) probabilities."""
        x = np.ascontiguousarray(feature_matrix, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] != N_FEATURES:
            raise ValueError(f"expected shape (n, {N_FEATURES}), got {x.shape}")
        return self._session.run(self._outputs, {INPUT_NAME: x})[0]

    def score(self, feature_vector: np.ndarray) -> dict[str, float]:
        """One tick: {need: probability} in NEEDS order."""
        x = np.asarray(feature_vector, dtype=np.float32)
        if x.shape != (N_FEATURES,):
            raise ValueError(f"expected a feature vector of shape ({N_FEATURES},), got {x.shape}")
        row = self._session.run(self._outputs, {INPUT_NAME: x.reshape(1, N_FEATURES)})[0][0]
        return dict(zip(NEEDS, row.tolist(), strict=True))


__all__ = ["DEFAULT_MODEL_PATH", "ModelCardMismatchError", "NeedScorer", "check_card"]
