"""`python main.py understand TEXT | --jsonl` (contract: docs/INTENTS.md).

    understand TEXT   -> one JSON object on stdout
    understand --jsonl -> reads {"text": ...} per line on stdin (other keys passed
                          through), writes one result per line, in order.
Exit codes: 0 ok, 2 bad input (message on stderr naming the line).
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from cockpit.nlu.model import ModelCardError, NluModel

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _parse_line(line: str, number: int) -> tuple[dict | None, str | None]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return None, f"line {number}: not valid JSON ({error.msg})"
    if not isinstance(record, dict):
        return None, f"line {number}: expected a JSON object with a \"text\" key"
    if not isinstance(record.get("text"), str):
        return None, f"line {number}: missing \"text\" (a string)"
    return record, None


def run_understand(text: str | None, jsonl: bool, model_path: str | None, stdin: TextIO, stdout: TextIO,
                   stderr: TextIO | None = None) -> int:
    """Understand one TEXT, or every line of stdin with --jsonl. Returns the exit code."""
    stderr = stderr if stderr is not None else sys.stderr
    if jsonl == (text is not None):
        print("understand: give either TEXT or --jsonl (not both, not neither)", file=stderr)
        return EXIT_BAD_INPUT
    try:
        model = NluModel.load(model_path)
    except (ModelCardError, FileNotFoundError) as error:
        print(f"understand: cannot load the NLU model: {error}", file=stderr)
        return EXIT_BAD_INPUT
    if text is not None:
        stdout.write(_dump(model.understand(text).to_json()) + "\n")
        return EXIT_OK
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue  # blank lines (e.g. a trailing newline) carry no request
        record, problem = _parse_line(line, number)
        if problem is not None:
            print(f"understand --jsonl: {problem}", file=stderr)
            return EXIT_BAD_INPUT
        result = model.understand(record["text"]).to_json()
        passthrough = {k: v for k, v in record.items() if k not in result}
        stdout.write(_dump({**result, **passthrough}) + "\n")
        stdout.flush()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for development: python -m cockpit.nlu.cli TEXT | --jsonl [--model PATH]."""
    import argparse

    parser = argparse.ArgumentParser(prog="understand", description="Understand an utterance (en/zh).")
    parser.add_argument("text", nargs="?")
    parser.add_argument("--jsonl", action="store_true")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    return run_understand(args.text, args.jsonl, args.model, sys.stdin, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
