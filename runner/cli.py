"""The command line (a contract, see README): run, understand, sim, cockpit, bench; no arguments = the app.

Every command ends the same way when it cannot finish (runner/errors.py): bad input → exit 2 with the file and
line; an internal error → exit 3, one line on stderr and the traceback in an error.txt (the run's folder, the
cockpit's --out, else out/<command>/); Ctrl-C at any moment → exit 130, one line, no traceback; SIGTERM is handled
as Ctrl-C is and exits 143 (runner/interrupts.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import shipped_files
from runner import interrupts
from runner.console import command_prefix
from runner.errors import (
    EXIT_BAD_INPUT,
    UsageError,
    describe,
    exit_interrupted,
    install_interrupt_handler,
    is_bad_input,
    report_internal_error,
)

DEFAULT_SCENARIO = shipped_files.shipped_path(shipped_files.DEFAULT_SCENARIO)

# What needs packages beyond the core install, and the extra of pyproject.toml that brings them (Ray, for
# `sweep --ray`, is asked for where it is imported: runner/sweep/ray_backend.py).
SWEEP_NEEDS: tuple[str, ...] = ("matplotlib", "rich")
MQTT_NEEDS: tuple[str, ...] = ("paho",)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=command_prefix(),
        description="Cockpit AI Simulator: an SU7-style EV on a CAN bus and the AI cockpit that "
        "reads it. With no command, opens the desktop simulator on the default scenario.",
        epilog="exit codes (every command): 0 ok (run: every expectation passed), 1 run/sweep: some expectation "
        "failed, 2 bad input (file:line and what was expected), 3 internal error "
        "(traceback in error.txt: the run's folder, cockpit's --out, else out/COMMAND/), 4 sim/cockpit: the bus "
        "failed, 130 interrupted "
        "(Ctrl-C; outputs still written whole), 143 run: stopped by SIGTERM (as Ctrl-C; sim/cockpit/home: 0)",
    )
    parser.add_argument("--nlu-model", type=Path, help="an ONNX NLU model with its .json card (default: shipped)")
    parser.add_argument(
        "--scenario",
        type=Path,
        help=f"with no command: the scenario the window opens on (default: {shipped_files.DEFAULT_SCENARIO})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser(
        "run", help="run scenarios, write outputs; exit 0 pass / 1 fail / 2 bad input / 3 internal error / 130 Ctrl-C"
    )
    run.add_argument("scenarios", nargs="+", type=Path, metavar="SCENARIO")
    run.add_argument(
        "--headless",
        action="store_true",
        help="no window (the default without a display, or with several scenarios); with a display "
        "and one scenario, run opens it in the window and writes its outputs when it is closed",
    )
    run.add_argument("--speed", default="max", help="simulation speed: a factor of real time (1, 10, 60) or max")
    run.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    run.add_argument("--bus", default="virtual", help="bus spec for the in-process run (default: virtual)")
    run.add_argument("--screenshots", action="store_true", help="save dashboard pictures (needs the dashboard)")
    run.add_argument(
        "--profiles", type=Path, help="driver profiles folder: habits learnt in one run are offered in the next"
    )
    run.add_argument(
        "--home",
        default="embedded",
        help="the home: embedded (a simulated house, default) or mqtt://[user:password@]HOST:PORT[?tls=1]",
    )
    run.add_argument(
        "--garage-radius",
        type=float,
        metavar="METRES",
        help="the garage and gate open within this distance of home (default 300)",
    )
    run.add_argument(
        "--garage-approach",
        type=float,
        metavar="METRES",
        help="asked within this distance, a garage request waits for the radius; further out it is "
        "refused (default 2500)",
    )

    understand = commands.add_parser("understand", help="what the language model makes of an utterance")
    understand.add_argument("text", nargs="?", help="the utterance (English or Mandarin)")
    understand.add_argument("--jsonl", action="store_true", help='read {"text": ...} lines on stdin')

    sim = commands.add_parser(
        "sim",
        help="the vehicle alone on a bus (pair with `cockpit` in another process); "
        "the scenario sets up the car, its route and events are not played",
    )
    sim.add_argument("--bus", default="udp_multicast", help="bus spec (default: udp_multicast)")
    sim.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO, help="scenario for the car's set-up")
    sim.add_argument("--speed", default="1", help="real-time factor (default 1)")
    sim.add_argument("--duration", type=float, help="seconds to run (default: the scenario's duration)")

    cockpit = commands.add_parser("cockpit", help="the cockpit alone, on a live bus or a recorded log")
    cockpit.add_argument("--bus", default="udp_multicast", help="bus spec, or replay:FILE.log")
    cockpit.add_argument("--out", type=Path, default=Path("out/cockpit"), help="where the trace goes")
    cockpit.add_argument("--duration", type=float, help="seconds to listen on a live bus (default: until Ctrl-C)")

    commands.add_parser("bench", help="performance figures as JSON and a table")

    from runner.sweep.command import add_arguments as add_sweep_arguments

    add_sweep_arguments(
        commands.add_parser(
            "sweep",
            help="many variations of scenarios in parallel (--vary KEY=VALUES), one report; exit 0 every run "
            "passed / 1 some failed / 2 bad input",
        )
    )

    convert = commands.add_parser(
        "convert",
        help="a CAN log to another format: candump .log, .asc, .blf, .mf4 (OUT's extension; lossless, see README)",
    )
    convert.add_argument("source", type=Path, metavar="IN", help="the log to convert (its format from its content)")
    convert.add_argument("target", type=Path, metavar="OUT", help="the log to write: .log, .asc, .blf or .mf4")

    replay = commands.add_parser("replay", help="open a finished run's folder in the dashboard and scrub its trace")
    replay.add_argument("out_dir", type=Path, help="a run's output folder (with trace.jsonl and report.json)")

    habits = commands.add_parser("habits", help="list or reset a driver's learnt habits")
    habits.add_argument("action", choices=("list", "reset"))
    habits.add_argument("--profiles", type=Path, required=True, help="the driver profiles folder")
    habits.add_argument("--driver", default="driver", help="the driver's profile name (default: driver)")

    from runner.home_command import add_arguments as add_home_arguments

    add_home_arguments(commands.add_parser("home", help="the simulated house as its own MQTT device process"))
    return parser


def _habits(args: argparse.Namespace) -> int:
    from cockpit.habits import HabitStore, profile_path
    from cockpit.proactive.assistant import ANSWERS_SECTION
    from cockpit.proactive.policy import AnswerMemory

    store = HabitStore(profile_path(args.profiles, args.driver))
    if args.action == "reset":
        store.reset()
        print(f"habits of {args.driver} reset ({store.path})")
        return 0
    habits = store.habits()
    for habit in habits:
        print(f"{habit.situation:38} {habit.control:40} {habit.value!s:>8}  (seen {habit.seen}×)")
    if not habits:
        print(f"no habits learnt yet for {args.driver} ({store.path})")
    answers = AnswerMemory.from_state(store.sections.get(ANSWERS_SECTION))
    if answers.leaves_alone():
        print("proactive suggestions: off — every suggestion was refused and none kept (reset to start over)")
    for line in answers.personal.describe():
        print(f"personal threshold: {line}")
    return 0


def error_dir(args: argparse.Namespace) -> Path:
    """Where an internal error's traceback goes: the output folder a command has, else out/<command>/."""
    command = getattr(args, "command", None)
    if command in ("run", "cockpit", "sweep"):
        return Path(args.out)
    return Path("out") / (command or "app")


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C (SIGINT) stops every command with its outputs flushed, even when the process was started with
    # SIGINT ignored; main.py installs the same handler before its first import.
    install_interrupt_handler()
    args: argparse.Namespace | None = None
    try:
        args = _parser().parse_args(argv)
        return _dispatch(args)
    except KeyboardInterrupt:
        return exit_interrupted()
    except Exception as error:
        if interrupts.received:  # Ctrl-C while a native module started up, come out as that module's error
            return exit_interrupted()
        if is_bad_input(error):
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        where = error_dir(args) if args is not None else Path("out") / "app"
        command = getattr(args, "command", None) or "app"
        return report_internal_error(error, where, header=f"{command_prefix()} {command}: {describe(error)}\n\n")


