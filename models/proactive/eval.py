"""Held-out evaluation of the proactive needs model with the PRODUCTION policy: `python -m models.proactive.eval`.

Closed loop. Unseen personas (distinct seed, shifted preference ranges: models/proactive/personas.py)
each drive N_DAYS seeded episodes in a row ("days"); every simulated second the cockpit's own
`cockpit.proactive.policy.ProactivePolicy` runs on what the cockpit would see (the possibly degraded
context + extras), scored by the shipped ONNX model through `NeedScorer` and `features()`, with the
thresholds from the card and the NeedSpecs of cockpit/proactive/needs.py. The persona answers:

- an offer (card) is accepted if the persona wants that need at that second (`wants()` on the TRUE
  state), else dismissed; accepted actions change the simulated world (HVAC, seat heat, defrost, home
  climate / garage / lights, a stop on the route);
- an act the persona does not want is a nuisance: the persona reverts it and the policy is told
  (`ProactivePolicy.undone`); a wanted act changes the world like an accepted card;
- what the persona does by hand (climate, seat heat, defroster, a stop on the route or pulling in at a
  rest area, the garage remote and the light switch at the door) is told to the policy as
  cockpit/proactive/assistant.py tells it: the need goes quiet and the driver's personal threshold
  learns from it (cockpit/proactive/preferences.py).

The policy's answer memory (answers and personal thresholds) is carried from day to day through
`answers_state()` / `load_answers()` (a fresh policy each day, as the cockpit builds one per drive); the
baseline reruns the same episodes with the memory reset every day. `--persona-seed` / `--episode-seed`
draw another held-out set (its metrics go to the card under their own key).

Per need: precision = wanted suggestions (accepted offers + wanted acts) / all suggestions;
recall = need episodes (runs of the persona wanting it, gaps < 120 s merged) met by a wanted
suggestion (the persona fixing it by hand first = missed); median lead time = seconds from that
suggestion to the moment the need becomes critical (arrival home for home needs; SOC < 10 % or
plugging in for charging; fatigue ≥ 90 % or the break for rest; departure for pre-conditioning; fog
risk ≥ 60 % for defog; the end of the need episode otherwise); nuisance/h = unwanted suggestions per
hour. Reported for the first day, the steady state (last STEADY_DAYS days) and all days.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from cockpit.proactive.features import NEEDS, features
from cockpit.proactive.needs import NEED_SPECS
from cockpit.proactive.policy import HYSTERESIS, ProactivePolicy, Suggestion
from cockpit.proactive.scorer import DEFAULT_MODEL_PATH, NeedScorer
from models.proactive.personas import HELDOUT_SEED, TRAIN_SEED, Persona, sample_personas
from models.proactive.simulate import Episode, World, run_episode, sample_scenario
from models.proactive.world_needs import WORLD_NEEDS, critical_time, meet_need

HELDOUT_EPISODE_SEED = 424242
# the validation personas (training ranges, never trained on) the thresholds are chosen on
VALIDATION_PERSONAS, VALIDATION_DAYS, VALIDATION_EPISODE_SEED = 30, 8, 2
VALIDATION_PERSONA_SEED = TRAIN_SEED + 1
N_PERSONAS = 20
N_DAYS = 10
STEADY_DAYS = 3
MERGE_GAP_S = 120.0
TARGETS = {"precision": 0.9, "recall": 0.85, "nuisance_per_hour": 1.0}

# --- open-loop approximation (threshold search on validation in train.py) ---------------------------
# The production policy without memory, on recorded episodes: trigger at score ≥ threshold, re-arm
# below threshold − HYSTERESIS and after the need's cooldown; a suggestion is wanted if the persona
# wants the need at that second.
CONFIRM_TICKS = 1
REARM_MARGIN = HYSTERESIS
DISMISS_LIMIT = None
WINDOW_BEFORE_S = 0.0
COOLDOWN_S = {n: NEED_SPECS[n].cooldown_s for n in NEEDS}
WINDOW_AFTER_S = dict.fromkeys(NEEDS, 0.0)


@dataclass
class EvalPolicy:
    """Threshold + confirmation + cooldown + hysteresis (open loop; + optional dismiss suppression)."""

    thresholds: dict[str, float]
    dismiss_limit: int | None = None
    dismissals: dict[str, int] = field(default_factory=dict)  # per need, consecutive, for one persona
    muted: set[str] = field(default_factory=set)

    def candidates(self, need: str, scores: np.ndarray, t: np.ndarray) -> list[int]:
        """Tick indices where `need` would be suggested in one episode (before dismiss suppression)."""
        if need in self.muted or len(scores) == 0:
            return []
        thr = self.thresholds[need]
        above = scores >= thr
        confirmed = above.copy()
        for k in range(1, CONFIRM_TICKS):
            confirmed[k:] &= above[:-k]
            confirmed[:k] = False
        idx = np.flatnonzero(confirmed)
        if len(idx) == 0:
            return []
        below = np.flatnonzero(scores < thr - REARM_MARGIN)
        out = [int(idx[0])]
        cooldown = COOLDOWN_S[need]
        while True:
            last = out[-1]
            k = int(np.searchsorted(below, last, side="right"))  # first re-arm tick after the last suggestion
            if k >= len(below):
                break
            rearm = below[k]
            start = max(rearm, int(np.searchsorted(t, t[last] + cooldown)))
            j = np.searchsorted(idx, start)
            if j >= len(idx):
                break
            out.append(int(idx[j]))
        return out

    def feedback(self, need: str, dismissed: bool) -> None:
        if self.dismiss_limit is None:
            return
        if dismissed:
            self.dismissals[need] = self.dismissals.get(need, 0) + 1
            if self.dismissals[need] >= self.dismiss_limit:
                self.muted.add(need)
        else:
            self.dismissals[need] = 0


def need_episodes(labels: np.ndarray, t: np.ndarray) -> list[tuple[int, int]]:
    """(start index, end index inclusive) of runs of True, merging gaps shorter than MERGE_GAP_S."""
    idx = np.flatnonzero(labels)
    if len(idx) == 0:
        return []
    breaks = np.flatnonzero(np.diff(t[idx]) > MERGE_GAP_S)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def evaluate_open_loop(
    episodes: list[Episode], scores: list[np.ndarray], thresholds: dict[str, float], dismiss_limit: int | None = None
) -> dict:
    """Open-loop metrics per need over recorded `episodes` (threshold search on validation)."""
    hours = sum(ep.hours for ep in episodes)
    stats: dict[str, dict[str, Any]] = {
        n: {"suggestions": 0, "tp": 0, "fp": 0, "episodes": 0, "met": 0, "leads": []} for n in NEEDS
    }
    policy: EvalPolicy | None = None
    persona = None
    for ep, sc in zip(episodes, scores, strict=True):
        if ep.persona != persona or policy is None:
            persona = ep.persona
            policy = EvalPolicy(thresholds, dismiss_limit)
        for j, need in enumerate(NEEDS):
            labels = ep.labels[:, j].astype(bool)
            s = stats[need]
            w_after = WINDOW_AFTER_S[need]
            good: list[float] = []
            for i in policy.candidates(need, sc[:, j], ep.t):
                if need in policy.muted:
                    break
                t0 = ep.t[i]
                lo, hi = np.searchsorted(ep.t, t0 - WINDOW_BEFORE_S), np.searchsorted(ep.t, t0 + w_after, "right")
                wanted = bool(labels[lo:hi].any())
                s["suggestions"] += 1
                s["tp" if wanted else "fp"] += 1
                if wanted:
                    good.append(float(t0))
                policy.feedback(need, not wanted)
            for start, end in need_episodes(labels, ep.t):
                s["episodes"] += 1
                lo_t, hi_t = ep.t[start] - w_after, ep.t[end] + WINDOW_BEFORE_S
                hits = [g for g in good if lo_t <= g <= hi_t]
                if hits:
                    s["met"] += 1
                    s["leads"].append(critical_time(need, ep, start, end) - hits[0])
    return _summary(stats, hours)


# --- closed loop -----------------------------------------------------------------------------------
@dataclass
class DayLog:
    hours: float = 0.0
    suggestions: list[tuple[float, str, str, bool]] = field(default_factory=list)  # t, need, mode, wanted
    # why each suggestion came (its basis: model / personal, and the score), in the order above, and
    # what the persona did by hand (t, need): read by `python -m models.proactive.diagnose`
    reasons: list[tuple[str, float]] = field(default_factory=list)
    by_hand: list[tuple[float, str]] = field(default_factory=list)


def _apply(suggestion: Suggestion, world: World) -> None:
    """What the suggestion's actions do to the simulated world."""
    temperature = suggestion.params.get("temperature")
    seats = tuple(a.data["zone"] for a in suggestion.actions if a.kind == "seat.heat")
    meet_need(suggestion.need, world, None if temperature is None else float(temperature), seats or None)


