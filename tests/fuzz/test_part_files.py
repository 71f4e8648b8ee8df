"""Fuzz: the part files a command loads (runner/assembly.py PARTS). The shipped DBC, map, NLU model card and needs
model card, damaged the ways a file gets damaged (cut at any byte, a stretch overwritten with random bytes, a
hostile token spliced in, bytes flipped, nothing but junk): each either loads or is refused with one PartError
naming the part and the file — never another exception.

The model cards are loaded with the ONNX session made once (the graph is the same file every time; the card is
what varies). The speech grammar is left out: a grammar that looks whole is tried by starting pocketsphinx in a
child process (~0.3 s), too slow for 10,000 cases; tests/parts covers its damaged copies.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from canbus.codec import DatabaseCodec
from canbus.dbc import DEFAULT_DBC_PATH, load_dbc
from cockpit.nlu.model import DEFAULT_MODEL_PATH as NLU_ONNX
from cockpit.nlu.model import NluModel
from cockpit.proactive.scorer import DEFAULT_MODEL_PATH as NEEDS_ONNX
from cockpit.proactive.scorer import NeedScorer
from roadmap.map import DEFAULT_MAP_PATH, load_map
from runner.assembly import PartError, load_part
from tests.fuzz.settings import fuzz_settings

pytestmark = pytest.mark.fuzz

NASTY = [
    b"\x00",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b":",
    b",",
    b"null",
    b"NaN",
    b"1e400",
    b"-",
    b"9" * 400,
    b"\n",
    b"\r\n",
    b"\t",
    b"  ",
    b"&a",
    b"*a",
    b"!!python/object:os.system",
    b"---",
    b"...",
    b"BO_ ",
    b"SG_ ",
    b"VAL_ ",
    b"CM_ ",
    b'"vss:',
    b"|",
    b"@1+",
    b"(",
    b")",
    "中".encode(),
    b"\\u0000",
]


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` after one to three kinds of damage, or junk altogether."""
    kind = draw(st.sampled_from(("cut", "overwrite", "splice", "flip", "junk", "mixed")))
    event(kind)
    if kind == "junk":
        return draw(st.binary(max_size=4096))
    data = bytearray(original)
    for step in ("cut", "overwrite", "splice", "flip") if kind == "mixed" else (kind,):
        if step == "cut":
            data = data[: draw(st.integers(0, len(data)))]
        elif step == "overwrite" and data:
            at = draw(st.integers(0, len(data) - 1))
            junk = draw(st.binary(min_size=1, max_size=64))
            data[at : at + len(junk)] = junk
        elif step == "splice":
            for _ in range(draw(st.integers(1, 4))):
                at = draw(st.integers(0, len(data)))
                data[at:at] = draw(st.sampled_from(NASTY))
        elif step == "flip" and data:
            for _ in range(draw(st.integers(1, 8))):
                at = draw(st.integers(0, len(data) - 1))
                data[at] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


def _refused_or_loaded(part: str, path: Path, load: Callable[[], object]) -> None:
    try:
        load_part(part, load)
    except PartError as error:
        event("refused")
        assert str(error).startswith(f"{part}: "), error
        assert str(path) in str(error), error
        assert "fix: " in str(error), error
    else:
        event("loaded")


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module")
def cached_sessions(folder: Path):
    """Each model's folder in tmp with its graph; onnxruntime is handed the session made once per graph."""
    import onnxruntime

    made: dict[str, object] = {}
    real = onnxruntime.InferenceSession

    def session(path, *args, **kwargs):
        if path not in made:
            made[path] = real(path, *args, **kwargs)
        return made[path]

    for onnx in (NLU_ONNX, NEEDS_ONNX):
        shutil.copy(onnx, folder / onnx.name)
    patch = pytest.MonkeyPatch()
    patch.setattr(onnxruntime, "InferenceSession", session)
    yield
    patch.undo()


@fuzz_settings(ci_examples=80)
@given(data=damaged(DEFAULT_DBC_PATH.read_bytes()))
def test_a_damaged_dbc_loads_or_is_one_part_error(data: bytes, folder: Path) -> None:
    path = folder / "su7_cockpit.dbc"
    path.write_bytes(data)
    _refused_or_loaded("DBC", path, lambda: DatabaseCodec(load_dbc(path)))


@fuzz_settings(ci_examples=80)
@given(data=damaged(DEFAULT_MAP_PATH.read_bytes()))
def test_a_damaged_map_loads_or_is_one_part_error(data: bytes, folder: Path) -> None:
    path = folder / "city.yaml"
    path.write_bytes(data)
    _refused_or_loaded("map", path, lambda: load_map(path))


@fuzz_settings(ci_examples=80)
@given(data=damaged(NLU_ONNX.with_suffix(".json").read_bytes()))
def test_a_damaged_nlu_card_loads_or_is_one_part_error(data: bytes, folder: Path, cached_sessions: None) -> None:
    card = folder / "nlu.json"
    card.write_bytes(data)
    _refused_or_loaded("NLU model", card, lambda: NluModel.load(folder / "nlu.onnx"))


@fuzz_settings(ci_examples=80)
@given(data=damaged(NEEDS_ONNX.with_suffix(".json").read_bytes()))
def test_a_damaged_needs_card_loads_or_is_one_part_error(data: bytes, folder: Path, cached_sessions: None) -> None:
    card = folder / "needs.json"
    card.write_bytes(data)
    _refused_or_loaded("needs model", card, lambda: NeedScorer.load(folder / "needs.onnx"))
