"""--vary specs, the grid and the seeded sample, and how a variation is applied to a scenario's YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from runner.sweep.variations import VariationError, expand, parse_axis, varied_text

A, B = Path("a.yaml"), Path("b.yaml")


def test_ranges_and_lists_read_as_yaml_reads_values() -> None:
    assert parse_axis("seed=1..4").values == (1, 2, 3, 4)
    assert parse_axis("seed=-2..0").values == (-2, -1, 0)
    assert parse_axis("environment.outside_temp=-20,0,35").values == (-20, 0, 35)
    assert parse_axis("vehicle.trim=max,standard").values == ("max", "standard")
    assert parse_axis("events.cold_ask.at=5s,30s").values == ("5s", "30s")
    assert parse_axis("x.flag=true,false").values == (True, False)


@pytest.mark.parametrize("spec", ["seed", "=1,2", "seed=", "seed=5..1", "a..b=1", "seed=1..99999999"])
def test_a_bad_spec_is_refused(spec: str) -> None:
    with pytest.raises(VariationError):
        parse_axis(spec)


def test_the_grid_is_every_combination_for_every_scenario_with_stable_ids() -> None:
    axes = [parse_axis("seed=1..3"), parse_axis("vehicle.trim=max,standard")]
    variations = expand([A, B], axes)
    assert len(variations) == 12
    assert len({v.id for v in variations}) == 12
    assert {v.settings for v in variations if v.source == A} == {
        (("seed", s), ("vehicle.trim", t)) for s in (1, 2, 3) for t in ("max", "standard")
    }
    assert [v.id for v in expand([A, B], axes)] == [v.id for v in variations]
    assert variations[0].id == "a-0000" and variations[-1].id == "b-0005"


def test_a_sample_is_drawn_with_its_seed_from_the_grid() -> None:
    axes = [parse_axis("seed=1..200"), parse_axis("environment.outside_temp=-20,0,35")]
    first, again = expand([A], axes, sample=25, seed=4), expand([A], axes, sample=25, seed=4)
    other = expand([A], axes, sample=25, seed=5)
    assert [v.id for v in first] == [v.id for v in again] and len(first) == 25
    assert [v.id for v in other] != [v.id for v in first]
    grid = {v.id: v.settings for v in expand([A], axes)}
    assert all(grid[v.id] == v.settings for v in first)
    with pytest.raises(VariationError):
        expand([A], axes, sample=0)


DOCUMENT = {
    "name": "cold",
    "seed": 1,
    "duration": "10min",
    "environment": {"outside_temp": -5},
    "events": [{"id": "cold_ask", "at": "10s", "say": {"seat": "driver", "text": "I'm cold"}}],
    "expect": [{"id": "warm", "eventually": "Vehicle.Speed >= 0"}],
    "occupants": [{"seat": "driver"}],
}


def test_keys_by_path_events_by_id_lists_by_index() -> None:
    axes = [
        parse_axis("environment.outside_temp=35"),
        parse_axis("events.cold_ask.at=30s"),
        parse_axis("occupants.0.persona=commuter"),
        parse_axis("vehicle.trim=max"),
    ]
    [variation] = expand([A], axes)
    data = yaml.safe_load(varied_text(DOCUMENT, variation))
    assert data["name"] == variation.id
    assert data["environment"]["outside_temp"] == 35 and data["events"][0]["at"] == "30s"
    assert data["occupants"][0]["persona"] == "commuter" and data["vehicle"] == {"trim": "max"}
    assert DOCUMENT["environment"]["outside_temp"] == -5  # the scenario itself is left as it was


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("events.nope.at=5s", "no item with id 'nope'"),
        ("occupants.3.seat=driver", "list of 1"),
        ("seed.more=1", "is a value"),
    ],
)
def test_a_key_that_cannot_be_set_says_why(spec: str, said: str) -> None:
    [variation] = expand([A], [parse_axis(spec)])
    with pytest.raises(VariationError, match=said):
        varied_text(DOCUMENT, variation)