def _revert(suggestion: Suggestion, world: World) -> None:
    """The persona undoes an act it did not want (`WorldNeed.revert`)."""
    revert = WORLD_NEEDS[suggestion.need].revert
    if revert is not None:
        revert(world, suggestion.actions)


class PolicyHook:
    """The cockpit's proactive loop inside a simulated episode, answered by the persona."""

    def __init__(self, policy: ProactivePolicy, log: DayLog) -> None:
        self.policy = policy
        self.log = log

    def __call__(self, now, seen_c, seen_e, context, extras, truth, world) -> None:
        policy = self.policy
        policy.expire(now)
        for suggestion in policy.evaluate(seen_c, seen_e):
            wanted = suggestion.need in truth
            self.log.suggestions.append((now, suggestion.need, suggestion.mode, wanted))
            self.log.reasons.append((suggestion.basis, suggestion.score))
            if suggestion.mode == "offer":
                policy.answer(wanted, now)
                if wanted:
                    _apply(suggestion, world)
            elif wanted:
                _apply(suggestion, world)
            else:
                _apply(suggestion, world)
                _revert(suggestion, world)  # the persona turns it off again
                policy.undone(suggestion.need, now)

    def manual(self, need: str, now: float) -> None:
        self.log.by_hand.append((now, need))
        self.policy.manual(need, now)


