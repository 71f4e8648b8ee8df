"""The proactive model on persona sets nobody tuned on, with the spread between sets:
`python -m models.proactive.fresh_eval`.

`FRESH_SETS` are five (persona seed, episode seed) pairs drawn for this evaluation (issue 16 item 11): no
training, threshold selection, development set (models/proactive/diagnose.py) or earlier held-out set used
them, and nothing may be tuned on them. Each set has `PERSONAS_PER_SET` personas of the held-out
distribution (shifted preference ranges), each driving `N_DAYS` seeded days with the production policy and
its answer memory, closed loop, exactly as `models/proactive/eval.py` runs one held-out set (its
`PersonaJob` / `closed_loop`). One set of twenty personas swings by ±0.05 from one seed to the next: the
stable figure is the one pooled over all the sets (100 personas, 300 steady-state persona-days), and the
spread between sets says how far one set of twenty may stray from it. Reported per need and for all
needs, for the steady state (the last `STEADY_DAYS` days) and the first day: precision and recall per
set, their mean, min–max and standard deviation over the sets, and the figure pooled over every persona
of every set.

Seeded: the same arguments give the same figures. `--model` evaluates another network (with its card next
to it); `--no-write` leaves the card alone; `--json FILE` keeps the result.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from cockpit.proactive.features import NEEDS
from cockpit.proactive.scorer import DEFAULT_MODEL_PATH
from models.proactive.eval import N_DAYS, STEADY_DAYS, PersonaJob, closed_loop, overall, run_jobs
from models.proactive.personas import sample_personas

FRESH_SETS = ((31001, 731001), (31002, 731002), (31003, 731003), (31004, 731004), (31005, 731005))
PERSONAS_PER_SET = 20
CARD_KEY = "fresh_sets_metrics"
WINDOWS = ("steady_state", "first_day")
FIGURES = ("precision", "recall")
COMMAND = "python -m models.proactive.fresh_eval"


def run_sets(model: Path, sets: tuple[tuple[int, int], ...], n_personas: int, n_days: int, workers: int) -> list[dict]:
    """Every set's closed-loop metrics (first day, steady state), all personas of all sets in one pool."""
    jobs = [
        PersonaJob(persona, index, n_days, str(model), True, None, episode_seed)
        for persona_seed, episode_seed in sets
        for index, persona in enumerate(sample_personas(n_personas, heldout=True, seed=persona_seed))
    ]
    runs = run_jobs(jobs, workers)
    steady = list(range(max(1, n_days - STEADY_DAYS), n_days))
    results = []
    for k, (persona_seed, episode_seed) in enumerate(sets):
        days = runs[k * n_personas : (k + 1) * n_personas]
        results.append(
            {
                "persona_seed": persona_seed,
                "episode_seed": episode_seed,
                "first_day": closed_loop(days, [0]),
                "steady_state": closed_loop(days, steady),
            }
        )
    return results


def pooled(metrics: list[dict]) -> dict:
    """The figures of several sets' `closed_loop` results taken together (their counts added)."""
    per_need = {}
    for need in NEEDS:
        counts = {
            key: sum(m["per_need"][need][key] for m in metrics)
            for key in ("suggestions", "true_positives", "need_episodes", "met")
        }
        per_need[need] = {
            "precision": round(counts["true_positives"] / counts["suggestions"], 3) if counts["suggestions"] else None,
            "recall": round(counts["met"] / counts["need_episodes"], 3) if counts["need_episodes"] else None,
            **counts,
        }
    hours = sum(m["hours"] for m in metrics)
    return {"per_need": per_need, "hours": round(hours, 2), "overall": overall(per_need, hours)}


def spread(values: list[float | None]) -> dict:
    """Mean, min, max and standard deviation over the sets that have the figure (None: no suggestion or
    no need episode in that set)."""
    known = [v for v in values if v is not None]
    if not known:
        return {"mean": None, "min": None, "max": None, "std": None, "sets": 0}
    return {
        "mean": round(statistics.fmean(known), 3),
        "min": min(known),
        "max": max(known),
        "std": round(statistics.pstdev(known), 3),
        "sets": len(known),
    }


