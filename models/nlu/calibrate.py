"""Fit the temperature that makes the NLU's confidence mean what it says, and write it into the card.

    python -m models.nlu.calibrate [--model models/nlu/nlu.onnx]

Temperature scaling (Guo et al., 2017): intent probabilities are softmax(logits / T), with T chosen to
minimise the negative log-likelihood on held-out data. The data is the development set
(models/nlu/data/test_{en,zh}.jsonl: hand-written, never trained on); the test sets (open, external,
compound) are not looked at. A model trained on templates is over-confident on phrasing it never saw,
so T > 1 is expected. The cockpit asks back below cockpit.cockpit.MIN_CONFIDENCE of this calibrated
confidence; models/nlu/eval.py reports the expected calibration error and the operating point.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from cockpit.nlu.model import DEFAULT_MODEL_PATH, NluModel
from models.nlu.eval import LANGS, load_set

GRID = np.round(np.arange(0.5, 8.01, 0.05), 2)


def negative_log_likelihood(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=1, keepdims=True)
    log_probs = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())


def fit_temperature(model: NluModel) -> dict:
    rows = [row for lang in LANGS for row in load_set("dev", lang)]
    logits = model.intent_logits([row["text"] for row in rows])
    labels = np.array([model.intents.index(row["intent"]) for row in rows])
    losses = [negative_log_likelihood(logits, labels, t) for t in GRID]
    best = float(GRID[int(np.argmin(losses))])
    return {
        "method": "temperature scaling of the intent logits",
        "temperature": best,
        "fitted_on": "models/nlu/data/test_{en,zh}.jsonl (development set)",
        "n": len(rows),
        "nll_at_1": round(negative_log_likelihood(logits, labels, 1.0), 4),
        "nll_fitted": round(min(losses), 4),
    }


def calibrate(model_path: Path = DEFAULT_MODEL_PATH) -> dict:
    card_path = model_path.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card.pop("calibration", None)
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    calibration = fit_temperature(NluModel.load(model_path))
    card["calibration"] = calibration
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"calibration: {calibration}")
    return calibration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH)
    args = parser.parse_args()
    calibrate(args.model)


if __name__ == "__main__":
    main()
