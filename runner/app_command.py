"""`python main.py` with no command: the desktop dashboard on a scenario, live; headless when no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runner.assembly import Parts
    from runner.session import RunOutcome, RunSession

OUT_ROOT = Path("out")
SCREEN_LIBRARIES_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


def display_available(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """False on an X11/Wayland system with neither display set, unless SDL_VIDEODRIVER names a driver."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("SDL_VIDEODRIVER"):
        return True
    if not platform.startswith(SCREEN_LIBRARIES_PLATFORMS):
        return True   # macOS and Windows always have a screen session for a desktop user
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


class OfflineUnderstander:
    """Stands in when the NLU model cannot load: every utterance is heard but not understood (rephrase)."""

    def understand(self, text: str):
        from types import SimpleNamespace

        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
        return SimpleNamespace(text=text, lang=lang, intent="out_of_scope", confidence=0.0, slots={})


def _understander(parts: Parts):
    try:
        return parts.understander, None
    except Exception as error:  # any load failure leaves the app usable, without language
        return OfflineUnderstander(), f"NLU model unavailable ({error}); typed requests will not be understood"


def _headless(parts: Parts, scenario_path: Path) -> int:
    from runner.run_command import run_scenarios

    return run_scenarios([scenario_path], out_root=OUT_ROOT, speed=None, parts=parts)


def run_app(parts: Parts, scenario_path: Path, *, size: tuple[int, int] | None = None,
            max_frames: int | None = None, out_root: Path = OUT_ROOT) -> int:
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
    try:
        app.run(max_frames=max_frames)
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
    return 0


def build_app(parts: Parts, scenario, out_dir: Path | None, *, size: tuple[int, int] | None = None,
              understander=None, fps_cap: int | None = None):
    """The window with its controller: sessions come from `parts` and write to `out_dir` (None = nowhere)."""
    from cockpit.ui import theme
    from cockpit.ui.app import DashboardApp
    from cockpit.ui.controller import SimController
    from cockpit.ui.widgets.map_view import place_names
    from runner.session import RunSession

    notice = None
    from_parts = understander is None
    if from_parts:
        understander, notice = _understander(parts)
        from_parts = notice is None

    def new_session() -> RunSession:
        if from_parts:
            return parts.session(scenario, out_dir)
        return RunSession(scenario, codec=parts.codec, roadmap=parts.roadmap, understander=understander,
                          out_dir=out_dir)

    def write_report(session: RunSession, outcome: RunOutcome, warp: float) -> None:
        if out_dir is None:
            return
        from runner.run_command import write_outputs
        from scenario.report import format_summary

        write_outputs(out_dir, session.scenario, outcome, warp)
        print(f"{session.scenario.name}: {outcome.sim_seconds:g} s simulated → {out_dir}")
        print(format_summary(outcome.results))

    controller = SimController(new_session, on_finish=write_report, place_names=dict(place_names(parts.roadmap)))
    if notice:
        print(f"warning: {notice}", file=sys.stderr)
        controller.notices.append(notice)
    app = DashboardApp(controller, parts.roadmap, size=size or theme.REFERENCE_SIZE)
    if fps_cap is not None:
        app.fps_cap = fps_cap
    return app

