"""Evaluate the NLU model on the hand-written held-out test sets and record the metrics in its card.

    python -m models.nlu.eval [--model models/nlu/nlu.onnx] [--no-write]

Test sets (models/nlu/data/test_{en,zh}.jsonl) were written by hand before the
generator templates and are never used for training. Slot exact match counts an
utterance as right only when its whole slot dict equals the expected one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

from cockpit.nlu.model import DEFAULT_MODEL_PATH, NluModel

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGS = ("en", "zh")


def _slots_equal(expected: dict, actual: dict) -> bool:
    if expected.keys() != actual.keys():
        return False
    for key, value in expected.items():
        other = actual[key]
        if isinstance(value, float | int) and isinstance(other, float | int):
            if abs(float(value) - float(other)) > 1e-6:
                return False
        elif str(value).lower() != str(other).lower():
            return False
    return True


def load_test_set(lang: str) -> list[dict]:
    path = DATA_DIR / f"test_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _generated_texts() -> set[str]:
    """Normalised texts the generator can emit (training seed), to report metrics on unseen sentences too."""
    from models.nlu.generate import generate

    return {_norm(ex.text) for ex in generate()}


def _norm(text: str) -> str:
    return text.lower().strip(" .!?。！？")


def evaluate(model: NluModel) -> dict:
    metrics: dict = {"languages": {}, "per_intent": {}, "confusions": [], "errors": []}
    generated = _generated_texts()
    per_intent: dict[str, Counter] = defaultdict(Counter)
    confusions: Counter = Counter()
    for lang in LANGS:
        rows = load_test_set(lang)
        intent_ok = slot_ok = 0
        novel = Counter()
        for row in rows:
            result = model.understand(row["text"])
            good_intent = result.intent == row["intent"]
            good_slots = good_intent and _slots_equal(row["slots"], result.slots)
            intent_ok += good_intent
            slot_ok += good_slots
            if _norm(row["text"]) not in generated:
                novel.update(n=1, intent_ok=good_intent, slots_ok=good_slots)
            stats = per_intent[row["intent"]]
            stats[f"{lang}_n"] += 1
            stats[f"{lang}_intent_ok"] += good_intent
            stats[f"{lang}_slots_ok"] += good_slots
            if not good_intent:
                confusions[(row["intent"], result.intent)] += 1
            if not good_slots:
                metrics["errors"].append(
                    {
                        "lang": lang,
                        "text": row["text"],
                        "expected": row["intent"],
                        "expected_slots": row["slots"],
                        "got": result.intent,
                        "got_slots": result.slots,
                    }
                )
        metrics["languages"][lang] = {
            "n": len(rows),
            "intent_accuracy": round(intent_ok / len(rows), 4),
            "slot_exact_match": round(slot_ok / len(rows), 4),
            # the same metrics on test sentences the generator never emits verbatim
            "unseen_n": novel["n"],
            "unseen_intent_accuracy": round(novel["intent_ok"] / max(novel["n"], 1), 4),
            "unseen_slot_exact_match": round(novel["slots_ok"] / max(novel["n"], 1), 4),
        }
    for intent, stats in sorted(per_intent.items()):
        entry = {}
        for lang in LANGS:
            n = stats[f"{lang}_n"]
            if n:
                entry[lang] = {
                    "n": n,
                    "intent_accuracy": round(stats[f"{lang}_intent_ok"] / n, 3),
                    "slot_exact_match": round(stats[f"{lang}_slots_ok"] / n, 3),
                }
        metrics["per_intent"][intent] = entry
    metrics["confusions"] = [{"expected": e, "got": g, "count": c} for (e, g), c in confusions.most_common()]
    return metrics


def measure_latency(model_path: Path, repeats: int = 3) -> dict:
    """Per-utterance latency including tokenisation, one thread, over both test sets."""
    started = time.perf_counter()
    model = NluModel.load(model_path)
    load_ms = (time.perf_counter() - started) * 1000
    texts = [row["text"] for lang in LANGS for row in load_test_set(lang)]
    for text in texts[:50]:
        model.understand(text)  # warm-up
    timings = []
    for _ in range(repeats):
        for text in texts:
            t0 = time.perf_counter()
            model.understand(text)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return {
        "session_load_ms": round(load_ms, 1),
        "median_ms": round(statistics.median(timings), 3),
        "p99_ms": round(timings[int(0.99 * (len(timings) - 1))], 3),
        "n": len(timings),
        "model_bytes": model_path.stat().st_size,
    }


def evaluate_and_record(model_path: Path = DEFAULT_MODEL_PATH, write: bool = True) -> dict:
    model = NluModel.load(model_path)
    metrics = evaluate(model)
    latency = measure_latency(model_path)
    for lang, m in metrics["languages"].items():
        print(
            f"{lang}: n={m['n']}  intent accuracy {m['intent_accuracy']:.3f}  "
            f"slot exact match {m['slot_exact_match']:.3f}  | unseen n={m['unseen_n']}  "
            f"intent {m['unseen_intent_accuracy']:.3f}  slots {m['unseen_slot_exact_match']:.3f}"
        )
    print("per intent (intent acc / slot EM):")
    for intent, entry in metrics["per_intent"].items():
        cells = "  ".join(
            f"{lang} {v['intent_accuracy']:.2f}/{v['slot_exact_match']:.2f} (n={v['n']})"
            for lang, v in entry.items()
        )
        print(f"  {intent:28s} {cells}")
    print("confusions (expected -> got):")
    for c in metrics["confusions"]:
        print(f"  {c['expected']} -> {c['got']}: {c['count']}")
    print("errors:")
    for e in metrics["errors"]:
        print(
            f"  [{e['lang']}] {e['text']!r}: expected {e['expected']} {e['expected_slots']}, "
            f"got {e['got']} {e['got_slots']}"
        )
    print(f"latency: {latency}")
    if write:
        card_path = Path(model_path).with_suffix(".json")
        card = json.loads(card_path.read_text(encoding="utf-8"))
        card["evaluation"]["metrics"] = {
            "languages": metrics["languages"],
            "per_intent": metrics["per_intent"],
            "confusions": metrics["confusions"],
            "latency": latency,
        }
        card_path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"metrics written to {card_path}")
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--no-write", action="store_true", help="do not write the metrics into the card")
    args = parser.parse_args()
    evaluate_and_record(args.model, write=not args.no_write)


if __name__ == "__main__":
    main()
