"""Push-to-talk for the dashboard: the microphone is read on a worker thread, never in the frame loop.

The worker only records and recognises; what it heard is handed over through a queue and enters the
cockpit at the next frame, on the simulation's side, like a typed utterance.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Heard:
    seat: str
    text: str | None  # None: nothing usable was heard
    message: str  # what to show (what was heard, or why nothing was)


class PushToTalk:
    def __init__(self) -> None:
        self._results: queue.SimpleQueue[Heard] = queue.SimpleQueue()
        self._busy = threading.Event()

    @property
    def listening(self) -> bool:
        return self._busy.is_set()

    @staticmethod
    def missing_microphone() -> str | None:
        """Why there is no microphone to listen with ("no microphone: ..."), or None: asked when the key is
        pressed, so the screen can say it at once instead of after a capture that cannot start."""
        try:
            from cockpit.voice.microphone import microphone_status

            status = microphone_status()
        except Exception as error:  # noqa: BLE001 - no audio stack at all is also no microphone
            return f"no microphone: {error}"
        return None if status.available else f"no microphone: {status.reason}"

    def start(self, seat: str) -> bool:
        """Listen once for `seat` (until the speaker stops); False if already listening."""
        if self._busy.is_set():
            return False
        self._busy.set()
        threading.Thread(target=self._listen, args=(seat,), name="push-to-talk", daemon=True).start()
        return True

    def _listen(self, seat: str) -> None:
        try:
            from cockpit.voice import push_to_talk, shared_recogniser

            capture = push_to_talk()
            if not capture.available or capture.samples is None or not len(capture.samples):
                self._results.put(Heard(seat, None, capture.reason or "no speech heard"))
                return
            heard = shared_recogniser().recognise(capture.samples, capture.rate)
            text = heard.command or heard.text
            self._results.put(Heard(seat, text or None, f"heard: {text}" if text else "no command recognised"))
        except Exception as error:  # noqa: BLE001 - any audio failure is reported on screen, never raised
            self._results.put(Heard(seat, None, f"push-to-talk failed: {error}"))

    def take(self) -> list[Heard]:
        """What was heard since the last call; the next capture can start once its result is taken."""
        results = []
        while True:
            try:
                results.append(self._results.get_nowait())
            except queue.Empty:
                if results:
                    self._busy.clear()
                return results
