"""YAML parsing that remembers where every key and value came from.

Mappings become LocatedMapping (a dict) and sequences LocatedSequence (a list), each carrying the
positions of their keys/items, so validation errors can point at a line. Two deliberate departures from
YAML 1.1, both to stop silent surprises in scenario files:
* only true/false are booleans: `ac: off` stays the string "off" (YAML 1.1 would read False);
* a duplicate key is an error instead of the last one silently winning.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scenario.errors import ScenarioError, SourceLocation

_BOOL_TAG = "tag:yaml.org,2002:bool"


class LocatedMapping(dict):
    def __init__(self, location: SourceLocation):
        super().__init__()
        self.location = location
        self.key_locations: dict[object, SourceLocation] = {}
        self.value_locations: dict[object, SourceLocation] = {}

    def location_of(self, key: object) -> SourceLocation:
        return self.value_locations.get(key, self.location)


class LocatedSequence(list):
    def __init__(self, location: SourceLocation):
        super().__init__()
        self.location = location
        self.item_locations: list[SourceLocation] = []

    def location_of(self, index: int) -> SourceLocation:
        return self.item_locations[index] if index < len(self.item_locations) else self.location


class _ScenarioYamlLoader(yaml.SafeLoader):
    # Per-class copy without the YAML 1.1 yes/no/on/off booleans; true/false are added back below.
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, file: str):
        super().__init__(stream)
        self.file = file

    def location(self, node: yaml.Node) -> SourceLocation:
        return SourceLocation(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def construct_located_mapping(self, node: yaml.MappingNode) -> LocatedMapping:
        self.flatten_mapping(node)  # resolves YAML merge keys (<<)
        mapping = LocatedMapping(self.location(node))
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool):
                raise ScenarioError("a key must be a plain value", self.location(key_node))
            if key in mapping:
                raise ScenarioError(
                    f"duplicate key {key!r}",
                    self.location(key_node),
                    f"first given at line {mapping.key_locations[key].line}",
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_locations[key] = self.location(key_node)
            mapping.value_locations[key] = self.location(value_node)
        return mapping

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedSequence:
        sequence = LocatedSequence(self.location(node))
        for item_node in node.value:
            sequence.append(self.construct_object(item_node, deep=True))
            sequence.item_locations.append(self.location(item_node))
        return sequence


_ScenarioYamlLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ScenarioYamlLoader.add_constructor("tag:yaml.org,2002:map", _ScenarioYamlLoader.construct_located_mapping)
_ScenarioYamlLoader.add_constructor("tag:yaml.org,2002:seq", _ScenarioYamlLoader.construct_located_sequence)


def parse_yaml(text: str, file: str) -> object:
    """The single YAML document in `text`, with locations; a syntax error becomes a ScenarioError."""
    loader = _ScenarioYamlLoader(text, file)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise ScenarioError(
            f"invalid YAML: {error.problem or error.context}", SourceLocation(file, line)
        ) from None
    except yaml.YAMLError as error:
        raise ScenarioError(f"invalid YAML: {error}", SourceLocation(file, 1)) from None
    finally:
        loader.dispose()


def read_yaml_file(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioError(f"cannot read scenario: {error.strerror}", SourceLocation(str(path), 1)) from None
    except UnicodeDecodeError:
        raise ScenarioError("scenario is not UTF-8 text", SourceLocation(str(path), 1)) from None
    return parse_yaml(text, str(path))
