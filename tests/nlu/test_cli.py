from __future__ import annotations

import io
import json

from runner.understand_command import run_understand


def _run(text=None, jsonl=False, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    code = run_understand(text, jsonl, None, io.StringIO(stdin_text), out, err)
    return code, out.getvalue(), err.getvalue()


def test_single_text_prints_contract_shape_with_chinese_unescaped():
    code, out, _ = _run("把副驾温度调到22度")
    assert code == 0
    result = json.loads(out)
    assert list(result) == ["text", "lang", "intent", "confidence", "slots", "parts"]
    assert result["parts"] == [{"intent": result["intent"], "slots": result["slots"], "text": result["text"]}]
    assert result["intent"] == "climate.set_temperature"
    assert result["slots"] == {"temperature": 22.0, "zone": "passenger"}
    assert "副驾" in out  # ensure_ascii=False


def test_jsonl_one_result_per_line_in_order_with_passthrough():
    lines = [
        {"text": "取消导航", "id": 1},
        {"text": "next song", "id": 2, "seat": "driver"},
        {"text": "打电话给张三", "id": 3},
    ]
    code, out, _ = _run(jsonl=True, stdin_text="\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == [1, 2, 3]
    assert [r["intent"] for r in results] == ["nav.cancel", "media.next", "phone.call"]
    assert results[1]["seat"] == "driver"
    assert results[2]["slots"] == {"contact": "张三"}


def test_jsonl_bad_line_names_the_line_goes_on_and_exits_2():
    code, out, err = _run(jsonl=True, stdin_text='{"text": "pause"}\nnot json\n{"text": "next"}\n')
    assert code == 2
    assert "line 2" in err
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("intent") for r in results] == ["media.pause", None, "media.next"]
    assert results[1]["line"] == 2 and "not valid JSON" in results[1]["error"]


def test_jsonl_missing_text_is_bad_input():
    code, _, err = _run(jsonl=True, stdin_text='{"utterance": "pause"}\n')
    assert code == 2 and "line 1" in err and "text" in err


def test_text_and_jsonl_together_is_bad_input():
    code, _, err = _run(text="pause", jsonl=True)
    assert code == 2 and err
