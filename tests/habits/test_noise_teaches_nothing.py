"""Noise on the bus teaches the driver profile nothing.

Random bytes on messages without a CRC (the climate zones' set points, the seats' heating levels) pass every
frame check some of the time. Three cold mornings with such noise must leave the driver's profile exactly as
three clean mornings leave it: no habit, no personal threshold, no answer learnt from a change nobody made.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from cockpit.habits import profile_path
from runner.assembly import Parts

HERE = Path(__file__).resolve().parent
NOISY_MESSAGES = ("HVAC_Zones", "Body_Seats")


def three_mornings(parts: Parts, tmp_path: Path, with_noise: bool) -> tuple[dict, list[list[dict]]]:
    """The profile after three mornings, and each morning's trace."""
    learning = Parts(profiles_dir=tmp_path / "profiles")
    learning.__dict__.update(understander=parts.understander, need_scorer=parts.need_scorer)
    first = learning.load_scenario(HERE / "cold_morning_noisy_bus.yaml")
    if not with_noise:
        first = replace(first, events=[e for e in first.events if e.kind != "fault"], expectations=[])
    traces = []
    for day in range(3):
        scenario = replace(first, start_time=first.start_time + timedelta(days=day), seed=first.seed + day)
        out = tmp_path / f"day{day}"
        outcome = learning.session(scenario, out).run()
        assert outcome.passed, [(r.id, r.actual) for r in outcome.results if not r.passed]
        traces.append([json.loads(line) for line in (out / "trace.jsonl").read_text().splitlines()])
    return json.loads(profile_path(tmp_path / "profiles", "li_wei").read_text()), traces


def test_three_noisy_mornings_teach_what_three_clean_ones_do(parts: Parts, tmp_path: Path) -> None:
    clean_profile, _ = three_mornings(parts, tmp_path / "clean", with_noise=False)
    noisy_profile, traces = three_mornings(parts, tmp_path / "noisy", with_noise=True)
    for trace in traces:
        assert [r for r in trace if r["type"] == "manual_change"] == []
        told = {
            r["message"]
            for r in trace
            if r["type"] == "bus_fault" or r["type"] == "signal_quality" and r["quality"] == "implausible"
        }
        assert told >= set(NOISY_MESSAGES)  # the noise is seen on both messages, not only ignored
    assert noisy_profile == clean_profile
