"""A pytest plugin: each scenario YAML in a folder named `scenarios` is collected as a test that runs it headless.

Installed with the package, pytest loads it by itself (the `pytest11` entry point in pyproject.toml), so a
repository of scenarios runs with plain `pytest`; the folder names can be changed with the ini option
`scenario_folders`. The item passes when every expectation of the scenario passes; a failure shows the
per-expectation summary (expected, actual, time), like `cockpit-sim run` does. Outputs go to pytest's temporary
folder, so a failing run's trace, bus log and report can be inspected.

Only pytest is imported until a scenario runs: every pytest run in an environment with the package loads this.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest

SCENARIO_SUFFIXES = (".yaml", ".yml")
FOLDERS_OPTION = "scenario_folders"
FOLDERS_TYPE: Final = "args"  # pytest's ini type for a whitespace-separated list


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        FOLDERS_OPTION,
        "names of the folders whose .yaml/.yml files are cockpit scenarios to run (default: scenarios)",
        type=FOLDERS_TYPE,
        default=["scenarios"],
    )


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix in SCENARIO_SUFFIXES and file_path.parent.name in parent.config.getini(FOLDERS_OPTION):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


def _shared_parts(config: pytest.Config):
    # One set of loaded parts (DBC, map, NLU session) per pytest run, kept on the config object.
    parts = getattr(config, "_cockpit_parts", None)
    if parts is None:
        from runner.assembly import Parts

        parts = Parts()
        config._cockpit_parts = parts  # type: ignore[attr-defined]
    return parts


class ScenarioFile(pytest.File):
    def collect(self):
        yield ScenarioItem.from_parent(self, name=self.path.stem)


class ScenarioFailedError(Exception):
    pass


class ScenarioItem(pytest.Item):
    def runtest(self) -> None:
        from runner.run_command import write_outputs
        from scenario.report import format_summary

        parts = _shared_parts(self.config)
        scenario = parts.load_scenario(self.path)
        out_dir = Path(self.config._tmp_path_factory.mktemp(scenario.name))  # type: ignore[attr-defined]
        outcome = parts.session(scenario, out_dir).run()
        write_outputs(out_dir, scenario, outcome, None)
        self.user_properties.append(("outputs", str(out_dir)))
        if not outcome.passed:
            raise ScenarioFailedError(f"{format_summary(outcome.results)}\noutputs: {out_dir}")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScenarioFailedError):
            return f"scenario {self.name} failed:\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"
