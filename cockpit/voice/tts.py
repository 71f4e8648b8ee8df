"""Speech synthesis with espeak-ng, run as an external program (GPLv3; not linked, not imported).

English uses the voice `en-us`; Mandarin uses `cmn-latn-pinyin` (the plain `cmn` voice reads
Latin text as English letters and pinyin tone digits as English numbers). espeak-ng is
deterministic: the same text, voice and settings give the same samples.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

import numpy as np

from cockpit.voice.wavio import parse_wav_bytes

VOICES = {"en": "en-us", "zh": "cmn-latn-pinyin"}
ESPEAK_PACKAGE = "espeak-ng"  # the Debian/Ubuntu package that provides the program
DEFAULT_SPEED_WPM = 165
TIMEOUT_S = 20.0


class VoiceUnavailableError(RuntimeError):
    """The speech synthesiser (espeak-ng) is not installed or failed."""


@dataclass(frozen=True)
class Speech:
    """Synthesised audio: mono int16 samples at `rate` Hz."""

    samples: np.ndarray
    rate: int
    text: str
    voice: str

    @property
    def duration_s(self) -> float:
        return len(self.samples) / float(self.rate)


def voice_for(lang: str) -> str:
    """The espeak-ng voice for a language code ('en', 'zh'; 'cmn'/'zh-CN' count as Mandarin)."""
    key = (lang or "en").lower()
    if key.startswith(("zh", "cmn")):
        return VOICES["zh"]
    return VOICES["en"]


class Synthesiser:
    """Text -> Speech via `espeak-ng --stdout` (a subprocess, no shell)."""

    def __init__(
        self, executable: str | None = None, speed_wpm: int = DEFAULT_SPEED_WPM, pitch: int = 50, amplitude: int = 100
    ) -> None:
        found = executable or shutil.which("espeak-ng")
        if found is None or shutil.which(found) is None:
            raise VoiceUnavailableError(
                "espeak-ng is not installed: speech synthesis needs the Debian package "
                f"'{ESPEAK_PACKAGE}' (apt-get install -y {ESPEAK_PACKAGE})"
            )
        self.executable = found
        self.speed_wpm = int(speed_wpm)
        self.pitch = int(pitch)
        self.amplitude = int(amplitude)

    @classmethod
    def available(cls) -> bool:
        return shutil.which("espeak-ng") is not None

    def synthesise(self, text: str, lang: str = "en", speed_wpm: int | None = None) -> Speech:
        """Speak `text` in `lang` ('en' or 'zh'): mono int16 samples and their rate (22050 Hz)."""
        voice = voice_for(lang)
        command = [
            self.executable,
            "-v",
            voice,
            "-s",
            str(speed_wpm or self.speed_wpm),
            "-p",
            str(self.pitch),
            "-a",
            str(self.amplitude),
            "--stdout",
            "--",
            text.replace("\n", " "),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise VoiceUnavailableError(
                f"espeak-ng could not be run ({error}); is the '{ESPEAK_PACKAGE}' package installed?"
            ) from error
        if done.returncode != 0 or not done.stdout:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise VoiceUnavailableError(f"espeak-ng failed for voice {voice!r} (exit {done.returncode}): {message}")
        samples, rate = parse_wav_bytes(done.stdout)
        return Speech(samples, rate, text, voice)


def main() -> None:
    """`python -m cockpit.voice.tts "open the trunk" --out say.wav [--lang zh]`: make a WAV (scenario audio)."""
    import argparse

    from cockpit.voice.wavio import write_wav

    parser = argparse.ArgumentParser(description="Synthesise text to a WAV file with espeak-ng")
    parser.add_argument("text")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    speech = Synthesiser().synthesise(args.text, args.lang)
    print(write_wav(args.out, speech.samples, speech.rate), f"{speech.duration_s:.2f} s, voice {speech.voice}")


if __name__ == "__main__":
    main()
