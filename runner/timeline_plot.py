"""`timeline.png` for every run: speed, cabin temperature and the driver's set point, charge and fatigue over
time, with markers for utterances, actions, alerts, suggestions and the expectations' verdicts.

Drawn with pygame on an off-screen surface (no window, no plotting library). Only the lines of the trace
that matter are parsed (a cheap substring test first), so a 30-minute trace takes well under a second.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from canbus import vss
from cockpit.zones import SET_POINT_PATH

SIZE = (1600, 1000)
BACKGROUND, PANEL, GRID, TEXT, DIM = (12, 16, 22), (20, 26, 35), (44, 54, 70), (230, 236, 244), (140, 152, 170)
SPEED_C, CABIN_C, SET_C, SOC_C, FATIGUE_C = (
    (64, 190, 255),
    (255, 140, 60),
    (255, 220, 120),
    (52, 214, 150),
    (220, 120, 255),
)
PASS_C, FAIL_C, ALERT_C, WARN_C = (52, 214, 150), (255, 77, 79), (255, 77, 79), (255, 184, 28)
USER_C, ASSISTANT_C, ACTION_C, SUGGESTION_C = (120, 170, 255), (200, 210, 230), (255, 105, 0), (190, 140, 255)
SERIES = {  # path → key
    vss.SPEED: "speed",
    vss.CABIN_TEMPERATURE: "cabin",
    SET_POINT_PATH["driver"]: "set_point",
    vss.STATE_OF_CHARGE: "soc",
    vss.FATIGUE: "fatigue",
}
MARKED = ("utterance", "action", "alert", "suggestion")


@dataclass
class TimelineData:
    duration_s: float = 0.0
    name: str = ""
    series: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: {k: [] for k in SERIES.values()})
    marks: dict[str, list[tuple[float, Any]]] = field(default_factory=lambda: {k: [] for k in MARKED})
    expectations: list[tuple[str, bool, float | None]] = field(default_factory=list)


def read_timeline(out_dir: Path) -> TimelineData:
    data = TimelineData()
    needles = [(f'"path":"{path}"', key) for path, key in SERIES.items()]
    wanted = tuple(f'"type":"{kind}"' for kind in MARKED)
    end = 0.0
    with open(out_dir / "trace.jsonl", encoding="utf-8") as lines:
        for line in lines:
            if '"type":"signal"' in line:
                for needle, key in needles:
                    if needle in line:
                        record = json.loads(line)
                        value = record.get("value")
                        if isinstance(value, int | float) and not isinstance(value, bool):
                            data.series[key].append((record["t"], float(value)))
                        break
                continue
            if any(w in line for w in wanted):
                record = json.loads(line)
                data.marks[record["type"]].append((record["t"], record))
            elif '"type":"run_end"' in line:
                end = json.loads(line)["t"]
    report_path = out_dir / "report.json"
    if report_path.is_file():
        report = json.loads(report_path.read_text(encoding="utf-8"))
        data.duration_s = float((report.get("scenario") or {}).get("duration_s") or 0.0)
        data.name = str((report.get("scenario") or {}).get("name") or "")
        data.expectations = [
            (str(e.get("id")), bool(e.get("passed")), e.get("time_s")) for e in report.get("expectations") or ()
        ]
    data.duration_s = max(data.duration_s, end, 1.0) if not data.duration_s else data.duration_s
    data.name = data.name or out_dir.name
    return data


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    for step in (0.5, 1, 2, 5, 10, 15, 20, 25, 30, 50, 60, 100, 120, 300, 600, 900, 1800, 3600):
        if step >= raw:
            return step
    return raw


PANELS = (  # title, units, (series key, colour, legend), fixed (low, high) with None for "from the data"
    ("Speed", "km/h", (("speed", SPEED_C, "speed"),), (0.0, None)),
    ("Cabin", "°C", (("cabin", CABIN_C, "cabin air"), ("set_point", SET_C, "driver set point")), None),
    ("Charge", "%", (("soc", SOC_C, "state of charge"),), None),
    ("Fatigue", "%", (("fatigue", FATIGUE_C, "driver fatigue"),), (0.0, 100.0)),
)
LANES = ("utterances", "actions", "suggestions", "alerts", "expectations")
LANE_H, GAP, AXIS_H = 24, 14, 40
SUGGESTION_COLOURS = {"accepted": PASS_C, "dismissed": FAIL_C, "expired": DIM}

Panel = tuple[str, str, tuple[tuple[str, tuple[int, int, int], str], ...], tuple[float, float | None] | None]


class _Canvas:
    """The picture being drawn: its surface and fonts, the plot's left and right edges, and time → x."""

    def __init__(self, pygame: Any, fonts: Any, size: tuple[int, int], duration_s: float) -> None:
        self.pygame = pygame
        self.fonts = fonts
        self.surface = pygame.Surface(size)
        self.surface.fill(BACKGROUND)
        self.width, self.height = size
        self.left, self.right, self.top = 110, self.width - 30, 56
        self.duration = duration_s
        self.minutes = duration_s >= 300
        self.unit = 60.0 if self.minutes else 1.0
        self.step = _nice_step(duration_s / self.unit, 12) * self.unit  # between time grid lines

    def x_of(self, t: float) -> int:
        return self.left + round((self.right - self.left) * min(max(t, 0.0), self.duration) / self.duration)

    def grid_times(self) -> list[float]:
        times, t = [], 0.0
        while t <= self.duration + 1e-9:
            times.append(t)
            t += self.step
        return times

    def text(
        self, value: str, pos: Any, colour: Any = TEXT, size_px: int = 16, anchor: str = "topleft", bold: bool = False
    ) -> Any:
        rendered = self.fonts.render(value, size_px, colour, bold=bold)
        rect = rendered.get_rect(**{anchor: pos})
        self.surface.blit(rendered, rect)
        return rect


