"""Compare trained NLU models through the same decoding on what may be used to choose: the dev set and the tune
halves (intent / slot exact match per cell and their mean), and the share of ordinary sentences acted on.

    python -m models.nlu.compare_runs shipped /tmp/run13/nlu.onnx /tmp/run29/nlu.onnx \
        [--ordinary-sample DIR] [--also-exclude FILE.json]

`shipped` is models/nlu/nlu.onnx. Items the current generator can produce are left out for every model alike;
`--also-exclude` adds the texts a candidate's generator produces (a JSON list, e.g. written from
`models.nlu.eval.generated_texts()` with the candidate's generator applied). `--ordinary-sample DIR` reads
DIR/tatoeba_oos_tune_{en,zh}.jsonl (`python -m models.nlu.corpora.build_tatoeba_oos --tune-out DIR`): sentences
that are no request, of which the share acted on (another intent at or above the cockpit's threshold) is
printed. Held halves and the blind set are never printed here: they are not for choosing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cockpit.cockpit import MIN_CONFIDENCE
from cockpit.nlu.model import NluModel
from models.nlu import eval as evaluation

CELLS = (
    "dev/en",
    "dev/zh",
    "open/en/tune",
    "open/zh/tune",
    "external/en/tune",
    "external/zh/tune",
    "compound/en/tune",
    "compound/zh/tune",
)


def acted_on(model: NluModel, rows: list[dict], excluded: set[str]) -> tuple[int, int]:
    kept = [row for row in rows if evaluation._norm(row["text"]) not in excluded]
    acted = 0
    for row in kept:
        understood = model.understand(row["text"])
        acted += understood.intent != "out_of_scope" and understood.confidence >= MIN_CONFIDENCE
    return acted, len(kept)


def compare(model_path: Path | None, excluded: set[str], ordinary: dict[str, list[dict]]) -> dict:
    model = NluModel.load(model_path)
    metrics = evaluation.evaluate(model, excluded)
    cells = {}
    for cell in CELLS:
        figures = metrics["sets"][cell]
        cells[cell] = (figures["intent_accuracy"]["value"], figures["slot_exact_match"]["value"], figures["n"])
    values = [v for intent, slots, _ in cells.values() for v in (intent, slots)]
    result: dict = {"cells": cells, "mean": round(sum(values) / len(values), 4)}
    for lang, rows in ordinary.items():
        acted, n = acted_on(model, rows, excluded)
        result[f"ordinary_acted_on/{lang}"] = (acted, n, round(acted / n, 4) if n else None)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", help="'shipped' or the path of a candidate's nlu.onnx")
    parser.add_argument("--ordinary-sample", type=Path, help="folder of tatoeba_oos_tune_{en,zh}.jsonl")
    parser.add_argument("--also-exclude", type=Path, help="JSON list of texts a candidate's generator produces")
    args = parser.parse_args()
    excluded = set(evaluation.generated_texts())
    if args.also_exclude is not None:
        excluded |= {evaluation._norm(text) for text in json.loads(args.also_exclude.read_text(encoding="utf-8"))}
    ordinary: dict[str, list[dict]] = {}
    if args.ordinary_sample is not None:
        for lang in evaluation.LANGS:
            path = args.ordinary_sample / f"tatoeba_oos_tune_{lang}.jsonl"
            ordinary[lang] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for name in args.models:
        result = compare(None if name == "shipped" else Path(name), excluded, ordinary)
        print(name, json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