def _geofence(args: argparse.Namespace):
    """The home geofence from --garage-radius / --garage-approach (ValueError, i.e. bad input, if inconsistent)."""
    from cockpit.home.geofence import DEFAULT_APPROACH_M, DEFAULT_OPEN_RADIUS_M, HomeGeofence

    radius = DEFAULT_OPEN_RADIUS_M if args.garage_radius is None else args.garage_radius
    approach = DEFAULT_APPROACH_M if args.garage_approach is None else args.garage_approach
    try:
        return HomeGeofence(
            open_radius_m=radius, approach_m=max(approach, radius) if args.garage_approach is None else approach
        )
    except ValueError as error:
        raise UsageError(f"--garage-radius / --garage-approach: {error}") from None


def _check_extras(args: argparse.Namespace) -> None:
    """A command whose optional packages are not installed is refused up front, naming the extra to install."""
    if args.command == "sweep":
        what, modules, extra = "`sweep`", SWEEP_NEEDS, "sweep"
    elif args.command == "home":
        what, modules, extra = "`home`", MQTT_NEEDS, "mqtt"
    elif args.command == "run" and str(args.home).startswith(("mqtt://", "mqtts://")):
        what, modules, extra = "--home mqtt://...", MQTT_NEEDS, "mqtt"
    else:
        return
    missing = [module for module in modules if importlib.util.find_spec(module) is None]
    if missing:
        raise UsageError(f"{what} needs {', '.join(missing)}: pip install 'cockpit-ai-simulator[{extra}]'")


