"""Shared, session-scoped voice parts (the synthesiser and the recogniser are cheap but not free)."""

from __future__ import annotations

import pytest

from cockpit.voice.asr import Recogniser
from cockpit.voice.tts import Synthesiser


@pytest.fixture(scope="session")
def synth() -> Synthesiser:
    return Synthesiser()  # raises VoiceUnavailableError (naming the Debian package) when espeak-ng is missing


@pytest.fixture(scope="session")
def recogniser() -> Recogniser:
    return Recogniser()
