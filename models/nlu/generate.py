"""Seeded generator of labelled training utterances (English + Mandarin).

A template is a pattern plus fixed enum labels, e.g.
    ("(could you |)set the {zone} temperature to {temperature}", {})
    ("my feet are (freezing|cold)", {"direction": "up"})
Pattern syntax:
    (a|b|)      one alternative picked at random ('' allowed)
    {slot}      a span slot: a surface form is sampled and its characters get BIO tags
    {slot=text} a span slot with a fixed surface form ("navigate {destination=home}")
    [enum]      an enum slot named in the lexicon (device, category, ...): a surface
                form is sampled among the values the intent allows, and the value
                becomes the label (not tagged: the model predicts it per utterance)
Then augmentation adds fillers, punctuation, typos (English) and ASR-like
homophone errors (Mandarin) on untagged characters only, so labels stay true.

    python -m models.nlu.generate --out /tmp/nlu_train.jsonl   # dump for inspection
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.nlu.catalogue import INTENTS, NUMERIC_SLOTS, OUT_OF_SCOPE, intent_spec
from cockpit.nlu.postprocess import SENTENCE_END_MARKS, WHEN_VALUES, normalize_span_value, normalize_when
from cockpit.nlu.tokenizer import detect_lang
from models.nlu import corpora, open_vocabulary, templates_en, templates_zh

GENERATOR_VERSION = "1"
_TOKEN = re.compile(r"\(([^()]*)\)|\{(\w+)(?:=([^{}]*))?\}|\[(\w+)\]")


@dataclass
class Example:
    text: str
    lang: str
    intent: str
    tags: list[str]
    enums: dict[str, str] = field(default_factory=dict)
    slots: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "lang": self.lang,
            "intent": self.intent,
            "tags": self.tags,
            "enums": self.enums,
            "slots": self.slots,
        }


def _fix_bio(tags: list[str]) -> list[str]:
    """After an edit, an I- tag that no longer continues its slot starts a span (B-)."""
    fixed: list[str] = []
    for tag in tags:
        prev = fixed[-1] if fixed else "O"
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


class Renderer:
    """Renders one template for one language into an Example."""

    def __init__(self, lexicon, rng: random.Random) -> None:
        self.lexicon = lexicon
        self.rng = rng

    def render(self, intent: str, pattern: str, fixed: dict[str, str]) -> Example | None:
        spec = intent_spec(intent)
        allowed_enums = spec.enum_slots or {}
        chars: list[str] = []
        tags: list[str] = []
        enums = dict(fixed)
        slots: dict[str, object] = {}
        pos = 0
        for match in _TOKEN.finditer(pattern):
            literal = pattern[pos : match.start()]
            chars += literal
            tags += ["O"] * len(literal)
            pos = match.end()
            alternatives, span_slot, literal_span, enum_slot = match.groups()
            if alternatives is not None:
                piece = self.rng.choice(alternatives.split("|"))
                sub = self.render(intent, piece, {}) if ("{" in piece or "[" in piece) else None
                if sub is None:
                    chars += piece
                    tags += ["O"] * len(piece)
                else:
                    chars += sub.text
                    tags += sub.tags
                    enums.update(sub.enums)
                    slots.update(sub.slots)
            elif span_slot is not None:
                if literal_span is not None:
                    surface = literal_span
                    value = normalize_span_value(span_slot, surface, intent)
                else:
                    surface, value = self.lexicon.span(span_slot, intent, self.rng)
                chars += surface
                tags += [f"B-{span_slot}"] + [f"I-{span_slot}"] * (len(surface) - 1)
                if value is not None:
                    slots[span_slot] = value
            else:
                slot_name, values = self.lexicon.enum_choices(enum_slot, allowed_enums)
                value = self.rng.choice(values)
                surface = self.rng.choice(self.lexicon.ENUM_SURFACES[enum_slot][value])
                chars += surface
                tags += ["O"] * len(surface)
                enums[slot_name] = value
        tail = pattern[pos:]
        chars += tail
        tags += ["O"] * len(tail)
        text = "".join(chars)
        for slot, value in enums.items():
            if slot not in allowed_enums or value not in allowed_enums[slot]:
                raise ValueError(f"template for {intent} labels {slot}={value}, not allowed by the catalogue")
        slots.update(enums)
        return Example(text, detect_lang(text) if text.strip() else "en", intent, tags, enums, slots)


def _typo(example: Example, rng: random.Random) -> None:
    """One keyboard/ASR-style typo on an untagged letter: drop, double, swap or replace."""
    positions = [
        i
        for i, (ch, tag) in enumerate(zip(example.text, example.tags, strict=True))
        if tag == "O" and ch.isalpha() and ch.isascii()
    ]
    if len(positions) < 4:
        return
    i = rng.choice(positions)
    chars, tags = list(example.text), list(example.tags)
    kind = rng.randrange(4)
    if kind == 0:
        del chars[i], tags[i]
    elif kind == 1:
        chars.insert(i, chars[i])
        tags.insert(i, "O")
    elif kind == 2 and i + 1 < len(chars) and tags[i + 1] == "O" and chars[i + 1].isalpha():
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    example.text, example.tags = "".join(chars), _fix_bio(tags)


def _homophone(example: Example, rng: random.Random, table: dict[str, str]) -> None:
    positions = [
        i for i, (ch, tag) in enumerate(zip(example.text, example.tags, strict=True)) if tag == "O" and ch in table
    ]
    if positions:
        i = rng.choice(positions)
        example.text = example.text[:i] + rng.choice(table[example.text[i]]) + example.text[i + 1 :]


def _add_fillers(example: Example, rng: random.Random, lexicon) -> None:
    if rng.random() < 0.3:
        prefix = rng.choice(lexicon.PREFIXES)
        example.text = prefix + example.text
        example.tags = ["O"] * len(prefix) + example.tags
    if rng.random() < 0.25:
        suffix = rng.choice(lexicon.SUFFIXES)
        time = normalize_when(suffix)
        if time in WHEN_VALUES and "when" in intent_spec(example.intent).span_slots:
            # "now" after a weather question is the time it asks about, not a filler (as one, it taught the model
            # to drop the time of "what's the weather like now"); after a time already said, it would contradict it
            if "when" in example.slots:
                return
            lead = len(suffix) - len(suffix.lstrip())
            example.slots["when"] = time
            example.text += suffix
            example.tags += ["O"] * lead + ["B-when"] + ["I-when"] * (len(suffix) - lead - 1)
            return
        example.text += suffix
        example.tags += ["O"] * len(suffix)


def augment(example: Example, rng: random.Random, lexicon) -> Example:
    _add_fillers(example, rng, lexicon)
    if example.lang == "en":
        if rng.random() < 0.25:
            _typo(example, rng)
        if rng.random() < 0.05:
            _typo(example, rng)
    elif rng.random() < 0.12:
        _homophone(example, rng, lexicon.HOMOPHONES)
    return example


def generate(seed: int = 13, per_template: int = 6, with_corpora: bool = False) -> list[Example]:
    """All training examples, deterministic for a seed. Every catalogue intent is covered. `with_corpora` adds the
    mapped corpora of models/nlu/corpora (not in the shipped model's data: see MODEL_CARD.md)."""
    rng = random.Random(seed)
    examples: list[Example] = []
    for lexicon in (templates_en, templates_zh):
        renderer = Renderer(lexicon, rng)
        covered = set()
        for intent, templates in lexicon.TEMPLATES.items():
            for pattern, fixed in templates:
                repeats = per_template * (3 if "{" in pattern or "[" in pattern else 1)
                for _ in range(repeats):
                    example = renderer.render(intent, pattern, fixed)
                    if example is not None and example.text.strip():
                        examples.append(augment(example, rng, lexicon))
                        covered.add(intent)
                for text in every_phrasing(pattern):
                    # A short template's phrasings are each seen once, as said: sampling alone left some of
                    # them ("算了", "关窗") out of the data, and the model then guessed on two-character requests.
                    examples.append(Example(text, lexicon.LANG, intent, ["O"] * len(text), dict(fixed), dict(fixed)))
        missing = {spec.name for spec in INTENTS} - covered
        if missing:
            raise ValueError(f"{lexicon.__name__} has no template for {sorted(missing)}")
        examples += _compounds([e for e in examples if e.lang == lexicon.LANG], rng, lexicon.CONNECTORS)
        pool = open_vocabulary.sentences(lexicon.LANG)
        for _ in range(int(len(examples) * UNRELATED_SHARE / 2)):
            text = rng.choice(pool)
            examples.append(Example(text, lexicon.LANG, OUT_OF_SCOPE, ["O"] * len(text)))
        if with_corpora:
            # Last, and with a random stream of their own: the templates' examples stay those of the seed.
            examples += corpus_examples(lexicon, random.Random(seed + 1))
    # Last, with a stream of its own, so that every example above stays as the seed made it.
    end_rng = random.Random(seed + 2)
    for example in examples:
        _even_end_mark(example, end_rng)
    _check_numeric(examples)
    return examples


# The sentence-final mark, drawn alike for every intent. The templates seldom end in one and the corpora (Tatoeba,
# SGD) nearly always do, so a model trained on both learnt "ends in ？/。" as a sign of out_of_scope and declined
# "今天冷吗？". Each example loses its final mark, then gets one at this rate, so the mark says nothing of the intent.
END_MARKS: dict[str, tuple[str, ...]] = {"en": ("?", ".", "!"), "zh": ("？", "。", "！")}
END_MARK_WEIGHTS = (0.4, 0.45, 0.15)
END_MARKED_SHARE = 0.4
_STRIPPED_AT_END = SENTENCE_END_MARKS  # the marks the runtime does not read (postprocess.without_end_marks)


def _even_end_mark(example: Example, rng: random.Random) -> None:
    end = len(example.text)
    while end and example.text[end - 1] in _STRIPPED_AT_END and example.tags[end - 1] == "O":
        end -= 1
    if end == 0:
        return  # nothing but marks: left as it is
    example.text, example.tags = example.text[:end], example.tags[:end]
    if rng.random() < END_MARKED_SHARE:
        example.text += rng.choices(END_MARKS[example.lang], END_MARK_WEIGHTS)[0]
        example.tags = [*example.tags, "O"]


CORPUS_REPEATS = 2  # each corpus sentence as said, then once more with fillers and typos


def corpus_examples(lexicon, rng: random.Random) -> list[Example]:
    """The openly licensed corpora of a language (models/nlu/corpora), tagged from their span annotations."""
    examples = []
    for row in corpora.load(lexicon.LANG):
        tags = ["O"] * len(row["text"])
        for slot, start, end in row["spans"]:
            tags[start:end] = [f"B-{slot}"] + [f"I-{slot}"] * (end - start - 1)
        enums = {k: v for k, v in row["slots"].items() if k not in row_span_slots(row)}
        for repeat in range(CORPUS_REPEATS):
            example = Example(row["text"], lexicon.LANG, row["intent"], list(tags), dict(enums), dict(row["slots"]))
            examples.append(augment(example, rng, lexicon) if repeat else example)
    return examples


def row_span_slots(row: dict) -> set[str]:
    return {slot for slot, _, _ in row["spans"]}


EVERY_PHRASING_MAX = 24  # a template with no slots and at most this many phrasings has each of them in the data...
SHORT_PHRASING = {"en": 3, "zh": 4}  # ...of those as short as this (words / characters), the ones sampling misses


def every_phrasing(pattern: str) -> list[str]:
    """Every short text a template without slots can produce, when it has few phrasings (else none)."""
    if "{" in pattern or "[" in pattern:
        return []
    pieces: list[list[str]] = []
    pos = 0
    for match in _TOKEN.finditer(pattern):
        pieces += [[pattern[pos : match.start()]], match.group(1).split("|")]
        pos = match.end()
    pieces.append([pattern[pos:]])
    if math.prod(len(p) for p in pieces) > EVERY_PHRASING_MAX:
        return []
    texts = ("".join(parts) for parts in itertools.product(*pieces))
    return [t for t in dict.fromkeys(" ".join(t.split()) for t in texts) if t.strip() and _short(t)]


def _short(text: str) -> bool:
    if detect_lang(text) == "zh":
        return len(text.replace(" ", "")) <= SHORT_PHRASING["zh"]
    return len(text.split()) <= SHORT_PHRASING["en"]


COMPOUND_SHARE = 0.08
UNRELATED_SHARE = 0.03  # of all examples: out-of-scope sentences with no template behind them


def _compounds(examples: list[Example], rng: random.Random, connectors: tuple[str, ...]) -> list[Example]:
    """Two commands joined by a connector, labelled with the first one's intent and enums and every span's
    tags: the whole request's reading must know where a name ends ("call Anna and open the trunk"), which is
    what keeps a connector inside a name from splitting it (cockpit/nlu/compound.py)."""
    commands = [e for e in examples if not e.intent.startswith("dialog.")]
    # The first command is a real one: a request labelled out of scope because its first words are would teach
    # that a command after them is out of scope too. The second may be anything ("call Anna and tell her ...").
    firsts = [e for e in commands if e.intent != OUT_OF_SCOPE]
    joined = []
    for _ in range(int(len(examples) * COMPOUND_SHARE)):
        first, second = rng.choice(firsts), rng.choice(commands)
        head = first.text.rstrip(" .!?。！？")
        connector = rng.choice(connectors)
        text = head + connector + second.text
        tags = first.tags[: len(head)] + ["O"] * len(connector) + second.tags
        joined.append(Example(text, first.lang, first.intent, tags, dict(first.enums), dict(first.slots)))
    return joined


def _first_span(example: Example, slot: str) -> str:
    """The characters of the first span of a slot (a compound example may have one per command)."""
    chars: list[str] = []
    for ch, tag in zip(example.text, example.tags, strict=True):
        if tag == f"B-{slot}" and chars:
            break
        if tag[2:] == slot:
            chars.append(ch)
        elif chars:
            break
    return "".join(chars)


def _check_numeric(examples: list[Example]) -> None:
    """Generator self-check: numeric spans must parse back to the value that produced them."""
    for example in examples:
        for slot in NUMERIC_SLOTS:
            if slot not in example.slots:
                continue
            span = _first_span(example, slot)
            parsed = normalize_span_value(slot, span, example.intent)
            if parsed != example.slots[slot]:
                raise ValueError(
                    f"{example.text!r}: {slot} span {span!r} parses to {parsed}, expected {example.slots[slot]}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    examples = generate(args.seed)
    with args.out.open("w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example.to_json(), ensure_ascii=False) + "\n")
    print(f"wrote {len(examples)} examples to {args.out}")


if __name__ == "__main__":
    main()