def summarise(results: list[dict]) -> dict:
    """Per window: per need and overall, each figure's spread over the sets and its pooled value."""
    summary: dict = {}
    for window in WINDOWS:
        metrics = [r[window] for r in results]
        together = pooled(metrics)
        rows = {}
        for need in (*NEEDS, "all needs"):

            def figures_of(m: dict, need: str = need) -> dict:
                return m["overall"] if need == "all needs" else m["per_need"][need]

            rows[need] = {
                figure: {**spread([figures_of(m)[figure] for m in metrics]), "pooled": figures_of(together)[figure]}
                for figure in FIGURES
            }
            if need != "all needs":
                rows[need]["need_episodes"] = together["per_need"][need]["need_episodes"]
                rows[need]["suggestions"] = together["per_need"][need]["suggestions"]
        summary[window] = {"rows": rows, "pooled": together}
    return summary


def _cell(figure: dict) -> str:
    if figure["mean"] is None:
        return "– | –"
    return f"{figure['mean']:.3f} ({figure['min']:.3f}–{figure['max']:.3f}, σ {figure['std']:.3f}) | {figure['pooled']}"


def spread_table(window_summary: dict) -> str:
    """Markdown: per need and overall, precision and recall as mean (min–max, σ) over the sets | pooled."""
    lines = [
        "| need | precision: mean (min–max, σ) over sets | pooled | recall: mean (min–max, σ) over sets | "
        "pooled | need episodes | suggestions |",
        "|---|---|---|---|---|---|---|",
    ]
    for need, row in window_summary["rows"].items():
        name = f"**{need}**" if need == "all needs" else need
        lines.append(
            f"| {name} | {_cell(row['precision'])} | {_cell(row['recall'])} | "
            f"{row.get('need_episodes', '')} | {row.get('suggestions', '')} |"
        )
    return "\n".join(lines)


def per_set_table(results: list[dict], window: str) -> str:
    """Markdown: the overall and rest-break figures of every set."""
    lines = [
        "| persona seed | episode seed | precision | recall | rest_break precision | rest_break recall | "
        "rest_break episodes |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        o, rest = r[window]["overall"], r[window]["per_need"]["rest_break"]
        lines.append(
            f"| {r['persona_seed']} | {r['episode_seed']} | {o['precision']} | {o['recall']} | "
            f"{rest['precision']} | {rest['recall']} | {rest['need_episodes']} |"
        )
    return "\n".join(lines)


def run(
    model: Path | None = None,
    n_personas: int = PERSONAS_PER_SET,
    n_days: int = N_DAYS,
    workers: int = 2,
    sets: tuple[tuple[int, int], ...] = FRESH_SETS,
) -> dict:
    started = time.perf_counter()
    results = run_sets(model or DEFAULT_MODEL_PATH, sets, n_personas, n_days, workers)
    return {
        "command": COMMAND,
        "sets": [list(s) for s in sets],
        "personas_per_set": n_personas,
        "days_per_persona": n_days,
        "steady_days": list(range(max(1, n_days - STEADY_DAYS) + 1, n_days + 1)),
        "per_set": results,
        "summary": summarise(results),
        "seconds": round(time.perf_counter() - started, 1),
    }


def write_into_card(model_path: Path, result: dict) -> None:
    from models.proactive.export import write_model_card_md

    card_path = Path(model_path).with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card[CARD_KEY] = {k: v for k, v in result.items() if k != "per_set"} | {
        "per_set": [
            {
                "persona_seed": r["persona_seed"],
                "episode_seed": r["episode_seed"],
                **{w: {"overall": r[w]["overall"], "per_need": r[w]["per_need"]} for w in WINDOWS},
            }
            for r in result["per_set"]
        ]
    }
    card_path.write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_model_card_md(card, Path(model_path).parent / "MODEL_CARD.md")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--personas", type=int, default=PERSONAS_PER_SET, help="personas per set")
    parser.add_argument("--days", type=int, default=N_DAYS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="do not write the figures into the card")
    parser.add_argument("--json", type=Path, default=None, help="also keep the whole result in this file")
    args = parser.parse_args(argv)
    result = run(args.model, args.personas, args.days, args.workers)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if not args.no_write:
        write_into_card(args.model or DEFAULT_MODEL_PATH, result)
    for window in WINDOWS:
        print(f"\n{window} ({len(FRESH_SETS)} sets × {args.personas} personas):")
        print(spread_table(result["summary"][window]))
        print(per_set_table(result["per_set"], window))
    print(f"\n({result['seconds']} s)")


if __name__ == "__main__":
    main()
