"""Round trip: espeak-ng speaks English commands, pocketsphinx hears them, the real NLU model
understands the text. Figures are printed (run with -s to see them)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from cockpit.nlu.model import DEFAULT_MODEL_PATH
from cockpit.voice.grammar import split_wake
from tests.voice.commands import COMMANDS


def word_errors(reference: str, hypothesis: str) -> int:
    ref, hyp = reference.split(), hypothesis.split()
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


@pytest.fixture(scope="module")
def nlu():
    if not Path(DEFAULT_MODEL_PATH).is_file():
        pytest.skip(f"NLU model file not there yet: {DEFAULT_MODEL_PATH}")
    from cockpit.nlu.model import NluModel

    return NluModel.load()


def test_spoken_commands_round_trip(synth, recogniser, nlu):
    assert len(COMMANDS) >= 50
    errors = words = intents_ok = 0
    decode_ms, audio_s, failures = [], [], []
    for text, intent, slots in COMMANDS:
        speech = synth.synthesise(text, "en")
        result = recogniser.recognise(speech.samples, speech.rate)
        errors += word_errors(text, result.text)
        words += len(text.split())
        decode_ms.append(result.decode_ms)
        audio_s.append(result.duration_s)
        _woke, command = split_wake(result.text)
        understood = nlu.understand(command)
        if understood.intent == intent and all(understood.slots.get(k) == v for k, v in slots.items()):
            intents_ok += 1
        else:
            failures.append(f"{text!r} -> {result.text!r} -> {understood.intent} {understood.slots}")
    word_accuracy = 1 - errors / words
    intent_accuracy = intents_ok / len(COMMANDS)
    rtf = sum(decode_ms) / 1000 / sum(audio_s)
    print(
        f"\nvoice round trip over {len(COMMANDS)} commands: word accuracy {word_accuracy:.1%}, "
        f"intent accuracy {intent_accuracy:.1%}, decode mean {statistics.mean(decode_ms):.0f} ms "
        f"(max {max(decode_ms):.0f} ms), RTF {rtf:.3f}"
    )
    for failure in failures:
        print("  miss:", failure)
    assert word_accuracy >= 0.90
    assert intent_accuracy >= 0.90


def test_set_the_temperature_to_twenty_two_degrees(synth, recogniser, nlu):
    speech = synth.synthesise("set the temperature to twenty two degrees", "en")
    result = recogniser.recognise(speech.samples, speech.rate)
    assert result.text == "set the temperature to twenty two degrees"
    understood = nlu.understand(result.text)
    assert understood.intent == "climate.set_temperature"
    assert understood.slots["temperature"] == 22.0
    assert result.decode_ms < 2000 and 0 < result.rtf < 1


def test_resampled_input_is_recognised(synth, recogniser):
    from cockpit.voice.asr import resample, to_int16

    speech = synth.synthesise("open the trunk", "en")
    for rate in (16000, 44100, 48000):  # wideband model: 8 kHz telephone audio is out of scope
        samples = to_int16(resample(speech.samples, speech.rate, rate))
        assert recogniser.recognise(samples, rate).text == "open the trunk", rate


def test_silence_and_empty_audio_give_no_text(recogniser):
    import numpy as np

    assert recogniser.recognise(np.zeros(16000, np.int16), 16000).text == ""
    assert recogniser.recognise(np.zeros(0, np.int16), 16000).text == ""
