"""A house's temperature range is what its devices declare (homelink capabilities), not a second range in the
cockpit: a set point outside it is refused in the driver's language with the device's own bounds, nothing is
sent to the house, and a set point inside it is carried out."""

from __future__ import annotations

import pytest

from cockpit.nlu.model import Understanding
from tests.cockpit_e2e.harness import Run, UnderstandingFeed


def declared_range(run: Run) -> tuple[float, float]:
    ac = next(info for info in run.session.home.catalogue().values() if info.kind == "ac")
    param = ac.capabilities.actions["set_temperature"]["temperature"]
    assert param.minimum is not None and param.maximum is not None
    return param.minimum, param.maximum


def ask(run: Run, feed: UnderstandingFeed, lang: str, temperature: float):
    text = f"set the house to {temperature:g} degrees" if lang == "en" else f"把家里温度调到{temperature:g}度"
    feed.next = Understanding(text, lang, "home.set_temperature", 0.99, {"temperature": temperature})
    return run.turn("driver", text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outside_the_declared_range_is_refused_with_the_devices_bounds(parts, lang: str) -> None:
    feed = UnderstandingFeed()
    run = Run(parts, "parked_at_home", feed)
    try:
        low, high = declared_range(run)
        for temperature in (low - 1.0, high + 5.0, 2018.0):
            turn = ask(run, feed, lang, temperature)
            assert [(a["kind"], a["status"]) for a in turn.actions] == [("home.set_temperature", "failed")]
            assert turn.home_results == []  # nothing reached the house
            (reply,) = [r["text"] for r in turn.replies]
            assert f"{low:g}" in reply and f"{high:g}" in reply, reply
            assert ("度" in reply) == (lang == "zh"), reply
    finally:
        run.close()


def test_inside_the_declared_range_is_carried_out(parts) -> None:
    feed = UnderstandingFeed()
    run = Run(parts, "parked_at_home", feed)
    try:
        low, high = declared_range(run)
        for temperature in (low, (low + high) / 2, high):
            turn = ask(run, feed, "en", temperature)
            assert [(a["kind"], a["status"]) for a in turn.actions] == [("home.set_temperature", "sent")]
            assert turn.home_results and all(r["status"] == "ok" for r in turn.home_results)
    finally:
        run.close()
