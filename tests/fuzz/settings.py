"""The example budgets of the fuzzers: one place, read by every tests/fuzz module (see tests/fuzz/__init__.py)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 150  # per fuzz test in the ordinary run: seconds, not minutes
FUZZ_LONG_EXAMPLES = 10_000  # per fuzz test under `pytest -m fuzz`
LONG_MODE_VARIABLE = "COCKPIT_FUZZ_LONG"  # set by tests/fuzz/conftest.py when `-m fuzz` is given


def fuzz_settings(ci_examples: int = CI_EXAMPLES) -> settings:
    """Settings for one fuzz test; `ci_examples` lowers the ordinary budget for a slow input kind."""
    long_mode = os.environ.get(LONG_MODE_VARIABLE) == "1"
    return settings(
        max_examples=FUZZ_LONG_EXAMPLES if long_mode else ci_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )
