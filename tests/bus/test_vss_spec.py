"""The bus speaks VSS 6.0 as published: checked with COVESA's own vss-tools on the vendored spec plus our overlay.

vss-tools (`vspec export json --strict`) reads `assets/vss/vss-6.0` (the release as COVESA tags it) and the
overlay `assets/vss/su7_cockpit_overlay.vspec`; every signal the DBC publishes must be there with the same
datatype, unit, range and allowed values, every path the cockpit reads must be published, the project's own
signals must sit under Vehicle.Private, and every name a scenario or the docs use must exist.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from canbus import vss
from canbus.dbc import load_dbc, vss_path_of

ROOT = Path(__file__).resolve().parents[2]
VSS_DIR = ROOT / "assets" / "vss"
SPEC = VSS_DIR / "vss-6.0" / "spec"
VSPEC = Path(sys.executable).with_name("vspec")
INT_RANGES = {
    f"{sign}int{bits}": ((-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if sign == "" else (0, 2**bits - 1))
    for sign in ("", "u")
    for bits in (8, 16, 32, 64)
}
# A whole path: not the head of a longer one, nor of a pattern such as Vehicle.Cabin.Seat.<row>.
PATH_PATTERN = re.compile(r"\bVehicle(?:\.[A-Z][A-Za-z0-9]*)+(?![A-Za-z0-9<]|\.<|\.[A-Z])")


def _export(tmp_path: Path, *, overlay: bool) -> dict[str, dict]:
    out = tmp_path / ("with_overlay.json" if overlay else "standard.json")
    command = [
        str(VSPEC),
        "export",
        "json",
        "--strict",
        "-s",
        str(SPEC / "VehicleSignalSpecification.vspec"),
        "-u",
        str(SPEC / "units.yaml"),
        "-q",
        str(SPEC / "quantities.yaml"),
        "-o",
        str(out),
    ]
    if overlay:
        command += [
            "-l",
            str(VSS_DIR / "su7_cockpit_overlay.vspec"),
            "-u",
            str(VSS_DIR / "su7_units.yaml"),
            "-q",
            str(VSS_DIR / "su7_quantities.yaml"),
        ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    flat: dict[str, dict] = {}

    def walk(name: str, node: dict) -> None:
        flat[name] = node
        for child, below in node.get("children", {}).items():
            walk(f"{name}.{child}", below)

    for name, node in json.loads(out.read_text()).items():
        walk(name, node)
    return flat


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory) -> tuple[dict[str, dict], dict[str, dict]]:
    if not VSPEC.exists():
        pytest.fail(f"vss-tools is not installed in this venv ({VSPEC}); it is pinned in requirements.txt")
    tmp = tmp_path_factory.mktemp("vss")
    return _export(tmp, overlay=False), _export(tmp, overlay=True)


def _published() -> list[tuple[str, object]]:
    """(VSS path, cantools signal) of every signal the DBC publishes with a VSS path."""
    return [
        (path, signal)
        for message in load_dbc().messages
        for signal in message.signals
        if (path := vss_path_of(signal)) is not None
    ]


def _raw_range(signal) -> tuple[float, float]:
    low, high = (
        (-(2 ** (signal.length - 1)), 2 ** (signal.length - 1) - 1) if signal.is_signed else (0, 2**signal.length - 1)
    )
    return tuple(sorted((low * signal.scale + signal.offset, high * signal.scale + signal.offset)))


def _problems(path: str, signal, node: dict | None) -> list[str]:
    if node is None:
        return [f"{path} ({signal.name}) is in neither VSS 6.0 nor the overlay"]
    if node["type"] == "branch":
        return [f"{path} ({signal.name}) is a branch, not a signal"]
    found = []
    datatype = node["datatype"]
    if (signal.unit or None) != node.get("unit"):
        found.append(f"{path}: DBC unit {signal.unit!r}, VSS unit {node.get('unit')!r}")
    low, high = (signal.minimum, signal.maximum) if signal.minimum is not None else _raw_range(signal)
    found += _datatype_problems(path, signal, node, low, high)
    vss_min, vss_max = node.get("min", -math.inf), node.get("max", math.inf)
    if datatype != "string" and (low < vss_min - 1e-9 or high > vss_max + 1e-9):
        found.append(f"{path}: DBC range [{low}|{high}] goes beyond VSS [{vss_min}|{vss_max}]")
    return found


def _datatype_problems(path: str, signal, node: dict, low: float, high: float) -> list[str]:
    """How the DBC signal fails to carry the VSS node's datatype (a flag, a value table, whole numbers...)."""
    found = []
    datatype = node["datatype"]
    if datatype == "boolean":
        if signal.length != 1 or signal.choices or signal.scale != 1 or signal.offset != 0:
            found.append(f"{path}: VSS boolean, DBC {signal.length} bits with scale {signal.scale}")
    elif datatype == "string":
        allowed = node.get("allowed")
        names = {str(v) for v in (signal.choices or {}).values()}
        if not names:
            found.append(f"{path}: VSS string, the DBC has no value table")
        elif allowed is None or not names <= set(allowed):
            found.append(f"{path}: DBC values {sorted(names)} not all in VSS allowed {allowed}")
    elif datatype in INT_RANGES:
        if signal.choices:
            found.append(f"{path}: VSS {datatype}, the DBC gives names {dict(signal.choices)}")
        if not (float(signal.scale).is_integer() and float(signal.offset).is_integer()):
            found.append(f"{path}: VSS {datatype}, DBC scale {signal.scale} offset {signal.offset} give fractions")
        type_low, type_high = INT_RANGES[datatype]
        if low < type_low or high > type_high:
            found.append(f"{path}: DBC range [{low}|{high}] does not fit VSS {datatype}")
    elif datatype in ("float", "double"):
        if signal.choices:
            found.append(f"{path}: VSS {datatype}, the DBC gives names")
    else:
        found.append(f"{path}: VSS datatype {datatype} is not one the bus can carry")
    return found


