"""Train the NLU model on generated data, then export it and evaluate it.

    python -m models.nlu.train            # generate -> train -> export nlu.onnx + nlu.json -> calibrate -> eval

The shipped model is two runs of one training set, seeds 13 and 29, averaged into one graph (`--members 2`, the
default; models/nlu/ensemble.py says why), side by side, a core each; `--members 1` trains one run. About 17
minutes a run on one core.

Deterministic: the generator, PyTorch and the batch order are seeded, and torch
runs single-threaded with deterministic algorithms, so a rerun gives the same weights.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

from cockpit.nlu.catalogue import INTENT_NAMES, enum_groups, slot_tags
from cockpit.nlu.tokenizer import CharTokenizer, normalize_char
from models.nlu.generate import Example, generate
from models.nlu.network import NluNet

MODEL_DIR = Path(__file__).resolve().parent
HASH_BUCKETS = 20000
MAX_LENGTH = 96
# Dropout of the hashed features: bigram, trigram, whole word (or next bigram for CJK).
WORD_FEATURE_DROPOUT = np.array([0.12, 0.12, 0.3])
MEMBER_SEED_STEP = 16  # run k of an ensemble has seed + 16k: 13 and 29 for the shipped model
PR_SET_PDEATHSIG = 1  # Linux prctl option: the signal a process gets when its parent dies


def build_vocab(examples: list[Example]) -> list[str]:
    counts = Counter(normalize_char(ch) for ex in examples for ch in ex.text)
    return sorted(ch for ch, n in counts.items() if n >= 2)


def encode_labels(examples: list[Example], tokenizer: CharTokenizer):
    intents = {name: i for i, name in enumerate(INTENT_NAMES)}
    tags = {tag: i for i, tag in enumerate(slot_tags())}
    groups = enum_groups()
    intent_y = np.array([intents[ex.intent] for ex in examples], dtype=np.int64)
    enum_y = np.zeros((len(examples), len(groups)), dtype=np.int64)
    for row, ex in enumerate(examples):
        for g, (slot, classes) in enumerate(groups):
            enum_y[row, g] = classes.index(ex.enums[slot]) if slot in ex.enums else 0
    tag_y = [np.array([tags[t] for t in ex.tags[: tokenizer.max_length]], dtype=np.int64) for ex in examples]
    return intent_y, tag_y, enum_y


def _batch(tokenizer, examples, intent_y, tag_y, enum_y, index, rng: np.random.Generator, train: bool):
    char_ids, ngram_ids, mask = tokenizer.encode_batch([examples[i].text for i in index])
    tags = np.full(char_ids.shape, -100, dtype=np.int64)
    for row, i in enumerate(index):
        tags[row, : len(tag_y[i])] = tag_y[i]
    if train:  # feature dropout: robustness to unseen characters and n-grams (typos, ASR errors)
        char_ids = np.where((rng.random(char_ids.shape) < 0.06) & (char_ids > 0), 1, char_ids)
        # the whole-word feature is dropped more often: a name never seen must be found from its context
        ngram_ids = np.where(rng.random(ngram_ids.shape) < WORD_FEATURE_DROPOUT, 0, ngram_ids)
    return (
        torch.from_numpy(char_ids),
        torch.from_numpy(ngram_ids),
        torch.from_numpy(mask),
        torch.from_numpy(intent_y[index]),
        torch.from_numpy(tags),
        torch.from_numpy(enum_y[index]),
    )


def _loss(model, batch, group_bounds):
    char_ids, ngram_ids, mask, intent_t, tag_t, enum_t = batch
    intent_logits, tag_logits, enum_logits = model(char_ids, ngram_ids, mask)
    ce = nn.functional.cross_entropy
    loss = ce(intent_logits, intent_t) + ce(
        tag_logits.reshape(-1, tag_logits.shape[-1]), tag_t.reshape(-1), ignore_index=-100
    )
    for g, (start, end) in enumerate(group_bounds):
        loss = loss + 0.5 * ce(enum_logits[:, start:end], enum_t[:, g])
    return loss, intent_logits


def train(
    seed: int = 13, epochs: int = 14, per_template: int = 14, out_dir: Path = MODEL_DIR, with_corpora: bool = True
) -> dict:
    started = time.time()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    examples = generate(seed, per_template=per_template, with_corpora=with_corpora)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(examples))
    n_dev = len(examples) // 20
    dev_index, train_index = order[:n_dev], order[n_dev:]
    tokenizer = CharTokenizer(build_vocab([examples[i] for i in train_index]), HASH_BUCKETS, MAX_LENGTH)
    intent_y, tag_y, enum_y = encode_labels(examples, tokenizer)
    groups = enum_groups()
    bounds, start = [], 0
    for _, classes in groups:
        bounds.append((start, start + len(classes)))
        start += len(classes)

    model = NluNet(tokenizer.vocab_size, HASH_BUCKETS, len(INTENT_NAMES), len(slot_tags()), start)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-5)
    steps_per_epoch = (len(train_index) + 63) // 64
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=epochs * steps_per_epoch)
    for epoch in range(epochs):
        model.train()
        shuffled = rng.permutation(train_index)
        total = 0.0
        for b in range(steps_per_epoch):
            index = shuffled[b * 64 : (b + 1) * 64]
            loss, _ = _loss(model, _batch(tokenizer, examples, intent_y, tag_y, enum_y, index, rng, True), bounds)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item()
        model.eval()
        with torch.no_grad():
            batch = _batch(tokenizer, examples, intent_y, tag_y, enum_y, dev_index, rng, False)
            dev_loss, logits = _loss(model, batch, bounds)
            dev_acc = (logits.argmax(1) == batch[3]).float().mean().item()
        print(
            f"epoch {epoch + 1:2d}  train loss {total / steps_per_epoch:.3f}  dev loss {dev_loss.item():.3f}"
            f"  dev intent acc {dev_acc:.3f}  ({time.time() - started:.0f} s)",
            flush=True,
        )

    return {
        "model": model,
        "tokenizer": tokenizer,
        "train_size": len(train_index),
        "dev_size": n_dev,
        "dev_intent_accuracy": round(dev_acc, 4),
        "seed": seed,
        "epochs": epochs,
        "per_template": per_template,
        "train_seconds": round(time.time() - started, 1),
        "with_corpora": with_corpora,
    }


def _stop_with_the_command() -> None:
    """A member run ends when the command that started it is killed: else it trains on unseen, a core taken."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux with glibc: a killed command leaves its runs to finish
        pass


