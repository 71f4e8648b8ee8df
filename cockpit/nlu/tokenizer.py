"""Character tokeniser shared by training and runtime (needs only numpy).

No word segmenter: every character is a position. Each position gets
  * a character id from a small vocabulary (stored with the model), and
  * three hashed features into one shared bucket table:
      - the bigram ending here,
      - the trigram centred here,
      - for Latin letters and digits the whole word around it (so "temperature"
        is one strong feature), for other scripts the bigram starting here.
Hashed n-grams are what make the model tolerant to typos ("tempreture" still
shares most of its n-grams) and let Chinese words emerge without segmentation.
The hash is CRC-32, which is stable across processes (Python's hash() is salted).
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

PAD_ID = 0
UNK_ID = 1
N_HASHED_FEATURES = 3
_BOS, _EOS = "\x02", "\x03"


# Kept per process: the characters and n-grams a cockpit hears are few, and the pieces of a request and their
# borrowings share most of them (a hostile stream of new ones only empties the n-grams' cache).
_CACHED_CHARS, _CACHED_FEATURES = 1 << 12, 1 << 16


@functools.lru_cache(maxsize=_CACHED_CHARS)
def normalize_char(ch: str) -> str:
    """One character in, one character out (keeps positions aligned with the original text)."""
    folded = unicodedata.normalize("NFKC", ch).lower()
    if not folded:
        return " "
    if folded[0].isspace():
        return " "
    return folded[0]


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def detect_lang(text: str) -> str:
    """The language the utterance is said in: zh when it holds Han characters, unless it is an English sentence
    with one Mandarin name in it ("navigate to 西湖", "what's the forecast for 杭州 tomorrow": it opens with English
    words, holds one run of Han characters and at least as many English words as that run has characters).
    "帮我把AC打开", "volume调小一点" and "play 周杰伦" are Mandarin: a recogniser hands Mandarin speech over with
    English words in it, and one English word is no English sentence."""
    han_runs = _HAN_RUN.findall(text)
    if not han_runs:
        return "en"
    latin_words = _LATIN_WORD.findall(text)
    opens_in_english = _LATIN_WORD.match(text.lstrip()) is not None
    if opens_in_english and len(han_runs) == 1 and len(latin_words) >= 2 and len(latin_words) >= len(han_runs[0]):
        return "en"
    return "zh"


# ASCII letters, digits and the marks inside words ("don't", "e-mail"): the characters of one whole-word feature.
_ASCII_WORD = re.compile(r"[A-Za-z0-9'-]+")


@dataclass(frozen=True)
class Encoded:
    char_ids: np.ndarray  # int64 [L]
    ngram_ids: np.ndarray  # int64 [L, N_HASHED_FEATURES]
    length: int  # number of characters encoded (text may have been truncated)


class CharTokenizer:
    """Maps text to per-character ids and hashed n-gram ids."""

    def __init__(self, vocab: Iterable[str], hash_buckets: int, max_length: int) -> None:
        self.vocab: tuple[str, ...] = tuple(vocab)
        self.hash_buckets = int(hash_buckets)
        self.max_length = int(max_length)
        # ids 0 and 1 are PAD and UNK, vocabulary characters start at 2
        self._char_to_id = {ch: i + 2 for i, ch in enumerate(self.vocab)}
        self._buckets: dict[str, int] = {}

    @property
    def vocab_size(self) -> int:
        return len(self.vocab) + 2

    def to_config(self) -> dict:
        return {
            "kind": "char+hashed-ngrams",
            "hash": "crc32",
            "vocab": list(self.vocab),
            "vocab_size": self.vocab_size,
            "hash_buckets": self.hash_buckets,
            "hashed_features": N_HASHED_FEATURES,
            "max_length": self.max_length,
            "normalisation": "NFKC, lower-case, one char per char",
        }

    @classmethod
    def from_config(cls, config: dict) -> CharTokenizer:
        return cls(config["vocab"], config["hash_buckets"], config["max_length"])

    def _bucket(self, feature: str) -> int:
        found = self._buckets.get(feature)
        if found is None:
            if len(self._buckets) >= _CACHED_FEATURES:
                self._buckets.clear()
            # bucket 0 is reserved for padding; a lone surrogate (from JSON "\ud800" or a Python caller) is hashed
            # as its code unit instead of raising (valid text hashes as before: surrogatepass changes nothing else)
            found = 1 + zlib.crc32(feature.encode("utf-8", "surrogatepass")) % (self.hash_buckets - 1)
            self._buckets[feature] = found
        return found

    def encode(self, text: str) -> Encoded:
        chars = [normalize_char(ch) for ch in text[: self.max_length]]
        n = len(chars)
        padded = [_BOS, *chars, _EOS]
        # pairs[i] is padded[i] + padded[i + 1]: the bigram ending at position i, and the one starting at i - 1
        pairs = [a + b for a, b in zip(padded, padded[1:], strict=False)]
        word_of = _word_spans(chars)
        lookup = self._char_to_id.get
        char_ids = np.array([lookup(ch, UNK_ID) for ch in chars], dtype=np.int64)
        bucket = self._bucket
        features: list[int] = []
        for i, word in enumerate(word_of):
            pair = pairs[i]
            features.append(bucket("b" + pair))
            features.append(bucket("t" + pair + padded[i + 2]))
            features.append(bucket("w" + word) if word else bucket("n" + pairs[i + 1]))
        ngram_ids = np.array(features, dtype=np.int64).reshape(n, N_HASHED_FEATURES)
        return Encoded(char_ids, ngram_ids, n)

    def encode_batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Padded batch: char_ids [B, L], ngram_ids [B, L, F], mask float32 [B, L]."""
        encoded = [self.encode(t) for t in texts]
        width = max(1, max(e.length for e in encoded))
        char_ids = np.zeros((len(texts), width), dtype=np.int64)
        ngram_ids = np.zeros((len(texts), width, N_HASHED_FEATURES), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.float32)
        for row, e in enumerate(encoded):
            char_ids[row, : e.length] = e.char_ids
            ngram_ids[row, : e.length] = e.ngram_ids
            mask[row, : e.length] = 1.0
        return char_ids, ngram_ids, mask


def _word_spans(chars: list[str]) -> list[str]:
    """For each position, the ASCII word it belongs to ('' for CJK, spaces, punctuation)."""
    words = [""] * len(chars)
    for match in _ASCII_WORD.finditer("".join(chars)):  # one character per position: offsets are positions
        word = match.group()
        words[match.start() : match.end()] = [word] * len(word)
    return words
