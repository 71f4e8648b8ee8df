from __future__ import annotations

import json

from cockpit.voice.audio_out import AudioOut, VoiceOutput
from cockpit.voice.devices import find_device
from cockpit.voice.wavio import read_wav


def _headless(tmp_path, notices, **options) -> VoiceOutput:
    audio = AudioOut(tmp_path / "voice", use_device=False, notify=notices.append)
    return VoiceOutput(audio_out=audio, notify=notices.append, **options)


def test_wav_fallback_writes_numbered_files_named_by_seat(tmp_path, synth):
    notices: list[str] = []
    out = _headless(tmp_path, notices)
    out.say("Setting 22 degrees.", "en", "driver")
    out.say("好的", "zh", "passenger")
    out.say("Low battery.", "en", None, kind="alert")
    out.close()
    names = sorted(p.name for p in (tmp_path / "voice").glob("*.wav"))
    assert names == ["001_driver.wav", "002_passenger.wav", "003_cabin.wav"]
    samples, rate = read_wav(tmp_path / "voice" / "001_driver.wav")
    assert rate == 22050 and len(samples) > rate // 2 and abs(samples).max() > 1000
    assert len(notices) == 1 and "NNN_<seat>.wav" in notices[0]  # the notice is printed once
    index = [json.loads(line) for line in (tmp_path / "voice" / "index.jsonl").read_text().splitlines()]
    assert [r["file"] for r in index] == names and index[1]["voice"] == "cmn-latn-pinyin"


def test_alert_pre_empts_queued_replies_and_replies_are_kept(tmp_path, synth):
    notices: list[str] = []
    out = _headless(tmp_path, notices, autoflush=False)  # hold the queue, as a busy speaker would
    out.say("first reply", "en", "driver")
    out.say("second reply", "en", "passenger")
    out.say("obstacle ahead", "en", "driver", kind="alert")
    assert out.pending() == 3
    out.close()
    index = [json.loads(line) for line in (tmp_path / "voice" / "index.jsonl").read_text().splitlines()]
    assert [(r["file"], r["text"], r["kind"]) for r in index] == [
        ("001_driver.wav", "obstacle ahead", "alert"),
        ("002_driver.wav", "first reply", "reply"),
        ("003_passenger.wav", "second reply", "reply"),
    ]


def test_no_sound_card_means_no_live_output_and_no_crash():
    status = find_device("output")
    if status.available:  # a machine with a sound card: nothing to check here
        return
    assert "device" in status.reason or "PortAudio" in status.reason or "sounddevice" in status.reason


def test_say_never_raises_when_synthesis_fails(tmp_path):
    class Broken:
        def synthesise(self, text, lang):
            raise RuntimeError("boom")

    notices: list[str] = []
    out = VoiceOutput(
        audio_out=AudioOut(tmp_path, use_device=False, notify=notices.append),
        synthesiser=Broken(),
        notify=notices.append,
    )
    out.say("hello", "en", "driver")
    out.say("hello again", "en", "driver")
    out.close()
    assert any("boom" in n for n in notices) and not list(tmp_path.glob("*.wav"))


class _SlowSpeaker:
    """A stand-in sound card: each playback waits until the test lets it go (`release`), and the order is kept."""

    live = True
    voice_dir = None

    def __init__(self) -> None:
        import threading

        self.played: list[str] = []
        self.first_started = threading.Event()
        self.release = threading.Event()

    def play(self, samples, rate, seat=None):
        self.first_started.set()
        self.release.wait(30.0)
        self.played.append(seat)
        return None


def test_live_playback_runs_on_a_worker_and_never_blocks_say(synth):
    speaker = _SlowSpeaker()
    out = VoiceOutput(audio_out=speaker)
    assert out.live
    out.say("reply one", "en", "r1")
    assert speaker.first_started.wait(30.0)  # the worker is now busy with reply one, held there
    out.say("reply two", "en", "r2")
    out.say("reply three", "en", "r3")
    out.say("collision warning", "en", "alert", kind="alert")
    assert speaker.played == []  # four say() calls came back while the first playback still holds the card
    speaker.release.set()
    out.close()
    assert speaker.played == ["r1", "alert", "r2", "r3"]


def test_recognise_a_wav_file(tmp_path, synth):
    from cockpit.voice.asr import recognise_file
    from cockpit.voice.wavio import write_wav

    speech = synth.synthesise("hey xiaomi open the frunk", "en")
    path = write_wav(tmp_path / "say.wav", speech.samples, speech.rate)
    result = recognise_file(path)
    assert result.text == "hey xiaomi open the frunk"
    assert result.woke and result.command == "open the frunk"
