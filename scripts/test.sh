#!/usr/bin/env bash
# Set up (if needed), then run every test: unit, property, golden replay, scenarios, UI (headless).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q "$@"