_SCORER: dict[str, NeedScorer] = {}


def _scorer(model: str) -> NeedScorer:
    """One scorer per process and model file version (a forked worker must not reuse a stale one)."""
    stat = Path(model).stat()
    key = f"{model}:{stat.st_mtime_ns}:{stat.st_size}"
    if key not in _SCORER:
        _SCORER[key] = NeedScorer.load(Path(model))
    return _SCORER[key]


def day_seed(persona_index: int, day: int, n_days: int, base_seed: int = HELDOUT_EPISODE_SEED) -> int:
    return base_seed * 1_000_003 + persona_index * n_days + day


@dataclass(frozen=True)
class PersonaJob:
    persona: Persona
    index: int
    n_days: int
    model: str
    memory: bool = True
    thresholds: tuple[tuple[str, float], ...] | None = None  # None: the card's
    base_seed: int = HELDOUT_EPISODE_SEED


def run_persona(job: PersonaJob | tuple) -> list[tuple[Episode, DayLog]]:
    """One persona's days in a row, one policy memory carried over (unless `memory` is False)."""
    if not isinstance(job, PersonaJob):
        job = PersonaJob(*job)
    scorer = _scorer(job.model)
    thresholds = dict(job.thresholds) if job.thresholds is not None else dict(scorer.thresholds)
    state: dict = {}
    days = []
    for day in range(job.n_days):
        seed = day_seed(job.index, day, job.n_days, job.base_seed)
        policy = ProactivePolicy(score=lambda c, e: scorer.score(features(c, e)), thresholds=dict(thresholds))
        if job.memory:
            policy.load_answers(state)
        log = DayLog()
        scenario = sample_scenario(random.Random(seed))
        episode = run_episode(job.persona, scenario, seed + 7, sample_every_s=1.0, hook=PolicyHook(policy, log))
        log.hours = episode.hours
        state = policy.answers_state()
        days.append((_slim(episode), log))
    return days


def _slim(ep: Episode) -> Episode:
    """Drop the features (not needed for the metrics; keeps inter-process traffic small)."""
    ep.features = np.zeros((0, 0), np.float32)
    return ep


def run_jobs(jobs: list[PersonaJob], workers: int = 2) -> list[list[tuple[Episode, DayLog]]]:
    if workers <= 1:
        return [run_persona(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_persona, jobs, chunksize=1))


def met_episodes(ep: Episode, need_index: int, wanted_times: list[float]) -> list[tuple[int, int, list[float]]]:
    """Each need episode of one need, (first, last index, the wanted suggestions made within it): met when
    there is one."""
    t = ep.t
    return [
        (start, end, [g for g in wanted_times if t[start] <= g <= t[end]])
        for start, end in need_episodes(ep.labels[:, need_index].astype(bool), t)
    ]


def overall(per_need: dict[str, dict], hours: float) -> dict:
    """All needs together, from the per-need figures of `closed_loop`."""
    suggestions = sum(m["suggestions"] for m in per_need.values())
    unwanted = suggestions - sum(m["true_positives"] for m in per_need.values())
    episodes = sum(m["need_episodes"] for m in per_need.values())
    met = sum(m["met"] for m in per_need.values())
    return {
        "precision": round(1 - unwanted / suggestions, 3) if suggestions else None,
        "recall": round(met / episodes, 3) if episodes else None,
        "nuisance_per_hour": round(unwanted / hours, 3) if hours else None,
        "suggestions_per_hour": round(suggestions / hours, 3) if hours else None,
    }


