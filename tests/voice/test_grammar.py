from __future__ import annotations

from cockpit.voice.fsg import WordGraph, to_fsg
from cockpit.voice.grammar import DICT_PATH, FSG_PATH, GRAMMAR_PATH
from models.asr.build_grammar import SPOKEN_INTENTS, build_grammar, normalise, number_words
from models.asr.pronounce import ipa_to_arpabet
from tests.voice.commands import COMMANDS


def test_shipped_grammar_files_match_the_nlu_templates():
    jsgf, words, _dropped = build_grammar()
    assert GRAMMAR_PATH.read_text(encoding="utf-8") == jsgf, "run: python -m models.asr.build_grammar"
    assert FSG_PATH.read_text(encoding="utf-8") == to_fsg(jsgf), "run: python -m models.asr.build_grammar"
    in_dict = {line.split()[0].split("(")[0] for line in DICT_PATH.read_text(encoding="utf-8").splitlines()}
    assert words <= in_dict


def test_grammar_covers_the_spoken_commands():
    graph = WordGraph(GRAMMAR_PATH.read_text(encoding="utf-8"))
    for n in range(16, 33):
        assert graph.accepts(f"set the temperature to {number_words(n)} degrees"), n
    must = [
        "hey xiaomi",
        "hello car",
        "set the fan to three",
        "heat my seat",
        "open my window halfway",
        "open the frunk",
        "close the charge port",
        "open the trunk",
        "navigate home",
        "take me to the office",
        "drive me to work",
        "find a coffee shop",
        "find the nearest charger",
        "pause the music",
        "next song",
        "call mom",
        "yes",
        "no",
        "cancel",
        "never mind",
        "hey xiaomi turn off the ac",
    ]
    for text in must + [c[0] for c in COMMANDS]:
        assert graph.accepts(text), text
    assert not graph.accepts("set the temperature to banana")
    assert len(SPOKEN_INTENTS) >= 15


def test_normalise_spoken_forms():
    assert normalise("Turn on the A/C!") == "turn on the ac"
    assert normalise("set it to 22°C") is None
    assert normalise("co-driver") == "co driver"


def test_ipa_to_arpabet():
    assert ipa_to_arpabet("fɹˈʌŋk") == "F R AH NG K"
    assert ipa_to_arpabet("tʃˈɑːɹdʒɚ") == "CH AA R JH ER"
