#!/usr/bin/env bash
# Set up (if needed), then open the desktop simulator on the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
