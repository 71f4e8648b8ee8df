"""Pronunciations (CMU ARPAbet) for the recognition dictionary.

Words of the CMU dictionary that ships with pocketsphinx keep all their variants. A word it lacks
(frunk, xiaomi, hvac, pinyin names...) gets the pronunciation espeak-ng gives it (`--ipa`),
mapped from IPA to ARPAbet, plus any hand-written variant below.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

MANUAL: dict[str, list[str]] = {
    "xiaomi": ["SH AW M IY", "SH Y AW M IY"],
    "xiao": ["SH AW", "SH Y AW"],
    "frunk": ["F R AH NG K"],
    "ev": ["IY V IY", "EH V"],
    "hvac": ["EY CH V AE K", "EY CH V IY EY S IY"],
}

# Longest match first. espeak-ng en-us IPA -> ARPAbet.
_IPA: list[tuple[str, str]] = sorted(
    {
        "aɪɚ": "AY ER",
        "aɪə": "AY AH",
        "aʊɚ": "AW ER",
        "ɑːɹ": "AA R",
        "ɔːɹ": "AO R",
        "oːɹ": "AO R",
        "ɛɹ": "EH R",
        "ɪɹ": "IH R",
        "ʊɹ": "UH R",
        "iə": "IY AH",
        "eɪ": "EY",
        "aɪ": "AY",
        "aʊ": "AW",
        "oʊ": "OW",
        "ɔɪ": "OY",
        "tʃ": "CH",
        "dʒ": "JH",
        "ɑː": "AA",
        "ɔː": "AO",
        "ɜː": "ER",
        "iː": "IY",
        "uː": "UW",
        "ɚ": "ER",
        "ɑ": "AA",
        "æ": "AE",
        "ʌ": "AH",
        "ə": "AH",
        "ɐ": "AH",
        "ɔ": "AO",
        "ɛ": "EH",
        "ɪ": "IH",
        "ᵻ": "IH",
        "i": "IY",
        "ʊ": "UH",
        "u": "UW",
        "a": "AA",
        "e": "EH",
        "o": "OW",
        "ɒ": "AA",
        "ɜ": "ER",
        "y": "UW",
        "ø": "ER",
        "p": "P",
        "b": "B",
        "t": "T",
        "d": "D",
        "k": "K",
        "g": "G",
        "ɡ": "G",
        "f": "F",
        "v": "V",
        "θ": "TH",
        "ð": "DH",
        "s": "S",
        "z": "Z",
        "ʃ": "SH",
        "ʒ": "ZH",
        "h": "HH",
        "m": "M",
        "n": "N",
        "ŋ": "NG",
        "l": "L",
        "ɹ": "R",
        "r": "R",
        "w": "W",
        "j": "Y",
        "ɾ": "T",
        "x": "HH",
        "ç": "HH",
        "ɬ": "L",
        "ʂ": "SH",
        "ɕ": "SH",
        "ʐ": "ZH",
        "ts": "T S",
        "dz": "D Z",
    }.items(),
    key=lambda kv: -len(kv[0]),
)
_DROP = re.compile(r"[ˈˌːˑ̩ʔ\u0361\u035c\u200d-]")


def ipa_to_arpabet(ipa: str) -> str:
    """ARPAbet phones for an espeak-ng IPA string; unknown symbols are skipped."""
    text = _DROP.sub("", ipa.replace("ː", "ː"))
    phones: list[str] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        for symbol, arpa in _IPA:
            if text.startswith(symbol, i):
                phones.append(arpa)
                i += len(symbol)
                break
        else:
            i += 1
    return " ".join(phones)


def espeak_pronunciation(word: str) -> str | None:
    """The en-us pronunciation espeak-ng gives `word`, in ARPAbet; None without espeak-ng."""
    executable = shutil.which("espeak-ng")
    if executable is None:
        return None
    done = subprocess.run(
        [executable, "-v", "en-us", "-q", "--ipa", "--", word], capture_output=True, timeout=10, check=False
    )
    phones = ipa_to_arpabet(done.stdout.decode("utf-8", "replace").strip())
    return phones or None


def load_cmudict(path: str | Path) -> dict[str, list[str]]:
    """word -> pronunciations from a CMU-format dictionary (`word(2)` variants folded in)."""
    entries: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(maxsplit=1)
            if len(parts) != 2:
                continue
            word = re.sub(r"\(\d+\)$", "", parts[0])
            phones = parts[1].split("#")[0].strip()
            entries.setdefault(word, []).append(phones)
    return entries


def pronunciations(words: set[str], cmudict: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every word -> its pronunciations; raises ValueError for a word nothing can pronounce."""
    result: dict[str, list[str]] = {}
    for word in sorted(words):
        variants = list(MANUAL.get(word, [])) + [p for p in cmudict.get(word, []) if p not in MANUAL.get(word, [])]
        if word not in cmudict:
            spoken = espeak_pronunciation(word)
            if spoken and spoken not in variants:
                variants.append(spoken)
        if not variants:
            raise ValueError(f"no pronunciation for {word!r} (not in the CMU dictionary, espeak-ng missing?)")
        result[word] = variants
    return result