def closed_loop(days: list[list[tuple[Episode, DayLog]]], day_indices: list[int]) -> dict:
    """Metrics per need over the given day indices of every persona."""
    stats: dict[str, dict[str, Any]] = {
        n: {"suggestions": 0, "tp": 0, "fp": 0, "acts": 0, "episodes": 0, "met": 0, "leads": []} for n in NEEDS
    }
    hours = 0.0
    for persona_days in days:
        for d in day_indices:
            ep, log = persona_days[d]
            hours += log.hours
            for j, need in enumerate(NEEDS):
                s = stats[need]
                good = []
                for t0, n, mode, wanted in log.suggestions:
                    if n != need:
                        continue
                    s["suggestions"] += 1
                    s["acts"] += mode == "act"
                    s["tp" if wanted else "fp"] += 1
                    if wanted:
                        good.append(t0)
                for start, end, hits in met_episodes(ep, j, good):
                    s["episodes"] += 1
                    if hits:
                        s["met"] += 1
                        s["leads"].append(critical_time(need, ep, start, end) - hits[0])
    return _summary(stats, hours)


def _summary(stats: dict, hours: float) -> dict:
    per_need = {}
    for need, s in stats.items():
        per_need[need] = {
            "precision": round(s["tp"] / s["suggestions"], 3) if s["suggestions"] else None,
            "recall": round(s["met"] / s["episodes"], 3) if s["episodes"] else None,
            "median_lead_s": round(float(np.median(s["leads"])), 1) if s["leads"] else None,
            "nuisance_per_hour": round(s["fp"] / hours, 3) if hours else None,
            "suggestions": s["suggestions"],
            "true_positives": s["tp"],
            "need_episodes": s["episodes"],
            "met": s["met"],
            **({"acts": s["acts"]} if "acts" in s else {}),
        }
    return {"per_need": per_need, "hours": round(hours, 2), "overall": overall(per_need, hours)}


def simulate_heldout(
    model: Path | None = None,
    n_personas: int = N_PERSONAS,
    n_days: int = N_DAYS,
    workers: int = 2,
    memory: bool = True,
    persona_seed: int = HELDOUT_SEED,
    episode_seed: int = HELDOUT_EPISODE_SEED,
) -> list[list[tuple[Episode, DayLog]]]:
    personas = sample_personas(n_personas, heldout=True, seed=persona_seed)
    return run_jobs(
        [
            PersonaJob(p, i, n_days, str(model or DEFAULT_MODEL_PATH), memory, None, episode_seed)
            for i, p in enumerate(personas)
        ],
        workers,
    )


def score_episodes(scorer: NeedScorer, episodes: list[Episode]) -> list[np.ndarray]:
    return [
        scorer.score_batch(ep.features) if len(ep.features) else np.zeros((0, len(NEEDS)), np.float32)
        for ep in episodes
    ]


def measure_latency(scorer: NeedScorer, n: int = 3000) -> dict:
    """Per-call latency (µs) of `features()` and of `NeedScorer.score()` (session call included), one thread,
    on contexts from a real simulated drive home."""
    from cockpit.proactive.features import features
    from models.proactive.simulate import TZ, HomeModel, cockpit_view, extras_from_car, road_map
    from vehicle_sim.car import Car
    from vehicle_sim.spec import spec_for

    car = Car(
        spec_for("standard"),
        road_map(),
        "office",
        datetime(2025, 1, 6, 18, tzinfo=TZ),
        random.Random(1),
        50.0,
        5.0,
        0.0,
        occupied_seats=("driver", "passenger"),
    )
    car.navigate_to("home")
    home, view = HomeModel(15.0), cockpit_view(car)
    pairs = []
    for k in range(n):
        car.step(1.0)
        context = view.context(float(k))
        pairs.append((context, extras_from_car(car, context, home, 0.0)))
    vectors = [features(c, e) for c, e in pairs[:200]]
    for v in vectors:
        scorer.score(v)  # warm-up
    f_times, s_times = [], []
    for c, e in pairs:
        t0 = time.perf_counter()
        v = features(c, e)
        t1 = time.perf_counter()
        scorer.score(v)
        t2 = time.perf_counter()
        f_times.append(t1 - t0)
        s_times.append(t2 - t1)
    f_us, s_us = np.array(f_times) * 1e6, np.array(s_times) * 1e6
    return {
        "score_us_median": round(float(np.median(s_us)), 1),
        "score_us_p99": round(float(np.percentile(s_us, 99)), 1),
        "features_us_median": round(float(np.median(f_us)), 1),
        "features_us_p99": round(float(np.percentile(f_us, 99)), 1),
        "calls": n,
    }


