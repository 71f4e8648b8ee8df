"""A real house at `--speed max` (issue 17 item 6): mosquitto on loopback, the house as its own process
(`main.py home`), the run as fast as it goes. While a home command is pending the run keeps simulated time from
running ahead of wall time, so the house answers in time; a refused login is said on stderr; the password can
come from COCKPIT_MQTT_PASSWORD and is never printed or traced."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.home.mqtt import PASSWORD_ENV, with_password_from_environment
from homelink.protocol import MqttUrl
from tests.home.conftest import MOSQUITTO, Broker

REPO = Path(__file__).resolve().parents[2]
USER, PASSWORD = "cockpit", "c0rrect-h0rse"
SCENARIO = """\
name: home_at_full_speed
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
  - id: ac_command_ok
    within: 5s
    after: 2s
    that: home_result.device == "living_room.ac" and home_result.status == "ok"
  - id: garage_command_ok
    within: 5s
    after: 5s
    that: home_result.device == "garage" and home_result.status == "ok"
"""
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


class PasswordBroker(Broker):
    """mosquitto that takes only USER with PASSWORD."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        passwords = directory / "passwords"
        subprocess.run(
            [shutil.which("mosquitto_passwd") or "mosquitto_passwd", "-b", "-c", str(passwords), USER, PASSWORD],
            check=True,
            capture_output=True,
        )
        # `user root`: started as root, mosquitto would otherwise drop to its own user, which cannot read a
        # password file in pytest's private tmp folder (as a normal user the line is ignored).
        self.config.write_text(
            f"listener {self.port} 127.0.0.1\nallow_anonymous false\npassword_file {passwords}\n"
            "user root\npersistence false\nlog_dest stdout\n"
        )


@pytest.fixture
def password_broker(tmp_path: Path):
    if MOSQUITTO is None or shutil.which("mosquitto_passwd") is None:
        pytest.skip("mosquitto (with mosquitto_passwd) is not installed (apt-get install -y mosquitto)")
    broker = PasswordBroker(tmp_path)
    broker.start()
    yield broker
    broker.stop()


def _house(url: str, env: dict[str, str]) -> subprocess.Popen:
    """The house process, started only once it has connected (it says so on its first line)."""
    house = subprocess.Popen(
        [sys.executable, "main.py", "home", "--mqtt", url, "--outside-temp", "-2", "--duration", "60"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert house.stdout is not None
    first = house.stdout.readline()
    assert first.startswith("house:"), first
    return house


def _run(scenario_text: str, home_url: str, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    scenario = out.parent / "scenario.yaml"
    scenario.write_text(scenario_text, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "main.py",
            "run",
            str(scenario),
            "--headless",
            "--speed",
            "max",
            "--home",
            home_url,
            "--out",
            str(out),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _trace(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / name / "trace.jsonl").read_text(encoding="utf-8").splitlines()]


def _stop(house: subprocess.Popen) -> None:
    house.terminate()
    house.communicate(timeout=20)


def test_at_full_speed_every_command_gets_the_real_house_answer(broker, tmp_path: Path) -> None:
    house = _house(broker.url, ENV)
    try:
        result = _run(SCENARIO, broker.url, tmp_path / "out", ENV)
    finally:
        _stop(house)
    assert result.returncode == 0, result.stdout + result.stderr
    results = [r for r in _trace(tmp_path / "out", "home_at_full_speed") if r["type"] == "home_result"]
    assert {(r["device"], r["status"]) for r in results} == {("living_room.ac", "ok"), ("garage", "ok")}, results


def test_password_from_the_environment_logs_in_and_is_never_shown(password_broker, tmp_path: Path) -> None:
    url_without_password = f"mqtt://{USER}@127.0.0.1:{password_broker.port}"
    env = {**ENV, PASSWORD_ENV: PASSWORD}
    house = _house(url_without_password, env)
    try:
        result = _run(SCENARIO, url_without_password, tmp_path / "out", env)
    finally:
        _stop(house)
    assert result.returncode == 0, result.stdout + result.stderr
    outputs = tmp_path / "out" / "home_at_full_speed"
    for name in ("trace.jsonl", "report.json", "junit.xml"):
        assert PASSWORD not in (outputs / name).read_text(encoding="utf-8")
    assert PASSWORD not in result.stdout + result.stderr


def test_a_refused_login_is_said_once_on_stderr(password_broker, tmp_path: Path) -> None:
    wrong = f"mqtt://{USER}:not-{PASSWORD}@127.0.0.1:{password_broker.port}"
    result = _run(SCENARIO.replace("duration: 12s", "duration: 9s"), wrong, tmp_path / "out", ENV)
    refusals = [line for line in result.stderr.splitlines() if "refused the login" in line]
    assert len(refusals) == 1, result.stderr
    assert "user name and password" in refusals[0] and PASSWORD_ENV in refusals[0]
    assert "not-" + PASSWORD not in result.stdout + result.stderr
    links = [r for r in _trace(tmp_path / "out", "home_at_full_speed") if r["type"] == "home_link"]
    assert any("refused the login" in (r.get("reason") or "") for r in links), links
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("url", "environ", "expected"),
    [
        ("mqtt://house@h:1883", {PASSWORD_ENV: "pw"}, "pw"),  # a user and no password: the environment's
        ("mqtt://house:own@h:1883", {PASSWORD_ENV: "pw"}, "own"),  # the URL's own password wins
        ("mqtt://h:1883", {PASSWORD_ENV: "pw"}, None),  # no user: no login, nothing to give
        ("mqtt://house@h:1883", {}, None),
    ],
)
def test_the_password_comes_from_the_environment_only_for_a_user_without_one(
    url: str, environ: dict[str, str], expected: str | None
) -> None:
    resolved = with_password_from_environment(MqttUrl.parse(url), environ)
    assert resolved.password == expected
    assert "pw" not in repr(resolved) and "own" not in str(resolved)
