"""`python main.py home --mqtt URL`: the simulated house as its own MQTT device process (wall clock).

Also runnable alone: `python -m runner.home_command --mqtt mqtt://127.0.0.1:1883`. The password can come from
COCKPIT_MQTT_PASSWORD instead of the URL (`--mqtt mqtt://house@HOST:PORT`); it is never printed.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from runner.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_PASSED


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `home` subcommand's options (the lead adds them with `add_arguments(commands.add_parser("home"))`)."""
    parser.add_argument(
        "--mqtt",
        required=True,
        metavar="URL",
        help="broker: mqtt://[user[:password]@]HOST:PORT[?tls=1] (or mqtts://); the password "
        "can be given in COCKPIT_MQTT_PASSWORD instead",
    )
    parser.add_argument("--house", type=Path, help="house config YAML (rooms, devices, initial states)")
    parser.add_argument("--base", default="cockpit_home", help="MQTT topic base and discovery node id")
    parser.add_argument("--outside-temp", type=float, help="outside temperature, °C (default: the config's)")
    parser.add_argument(
        "--silent",
        action="append",
        default=[],
        metavar="DEVICE",
        help="a device that never answers (fault injection; repeatable)",
    )
    parser.add_argument("--duration", type=float, help="seconds to run (default: until Ctrl-C)")
    parser.add_argument("--verbose", action="store_true", help="log connections and commands")


def run_home(args: argparse.Namespace) -> int:
    from cockpit.home.mqtt import with_password_from_environment
    from home_sim.house import House, HouseError
    from home_sim.mqtt_node import HouseMqttNode
    from homelink.protocol import MqttUrl, MqttUrlError

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(asctime)s %(name)s %(message)s"
    )
    try:
        url = with_password_from_environment(MqttUrl.parse(args.mqtt))
        config: dict[str, object] = {}
        if args.house is not None:
            import yaml

            config = yaml.safe_load(args.house.read_text(encoding="utf-8")) or {}
        if args.outside_temp is not None:
            config["outside_temp"] = args.outside_temp
        house = House.from_config(config)
        node = HouseMqttNode(house, url, base=args.base, silent=args.silent)
    except (MqttUrlError, HouseError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    stop = threading.Event()
    stopped_by: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        stopped_by.append(signum)
        stop.set()

    # Ctrl-C and SIGTERM both end the loop cleanly (also when SIGINT was inherited as ignored: a background job);
    # Ctrl-C exits 130, SIGTERM 0.
    previous = {signum: signal.signal(signum, request_stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    print(f"house: {len(house.devices)} devices on {url.redacted()} (base {args.base}); Ctrl-C to stop", flush=True)
    node.start()
    try:
        node.run(duration_s=args.duration, stop=stop)
    except KeyboardInterrupt:
        stopped_by.append(signal.SIGINT)
    finally:
        node.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    print(f"house: stopped after {node.commands_obeyed} commands", flush=True)
    return EXIT_INTERRUPTED if signal.SIGINT in stopped_by else EXIT_PASSED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runner.home_command", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run_home(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
