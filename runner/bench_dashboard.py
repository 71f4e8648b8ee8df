"""The dashboard's figures for `python main.py bench`, under SDL's dummy driver and, when there is one, on an X
display (the one in DISPLAY, else an Xvfb started for the measurement and stopped after).

Each driver is measured in a fresh process (`python -m runner.bench_dashboard --child DRIVER SCENARIO FRAMES`),
which prints one JSON line. In it: the cold start (process start to the first frame on screen); frames per second
at 1920×720 while the scenario runs at 10× on the wall clock, uncapped; the frames per CPU-second of the process
(so the figure holds on a machine of another speed); a fixed drawing baseline measured on the same display in the
same process (rectangles, lines and texts: `BASELINE_*`) and the dashboard's ratio to it; the warp the simulation
achieved meanwhile and how fast the simulation runs with no window at all (the frame loop must not slow it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_WARP = 10.0
BENCH_FRAMES = 300
WARM_FRAMES = 20
BASELINE_FRAMES = 300
BASELINE_RECTS, BASELINE_LINES, BASELINE_TEXTS = 120, 40, 80
SIZE = (1920, 720)
ROOT = Path(__file__).resolve().parent.parent
CHILD_TIMEOUT_S = 300


def measure_dashboard(parts, *, frames: int = BENCH_FRAMES, scenario_path: Path | None = None) -> dict[str, Any]:
    """Figures under the dummy driver and under X (when a display or Xvfb is at hand); the headline
    `dashboard_fps_1920x720_at_10x` is X's when measured (a real window), else the dummy driver's."""
    from runner.cli import DEFAULT_SCENARIO

    scenario_path = Path(scenario_path or DEFAULT_SCENARIO)
    figures: dict[str, Any] = {}
    figures.update(_measure_child("dummy", {"SDL_VIDEODRIVER": "dummy"}, scenario_path, frames))
    display = os.environ.get("DISPLAY")
    server = None
    if not display:
        server = XvfbServer.start()
        display = server.display if server is not None else None
    try:
        if display:
            env = {"DISPLAY": display, "SDL_VIDEODRIVER": "x11"}
            figures.update(_measure_child("x11", env, scenario_path, frames))
            figures["dashboard_x11_server"] = "Xvfb (started by the bench)" if server is not None else display
        else:
            figures["dashboard_x11_error"] = "no X display: DISPLAY unset and no Xvfb on PATH (apt install xvfb)"
    finally:
        if server is not None:
            server.stop()
    measured = [driver for driver in ("x11", "dummy") if f"dashboard_fps_{driver}" in figures]
    if measured:  # else each driver's error figure says why
        headline = measured[0]
        figures["dashboard_fps_1920x720_at_10x"] = figures[f"dashboard_fps_{headline}"]
        figures["cold_start_to_first_frame_ms"] = figures[f"cold_start_to_first_frame_ms_{headline}"]
        figures["dashboard_headline_driver"] = headline
    return figures


class XvfbServer:
    """An Xvfb on a free display number; `-displayfd` tells the number once the server accepts clients."""

    def __init__(self, process: subprocess.Popen, display: str) -> None:
        self.process = process
        self.display = display

    @classmethod
    def start(cls) -> XvfbServer | None:
        binary = shutil.which("Xvfb")
        if binary is None:
            return None
        read_end, write_end = os.pipe()
        process = subprocess.Popen(
            [binary, "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as ready:
            number = ready.readline().strip()  # blocks until the server is ready (or has exited: empty)
        if not number.isdigit():
            process.kill()
            process.wait()
            return None
        return cls(process, f":{number}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _measure_child(driver: str, env_changes: dict[str, str], scenario_path: Path, frames: int) -> dict[str, Any]:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1", **env_changes)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-m", "runner.bench_dashboard", "--child", driver, str(scenario_path), str(frames)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert child.stdout is not None  # stdout=PIPE
    first = child.stdout.readline()  # printed right after the first frame is on screen
    cold_ms = (time.perf_counter() - started) * 1000
    rest, errors = child.communicate(timeout=CHILD_TIMEOUT_S)
    if not first.startswith("first_frame") or child.returncode != 0:
        return {f"dashboard_{driver}_error": f"child failed: {errors.strip()[-300:]}"}
    figures = json.loads(rest.strip().splitlines()[-1])
    figures[f"cold_start_to_first_frame_ms_{driver}"] = round(cold_ms, 1)
    figures[f"cold_start_after_interpreter_ms_{driver}"] = round(float(first.split()[1]) * 1000, 1)
    return figures


def _child(driver: str, scenario_path: Path, frames: int) -> int:
    started = time.perf_counter()
    from runner.app_command import build_app
    from runner.assembly import Parts

    parts = Parts()
    app = build_app(parts, parts.load_scenario(scenario_path), None, size=SIZE, fps_cap=0)
    app.frame(1 / 60)
    print("first_frame", time.perf_counter() - started, flush=True)
    try:
        figures = _frame_rate(app, driver, frames)
        figures.update(_baseline(app.screen, driver, figures[f"dashboard_fps_{driver}"]))
        figures[f"sim_alone_x_{driver}"] = _simulation_alone(app.controller.session)
    finally:
        app.close()
    print(json.dumps(figures), flush=True)
    return 0


def _frame_rate(app, driver: str, frames: int) -> dict[str, Any]:
    """Uncapped frames on the wall clock while the scenario runs at 10×: frame rate, CPU cost, warp achieved."""
    controller = app.controller
    controller.set_warp(BENCH_WARP)

    def frame() -> None:
        if controller.pending_card() is not None:
            controller.answer_card(False)  # a card holds time at 1x until answered: the driver says no at once
        app.frame()  # the wall time since the last frame drives the simulation, as in the window

    for _ in range(WARM_FRAMES):  # the caches (text, map layer) as a running window has them
        frame()
    sim_start, wall_start, cpu_start = controller.session.now_s, time.perf_counter(), time.process_time()
    for _ in range(frames):
        frame()
    wall_s, cpu_s = time.perf_counter() - wall_start, time.process_time() - cpu_start
    simulated_s = controller.session.now_s - sim_start
    return {
        f"dashboard_fps_{driver}": round(frames / wall_s, 1),
        f"dashboard_frames_per_cpu_s_{driver}": round(frames / max(cpu_s, 1e-9), 1),
        f"dashboard_cpu_share_{driver}": round(cpu_s / wall_s, 2),
        f"dashboard_achieved_warp_{driver}": round(simulated_s / wall_s, 2),
        f"dashboard_partial_pushes_{driver}": app.pusher.partial_pushes,
    }


def _baseline(screen, driver: str, dashboard_fps: float) -> dict[str, Any]:
    """A fixed scene on the same display: rectangles, lines and pre-rendered texts, then a flip, per frame."""
    import pygame

    font = pygame.font.Font(None, 28)  # pygame's own font: the same on every machine
    texts = [font.render(f"baseline text {i:03d}", True, (230, 230, 230)) for i in range(BASELINE_TEXTS)]
    width, height = screen.get_size()
    started = time.perf_counter()
    for frame in range(BASELINE_FRAMES):
        screen.fill((7, 10, 15))
        for i in range(BASELINE_RECTS):
            rect = pygame.Rect((i * 97 + frame) % (width - 120), (i * 53) % (height - 60), 120, 60)
            pygame.draw.rect(screen, (16 + i % 64, 21, 29 + i % 90), rect, border_radius=10)
        for i in range(BASELINE_LINES):
            pygame.draw.line(screen, (78, 94, 118), (i * 47 % width, 0), ((i * 47 + frame) % width, height), 5)
        for i, text in enumerate(texts):
            screen.blit(text, ((i * 211 + frame) % (width - 200), (i * 37) % (height - 30)))
        pygame.display.flip()
    fps = BASELINE_FRAMES / (time.perf_counter() - started)
    return {
        f"baseline_fps_{driver}": round(fps, 1),
        f"dashboard_to_baseline_{driver}": round(dashboard_fps / fps, 2),
    }


def _simulation_alone(session, sim_seconds: float = 30.0) -> float:
    """Simulated seconds per wall second with no window: the room the frame loop has at 10×."""
    before, started = session.now_s, time.perf_counter()
    session.advance(min(before + sim_seconds, session.scenario.duration_s))
    elapsed = time.perf_counter() - started
    return round((session.now_s - before) / max(elapsed, 1e-9), 1)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])))
    print("usage: python -m runner.bench_dashboard --child DRIVER SCENARIO FRAMES", file=sys.stderr)
    sys.exit(2)
