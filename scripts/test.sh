#!/usr/bin/env bash
# Set up (if needed), then run every test: unit, property, golden replay, scenarios, UI (headless).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# --- Home Assistant test venv (tests/home/test_home_assistant.py; skipped, saying why, without it) ---
bash scripts/ha_venv.sh || echo "test: no Home Assistant test venv; its tests will be skipped" >&2
# --- end Home Assistant test venv ---
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
.venv/bin/ruff check .
.venv/bin/ruff format --check .   # one style tree-wide: `ruff format .` fixes it
# Static types: every package mypy.ini names, training code included.
.venv/bin/mypy
# On every core (pytest-xdist; the tests share no port, file or cache). `-n 0` runs them in one process.
exec .venv/bin/python -m pytest -q -n auto "$@"
