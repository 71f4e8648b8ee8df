"""Build `cockpit/nlu/known_words_en.txt.gz`, the English words the input gate (language_gate.py) counts as known.

    python -m models.nlu.build_lexicon      (needs requirements-train.txt: the generator reads its packages)

Two sources, both already part of the project's pinned dependencies or its own code:
* the words of the CMU pronouncing dictionary shipped by pocketsphinx (the English words the voice recogniser
  knows; BSD-style licence, notice kept in the file's header), and
* the words of the NLU model's own training text (`models.nlu.generate`), seen at least twice (the generator's
  random typos are seen once), and its training utterances that hold no letter at all ("10-4"), as phrases.
No evaluation set is read: the gate's figures on them stay those of unseen data.
Run it again after the generator changes; tests/nlu/test_language_gate.py checks the file is current.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

from cockpit.nlu.language_gate import KNOWN_WORDS_PATH, latin_words, normalise
from cockpit.nlu.postprocess import without_end_marks

CMUDICT_NOTICE = (
    "# CMU pronouncing dictionary words: Copyright (c) 1999-2016 Carnegie Mellon University. All rights reserved.\n"
    "# Redistribution and use in source and binary forms, with or without modification, are permitted provided\n"
    "# that the copyright notice is retained (full licence: the pocketsphinx package's LICENSE).\n"
)
_CMUDICT_WORD = re.compile(r"^([a-z]+(?:'[a-z]+)*)(?:\(\d+\))? ")
# A training word seen once is most likely one of the generator's injected typos ("puut", "tgmp").
MIN_TRAINING_COUNT = 2


def cmudict_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("pocketsphinx")
    if spec is None or spec.origin is None:
        raise SystemExit("pocketsphinx is not installed (requirements.txt): it ships the CMU dictionary")
    return Path(spec.origin).parent / "model" / "en-us" / "cmudict-en-us.dict"


def known_entries() -> list[str]:
    """Sorted entries: words with letters, and letterless phrases the model was trained on."""
    from models.nlu.generate import generate

    entries: set[str] = set()
    for line in cmudict_path().read_text(encoding="utf-8").splitlines():
        match = _CMUDICT_WORD.match(line)
        if match:
            entries.add(match.group(1))
    training_words: Counter[str] = Counter()
    for example in generate():
        text = normalise(example.text)
        words = latin_words(text)
        training_words.update(words)
        if not words and not any(ch.isalpha() for ch in text) and text.strip():
            # as the gate reads it: without the final mark the generator may have drawn for it ("10-4.")
            entries.add(without_end_marks(text).strip())
    entries.update(word for word, count in training_words.items() if count >= MIN_TRAINING_COUNT)
    return sorted(entries)


def render(entries: list[str], notice: str = CMUDICT_NOTICE) -> bytes:
    """A shipped word list's bytes: its notice, one entry a line, gzip with a fixed mtime, so a rebuild from the same
    sources is byte-identical."""
    text = notice + "".join(entry + "\n" for entry in entries)
    return gzip.compress(text.encode("utf-8"), mtime=0)


def main() -> int:
    data = render(known_entries())
    KNOWN_WORDS_PATH.write_bytes(data)
    print(f"wrote {KNOWN_WORDS_PATH} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
