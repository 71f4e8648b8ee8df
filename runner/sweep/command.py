"""`python main.py sweep SCENARIO... --vary KEY=VALUES ...`: many variations of scenarios, in parallel, one report.

Every variation is checked before any runs (a bad one: exit 2, naming the variation and the key). Each run's
outputs go to OUT/<variation-id>/ (OUT/<build>/<variation-id>/ when models are compared), with the variation's
own scenario.yaml beside them. Exit 0 when every run passed, 1 when some failed, 2 bad input, 130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from runner.errors import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PASSED, UsageError
from runner.sweep import report as sweep_report
from runner.sweep.execute import Build, Result, Task, default_workers, run_local
from runner.sweep.variations import Variation, VariationError, expand, parse_axis, read_document, varied_text
from scenario.errors import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenarios", nargs="+", type=Path, metavar="SCENARIO")
    parser.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=VALUES",
        help="a scenario key by its dotted path and its values: A..B or V1,V2,... "
        "(events and expectations by id: events.cold_ask.at=5s,30s); repeat for a grid",
    )
    parser.add_argument("--sample", type=int, metavar="N", help="run N variations drawn from the grid")
    parser.add_argument("--seed", type=int, default=0, help="the seed of --sample's draw (default 0)")
    parser.add_argument("--workers", type=int, metavar="K", help="parallel runs (default: every core)")
    parser.add_argument("--out", type=Path, default=Path("out/sweep"), help="output folder (default: out/sweep)")
    parser.add_argument("--ray", metavar="auto|ADDRESS", help="run on a Ray cluster (pip install ray)")
    parser.add_argument(
        "--nlu-model",
        dest="nlu_models",
        action="append",
        default=[],
        type=Path,
        metavar="MODEL.onnx",
        help="an NLU model to run every variation with; twice to compare",
    )
    parser.add_argument(
        "--proactive-model",
        dest="proactive_models",
        action="append",
        default=[],
        type=Path,
        metavar="MODEL.onnx",
        help="a needs model to run every variation with; twice to compare",
    )


def _builds(nlu_models: list[Path], proactive_models: list[Path]) -> list[Build]:
    nlu: list[str | None] = [str(p) for p in nlu_models] or [None]
    proactive: list[str | None] = [str(p) for p in proactive_models] or [None]
    builds = []
    for index, (nlu_model, proactive_model) in enumerate(itertools.product(nlu, proactive)):
        named = [Path(m).stem for m in (nlu_model, proactive_model) if m]
        builds.append(Build(f"{index + 1}-{'+'.join(named)}" if named else "shipped", nlu_model, proactive_model))
    if len({b.name for b in builds}) != len(builds):
        raise UsageError("two --nlu-model/--proactive-model files give the same build")
    return builds


def _plan(args: argparse.Namespace) -> tuple[list[Variation], list[Build], dict[str, str]]:
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers takes a number of at least 1")
    axes = [parse_axis(spec) for spec in args.vary]
    variations = expand(args.scenarios, axes, sample=args.sample, seed=args.seed)
    builds = _builds(args.nlu_models, args.proactive_models)
    documents = {source: read_document(source) for source in dict.fromkeys(args.scenarios)}
    texts = {}
    for variation in variations:
        try:
            texts[variation.id] = varied_text(documents[variation.source], variation)
        except VariationError as error:
            raise VariationError(f"variation {variation.id} ({variation.describe()}): {error}") from None
    return variations, builds, texts


def _check(variations: list[Variation], texts: dict[str, str], folder_of, parts) -> None:
    """Every variation loads as a scenario, before any runs."""
    from scenario.loader import load_scenario_text

    for variation in variations:
        try:
            load_scenario_text(texts[variation.id], parts.vocabulary, folder_of(variation) / "scenario.yaml")
        except ScenarioError as error:
            raise ScenarioError(f"variation {variation.id} ({variation.describe()}): {error}") from None


def run_sweep(args: argparse.Namespace, parts) -> int:
    try:
        variations, builds, texts = _plan(args)
    except (VariationError, ScenarioError, UsageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out_root: Path = args.out
    several = len(builds) > 1

    def folder_of(variation: Variation, build: Build = builds[0]) -> Path:
        return out_root / build.name / variation.id if several else out_root / variation.id

    try:
        _check(variations, texts, folder_of, parts)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    tasks = []
    for build in builds:
        for variation in variations:
            folder = folder_of(variation, build)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "scenario.yaml").write_text(texts[variation.id], encoding="utf-8")
            key = f"{build.name}/{variation.id}" if several else variation.id
            tasks.append(Task(key, variation.id, build, str(folder / "scenario.yaml"), str(folder)))
    workers = args.workers or default_workers()
    print(
        f"sweep: {len(variations)} variation(s) x {len(builds)} build(s) = {len(tasks)} runs on "
        f"{'Ray' if args.ray else f'{workers} worker(s)'} → {out_root}"
    )
    results: dict[str, Result] = {}
    status = "finished"
    with _Progress(len(tasks)) as progress:
        try:
            if args.ray:
                from runner.sweep.ray_backend import run_on_ray

                results = run_on_ray(tasks, args.ray, progress.done)
            else:
                results = run_local(tasks, workers, progress.done)
        except KeyboardInterrupt:
            status = "interrupted"
            results = progress.results
    variation_info = {v.id: {"settings": [list(s) for s in v.settings], "source": str(v.source)} for v in variations}
    build_options = {build.name: build.options() for build in builds}
    report = sweep_report.summary(results, variation_info, build_options, out_root, status)
    sweep_report.write_json(out_root / "sweep.json", report)
    sweep_report.write_junit(out_root / "junit.xml", report)
    sweep_report.write_html(out_root / "index.html", report)
    counts = report["counts"]
    print(f"sweep {status}: {counts['passed']} of {counts['runs']} runs passed → {out_root / 'index.html'}")
    for failed in report["failed"][:10]:
        print(f"  failed {failed['key']}: {failed['rerun']}")
    if status == "interrupted":
        return EXIT_INTERRUPTED
    return EXIT_PASSED if counts["failed"] == 0 and counts["runs"] == counts["planned"] else EXIT_FAILED


class _Progress:
    """Runs done, passed, failed and the time left, as a bar on a terminal (rich), nothing elsewhere."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.results: dict[str, Result] = {}
        self.passed = self.failed = 0

    def __enter__(self) -> _Progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("sweep"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("passed {task.fields[passed]} failed {task.fields[failed]}"),
            TimeRemainingColumn(),
            disable=not sys.stderr.isatty(),
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("sweep", total=self.total, passed=0, failed=0)
        return self

    def done(self, result: Result) -> None:
        self.results[result["key"]] = result
        if result["passed"]:
            self.passed += 1
        else:
            self.failed += 1
        self._bar.update(self._task, advance=1, passed=self.passed, failed=self.failed)

    def __exit__(self, *exc) -> None:
        self._bar.stop()
