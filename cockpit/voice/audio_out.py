"""Spoken output: synthesis, a speech queue where alerts go first, and a sink that is a sound device
or, headless, numbered WAV files (`<voice_dir>/NNN_<seat>.wav`).

`VoiceOutput.say(text, lang, seat, kind)` is the one entry point the cockpit calls. It never
raises (a full disk or an unwritable voice folder is said once on stderr, and replies stay text from then
on; a WAV file and the index line appear whole or not at all) and never blocks the simulation loop on playback:

* headless (no output device): the queue is drained inline; synthesis + writing a WAV file take
  a few ms;
* live (a sound device exists): a worker thread consumes the queue, synthesises and plays, so
  `say` only enqueues.

Alerts pre-empt speech: a queued alert is played/written before every queued reply (replies are
never dropped; the utterance already playing is not cut off).
"""

from __future__ import annotations

import heapq
import itertools
import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from canbus.line_file import LineFile
from cockpit.voice.devices import DeviceStatus, find_device
from cockpit.voice.tts import Synthesiser, VoiceUnavailableError
from cockpit.voice.wavio import write_wav

KINDS = {"alert": 0, "reply": 1}  # lower plays first


def _notice(message: str) -> None:
    print(f"voice: {message}", file=sys.stderr, flush=True)


class AudioOut:
    """Plays samples on the default output device, else writes `<voice_dir>/NNN_<seat>.wav`."""

    def __init__(
        self, voice_dir: str | Path | None, use_device: bool = True, notify: Callable[[str], None] = _notice
    ) -> None:
        self.voice_dir = Path(voice_dir) if voice_dir is not None else None
        self._notify = notify
        self._noticed = False
        self._count = 0
        self._lock = threading.Lock()
        self.status = find_device("output") if use_device else DeviceStatus(False, "device output disabled")
        self.written: list[Path] = []

    @property
    def live(self) -> bool:
        return self.status.available

    def _fallback_notice(self, why: str) -> None:
        if not self._noticed:
            self._noticed = True
            where = f"writing speech to {self.voice_dir}/NNN_<seat>.wav" if self.voice_dir else "speech is not kept"
            self._notify(f"{why}; {where}")

    def play(self, samples: np.ndarray, rate: int, seat: str | None = None) -> Path | None:
        """Blocking playback (call it from a worker), or the WAV file written instead."""
        if self.live:
            try:
                import sounddevice as sd

                sd.play(samples, rate, device=self.status.device)
                sd.wait()
                return None
            except Exception as error:  # PortAudioError: the device went away -> WAV files from now on
                self.status = DeviceStatus(False, f"sound output failed ({error})")
        return self.write(samples, rate, seat)

    def write(self, samples: np.ndarray, rate: int, seat: str | None = None) -> Path | None:
        self._fallback_notice(self.status.reason)
        if self.voice_dir is None:
            return None
        with self._lock:
            self._count += 1
            path = self.voice_dir / f"{self._count:03d}_{seat or 'cabin'}.wav"
        write_wav(path, samples, rate)
        self.written.append(path)
        return path


@dataclass(order=True)
class _Item:
    priority: int
    sequence: int
    text: str = field(compare=False)
    lang: str = field(compare=False)
    seat: str | None = field(compare=False)
    kind: str = field(compare=False)


class VoiceOutput:
    """Speech queue + synthesiser + sink. Create once per run; `close()` flushes what is queued."""

    def __init__(
        self,
        voice_dir: str | Path | None = None,
        synthesiser: Synthesiser | None = None,
        audio_out: AudioOut | None = None,
        use_device: bool = True,
        autoflush: bool = True,
        notify: Callable[[str], None] = _notice,
    ) -> None:
        self.audio = audio_out or AudioOut(voice_dir, use_device=use_device, notify=notify)
        self._notify = notify
        self._synth_error: str | None = None
        self.synthesiser: Synthesiser | None
        try:
            self.synthesiser = synthesiser or Synthesiser()
        except VoiceUnavailableError as error:
            self.synthesiser = None
            self._synth_error = str(error)
            notify(f"{error}; replies stay text only")
        self.autoflush = autoflush  # headless: drain inline on every say(); False holds items until flush()
        self._queue: list[_Item] = []
        self._sequence = itertools.count()
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._worker: threading.Thread | None = None
        self._index_path = self.audio.voice_dir / "index.jsonl" if self.audio.voice_dir else None
        if self.audio.live:
            self._worker = threading.Thread(target=self._run, name="voice-output", daemon=True)
            self._worker.start()

    @property
    def live(self) -> bool:
        return self._worker is not None

    def say(self, text: str, lang: str = "en", seat: str | None = None, kind: str = "reply") -> None:
        """Queue an utterance ('reply' or 'alert'; an alert goes before queued replies). Never raises."""
        if not text or not text.strip() or self._closed:
            return
        item = _Item(
            KINDS.get(kind, KINDS["reply"]), next(self._sequence), text, lang, seat, kind if kind in KINDS else "reply"
        )
        with self._cond:
            heapq.heappush(self._queue, item)
            self._cond.notify()
        if not self.live and self.autoflush:
            self._drain()

    def pending(self) -> int:
        with self._cond:
            return len(self._queue) + (1 if self._busy else 0)

    def flush(self, timeout_s: float = 30.0) -> None:
        """Headless: write everything queued now. Live: wait until the worker has played the queue."""
        if not self.live:
            self._drain()
            return
        with self._cond:
            self._cond.wait_for(lambda: not self._queue and not self._busy, timeout=timeout_s)

    def close(self, timeout_s: float = 30.0) -> None:
        """Flush, then stop the worker."""
        self.flush(timeout_s)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=timeout_s)

    # --- consumers ------------------------------------------------------------------------------
    def _drain(self) -> None:
        while True:
            with self._cond:
                if not self._queue:
                    return
                item = heapq.heappop(self._queue)
            self._speak(item)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._closed)
                if not self._queue:
                    return
                item = heapq.heappop(self._queue)
                self._busy = True
            try:
                self._speak(item)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _speak(self, item: _Item) -> None:
        if self.synthesiser is None:
            return
        try:
            speech = self.synthesiser.synthesise(item.text, item.lang)
            path = self.audio.play(speech.samples, speech.rate, item.seat)
        except Exception as error:  # never let speech take the simulation down
            if self._synth_error is None:
                self._synth_error = str(error)
                self._notify(f"speech failed ({error}); continuing without it")
            return
        if path is not None and self._index_path is not None:
            record = {
                "file": path.name,
                "text": item.text,
                "lang": item.lang,
                "seat": item.seat or "cabin",
                "kind": item.kind,
                "voice": speech.voice,
                "duration_s": round(speech.duration_s, 3),
            }
            self._write_index_line(json.dumps(record, ensure_ascii=False) + "\n")

    def _write_index_line(self, line: str) -> None:
        """One whole line appended to index.jsonl; a failure (a full disk) is said once, never raised."""
        assert self._index_path is not None
        try:
            index = LineFile(self._index_path, append=True)
            try:
                index.write(line)
            finally:
                index.close()
        except OSError as error:
            if self._synth_error is None:
                self._synth_error = str(error)
                self._notify(f"speech failed ({error}); continuing without it")
            self._index_path = None  # nothing more is written there
