"""`python main.py` with no command: the desktop dashboard on a scenario, live; headless when no display."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runner.assembly import Parts
    from runner.session import RunOutcome, RunSession

OUT_ROOT = Path("out")
SCREEN_LIBRARIES_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


def display_available(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """False on an X11/Wayland system with neither display set, unless SDL_VIDEODRIVER names a driver."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("SDL_VIDEODRIVER"):
        return True
    if not platform.startswith(SCREEN_LIBRARIES_PLATFORMS):
        return True  # macOS and Windows always have a screen session for a desktop user
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def person_watching(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """A real screen someone can look at: a display, and not SDL's dummy driver (tests and CI use that one)."""
    environ = os.environ if environ is None else environ
    return display_available(environ, platform) and environ.get("SDL_VIDEODRIVER", "") not in ("dummy", "offscreen")


class OfflineUnderstander:
    """Stands in when the NLU model cannot load: every utterance is heard but not understood (rephrase)."""

    def understand(self, text: str):
        from types import SimpleNamespace

        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
        return SimpleNamespace(text=text, lang=lang, intent="out_of_scope", confidence=0.0, slots={})


NO_LANGUAGE_NOTICE = "NLU model unavailable: requests will not be understood (why: on the console)"
NO_VOICE_NOTICE = "voice input off (speech recogniser unavailable): type requests"


def _understander(parts: Parts):
    """The NLU model, or a stand-in and the console's line saying why (the screen gets a short notice: a
    whole error message would not fit its bar)."""
    try:
        return parts.understander, None
    except Exception as error:  # any load failure leaves the app usable, without language
        return OfflineUnderstander(), f"NLU model unavailable ({error}); typed requests will not be understood"


def _headless(parts: Parts, scenario_path: Path) -> int:
    from runner.run_command import run_scenarios

    return run_scenarios([scenario_path], out_root=OUT_ROOT, speed=None, parts=parts)


def run_app(
    parts: Parts,
    scenario_path: Path,
    *,
    size: tuple[int, int] | None = None,
    max_frames: int | None = None,
    out_root: Path = OUT_ROOT,
) -> int:
    """Open the dashboard on `scenario_path`; without a display run it headless instead. Returns an exit code."""
    if not display_available():
        print("no display (DISPLAY/WAYLAND_DISPLAY unset): running the default scenario headless")
        return _headless(parts, scenario_path)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame  # noqa: F401
    except ImportError:
        print("pygame is not installed: running the default scenario headless")
        return _headless(parts, scenario_path)
    from runner.run_command import EXIT_BAD_INPUT
    from scenario.errors import ScenarioError

    try:
        scenario = parts.load_scenario(scenario_path)
    except (ScenarioError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        app = build_app(parts, scenario, out_root / scenario.name, size=size)
    except pygame.error as error:
        print(f"cannot open a window ({error}): running the default scenario headless")
        return _headless(parts, scenario_path)
    return _run_until_closed(app, max_frames)


def build_app(
    parts: Parts,
    scenario,
    out_dir: Path | None,
    *,
    size: tuple[int, int] | None = None,
    understander=None,
    fps_cap: int | None = None,
):
    """The window with its controller: sessions come from `parts` and write to `out_dir` (None = nowhere)."""
    from cockpit.ui import theme
    from cockpit.ui.app import DashboardApp
    from cockpit.ui.controller import SimController
    from cockpit.ui.widgets.map_view import place_names

    notice = None
    from_parts = understander is None
    if from_parts:
        understander, notice = _understander(parts)
        from_parts = notice is None

    def new_session() -> RunSession:
        # The same parts either way (needs model, home, geofence): only the understander may be a stand-in.
        return parts.session(scenario, out_dir, understander=None if from_parts else understander)

    def write_report(session: RunSession, outcome: RunOutcome, warp: float) -> None:
        if out_dir is None:
            return
        from runner.run_command import write_outputs
        from scenario.report import format_summary

        target = session.out_dir or out_dir  # a scenario picked on the developer bar writes its own folder
        write_outputs(target, session.scenario, outcome, warp)
        from runner.timeline_plot import write_timeline

        write_timeline(target)
        print(f"{session.scenario.name}: {outcome.sim_seconds:g} s simulated → {target}")
        print(format_summary(outcome.results))

    def open_scenario(path: Path):
        picked = parts.load_scenario(path)  # ScenarioError: the developer bar shows its message
        picked_out = out_dir.parent / picked.name if out_dir is not None else None
        return lambda: parts.session(picked, picked_out, understander=None if from_parts else understander)

    from runner.cli import DEFAULT_SCENARIO

    controller = SimController(
        new_session,
        on_finish=write_report,
        place_names=dict(place_names(parts.roadmap)),
        scenario_opener=open_scenario,
        scenario_paths=sorted(DEFAULT_SCENARIO.parent.glob("*.yaml")),
    )
    if notice:
        print(f"warning: {notice}", file=sys.stderr)
        controller.notices.append(NO_LANGUAGE_NOTICE)
    if parts.optional(lambda: parts.recogniser) is None:  # said on stderr; the screen says what is left
        controller.notices.append(NO_VOICE_NOTICE)
    app = DashboardApp(controller, parts.roadmap, size=size or theme.REFERENCE_SIZE)
    if fps_cap is not None:
        app.fps_cap = fps_cap
    return app


def load_replay_model(out_dir: Path, parts: Parts):
    """A finished run's folder as a `ReplayModel`: its scenario, when still loadable, gives the simulated house's
    start (else the default house's)."""
    import json

    from cockpit.bus import make_signal_store
    from cockpit.ui.replay import home_snapshot, load_run
    from home_sim.house import House, HouseError
    from scenario.errors import ScenarioError

    scenario = None
    report_path = out_dir / "report.json"
    if report_path.is_file():
        source = (json.loads(report_path.read_text(encoding="utf-8")).get("scenario") or {}).get("file")
        if source and Path(source).is_file():
            try:
                scenario = parts.load_scenario(Path(source))
            except (ScenarioError, OSError):
                scenario = None
    message_of = {path: meta.message for path, meta in make_signal_store(parts.codec).catalogue.items()}
    try:
        house = (
            House.from_config({"outside_temp": scenario.environment.outside_temp, "initial": dict(scenario.home)})
            if scenario is not None
            else House.default()
        )
    except HouseError:
        house = House.default()
    return load_run(
        out_dir,
        home_initial=home_snapshot(house.names(), house.state),
        home_catalogue=house.catalogue(),
        scenario_name=scenario.name if scenario is not None else None,
        message_of=message_of,
    )


def build_replay_app(parts: Parts, out_dir: Path, *, size: tuple[int, int] | None = None):
    """The dashboard over a finished run, with the timeline scrubber."""
    from cockpit.ui import theme
    from cockpit.ui.app import DashboardApp
    from cockpit.ui.replay import ReplayController
    from cockpit.ui.scenes.replay import ReplayScene
    from cockpit.ui.widgets.map_view import place_names

    model = load_replay_model(out_dir, parts)
    controller = ReplayController(model, dict(place_names(parts.roadmap)))
    return DashboardApp(controller, parts.roadmap, size=size or theme.REFERENCE_SIZE, scene_class=ReplayScene)


def run_replay(
    out_dir: Path, *, parts: Parts | None = None, size: tuple[int, int] | None = None, max_frames: int | None = None
) -> int:
    """`python main.py replay OUT_DIR`: the dashboard over a finished run (trace.jsonl + report.json),
    with a timeline scrubber. Exit 0, or 2 when the folder is not a run's or there is no display."""
    from runner.run_command import EXIT_BAD_INPUT

    out_dir = Path(out_dir)
    if not (out_dir / "trace.jsonl").is_file():
        print(
            f"error: {out_dir / 'trace.jsonl'} not found: give the folder of a finished run (out/<scenario>/)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if not display_available():
        print(
            "error: replay needs a display (DISPLAY/WAYLAND_DISPLAY unset); "
            "`--screenshots` on `run` gives pictures without one",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if parts is None:
        from runner.assembly import Parts as PartsClass

        parts = PartsClass()
    try:
        app = build_replay_app(parts, out_dir, size=size)
    except (OSError, ValueError, pygame.error) as error:
        print(f"error: cannot replay {out_dir}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _run_until_closed(app, max_frames)


def _run_until_closed(app, max_frames: int | None) -> int:
    """Run the window until it is closed (exit 0) or Ctrl-C (exit 130); closing always writes the outputs."""
    from runner.errors import DeferredInterrupt, exit_interrupted

    interrupted = False
    try:
        app.run(max_frames=max_frames)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        with DeferredInterrupt() as late:  # the outputs are written whole, Ctrl-C or not
            app.close()
    return exit_interrupted() if interrupted or late.requested else 0
