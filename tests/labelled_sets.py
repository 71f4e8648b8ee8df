"""Every labelled request of the project's NLU sets (models/nlu/*/*.jsonl: generated dev sets, hand-written open
and compound sets, the external set, the training corpora), for tests that check a text rule takes no labelled
request the wrong way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

NLU_DIR = Path(__file__).resolve().parents[1] / "models" / "nlu"


@dataclass(frozen=True)
class LabelledPart:
    file: str  # the set's file name
    request: str  # the whole request as said
    text: str  # this part's words (the request's own for a one-command request)
    intent: str
    slots: dict = field(default_factory=dict)


def labelled_parts() -> Iterator[LabelledPart]:
    """Each labelled command of every set, the parts of a compound request one by one; rows with no text (label
    tables) are left out."""
    for path in sorted(NLU_DIR.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "text" not in row:
                continue
            for part in row.get("parts") or ([row] if "intent" in row else []):
                text = part.get("text", row["text"])
                yield LabelledPart(path.name, row["text"], text, part["intent"], part.get("slots", {}))
