"""Sound devices through sounddevice (PortAudio), detected without ever raising.

Without the PortAudio library (Debian package libportaudio2) `import sounddevice` raises OSError;
with it but no sound card there are no devices (default device -1). Both mean "no device".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceStatus:
    available: bool
    reason: str  # why not, or the device name
    device: int | None = None


def _sounddevice():
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        return None, f"sounddevice unusable ({error}); PortAudio comes with the Debian package libportaudio2"
    return sounddevice, ""


def find_device(kind: str) -> DeviceStatus:
    """kind 'output' or 'input': the default device of that kind, if any."""
    sd, reason = _sounddevice()
    if sd is None:
        return DeviceStatus(False, reason)
    channels_key = "max_output_channels" if kind == "output" else "max_input_channels"
    try:
        devices = sd.query_devices()
        default = sd.default.device[1 if kind == "output" else 0]
        if default is not None and int(default) >= 0 and devices[int(default)][channels_key] > 0:
            return DeviceStatus(True, str(devices[int(default)]["name"]), int(default))
        for index, info in enumerate(devices):
            if info[channels_key] > 0:
                return DeviceStatus(True, str(info["name"]), index)
    except Exception as error:  # PortAudioError and friends: no usable device
        return DeviceStatus(False, f"no {kind} device ({error})")
    return DeviceStatus(False, f"no {kind} sound device")
