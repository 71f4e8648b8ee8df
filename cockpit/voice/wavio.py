"""Small WAV helpers: mono int16 in memory, RIFF on disk (the standard library's `wave` does the rest)."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import wave
from pathlib import Path

import numpy as np


def parse_wav_bytes(data: bytes) -> tuple[np.ndarray, int]:
    """(mono int16 samples, rate) from a RIFF/WAVE byte string.

    Tolerates the streaming header espeak-ng writes on stdout (chunk sizes 0x7fffffff): the data
    chunk is taken to the end of the bytes actually present.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a RIFF/WAVE stream")
    pos, rate, channels, width, fmt_tag = 12, None, 1, 2, 1
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        body = pos + 8
        if chunk_id == b"fmt ":
            fmt_tag, channels, rate = struct.unpack("<HHI", data[body : body + 8])
            width = struct.unpack("<H", data[body + 14 : body + 16])[0] // 8
        elif chunk_id == b"data":
            if rate is None:
                raise ValueError("WAV data chunk before its fmt chunk")
            end = min(len(data), body + size)
            return _to_mono_int16(data[body:end], channels, width, fmt_tag), int(rate)
        pos = body + size + (size & 1)
    raise ValueError("WAV stream has no data chunk")


def _to_mono_int16(raw: bytes, channels: int, width: int, fmt_tag: int) -> np.ndarray:
    frame = channels * width
    raw = raw[: len(raw) - len(raw) % frame]
    if fmt_tag == 3 and width == 4:
        samples = np.frombuffer(raw, dtype="<f4").astype(np.float64) * 32767.0
    elif width == 2:
        samples = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    elif width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) * 256.0
    elif width == 4:
        samples = np.frombuffer(raw, dtype="<i4").astype(np.float64) / 65536.0
    else:
        raise ValueError(f"unsupported WAV sample width: {width} bytes")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return np.clip(np.round(samples), -32768, 32767).astype(np.int16)


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """(mono int16 samples, rate) of a WAV file (8/16/32-bit PCM or float; stereo is mixed down)."""
    return parse_wav_bytes(Path(path).read_bytes())


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(int(rate))
        handle.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    return buffer.getvalue()


def write_wav(path: str | Path, samples: np.ndarray, rate: int) -> Path:
    """Write mono int16 samples as a 16-bit PCM WAV file; returns the path. The file appears whole or not at
    all: it is written under a temporary name and renamed, and a failed write (a full disk) leaves nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(wav_bytes(samples, rate))
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return path
