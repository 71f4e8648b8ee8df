"""A real mosquitto on a free loopback port, started per test that asks for it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

MOSQUITTO = shutil.which("mosquitto") or next(
    (c for c in ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto") if Path(c).exists()), None
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    def __init__(self, directory: Path) -> None:
        self.port = _free_port()
        self.config = directory / "mosquitto.conf"
        # No pid_file: started as root, mosquitto drops to its own user and cannot write one here.
        self.config.write_text(
            f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stdout\n"
        )
        self.log = directory / "mosquitto.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self.config)], stdout=self.log.open("ab"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.02)
        raise RuntimeError(f"mosquitto did not start: {self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(5)
        self.process = None


@pytest.fixture
def broker(tmp_path):
    if MOSQUITTO is None:
        pytest.skip("the mosquitto broker is not installed (apt-get install -y mosquitto)")
    b = Broker(tmp_path)
    b.start()
    yield b
    b.stop()


# --- the Home Assistant test venv (scripts/ha_venv.sh) -------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
HA_REQUIREMENTS = ROOT / "tests" / "home" / "requirements-ha.txt"


def ha_venv_dir() -> Path:
    """Where scripts/ha_venv.sh puts it (the same default)."""
    import os

    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cockpit-sim" / "ha-venv"
    return Path(os.environ.get("COCKPIT_HA_VENV") or default)


@pytest.fixture(scope="session")
def ha_python() -> Path:
    """The HA test venv's python, once scripts/ha_venv.sh has built it for the current requirements."""
    import hashlib

    venv = ha_venv_dir()
    python = venv / "bin" / "python"
    wanted = hashlib.sha256(HA_REQUIREMENTS.read_bytes()).hexdigest()
    stamp = venv / ".requirements.sha"
    if not python.exists() or not stamp.exists() or stamp.read_text().strip() != wanted:
        pytest.skip(
            f"no Home Assistant test venv for {HA_REQUIREMENTS.name} at {venv}: "
            "`bash scripts/ha_venv.sh` builds it (scripts/test.sh does; it failed or was not run)"
        )
    return python
