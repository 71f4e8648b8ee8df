"""`python main.py understand TEXT | --jsonl` (contract: docs/INTENTS.md).

    understand TEXT    -> one JSON object on stdout
    understand --jsonl -> reads {"text": ...} per line on stdin (other keys passed through) and writes exactly one
                          line per line read, in order, flushed as it goes: the result, or for a line that is
                          not such an object an error object {"line", "error", "expected"} (also said on stderr),
                          and the stream goes on with the next line.
Output is strict JSON (no NaN/Infinity: a non-finite number passed through is written as null).
Exit codes: 0 ok; 2 bad input (TEXT is not valid Unicode, or at least one --jsonl line was bad: the stream is read
to its end all the same); 3 an internal error on some line (its error object names where it was raised).
Any string is understood, empty or noise included: text that is not language is `out_of_scope` (language_gate.py).
"""

from __future__ import annotations

import json
import math
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from cockpit.nlu.model import ModelCardError, NluModel
from runner.errors import EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_PASSED

# A request is a sentence; a line this long is a pasted file, answered without being held in memory.
MAX_LINE_BYTES = 1 << 20
EXPECTED_LINE = 'a JSON object with a "text" string, e.g. {"text": "open the trunk"}'


class LineError(ValueError):
    """One --jsonl line that is not a request: what is wrong with it (the line number is added by the reader)."""


def _strict_dump(obj: object, ascii_only: bool) -> str:
    return json.dumps(_finite(obj), ensure_ascii=ascii_only, allow_nan=False)


def _finite(value: object) -> object:
    """The value with every non-finite float (1e400 reads as inf) turned into null: strict JSON has neither."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def _lone_surrogate_in(value: object) -> str | None:
    """The first lone surrogate ("\\ud800") in any key or string of the value, written as its escape, else None."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending += list(item.keys()) + list(item.values())
        elif isinstance(item, list):
            pending += item
        elif isinstance(item, str):
            for ch in item:
                if "\ud800" <= ch <= "\udfff":
                    return f"\\u{ord(ch):04x}"
    return None


def _reject_constant(name: str) -> None:
    raise LineError(f"{name} is not JSON (strict JSON has no NaN or Infinity)")


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "true/false", int: "a number", float: "a number"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def parse_request(raw: bytes, number: int) -> dict:
    """One --jsonl line (without its newline) -> the request object; LineError says what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LineError(f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at byte {error.start + 1})") from None
    if number == 1:
        line = line.removeprefix("\ufeff")  # a byte-order mark some editors write
    if not line.strip():
        raise LineError("blank line")
    try:
        record = json.loads(line, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise LineError("JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise LineError(f"{_json_kind(record)}, not an object")
    if "text" not in record:
        raise LineError('no "text" key')
    if not isinstance(record["text"], str):
        raise LineError(f'"text" is {_json_kind(record["text"])}, not a string')
    surrogate = _lone_surrogate_in(record)
    if surrogate is not None:
        raise LineError(f"a lone surrogate {surrogate} (half of a UTF-16 pair) is no character")
    return record


def _read_lines(stdin: TextIO | BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes without the newline) per line; None for a line over MAX_LINE_BYTES, which is skipped to
    its end without being kept. Reads the byte stream under a text stdin, so bad UTF-8 is one bad line."""
    stream = getattr(stdin, "buffer", stdin)

    def read(limit: int) -> bytes:
        chunk = stream.readline(limit)
        if isinstance(chunk, str):  # a text stream with no bytes under it (io.StringIO)
            return chunk.encode("utf-8", "surrogatepass")  # a lone surrogate stays invalid UTF-8
        return chunk

    number = 0
    while chunk := read(MAX_LINE_BYTES + 1):
        number += 1
        if len(chunk.rstrip(b"\r\n")) > MAX_LINE_BYTES:
            while chunk and not chunk.endswith(b"\n"):
                chunk = read(MAX_LINE_BYTES)
            yield number, None
            continue
        yield number, chunk.rstrip(b"\r\n")


