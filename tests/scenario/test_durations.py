from __future__ import annotations

import pytest

from scenario.durations import format_duration, parse_duration
from scenario.errors import ScenarioError


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("250ms", 0.25),
        ("5s", 5.0),
        ("2.5s", 2.5),
        ("10min", 600.0),
        ("1h", 3600.0),
        ("1h30min", 5400.0),
        ("1h 30min 15s", 5415.0),
        ("90", 90.0),
        (90, 90.0),
        (1.5, 1.5),
        ("0s", 0.0),
    ],
)
def test_parses_good_durations(text, seconds, where):
    assert parse_duration(text, where=where) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "hint_part"),
    [
        ("5m", "'min'"),
        ("-5s", "negative"),
        ("30min1h", None),
        ("5sec", None),
        ("abc", None),
        ("", None),
        (True, None),
        (None, None),
        ("5s5s", None),
        (-1, None),
        (float("inf"), None),
    ],
)
def test_rejects_bad_durations_at_their_location(text, hint_part, where):
    with pytest.raises(ScenarioError) as caught:
        parse_duration(text, where=where)
    assert caught.value.location == where
    assert str(caught.value).startswith("scenarios/test.yaml:12: ")
    if hint_part:
        assert hint_part in caught.value.hint


def test_formats_durations_for_reports():
    assert format_duration(0.25) == "250 ms"
    assert format_duration(5) == "5 s"
    assert format_duration(330) == "5 min 30 s"
    assert format_duration(5400) == "1 h 30 min"
