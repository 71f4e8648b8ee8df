"""Repository-wide pytest set-up: every scenarios/*.yaml is a test item (runner/pytest_plugin.py).

The plugin is named by its module, as its pytest11 entry point is: with the package installed (pip install -e .)
pytest has loaded it already and this registers nothing twice.
"""

pytest_plugins = ["runner.pytest_plugin"]