def write_timeline(out_dir: Path, *, size: tuple[int, int] = SIZE) -> Path:
    """Draw `out_dir/timeline.png` from its trace.jsonl and report.json; returns the picture's path."""
    out_dir = Path(out_dir)
    data = read_timeline(out_dir)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import pygame.freetype

    from cockpit.ui.fonts import FontBook, find_cjk_font

    pygame.freetype.init()
    found = find_cjk_font()
    fonts = FontBook(found, search=False) if found is not None else FontBook(search=False)
    canvas = _Canvas(pygame, fonts, size, data.duration_s)
    _draw_header(canvas, data)
    lanes_h = LANE_H * len(LANES)
    panel_h = (canvas.height - canvas.top - AXIS_H - lanes_h - GAP * (len(PANELS) + 1)) // len(PANELS)
    y = canvas.top
    for panel in PANELS:
        y = _draw_panel(canvas, data, panel, y, panel_h) + GAP
    _draw_marks(canvas, data, lane_top=y)
    _draw_time_axis(canvas, axis_y=y + lanes_h + 4)
    path = out_dir / "timeline.png"
    pygame.image.save(canvas.surface, str(path))
    return path


def _draw_header(canvas: _Canvas, data: TimelineData) -> None:
    canvas.text(f"{data.name}  —  timeline", (canvas.left, 14), size_px=22, bold=True)
    passed = sum(p for _, p, _ in data.expectations)
    verdict = f"expectations: {passed}/{len(data.expectations)} passed"
    colour = PASS_C if passed == len(data.expectations) else FAIL_C
    canvas.text(verdict, (canvas.right, 18), colour, 18, "topright", True)


def _value_range(data: TimelineData, panel: Panel) -> tuple[float, float]:
    """The panel's value axis: the data's range padded by 8 %, or the fixed end where there is one."""
    _, _, lines, fixed = panel
    values = [v for key, _, _ in lines for _, v in data.series[key]]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if fixed is not None:
        lo = fixed[0] if fixed[0] is not None else lo
        hi = fixed[1] if fixed[1] is not None else max(hi, lo + 1)
    if hi - lo < 1e-6:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.08
    return (lo if fixed and fixed[0] is not None else lo - pad), (hi if fixed and fixed[1] else hi + pad)


