"""Fuzzers of `understand`: any text through the model, any bytes through `understand --jsonl`, and nonsense of
every kind the input gate (cockpit/nlu/language_gate.py) is for, which must never become an action.

CI runs each with the small budget of tests/fuzz/settings.py; `pytest -m fuzz` runs 10,000 cases each.
"""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cockpit.nlu.catalogue import INTENT_NAMES, OUT_OF_SCOPE
from cockpit.nlu.language_gate import shipped_known_words
from cockpit.nlu.model import NluModel
from runner.understand_command import run_jsonl
from tests.fuzz.settings import fuzz_settings

pytestmark = pytest.mark.fuzz

# Intents that answer or ask and change nothing in the car or the house.
NOT_AN_ACTION = frozenset({OUT_OF_SCOPE, "dialog.confirm", "dialog.deny", "dialog.cancel"})

_MODEL: list[NluModel] = []


def _model() -> NluModel:
    """The shipped model, loaded once for the module (hypothesis calls the test body thousands of times)."""
    if not _MODEL:
        _MODEL.append(NluModel.load())
    return _MODEL[0]


ANY_CHARACTER = st.characters(blacklist_categories=())  # surrogates, controls, unassigned code points included


def _reject_constant(name: str) -> None:
    raise AssertionError(f"bare {name} in the output: not strict JSON")


@fuzz_settings()
@given(st.text(ANY_CHARACTER, max_size=300))
def test_any_text_is_understood_without_an_exception(text):
    result = _model().understand(text)
    assert result.intent in INTENT_NAMES and result.parts
    json.loads(json.dumps(result.to_json(), allow_nan=False), parse_constant=_reject_constant)


# Words and marks the span growths (capitalised names, times, Chinese word edges, leading verbs and times) and the
# compound splitter act on, in any order and casing: requests close to real ones, where a random character rarely is.
_REQUEST_PIECES = (
    "play",
    "call",
    "weather",
    "in",
    "at",
    "for",
    "on",
    "by",
    "of",
    "the",
    "and",
    "then",
    "also",
    "from",
    "now",
    "next",
    "this",
    "minute",
    "hours",
    "seventeen",
    "23",
    "13:19",
    "Park",
    "State",
    "Falls",
    "Iowa",
    "Roseburg,",
    "Museum",
    "Science",
    "Ouachita",
    "National",
    "Forest",
    "?",
    ".",
    ",",
    "turn",
    "on",
    "the",
    "fan",
    "den",
    "sure,",
    "go",
    "ahead",
    "a.m.",
    "September",
    "first",
    "今天",
    "明天",
    "里斯本",
    "放",
    "周杰伦",
    "的",
    "歌",
    "我",
    "给",
    "打电话",
    "，",
    "另外",
    "和",
    "导航去",
    "下午",
    "七点",
    "州",
    "国家公园",
    "天气",
    "怎么样",
    "吗",
    "Grindstone",
)


@fuzz_settings()
@given(st.lists(st.sampled_from(_REQUEST_PIECES), max_size=24), st.sampled_from((" ", "")), st.booleans())
def test_requests_made_of_the_words_the_decoder_grows_spans_over_are_understood(pieces, joiner, title):
    text = joiner.join(piece.title() if title else piece for piece in pieces)
    result = _model().understand(text)
    assert result.intent in INTENT_NAMES and result.parts
    assert all(part.intent in INTENT_NAMES for part in result.parts)
    for part in result.parts:
        for value in part.slots.values():  # a span's value is text of the request or a number, never a cut mark
            assert isinstance(value, int | float) or (isinstance(value, str) and value.strip() == value and value)
    json.loads(json.dumps(result.to_json(), allow_nan=False), parse_constant=_reject_constant)


