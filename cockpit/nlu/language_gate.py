"""The input gate: is this text language the model can read, or noise it must not act on?

A classifier trained only on requests picks the likeliest request for anything: "中" x 20 once closed the trunk at
confidence 0.9997, "12345" set the temperature. Before the model reads a text, the gate measures how much of it is
made of known units, and a text that is not language is answered `out_of_scope` ("not understood") without asking
the model:

* units are the Latin words (accents folded: "Hernández" -> "hernandez"), each Han character, and each run of
  letters of any other script; digits, punctuation, symbols, emoji and control characters are no units;
* a Latin word is known when it is in `known_words_en.txt.gz` (the CMU pronouncing dictionary and the model's
  own training words, see models/nlu/build_lexicon.py) or, being six letters or more, one typo away from such a
  word (the model is trained to read typos: "affirmitive"); a Han character is known when it is in the model's character
  vocabulary (its card) or one of the 6,763 characters of GB 2312, the standard set of everyday simplified
  Chinese (Python's own gb2312 codec holds it): the model's vocabulary of some 1,600 characters lacks common
  ones (灵, 寺, 宫), and "导航去灵隐寺" was judged noise; random characters of the whole Han block are still two
  thirds unknown; letters of other scripts are never known (the model reads English and Mandarin);
* a word made of one short stretch said three times or more ("aaaa", "hahaha", "asdasdasd") is no known word.

A text is not language when it is longer than any spoken request (MAX_REQUEST_CHARS); when it has no unit at all
(digits only, punctuation only, emoji), unless the whole of it is a letterless phrase the model was trained on
("10-4"); when symbols outnumber its letters; when its letters switch script every letter or two ("a中b文c");
when one unit makes up more than half of four or more units ("中中中中", "yes yes yes yes") or one short stretch
of units or characters is said four times or more ("中国中国中国中国", "f0of0of0of0o"); when fewer than half of its
units are known (keyboard mash, random letters, other scripts), or half or more of its Han characters are unknown
(random characters). Names beside known words pass: "play Radiolab", "call Xochitl Hernández", "在Zvooq上播放".
Not caught: common Chinese characters in random order, which only a language model could tell from a sentence.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cockpit.nlu.tokenizer import is_cjk, normalize_char

KNOWN_WORDS_PATH = Path(__file__).resolve().parent / "known_words_en.txt.gz"
# Far longer than any spoken request (the longest of the evaluation sets has 113 characters); reading more of a
# pasted page would only cost time (a 100k-character text took 22 s through the compound splitter).
MAX_REQUEST_CHARS = 1000
# Below this share of known units a text is noise, not a request with a name in it ("play Radiolab" is half).
MIN_KNOWN_SHARE = 0.5
# Of its Han characters more than this share must be known: a character outside the model's vocabulary is only
# an unknown-character id to it (an unknown Latin word is still letters it reads), and real requests keep
# two in three or more ("下一集", "放一下李宗盛的山丘"); half is random characters ("㐀㐀大晚").
MAX_UNKNOWN_HAN_SHARE = 0.5
# One unit making up more than this share of at least REPEAT_MIN_UNITS units is a repetition, not a request
# ("中中中中"); exactly half is still a request ("打给妈妈", "算了算了", "weather in Wagga Wagga").
REPEAT_SHARE, REPEAT_MIN_UNITS = 0.5, 4
# A stretch of at most REPEATED_STRETCH_MAX units said this many times or more is no request ("中国中国中国中国");
# said twice or three times it may be ("不要不要", "no no no").
REPEAT_MIN_TIMES = 4
# Words this long may be a typo of a known word (shorter ones match nearly anything: "qwere" is one from "were").
TYPO_MIN_LETTERS = 6
# A word made of one stretch of at most this many letters said at least three times is no word ("jkjkjk").
REPEATED_STRETCH_MAX = 3
# Letters switching script (Latin, Han, Cyrillic, ...) this often are noise ("a中b文c"): a name inside a sentence
# ("在Zvooq上播放") keeps each script for three letters or more on average.
MIN_LETTERS_PER_SCRIPT_STRETCH = 2.0
# Single Latin letters other than these words are spelt letters or initials ("A.m.", "FL"): neither known nor
# unknown, like digits (the pronouncing dictionary lists every letter, so they would all be "known").
SINGLE_LETTER_WORDS = frozenset({"a", "i"})

_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

REASON_TOO_LONG = "longer than any spoken request"
REASON_NO_WORDS = "no words: only digits, punctuation, symbols or emoji"
REASON_REPEATED = "one word or character repeated"
REASON_UNKNOWN = "mostly unknown words or characters"
REASON_SYMBOLS = "mostly symbols, punctuation or emoji"
REASON_MIXED_SCRIPTS = "letters of several scripts mixed as noise"


@dataclass(frozen=True)
class Verdict:
    """The gate's judgement of one text; `reason` says why it is not language ("" when it is)."""

    is_language: bool
    reason: str = ""
    known_share: float = 1.0


def _fold_latin(ch: str) -> str:
    """A Latin letter with a diacritic -> its base letter ("é" -> "e"), any other character unchanged."""
    if ch.isascii() or not ch.isalpha():
        return ch
    base = unicodedata.normalize("NFKD", ch)[0]
    return base if base.isascii() and base.isalpha() else ch


def normalise(text: str) -> str:
    """The characters the gate reads: the tokenizer's normalisation (NFKC, lower case) with accents folded."""
    return "".join(_fold_latin(normalize_char(ch)) for ch in text)


