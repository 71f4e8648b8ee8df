"""Time references in expectation windows: `5s`, `arrival - 5min`, `end - 1min`, `start + 10s`, `honk`.

A reference is a sum of signed terms, each a duration or a symbol. Symbols are `start` (0 s), `end`
(the end of the run), `arrival`, and scenario event ids. Event times are fixed by the file, so they are
substituted at load time; `arrival` and `end` are only known when the run finishes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from scenario.durations import format_duration, parse_duration
from scenario.errors import ScenarioError, SourceLocation, suggestion_hint

RUN_SYMBOLS = ("start", "end", "arrival")
_TERM_SPLIT = re.compile(r"\s*([+-])\s*")
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


class UnresolvedSymbolError(Exception):
    """A symbol such as `arrival` that the run never reached."""

    def __init__(self, symbol: str):
        super().__init__(symbol)
        self.symbol = symbol


@dataclass(frozen=True)
class TimeReference:
    text: str
    offset_s: float = 0.0
    # (sign, symbol) pairs: +1/-1 and a run symbol resolved at the end of the run.
    symbols: tuple[tuple[int, str], ...] = ()

    def resolve(self, symbol_times: Mapping[str, float]) -> float:
        total = self.offset_s
        for sign, symbol in self.symbols:
            if symbol not in symbol_times:
                raise UnresolvedSymbolError(symbol)
            total += sign * symbol_times[symbol]
        return total

    def plus(self, seconds: float) -> TimeReference:
        return TimeReference(f"{self.text} + {format_duration(seconds)}", self.offset_s + seconds, self.symbols)

    def __str__(self) -> str:
        return self.text


def at_seconds(seconds: float, text: str | None = None) -> TimeReference:
    return TimeReference(text if text is not None else format_duration(seconds), seconds)


def parse_time_reference(value: object, event_times: Mapping[str, float], location: SourceLocation) -> TimeReference:
    """`value` from YAML (a number of seconds or text); event ids become constants from `event_times`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return at_seconds(parse_duration(value, where=location))
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"expected a time such as 5s, arrival - 5min or an event id, got {value!r}", location)
    text = value.strip()
    parts = _TERM_SPLIT.split(text)
    if parts[0] == "":  # a leading sign: "- 5s" would be before the start of the run
        raise ScenarioError(f"bad time {text!r}: cannot start with a sign", location)
    offset = 0.0
    symbols: list[tuple[int, str]] = []
    shown_terms: list[str] = []
    signs = [1] + [1 if sign == "+" else -1 for sign in parts[1::2]]
    for sign, term in zip(signs, parts[0::2], strict=True):
        if _SYMBOL.fullmatch(term):
            if term in event_times:
                offset += sign * event_times[term]
            elif term == "start":
                pass  # start is 0 s
            elif term in RUN_SYMBOLS:
                symbols.append((sign, term))
            else:
                raise ScenarioError(
                    f"unknown time symbol {term!r} in {text!r}",
                    location,
                    suggestion_hint(term, [*RUN_SYMBOLS, *event_times], list_expected=True),
                )
            shown_terms.append(term)
        else:
            seconds = parse_duration(term, where=location)
            offset += sign * seconds
            shown_terms.append(format_duration(seconds))
    # Normalised for reports ("arrival - 5 min"), keeping the author's symbols and order.
    shown = shown_terms[0] + "".join(
        f" {'+' if sign > 0 else '-'} {term}" for sign, term in zip(signs[1:], shown_terms[1:], strict=True)
    )
    return TimeReference(shown, offset, tuple(symbols))
