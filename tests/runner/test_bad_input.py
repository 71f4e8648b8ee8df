"""Bad scenarios stop the run with exit code 2 and a message naming the file, the line and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner.cli import main

GOOD = """\
name: tiny
duration: 5s
start: {place: home}
expect:
  - id: ok
    eventually: Vehicle.Speed >= 0
"""


def _run_cli(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(text, encoding="utf-8")
    code = main(["run", str(scenario), "--headless", "--out", str(tmp_path / "out")])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("duration: 5s", "duration: 5s\ncolour: red"), 3, ["unknown key 'colour'", "duration"]),
        (GOOD.replace("duration: 5s", "duration: 5 parsecs"), 2, ["duration"]),
        (GOOD.replace("Vehicle.Speed >= 0", "Vehicle.Sped >= 0"), 6, ["Vehicle.Sped", "Vehicle.Speed"]),
        (GOOD.replace("place: home", "place: atlantis"), 3, ["atlantis", "place"]),
        (GOOD + "  - id: late\n    whithin: 3s\n    that: Vehicle.Speed > 1\n", 8, ["whithin", "within"]),
    ],
)
def test_bad_scenario_exits_2_naming_file_line_and_expectation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: list[str]
) -> None:
    code, message = _run_cli(tmp_path, text, capsys)
    assert code == 2
    assert f"bad.yaml:{line}" in message
    for word in words:
        assert word in message


def test_a_good_scenario_runs_and_writes_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run_cli(tmp_path, GOOD, capsys)
    assert code == 0
    out = tmp_path / "out" / "tiny"
    for name in ("trace.jsonl", "bus.log", "report.json", "junit.xml"):
        assert (out / name).stat().st_size > 0, name
    assert "✓ ok" in capsys.readouterr().out or (out / "report.json").read_text().count('"passed": true')


def test_a_failing_expectation_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run_cli(tmp_path, GOOD.replace("Vehicle.Speed >= 0", "Vehicle.Speed > 50"), capsys)
    assert code == 1


def test_unknown_bus_interface_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(GOOD, encoding="utf-8")
    assert main(["run", str(scenario), "--bus", "carrier_pigeon", "--out", str(tmp_path)]) == 2
    assert "carrier_pigeon" in capsys.readouterr().err


@pytest.mark.parametrize(
    "options",
    [["--garage-radius", "0"], ["--garage-radius", "-5"], ["--garage-radius", "900", "--garage-approach", "400"]],
)
def test_an_inconsistent_garage_geofence_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(GOOD, encoding="utf-8")
    assert main(["run", str(scenario), "--headless", "--out", str(tmp_path), *options]) == 2
    assert "--garage-radius" in capsys.readouterr().err
