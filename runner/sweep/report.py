"""A sweep's report: sweep.json (every run), junit.xml (a testcase per run and expectation), index.html (one
self-contained page: pass rates, metric distributions drawn with matplotlib as inline SVG, worst runs, and the
command that re-runs each failed variation alone)."""

from __future__ import annotations

import html
import io
import json
import shlex
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from runner.sweep.metrics import METRICS

FORMAT_VERSION = 1


def rerun_command(out_root: Path, key: str, build_options: Sequence[str]) -> str:
    """The one command line that runs this variation alone, to the same trace bytes (`VAR=value` options are the
    environment it needs, in front)."""
    is_environment = [("=" in option and not option.startswith("-")) for option in build_options]
    environment = [
        f"{o.partition('=')[0]}={shlex.quote(o.partition('=')[2])}"  # quoted, it would be no assignment
        for o, env in zip(build_options, is_environment, strict=True)
        if env
    ]
    options = [shlex.quote(o) for o, env in zip(build_options, is_environment, strict=True) if not env]
    return " ".join(
        [*environment, "python", "main.py", *options, "run", shlex.quote(str(out_root / key / "scenario.yaml"))]
    )


def summary(
    results: dict[str, dict], variations: dict[str, dict], builds: dict[str, list[str]], out_root: Path, status: str
) -> dict[str, Any]:
    runs = [results[key] for key in sorted(results)]
    expectations: dict[str, dict[str, Any]] = {}
    for run in runs:
        for expectation, outcome in run["expectations"].items():
            entry = expectations.setdefault(
                f"{run['build']}:{expectation}" if len(builds) > 1 else expectation,
                {"passed": 0, "total": 0, "failed_in": []},
            )
            entry["total"] += 1
            entry["passed"] += bool(outcome["passed"])
            if not outcome["passed"]:
                entry["failed_in"].append(run["key"])
    for entry in expectations.values():
        entry["pass_rate"] = round(entry["passed"] / entry["total"], 4) if entry["total"] else None
    metrics = {}
    for name in METRICS:
        for build in builds:
            values = [run["metrics"].get(name) for run in runs if run["build"] == build]
            values = [v for v in values if isinstance(v, int | float)]
            label = f"{build}:{name}" if len(builds) > 1 else name
            metrics[label] = _distribution(values)
    failed = [run for run in runs if not run["passed"]]
    return {
        "format_version": FORMAT_VERSION,
        "status": status,
        "counts": {
            "runs": len(runs),
            "passed": len(runs) - len(failed),
            "failed": len(failed),
            "planned": len(variations) * len(builds),
        },
        "builds": builds,
        "expectations": expectations,
        "metrics": metrics,
        "worst": {name: _worst(runs, name) for name in METRICS},
        "comparison": _comparison(runs, builds) if len(builds) > 1 else None,
        "failed": [
            {
                "key": run["key"],
                "error": run.get("error"),
                "variation": variations[run["id"]]["settings"],
                "rerun": rerun_command(out_root, run["key"], builds[run["build"]]),
            }
            for run in failed
        ],
        "runs": [{**run, "variation": variations[run["id"]]["settings"]} for run in runs],
    }


def _comparison(runs: list[dict], builds: dict[str, list[str]]) -> dict[str, Any]:
    """Builds side by side: each expectation's pass rate and each metric's median per build, and the variations
    whose outcome differs between builds."""
    by_build = {build: {run["id"]: run for run in runs if run["build"] == build} for build in builds}
    names = sorted({name for run in runs for name in run["expectations"]})
    expectations = {}
    for name in names:
        row = {}
        for build, by_id in by_build.items():
            outcomes = [run["expectations"][name]["passed"] for run in by_id.values() if name in run["expectations"]]
            row[build] = round(sum(outcomes) / len(outcomes), 4) if outcomes else None
        expectations[name] = row
    metrics = {}
    for name in METRICS:
        medians = {}
        for build, by_id in by_build.items():
            known = [v for run in by_id.values() if isinstance(v := run["metrics"].get(name), int | float)]
            medians[build] = _distribution(known).get("median")
        metrics[name] = medians
    ids = sorted(set().union(*(set(by_id) for by_id in by_build.values())))
    differing = []
    for variation_id in ids:
        seen = {
            build: tuple(sorted((k, v["passed"]) for k, v in by_id[variation_id]["expectations"].items()))
            for build, by_id in by_build.items()
            if variation_id in by_id
        }
        if len(set(seen.values())) > 1:
            differing.append(
                {
                    "id": variation_id,
                    **{build: [k for k, passed in outcome if not passed] for build, outcome in seen.items()},
                }
            )
    return {"expectations": expectations, "metric_medians": metrics, "differing_variations": differing}


def _distribution(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {
        "n": len(values),
        "min": ordered[0],
        "median": statistics.median(ordered),
        "max": ordered[-1],
        "mean": round(statistics.fmean(ordered), 4),
        "p90": ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))],
    }


def _worst(runs: list[dict], name: str, count: int = 3) -> list[dict[str, Any]]:
    # "worst": the largest value, except for speed, where the slowest is worst.
    known = [run for run in runs if isinstance(run["metrics"].get(name), int | float)]
    known.sort(key=lambda run: run["metrics"][name], reverse=name != "replay_speed_x")
    return [{"key": run["key"], "value": run["metrics"][name]} for run in known[:count]]


