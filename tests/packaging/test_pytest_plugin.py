"""Which YAML files the scenario plugin collects, in a pytest of its own (collection only: nothing is run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCENARIO = "name: tiny\nduration: 5s\nexpect: []\n"


def _collected(folder: Path) -> list[str]:
    """The item ids `pytest --collect-only` finds in `folder`, with the plugin given as `-p` (as the entry point
    gives it when installed)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "runner.pytest_plugin",
            "-p",
            "no:cacheprovider",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 5), result.stdout + result.stderr  # 5: nothing collected
    return sorted(line for line in result.stdout.splitlines() if "::" in line)


def _write(path: Path, text: str = SCENARIO) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_yaml_files_in_a_scenarios_folder_are_collected_and_no_other_yaml(tmp_path: Path):
    _write(tmp_path / "scenarios" / "tiny.yaml")
    _write(tmp_path / "scenarios" / "nested" / "scenarios" / "deep.yml")
    _write(tmp_path / ".github" / "workflows" / "ci.yaml", "on: push\n")
    _write(tmp_path / "docker-compose.yaml", "services: {}\n")
    assert _collected(tmp_path) == [
        "scenarios/nested/scenarios/deep.yml::deep",
        "scenarios/tiny.yaml::tiny",
    ]


def test_the_ini_option_names_other_folders(tmp_path: Path):
    _write(tmp_path / "pytest.ini", "[pytest]\nscenario_folders = qa_cases drives\n")
    _write(tmp_path / "qa_cases" / "one.yaml")
    _write(tmp_path / "drives" / "two.yaml")
    _write(tmp_path / "scenarios" / "not_now.yaml")
    assert _collected(tmp_path) == ["drives/two.yaml::two", "qa_cases/one.yaml::one"]


def test_a_conftest_naming_the_plugin_again_does_not_collect_twice(tmp_path: Path):
    _write(tmp_path / "conftest.py", 'pytest_plugins = ["runner.pytest_plugin"]\n')
    _write(tmp_path / "scenarios" / "tiny.yaml")
    assert _collected(tmp_path) == ["scenarios/tiny.yaml::tiny"]
