"""Bus faults injected where the vehicle's frames leave for the bus, as a fault-injection gateway would."""

from __future__ import annotations

import random
from dataclasses import dataclass

FAULT_KINDS = ("drop", "bad_crc", "stale_counter", "garbage")


@dataclass(frozen=True)
class BusFaultWindow:
    message: str
    kind: str
    start_ms: int
    end_ms: int

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r} (expected one of {', '.join(FAULT_KINDS)})")


class FaultInjector:
    """Applies the active faults to outgoing payloads; deterministic given its seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._windows: list[BusFaultWindow] = []

    def add(self, window: BusFaultWindow) -> None:
        self._windows.append(window)

    def clear(self) -> None:
        """End every fault (the bus heals)."""
        self._windows = []

    def active(self, message: str, now_ms: int) -> BusFaultWindow | None:
        for window in self._windows:
            if window.message == message and window.start_ms <= now_ms < window.end_ms:
                return window
        return None

    def has_any(self, now_ms: int) -> bool:
        if not self._windows:
            return False  # asked every tick, and most runs have no fault at most ticks
        self._windows = [w for w in self._windows if w.end_ms > now_ms]
        return bool(self._windows)

    def corrupt(self, window: BusFaultWindow, payload: bytearray, previous: bytearray | None) -> bytearray | None:
        """The payload to put on the bus instead (None: nothing is sent)."""
        if window.kind == "drop":
            return None
        if window.kind == "bad_crc":
            payload[0] ^= 0xA5
            return payload
        if window.kind == "stale_counter":
            # A frozen sender: the same frame again, counter and all.
            return bytearray(previous) if previous is not None else payload
        return bytearray(self._rng.getrandbits(8) for _ in range(len(payload)))
