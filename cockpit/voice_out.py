"""What the assistant says: each reply becomes an utterance record (speech synthesis plugs in here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class SpeechSink(Protocol):
    def say(self, text: str, lang: str = "en", seat: str | None = None, kind: str = "reply") -> None: ...


class SpeechOut:
    """Collects spoken replies; `on_say` lets the trace (and later the synthesiser) hear them."""

    def __init__(self, on_say: Callable[[str, str, str | None, str], None]) -> None:
        self._on_say = on_say
        self.spoken: list[str] = []
        self._sinks: list[SpeechSink] = []

    def attach(self, sink: SpeechSink) -> None:
        """Something that voices the replies: the synthesiser and loudspeakers (or WAV files)."""
        self._sinks.append(sink)

    def say(self, text: str, lang: str = "en", seat: str | None = None, kind: str = "reply") -> None:
        """`kind` is reply or alert: alerts pre-empt queued replies where audio plays."""
        self.spoken.append(text)
        self._on_say(text, lang, seat, kind)
        for sink in self._sinks:
            sink.say(text, lang, seat, kind)
