"""Durations as scenario authors write them: "250ms", "5s", "10min", "1h30min", or bare seconds."""

from __future__ import annotations

import math
import re

from scenario.errors import ScenarioError, SourceLocation

SECONDS_PER_UNIT = {"h": 3600.0, "min": 60.0, "s": 1.0, "ms": 0.001}
# Units must appear largest first and at most once ("1h30min", not "30min1h"), like a clock reading.
UNIT_ORDER = ("h", "min", "s", "ms")
_PART = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|min|h|s)(?![a-z])", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*")

FORMAT_HINT = 'write a number of seconds or e.g. "250ms", "5s", "2.5s", "10min", "1h30min"'
# A week of simulated time is already hours of wall time at 10 ms ticks; beyond it a value is a typo.
MAX_DURATION_S = 7 * 24 * 3600.0


def parse_duration(text_or_number: object, *, where: SourceLocation) -> float:
    """Seconds in a duration; ScenarioError at `where` for anything else (negative, unknown unit...)."""
    if isinstance(text_or_number, bool) or not isinstance(text_or_number, int | float | str):
        raise ScenarioError(f"expected a duration, got {text_or_number!r}", where, FORMAT_HINT)
    if isinstance(text_or_number, int | float):
        if isinstance(text_or_number, int) and abs(text_or_number) > MAX_DURATION_S:
            return _checked_seconds(math.inf, text_or_number, where)  # float() of a 400-digit int overflows
        return _checked_seconds(float(text_or_number), text_or_number, where)
    text = text_or_number
    bare = _BARE_NUMBER.fullmatch(text)
    if bare:
        return _checked_seconds(float(bare.group(1)), text, where)
    total = 0.0
    position = 0
    previous_rank = -1
    while position < len(text.rstrip()):
        part = _PART.match(text, position)
        if part is None:
            raise ScenarioError(f"bad duration {_shown(text)}", where, _hint_for(text))
        unit = part.group(2).lower()
        rank = UNIT_ORDER.index(unit)
        if rank <= previous_rank:
            raise ScenarioError(
                f"bad duration {_shown(text)}: units must go from largest to smallest, once each",
                where,
                FORMAT_HINT,
            )
        previous_rank = rank
        total += float(part.group(1)) * SECONDS_PER_UNIT[unit]
        position = part.end()
    if previous_rank < 0:
        raise ScenarioError(f"bad duration {_shown(text)}", where, FORMAT_HINT)
    return _checked_seconds(total, text, where)


def format_duration(seconds: float) -> str:
    """Compact human form for reports: 0.25 -> '250 ms', 5 -> '5 s', 330 -> '5 min 30 s'."""
    if seconds < 1 and seconds != 0:
        return f"{seconds * 1000:g} ms"
    if seconds < 60:
        return f"{seconds:g} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes:g} min" + (f" {rest:g} s" if rest else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours:g} h" + (f" {minutes:g} min" if minutes else "") + (f" {rest:g} s" if rest else "")


def _checked_seconds(seconds: float, original: object, where: SourceLocation) -> float:
    shown = repr(original) if len(repr(original)) <= 40 else repr(original)[:40] + "..."
    if not math.isfinite(seconds) or seconds < 0:
        raise ScenarioError(f"bad duration {shown}: must be a finite number >= 0", where, FORMAT_HINT)
    if seconds > MAX_DURATION_S:
        raise ScenarioError(
            f"duration {shown} is more than a week",
            where,
            f"at most {format_duration(MAX_DURATION_S)} of simulated time",
        )
    return seconds


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "..."


def _hint_for(text: str) -> str:
    if re.search(r"\d\s*m(?![a-z])", text, re.IGNORECASE):
        return "'m' is ambiguous: write 'min' for minutes or 'ms' for milliseconds"
    if text.strip().startswith("-"):
        return "durations cannot be negative"
    return FORMAT_HINT
