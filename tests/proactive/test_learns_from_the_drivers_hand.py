"""End to end through the cockpit: what the driver does by hand sets when the assistant acts next time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cockpit.habits import HabitStore, profile_path
from cockpit.proactive.assistant import ANSWERS_SECTION
from runner.assembly import Parts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _learning_parts(tmp_path: Path, parts: Parts) -> Parts:
    learning = Parts(profiles_dir=tmp_path / "profiles")
    learning.__dict__.update(understander=parts.understander, need_scorer=parts.need_scorer)
    return learning


def test_defroster_by_hand_then_by_the_assistant_at_her_fog_level(tmp_path: Path, parts: Parts) -> None:
    learning = _learning_parts(tmp_path, parts)
    first = learning.session(learning.load_scenario(HERE / "snowy_school_run_by_hand.yaml"), tmp_path / "day1").run()
    assert first.passed, [(r.id, r.actual) for r in first.results if not r.passed]
    profile = HabitStore(profile_path(tmp_path / "profiles", "li_wei")).sections[ANSWERS_SECTION]
    wanted = profile["thresholds"]["defog"]["windshield"]["wanted"]
    assert 15.0 < wanted < 25.0, profile  # the fog risk when she pressed the button
    second = learning.session(learning.load_scenario(HERE / "snowy_school_run_learnt.yaml"), tmp_path / "day2").run()
    assert second.passed, [(r.id, r.actual) for r in second.results if not r.passed]
    listed = subprocess.run(
        [sys.executable, "main.py", "habits", "list", "--profiles", str(tmp_path / "profiles"), "--driver", "li_wei"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "personal threshold: defog (windshield): suggests from fog risk" in listed, listed


def test_a_driver_it_does_not_know_gets_the_models_timing(tmp_path: Path, parts: Parts) -> None:
    """Without the first morning in the profile nothing is done before 100 s (the model acts at ~31 %, 141 s)."""
    outcome = parts.session(parts.load_scenario(HERE / "snowy_school_run_learnt.yaml"), tmp_path).run()
    assert {r.id for r in outcome.results if not r.passed} == {"defog_from_her_threshold", "said_so"}