def _dispatch(args: argparse.Namespace) -> int:
    _check_extras(args)
    from runner.assembly import Parts

    running = args.command == "run"
    parts = Parts(
        nlu_model_path=args.nlu_model,
        home=args.home if running else None,
        profiles_dir=args.profiles if running else None,
        geofence=_geofence(args) if running else None,
    )
    if args.command == "run":
        from runner.app_command import person_watching, run_app
        from runner.run_command import parse_speed, run_scenarios

        if not args.headless and len(args.scenarios) == 1 and not args.screenshots and person_watching():
            return run_app(parts, args.scenarios[0], out_root=args.out)
        return run_scenarios(
            args.scenarios,
            out_root=args.out,
            speed=parse_speed(args.speed),
            parts=parts,
            headless=args.headless,
            screenshots=args.screenshots,
            bus=args.bus,
        )
    if args.command == "understand":
        from runner.understand_command import run_understand

        if args.text is None and not args.jsonl:
            print("error: give TEXT or --jsonl", file=sys.stderr)
            return EXIT_BAD_INPUT
        return run_understand(
            args.text, args.jsonl, str(args.nlu_model) if args.nlu_model else None, sys.stdin, sys.stdout
        )
    if args.command in ("sim", "cockpit"):
        from runner import two_process

        handler = two_process.run_vehicle if args.command == "sim" else two_process.run_cockpit
        return handler(args, parts)
    if args.command == "replay":
        from runner.app_command import run_replay

        return run_replay(args.out_dir)
    if args.command == "convert":
        from runner.convert_command import run_convert

        return run_convert(args.source, args.target)
    if args.command == "habits":
        return _habits(args)
    if args.command == "home":
        from runner.home_command import run_home

        return run_home(args)
    if args.command == "sweep":
        from runner.sweep.command import run_sweep

        return run_sweep(args, parts)
    if args.command == "bench":
        from runner.bench import run_bench

        return run_bench(parts)
    from runner.app_command import run_app

    return run_app(parts, args.scenario or DEFAULT_SCENARIO)
