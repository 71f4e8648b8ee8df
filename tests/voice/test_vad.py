from __future__ import annotations

import numpy as np

from cockpit.voice.vad import EnergyVad, find_speech


def _padded(synth, text: str, lead_s: float, tail_s: float, noise: float = 30.0, seed: int = 3):
    speech = synth.synthesise(text, "en")
    x = speech.samples.astype(np.float64)
    loud = np.nonzero(np.abs(x) > 200)[0]
    rate = speech.rate
    signal = np.concatenate([np.zeros(int(lead_s * rate)), x, np.zeros(int(tail_s * rate))])
    signal += np.random.default_rng(seed).normal(0.0, noise, len(signal))
    true_start = lead_s + loud[0] / rate
    true_end = lead_s + (loud[-1] + 1) / rate
    return np.clip(signal, -32768, 32767).astype(np.int16), rate, true_start, true_end


def test_finds_start_and_end_of_speech_within_150_ms(synth):
    for text, lead, tail in (("set the temperature to twenty two degrees", 1.0, 1.5), ("open the trunk", 0.6, 0.8)):
        samples, rate, start, end = _padded(synth, text, lead, tail)
        segments = find_speech(samples, rate)
        assert len(segments) == 1, segments
        assert abs(segments[0].start_s - start) <= 0.15
        assert abs(segments[0].end_s - end) <= 0.15


def test_pure_noise_is_not_speech():
    rng = np.random.default_rng(7)
    for level in (50.0, 500.0, 3000.0):
        noise = rng.normal(0.0, level, 16000 * 4).astype(np.int16)
        assert find_speech(noise, 16000) == []
    assert find_speech(np.zeros(16000 * 2, np.int16), 16000) == []


def test_streaming_reports_end_of_speech_after_the_hangover(synth):
    samples, rate, _start, end = _padded(synth, "hey xiaomi", 0.5, 1.0)
    vad = EnergyVad(rate, hangover_s=0.3)
    block = rate // 20
    ended_at = None
    for i in range(0, len(samples), block):
        for event in vad.feed(samples[i : i + block]):
            if event.kind == "end":
                ended_at = (i + block) / rate  # when the stream let the VAD decide
                assert abs(event.time_s - end) <= 0.15
    assert ended_at is not None and ended_at - end < 0.3 + 0.15
