"""Generate proactive-needs training logs from the simulator: `python -m models.proactive.generate --out FILE`.

Seeded: episode i uses persona i % len(personas) and its own scenario/car seed, so the same
arguments give byte-identical arrays. Output: a compressed .npz with features (float32), labels
(uint8, NEEDS order), episode ids, per-sample time, the persona per episode and the provenance. Keep
the logs out of git (default under `out/proactive/`); only the model and its card are committed.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from cockpit.proactive.features import FEATURE_NAMES, NEEDS
from models.proactive.personas import Persona, sample_personas
from models.proactive.simulate import Episode, run_episode, sample_scenario

DEFAULT_OUT = Path("out/proactive/train.npz")
LONG_KINDS = ("long_out", "long_home")
CITY_SAMPLE_S = 3.0
LONG_SAMPLE_S = 12.0
WAIT_CAP_ROWS = 20  # a parked run of unchanged labels weighs at most this many rows (60 s in town)


def episode_seed(base_seed: int, index: int) -> int:
    return base_seed * 1_000_003 + index


def _one(args: tuple[Persona, int, float | None]) -> Episode:
    persona, seed, sample_s = args
    scenario = sample_scenario(random.Random(seed))
    every = sample_s if sample_s is not None else (LONG_SAMPLE_S if scenario.kind in LONG_KINDS else CITY_SAMPLE_S)
    return run_episode(persona, scenario, seed + 7, sample_every_s=every)


def generate_episodes(
    personas: list[Persona], n_episodes: int, seed: int, workers: int = 1, sample_s: float | None = None
) -> list[Episode]:
    jobs = [(personas[i % len(personas)], episode_seed(seed, i), sample_s) for i in range(n_episodes)]
    if workers <= 1:
        return [_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one, jobs, chunksize=4))


def pack(episodes: list[Episode]) -> dict[str, Any]:  # name → array, as np.savez takes them
    return {
        "features": np.concatenate([e.features for e in episodes]).astype(np.float32),
        "labels": np.concatenate([e.labels for e in episodes]).astype(np.uint8),
        "episode": np.concatenate([np.full(len(e.t), i, np.int32) for i, e in enumerate(episodes)]),
        "t": np.concatenate([e.t for e in episodes]).astype(np.float32),
        "persona": np.array([e.persona for e in episodes]),
        "kind": np.array([e.kind for e in episodes]),
    }


def waiting_weights(
    episode: np.ndarray, parked: np.ndarray, labels: np.ndarray, cap: int = WAIT_CAP_ROWS
) -> np.ndarray:
    """Per-row weights: a run of rows in one episode where the car stands parked and the labels do not
    change weighs at most `cap` rows. Without it the data says who keeps waiting, not what people want: a
    driver who wants the heating switches it on within minutes and ends the run, one who wants nothing
    sits in a cold car with the climate off for the whole half-hour, so 'cold, climate off, parked' was
    mostly the second kind, and a −12 °C cabin scored 0.31 (scenarios/winter_precondition_start.yaml)."""
    n = len(labels)
    changed = np.ones(n, dtype=bool)
    changed[1:] = (episode[1:] != episode[:-1]) | (parked[1:] != parked[:-1]) | (labels[1:] != labels[:-1]).any(1)
    run = np.cumsum(changed) - 1  # run index of every row
    length = np.bincount(run)[run]
    weights = np.ones(n, dtype=np.float32)
    long_wait = parked & (length > cap)
    weights[long_wait] = cap / length[long_wait]
    return weights


def generate(
    out: Path,
    n_personas: int = 60,
    n_episodes: int = 900,
    seed: int = 1,
    workers: int = 2,
    persona_seed: int | None = None,
) -> dict:
    started = time.perf_counter()
    personas = sample_personas(n_personas, heldout=False, seed=persona_seed)
    episodes = generate_episodes(personas, n_episodes, seed, workers)
    data = pack(episodes)
    provenance = {
        "generator": "models/proactive/generate.py",
        "seed": seed,
        "episodes": n_episodes,
        "personas": n_personas,
        "persona_seed": persona_seed,
        "samples": int(len(data["labels"])),
        "simulated_hours": round(sum(e.hours for e in episodes), 1),
        "positives": {n: int(c) for n, c in zip(NEEDS, data["labels"].sum(0), strict=True)},
        "seconds": round(time.perf_counter() - started, 1),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        **data,
        needs=np.array(NEEDS),
        feature_names=np.array(FEATURE_NAMES),
        provenance=np.array(json.dumps(provenance)),
    )
    return provenance


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--episodes", type=int, default=900)
    parser.add_argument("--personas", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--persona-seed", type=int, default=None, help="default: the training persona seed")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    info = generate(args.out, args.personas, args.episodes, args.seed, args.workers, args.persona_seed)
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