def test_every_published_signal_matches_vss_6_0_or_the_overlay(catalogues) -> None:
    _, with_overlay = catalogues
    problems = [p for path, signal in _published() for p in _problems(path, signal, with_overlay.get(path))]
    assert problems == [], "\n".join(problems)


def test_the_projects_own_signals_are_all_under_vehicle_private(catalogues) -> None:
    standard, with_overlay = catalogues
    own = sorted(set(with_overlay) - set(standard))
    assert own and all(path.startswith(vss.PRIVATE) or path == "Vehicle.Private" for path in own), own
    published = {path for path, _ in _published()}
    assert {p for p in published if p not in standard} == {p for p in published if p.startswith(vss.PRIVATE)}
    # The overlay declares nothing the DBC does not publish (no dead names).
    declared = {p for p in own if with_overlay[p]["type"] != "branch"}
    assert declared == {p for p in published if p.startswith(vss.PRIVATE)}


def test_every_path_the_cockpit_reads_is_published() -> None:
    published = {path for path, _ in _published()}
    read = set()
    for name, value in vars(vss).items():
        if name.isupper() and isinstance(value, str) and value.startswith("Vehicle.") and not value.endswith("."):
            read.add(value)
        elif name.isupper() and isinstance(value, dict) and name.endswith("_PATH"):
            read.update(value.values())
    assert read and read - published == set(), sorted(read - published)


def _names_in(path: Path) -> set[str]:
    return {
        name
        for name in PATH_PATTERN.findall(path.read_text(encoding="utf-8"))
        if not name.startswith("Vehicle.Private") or "." in name[len("Vehicle.Private") :]
    }


def test_every_signal_named_by_scenarios_and_docs_exists_in_vss_6_0() -> None:
    published = {path for path, _ in _published()}
    files = [
        *sorted((ROOT / "scenarios").glob("*.yaml")),
        ROOT / "scenarios" / "README.md",
        ROOT / "README.md",
        ROOT / "docs" / "VSS.md",
    ]
    unknown = {
        f"{file.relative_to(ROOT)}: {name}"
        for file in files
        for name in _names_in(file)
        if name not in published and name not in vss.RENAMED
    }
    assert unknown == set(), sorted(unknown)


def test_old_names_are_gone_and_point_at_published_ones() -> None:
    published = {path for path, _ in _published()}
    assert not set(vss.RENAMED) & published
    for old, advice in vss.RENAMED.items():
        named = PATH_PATTERN.findall(advice)
        assert named and all(name in published for name in named), (old, advice)


def test_value_conversions_round_trip() -> None:
    for gear, value in vss.GEAR_VALUE.items():
        assert vss.gear_value(gear) == value
        assert vss.gear_name(vss.gear_value(gear)) == gear
    assert vss.gear_name(3) == "D" and vss.gear_name(-2) == "R" and vss.gear_name(None) is None
    for heat in range(vss.SEAT_LEVELS + 1):
        for vent in range(vss.SEAT_LEVELS + 1):
            if heat and vent:
                continue
            value = vss.heating_cooling(heat, vent)
            assert -100 <= value <= 100
            assert (vss.seat_heat_level(value), vss.seat_ventilation_level(value)) == (heat, vent)
    assert vss.heating_cooling(3, 0) == 100 and vss.heating_cooling(0, 3) == -100
    assert set(vss.WIPER_MODE_NAME) == set(vss.WIPER_MODE_VALUE.values())


def test_the_docs_table_is_the_dbcs() -> None:
    from canbus.vss_table import DOC, document_with_table

    text = DOC.read_text(encoding="utf-8")
    assert text == document_with_table(text), "docs/VSS.md is behind the DBC: python -m canbus.vss_table --write"
