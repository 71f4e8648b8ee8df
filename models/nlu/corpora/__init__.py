"""Openly licensed corpora mapped onto the intent catalogue, used for training only (never for evaluation).

Each corpus is a jsonl file built by its `build_*.py` from the source's own files (see README.md here):
`{"text", "intent", "slots", "spans": [[slot, start, end], ...], "source", "source_id", "licence"}`, spans in
characters of `text`, end exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
CORPORA: dict[str, tuple[str, ...]] = {"en": ("sgd_en.jsonl", "tatoeba_oos_en.jsonl"), "zh": ("tatoeba_oos_zh.jsonl",)}
# Of these files only the first rows are taken. Mandarin has far fewer template examples than English, and 1,500
# ordinary sentences (twice each) outweighed its weather questions: "今天冷吗？" was declined (issue 15, run M).
FIRST_ROWS_ONLY: dict[str, int] = {"tatoeba_oos_zh.jsonl": 600}


def load(lang: str) -> list[dict]:
    """Every mapped item of the corpora of one language, in file order."""
    rows: list[dict] = []
    for name in CORPORA[lang]:
        path = CORPUS_DIR / name
        taken = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows += taken[: FIRST_ROWS_ONLY.get(name, len(taken))]
    return rows
