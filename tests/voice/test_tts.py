from __future__ import annotations

import shutil

import numpy as np
import pytest

from cockpit.voice import tts
from cockpit.voice.tts import Synthesiser, VoiceUnavailableError, voice_for


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def test_english_speech_is_audible_and_plausibly_long(synth):
    speech = synth.synthesise("Setting the temperature to twenty two degrees.", "en")
    assert speech.voice == "en-us"
    assert speech.samples.dtype == np.int16 and speech.samples.ndim == 1
    assert speech.rate == 22050
    assert 1.2 < speech.duration_s < 5.0  # 8 words at ~165 wpm
    assert _rms(speech.samples) > 500
    assert np.abs(speech.samples).max() > 5000


def test_mandarin_uses_the_pinyin_voice_and_speaks(synth):
    speech = synth.synthesise("好的，已把空调调到二十二度。", "zh")
    assert speech.voice == "cmn-latn-pinyin"
    assert 1.0 < speech.duration_s < 6.0
    assert _rms(speech.samples) > 500
    pinyin = synth.synthesise("hao3 de5", "zh")
    assert pinyin.voice == "cmn-latn-pinyin" and _rms(pinyin.samples) > 500


def test_voice_choice_by_language():
    assert voice_for("en") == "en-us"
    assert voice_for("zh") == voice_for("zh-CN") == voice_for("cmn") == "cmn-latn-pinyin"


def test_same_text_gives_the_same_samples(synth):
    a = synth.synthesise("open the trunk", "en")
    b = synth.synthesise("open the trunk", "en")
    assert np.array_equal(a.samples, b.samples)


def test_missing_espeak_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(tts.shutil, "which", lambda name: None)
    with pytest.raises(VoiceUnavailableError, match="espeak-ng"):
        Synthesiser()


def test_espeak_is_installed():
    assert shutil.which("espeak-ng"), "apt-get install -y espeak-ng"
