"""A scenario run against a real home: mosquitto on loopback, the house as its own MQTT device process
(`main.py home --mqtt`), the cockpit's `--home mqtt://` adapter. The command reaches the house, its
state comes back, and the expectations read it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCENARIO = """\
name: home_over_mqtt
duration: 12s
start: {time: "2026-12-10T18:20:00+08:00", place: home}
environment: {outside_temp: -2}
occupants: [{seat: driver}]
events:
  - at: 2s
    say: {seat: driver, text: "turn on the living room AC"}
  - at: 4s
    say: {seat: driver, text: "open the garage"}
  - at: 5s
    say: {seat: driver, text: "yes"}
expect:
  - id: ac_heating_in_the_real_home
    within: 4s
    after: 2s
    that: home.living_room.ac.hvac_action == "heating"
  - id: garage_command_ok
    within: 3s
    after: 5s
    that: home_result.device == "garage" and home_result.status == "ok"
  - id: garage_moving_or_open
    eventually: home.garage == "opening" or home.garage == "open"
    after: 4s
"""


def test_scenario_drives_a_house_process_through_mosquitto(broker, tmp_path: Path) -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    house = subprocess.Popen(
        [sys.executable, "main.py", "home", "--mqtt", broker.url, "--outside-temp", "-2", "--duration", "40"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(1.5)  # the house publishes its discovery and retained state
        scenario = tmp_path / "home_over_mqtt.yaml"
        scenario.write_text(SCENARIO, encoding="utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "main.py",
                "run",
                str(scenario),
                "--headless",
                "--speed",
                "1",
                "--home",
                broker.url,
                "--out",
                str(tmp_path / "out"),
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        trace = [
            json.loads(line)
            for line in (tmp_path / "out" / "home_over_mqtt" / "trace.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        results = [r for r in trace if r["type"] == "home_result"]
        assert {(r["device"], r["status"]) for r in results} >= {("living_room.ac", "ok"), ("garage", "ok")}
    finally:
        house.terminate()
        house.wait(timeout=20)


BROKER_DOWN = """\
name: home_broker_down
duration: 20s
start: {time: "2026-12-10T18:20:00+08:00", place: home}
occupants: [{seat: driver}]
events:
  - at: 2s
    say: {seat: driver, text: "turn on the living room AC"}
expect:
  - id: command_reported_failed
    eventually: home_result.status == "failed" and home_result.device == "living_room.ac"
  - id: assistant_says_so
    eventually: utterance.speaker == "assistant" and utterance.text contains "couldn't reach the home"
  - id: the_drive_loop_kept_going
    eventually: Vehicle.Private.Time.UnixTime > 0
    after: 15s
"""


def test_broker_down_the_command_fails_aloud_and_nothing_blocks(tmp_path: Path) -> None:
    from tests.home.conftest import _free_port

    scenario = tmp_path / "home_broker_down.yaml"
    scenario.write_text(BROKER_DOWN, encoding="utf-8")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "run",
            str(scenario),
            "--headless",
            "--home",
            f"mqtt://user:s3cret@127.0.0.1:{_free_port()}",
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert time.monotonic() - started < 60
    outputs = tmp_path / "out" / "home_broker_down"
    for name in ("trace.jsonl", "report.json", "junit.xml"):
        assert "s3cret" not in (outputs / name).read_text(encoding="utf-8")
    assert "s3cret" not in result.stdout + result.stderr
