"""`pytest -m fuzz` switches the fuzzers to their long budget (tests/fuzz/settings.py)."""

from __future__ import annotations

import os

import pytest

from tests.fuzz.settings import LONG_MODE_VARIABLE


def pytest_configure(config: pytest.Config) -> None:
    # Read before the fuzz modules are imported, so their @settings see the mode.
    if "fuzz" in (config.getoption("markexpr", "") or ""):
        os.environ[LONG_MODE_VARIABLE] = "1"
