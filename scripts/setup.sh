#!/usr/bin/env bash
# Sets up everything the simulator and its tests need on a fresh Debian/Ubuntu machine:
# Debian packages (when missing; installed when running as root, else named), then a venv with the
# pinned Python dependencies. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(espeak-ng libportaudio2 fonts-noto-cjk mosquitto can-utils xvfb)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    started=$SECONDS
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "setup: Debian packages installed in $((SECONDS - started)) s"
  else
    echo "setup: missing Debian packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
    echo "setup: continuing; speech output, CJK text or the MQTT tests degrade without them" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv || { echo "setup: '$PYTHON -m venv' failed: install python3-venv" >&2; exit 1; }
fi
stamp=.venv/.requirements.sha
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  started=$SECONDS
  echo "setup: installing $(grep -c '==' requirements.txt) pinned Python packages (requirements.txt) into .venv;" \
       "the first time this takes a few minutes (onnxruntime, pygame, ray, matplotlib, vss-tools...)"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
  echo "$wanted" > "$stamp"
  echo "setup: Python packages installed in $((SECONDS - started)) s"
fi