def _raised_at(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    frame = frames[-1]
    return f"{type(error).__name__}: {error} (raised at {Path(frame.filename).name}:{frame.lineno} in {frame.name})"


def _understood(model: NluModel, record: dict) -> dict:
    result = model.understand(record["text"]).to_json()
    return {**result, **{key: value for key, value in record.items() if key not in result}}


def _answer_line(model: NluModel, number: int, raw: bytes | None) -> tuple[dict, int]:
    """The output object of one line and the exit code it calls for."""
    try:
        if raw is None:
            raise LineError(f"longer than {MAX_LINE_BYTES} bytes")
        record = parse_request(raw, number)
    except LineError as error:
        return {"line": number, "error": str(error), "expected": EXPECTED_LINE}, EXIT_BAD_INPUT
    try:
        return _understood(model, record), EXIT_PASSED
    except Exception as error:  # noqa: BLE001 - a fault of ours on one line must not lose the lines after it
        return {"line": number, "error": f"internal error: {_raised_at(error)}"}, EXIT_INTERNAL_ERROR


def _ascii_only(stdout: TextIO) -> bool:
    """Escape non-ASCII when stdout cannot encode it (a C-locale terminal), else keep Chinese readable."""
    encoding = (getattr(stdout, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding not in ("utf8", "utf8sig")


def run_jsonl(model: NluModel, stdin: TextIO | BinaryIO, stdout: TextIO, stderr: TextIO) -> int:
    """One output line per input line, in order, flushed per line; the worst exit code of the lines."""
    ascii_only = _ascii_only(stdout)
    worst = EXIT_PASSED
    for number, raw in _read_lines(stdin):
        answer, code = _answer_line(model, number, raw)
        try:
            line = _strict_dump(answer, ascii_only)
        except (RecursionError, ValueError, TypeError) as error:
            answer = {
                "line": number,
                "error": f"cannot be written back as JSON ({type(error).__name__})",
                "expected": EXPECTED_LINE,
            }
            code, line = EXIT_BAD_INPUT, _strict_dump(answer, ascii_only)
        if "error" in answer:
            print(f"understand --jsonl: line {number}: {answer['error']}", file=stderr)
        worst = max(worst, code)
        stdout.write(line + "\n")
        stdout.flush()
    return worst


def run_understand(
    text: str | None,
    jsonl: bool,
    model_path: str | None,
    stdin: TextIO | BinaryIO,
    stdout: TextIO,
    stderr: TextIO | None = None,
) -> int:
    """Understand one TEXT, or every line of stdin with --jsonl. Returns the exit code."""
    stderr = stderr if stderr is not None else sys.stderr
    if jsonl == (text is not None):
        print("understand: give either TEXT or --jsonl (not both, not neither)", file=stderr)
        return EXIT_BAD_INPUT
    if text is not None:
        surrogate = _lone_surrogate_in(text)
        if surrogate is not None:  # bytes that are not UTF-8 on the command line arrive as lone surrogates
            print(f"understand: TEXT is not valid UTF-8 text (it holds {surrogate}); expected a sentence", file=stderr)
            return EXIT_BAD_INPUT
    try:
        model = NluModel.load(model_path)
    except (ModelCardError, FileNotFoundError) as error:
        print(f"understand: cannot load the NLU model: {error}", file=stderr)
        return EXIT_BAD_INPUT
    if text is not None:
        stdout.write(_strict_dump(model.understand(text).to_json(), _ascii_only(stdout)) + "\n")
        stdout.flush()
        return EXIT_PASSED
    return run_jsonl(model, stdin, stdout, stderr)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for development: python -m runner.understand_command TEXT | --jsonl [--model PATH]."""
    import argparse

    parser = argparse.ArgumentParser(prog="understand", description="Understand an utterance (en/zh).")
    parser.add_argument("text", nargs="?")
    parser.add_argument("--jsonl", action="store_true")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    return run_understand(args.text, args.jsonl, args.model, sys.stdin, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
