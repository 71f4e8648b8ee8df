"""The generator's fillers never teach a wrong label: a filler that names a time ("now") after a request that takes
a time is that time, not noise (as noise it taught the model to drop the time of "what's the weather like now")."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from cockpit.nlu.catalogue import INTENTS
from cockpit.nlu.postprocess import WHEN_VALUES, normalize_when
from models.nlu.generate import Example, _add_fillers


class _Always(random.Random):
    """A stream whose every draw says yes: each filler is added."""

    def random(self) -> float:
        return 0.0


def _filled(intent: str, suffix: str, slots: dict | None = None) -> Example:
    text = "what's the weather like"
    example = Example(text, "en", intent, ["O"] * len(text), {}, dict(slots or {}))
    _add_fillers(example, _Always(), SimpleNamespace(PREFIXES=[""], SUFFIXES=[suffix]))
    return example


TIME_FILLERS = [" now", " right now", " 现在"]
TAKES_A_TIME = [spec.name for spec in INTENTS if "when" in spec.span_slots]
NO_TIME = [spec.name for spec in INTENTS if "when" not in spec.span_slots]


def test_the_fillers_checked_name_times():
    assert TAKES_A_TIME and NO_TIME
    assert all(normalize_when(filler) in WHEN_VALUES for filler in TIME_FILLERS)


@pytest.mark.parametrize("suffix", TIME_FILLERS)
@pytest.mark.parametrize("intent", TAKES_A_TIME)
def test_a_time_filler_is_the_time_slot(intent, suffix):
    example = _filled(intent, suffix)
    assert example.text.endswith(suffix)
    assert example.slots["when"] == "now"
    spoken = "".join(ch for ch, tag in zip(example.text, example.tags, strict=True) if tag.endswith("-when"))
    assert spoken == suffix.strip()
    assert example.tags[len(example.text) - len(suffix.strip())] == "B-when"


@pytest.mark.parametrize("intent", TAKES_A_TIME)
def test_no_time_filler_after_a_time_already_said(intent):
    example = _filled(intent, " now", {"when": "tomorrow"})
    assert example.text == "what's the weather like" and example.slots == {"when": "tomorrow"}


@pytest.mark.parametrize("intent", NO_TIME)
def test_elsewhere_a_time_filler_is_a_filler(intent):
    example = _filled(intent, " now")
    assert example.text.endswith(" now") and set(example.tags) == {"O"} and "when" not in example.slots


def test_other_fillers_are_fillers():
    example = _filled("info.weather", " please")
    assert example.text.endswith(" please") and set(example.tags) == {"O"} and example.slots == {}
