"""Shared fixtures: the shipped model is loaded once per test session (loading is ~tens of ms)."""

from __future__ import annotations

import pytest

from cockpit.nlu.model import NluModel


@pytest.fixture(scope="session")
def nlu_model() -> NluModel:
    return NluModel.load()
