"""A sweep on a Ray cluster (`--ray auto` or `--ray ADDRESS`): Ray is optional, imported only here.

The workers get the project through Ray's runtime environment, not a shared disk: this checkout as `working_dir`
(without the venv, git and outputs), or, installed, the product's packages (their shipped files inside) as
`py_modules`. One actor per CPU of the cluster loads the models once and runs the
variations it is given, each into a folder of its own; the files come back with the result and are written
under the caller's --out, where the report reads them. A task that raises or an actor that dies is run once more
on a fresh actor; a second loss is that variation's failure.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import shipped_files
from runner.errors import EXIT_INTERNAL_ERROR, UsageError
from runner.sweep.execute import Result, Task, run_task, summarise

NOT_SHIPPED = [".venv", ".git", "out", "**/__pycache__", "*.pyc", ".pytest_cache", ".hypothesis"]


def _ray():
    try:
        import ray
    except ImportError:
        raise UsageError("--ray needs Ray: pip install 'cockpit-ai-simulator[sweep]' (or pip install ray)") from None
    return ray


def _files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def project_environment() -> dict:
    """Ray's runtime environment that brings this project's code and shipped files to every worker."""
    checkout = shipped_files.checkout_root()
    if checkout is not None:
        return {"working_dir": str(checkout), "excludes": NOT_SHIPPED}
    code = shipped_files.code_root()
    return {"py_modules": [str(code / package) for package in shipped_files.CODE_PACKAGES], "excludes": NOT_SHIPPED}


def run_remote(task: Task, scenario_text: str) -> tuple[dict[str, bytes], int]:
    """On a Ray worker: the variation from its scenario text (no shared disk), into a scratch folder; the
    folder's files back."""
    with tempfile.TemporaryDirectory(prefix="sweep-") as scratch:
        folder = Path(scratch) / task.variation_id
        folder.mkdir()
        scenario = folder / "scenario.yaml"
        scenario.write_text(scenario_text, encoding="utf-8")
        result = run_task(Task(task.key, task.variation_id, task.build, str(scenario), str(folder)))
        return _files_of(folder), result["exit_code"]


def run_on_ray(tasks: Sequence[Task], address: str, on_done: Callable[[Result], None]) -> dict[str, Result]:
    ray = _ray()
    if not ray.is_initialized():
        ray.init(
            address=None if address == "local" else address,
            log_to_driver=False,
            runtime_env=project_environment(),
        )
    runner_class = ray.remote(num_cpus=1, max_restarts=0)(_Runner)
    slots = max(1, min(len(tasks), int(ray.cluster_resources().get("CPU", 1))))
    actors = [runner_class.remote() for _ in range(slots)]
    queue = [(task, 1) for task in tasks]
    in_flight: dict = {}
    results: dict[str, Result] = {}
    while queue or in_flight:
        while queue and actors:
            task, attempt = queue.pop(0)
            actor = actors.pop()
            scenario_text = Path(task.scenario_file).read_text(encoding="utf-8")
            in_flight[actor.run.remote(task, scenario_text)] = (task, attempt, actor)
        ready, _ = ray.wait(list(in_flight), num_returns=1)
        reference = ready[0]
        task, attempt, actor = in_flight.pop(reference)
        try:
            files, code = ray.get(reference)
        except Exception as error:  # noqa: BLE001 - RayTaskError, RayActorError: the run is lost, not the sweep
            lost = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            actors.append(runner_class.remote())  # the actor may be dead: a fresh one takes its place
            if attempt == 1:
                queue.append((task, 2))
                continue
            result = summarise(task, EXIT_INTERNAL_ERROR, lost)
            result["retried"] = True
        else:
            actors.append(actor)
            folder = Path(task.out_dir)
            for name, data in files.items():
                if name == "scenario.yaml":
                    continue  # the caller's copy is the one the re-run command names
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
            result = summarise(task, code)
            result["retried"] = attempt > 1
        results[task.key] = result
        on_done(result)
    return results


class _Runner:
    """A Ray actor: the models stay loaded between the variations it runs."""

    def run(self, task: Task, scenario_text: str) -> tuple[dict[str, bytes], int]:
        return run_remote(task, scenario_text)