def write_json(path: Path, report: dict[str, Any]) -> None:
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_junit(path: Path, report: dict[str, Any]) -> None:
    """One testsuite, one testcase per run and expectation; a run that could not be judged is one error case."""
    cases = []
    failures = errors = 0
    for run in report["runs"]:
        if not run["expectations"]:
            errors += 1
            cases.append(
                f'<testcase classname={quoteattr(run["key"])} name="run">'
                f"<error message={quoteattr(_xml_text(run.get('error') or 'no report'))}/></testcase>"
            )
            continue
        for expectation, outcome in sorted(run["expectations"].items()):
            body = ""
            if not outcome["passed"]:
                failures += 1
                body = f"<failure message={quoteattr(_xml_text(outcome.get('message') or 'failed'))}/>"
            cases.append(f"<testcase classname={quoteattr(run['key'])} name={quoteattr(expectation)}>{body}</testcase>")
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="sweep" tests="{len(cases)}" '
        f'failures="{failures}" errors="{errors}">\n' + "\n".join(cases) + "\n</testsuite>\n"
    )
    path.write_text(text, encoding="utf-8")


def _xml_text(text: str) -> str:
    return "".join(ch for ch in str(text) if ch in "\t\n\r" or (ord(ch) >= 0x20 and ord(ch) not in (0xFFFE, 0xFFFF)))


def write_html(path: Path, report: dict[str, Any]) -> None:
    counts = report["counts"]
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>Sweep</title><style>{_STYLE}</style>"
        f"</head><body><h1>Sweep: {counts['passed']} of {counts['runs']} runs passed</h1>",
        f"<p>status: {html.escape(report['status'])}; planned {counts['planned']} runs</p>",
        "<h2>Pass rate per expectation</h2><table><tr><th>expectation</th><th>passed</th><th>rate</th>"
        "<th>failed in</th></tr>",
    ]
    for name, entry in sorted(report["expectations"].items()):
        failed = ", ".join(html.escape(key) for key in entry["failed_in"][:20])
        more = f" and {len(entry['failed_in']) - 20} more" if len(entry["failed_in"]) > 20 else ""
        parts.append(
            f"<tr><td>{html.escape(name)}</td><td>{entry['passed']}/{entry['total']}</td>"
            f"<td>{entry['pass_rate']:.1%}</td><td>{failed}{more}</td></tr>"
        )
    parts.append("</table><h2>Metrics across runs</h2>")
    values = {name: [run["metrics"].get(name) for run in report["runs"]] for name in METRICS}
    for name, described in METRICS.items():
        known = [v for v in values[name] if isinstance(v, int | float)]
        parts.append(f"<h3>{html.escape(described)}</h3>")
        parts.append(_histogram_svg(known, described) if known else "<p>no run has this figure</p>")
        worst = report["worst"].get(name) or []
        if worst:
            parts.append("<p>worst: " + ", ".join(f"{html.escape(w['key'])} ({w['value']})" for w in worst) + "</p>")
    comparison = report.get("comparison")
    if comparison:
        builds = list(report["builds"])
        head = "".join(f"<th>{html.escape(b)}</th>" for b in builds)
        parts.append(f"<h2>Builds compared</h2><table><tr><th>expectation: pass rate</th>{head}</tr>")
        for name, row in comparison["expectations"].items():
            cells = "".join(f"<td>{'-' if row[b] is None else f'{row[b]:.1%}'}</td>" for b in builds)
            parts.append(f"<tr><td>{html.escape(name)}</td>{cells}</tr>")
        parts.append(f"<tr><th>metric: median</th>{head}</tr>")
        for name, row in comparison["metric_medians"].items():
            parts.append(f"<tr><td>{html.escape(name)}</td>" + "".join(f"<td>{row[b]}</td>" for b in builds) + "</tr>")
        parts.append(
            f"</table><p>variations whose outcome differs between builds: {len(comparison['differing_variations'])}</p>"
        )
    parts.append("<h2>Failed runs</h2>")
    if not report["failed"]:
        parts.append("<p>none</p>")
    for failed in report["failed"]:
        settings = ", ".join(f"{k}={v}" for k, v in failed["variation"])
        parts.append(
            f"<p><b>{html.escape(failed['key'])}</b> ({html.escape(settings)})"
            f"{': ' + html.escape(str(failed['error'])) if failed['error'] else ''}<br>"
            f"<code>{html.escape(failed['rerun'])}</code></p>"
        )
    parts.append("</body></html>\n")
    path.write_text("".join(parts), encoding="utf-8")


def _histogram_svg(values: list[float], title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 2.2))
    axes = figure.subplots()
    axes.hist(values, bins=min(30, max(5, len(set(values)))), color="#3d7fd9")
    axes.set_ylabel("runs")
    axes.set_title(title, fontsize=9)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})  # no date: the same runs give the same page
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    start, end = svg.find("<metadata>"), svg.find("</metadata>")
    return svg[:start] + svg[end + len("</metadata>") :] if start != -1 and end != -1 else svg


_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}code{background:#f4f4f4}"
)

__all__ = ["rerun_command", "summary", "write_html", "write_json", "write_junit"]
