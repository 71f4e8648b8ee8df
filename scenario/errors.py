"""Errors with a source position, so a scenario author can fix the file, not guess."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    """Where something came from: 1-based line and (when known) 1-based column."""

    file: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"

    def shifted(self, columns: int) -> SourceLocation:
        """The location `columns` characters further on the same line (for errors inside expressions)."""
        if self.column is None:
            return self
        return SourceLocation(self.file, self.line, self.column + columns)


class ScenarioError(Exception):
    """Bad scenario input. `str()` is the one-line message the CLI prints before exiting with 2."""

    def __init__(self, message: str, location: SourceLocation | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        # Set once a schema has prefixed the key path, so outer schemas don't prefix it again.
        self.has_context = False

    def with_context(self, context: str) -> ScenarioError:
        if self.has_context:
            return self
        error = ScenarioError(f"{context}: {self.message}", self.location, self.hint)
        error.has_context = True
        return error

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


def suggestion_hint(word: str, candidates: Iterable[str], *, list_expected: bool = False) -> str | None:
    """'did you mean ...?' for a misspelt word, optionally followed by the list of valid choices."""
    choices = sorted(set(candidates))
    parts = []
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        parts.append(f"did you mean '{close[0]}'?")
    if list_expected and choices:
        parts.append("expected one of: " + ", ".join(choices))
    return " ".join(parts) or None
