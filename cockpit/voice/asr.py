"""Offline English command recognition: pocketsphinx (en-us acoustic model) + the command grammar.

The grammar (models/asr/commands.gram, generated from the NLU's templates by models/asr/build_grammar.py)
limits what can be heard to the phrasings the NLU understands; that is what makes recognition of short
commands exact and fast (tens of ms) where pocketsphinx's general language model is not.

Audio: mono int16 (or float in [-1, 1]) at any rate; it is resampled to 16 kHz with numpy and
padded with silence (whole-clip decoding of unpadded clips can return nothing), then fed to the
decoder in chunks.

Loading checks every file first and says which one is wrong (RecogniserUnavailableError naming the speech model
or the speech grammar, the path and the fix): a grammar must be a whole FSG with its pronunciation dictionary
next to it, and the acoustic model is tried in a child process first, because pocketsphinx ends the whole
process (exit 1) on a junk or cut-short model file. COCKPIT_ASR_MODEL (the acoustic model's folder) and
COCKPIT_ASR_GRAMMAR (a .fsg with its .dict next to it) in the environment replace the shipped ones.
"""

from __future__ import annotations

import os
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


ACOUSTIC_MODEL_ENV = "COCKPIT_ASR_MODEL"  # a pocketsphinx acoustic model folder (en-us/en-us by default)
GRAMMAR_ENV = "COCKPIT_ASR_GRAMMAR"  # a .fsg grammar; its pronunciations are the .dict next to it
ACOUSTIC_MODEL_FILES = ("mdef", "means", "variances", "transition_matrices", "feat.params", "noisedict")
ACOUSTIC_MODEL_FIX = f"pip install --force-reinstall pocketsphinx, or unset {ACOUSTIC_MODEL_ENV}"
GRAMMAR_FIX = (
    f"unset {GRAMMAR_ENV}, or restore the shipped grammar (in a checkout: `python -m models.asr.build_grammar`; "
    "installed: reinstall the package)"
)


class RecogniserUnavailableError(RuntimeError):
    """pocketsphinx or its model/grammar files are missing or unusable. `part` names which
    ("speech model" or "speech grammar"), `path` the file, `fix` what to do."""

    def __init__(
        self,
        message: str,
        *,
        part: str = "speech recogniser",
        path: Path | None = None,
        fix: str = "pip install pocketsphinx",
    ) -> None:
        super().__init__(message)
        self.part, self.path, self.fix = part, path, fix


