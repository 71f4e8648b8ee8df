"""Microphone input: push-to-talk capture and a wake-phrase listener (VAD + recogniser).

Both use a sounddevice InputStream when an input device exists; otherwise they return a
`Capture` with `available=False` and the reason ("no microphone ..."), never an exception.
`WakeListener.process()` is pure (feed it samples from anywhere: a stream, a WAV file, a test).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from cockpit.voice.asr import Recogniser, RecognitionResult
from cockpit.voice.devices import find_device
from cockpit.voice.grammar import split_wake
from cockpit.voice.vad import EnergyVad

MIC_RATE = 16000
BLOCK_S = 0.05
PRE_ROLL_S = 0.3  # audio kept before the VAD start (weak onsets like "h")
POST_ROLL_S = 0.15


@dataclass(frozen=True)
class Capture:
    available: bool
    samples: np.ndarray
    rate: int
    reason: str = ""


def microphone_status():
    return find_device("input")


def push_to_talk(
    max_s: float = 8.0, stop: threading.Event | None = None, rate: int = MIC_RATE, end_on_silence: bool = True
) -> Capture:
    """Record while the talk button is held (until `stop` is set), at most `max_s`; with
    `end_on_silence` it also stops when the VAD hears the end of speech."""
    status = microphone_status()
    if not status.available:
        return Capture(False, np.zeros(0, np.int16), rate, f"no microphone: {status.reason}")
    import sounddevice as sd

    blocks: list[np.ndarray] = []
    vad = EnergyVad(rate)
    ended = False
    try:
        with sd.InputStream(samplerate=rate, channels=1, dtype="int16", device=status.device) as stream:
            deadline = time.monotonic() + max_s
            while time.monotonic() < deadline and not (stop is not None and stop.is_set()) and not ended:
                block, _overflow = stream.read(int(BLOCK_S * rate))
                mono = block[:, 0].copy()
                blocks.append(mono)
                ended = end_on_silence and any(e.kind == "end" for e in vad.feed(mono))
    except Exception as error:  # PortAudioError: the device went away
        return Capture(False, np.zeros(0, np.int16), rate, f"no microphone: {error}")
    return Capture(True, np.concatenate(blocks) if blocks else np.zeros(0, np.int16), rate)


@dataclass(frozen=True)
class Heard:
    """One utterance the listener decoded: the command after the wake phrase, or None if it was only noise."""

    result: RecognitionResult
    command: str  # the words after the wake phrase ("" for the wake phrase alone)
    end_of_speech_s: float  # stream time the VAD closed the utterance
    latency_ms: float  # from the VAD's end-of-speech decision to the text (decode wall time)


class WakeListener:
    """Segments a stream with the VAD and decodes each utterance.

    States: idle -> (utterance with the wake phrase) -> a command in the same breath is returned at
    once; the wake phrase alone arms the listener, and the next utterance (within `armed_s`) is the
    command. Utterances without the wake phrase while idle are ignored.
    """

    def __init__(
        self,
        recogniser: Recogniser,
        rate: int = MIC_RATE,
        armed_s: float = 6.0,
        on_wake: Callable[[], None] | None = None,
        max_utterance_s: float = 10.0,
    ) -> None:
        self.recogniser = recogniser
        self.rate = rate
        self.vad = EnergyVad(rate)
        self.armed_s = armed_s
        self.on_wake = on_wake
        self.max_samples = int(max_utterance_s * rate)
        self._history = np.zeros(0, np.int16)  # audio since shortly before the current utterance
        self._consumed = 0  # samples seen
        self._start_sample: int | None = None
        self._armed_until = -1.0

    def process(self, samples: np.ndarray) -> list[Heard]:
        """Feed a block; returns the commands completed in it."""
        samples = np.asarray(samples, dtype=np.int16)
        self._consumed += len(samples)
        self._history = np.concatenate([self._history, samples])
        offset = self._consumed - len(self._history)  # stream index of _history[0]
        heard: list[Heard] = []
        for event in self.vad.feed(samples):
            at = int(event.time_s * self.rate)
            if event.kind == "start":
                self._start_sample = max(0, at - int(PRE_ROLL_S * self.rate))
            elif self._start_sample is not None:
                first = max(0, self._start_sample - offset)
                clip = self._history[first : max(0, at - offset) + int(POST_ROLL_S * self.rate)]
                self._start_sample = None
                heard += self._decode(clip, event.time_s)
        keep = int((PRE_ROLL_S + 0.2) * self.rate) if self._start_sample is None else self.max_samples
        if len(self._history) > keep:
            self._history = self._history[-keep:]
        return heard

    def _decode(self, clip: np.ndarray, end_s: float) -> list[Heard]:
        started = time.perf_counter()
        result = self.recogniser.recognise(clip, self.rate)
        latency_ms = (time.perf_counter() - started) * 1000.0
        if not result.text:
            return []
        woke, rest = split_wake(result.text)
        if woke:
            if self.on_wake is not None:
                self.on_wake()
            if rest:
                return [Heard(result, rest, end_s, latency_ms)]
            self._armed_until = end_s + self.armed_s
            return []
        if end_s <= self._armed_until:
            self._armed_until = -1.0
            return [Heard(result, rest, end_s, latency_ms)]
        return []

    def listen(self, on_command: Callable[[Heard], None], stop: threading.Event) -> str | None:
        """Run on the live microphone until `stop` is set (call from a thread). Returns why it could
        not start (no microphone), else None when stopped."""
        status = microphone_status()
        if not status.available:
            return f"no microphone: {status.reason}"
        import sounddevice as sd

        blocks: queue.Queue[np.ndarray] = queue.Queue()
        try:
            with sd.InputStream(
                samplerate=self.rate,
                channels=1,
                dtype="int16",
                device=status.device,
                blocksize=int(BLOCK_S * self.rate),
                callback=lambda data, *_: blocks.put(data[:, 0].copy()),
            ):
                while not stop.is_set():
                    try:
                        block = blocks.get(timeout=0.2)
                    except queue.Empty:
                        continue
                    for heard in self.process(block):
                        on_command(heard)
        except Exception as error:
            return f"microphone failed: {error}"
        return None
