#!/usr/bin/env bash
# A test-only venv with a pinned Home Assistant (tests/home/requirements-ha.txt), for the tests that run
# HA's own MQTT schemas and a real HA against the house. Kept outside the work tree (a fresh clone, as in CI,
# reuses it) and rebuilt only when the requirements change. Prints nothing when it is already there.
# Exit 0 with the venv ready; exit 1 (the tests then skip, saying why) when it cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${COCKPIT_HA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cockpit-sim/ha-venv}
requirements=tests/home/requirements-ha.txt
stamp="$venv/.requirements.sha"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && [ -x "$venv/bin/python" ]; then
  exit 0
fi
started=$(date +%s)
echo "ha_venv: installing Home Assistant for the tests into $venv (once; a few minutes)"
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
log=$(mktemp)
if ! { "${PYTHON:-python3}" -m venv "$venv" &&
       "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"; } >"$log" 2>&1; then
  grep -v '^WARNING: Location' "$log" | tail -20 >&2
  echo "ha_venv: could not install $requirements; the Home Assistant tests will be skipped" >&2
  rm -rf "$venv" "$log"
  exit 1
fi
rm -f "$log"
echo "$wanted" > "$stamp"
echo "ha_venv: ready in $(( $(date +%s) - started )) s"
