"""Runtime NLU: an ONNX model + its card -> Understanding (intent, confidence, slots).

Needs only onnxruntime and numpy. onnxruntime is imported when a model is
loaded, not when this module is imported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cockpit.nlu.catalogue import INTENT_NAMES, SPAN_SLOTS, enum_groups, intent_spec
from cockpit.nlu.postprocess import normalize_span_value
from cockpit.nlu.tokenizer import CharTokenizer, detect_lang

DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "nlu" / "nlu.onnx"
_ORT_DTYPES = {"tensor(int64)": "int64", "tensor(float)": "float32"}


class ModelCardError(Exception):
    """The model and its card disagree, or the card names labels outside the intent catalogue."""


@dataclass(frozen=True)
class Understanding:
    text: str
    lang: str  # "en" | "zh"
    intent: str
    confidence: float
    slots: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The output shape of INTENTS.md: text, lang, intent, confidence, slots."""
        return {
            "text": self.text,
            "lang": self.lang,
            "intent": self.intent,
            "confidence": round(float(self.confidence), 3),
            "slots": dict(self.slots),
        }


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def _check_card(card: dict, session, card_path: Path) -> None:
    """Refuse a model whose inputs/outputs/labels do not match its card or the catalogue."""
    for key in ("inputs", "outputs", "labels", "tokenizer"):
        if key not in card:
            raise ModelCardError(f"{card_path}: card has no {key!r} section")
    for kind, declared, actual in (
        ("input", card["inputs"], session.get_inputs()),
        ("output", card["outputs"], session.get_outputs()),
    ):
        declared_names = [d["name"] for d in declared]
        actual_names = [a.name for a in actual]
        if declared_names != actual_names:
            raise ModelCardError(
                f"{card_path}: card {kind}s {declared_names} but the ONNX model has {actual_names}"
            )
        for spec, node in zip(declared, actual, strict=True):
            dtype = _ORT_DTYPES.get(node.type, node.type)
            if spec["dtype"] != dtype:
                raise ModelCardError(
                    f"{card_path}: {kind} {node.name!r} is {dtype} in the model, {spec['dtype']} in the card"
                )
            if len(spec["shape"]) != len(node.shape):
                raise ModelCardError(
                    f"{card_path}: {kind} {node.name!r} has rank {len(node.shape)} in the model, "
                    f"{len(spec['shape'])} in the card"
                )
            for dim_card, dim_model in zip(spec["shape"], node.shape, strict=True):
                if isinstance(dim_card, int) and isinstance(dim_model, int) and dim_card != dim_model:
                    raise ModelCardError(
                        f"{card_path}: {kind} {node.name!r} has shape {node.shape} in the model, "
                        f"{spec['shape']} in the card"
                    )
    labels = card["labels"]
    unknown = [name for name in labels.get("intents", []) if name not in INTENT_NAMES]
    if unknown:
        raise ModelCardError(
            f"{card_path}: labels {unknown} are not intents of the catalogue (docs/INTENTS.md)"
        )
    expected_sizes = {
        "intent_logits": len(labels.get("intents", [])),
        "tag_logits": len(labels.get("slot_tags", [])),
        "enum_logits": sum(len(g["classes"]) for g in labels.get("enum_slots", [])),
    }
    for spec in card["outputs"]:
        want = expected_sizes.get(spec["name"])
        if want is not None and spec["shape"][-1] != want:
            raise ModelCardError(
                f"{card_path}: output {spec['name']!r} has {spec['shape'][-1]} classes but the "
                f"card lists {want} labels"
            )
    for tag in labels.get("slot_tags", []):
        if tag != "O" and tag[2:] not in SPAN_SLOTS:
            raise ModelCardError(f"{card_path}: slot tag {tag!r} names a slot outside the catalogue")
    known_groups = dict(enum_groups())
    for group in labels.get("enum_slots", []):
        allowed = known_groups.get(group["slot"])
        if allowed is None or not set(group["classes"]) <= set(allowed):
            raise ModelCardError(
                f"{card_path}: enum slot {group['slot']!r} values {group['classes']} are not in the catalogue"
            )


class NluModel:
    """Bilingual intent + slot model. Create with NluModel.load()."""

    def __init__(self, session, card: dict) -> None:
        self._session = session
        self.card = card
        self.tokenizer = CharTokenizer.from_config(card["tokenizer"])
        labels = card["labels"]
        self.intents: list[str] = labels["intents"]
        self.tags: list[str] = labels["slot_tags"]
        self._enum_groups: list[tuple[str, list[str], int]] = []
        offset = 0
        for group in labels["enum_slots"]:
            self._enum_groups.append((group["slot"], group["classes"], offset))
            offset += len(group["classes"])
        self._output_names = [o["name"] for o in card["outputs"]]

    @classmethod
    def load(cls, path: str | Path | None = None) -> NluModel:
        """Load <model>.onnx and its card <model>.json; None -> the shipped models/nlu/nlu.onnx."""
        import onnxruntime as ort

        onnx_path = Path(path) if path is not None else DEFAULT_MODEL_PATH
        card_path = onnx_path.with_suffix(".json")
        if not onnx_path.is_file():
            raise FileNotFoundError(f"NLU model not found: {onnx_path}")
        if not card_path.is_file():
            raise ModelCardError(f"model card not found next to the model: {card_path}")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ModelCardError(f"{card_path}: not valid JSON ({error})") from error
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        _check_card(card, session, card_path)
        return cls(session, card)

    def understand(self, text: str) -> Understanding:
        lang = detect_lang(text)
        encoded = self.tokenizer.encode(text if text.strip() else " ")
        feeds = {
            "char_ids": encoded.char_ids[None, :],
            "ngram_ids": encoded.ngram_ids[None, :, :],
            "mask": np.ones((1, encoded.length), dtype=np.float32),
        }
        intent_logits, tag_logits, enum_logits = self._session.run(self._output_names, feeds)
        probs = _softmax(intent_logits[0])
        best = int(probs.argmax())
        intent = self.intents[best]
        slots = self._decode_slots(text, intent, tag_logits[0], enum_logits[0])
        return Understanding(text, lang, intent, float(probs[best]), slots)

    def _decode_slots(self, text: str, intent: str, tag_logits: np.ndarray, enum_logits: np.ndarray) -> dict:
        spec = intent_spec(intent)
        slots: dict[str, object] = {}
        for slot, span_text in _spans(text, [self.tags[i] for i in tag_logits.argmax(axis=1)]):
            if slot in spec.span_slots and slot not in slots:
                value = normalize_span_value(slot, span_text, intent)
                if value is not None:
                    slots[slot] = value
        allowed = spec.enum_slots or {}
        for slot, classes, offset in self._enum_groups:
            if slot not in allowed:
                continue
            # Only "none" and the values this intent allows compete (window state: open/close, not on/off).
            candidates = [i for i, c in enumerate(classes) if c == "none" or c in allowed[slot]]
            logits = enum_logits[offset : offset + len(classes)]
            choice = max(candidates, key=lambda i: logits[i])
            if classes[choice] != "none":
                slots[slot] = classes[choice]
        return {name: slots[name] for name in spec.slots if name in slots}


def _spans(text: str, tags: list[str]) -> list[tuple[str, str]]:
    """(slot, text) for each tagged run; an I- without a B- still starts a span."""
    spans: list[tuple[str, str]] = []
    current, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        slot = tag[2:] if tag != "O" else None
        if current is not None and (slot != current or tag.startswith("B-")):
            spans.append((current, text[start:i]))
            current = None
        if slot is not None and current is None:
            current, start = slot, i
    return spans
