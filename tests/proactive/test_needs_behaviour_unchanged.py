"""The needs behave as recorded before each need was described once (tests/proactive/behaviour_record.py).

The shipped needs model keeps its inputs: the feature vector of every fixed context is the recorded one,
value for value (float32, in order). Each need reads, bands and plans as before; a person's manual action
meets and undoes the same needs; a seeded training set and seeded closed-loop days come out the same.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.proactive.behaviour_record import FIXTURE, record


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now() -> dict:
    return json.loads(json.dumps(record(), ensure_ascii=False))  # through JSON, as the fixture was written


def test_needs_keep_their_order(recorded: dict, now: dict) -> None:
    assert now["needs"] == recorded["needs"]


def test_feature_vectors_are_byte_identical(recorded: dict, now: dict) -> None:
    assert set(now["contexts"]) == set(recorded["contexts"])
    for name, before in recorded["contexts"].items():
        old = np.asarray(before["features"], dtype=np.float32)
        new = np.asarray(now["contexts"][name]["features"], dtype=np.float32)
        assert new.tobytes() == old.tobytes(), name


@pytest.mark.parametrize("part", ["situation", "readings", "plan", "due_regardless"])
def test_each_need_reads_and_plans_as_before(recorded: dict, now: dict, part: str) -> None:
    for name, before in recorded["contexts"].items():
        assert now["contexts"][name][part] == before[part], name


def test_manual_actions_meet_and_undo_the_same_needs(recorded: dict, now: dict) -> None:
    assert now["actions"] == recorded["actions"]


def test_seeded_training_data_is_identical(recorded: dict, now: dict) -> None:
    assert now["training"] == recorded["training"]


def test_seeded_closed_loop_days_are_identical(recorded: dict, now: dict) -> None:
    assert now["closed_loop"] == recorded["closed_loop"]
