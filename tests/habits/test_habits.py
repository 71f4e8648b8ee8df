"""Habits: learnt from the driver's own hand on three mornings, offered on the fourth, kept in a file."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cockpit.habits import HabitStore, Situation, profile_path
from runner.assembly import Parts

HERE = Path(__file__).resolve().parent
CST = timezone(timedelta(hours=8))


def test_a_choice_seen_three_times_the_same_way_is_a_habit(tmp_path: Path) -> None:
    morning = Situation.of(datetime(2026, 1, 13, 7, 45, tzinfo=CST), "home", 2.0)
    store = HabitStore(tmp_path / "li.json")
    for value in (21.0, 21.0):
        store.observe(morning, "climate.set_temperature zone=driver", value)
    assert store.habits() == []
    store.observe(morning, "climate.set_temperature zone=driver", 21.0)
    [habit] = store.habits()
    assert (habit.value, habit.seen) == (21.0, 3)
    store.save()
    assert HabitStore(tmp_path / "li.json").habits() == [habit]
    evening = Situation.of(datetime(2026, 1, 13, 18, 30, tzinfo=CST), "office", 2.0)
    assert store.habits_for(evening) == []


def test_inconsistent_choices_are_no_habit(tmp_path: Path) -> None:
    morning = Situation.of(datetime(2026, 1, 13, 7, 45, tzinfo=CST), "home", 2.0)
    store = HabitStore(None)
    for value in (21.0, 24.0, 19.0, 21.0):
        store.observe(morning, "climate.set_temperature zone=driver", value)
    assert store.habits() == []


def test_learnt_by_hand_then_offered_and_accepted(tmp_path: Path, parts: Parts) -> None:
    learning = Parts(profiles_dir=tmp_path / "profiles")
    learning.__dict__.update(understander=parts.understander, need_scorer=parts.need_scorer)
    first = learning.load_scenario(HERE / "morning_by_hand.yaml")
    for day in range(3):
        scenario = replace(first, start_time=first.start_time + timedelta(days=day), seed=first.seed + day)
        outcome = learning.session(scenario, tmp_path / f"day{day}").run()
        assert outcome.passed, [r for r in outcome.results if not r.passed]
    assert [h.value for h in HabitStore(profile_path(tmp_path / "profiles", "li_wei")).habits()] == [21]
    offered = learning.session(learning.load_scenario(HERE / "morning_habit_offered.yaml"), tmp_path / "day4").run()
    assert offered.passed, [(r.id, r.actual) for r in offered.results if not r.passed]


def test_no_profile_no_offer(tmp_path: Path, parts: Parts) -> None:
    outcome = parts.session(parts.load_scenario(HERE / "morning_habit_offered.yaml"), tmp_path).run()
    assert not {r.id for r in outcome.results if r.passed} & {"habit_offered", "accepted_and_set"}
