"""Offline English command recognition: pocketsphinx (en-us acoustic model) + the command grammar.

The grammar (models/asr/commands.gram, generated from the NLU's templates by grammar.py) limits
what can be heard to the phrasings the NLU understands; that is what makes recognition of short
commands exact and fast (tens of ms) where pocketsphinx's general language model is not.

Audio: mono int16 (or float in [-1, 1]) at any rate; it is resampled to 16 kHz with numpy and
padded with silence (whole-clip decoding of unpadded clips can return nothing), then fed to the
decoder in chunks.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cockpit.voice.fsg import SILENCE_WORD
from cockpit.voice.grammar import DICT_PATH, FSG_PATH, split_wake

ASR_RATE = 16000
PAD_S = 0.3
CHUNK = 2048
# Word-exit beam: pocketsphinx's default (7e-29) prunes the right path on a few clips in 16 depending
# on where the clip starts; 1e-40 keeps it at ~+10% decode time (1e-48 is 20x slower).
WORD_BEAM = 1e-40
SOUND_FLOOR_DB = -50.0


class RecogniserUnavailableError(RuntimeError):
    """pocketsphinx or its model/grammar files are missing."""


@dataclass(frozen=True)
class RecognitionResult:
    text: str  # lower-case words, "" when nothing was recognised
    confidence: float  # 0..1: pocketsphinx's posterior of the hypothesis (not an out-of-grammar test)
    score: float  # the decoder's path score as pocketsphinx reports it
    duration_s: float  # length of the audio given (before padding)
    decode_ms: float  # wall time to resample + decode

    @property
    def rtf(self) -> float:
        return (self.decode_ms / 1000.0) / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def woke(self) -> bool:
        """Did the utterance start with a wake phrase ("hey xiaomi", "hello car"...)?"""
        return split_wake(self.text)[0]

    @property
    def command(self) -> str:
        """The text without a leading wake phrase: what to pass to Cockpit.hear()."""
        return split_wake(self.text)[1]

    def __bool__(self) -> bool:
        return bool(self.text)


def default_model_paths() -> dict[str, str]:
    """The en-us acoustic model and CMU dictionary shipped inside the pocketsphinx wheel."""
    try:
        from pocketsphinx import get_model_path
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise RecogniserUnavailableError("pocketsphinx is not installed (pip install pocketsphinx)") from error
    base = Path(get_model_path())
    return {"hmm": str(base / "en-us" / "en-us"), "dict": str(base / "en-us" / "cmudict-en-us.dict")}


def to_float(samples: np.ndarray) -> np.ndarray:
    samples = np.asarray(samples)
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    if samples.dtype.kind in "iu":
        return samples.astype(np.float64) / 32768.0
    return samples.astype(np.float64)


def resample(samples: np.ndarray, rate: int, target: int = ASR_RATE) -> np.ndarray:
    """Band-limited resampling with numpy: windowed-sinc low-pass (when downsampling) + interpolation."""
    x = to_float(samples)
    if rate == target or len(x) == 0:
        return x
    if target < rate:
        cutoff = 0.5 * target / rate * 0.95  # cycles per input sample
        taps = 63
        n = np.arange(taps) - (taps - 1) / 2
        kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
        kernel /= kernel.sum()
        x = np.convolve(x, kernel, mode="same")
    count = int(round(len(x) * target / rate))
    positions = np.arange(count) * (rate / target)
    return np.interp(positions, np.arange(len(x)), x)


def pad_with_background(x: np.ndarray, pad_s: float = PAD_S) -> np.ndarray:
    """Surround a clip with `pad_s` of its own background: silence for a clean clip, noise at the
    level of its quietest frames for a noisy one (a jump from noise to digital zeros makes the
    decoder's result depend on where the clip was cut). Fixed seed: same clip, same result."""
    frame = int(0.02 * ASR_RATE)
    usable = len(x) - len(x) % frame
    level = 0.0
    if usable >= frame:
        rms = np.sqrt(np.mean(x[:usable].reshape(-1, frame) ** 2, axis=1))
        level = float(np.percentile(rms, 10))
    n = int(pad_s * ASR_RATE)
    rng = np.random.default_rng(0)
    return np.concatenate([rng.normal(0.0, level, n), x, rng.normal(0.0, level, n)])


def has_sound(x: np.ndarray, floor_db: float = SOUND_FLOOR_DB) -> bool:
    """Is any 20 ms frame louder than `floor_db` dBFS? (Silence would otherwise be forced onto a command.)"""
    frame = int(0.02 * ASR_RATE)
    usable = len(x) - len(x) % frame
    if usable == 0:
        return False
    energy = np.mean(x[:usable].reshape(-1, frame) ** 2, axis=1)
    return bool(10.0 * np.log10(energy.max() + 1e-12) > floor_db)


def to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x * 32767.0), -32768, 32767).astype(np.int16)


