"""YAML parsing that remembers where every key and value came from.

Mappings become LocatedMapping (a dict) and sequences LocatedSequence (a list), each carrying the
positions of their keys/items, so validation errors can point at a line. Two deliberate departures from
YAML 1.1, both to stop silent surprises in scenario files:
* only true/false are booleans: `ac: off` stays the string "off" (YAML 1.1 would read False);
* a duplicate key is an error instead of the last one silently winning.

Hostile text is an error with a line, never a traceback: nesting deeper than MAX_NESTING (the composer
recurses per level), control characters (raw ones the YAML reader refuses; escaped ones such as "\0" or a
lone surrogate, which would end up in traces and file names), whole numbers past Python's digit limit, dates
that do not exist (2026-02-30) and files beyond MAX_FILE_BYTES.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from scenario.errors import ScenarioError, SourceLocation

_BOOL_TAG = "tag:yaml.org,2002:bool"
# A scenario is a page of YAML; a few levels of nesting are all the format uses (events > event > payload).
MAX_NESTING = 50
MAX_FILE_BYTES = 16 * 1024 * 1024
# Tab and newline are text; every other control character, a lone surrogate or a non-character is not.
_ALLOWED_CONTROLS = frozenset("\t\n")


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
        self._depth = 0

    def location(self, node: yaml.Node) -> SourceLocation:
        return SourceLocation(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:  # as PyYAML's stub
        # PyYAML composes (and constructs) one Python frame per level: bound it before the stack is.
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                mark = self.peek_event().start_mark
                raise ScenarioError(
                    f"nesting deeper than {MAX_NESTING} levels",
                    SourceLocation(self.file, mark.line + 1, mark.column + 1),
                    "a scenario needs a few levels: sections, lists of events, their payloads",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:
            # int() past its digit limit, a date that does not exist, a timestamp out of range...
            raise ScenarioError(
                f"cannot read the value {_clip(str(node.value) if isinstance(node, yaml.ScalarNode) else '')!r}: "
                f"{error}",
                self.location(node),
            ) from None

    def construct_checked_text(self, node: yaml.ScalarNode) -> str:
        value = self.construct_scalar(node)
        bad = _first_bad_character(value)
        if bad is not None:
            raise ScenarioError(
                f"text contains {_character_name(bad)}, a control character or lone surrogate",
                self.location(node),
                "write plain text; only tab and newline are allowed",
            )
        return value

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
_ScenarioYamlLoader.add_constructor("tag:yaml.org,2002:str", _ScenarioYamlLoader.construct_checked_text)
_ScenarioYamlLoader.add_constructor("tag:yaml.org,2002:map", _ScenarioYamlLoader.construct_located_mapping)
_ScenarioYamlLoader.add_constructor("tag:yaml.org,2002:seq", _ScenarioYamlLoader.construct_located_sequence)


def parse_yaml(text: str, file: str) -> object:
    """The single YAML document in `text`, with locations; a syntax error becomes a ScenarioError."""
    try:
        # The reader checks every character up front: a raw NUL or other control character fails here.
        loader = _ScenarioYamlLoader(text, file)
    except yaml.reader.ReaderError as error:
        raise _reader_error(error, text, file) from None
    try:
        return loader.get_single_data()
    except yaml.reader.ReaderError as error:
        raise _reader_error(error, text, file) from None
    except RecursionError:  # a safety net under MAX_NESTING (e.g. a deep chain of merge keys)
        raise ScenarioError("nesting too deep to read", SourceLocation(file, 1)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise ScenarioError(f"invalid YAML: {error.problem or error.context}", SourceLocation(file, line)) from None
    except yaml.YAMLError as error:
        raise ScenarioError(f"invalid YAML: {error}", SourceLocation(file, 1)) from None
    finally:
        loader.dispose()


def read_yaml_file(path: Path) -> object:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ScenarioError(f"cannot read scenario: {error.strerror}", SourceLocation(str(path), 1)) from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(
            f"scenario is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", SourceLocation(str(path), 1)
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ScenarioError(
            "scenario is not UTF-8 text",
            SourceLocation(str(path), line),
            f"byte {data[error.start]:#04x} cannot start or continue a UTF-8 character",
        ) from None
    return parse_yaml(text, str(path))


def _reader_error(error: yaml.reader.ReaderError, text: str, file: str) -> ScenarioError:
    line = text.count("\n", 0, max(error.position, 0)) + 1
    return ScenarioError(
        f"the file contains the control character {_character_name(chr(error.character))}"
        if isinstance(error.character, int)
        else f"unreadable character: {error.reason}",
        SourceLocation(file, line),
        "write plain text; only tab and newline are allowed",
    )


def _first_bad_character(text: str) -> str | None:
    if text.isprintable():  # the common case, in C: no control, surrogate or unassigned character
        return None
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in ("\ufffe", "\uffff"):
            return char
    return None


def _character_name(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
