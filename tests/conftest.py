"""Fixtures shared by the tests: the loaded parts (DBC, map, NLU model) once per test session."""

from __future__ import annotations

import pytest

from runner.assembly import Parts


@pytest.fixture(scope="session")
def parts() -> Parts:
    return Parts()
