"""Energy-based voice activity detection: frame energy against an adaptive noise floor, with hangover.

`EnergyVad` is a streaming detector: feed it chunks of samples, it reports when speech starts
and when it has ended (after `hangover_s` below threshold). `find_speech` runs it over a clip.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME_S = 0.02


@dataclass(frozen=True)
class SpeechSegment:
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class VadEvent:
    kind: str  # "start" | "end"
    time_s: float


class EnergyVad:
    """Frames of 20 ms; speech when frame energy exceeds the noise floor by `threshold_db`.

    The noise floor tracks the quietest recent frames (falls fast, rises slowly, frozen in speech).
    Speech starts after `start_frames` loud frames in a row (its start is dated at the first);
    it ends after `hangover_s` of quiet (dated at the last loud frame).
    """

    def __init__(
        self,
        rate: int,
        threshold_db: float = 12.0,
        hangover_s: float = 0.3,
        start_frames: int = 3,
        min_speech_s: float = 0.12,
        initial_floor_db: float = -70.0,
        absolute_floor_db: float = -55.0,
    ) -> None:
        self.rate = int(rate)
        self.frame = max(1, int(round(FRAME_S * rate)))
        self.threshold_db = threshold_db
        self.hangover_frames = max(1, int(round(hangover_s / FRAME_S)))
        self.start_frames = start_frames
        self.min_speech_frames = max(1, int(round(min_speech_s / FRAME_S)))
        self.absolute_floor_db = absolute_floor_db
        self.floor_db = initial_floor_db
        self._floor_seeded = False
        self._buffer = np.zeros(0)
        self._index = 0  # frames consumed
        self._loud_run = 0
        self._quiet_run = 0
        self.in_speech = False
        self._speech_start = 0
        self._last_loud = 0

    @property
    def frame_s(self) -> float:
        """The frame length actually used, in seconds."""
        return self.frame / float(self.rate)

    def _frame_db(self, frame: np.ndarray) -> float:
        return 10.0 * np.log10(np.mean(frame * frame) + 1e-12)

    def feed(self, samples: np.ndarray) -> list[VadEvent]:
        """Consume samples (int16 or float); returns the start/end events they complete."""
        x = np.asarray(samples)
        x = x.astype(np.float64) / 32768.0 if x.dtype.kind in "iu" else x.astype(np.float64)
        self._buffer = np.concatenate([self._buffer, x])
        events: list[VadEvent] = []
        while len(self._buffer) >= self.frame:
            frame, self._buffer = self._buffer[: self.frame], self._buffer[self.frame :]
            events += self._step(self._frame_db(frame))
            self._index += 1
        return events

    def _step(self, db: float) -> list[VadEvent]:
        if not self._floor_seeded:
            self.floor_db, self._floor_seeded = db, True
        threshold = max(self.floor_db + self.threshold_db, self.absolute_floor_db)
        loud = db > threshold
        if not self.in_speech:  # adapt the floor only outside speech
            rate = 0.3 if db < self.floor_db else 0.02
            self.floor_db += rate * (db - self.floor_db)
        events: list[VadEvent] = []
        if loud:
            self._loud_run += 1
            self._quiet_run = 0
            self._last_loud = self._index
            if not self.in_speech and self._loud_run >= self.start_frames:
                self.in_speech = True
                self._speech_start = self._index - self._loud_run + 1
                events.append(VadEvent("start", self._speech_start * self.frame_s))
        else:
            self._loud_run = 0
            if self.in_speech:
                self._quiet_run += 1
                if self._quiet_run >= self.hangover_frames:
                    self.in_speech = False
                    events.append(VadEvent("end", (self._last_loud + 1) * self.frame_s))
        return events

    def flush(self) -> list[VadEvent]:
        """End of stream: closes an open speech segment."""
        if self.in_speech:
            self.in_speech = False
            return [VadEvent("end", (self._last_loud + 1) * self.frame_s)]
        return []


def find_speech(samples: np.ndarray, rate: int, **options) -> list[SpeechSegment]:
    """Speech segments of a clip (each at least `min_speech_s` long)."""
    vad = EnergyVad(rate, **options)
    segments: list[SpeechSegment] = []
    start = None
    for event in vad.feed(samples) + vad.flush():
        if event.kind == "start":
            start = event.time_s
        elif start is not None:
            if event.time_s - start >= vad.min_speech_frames * vad.frame_s:
                segments.append(SpeechSegment(start, event.time_s))
            start = None
    return segments
