"""Every labelled line of the NLU evaluation sets speaks the catalogue (docs/INTENTS.md).

Checks all ``*.jsonl`` files under models/nlu/data/ and models/nlu/external/: each line
parses; each label names a catalogue intent; its slots are slots of that intent; enum
values are allowed for the intent; numbers have the right type (temperature/delta float,
level/position int); zones are zone values; free text is a trimmed, non-empty string.

Line shapes understood:
* ``{"text", "intent", "slots", ...}`` - one request (extra keys such as source/licence allowed);
* ``{"text", "parts": [{"intent", "slots", "text"}, ...]}`` - a compound request (1-3 parts);
* ``{"intent", "slots_en", "slots_zh", ...}`` - a parallel pair, one slot dict per language;
* a line without any label (no ``intent`` and no ``parts``, e.g. a dropped source item) is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cockpit.nlu.catalogue import INTENT_NAMES, NUMERIC_SLOTS, ZONES, intent_spec

ROOT = Path(__file__).resolve().parents[2]
SET_DIRS = (ROOT / "models" / "nlu" / "data", ROOT / "models" / "nlu" / "external")
FILES = sorted(p for d in SET_DIRS if d.is_dir() for p in d.glob("*.jsonl"))

# Catalogue changes being rolled out: accepted even where the catalogue code lags behind.
EXTRA_SLOTS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "media.volume": {"delta": None},
    "wiper.set": {"direction": ("up", "down")},
}


def _allowed(intent: str) -> tuple[set[str], dict[str, tuple[str, ...]]]:
    spec = intent_spec(intent)
    enums = dict(spec.enum_slots or {})
    slots = set(spec.slots)
    for name, values in EXTRA_SLOTS.get(intent, {}).items():
        slots.add(name)
        if values is not None:
            enums.setdefault(name, values)
    return slots, enums


def _slot_problems(intent: object, slots: object) -> list[str]:
    if intent not in INTENT_NAMES:
        return [f"intent {intent!r} is not in the catalogue"]
    if not isinstance(slots, dict):
        return [f"slots must be an object, got {type(slots).__name__}"]
    allowed, enums = _allowed(intent)
    problems = []
    for name, value in slots.items():
        if name not in allowed:
            problems.append(f"slot {name!r} is not a slot of {intent}")
        elif name in enums:
            if value not in enums[name]:
                problems.append(f"{intent}.{name}={value!r} not in {enums[name]}")
        elif name in NUMERIC_SLOTS:
            kind = NUMERIC_SLOTS[name]
            if isinstance(value, bool) or not isinstance(value, kind):
                problems.append(f"{intent}.{name}={value!r} must be {kind.__name__}")
        elif name == "zone":
            if value not in ZONES:
                problems.append(f"{intent}.zone={value!r} not in {ZONES}")
        elif not isinstance(value, str) or not value.strip() or value != value.strip():
            problems.append(f"{intent}.{name}={value!r} must be a trimmed non-empty string")
    return problems


def _line_problems(row: object) -> list[str]:
    if not isinstance(row, dict):
        return ["line is not a JSON object"]
    texts = [row[k] for k in ("text", "en", "zh") if k in row]
    if ("intent" in row or "parts" in row) and not any(isinstance(t, str) and t.strip() for t in texts):
        return ["no non-empty text"]
    problems = []
    if "parts" in row:
        parts = row["parts"]
        if not isinstance(parts, list) or not 1 <= len(parts) <= 3:
            return ["parts must be a list of 1 to 3 requests"]
        for i, part in enumerate(parts):
            if not isinstance(part, dict) or not isinstance(part.get("text"), str) or not part["text"].strip():
                problems.append(f"part {i}: needs a non-empty text")
                continue
            problems += [f"part {i}: {p}" for p in _slot_problems(part.get("intent"), part.get("slots"))]
    elif "intent" in row:
        slot_keys = [k for k in row if k == "slots" or k.startswith("slots_")]
        if not slot_keys:
            problems.append("labelled line without slots")
        for key in slot_keys:
            problems += [f"{key}: {p}" for p in _slot_problems(row["intent"], row[key])]
    return problems


def test_there_are_sets_to_check():
    assert FILES, "no jsonl files under models/nlu/data or models/nlu/external"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_line_is_valid(path: Path):
    bad = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            bad.append(f"line {number}: not JSON ({error})")
            continue
        bad += [f"line {number}: {p}" for p in _line_problems(row)]
    assert not bad, "\n".join(bad[:50])


def test_the_checker_rejects_bad_labels():
    assert _line_problems({"text": "x", "intent": "media.fly", "slots": {}})
    assert _line_problems({"text": "x", "intent": "seat.heat", "slots": {"level": 2.0}})
    assert _line_problems({"text": "x", "intent": "seat.heat", "slots": {"zone": "front"}})
    assert _line_problems({"text": "x", "intent": "climate.set_temperature", "slots": {"temperature": 22}})
    assert _line_problems({"text": "x", "intent": "nav.find_poi", "slots": {"category": "bank"}})
    assert _line_problems({"text": "x", "intent": "phone.call", "slots": {"contact": " mom"}})
    assert _line_problems({"text": "x", "parts": []})
    assert not _line_problems({"text": "x", "intent": "media.volume", "slots": {"direction": "down", "delta": 30.0}})
    assert not _line_problems({"text": "x", "intent": "wiper.set", "slots": {"direction": "up"}})
