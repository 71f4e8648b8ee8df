"""Bring-your-own-model: a model that does not match its card is refused with a clear message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import onnx
import pytest
from onnx import TensorProto, helper

from cockpit.nlu.model import DEFAULT_MODEL_PATH, ModelCardError, NluModel


def _shipped_card() -> dict:
    return json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))


def _tiny_model(path: Path, n_intents: int, first_input: str = "char_ids") -> None:
    """A deliberately small ONNX graph with the right interface shape but chosen sizes/names."""
    inputs = [
        helper.make_tensor_value_info(first_input, TensorProto.INT64, ["batch", "length"]),
        helper.make_tensor_value_info("ngram_ids", TensorProto.INT64, ["batch", "length", 3]),
        helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
    ]
    outputs = [
        helper.make_tensor_value_info("intent_logits", TensorProto.FLOAT, ["batch", n_intents]),
        helper.make_tensor_value_info("tag_logits", TensorProto.FLOAT, ["batch", "length", 23]),
        helper.make_tensor_value_info("enum_logits", TensorProto.FLOAT, ["batch", 64]),
    ]
    nodes = [
        helper.make_node("ReduceSum", ["mask"], ["summed"], keepdims=1),
        helper.make_node("Expand", ["summed", "intent_shape"], ["intent_logits"]),
        helper.make_node("Unsqueeze", ["mask", "axis2"], ["mask3"]),
        helper.make_node("Expand", ["mask3", "tag_shape"], ["tag_logits"]),
        helper.make_node("Expand", ["summed", "enum_shape"], ["enum_logits"]),
        helper.make_node("Identity", [first_input], ["unused_chars"]),
        helper.make_node("Identity", ["ngram_ids"], ["unused_ngrams"]),
    ]
    inits = [
        helper.make_tensor("intent_shape", TensorProto.INT64, [2], [1, n_intents]),
        helper.make_tensor("axis2", TensorProto.INT64, [1], [2]),
        helper.make_tensor("tag_shape", TensorProto.INT64, [3], [1, 1, 23]),
        helper.make_tensor("enum_shape", TensorProto.INT64, [2], [1, 64]),
    ]
    graph = helper.make_graph(nodes, "mismatch", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def _write_card(path: Path, card: dict) -> None:
    path.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")


def test_shipped_model_matches_its_card(nlu_model):
    assert nlu_model.intents == _shipped_card()["labels"]["intents"]


def test_output_size_mismatch_is_refused(tmp_path):
    card = _shipped_card()
    onnx_path = tmp_path / "wrong.onnx"
    _tiny_model(onnx_path, n_intents=5)  # the card lists many more intents
    _write_card(onnx_path, card)
    with pytest.raises(ModelCardError, match="intent_logits"):
        NluModel.load(onnx_path)


def test_input_name_mismatch_is_refused(tmp_path):
    card = _shipped_card()
    onnx_path = tmp_path / "renamed.onnx"
    _tiny_model(onnx_path, n_intents=len(card["labels"]["intents"]), first_input="tokens")
    _write_card(onnx_path, card)
    with pytest.raises(ModelCardError, match="tokens"):
        NluModel.load(onnx_path)


def test_label_outside_catalogue_is_refused(tmp_path):
    card = _shipped_card()
    card["labels"]["intents"][0] = "climate.make_coffee"
    onnx_path = tmp_path / "nlu.onnx"
    shutil.copy(DEFAULT_MODEL_PATH, onnx_path)
    _write_card(onnx_path, card)
    with pytest.raises(ModelCardError, match="climate.make_coffee"):
        NluModel.load(onnx_path)


def test_missing_card_is_refused(tmp_path):
    onnx_path = tmp_path / "nocard.onnx"
    shutil.copy(DEFAULT_MODEL_PATH, onnx_path)
    with pytest.raises(ModelCardError, match="card not found"):
        NluModel.load(onnx_path)


def test_copied_model_with_its_card_loads(tmp_path):
    onnx_path = tmp_path / "mine.onnx"
    shutil.copy(DEFAULT_MODEL_PATH, onnx_path)
    shutil.copy(DEFAULT_MODEL_PATH.with_suffix(".json"), onnx_path.with_suffix(".json"))
    assert NluModel.load(onnx_path).understand("打开空调").intent == "climate.power"
