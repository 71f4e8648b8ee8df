"""Voice for the cockpit: speech out (espeak-ng), English command recognition (pocketsphinx +
a grammar generated from the NLU templates), VAD, push-to-talk and a wake-phrase listener.

Names load lazily (`from cockpit.voice import VoiceOutput` imports only what it needs, and
`python -m cockpit.voice.tts` / `.asr` run without warnings).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Recogniser": "asr",
    "RecognitionResult": "asr",
    "recognise_file": "asr",
    "shared_recogniser": "asr",
    "AudioOut": "audio_out",
    "VoiceOutput": "audio_out",
    "split_wake": "grammar",
    "Speech": "tts",
    "Synthesiser": "tts",
    "VoiceUnavailableError": "tts",
    "EnergyVad": "vad",
    "find_speech": "vad",
    "WakeListener": "microphone",
    "push_to_talk": "microphone",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"cockpit.voice.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'cockpit.voice' has no attribute {name!r}")
