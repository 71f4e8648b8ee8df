"""`understand --jsonl` answers every line: a bad one gets an error object naming its line, and the stream goes on.

Also the single-TEXT form: empty, blank, control characters, 100k characters and bytes that are not UTF-8.
"""

from __future__ import annotations

import io
import json

import pytest

from runner import understand_command as cli
from runner.understand_command import EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_PASSED, run_jsonl, run_understand


class _FlushCounter(io.StringIO):
    """A stdout that remembers how many lines were complete at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.lines_at_flush: list[int] = []

    def flush(self) -> None:
        self.lines_at_flush.append(self.getvalue().count("\n"))


def _stream(nlu_model, data: bytes | str):
    stdin = io.TextIOWrapper(io.BytesIO(data)) if isinstance(data, bytes) else io.StringIO(data)
    out, err = io.StringIO(), io.StringIO()
    code = run_jsonl(nlu_model, stdin, out, err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


BAD_LINES = [
    (b"not json", "not valid JSON"),
    (b"[1, 2]", "an array, not an object"),
    (b'"open the trunk"', "a string, not an object"),
    (b'{"utterance": "pause"}', 'no "text" key'),
    (b'{"text": 5}', '"text" is a number'),
    (b'{"text": null}', '"text" is null'),
    (b'{"text": "\\ud800"}', "lone surrogate \\ud800"),
    (b'{"text": "ok", "note": "\\udfff"}', "lone surrogate \\udfff"),
    (b'{"text": "ok", "x": NaN}', "NaN is not JSON"),
    (b'{"text": "ok", "x": -Infinity}', "-Infinity is not JSON"),
    (b'{"text": "\xff\xfe open"}', "not valid UTF-8 (byte 0xff"),
    (b"[" * 100_000, "nested too deeply"),
    (b"   ", "blank line"),
    (b"", "blank line"),
]


@pytest.mark.parametrize(("line", "problem"), BAD_LINES, ids=[p for _, p in BAD_LINES])
def test_a_bad_line_gets_an_error_object_naming_it_and_the_stream_goes_on(nlu_model, line, problem):
    code, results, err = _stream(nlu_model, b'{"text": "pause", "id": 1}\n' + line + b'\n{"text": "next", "id": 3}\n')
    assert code == EXIT_BAD_INPUT
    assert len(results) == 3
    assert results[0]["intent"] == "media.pause" and results[2]["intent"] == "media.next" and results[2]["id"] == 3
    assert results[1]["line"] == 2
    assert problem in results[1]["error"]
    assert "text" in results[1]["expected"]
    assert f"line 2: {results[1]['error']}" in err


def test_a_line_over_the_limit_is_answered_without_holding_it_and_the_next_line_is_read(nlu_model, monkeypatch):
    monkeypatch.setattr(cli, "MAX_LINE_BYTES", 1000)
    huge = b'{"text": "' + b"a" * 5000 + b'"}'
    code, results, _ = _stream(nlu_model, huge + b'\n{"text": "next"}\n')
    assert code == EXIT_BAD_INPUT
    assert results[0] == {"line": 1, "error": "longer than 1000 bytes", "expected": cli.EXPECTED_LINE}
    assert results[1]["intent"] == "media.next"


def test_a_line_just_at_the_limit_is_read(nlu_model, monkeypatch):
    line = b'{"text": "next"}'
    monkeypatch.setattr(cli, "MAX_LINE_BYTES", len(line))
    code, results, _ = _stream(nlu_model, line + b"\n" + line)
    assert code == EXIT_PASSED and [r["intent"] for r in results] == ["media.next", "media.next"]


def test_output_is_strict_json_a_non_finite_number_passed_through_is_null(nlu_model):
    code, results, _ = _stream(nlu_model, '{"text": "next", "big": 1e400, "deep": [[-1e999]]}\n')
    assert code == EXIT_PASSED
    assert results[0]["big"] is None and results[0]["deep"] == [[None]]


def test_a_non_finite_confidence_is_written_as_null_not_nan(nlu_model, monkeypatch):
    from cockpit.nlu.model import Understanding

    monkeypatch.setattr(
        type(nlu_model), "understand", lambda self, text: Understanding(text, "en", "media.next", float("nan"))
    )
    out = io.StringIO()
    run_jsonl(nlu_model, io.StringIO('{"text": "next"}\n'), out, io.StringIO())
    assert "NaN" not in out.getvalue()
    assert json.loads(out.getvalue())["confidence"] is None


def test_one_line_out_per_line_in_flushed_as_each_line_is_answered(nlu_model):
    out = _FlushCounter()
    run_jsonl(nlu_model, io.StringIO('{"text": "next"}\n\nnot json\n{"text": "pause"}'), out, io.StringIO())
    assert out.getvalue().count("\n") == 4
    assert out.lines_at_flush == [1, 2, 3, 4]


def test_a_crlf_stream_and_a_byte_order_mark_are_read(nlu_model):
    code, results, _ = _stream(nlu_model, b'\xef\xbb\xbf{"text": "next"}\r\n{"text": "pause"}\r\n')
    assert code == EXIT_PASSED and [r["intent"] for r in results] == ["media.next", "media.pause"]


def test_an_internal_error_on_one_line_is_exit_3_and_loses_no_later_line(nlu_model, monkeypatch):
    real = type(nlu_model).understand

    def fails_on_boom(self, text):
        if text == "boom":
            raise RuntimeError("kaput")
        return real(self, text)

    monkeypatch.setattr(type(nlu_model), "understand", fails_on_boom)
    code, results, err = _stream(nlu_model, '{"text": "boom"}\nnot json\n{"text": "next"}\n')
    assert code == EXIT_INTERNAL_ERROR
    assert "RuntimeError: kaput" in results[0]["error"] and "raised at" in results[0]["error"]
    assert results[1]["line"] == 2 and results[2]["intent"] == "media.next"
    assert "line 1: internal error" in err


def test_an_empty_text_is_understood_as_not_language(nlu_model):
    code, results, _ = _stream(nlu_model, '{"text": ""}\n{"text": "  \\u0000\\u0007 "}\n')
    assert code == EXIT_PASSED
    assert [r["intent"] for r in results] == ["out_of_scope", "out_of_scope"]
    assert all(r["not_language"] for r in results)


def _single(text: str):
    out, err = io.StringIO(), io.StringIO()
    code = run_understand(text, False, None, io.StringIO(), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x1b[2J", "\u202e\u200b", "x" * 100_000, "打开后备箱" * 20_000])
def test_single_text_that_is_no_request_is_a_result_not_a_traceback(text):
    code, out, err = _single(text)
    assert code == EXIT_PASSED and not err
    result = json.loads(out)
    assert result["intent"] == "out_of_scope" and result["text"] == text


def test_single_text_that_is_not_utf8_is_bad_input_naming_what_was_expected():
    code, out, err = _single("open the \udcff trunk")  # how Python hands over a non-UTF-8 byte of argv
    assert code == EXIT_BAD_INPUT and not out
    assert "not valid UTF-8" in err and "\\udcff" in err
