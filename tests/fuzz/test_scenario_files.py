"""Fuzzing scenario files: hostile text either loads or is a ScenarioError naming the file and a line.

Three generators: random YAML structures under the scenario's own keys (so the schema is entered, not only
its front door), mutations of the real files in scenarios/*.yaml (lines deleted, duplicated, swapped values,
random unicode, huge and odd numbers, control characters, deep nesting) and raw random text. A last, small
test runs `main.py run` on a few such files that do not load and checks exit 2, a file:line and no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scenario.errors import ScenarioError
from scenario.loader import load_scenario_text
from scenario.vocabulary import Vocabulary
from tests.fuzz.settings import LONG_MODE_VARIABLE, fuzz_settings

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
TOP_KEYS = (
    "name",
    "description",
    "seed",
    "duration",
    "start",
    "vehicle",
    "environment",
    "route",
    "occupants",
    "home",
    "events",
    "expect",
)
EVENT_KINDS = ("say", "driver", "fault", "manual", "occupant", "environment", "route", "respond", "home")
# Values that broke the loader once, or would: each is a whole YAML value (flow style) for a mutated line.
HOSTILE_VALUES = (
    "9" * 400,
    "-" + "9" * 400,
    "1" * 5000,
    "1.0e+400",
    "-.inf",
    ".nan",
    "0x" + "f" * 300,
    '"\\0"',
    '"a\\x07b"',
    '"\\ud800"',
    '"\\x85"',
    "[" * 60 + "]" * 60,
    "{a: " * 60 + "1" + "}" * 60,
    '"9999-12-31T23:59:59+08:00"',
    "0001-01-01T00:00:00-08:00",
    "2026-02-30T08:00:00+08:00",
    '"2026-01-15T08:00:00+08:07"',
    "a" * 300,
    "-5s",
    "1h1h",
    "1e300",
    "999999999999h",
    "null",
    "~",
    "[]",
    "{}",
    "true",
    "''",
    "*undefined",
    "&a [*a]",
    '"' + "(" * 1000 + "Vehicle.Speed" + ")" * 1000 + '"',
    '"' + "not " * 500 + 'true"',
    '"Vehicle.Speed > ' + "+".join(["1"] * 300) + '"',
    '"Vehicle.Speed in [' + ",".join(["1"] * 2000) + ']"',
    "[office, school, home]",
    "{charger_super_480: 0}",
    "{office: 80}",
    "README.md",
    "../../etc/passwd",
    "audio/set_temperature_22.wav",
    "purple",
    "rear_middle",
    "-1",
    "101",
    "1e15",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!python/object:os.system [ls]",
    "<<: *nothing",
    "? [a, b]",
)


@cache
def vocabulary() -> Vocabulary:
    """The runner's vocabulary (DBC, map, house, manual controls), as `main.py run` checks scenarios."""
    from runner.assembly import Parts

    return Parts().vocabulary


# What a name may read as during a run, and worse: an expression that loaded must evaluate on any of them.
ODD_VALUES = (None, 0, -1, 1e15, -1e308, 1.7e308, float("inf"), float("nan"), True, "", "on", "中" * 50, [1, "a"])


def assert_loads_or_names_a_line(text: str, path: Path) -> None:
    try:
        loaded = load_scenario_text(text, vocabulary(), path)
    except ScenarioError as error:
        assert error.location is not None, f"no location: {error}"
        assert error.location.file == str(path), error
        assert 1 <= error.location.line <= text.count("\n") + 2, error
        assert str(error).startswith(f"{path}:{error.location.line}: "), error
        return
    for expectation in loaded.expectations:
        for value in ODD_VALUES:
            expectation.expression.evaluate(lambda name, value=value: value)  # never raises