class Recogniser:
    """English command recogniser. One decoder; calls are serialised by a lock (thread-safe)."""

    def __init__(self, grammar_path: str | Path | None = None, dict_path: str | Path | None = None,
                 hmm_path: str | Path | None = None) -> None:
        try:
            from pocketsphinx import Config, Decoder
        except ImportError as error:
            raise RecogniserUnavailableError("pocketsphinx is not installed (pip install pocketsphinx)") from error
        grammar_path = Path(grammar_path or FSG_PATH)
        dict_path = Path(dict_path or DICT_PATH)
        for path in (grammar_path, dict_path):
            if not path.is_file():
                raise RecogniserUnavailableError(
                    f"{path} is missing: generate it with `python -m cockpit.voice.grammar`")
        paths = default_model_paths()
        config = Config(hmm=str(hmm_path or paths["hmm"]), dict=str(dict_path), fsg=str(grammar_path),
                        lm=None, samprate=ASR_RATE, loglevel="FATAL",
                        fsgusefiller=False,  # silence only where the graph allows it (the `pau` word)
                        cmn="batch",  # whole clips: normalise each on its own, independent of the last one
                        wbeam=WORD_BEAM, bestpath=False)
        self._decoder = Decoder(config)
        self._lock = threading.Lock()
        self.grammar_path = grammar_path

    def recognise(self, samples: np.ndarray, rate: int) -> RecognitionResult:
        """Decode one utterance (a whole clip). Never raises for empty or silent audio."""
        started = time.perf_counter()
        duration_s = len(samples) / float(rate) if rate else 0.0
        audio = resample(samples, rate)
        if not has_sound(audio):
            return RecognitionResult("", 0.0, 0.0, duration_s, (time.perf_counter() - started) * 1000.0)
        pcm = to_int16(pad_with_background(audio))
        with self._lock:
            decoder = self._decoder
            decoder.start_utt()
            for start in range(0, len(pcm), CHUNK):
                decoder.process_raw(pcm[start:start + CHUNK].tobytes(), False, False)
            decoder.end_utt()
            hyp = decoder.hyp()
        decode_ms = (time.perf_counter() - started) * 1000.0
        if hyp is None or not hyp.hypstr.strip():
            return RecognitionResult("", 0.0, 0.0, duration_s, decode_ms)
        text = " ".join(w for w in hyp.hypstr.split() if w != SILENCE_WORD)
        if not text:
            return RecognitionResult("", 0.0, float(hyp.score), duration_s, decode_ms)
        confidence = min(1.0, max(0.0, float(hyp.prob)))
        return RecognitionResult(text, confidence, float(hyp.score), duration_s, decode_ms)


_shared: Recogniser | None = None
_shared_lock = threading.Lock()


def shared_recogniser() -> Recogniser:
    """One process-wide Recogniser (loading takes ~40 ms; decoding is serialised anyway)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Recogniser()
        return _shared


def recognise_file(path: str | Path, recogniser: Recogniser | None = None) -> RecognitionResult:
    """Recognise a WAV file (any rate, 8/16/32-bit or float, mono or stereo)."""
    from cockpit.voice.wavio import read_wav

    samples, rate = read_wav(path)
    return (recogniser or shared_recogniser()).recognise(samples, rate)


def main() -> None:
    """`python -m cockpit.voice.asr file.wav [...]`: print what the recogniser hears."""
    import sys

    for path in sys.argv[1:]:
        result = recognise_file(path)
        print(f"{path}: {result.text!r} (command {result.command!r}, {result.decode_ms:.0f} ms, RTF {result.rtf:.3f})")


if __name__ == "__main__":
    main()
