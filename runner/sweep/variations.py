"""Variations of a scenario: `--vary KEY=VALUES` specs, expanded as a grid or a seeded sample, applied to its YAML.

A KEY is the dotted path of a scenario key (`seed`, `environment.outside_temp`, `vehicle.trim`); in a list of
items with ids (`events`, `expect`) an item is named by its id (`events.cold_ask.at`), in another list by its
index (`occupants.0.persona`). VALUES are `A..B` (whole numbers, both ends included) or a comma list; each value
is read as YAML reads it (`35` a number, `true` a flag, `5s` text). Each variation is the scenario's own file
with those keys set, under its own name (the variation id), so `main.py run` on the file written beside its
outputs replays it byte for byte.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scenario.errors import ScenarioError

ID_LISTS = ("events", "expect")  # lists whose items are named by their `id`
_RANGE = re.compile(r"^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$")
MAX_GRID = 1_000_000  # a grid larger than this must be sampled (--sample N)


class VariationError(ValueError):
    """A --vary spec, or a key it names, that cannot be applied (bad input: exit 2)."""


@dataclass(frozen=True)
class Axis:
    key: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Variation:
    id: str
    source: Path  # the scenario file it varies
    settings: tuple[tuple[str, Any], ...]  # (key, value) in --vary order

    def describe(self) -> str:
        return ", ".join(f"{key}={value}" for key, value in self.settings) or "the scenario as written"


def parse_axis(spec: str) -> Axis:
    """`KEY=A..B` or `KEY=V1,V2,...`."""
    key, sep, values_text = spec.partition("=")
    key = key.strip()
    if not sep or not key or not values_text.strip():
        raise VariationError(f"--vary {spec!r}: expected KEY=VALUES, e.g. seed=1..200 or vehicle.trim=max,standard")
    if any(not part for part in key.split(".")):
        raise VariationError(f"--vary {spec!r}: {key!r} is not a dotted key path")
    found = _RANGE.match(values_text)
    if found:
        low, high = int(found.group(1)), int(found.group(2))
        if high < low:
            raise VariationError(f"--vary {spec!r}: the range {low}..{high} is empty")
        if high - low >= MAX_GRID:
            raise VariationError(f"--vary {spec!r}: the range has more than {MAX_GRID:,} values")
        return Axis(key, tuple(range(low, high + 1)))
    values = []
    for text in values_text.split(","):
        try:
            values.append(yaml.safe_load(text.strip()) if text.strip() else "")
        except yaml.YAMLError:
            values.append(text.strip())
    return Axis(key, tuple(values))


def expand(
    sources: Sequence[Path], axes: Sequence[Axis], *, sample: int | None = None, seed: int = 0
) -> list[Variation]:
    """Every combination of the axes for every scenario (the grid), or `sample` of them drawn with `seed`."""
    keys = [axis.key for axis in axes]
    if len(set(keys)) != len(keys):
        raise VariationError(f"--vary names a key twice: {sorted(k for k in keys if keys.count(k) > 1)[0]}")
    sizes = [len(axis.values) for axis in axes]
    per_source = math.prod(sizes)
    if sample is not None and sample < 1:
        raise VariationError("--sample takes a number of variations of at least 1")
    total = per_source * len(sources)
    if sample is None and total > MAX_GRID:
        raise VariationError(f"the grid has {total:,} variations (more than {MAX_GRID:,}): draw some with --sample N")
    picked: Sequence[int]
    if sample is None or sample >= total:
        picked = range(total)
    else:
        picked = sorted(random.Random(seed).sample(range(total), sample))
    variations = []
    for number in picked:
        source_index, combination = divmod(number, per_source)
        values = []
        for size, axis in zip(reversed(sizes), reversed(axes), strict=True):
            combination, index = divmod(combination, size)
            values.append((axis.key, axis.values[index]))
        source = sources[source_index]
        variations.append(Variation(f"{_stem(source)}-{number % per_source:04d}", source, tuple(reversed(values))))
    return variations


def _stem(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem) or "scenario"


def varied_text(document: dict, variation: Variation) -> str:
    """The scenario's YAML with the variation's keys set and its name made the variation id."""
    data = yaml.safe_load(yaml.safe_dump(document))  # a deep copy of plain YAML data
    for key, value in variation.settings:
        _set(data, key, value)
    data["name"] = variation.id
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def read_document(path: Path) -> dict:
    """The scenario file as YAML data (its own checks come later, when each variation is loaded)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot be read ({error})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"{path}{line}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}:1: a scenario is a mapping of keys (name, duration, events, expect, ...)")
    return data


def _set(data: dict, key: str, value: Any) -> None:
    parts = key.split(".")
    node: Any = data
    walked: list[str] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        where = ".".join(walked) or "the scenario"
        if isinstance(node, list):
            node_list = node
            if walked and walked[-1] in ID_LISTS:
                matches = [item for item in node_list if isinstance(item, dict) and item.get("id") == part]
                if not matches:
                    ids = [item.get("id") for item in node_list if isinstance(item, dict) and item.get("id")]
                    raise VariationError(f"{key}: {where} has no item with id {part!r} (ids: {ids or 'none'})")
                position = node_list.index(matches[0])
            elif part.isdigit() and int(part) < len(node_list):
                position = int(part)
            else:
                raise VariationError(f"{key}: {where} is a list of {len(node_list)}; name an item by its index")
            if last:
                node_list[position] = value
                return
            node = node_list[position]
        elif isinstance(node, dict):
            if last:
                node[part] = value
                return
            if part not in node or node[part] is None:
                node[part] = {}
            node = node[part]
        else:
            raise VariationError(f"{key}: {where} is a value ({node!r}), it has no key {part!r}")
        walked.append(part)


__all__ = [
    "Axis",
    "Variation",
    "VariationError",
    "expand",
    "parse_axis",
    "read_document",
    "varied_text",
]
