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

The first model named is the reference; each later one is judged against it by the release rule, fixed before the
runs it judges (issue 15 (VI)): a candidate may replace the reference when
* the mean of its sixteen figures (intent and slots of each cell) is higher, and
* on no cell does a figure fall by more than `RULE_STANDARD_ERRORS` standard errors of the paired difference
  (item by item, the same items for both models: sd of the per-item differences / sqrt(n)), and
* the share of ordinary sentences acted on does not rise by more than that, paired the same way.
A cell of 62 items where the two models differ on 4 has a standard error of about 0.03; a fixed margin of 0.03 on
each of sixteen cells (the rule before) is one a better model seldom clears by chance alone.
"""

from __future__ import annotations

import argparse
import json
import math
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


RULE_STANDARD_ERRORS = 2.0
FIGURES = ("intent", "slots")


def acted_on(model: NluModel, rows: list[dict], excluded: set[str]) -> dict[str, bool]:
    """Whether the cockpit would act on each ordinary sentence (another intent at or above its threshold)."""
    acted = {}
    for row in rows:
        if evaluation._norm(row["text"]) in excluded:
            continue
        understood = model.understand(row["text"])
        acted[row["text"]] = understood.intent != "out_of_scope" and understood.confidence >= MIN_CONFIDENCE
    return acted


def compare(model_path: Path | None, excluded: set[str], ordinary: dict[str, list[dict]]) -> dict:
    """One model's figures on every cell used for choosing, with each item's outcome kept for pairing."""
    model = NluModel.load(model_path)
    metrics = evaluation.evaluate(model, excluded)
    cells = {}
    outcomes: dict[str, dict] = {}
    for cell in CELLS:
        figures = metrics["sets"][cell]
        cells[cell] = (figures["intent_accuracy"]["value"], figures["slot_exact_match"]["value"], figures["n"])
        items = metrics["outcomes"][cell]
        outcomes[f"{cell}:intent"] = {text: ok[0] for text, ok in items.items()}
        outcomes[f"{cell}:slots"] = {text: ok[1] for text, ok in items.items()}
    values = [v for intent, slots, _ in cells.values() for v in (intent, slots)]
    result: dict = {"cells": cells, "mean": round(sum(values) / len(values), 4)}
    for lang, rows in ordinary.items():
        acted = acted_on(model, rows, excluded)
        n = len(acted)
        result[f"ordinary_acted_on/{lang}"] = (sum(acted.values()), n, round(sum(acted.values()) / n, 4) if n else None)
        outcomes[f"ordinary_acted_on/{lang}"] = acted
    result["_outcomes"] = outcomes
    return result


def paired_difference(reference: dict[str, bool], candidate: dict[str, bool]) -> tuple[float, float, int]:
    """Mean and standard error of candidate minus reference over the items both were read on, and their count."""
    shared = sorted(reference.keys() & candidate.keys())
    n = len(shared)
    if n < 2:
        return 0.0, 0.0, n
    differences = [int(candidate[text]) - int(reference[text]) for text in shared]
    mean = sum(differences) / n
    variance = sum((d - mean) ** 2 for d in differences) / (n - 1)
    return mean, math.sqrt(variance / n), n


def judge(reference: dict, candidate: dict) -> dict:
    """The release rule (module docstring) applied to a candidate against the reference, every check reported."""
    checks = []
    for key, reference_items in reference["_outcomes"].items():
        difference, standard_error, n = paired_difference(reference_items, candidate["_outcomes"][key])
        # Acting on more ordinary sentences is the loss there; on every other cell a lower figure is.
        loss = difference if key.startswith("ordinary_acted_on/") else -difference
        checks.append(
            {
                "figure": key,
                "n": n,
                "difference": round(difference, 4),
                "standard_error": round(standard_error, 4),
                "limit": round(RULE_STANDARD_ERRORS * standard_error, 4),
                "passed": loss <= RULE_STANDARD_ERRORS * standard_error + 1e-12,
            }
        )
    mean_higher = candidate["mean"] > reference["mean"]
    return {
        "mean": {"reference": reference["mean"], "candidate": candidate["mean"], "passed": mean_higher},
        "checks": checks,
        "passed": mean_higher and all(check["passed"] for check in checks),
    }


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
    reference: dict | None = None
    for name in args.models:
        result = compare(None if name == "shipped" else Path(name), excluded, ordinary)
        print(name, json.dumps({k: v for k, v in result.items() if k != "_outcomes"}, ensure_ascii=False), flush=True)
        if reference is None:
            reference = result
            continue
        verdict = judge(reference, result)
        for check in verdict["checks"]:
            mark = "ok  " if check["passed"] else "FAIL"
            print(
                f"  {mark} {check['figure']:<32} n={check['n']:<4} difference {check['difference']:+.3f}"
                f"  (2 SE = {check['limit']:.3f})"
            )
        mean = verdict["mean"]
        print(f"  {'ok  ' if mean['passed'] else 'FAIL'} mean {mean['candidate']:.4f} against {mean['reference']:.4f}")
        print(f"  release rule against {args.models[0]}: {'PASSED' if verdict['passed'] else 'not passed'}", flush=True)


if __name__ == "__main__":
    main()
