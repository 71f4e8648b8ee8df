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
# Static types (mypy.ini names the packages). These modules still have errors: each is checked here once it is
# clean, by taking it off the list. Errors are reported in the modules checked, not in listed ones they import.
NOT_YET_TYPED=(
  models/nlu/external/build.py models/nlu/export.py models/nlu/generate.py
  models/nlu/templates_en.py models/nlu/templates_zh.py
  models/proactive/eval.py models/proactive/generate.py models/proactive/personas.py
  models/proactive/simulate.py models/proactive/train.py
)
not_yet_typed=$(printf '%s|' "${NOT_YET_TYPED[@]}" | sed 's/\./\\./g; s/|$//')
.venv/bin/mypy --follow-imports=silent --exclude "^($not_yet_typed)\$"
# On every core (pytest-xdist; the tests share no port, file or cache). `-n 0` runs them in one process.
exec .venv/bin/python -m pytest -q -n auto "$@"
