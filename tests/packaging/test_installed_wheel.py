"""The wheel, built from this checkout and installed in a fresh venv, works from a folder outside the checkout.

The fresh venv reaches the dependencies already installed for the tests through a .pth line naming their
site-packages (a plain path: the .pth files there, such as an editable install of this project, are not run),
so nothing is downloaded; its own site-packages comes first, and every check asserts the code it ran is the
venv's copy, not the checkout's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import shipped_files

REPO = Path(__file__).resolve().parents[2]
SOURCE_FILES = ("pyproject.toml", "README.md", "LICENSE")
WHEEL_SIZE_LIMIT = 20_000_000  # bytes, compressed; the NLU model (two runs averaged, 2.4.0) is 13.1 MB of it
SCENARIO = "dialogue_follow_ups.yaml"  # 90 s of speech requests in two languages: the NLU and the bus both work
CHILD_TIMEOUT_S = 300


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    console_script: Path
    site_packages: Path
    outside: Path  # an empty folder outside the checkout, to run from


def _build_wheel(into: Path) -> Path:
    """The wheel of a copy of the checkout's product files (a build in the checkout would leave build/ there)."""
    source = into / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in (*shipped_files.CODE_PACKAGES, *shipped_files.SHIPPED_FOLDERS):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
        + ["--disable-pip-version-check", "-w", str(into / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (into / "dist").glob("cockpit_ai_simulator-*.whl")
    return wheel


def _fresh_venv(into: Path, wheel: Path) -> tuple[Path, Path]:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(into)], check=True, timeout=CHILD_TIMEOUT_S)
    python = into / "bin" / "python"
    site_packages = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    dependencies = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site_packages / "test_dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q"]
        + ["--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return python, site_packages


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    if importlib.util.find_spec("setuptools") is None or importlib.util.find_spec("pip") is None:
        pytest.skip("building the wheel needs setuptools and pip in the test interpreter; neither is optional here")
    root = tmp_path_factory.mktemp("packaging")
    wheel = _build_wheel(root)
    python, site_packages = _fresh_venv(root / "venv", wheel)
    outside = root / "outside"
    outside.mkdir()
    return Installed(wheel, python, root / "venv" / "bin" / "cockpit-sim", site_packages, outside)


def _run(installed: Installed, *argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A command of the fresh venv, from outside the checkout, with nothing pointing at the checkout."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    for variable in ("COCKPIT_DBC", "COCKPIT_MAP", "COCKPIT_NEEDS_MODEL", "COCKPIT_ASR_GRAMMAR", "COCKPIT_FONT"):
        env.pop(variable, None)
    return subprocess.run(
        [str(part) for part in argv],
        cwd=cwd or installed.outside,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )


def test_the_wheel_holds_the_runtime_files_and_no_training_code_data_or_tests(installed: Installed):
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert installed.wheel.stat().st_size < WHEEL_SIZE_LIMIT
    for relative in shipped_files.EVERY_SHIPPED_FILE:
        assert f"shipped_files/{relative}" in names, relative
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == set(shipped_files.CODE_PACKAGES)  # no tests/, no models/ (training code), no main.py
    data = [name.removeprefix("shipped_files/") for name in names if name.startswith("shipped_files/")]
    unexpected = [n for n in data if n not in shipped_files.EVERY_SHIPPED_FILE and not n.endswith(".py")]
    assert unexpected == ["assets/fonts/README.md"], unexpected  # the folder a user's font goes into
    assert not [n for n in names if "/data/" in n or "/corpora/" in n or n.endswith(("train.py", ".vspec"))]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_installed_code_and_files_are_the_venvs_not_the_checkouts(installed: Installed):
    probe = (
        "import json, canbus.dbc, runner.cli, runner.pytest_plugin, runner.sweep.ray_backend, shipped_files\n"
        "print(json.dumps({'modules': [m.__file__ for m in (canbus.dbc, runner.cli, runner.pytest_plugin)],\n"
        "  'root': str(shipped_files.shipped_root()), 'checkout': shipped_files.checkout_root() is not None,\n"
        "  'dbc': str(canbus.dbc.DEFAULT_DBC_PATH), 'scenario': str(runner.cli.DEFAULT_SCENARIO),\n"
        "  'ray': runner.sweep.ray_backend.project_environment()}))"
    )
    result = _run(installed, installed.python, "-c", probe)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    for path in [*found["modules"], found["root"], found["dbc"], found["scenario"]]:
        assert Path(path).is_relative_to(installed.site_packages), path
        assert not Path(path).is_relative_to(REPO), path
    assert found["checkout"] is False
    assert Path(found["dbc"]).is_file() and Path(found["scenario"]).is_file()
    # Ray's workers get the installed packages (the shipped files inside shipped_files), not a checkout.
    assert "working_dir" not in found["ray"]
    assert found["ray"]["py_modules"] == [str(installed.site_packages / name) for name in shipped_files.CODE_PACKAGES]


def test_cockpit_sim_gives_help_and_refuses_bad_input_with_exit_2(installed: Installed):
    helped = _run(installed, installed.console_script, "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: cockpit-sim") and "understand" in helped.stdout
    (installed.outside / "bad.yaml").write_text("name: bad\nduration: banana\n", encoding="utf-8")
    refused = _run(installed, installed.console_script, "run", "bad.yaml", "--headless")
    assert refused.returncode == 2, refused.stderr
    assert "bad.yaml:2:" in refused.stderr and "Traceback" not in refused.stderr


def test_cockpit_sim_understands_and_runs_a_scenario_from_outside_the_checkout(installed: Installed):
    understood = _run(installed, installed.console_script, "understand", "turn on the seat heater")
    assert understood.returncode == 0, understood.stderr
    meaning = json.loads(understood.stdout)
    assert (meaning["intent"], meaning["slots"]) == ("seat.heat", {"state": "on"})

    shutil.copy2(REPO / "scenarios" / SCENARIO, installed.outside / SCENARIO)
    ran = _run(installed, installed.console_script, "run", SCENARIO, "--headless", "--out", "runs")
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr
    report = json.loads((installed.outside / "runs" / "dialogue_follow_ups" / "report.json").read_text("utf-8"))
    assert report["passed"] is True
    assert (installed.outside / "runs" / "dialogue_follow_ups" / "trace.jsonl").stat().st_size > 0


def test_plain_pytest_runs_a_folder_of_scenarios_with_the_installed_plugin(installed: Installed):
    qa = installed.outside / "qa"
    (qa / "scenarios").mkdir(parents=True)
    scenario = (REPO / "scenarios" / SCENARIO).read_text(encoding="utf-8")
    (qa / "scenarios" / "passes.yaml").write_text(scenario, encoding="utf-8")
    impossible = scenario.replace("Passenger.Temperature == 24", "Passenger.Temperature == 31", 1)
    assert impossible != scenario
    (qa / "scenarios" / "fails.yaml").write_text(
        impossible.replace("name: dialogue_follow_ups", "name: fails"), "utf-8"
    )
    # A team that also names the plugin in its conftest (as this repository does) still gets each item once.
    (qa / "conftest.py").write_text('pytest_plugins = ["runner.pytest_plugin"]\n', encoding="utf-8")

    tested = _run(installed, installed.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", cwd=qa)
    assert tested.returncode == 1, tested.stdout[-3000:] + tested.stderr
    assert "1 failed, 1 passed" in tested.stdout, tested.stdout[-3000:]
    assert "scenario fails failed:" in tested.stdout and "passenger_set" in tested.stdout
    assert "PASSED scenarios/passes.yaml::passes" in tested.stdout, tested.stdout[-3000:]
