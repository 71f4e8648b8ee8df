"""The packages keep to their layers, read from the source (every import, also inside functions):
the car and the head unit share only the bus, the map and the shipped files, as a real car and its head unit do;
the simulated house and the head unit share only the `homelink` contract; the shared packages depend on no side.

A new import across a line fails here with the file and the line; a deliberate one is a change to this table."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "canbus",
    "cockpit",
    "home_sim",
    "homelink",
    "models",
    "roadmap",
    "runner",
    "scenario",
    "shipped_files",
    "vehicle_sim",
)
SHARED = {"canbus", "homelink", "roadmap", "shipped_files"}
# What each package may import of the others. `runner` assembles everything; `models` trains on the cockpit's code.
MAY_IMPORT: dict[str, set[str]] = {
    "canbus": {"shipped_files"},
    "homelink": set(),
    "roadmap": {"shipped_files"},
    "shipped_files": set(),
    "scenario": SHARED,
    "vehicle_sim": {"canbus", "roadmap", "shipped_files"},
    "home_sim": {"homelink"},
    "cockpit": SHARED,
    "models": SHARED | {"cockpit", "vehicle_sim", "runner"},
    "runner": set(PACKAGES) - {"runner", "models"},
}
# Type names only, under `if TYPE_CHECKING:` (no import at run time): the dashboard's controller drives a run.
TYPE_ONLY = {("cockpit/ui/controller.py", "runner")}
# Build tools that live in the product and read the generator: none (they are in `models/`).
BUILD_TOOLS: set[tuple[str, str]] = set()


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def test_every_package_is_in_the_table() -> None:
    on_disk = {p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests"}
    assert on_disk == set(PACKAGES) == set(MAY_IMPORT)


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_imports_only_what_its_layer_allows(package: str) -> None:
    crossings = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for line, imported in imports_of(path):
            allowed = imported == package or imported in MAY_IMPORT[package]
            excepted = (relative, imported) in TYPE_ONLY | BUILD_TOOLS
            if imported in PACKAGES and not allowed and not excepted:
                crossings.append(f"{relative}:{line} imports {imported}")
    assert crossings == [], f"{package} may import only {sorted(MAY_IMPORT[package])}"


def test_the_exceptions_are_still_needed() -> None:
    """An exception the code no longer needs is taken off the table (it would hide a new crossing)."""
    for relative, imported in TYPE_ONLY | BUILD_TOOLS:
        assert any(name == imported for _, name in imports_of(ROOT / relative)), (relative, imported)
