"""Ordinary Tatoeba sentences (CC BY 2.0 FR) as out_of_scope training items, English and Mandarin.

    python -m models.nlu.corpora.build_tatoeba_oos --tatoeba PATH/cmn.txt   # rewrites tatoeba_oos_{en,zh}.jsonl

Input: the manythings.org Tatoeba English-Mandarin export `cmn.txt` (copy in
github.com/13luoyu/Transformer-machine-translation @ aa43963320ccfacebd1d3542deae559bbca58d03, sha256 aa264a24…),
the same file the blind set (models/nlu/external/tatoeba_extra_*.jsonl) was built from.

A pair is taken only when it is *ordinary*: neither side matches the blind set's broad keyword lists
(`BROAD_EN`, `BROAD_ZH` of models/nlu/external/build_tatoeba_extra.py, imported, not copied), so that no car,
home, media, phone, weather, place or yes/no word is in it and it is out of scope by construction; nobody
labelled these sentences. Left out: every pair of the blind set and of the external set (their `source_id`s
and every pair the blind set's builder judged), every sentence whose normalised text is an evaluation item
(`build_sgd.evaluation_texts`, plus both sides of `external/tatoeba_labels.jsonl`), repeats of a sentence, and
sentences longer than the tokeniser's 96 characters.

The pool is shuffled with random.Random(2027); the first pairs give each language `PER_LANGUAGE` sentences (the
training corpus), the pairs after them give `TUNE_PER_LANGUAGE` more of the same kind, a sample to tune on (the
share of ordinary sentences the model acts on); it is written only with `--tune-out` and never into
models/nlu/data. A rebuild from the same file gives the same bytes.

The files are in `corpora.CORPORA` (models 2.3.0 and 2.4.0), the Mandarin one cut to its first rows
(`corpora.FIRST_ROWS_ONLY`).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from cockpit.nlu.catalogue import OUT_OF_SCOPE
from models.nlu.corpora.build_sgd import MAX_CHARACTERS, _norm, evaluation_texts
from models.nlu.external import build_tatoeba_extra as blind

CORPUS_DIR = Path(__file__).resolve().parent
MODEL_DIR = CORPUS_DIR.parent
SEED = 2027
PER_LANGUAGE = 1500
TUNE_PER_LANGUAGE = 300
LANGS = ("en", "zh")
SOURCE, LICENCE = "tatoeba", "CC-BY-2.0-FR"  # spelled as in the external and blind sets


def excluded_ids(model_dir: Path) -> set[str]:
    """Every Tatoeba pair an evaluation set holds or its builder judged."""
    ids = {line.split("\t")[0] for line in blind.LABELS.splitlines() if line.strip()}
    external = model_dir / "external"
    for path in [*sorted(external.glob("tatoeba_extra_*.jsonl")), *sorted(external.glob("external_*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("source") == SOURCE:
                    ids.add(row["source_id"])
    for line in (external / "tatoeba_labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.add(json.loads(line)["source_id"])
    return ids


def held_out_texts(model_dir: Path) -> set[str]:
    """Normalised evaluation texts, with both sides of the hand-labelled Tatoeba table (it has no `text`)."""
    texts = set(evaluation_texts(model_dir))
    for line in (model_dir / "external" / "tatoeba_labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts.update(_norm(row[lang]) for lang in LANGS)
    return texts


def ordinary(pair: dict[str, str]) -> bool:
    return not re.search(blind.BROAD_EN, pair["en"], re.IGNORECASE) and not re.search(blind.BROAD_ZH, pair["zh"])


def _row(sid: str, pair: dict[str, str], lang: str) -> dict:
    return {
        "text": pair[lang],
        "intent": OUT_OF_SCOPE,
        "slots": {},
        "spans": [],
        "source_id": sid,
        "source": SOURCE,
        "licence": LICENCE,
        "attribution": pair["attribution"],
    }


def build(
    export: Path, model_dir: Path = MODEL_DIR, per_language: int = PER_LANGUAGE, tune: int = TUNE_PER_LANGUAGE
) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """(training corpus, tune sample) per language; the two come from disjoint pairs."""
    pairs = blind.read_export(export)
    if not pairs:
        raise FileNotFoundError(f"{export}: no line of the Tatoeba export format (en TAB zh TAB attribution)")
    skip_ids, skip_texts = excluded_ids(model_dir), held_out_texts(model_dir)
    pool = sorted(sid for sid, pair in pairs.items() if sid not in skip_ids and ordinary(pair))
    seen: dict[str, set[str]] = {lang: set() for lang in LANGS}
    out: tuple[dict[str, list[dict]], dict[str, list[dict]]] = (
        {lang: [] for lang in LANGS},
        {lang: [] for lang in LANGS},
    )
    target = (per_language, tune)
    phase = 0
    for sid in random.Random(SEED).sample(pool, len(pool)):
        if all(len(out[phase][lang]) >= target[phase] for lang in LANGS):
            phase += 1  # the tune sample starts at the next pair: no pair gives both
            if phase == len(target):
                break
        for lang in LANGS:
            text = pairs[sid][lang]
            key = _norm(text)
            if len(out[phase][lang]) >= target[phase] or len(text) > MAX_CHARACTERS:
                continue
            if not key or key in skip_texts or key in seen[lang]:
                continue
            seen[lang].add(key)
            out[phase][lang].append(_row(sid, pairs[sid], lang))
    for sample in out:
        for lang in LANGS:
            sample[lang].sort(key=lambda row: row["source_id"])
    return out


def _write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tatoeba", type=Path, required=True, help="path of the cmn.txt export")
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="folder for tatoeba_oos_{en,zh}.jsonl")
    parser.add_argument("--tune-out", type=Path, help="folder for the tune sample tatoeba_oos_tune_{en,zh}.jsonl")
    args = parser.parse_args()
    try:
        corpus, tune = build(args.tatoeba)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for lang in LANGS:
        _write(corpus[lang], args.out / f"tatoeba_oos_{lang}.jsonl")
        if args.tune_out is not None:
            _write(tune[lang], args.tune_out / f"tatoeba_oos_tune_{lang}.jsonl")
    counts = {lang: (len(corpus[lang]), len(tune[lang])) for lang in LANGS}
    print(f"wrote tatoeba_oos_{{en,zh}}.jsonl to {args.out} (corpus, tune sample per language: {counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