def _grammar_problem(grammar_path: Path, dict_path: Path) -> str | None:
    """Why this FSG + dictionary pair cannot be decoded with, or None. pocketsphinx itself only says
    "Failed to initialize" and cannot tell which file it disliked."""
    for path, kind in ((grammar_path, "grammar"), (dict_path, "pronunciation dictionary")):
        if not path.is_file():
            return f"{path}: no such {kind} file"
    try:
        grammar = grammar_path.read_text(encoding="utf-8")
        words = dict_path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError:
        return f"{grammar_path} or {dict_path}: not a text file"
    lines = [line.strip() for line in grammar.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or not lines[0].startswith("FSG_BEGIN") or lines[-1] != "FSG_END":
        return f"{grammar_path}: not a whole FSG grammar (expected FSG_BEGIN ... FSG_END)"
    if not any(len(line.split()) >= 2 for line in words):
        return f"{dict_path}: not a pronunciation dictionary (expected `word PHONES` lines)"
    return None


def _decoder_config(hmm: Path, dict_path: Path, grammar_path: Path):
    from pocketsphinx import Config

    return Config(
        hmm=str(hmm),
        dict=str(dict_path),
        fsg=str(grammar_path),
        lm=None,
        samprate=ASR_RATE,
        loglevel="FATAL",
        fsgusefiller=False,  # silence only where the graph allows it (the `pau` word)
        cmn="batch",  # whole clips: normalise each on its own, independent of the last one
        wbeam=WORD_BEAM,
        bestpath=False,
    )


_PROBE = (
    "import sys\nfrom pocketsphinx import Config, Decoder\n"
    "Decoder(Config(hmm=sys.argv[1], dict=sys.argv[2], fsg=sys.argv[3], lm=None, loglevel='FATAL'))\n"
)
PROBE_TIMEOUT_S = 60.0


def _decoder_starts(hmm: Path, dict_path: Path, grammar_path: Path) -> bool:
    """Does a decoder start on these files? Tried in a child Python first (~0.3 s): pocketsphinx calls exit()
    on a broken acoustic model file instead of raising, which would end this process with no word said. (A
    fork would be cheaper, but forking a process with threads can leave the child stuck on a copied lock.)"""
    import subprocess
    import sys

    try:
        probe = subprocess.run(
            [sys.executable, "-I", "-c", _PROBE, str(hmm), str(dict_path), str(grammar_path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=PROBE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def resolve_paths(
    grammar_path: str | Path | None = None, dict_path: str | Path | None = None, hmm_path: str | Path | None = None
) -> tuple[Path, Path, Path]:
    """(grammar, dictionary, acoustic model): the given ones, else the environment's, else the shipped ones."""
    chosen_grammar = grammar_path or os.environ.get(GRAMMAR_ENV) or None
    grammar = Path(chosen_grammar or FSG_PATH)
    dictionary = Path(dict_path) if dict_path else (grammar.with_suffix(".dict") if chosen_grammar else DICT_PATH)
    hmm = hmm_path or os.environ.get(ACOUSTIC_MODEL_ENV) or None
    return grammar, dictionary, Path(hmm) if hmm else Path(default_model_paths()["hmm"])


def check_files(grammar_path: Path, dict_path: Path, hmm_path: Path) -> None:
    """Raise RecogniserUnavailableError naming the speech grammar or the speech model that cannot be used."""
    problem = _grammar_problem(grammar_path, dict_path)
    if problem is not None:
        raise RecogniserUnavailableError(problem, part="speech grammar", path=grammar_path, fix=GRAMMAR_FIX)
    missing = [name for name in ACOUSTIC_MODEL_FILES if not (hmm_path / name).is_file()]
    if missing:
        raise RecogniserUnavailableError(
            f"{hmm_path}: not a pocketsphinx acoustic model folder (no {', '.join(missing)})",
            part="speech model",
            path=hmm_path,
            fix=ACOUSTIC_MODEL_FIX,
        )
    if not _decoder_starts(hmm_path, dict_path, grammar_path):
        shipped_grammar, shipped_dict = Path(FSG_PATH), Path(DICT_PATH)
        if (
            (grammar_path, dict_path) != (shipped_grammar, shipped_dict)
            and _grammar_problem(shipped_grammar, shipped_dict) is None
            and _decoder_starts(hmm_path, shipped_dict, shipped_grammar)
        ):
            raise RecogniserUnavailableError(
                f"{grammar_path}: pocketsphinx cannot decode with this grammar",
                part="speech grammar",
                path=grammar_path,
                fix=GRAMMAR_FIX,
            )
        raise RecogniserUnavailableError(
            f"{hmm_path}: pocketsphinx cannot load this acoustic model (a file in it is damaged or of another kind)",
            part="speech model",
            path=hmm_path,
            fix=ACOUSTIC_MODEL_FIX,
        )


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

    def __init__(
        self,
        grammar_path: str | Path | None = None,
        dict_path: str | Path | None = None,
        hmm_path: str | Path | None = None,
    ) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError as error:
            raise RecogniserUnavailableError("pocketsphinx is not installed (pip install pocketsphinx)") from error
        grammar_path, dict_path, hmm = resolve_paths(grammar_path, dict_path, hmm_path)
        check_files(grammar_path, dict_path, hmm)
        try:
            self._decoder = Decoder(_decoder_config(hmm, dict_path, grammar_path))
        except RuntimeError as error:  # checked above: a file changed since
            raise RecogniserUnavailableError(
                f"pocketsphinx did not start on {hmm} with {grammar_path}: {error}",
                part="speech model",
                path=hmm,
                fix=ACOUSTIC_MODEL_FIX,
            ) from None
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
                decoder.process_raw(pcm[start : start + CHUNK].tobytes(), False, False)
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


_shared: dict[tuple[Path, Path, Path], Recogniser] = {}
_shared_lock = threading.Lock()


def shared_recogniser() -> Recogniser:
    """One process-wide Recogniser per set of files (loading takes ~40 ms; decoding is serialised anyway)."""
    key = resolve_paths()
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Recogniser(*key)
        return _shared[key]


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