def _train_and_export(seed: int, epochs: int, with_corpora: bool, out_dir: Path) -> Path:
    from models.nlu.export import export

    return export(train(seed, epochs, with_corpora=with_corpora), out_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description="Train, export and evaluate the NLU model.")
    parser.add_argument("--seed", type=int, default=13, help="the first run's seed; run k has seed + 16k")
    parser.add_argument(
        "--members",
        type=int,
        default=2,
        help="runs averaged into the model (models/nlu/ensemble.py); 1 trains and exports a single run",
    )
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--out-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation after export")
    parser.add_argument(
        "--without-corpora",
        action="store_true",
        help="the generator's data alone, without the corpora of models/nlu/corpora (the shipped model has them)",
    )
    args = parser.parse_args()
    from models.nlu.export import export

    with_corpora = not args.without_corpora
    if args.members == 1:
        onnx_path = export(train(args.seed, args.epochs, with_corpora=with_corpora), args.out_dir)
    else:
        from models.nlu.ensemble import merge

        with tempfile.TemporaryDirectory(prefix="nlu-members-") as members_dir:
            seeds = [args.seed + MEMBER_SEED_STEP * member for member in range(args.members)]
            member_dirs = [Path(members_dir) / f"seed{seed}" for seed in seeds]
            # The runs side by side, one a core: each is seeded and single-threaded, so running them at once
            # gives the weights running them in turn gives.
            workers = max(1, min(args.members, os.cpu_count() or 1))
            spawn = multiprocessing.get_context("spawn")
            with concurrent.futures.ProcessPoolExecutor(workers, spawn, _stop_with_the_command) as pool:
                jobs = [
                    pool.submit(_train_and_export, seed, args.epochs, with_corpora, path)
                    for seed, path in zip(seeds, member_dirs, strict=True)
                ]
                for job in jobs:
                    job.result()
            onnx_path = merge(member_dirs, args.out_dir)
    print(f"exported {onnx_path} ({onnx_path.stat().st_size / 1e6:.2f} MB)")
    from models.nlu.calibrate import calibrate

    calibrate(onnx_path)
    if not args.no_eval:
        from models.nlu.eval import evaluate_and_record

        evaluate_and_record(onnx_path)


if __name__ == "__main__":
    main()