def table(metrics: dict) -> str:
    lines = [
        "| need | precision | recall | median lead (s) | nuisance / h | suggestions | need episodes |",
        "|---|---|---|---|---|---|---|",
    ]
    for need, m in metrics["per_need"].items():
        lines.append(
            f"| {need} | {m['precision']} | {m['recall']} | {m['median_lead_s']} | "
            f"{m['nuisance_per_hour']} | {m['suggestions']} | {m['need_episodes']} |"
        )
    o = metrics["overall"]
    lines.append(
        f"| **all needs** | {o['precision']} | {o.get('recall', '')} | | {o['nuisance_per_hour']} | "
        f"{o['suggestions_per_hour']} / h | |"
    )
    return "\n".join(lines)


def run(
    model: Path | None = None,
    n_personas: int = N_PERSONAS,
    n_days: int = N_DAYS,
    workers: int = 2,
    write: bool = True,
    baseline: bool = True,
    persona_seed: int = HELDOUT_SEED,
    episode_seed: int = HELDOUT_EPISODE_SEED,
) -> dict:
    started = time.perf_counter()
    scorer = NeedScorer.load(model)
    steady = list(range(max(1, n_days - STEADY_DAYS), n_days))
    result: dict = {
        "heldout": {
            "personas": n_personas,
            "days_per_persona": n_days,
            "seed": episode_seed,
            "persona_seed": persona_seed,
            "steady_days": [d + 1 for d in steady],
        }
    }
    seeds = {"persona_seed": persona_seed, "episode_seed": episode_seed}
    days = simulate_heldout(model, n_personas, n_days, workers, memory=True, **seeds)
    result["heldout"]["episodes"] = sum(len(d) for d in days)
    result["heldout"]["ticks"] = int(sum(len(ep.t) for d in days for ep, _ in d))
    result["first_day"] = closed_loop(days, [0])
    result["steady_state"] = closed_loop(days, steady)
    result["all_days"] = closed_loop(days, list(range(n_days)))
    if baseline:
        plain = simulate_heldout(model, n_personas, n_days, workers, memory=False, **seeds)
        result["steady_state_no_memory"] = closed_loop(plain, steady)
        result["all_days_no_memory"] = closed_loop(plain, list(range(n_days)))
    result.update(
        {
            "latency": measure_latency(scorer),
            "policy": {
                "class": "cockpit.proactive.policy.ProactivePolicy",
                "thresholds": scorer.thresholds,
                "hysteresis": HYSTERESIS,
                "answers": "persona answers at once: accept iff it wants the need "
                "at that second; unwanted acts are reverted and reported with ProactivePolicy.undone",
            },
            "targets": TARGETS,
            "command": "python -m models.proactive.eval",
            "seconds": round(time.perf_counter() - started, 1),
        }
    )
    if write:
        write_metrics(model or DEFAULT_MODEL_PATH, result)
    return result


def metrics_key(persona_seed: int, episode_seed: int) -> str:
    """Where a held-out run goes in the card: the default set, or another set named by its seeds."""
    if (persona_seed, episode_seed) == (HELDOUT_SEED, HELDOUT_EPISODE_SEED):
        return "heldout_metrics"
    return f"heldout_metrics_{persona_seed}_{episode_seed}"


def write_metrics(model_path: Path, result: dict) -> None:
    from models.proactive.export import write_model_card_md

    card_path = Path(model_path).with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card[metrics_key(result["heldout"]["persona_seed"], result["heldout"]["seed"])] = result
    card_path.write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_model_card_md(card, Path(model_path).parent / "MODEL_CARD.md")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--personas", type=int, default=N_PERSONAS)
    parser.add_argument("--days", type=int, default=N_DAYS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true", help="skip the same episodes without memory")
    parser.add_argument(
        "--no-write", action="store_true", help="do not write the metrics into the card / MODEL_CARD.md"
    )
    parser.add_argument("--persona-seed", type=int, default=HELDOUT_SEED, help="another held-out persona set")
    parser.add_argument("--episode-seed", type=int, default=HELDOUT_EPISODE_SEED, help="other held-out days")
    args = parser.parse_args(argv)
    result = run(
        args.model,
        args.personas,
        args.days,
        args.workers,
        not args.no_write,
        not args.no_baseline,
        args.persona_seed,
        args.episode_seed,
    )
    print(f"held-out: {result['heldout']}")
    for key in ("first_day", "steady_state", "steady_state_no_memory", "all_days", "all_days_no_memory"):
        if key in result:
            print(f"\n{key} ({result[key]['hours']} h):")
            print(table(result[key]))
    print(f"\nlatency: {result['latency']}  ({result['seconds']} s)")


if __name__ == "__main__":
    main()