def latin_words(normalised: str) -> list[str]:
    """The Latin words of a normalised text ("what's" is one word)."""
    return _LATIN_WORD.findall(normalised)


@dataclass(frozen=True)
class KnownWords:
    """English words, and letterless phrases ("10-4") the model was trained on."""

    words: frozenset[str]
    phrases: frozenset[str]

    @classmethod
    def load(cls, path: Path = KNOWN_WORDS_PATH) -> KnownWords:
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        entries = [line for line in lines if line and not line.startswith("#")]
        words = frozenset(e for e in entries if any(ch.isalpha() for ch in e))
        return cls(words, frozenset(entries) - words)

    def knows(self, word: str) -> bool:
        if _repeated_stretch(word):
            return False
        if word in self.words:
            return True
        return len(word) >= TYPO_MIN_LETTERS and any(variant in self.words for variant in _one_typo_away(word))


@lru_cache(maxsize=1)
def shipped_known_words() -> KnownWords:
    return KnownWords.load()


def _repeated_stretch(word: str) -> bool:
    """ "aaaa", "hahaha", "asdasdasd": one stretch of at most REPEATED_STRETCH_MAX letters, three times or more."""
    return _said_over(word, times=3) and len(word) >= 4


def _said_over(sequence: str | list, times: int) -> bool:
    """The sequence is one stretch of at most REPEATED_STRETCH_MAX items said `times` times or more."""
    for period in range(1, REPEATED_STRETCH_MAX + 1):
        count, rest = divmod(len(sequence), period)
        if count >= times and not rest and sequence == sequence[:period] * count:
            return True
    return False


def _repeated(normalised: str, units: list[tuple[str, str]]) -> bool:
    if len(units) >= REPEAT_MIN_UNITS and Counter(units).most_common(1)[0][1] > REPEAT_SHARE * len(units):
        return True
    # the units ("中国中国中国中国") or the characters ("f0of0of0of0o": "of" between digits) said over and over
    return _said_over(units, times=REPEAT_MIN_TIMES) or _said_over(normalised, times=REPEAT_MIN_TIMES)


def _one_typo_away(word: str) -> Iterable[str]:
    """Every string one deletion, transposition, substitution or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            if len(right) > 1:
                yield left + right[1] + right[0] + right[2:]
            for letter in _LETTERS:
                yield left + letter + right[1:]
        for letter in _LETTERS:
            yield left + letter + right


def _script(letter: str) -> str:
    """latin, han, or the script's own name from Unicode (CYRILLIC, ARABIC, HANGUL...)."""
    if "a" <= letter <= "z":
        return "latin"
    if is_cjk(letter):
        return "han"
    return unicodedata.name(letter, "UNNAMED").split()[0]


def _units(normalised: str) -> list[tuple[str, str]]:
    """(kind, unit) in order: ("latin", word), ("han", character), ("other", run of letters of one other script)."""
    units: list[tuple[str, str]] = []
    position = 0
    while position < len(normalised):
        ch = normalised[position]
        latin = _LATIN_WORD.match(normalised, position)
        if latin:
            if len(latin.group()) > 1 or latin.group() in SINGLE_LETTER_WORDS:
                units.append(("latin", latin.group()))
            position = latin.end()
        elif is_cjk(ch):
            units.append(("han", ch))
            position += 1
        elif ch.isalpha():
            end = position
            while end < len(normalised) and normalised[end].isalpha() and _script(normalised[end]) == _script(ch):
                end += 1
            units.append(("other", normalised[position:end]))
            position = end
        else:
            position += 1
    return units


class LanguageGate:
    """Judges texts for one model: its character vocabulary decides which Han characters are known."""

    def __init__(self, char_vocab: Iterable[str], known_words: KnownWords | None = None) -> None:
        self._han_known = frozenset(ch for ch in char_vocab if is_cjk(ch))
        self._known_words = known_words if known_words is not None else shipped_known_words()

    def judge(self, text: str) -> Verdict:
        if len(text) > MAX_REQUEST_CHARS:
            return Verdict(False, REASON_TOO_LONG, 0.0)
        normalised = normalise(text)
        if normalised.strip() in self._known_words.phrases:
            return Verdict(True)
        units = _units(normalised)
        if not units:
            return Verdict(False, REASON_NO_WORDS, 0.0)
        letters = [ch for ch in normalised if ch.isalpha()]
        symbols = sum(1 for ch in normalised if not (ch.isalpha() or ch.isdigit() or ch.isspace()))
        if symbols > len(letters):
            return Verdict(False, REASON_SYMBOLS, 0.0)
        switches = sum(1 for a, b in zip(letters, letters[1:], strict=False) if _script(a) != _script(b))
        if switches >= 2 and len(letters) / (switches + 1) < MIN_LETTERS_PER_SCRIPT_STRETCH:
            return Verdict(False, REASON_MIXED_SCRIPTS, 0.0)
        known = sum(self._known(kind, unit) for kind, unit in units)
        share = known / len(units)
        if _repeated(normalised, units):
            return Verdict(False, REASON_REPEATED, share)
        han = [self._known(kind, unit) for kind, unit in units if kind == "han"]
        if share < MIN_KNOWN_SHARE or (han and han.count(False) >= MAX_UNKNOWN_HAN_SHARE * len(han)):
            return Verdict(False, REASON_UNKNOWN, share)
        return Verdict(True, "", share)

    def _known(self, kind: str, unit: str) -> bool:
        if kind == "latin":
            return self._known_words.knows(unit)
        if kind == "han":
            return unit in self._han_known or _in_gb2312(unit)
        return False


@lru_cache(maxsize=1 << 14)
def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