def _request_line(text: str, ascii_only: bool) -> bytes:
    return json.dumps({"text": text, "id": 1}, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


# A line is either arbitrary bytes or a request of arbitrary text (written escaped or raw): most of the latter
# reach the model, the rest are lines the stream must answer with an error object.
LINE = st.one_of(
    st.binary(max_size=200).map(lambda raw: raw.replace(b"\n", b"")),
    st.builds(_request_line, st.text(ANY_CHARACTER, max_size=120), st.booleans()),
)


@fuzz_settings()
@given(st.lists(LINE, max_size=6), st.booleans())
def test_jsonl_answers_every_byte_line_with_one_strict_json_line_in_order(lines, trailing_newline):
    data = b"\n".join(lines) + (b"\n" if trailing_newline and lines else b"")
    expected_lines = data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_jsonl(_model(), stdin, out, err)
    answers = [json.loads(line, parse_constant=_reject_constant) for line in out.getvalue().split("\n")[:-1]]
    assert len(answers) == expected_lines
    errors = [number for number, answer in enumerate(answers, start=1) if "error" in answer]
    for number in errors:
        assert answers[number - 1]["line"] == number
    for answer in answers:
        assert "error" in answer or (answer["intent"] in INTENT_NAMES and answer["id"] == 1)
    assert code == (2 if errors else 0)
    assert err.getvalue().count("\n") == len(errors)


# --- nonsense: the gate's classes, none of which may become an action ------------------------------------------


def _never_an_action(text: str, strictly_out_of_scope: bool = True) -> None:
    result = _model().understand(text)
    intents = [part.intent for part in result.parts]
    if strictly_out_of_scope:
        assert intents == [OUT_OF_SCOPE], (text, intents, result.not_language)
    else:
        assert set(intents) <= NOT_AN_ACTION, (text, intents)


def _known(word: str) -> bool:
    return shipped_known_words().knows(word)


@fuzz_settings()
@given(st.text(ANY_CHARACTER, min_size=1, max_size=3), st.integers(4, 30))
def test_a_short_stretch_repeated_is_not_understood(stretch, times):
    _never_an_action(stretch * times)


KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")


@st.composite
def keyboard_mash(draw) -> str:
    """Runs of neighbouring keys, as a hand dragged over the keyboard types them ("asdfghjkl", "jkjkl")."""
    words = []
    for _ in range(draw(st.integers(1, 4))):
        row = draw(st.sampled_from(KEYBOARD_ROWS))
        position = draw(st.integers(0, len(row) - 1))
        keys = [row[position]]
        for step in draw(st.lists(st.sampled_from((-1, 1)), min_size=3, max_size=14)):
            position = min(max(position + step, 0), len(row) - 1)
            keys.append(row[position])
        words.append("".join(keys))
    return " ".join(words)


@fuzz_settings()
@given(keyboard_mash())
def test_keyboard_mash_is_not_understood(text):
    assume(not any(_known(word) for word in text.split()))  # a run that types "were" or "tree" is no mash
    _never_an_action(text)


@fuzz_settings()
@given(st.text(st.sampled_from("0123456789 .,-+:/%#"), min_size=1, max_size=40))
def test_digits_only_are_never_an_action(text):
    _never_an_action(text, strictly_out_of_scope=False)  # "10-4" is a yes the model was trained on


# Symbols that are letters or digits in disguise ("㊤" is 上, "Ⓐ" is A under NFKC, as the model reads them)
# are left out.
NON_LETTER = st.characters(
    whitelist_categories=("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cc", "Cf", "Zs")
).filter(lambda ch: not any(folded.isalnum() for folded in unicodedata.normalize("NFKC", ch)))


@fuzz_settings()
@given(st.text(NON_LETTER, min_size=1, max_size=40))
def test_punctuation_symbols_emoji_and_controls_are_not_understood(text):
    _never_an_action(text)


EMOJI = st.one_of(
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(min_codepoint=0x2600, max_codepoint=0x27BF),
)


@fuzz_settings()
@given(st.text(EMOJI, min_size=1, max_size=20))
def test_emoji_are_not_understood(text):
    _never_an_action(text)


SCRIPTS = (
    st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # Han
    st.characters(min_codepoint=0x0430, max_codepoint=0x044F),  # Cyrillic
    st.characters(min_codepoint=0x03B1, max_codepoint=0x03C9),  # Greek
    st.characters(min_codepoint=0x0627, max_codepoint=0x064A),  # Arabic
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),  # Hangul
    st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA),  # Katakana
)


@st.composite
def mixed_script_noise(draw) -> str:
    """Letters each of another script than the one before ("a中б文ك"): noise, not a name inside a sentence.
    Its Han characters are ones the model knows, so that the mixing itself must be what gives it away."""
    scripts = (
        st.sampled_from(sorted(ch for ch in _model().tokenizer.vocab if "\u4e00" <= ch <= "\u9fff")),
        *SCRIPTS[:1],
        *SCRIPTS[2:],
    )
    letters, script = [], None
    for _ in range(draw(st.integers(4, 40))):
        script = draw(st.sampled_from([index for index in range(len(scripts)) if index != script]))
        letters.append(draw(scripts[script]))
    return "".join(letters)


@fuzz_settings()
@given(mixed_script_noise())
def test_letters_of_mixed_scripts_are_not_understood(text):
    _never_an_action(text)


_HAN_VOCABULARY: list[frozenset[str]] = []


def _in_model_vocabulary(ch: str) -> bool:
    if not _HAN_VOCABULARY:
        _HAN_VOCABULARY.append(frozenset(_model().tokenizer.vocab))
    return ch in _HAN_VOCABULARY[0]


@fuzz_settings()
@given(st.text(st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF), min_size=1, max_size=40))
def test_han_characters_mostly_outside_the_models_vocabulary_are_not_understood(text):
    # Random strings of the characters the model knows are beyond a lexical gate (see docs/INTENTS.md).
    assume(sum(_in_model_vocabulary(ch) for ch in text) <= len(text) / 2)
    _never_an_action(text)


RANDOM_WORD = st.text(st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")), min_size=2, max_size=12)


@fuzz_settings()
@given(st.lists(RANDOM_WORD, min_size=1, max_size=8), st.booleans())
def test_random_latin_letters_with_no_known_word_are_not_understood(words, capitalised):
    assume(not any(_known(word) for word in words))
    text = " ".join(word.capitalize() if capitalised else word for word in words)
    _never_an_action(text)


COMMAND_WORDS = (
    "open",
    "the",
    "trunk",
    "turn",
    "on",
    "set",
    "temperature",
    "to",
    "play",
    "music",
    "call",
    "navigate",
    "window",
    "close",
    "seat",
    "heat",
    "打开",
    "后备箱",
    "空调",
)


@fuzz_settings()
@given(
    st.lists(st.sampled_from(COMMAND_WORDS), min_size=1, max_size=3),
    st.lists(RANDOM_WORD, min_size=1, max_size=9),
    st.randoms(use_true_random=False),
)
def test_text_mostly_of_unknown_words_is_not_understood(known_words, unknown_words, shuffler):
    assume(not any(_known(word) for word in unknown_words))
    units = sum(1 if word.isascii() else len(word) for word in known_words)  # 打开 is two Han units
    assume(len(unknown_words) > units)
    words = known_words + unknown_words
    shuffler.shuffle(words)
    _never_an_action(" ".join(words))
