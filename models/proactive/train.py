"""Train the proactive needs model: `python -m models.proactive.train`.

1. generates training logs (train personas, seeded) with the simulator;
2. trains MEMBERS small multi-label MLPs with PyTorch on CPU (seeds seed, seed+1, …; one thread:
   byte-identical reruns) and exports their averaged probabilities as one graph;
3. exports needs.onnx and chooses one threshold per need CLOSED LOOP on validation personas (other
   personas from the training ranges, never trained on, their own episode seeds): the PRODUCTION
   policy (`cockpit.proactive.policy.ProactivePolicy`, hysteresis, cooldowns, cards, the answer
   memory carried over VALIDATION_DAYS days) drives the simulated days exactly as the held-out eval does,
   once per grid value with every need at that value (the needs barely interact: one card at a time,
   answered at once); per need, over all validation days: the value closest to the targets
   (precision ≥ 0.9, recall ≥ 0.85; `shortfall`) within MAX_NEED_NUISANCE unwanted suggestions / h and
   from ≥ MIN_SUGGESTIONS suggestions; writes the card needs.json;
4. runs the closed-loop held-out eval with the production policy (`models/proactive/eval.py`), which
   writes its metrics into the card and MODEL_CARD.md.

`--thresholds-only` runs steps 3 and 4 for the network already exported (after a policy change).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from cockpit.proactive.features import FEATURE_NAMES, NEEDS
from models.proactive import eval as proactive_eval
from models.proactive.eval import (
    TARGETS,
    VALIDATION_DAYS,
    VALIDATION_EPISODE_SEED,
    VALIDATION_PERSONA_SEED,
    VALIDATION_PERSONAS,
)
from models.proactive.export import MODEL_DIR, NeedsNet, build_card, export_onnx, write_card
from models.proactive.generate import WAIT_CAP_ROWS, generate_episodes, pack, waiting_weights
from models.proactive.personas import TRAIN_SEED, sample_personas
from models.proactive.selection import MAX_NEED_NUISANCE, MIN_SUGGESTIONS, meets_targets, pick_threshold

OUT_DIR = Path("out/proactive")
THRESHOLD_GRID = (0.25, 0.4, 0.55, 0.7, 0.82, 0.92)
MEMBERS = 3  # an ensemble of seeds: one net's arrival-need scores swing with its seed


def train_net(
    x: np.ndarray,
    y: np.ndarray,
    seed: int,
    epochs: int,
    batch: int = 512,
    lr: float = 2e-3,
    weights: np.ndarray | None = None,
) -> NeedsNet:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = NeedsNet()
    optimiser = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=epochs)
    # No pos_weight (round 3): calibrated probabilities, so the closed-loop threshold grid covers every need
    # (a pos_weight pushed the scores of rare needs toward 1 and the useful thresholds above 0.95).
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.float32))
    wt = torch.from_numpy(np.ones(len(x), np.float32) if weights is None else weights.astype(np.float32))
    for epoch in range(epochs):
        net.train()
        order = torch.from_numpy(rng.permutation(len(x)))
        total = 0.0
        for i in range(0, len(x), batch):
            idx = order[i : i + batch]
            optimiser.zero_grad()
            w = wt[idx]
            loss = (loss_fn(net(xt[idx]), yt[idx]).mean(dim=1) * w).sum() / w.sum()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(idx)
        scheduler.step()
        print(f"epoch {epoch + 1}/{epochs} loss {total / len(x):.4f}", flush=True)
    return net


def choose_thresholds(model: Path, n_personas: int, n_days: int, workers: int) -> tuple[dict[str, float], dict]:
    """Closed loop with the production policy on the validation personas, one run per grid value."""
    personas = sample_personas(n_personas, heldout=False, seed=VALIDATION_PERSONA_SEED)
    jobs = [
        proactive_eval.PersonaJob(p, i, n_days, str(model), True, tuple((n, g) for n in NEEDS), VALIDATION_EPISODE_SEED)
        for g in THRESHOLD_GRID
        for i, p in enumerate(personas)
    ]
    runs = proactive_eval.run_jobs(jobs, workers)
    per_grid = {
        g: proactive_eval.closed_loop(runs[k * n_personas : (k + 1) * n_personas], list(range(n_days)))
        for k, g in enumerate(THRESHOLD_GRID)
    }
    chosen: dict[str, float] = {}
    per_need: dict[str, dict] = {}
    search: dict[str, list] = {}
    for need in NEEDS:
        search[need] = []
        for g in THRESHOLD_GRID:
            m = per_grid[g]["per_need"][need]
            row = {
                "threshold": g,
                "precision": m["precision"],
                "recall": m["recall"],
                "nuisance_per_hour": m["nuisance_per_hour"],
                "suggestions": m["suggestions"],
            }
            row["meets_targets"] = meets_targets(row)
            search[need].append(row)
        chosen[need] = pick_threshold(search[need])
        per_need[need] = per_grid[chosen[need]]["per_need"][need]
    hours = per_grid[THRESHOLD_GRID[0]]["hours"]
    metrics = {
        "per_need": per_need,
        "hours": hours,
        "search": search,
        "overall": proactive_eval.overall(per_need, hours),
    }
    return chosen, metrics


def validation_personas(args: argparse.Namespace) -> dict:
    return {
        "n": args.val_personas,
        "seed": VALIDATION_PERSONA_SEED,
        "days": args.val_days,
        "episode_seed": VALIDATION_EPISODE_SEED,
    }


def threshold_search() -> dict:
    """How the thresholds are chosen, for the card."""
    return {
        "grid": list(THRESHOLD_GRID),
        "targets": {k: TARGETS[k] for k in ("precision", "recall")},
        "rule": "per need, the grid value with the least shortfall (target precision - precision, if > 0, "
        "plus target recall - recall, if > 0); ties: higher recall, then higher precision",
        "max_need_nuisance_per_hour": MAX_NEED_NUISANCE,
        "min_suggestions": MIN_SUGGESTIONS,
        "mode": "closed loop, production policy, answer memory over the validation days",
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rechoose_thresholds(args: argparse.Namespace) -> None:
    """Step 3 alone, for the network already in `args.out`: the policy changed, the network did not."""
    card_path = args.out.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    training = card["training"]
    if training.get("onnx_sha256") != sha256(args.out):
        raise SystemExit(f"{args.out} is not the network its card {card_path} describes: retrain it")
    started = time.perf_counter()
    thresholds, val_metrics = choose_thresholds(args.out, args.val_personas, args.val_days, args.workers)
    training["validation_metrics"] = val_metrics
    training["threshold_search"] = threshold_search()
    training["val_personas"] = validation_personas(args)
    training["seconds"]["threshold_search"] = round(time.perf_counter() - started, 1)
    write_card(build_card(thresholds, training), card_path)
    _report(args, thresholds, val_metrics)


def _report(args: argparse.Namespace, thresholds: dict[str, float], val_metrics: dict) -> None:
    print("thresholds:", json.dumps(thresholds))
    print(proactive_eval.table(val_metrics))
    if not args.skip_eval:
        proactive_eval.main(["--model", str(args.out), "--workers", str(args.workers)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=3600)
    parser.add_argument("--personas", type=int, default=120)
    parser.add_argument("--val-personas", type=int, default=VALIDATION_PERSONAS)
    parser.add_argument("--val-days", type=int, default=VALIDATION_DAYS)
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--members", type=int, default=MEMBERS, help="nets from seeds seed, seed+1, … averaged")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "needs.onnx")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument(
        "--thresholds-only",
        action="store_true",
        help="keep the trained network, only choose its thresholds again (after a policy change)",
    )
    args = parser.parse_args(argv)
    if args.thresholds_only:
        rechoose_thresholds(args)
        return
    started = time.perf_counter()
    torch.set_num_threads(1)  # one thread: the same floating-point sums on every run
    torch.use_deterministic_algorithms(True)

    personas = sample_personas(args.personas, heldout=False, seed=TRAIN_SEED)
    train_eps = generate_episodes(personas, args.episodes, seed=1, workers=args.workers)
    gen_s = time.perf_counter() - started
    data = pack(train_eps)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT_DIR / "train.npz", **data)
    x, y = data["features"], data["labels"]
    print(f"generated {len(x)} train samples ({len(train_eps)} episodes) in {gen_s:.0f} s", flush=True)

    t0 = time.perf_counter()
    weights = waiting_weights(data["episode"], x[:, FEATURE_NAMES.index("parked")] > 0.5, y)
    print(f"waiting runs capped: {len(x)} rows weigh {weights.sum():.0f}", flush=True)
    nets = [train_net(x, y, args.seed + k, args.epochs, weights=weights) for k in range(args.members)]
    train_s = time.perf_counter() - t0
    training = {
        "data": "generated by models/proactive/simulate.py (real vehicle_sim.Car, assets/maps/city.yaml); "
        "no external data",
        "command": "python -m models.proactive.train",
        "seed": args.seed,
        "epochs": args.epochs,
        "members": f"{args.members} nets (seeds {args.seed}..{args.seed + args.members - 1}), probabilities averaged",
        "optimizer": "Adam lr 2e-3 cosine, batch 512, BCE weighted by row_weights (calibrated); torch 1 thread, "
        "deterministic algorithms",
        "row_weights": f"generate.waiting_weights: a parked run of unchanged labels weighs ≤ {WAIT_CAP_ROWS} rows",
        "train_personas": {"n": args.personas, "seed": TRAIN_SEED},
        "train_episodes": args.episodes,
        "train_episode_seed": 1,
        "train_samples": int(len(x)),
        "train_simulated_hours": round(sum(e.hours for e in train_eps), 1),
        "train_positives": {n: int(c) for n, c in zip(NEEDS, y.sum(0), strict=True)},
        "sampling": "city episodes every 3 s, G2 episodes every 12 s; validation closed loop every 1 s",
        "train_npz_bytes": (OUT_DIR / "train.npz").stat().st_size,
        "val_personas": validation_personas(args),
        "threshold_search": threshold_search(),
        "torch": torch.__version__,
    }
    export_onnx(nets, args.out)
    write_card(build_card(dict.fromkeys(NEEDS, 0.5), training), args.out.with_suffix(".json"))
    t1 = time.perf_counter()
    thresholds, val_metrics = choose_thresholds(args.out, args.val_personas, args.val_days, args.workers)
    training["onnx_sha256"] = sha256(args.out)
    training["validation_metrics"] = val_metrics
    training["seconds"] = {
        "generation": round(gen_s, 1),
        "training": round(train_s, 1),
        "threshold_search": round(time.perf_counter() - t1, 1),
        "total_before_heldout_eval": round(time.perf_counter() - started, 1),
    }
    write_card(build_card(thresholds, training), args.out.with_suffix(".json"))
    _report(args, thresholds, val_metrics)


if __name__ == "__main__":
    main()
