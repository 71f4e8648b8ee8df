"""Repository-wide pytest set-up: every scenarios/*.yaml is a test item (see tests/scenario_plugin.py)."""

pytest_plugins = ["tests.scenario_plugin"]