def _draw_panel(canvas: _Canvas, data: TimelineData, panel: Panel, y: int, panel_h: int) -> int:
    """One plot with its grid, labels, legend and step lines; returns its bottom edge."""
    pygame, surface, left, right = canvas.pygame, canvas.surface, canvas.left, canvas.right
    title, units, lines, _ = panel
    rect = pygame.Rect(left, y, right - left, panel_h)
    pygame.draw.rect(surface, PANEL, rect)
    lo, hi = _value_range(data, panel)

    def y_of(v: float) -> int:
        return rect.bottom - round((v - lo) / (hi - lo) * rect.height)

    value_step = _nice_step(hi - lo, 4)
    tick = (lo // value_step + 1) * value_step
    while tick < hi:
        ty = y_of(tick)
        pygame.draw.line(surface, GRID, (left, ty), (right, ty), 1)
        canvas.text(f"{tick:g}", (left - 8, ty), DIM, 13, "midright")
        tick += value_step
    for t in canvas.grid_times():
        pygame.draw.line(surface, GRID, (canvas.x_of(t), rect.top), (canvas.x_of(t), rect.bottom), 1)
    label = canvas.text(title, (12, rect.top + 4), TEXT, 16, bold=True)
    canvas.text(f"({units})", (12, label.bottom + 2), DIM, 14)
    legend_x = left + 10
    for key, colour, name in lines:
        _draw_steps(canvas, data.series[key], y_of, colour)
        legend = canvas.text(name, (legend_x + 16, rect.top + 6), colour, 13)
        pygame.draw.line(surface, colour, (legend_x, legend.centery), (legend_x + 12, legend.centery), 3)
        legend_x = legend.right + 18
    pygame.draw.rect(surface, GRID, rect, 1)
    return rect.bottom


def _draw_steps(canvas: _Canvas, points: list[tuple[float, float]], y_of: Any, colour: Any) -> None:
    """A series as steps: each value holds until the next change, the last one to the end of the run."""
    if not points:
        return
    x_of = canvas.x_of
    xy = [(x_of(points[0][0]), y_of(points[0][1]))]
    for (_, v0), (t1, v1) in zip(points, points[1:], strict=False):
        xy.append((x_of(t1), y_of(v0)))
        xy.append((x_of(t1), y_of(v1)))
    xy.append((x_of(max(points[-1][0], canvas.duration)), y_of(points[-1][1])))
    if len(xy) > 1:
        canvas.pygame.draw.lines(canvas.surface, colour, False, xy, 2)


def _draw_marks(canvas: _Canvas, data: TimelineData, lane_top: int) -> None:
    """The marker lanes under the plots: utterances, actions, suggestions, alerts, expectation verdicts."""
    pygame, surface = canvas.pygame, canvas.surface
    for i, lane in enumerate(LANES):
        rect = pygame.Rect(canvas.left, lane_top + i * LANE_H, canvas.right - canvas.left, LANE_H - 4)
        pygame.draw.rect(surface, PANEL, rect)
        canvas.text(lane, (canvas.left - 8, rect.centery), DIM, 13, "midright")
    cy = {lane: lane_top + i * LANE_H + (LANE_H - 4) // 2 for i, lane in enumerate(LANES)}
    x_of = canvas.x_of
    for t, record in data.marks["utterance"]:
        colour = USER_C if record.get("speaker") == "user" else ASSISTANT_C
        pygame.draw.circle(surface, colour, (x_of(t), cy["utterances"] + (-4 if colour == USER_C else 4)), 4)
    for t, record in data.marks["action"]:
        colour = ACTION_C if record.get("status") == "sent" else WARN_C
        rect = pygame.Rect(0, 0, 8, 8)
        rect.center = (x_of(t), cy["actions"])
        pygame.draw.rect(surface, colour, rect)
    c = cy["suggestions"]
    for t, record in data.marks["suggestion"]:
        x = x_of(t)
        colour = SUGGESTION_COLOURS.get(record.get("status"), SUGGESTION_C)
        pygame.draw.polygon(surface, colour, [(x, c - 6), (x + 6, c), (x, c + 6), (x - 6, c)])
    for t, record in data.marks["alert"]:
        level = int(record.get("level") or 0)
        if level <= 0:
            continue
        colour = DIM if record.get("kind") == "monitoring_unavailable" else ALERT_C if level >= 2 else WARN_C
        pygame.draw.line(surface, colour, (x_of(t), cy["alerts"] - 3 * level), (x_of(t), cy["alerts"] + 3 * level), 3)
    for expectation in data.expectations:
        _draw_verdict(canvas, expectation, cy["expectations"], lane_top)


def _draw_verdict(canvas: _Canvas, expectation: tuple[str, bool, float | None], c: int, lane_top: int) -> None:
    """A triangle at the verdict's time (hollow when it came at the end); a failure is named, with a dashed
    line through the plots."""
    pygame, surface = canvas.pygame, canvas.surface
    expectation_id, ok, time_s = expectation
    x = canvas.x_of(canvas.duration if time_s is None else float(time_s))
    colour = PASS_C if ok else FAIL_C
    points = [(x, c + 7), (x - 7, c - 7), (x + 7, c - 7)]
    pygame.draw.polygon(surface, colour, points, 0 if time_s is not None else 2)
    if ok:
        return
    fits_right = x + 9 + canvas.fonts.width(expectation_id, 12) <= canvas.width
    canvas.text(
        expectation_id,
        (x + 9, c) if fits_right else (x - 9, c - 12),
        FAIL_C,
        12,
        "midleft" if fits_right else "midright",
    )
    for panel_top in range(canvas.top, lane_top, 6):
        pygame.draw.line(surface, FAIL_C, (x, panel_top), (x, panel_top + 2), 1)


def _draw_time_axis(canvas: _Canvas, axis_y: int) -> None:
    for t in canvas.grid_times():
        x = canvas.x_of(t)
        canvas.pygame.draw.line(canvas.surface, DIM, (x, axis_y), (x, axis_y + 5), 1)
        canvas.text(f"{t / canvas.unit:g}", (x, axis_y + 7), DIM, 13, "midtop")
    label = "time (min)" if canvas.minutes else "time (s)"
    canvas.text(label, (canvas.right, canvas.height - 6), TEXT, 14, "bottomright", True)
