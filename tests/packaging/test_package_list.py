"""pyproject.toml's package list, package data and shipped_files agree with the repository (no wheel built)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import shipped_files

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _code_packages_in_the_checkout() -> set[str]:
    """Every folder of the product's packages that holds Python modules, dotted (namespace ones included)."""
    found = set()
    for top in shipped_files.CODE_PACKAGES:
        for module in (REPO / top).rglob("*.py"):
            if "__pycache__" not in module.parts:
                found.add(".".join(module.parent.relative_to(REPO).parts))
    return found


def test_every_package_of_the_product_is_in_the_wheel_and_only_those():
    data_packages = {f"shipped_files.{folder}" for folder in shipped_files.SHIPPED_FOLDERS}
    listed = set(SETUPTOOLS["packages"])
    assert listed - data_packages == _code_packages_in_the_checkout(), "update [tool.setuptools] packages"
    assert {name.split(".")[0] for name in listed} == set(shipped_files.CODE_PACKAGES)


def test_the_shipped_folders_are_mapped_under_shipped_files():
    assert SETUPTOOLS["package-dir"] == {f"shipped_files.{folder}": folder for folder in shipped_files.SHIPPED_FOLDERS}


def test_every_shipped_file_is_package_data_and_exists_in_the_checkout():
    package_data = SETUPTOOLS["package-data"]
    for relative in shipped_files.EVERY_SHIPPED_FILE:
        folder, _, inside = relative.partition("/")
        assert inside in package_data[f"shipped_files.{folder}"], relative
        assert (REPO / relative).is_file(), relative


def test_in_a_checkout_the_shipped_files_are_the_repositorys():
    assert shipped_files.shipped_root() == REPO
    assert shipped_files.checkout_root() == REPO
    assert shipped_files.shipped_path(shipped_files.DBC) == REPO / "assets" / "dbc" / "su7_cockpit.dbc"


def test_the_console_script_and_the_pytest_plugin_are_registered():
    assert PYPROJECT["project"]["scripts"] == {"cockpit-sim": "runner.console:main"}
    # Named as its module: conftest.py's pytest_plugins naming it again then registers nothing twice.
    assert PYPROJECT["project"]["entry-points"]["pytest11"] == {"runner.pytest_plugin": "runner.pytest_plugin"}


def test_in_a_checkout_rays_workers_get_the_checkout():
    from runner.sweep.ray_backend import project_environment

    environment = project_environment()
    assert environment["working_dir"] == str(REPO) and "py_modules" not in environment
    assert ".venv" in environment["excludes"]


def _pins(*files: str) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for file in files:
        for line in (REPO / file).read_text(encoding="utf-8").splitlines():
            name, separator, version = line.partition("==")
            if separator:
                pins[canonicalize_name(name.strip())] = version.strip()
    return pins


def test_every_dependency_is_pinned_and_its_range_holds_the_pin():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = _pins("requirements.txt", "requirements-train.txt")
    project = PYPROJECT["project"]
    declared = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name == "cockpit-ai-simulator":  # dev names the other extras
            continue
        assert name in pins, f"{text}: not pinned in requirements*.txt, so never tested"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{text} excludes the pin {pins[name]}"


def test_the_train_extra_holds_every_package_requirements_train_pins():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    train = {
        canonicalize_name(Requirement(text).name) for text in PYPROJECT["project"]["optional-dependencies"]["train"]
    }
    assert set(_pins("requirements-train.txt")) <= train
