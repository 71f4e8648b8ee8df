"""models/nlu/ensemble.py: several runs as one graph with the interface of one model, each reading its own ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from cockpit.nlu.model import DEFAULT_MODEL_PATH, NluModel
from models.nlu import ensemble

TEXTS = ["turn the fan up to four", "把客厅和卧室的空调打开", "play Hall and Oates", "今天冷吗", "zzqx"]


def test_the_id_table_keeps_pad_and_unknown_and_maps_what_the_member_lacks_to_unknown():
    union = ensemble.union_vocabulary([["a", "b", "中"], ["b", "c"]])
    assert union == ["a", "b", "中", "c"]
    table = ensemble.id_table(union, ["b", "c"])
    # pad, unknown, then a (missing: unknown), b (its 2), 中 (missing), c (its 3)
    assert table.tolist() == [0, 1, 1, 2, 1, 3]


def test_a_merged_graph_gives_the_mean_of_its_members(tmp_path: Path):
    # Two members: the shipped model twice, so the mean is the shipped model's own outputs.
    members = []
    for name in ("one", "two"):
        member = tmp_path / name
        member.mkdir()
        shutil.copy(DEFAULT_MODEL_PATH, member / "nlu.onnx")
        shutil.copy(DEFAULT_MODEL_PATH.with_suffix(".json"), member / "nlu.json")
        members.append(member)
    merged = NluModel.load(ensemble.merge(members, tmp_path / "merged"))
    shipped = NluModel.load()
    assert merged.tokenizer.vocab == shipped.tokenizer.vocab
    for got, expected in zip(merged._run(TEXTS)[1:], shipped._run(TEXTS)[1:], strict=True):
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_one_member_is_no_ensemble(tmp_path: Path):
    with pytest.raises(ValueError, match="two members"):
        ensemble.merge([tmp_path], tmp_path / "out")
