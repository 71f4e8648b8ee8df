"""`main.py run --screenshots`: dashboard pictures at each scenario event and each expectation's decision.

The recorder only listens to the trace (it never touches the simulation, so the trace is the same with or
without it): it rebuilds the dashboard's state from the records as they come (a `ReplayModel`) and draws
the dashboard scene off-screen. An event at T is drawn once the trace has passed T (everything the cockpit
did at T included); expectations are judged at the end, so their pictures are drawn in `close()`.
Files: `<out_dir>/screenshots/NNN_<t>s_<label>.png`, numbered in time order.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit.ui.theme import REFERENCE_SIZE

if TYPE_CHECKING:
    import pygame

    from cockpit.ui.home_tiles import HomeTileSpec
    from cockpit.ui.replay import ReplayController, ReplayModel
    from cockpit.ui.scenes.dashboard import DashboardScene

LABEL_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class _Drawing:
    """The off-screen dashboard the pictures are drawn with (made at the first picture)."""

    scene: DashboardScene
    controller: ReplayController
    surface: pygame.Surface


@dataclass
class Shot:
    time_s: float
    label: str
    order: int
    path: Path | None = None
    caption: str = ""  # what the picture shows, drawn on it: the event, or the expectation and its verdict


def _label(text: str) -> str:
    return LABEL_CHARS.sub("_", text).strip("_")[:48] or "shot"


def _event_label(event) -> str:
    payload = event.payload if isinstance(event.payload, Mapping) else {}
    detail = payload.get("seat") or payload.get("message") or payload.get("control") or payload.get("to") or ""
    return _label("_".join(str(p) for p in (event.id or event.kind, detail) if p))


def _event_caption(event) -> str:
    payload = event.payload if isinstance(event.payload, Mapping) else {}
    what = payload.get("text") or payload.get("message") or payload.get("control") or payload.get("to") or ""
    seat = payload.get("seat")
    return " ".join(
        str(p)
        for p in (
            f"event {event.id or event.kind}:",
            event.kind if event.id else "",
            f"({seat})" if seat else "",
            f'"{what}"' if what else "",
        )
        if p
    )


class ScreenshotRecorder:
    """`ScreenshotRecorder(session, out_dir).install()` before the run; `close()` after the outputs are written
    (it reads `report.json` for the expectations' times, or takes `results` directly)."""

    def __init__(self, session, out_dir: Path | None, *, size: tuple[int, int] = REFERENCE_SIZE) -> None:
        self.session = session
        self.folder = Path(out_dir if out_dir is not None else "out") / "screenshots"
        self.size = size
        self.shots: list[Shot] = []
        self._pending: list[Shot] = []
        self._model: ReplayModel | None = None
        self._drawing: _Drawing | None = None
        self._installed = False

    # --- set-up ------------------------------------------------------------------------------
    def install(self) -> ScreenshotRecorder:
        from cockpit.ui.home_tiles import pick_tiles
        from cockpit.ui.replay import ReplayModel, home_snapshot

        session = self.session
        home = getattr(session, "home", None)
        initial: dict[str, Any] = {}
        specs: tuple[HomeTileSpec, ...] = ()
        if home is not None:
            names = home.names() if hasattr(home, "names") else []
            initial = home_snapshot(names, home.state)
            specs = pick_tiles(home.catalogue())
        message_of = {path: meta.message for path, meta in session.cockpit.store.catalogue.items()}
        self._model = ReplayModel(
            session.scenario.name,
            session.scenario.duration_s,
            home_initial=initial,
            home_specs=specs,
            message_of=message_of,
        )
        events = sorted(enumerate(session.scenario.events), key=lambda pair: (pair[1].at_s, pair[0]))
        self._pending = [
            Shot(event.at_s, _event_label(event), order, caption=_event_caption(event)) for order, event in events
        ]
        if self.folder.is_dir():
            for old in self.folder.glob("*.png"):
                old.unlink()
        session.trace.subscribe(self._on_record)
        self._installed = True
        return self

    def _on_record(self, record: dict[str, Any]) -> None:
        if self._model is None:
            return
        self._model.add(record)
        t = record["t"]
        while self._pending and t > self._pending[0].time_s + 1e-9:
            self._capture(self._pending.pop(0))

    # --- drawing -----------------------------------------------------------------------------
    def _ensure_drawing(self) -> _Drawing:
        if self._drawing is None:
            if self._model is None:
                raise RuntimeError("ScreenshotRecorder.install() comes before the first picture")
            os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
            os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
            import pygame

            from cockpit.ui.fonts import FontBook
            from cockpit.ui.replay import ReplayController
            from cockpit.ui.scenes.dashboard import DashboardScene
            from cockpit.ui.widgets.map_view import place_names

            pygame.font.init()
            roadmap = self.session.cockpit.navigator.roadmap
            controller = ReplayController(self._model, dict(place_names(roadmap)), title_prefix="")
            scene = DashboardScene(controller, FontBook(), roadmap)
            scene.show_frame_rate = False
            self._drawing = _Drawing(scene, controller, pygame.Surface(self.size))
        return self._drawing

    @property
    def _scene(self) -> DashboardScene | None:
        return self._drawing.scene if self._drawing is not None else None

    def render(self, time_s: float, caption: str = "") -> pygame.Surface:
        """The dashboard at `time_s` (within what the trace has told so far), as a surface, with `caption` (what
        the picture shows, and when) on a strip along its bottom."""
        drawing = self._ensure_drawing()
        drawing.controller.seek(time_s)
        drawing.scene.state = drawing.controller.state()
        drawing.scene.draw(drawing.surface)
        if caption:
            self._draw_caption(drawing, f"{time_s:.1f} s  {caption}")
        return drawing.surface

    def _draw_caption(self, drawing: _Drawing, text: str) -> None:
        import pygame

        from cockpit.ui import theme
        from cockpit.ui.widgets import draw

        fonts, surface = drawing.scene.fonts, drawing.surface
        size = max(12, surface.get_height() // 40)
        strip = pygame.Rect(
            0, surface.get_height() - fonts.line_height(size) - 8, surface.get_width(), fonts.line_height(size) + 8
        )
        pygame.draw.rect(surface, theme.BACKGROUND, strip)
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, text, size, strip.width - 24),
            size,
            theme.TEXT,
            (12, strip.centery),
            anchor="midleft",
            box=strip,
        )

    def _capture(self, shot: Shot) -> None:
        import pygame

        self.folder.mkdir(parents=True, exist_ok=True)
        surface = self.render(shot.time_s, shot.caption or shot.label)
        path = self.folder / f"{len(self.shots):03d}_{shot.time_s:.1f}s_{shot.label}.png"
        pygame.image.save(surface, str(path))
        shot.path = path
        self.shots.append(shot)

    # --- the end -----------------------------------------------------------------------------
    def close(self, results: list | None = None) -> list[Path]:
        """Draw what is left (events the trace did not pass, the expectations), number by time."""
        if not self._installed:
            return []
        self._installed = False
        end_s = self._model.end_s if self._model is not None else 0.0
        for shot in self._pending:
            if shot.time_s <= end_s + 1e-9:
                self._capture(shot)
        self._pending = []
        order = len(self.shots)
        for index, (expectation_id, passed, time_s) in enumerate(self._expectations(results)):
            if time_s is None:
                continue
            verdict = "pass" if passed else "FAIL"
            label = f"{_label(f'expect_{expectation_id}')[:40]}_{verdict}"
            self._capture(
                Shot(float(time_s), label, order + index, caption=f"expectation {expectation_id}: {verdict.upper()}")
            )
        self._renumber()
        return [shot.path for shot in self.shots if shot.path is not None]

    def _expectations(self, results: list | None) -> list[tuple[str, bool, float | None]]:
        if results is not None:
            return [(r.id, r.passed, r.time_s) for r in results]
        report = self.folder.parent / "report.json"
        if report.is_file():
            data = json.loads(report.read_text(encoding="utf-8"))
            return [(e.get("id"), bool(e.get("passed")), e.get("time_s")) for e in data.get("expectations") or ()]
        return []

    def _renumber(self) -> None:
        ordered = sorted(self.shots, key=lambda s: (s.time_s, s.order))
        staged = []
        for shot in ordered:
            if shot.path is None:  # every captured shot has its file
                continue
            temporary = shot.path.with_name(shot.path.name + ".tmp")
            os.replace(shot.path, temporary)
            staged.append((shot, temporary))
        for number, (shot, temporary) in enumerate(staged):
            shot.path = self.folder / f"{number:03d}_{shot.time_s:.1f}s_{shot.label}.png"
            os.replace(temporary, shot.path)
        self.shots = ordered
