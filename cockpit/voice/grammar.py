"""The recognition grammar the recogniser decodes: the shipped files, and the wake phrases it begins with.

The files are built from the NLU's English templates by models/asr/build_grammar.py (a build tool, run in a
checkout: `python -m models.asr.build_grammar`); the runtime only reads them (cockpit/voice/asr.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from cockpit.nlu.addressed import WAKE_PHRASES
from shipped_files import ASR_DICTIONARY, ASR_GRAMMAR, ASR_WORD_GRAPH, shipped_path

GRAMMAR_PATH = shipped_path(ASR_GRAMMAR)  # the JSGF (the readable form)
FSG_PATH = shipped_path(ASR_WORD_GRAPH)  # the word graph compiled from it: what is decoded
DICT_PATH = shipped_path(ASR_DICTIONARY)  # the pronunciations of the graph's words

__all__ = ["DICT_PATH", "FSG_PATH", "GRAMMAR_PATH", "WAKE_PHRASES", "split_wake"]


def split_wake(text: str, wake_phrases: Iterable[str] = WAKE_PHRASES) -> tuple[bool, str]:
    """(said the wake phrase?, the rest)."""
    for phrase in sorted(wake_phrases, key=len, reverse=True):
        if text == phrase or text.startswith(phrase + " "):
            return True, text[len(phrase) :].strip()
    return False, text