# --- random structures under the scenario's keys ---------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**450), max_value=10**450),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "off",
            "on",
            "5s",
            "10min",
            "1h30min",
            "-3s",
            "home",
            "office",
            "driver",
            "accept",
            "HVAC_Status",
            "drop",
            "climate.fan",
            "garage",
            "Vehicle.Speed > 3",
            "arrival - 5min",
            "2026-01-15T08:00:00+08:00",
            "x" * 300,
        ]
    ),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from((*TOP_KEYS, *EVENT_KINDS, "at", "id", "within", "never", "that", "for")),
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=25,
)
events = st.lists(
    st.builds(
        lambda at, kind, payload, extra: {"at": at, kind: payload, **extra},
        st.one_of(st.sampled_from(["1s", "0", "10min"]), scalars),
        st.sampled_from(EVENT_KINDS),
        structures,
        st.dictionaries(st.sampled_from(["id", "at", "say", "delay"]), scalars, max_size=1),
    ),
    max_size=3,
)
scenarios = st.fixed_dictionaries(
    {"name": st.one_of(st.just("fuzzed"), scalars), "duration": st.one_of(st.just("30s"), scalars)},
    optional={key: structures for key in TOP_KEYS if key not in ("name", "duration", "events")} | {"events": events},
)


@pytest.mark.fuzz
@fuzz_settings()
@given(scenarios)
def test_random_structures_load_or_name_a_line(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert_loads_or_names_a_line(text, ROOT / "scenarios" / "fuzzed.yaml")


# --- mutations of the real scenario files --------------------------------------------------------------------


def _replace_value(line: str, value: str) -> str:
    key, colon, _ = line.partition(": ")
    return f"{key}: {value}" if colon else f"{line} {value}"


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[Path, str]:
    path = draw(st.sampled_from(SCENARIO_FILES))
    lines = path.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(("delete", "duplicate", "swap", "hostile", "unicode", "number", "truncate")))
        if how == "delete":
            del lines[index]
        elif how == "duplicate":
            lines.insert(index, lines[index])
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            first, second = lines[index].partition(": "), lines[other].partition(": ")
            lines[index] = _replace_value(lines[index], second[2] or second[0].strip())
            lines[other] = _replace_value(lines[other], first[2] or first[0].strip())
        elif how == "hostile":
            lines[index] = _replace_value(lines[index], draw(st.sampled_from(HOSTILE_VALUES)))
        elif how == "unicode":
            position = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:position] + draw(st.text(min_size=1, max_size=5)) + lines[index][position:]
        elif how == "number":
            number = draw(st.one_of(st.integers(-(10**420), 10**420), st.floats(allow_nan=False)))
            lines[index] = _replace_value(lines[index], repr(number))
        else:
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
    return path, "\n".join(lines) + "\n"


@pytest.mark.fuzz
@fuzz_settings()
@given(mutated_files())
def test_mutated_scenario_files_load_or_name_a_line(case):
    path, text = case
    assert_loads_or_names_a_line(text, path)


@pytest.mark.fuzz
@fuzz_settings()
@given(st.text(max_size=300))
def test_random_text_loads_or_names_a_line(text):
    assert_loads_or_names_a_line(text, ROOT / "scenarios" / "random.yaml")


# --- the command line on files that do not load ------------------------------------------------------------------

# Each case starts a Python process (a second or two): a handful, in either mode.
SUBPROCESS_EXAMPLES = 25 if os.environ.get(LONG_MODE_VARIABLE) == "1" else 4


@pytest.mark.fuzz
@settings(fuzz_settings(), max_examples=SUBPROCESS_EXAMPLES)
@given(mutated_files())
def test_main_run_refuses_a_bad_file_with_exit_2_and_its_line(tmp_path_factory, case):
    source, text = case
    try:
        load_scenario_text(text, vocabulary(), source)
        loads = True
    except ScenarioError:
        loads = False
    assume(not loads)  # a file that loads would be run; here only the refusal is under test
    folder = tmp_path_factory.mktemp("bad")
    path = folder / source.name
    path.write_text(text, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "run", str(path), "--headless", "--out", str(folder / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
    )
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    assert f"{path}:" in completed.stderr, completed.stderr
