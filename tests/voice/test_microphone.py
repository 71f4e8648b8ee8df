from __future__ import annotations

import numpy as np

from cockpit.voice.asr import resample, to_int16
from cockpit.voice.grammar import split_wake
from cockpit.voice.microphone import WakeListener, microphone_status, push_to_talk


def _stream(synth, parts: list[tuple[str | None, float]], rate: int = 16000) -> np.ndarray:
    """Text parts (None = silence) at 16 kHz with a little noise."""
    pieces = []
    for text, seconds in parts:
        if text is None:
            pieces.append(np.zeros(int(seconds * rate)))
        else:
            speech = synth.synthesise(text, "en")
            pieces.append(resample(speech.samples, speech.rate, rate) * 32767)
    signal = np.concatenate(pieces) + np.random.default_rng(5).normal(0, 20, sum(len(p) for p in pieces))
    return np.clip(signal, -32768, 32767).astype(np.int16)


def _run(listener: WakeListener, samples: np.ndarray, block: int = 800):
    heard = []
    for i in range(0, len(samples), block):
        heard += listener.process(samples[i : i + block])
    return heard


def test_wake_phrase_then_command(synth, recogniser):
    stream = _stream(
        synth,
        [
            (None, 0.5),
            ("open the trunk", 0),
            (None, 1.0),  # no wake phrase: ignored
            ("hey xiaomi", 0),
            (None, 0.8),
            ("turn on the seat heating", 0),
            (None, 1.0),
            ("hello car close the trunk", 0),
            (None, 1.0),
        ],
    )
    woke = []
    heard = _run(WakeListener(recogniser, on_wake=lambda: woke.append(1)), to_int16(stream / 32767))
    assert [h.command for h in heard] == ["turn on the seat heating", "close the trunk"]
    assert len(woke) == 2
    latency = max(h.latency_ms for h in heard)
    print(f"\nend-of-speech -> text latency: max {latency:.0f} ms after the VAD's end decision")
    assert latency < 1000


def test_split_wake():
    assert split_wake("hey xiaomi open the trunk") == (True, "open the trunk")
    assert split_wake("hello car") == (True, "")
    assert split_wake("open the trunk") == (False, "open the trunk")


def test_push_to_talk_without_microphone_is_a_clear_result():
    if microphone_status().available:
        return
    capture = push_to_talk(max_s=0.5)
    assert not capture.available and capture.reason.startswith("no microphone")
    assert len(capture.samples) == 0
