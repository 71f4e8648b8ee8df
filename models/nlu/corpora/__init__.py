"""Openly licensed corpora mapped onto the intent catalogue, used for training only (never for evaluation).

Each corpus is a jsonl file built by its `build_*.py` from the source's own files (see README.md here):
`{"text", "intent", "slots", "spans": [[slot, start, end], ...], "source", "source_id", "licence"}`, spans in
characters of `text`, end exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
CORPORA: dict[str, tuple[str, ...]] = {"en": ("sgd_en.jsonl",), "zh": ()}


def load(lang: str) -> list[dict]:
    """Every mapped item of the corpora of one language, in file order."""
    rows: list[dict] = []
    for name in CORPORA[lang]:
        path = CORPUS_DIR / name
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows
