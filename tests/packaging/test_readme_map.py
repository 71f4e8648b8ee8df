"""README's map of the code ("What is where") names every folder the repository tracks, and only those."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def tracked_folders() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("/")[0] for line in listed.splitlines() if "/" in line and not line.startswith(".")}


def mapped_folders() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What is where", 1)[1].split("\n\n", 1)[0]
    return {match.split("/")[0] for match in re.findall(r"^\| `([^`]+/)`", table, flags=re.MULTILINE)}


def test_the_readme_map_names_every_tracked_folder() -> None:
    assert mapped_folders() == tracked_folders()


def test_every_folder_the_map_names_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What is where", 1)[1].split("\n\n", 1)[0]
    for folder in re.findall(r"^\| `([^`]+/)`", table, flags=re.MULTILINE):
        assert (ROOT / folder).is_dir(), folder
