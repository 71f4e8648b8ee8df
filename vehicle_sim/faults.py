"""Bus faults injected where the vehicle's frames leave for the bus, as a fault-injection gateway would.

Every kind is described once, in `FAULT_KINDS`: what it does, which messages it can act on, and what it
needs. The scenario loader asks `fault_problem` whether a fault can act at all (so that a fault which would
be a silent no-op is an error at load), the runner adds `BusFaultWindow`s, and the vehicle's ECUs pass
each outgoing frame through `FaultInjector.apply`; frames a fault holds back come out of `release_due`.
The gateway sits on the car's side: the car's own ECUs never receive what it injects (a forged command
reaches the cockpit, which must notice it, not the car).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from cantools.database.can import Database, Message

from canbus.dbc import is_e2e_protected, message_timeout_s, narrowed_signals
from canbus.e2e import COUNTER_MODULO, protect

COMMAND_SENDER = "CCU"  # the cockpit: the only node that may send command messages
Target = Literal["status", "protected", "narrowed", "command", "bus"]


@dataclass(frozen=True)
class FaultKind:
    name: str
    does: str  # what happens on the bus, for docs, errors and the dashboard
    acts_on: Target  # status: any message the car sends; protected: one with CRC + counter;
    #                        narrowed: one with a value range narrower than its bits; command: a cockpit
    #                        command message; bus: the whole bus (no message)
    needs_a_sent_frame: bool = False  # repeats a frame already sent, so cannot start before the first one
    takes_delay: bool = False


FAULT_KINDS: dict[str, FaultKind] = {
    kind.name: kind
    for kind in (
        FaultKind("drop", "no frames of the message", "status"),
        FaultKind("bad_crc", "frames with a wrong CRC", "protected"),
        FaultKind(
            "stale_counter",
            "the last frame sent before the fault, again and again (a frozen sender)",
            "protected",
            needs_a_sent_frame=True,
        ),
        FaultKind("garbage", "random bytes instead of the data", "status"),
        FaultKind("delayed", "every frame held back `delay` and sent late, in order", "status", takes_delay=True),
        FaultKind("duplicated", "every frame sent twice", "status"),
        FaultKind("reordered", "frames sent in swapped pairs (the second before the first)", "status"),
        FaultKind(
            "stuck_value",
            "the data frozen at its value when the fault starts, with a live counter and a valid CRC",
            "status",
        ),
        FaultKind("out_of_range", "values beyond the DBC's range, with a valid CRC", "narrowed"),
        FaultKind("frozen_counter", "the data changes but the counter does not (the CRC is valid)", "protected"),
        FaultKind(
            "spoofed_command",
            "a forged command frame (valid CRC and counter) from a node that must not send it",
            "command",
        ),
        FaultKind("bus_off", "nothing crosses the bus: the car sends no frame and hears no command", "bus"),
    )
}
DEFAULT_DELAY_S = 2.0
# Signals that a stuck value cannot hide from: the cockpit checks them against a second source
# (cockpit/plausibility.py). On other messages a stuck value looks like a steady one.
STUCK_DETECTABLE = ("VCU_Dynamics", "Nav_Position")


def is_command(message: Message) -> bool:
    return COMMAND_SENDER in message.senders


def fault_problem(
    database: Database, kind: str, message: str | None, *, at_s: float, duration_s: float, delay_s: float | None = None
) -> str | None:
    """Why this fault could not act as written (None: it can), in words for the scenario writer."""
    spec = FAULT_KINDS.get(kind)
    if spec is None:
        return f"unknown fault kind {kind!r} (expected one of {', '.join(FAULT_KINDS)})"
    if duration_s <= 0:
        return "`for` must be longer than 0 s: a fault that lasts no time does nothing"
    if spec.acts_on == "bus":
        return None if message is None else f"{kind} acts on the whole bus: leave out `message`"
    if message is None:
        return f"{kind} needs a `message`"
    target = database.get_message_by_name(message)
    if spec.acts_on == "command":
        if not is_command(target):
            return (
                f"{message} is sent by {', '.join(target.senders)}, not a cockpit command; forge one of the "
                f"cockpit's commands ({', '.join(m.name for m in database.messages if is_command(m))})"
            )
        return None
    if is_command(target):
        return (
            f"{message} is the cockpit's own command: faults act on frames the car sends (the fault gateway "
            f"is on the car's side); a forged command is kind spoofed_command"
        )
    if spec.acts_on == "protected" and not is_e2e_protected(target):
        return f"{kind} needs a message with a CRC and counter, and {message} has none (it has no counter to freeze)"
    if spec.acts_on == "narrowed" and not narrowed_signals(target):
        return f"every value {message}'s bits can carry is within the DBC's ranges: nothing can be out of range"
    if spec.needs_a_sent_frame and at_s <= 0:
        return f"{kind} repeats the frame sent before the fault, and at 0 s {message} has sent none; start it later"
    if spec.takes_delay:
        timeout_s = message_timeout_s(target)
        if (delay_s if delay_s is not None else DEFAULT_DELAY_S) <= timeout_s:
            return (
                f"frames up to {timeout_s:g} s late are fresh by {message}'s timeout (the DBC's contract), so a "
                f"reader cannot and need not tell them from on-time ones; give a `delay` above {timeout_s:g} s"
            )
    return None


@dataclass
class BusFaultWindow:
    message: str | None  # None: the whole bus
    kind: str
    start_ms: int
    end_ms: int
    delay_ms: int = round(DEFAULT_DELAY_S * 1000)
    # What the fault keeps between frames: the stuck data, the frozen counter, a held-back frame.
    held: bytearray | None = field(default=None, repr=False)
    counter: int | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r} (expected one of {', '.join(FAULT_KINDS)})")

    def covers(self, now_ms: int) -> bool:
        return self.start_ms <= now_ms < self.end_ms


class FaultInjector:
    """Applies the active faults to outgoing payloads; deterministic given its seeded RNG."""

    def __init__(self, rng: random.Random, database: Database | None = None) -> None:
        self._rng = rng
        self._database = database
        self._windows: list[BusFaultWindow] = []
        self._in_flight: list[tuple[int, int, int, bytes]] = []  # (due ms, order, frame id, payload)
        self._sent_in_flight = 0
        self._spoof_next_ms: dict[int, int] = {}

    def add(self, window: BusFaultWindow) -> None:
        self._windows.append(window)

    def clear(self) -> None:
        """End every fault (the bus heals); frames in flight are lost."""
        self._windows = []
        self._in_flight = []

    def active(self, message: str, now_ms: int) -> BusFaultWindow | None:
        for window in self._windows:
            if window.message == message and window.covers(now_ms):
                return window
        return None

    def bus_off(self, now_ms: int) -> bool:
        return any(w.message is None and w.covers(now_ms) for w in self._windows)

    def has_any(self, now_ms: int) -> bool:
        if not self._windows and not self._in_flight:
            return False  # asked every tick, and most runs have no fault at most ticks
        ended = [w for w in self._windows if w.end_ms <= now_ms]
        if ended:
            for window in ended:
                if window.held is not None and window.kind == "reordered":
                    self._hold(now_ms, self._frame_id(window.message), window.held)  # the pair's first, late
            self._windows = [w for w in self._windows if w.end_ms > now_ms]
        return bool(self._windows or self._in_flight)

    def apply(
        self, window: BusFaultWindow, frame_id: int, payload: bytearray, previous: bytearray | None, now_ms: int
    ) -> list[bytearray]:
        """The frames to put on the bus now instead of `payload` (none, one or several)."""
        kind = window.kind
        if kind == "drop":
            return []
        if kind == "bad_crc":
            payload[0] ^= 0xA5
            return [payload]
        if kind == "stale_counter":
            return [bytearray(previous) if previous is not None else payload]
        if kind == "garbage":
            return [bytearray(self._rng.getrandbits(8) for _ in range(len(payload)))]
        if kind == "delayed":
            self._hold(now_ms + window.delay_ms, frame_id, payload)
            return []
        if kind == "duplicated":
            return [payload, bytearray(payload)]
        if kind == "reordered":
            if window.held is None:
                window.held = payload
                return []
            first, window.held = window.held, None
            return [payload, first]
        protected = self._protected(window.message)
        if kind == "stuck_value":
            if window.held is None:
                window.held = bytearray(payload)
            stuck = bytearray(window.held)
            if protected:
                protect(frame_id, stuck, payload[1] & 0x0F)  # the sender's counter goes on, the CRC fits
            return [stuck]
        if kind == "frozen_counter":
            if window.counter is None:
                window.counter = payload[1] & 0x0F
            protect(frame_id, payload, window.counter)
            return [payload]
        if kind == "out_of_range":
            return [self._out_of_range(window.message, frame_id, payload, protected)]
        return [payload]

    def release_due(self, now_ms: int) -> list[tuple[int, bytes]]:
        """Frames held back whose time has come, and forged commands due now: (frame id, payload)."""
        out: list[tuple[int, bytes]] = []
        if self._in_flight:
            due = [f for f in self._in_flight if f[0] <= now_ms]
            if due:
                self._in_flight = [f for f in self._in_flight if f[0] > now_ms]
                out.extend((frame_id, payload) for _, _, frame_id, payload in sorted(due))
        for window in self._windows:
            if window.kind == "spoofed_command" and window.covers(now_ms):
                forged = self._forged_command(window, now_ms)
                if forged is not None:
                    out.append(forged)
        return out

    # --- helpers ------------------------------------------------------------------------------
    def _hold(self, due_ms: int, frame_id: int, payload: bytes | bytearray) -> None:
        self._sent_in_flight += 1
        self._in_flight.append((due_ms, self._sent_in_flight, frame_id, bytes(payload)))

    def _message(self, name: str | None) -> Message:
        if self._database is None or name is None:
            raise ValueError("this fault kind needs the DBC: build the FaultInjector with the database")
        return self._database.get_message_by_name(name)

    def _frame_id(self, name: str | None) -> int:
        return self._message(name).frame_id

    def _protected(self, name: str | None) -> bool:
        return self._database is not None and name is not None and is_e2e_protected(self._message(name))

    def _out_of_range(self, name: str | None, frame_id: int, payload: bytearray, protected: bool) -> bytearray:
        """The same frame with every narrowed signal at the raw value farthest beyond its range."""
        message = self._message(name)
        raw = message.decode(bytes(payload), decode_choices=False, scaling=False)
        if not isinstance(raw, dict):  # a container message decodes to its parts; the DBC has none
            raise TypeError(f"{message.name} is a container message, not a status frame")
        for signal in narrowed_signals(message):
            raw[signal.name] = _raw_beyond_range(signal)
        frame = bytearray(message.encode(raw, scaling=False, strict=False))
        if protected:
            protect(frame_id, frame, payload[1] & 0x0F)
        return frame

    def _forged_command(self, window: BusFaultWindow, now_ms: int) -> tuple[int, bytes] | None:
        """One forged frame per command cycle: every request signal set to its first real request."""
        message = self._message(window.message)
        cycle_ms = message.cycle_time or 100
        next_ms = self._spoof_next_ms.get(id(window), window.start_ms)
        if now_ms < next_ms:
            return None
        self._spoof_next_ms[id(window)] = now_ms + cycle_ms
        values: dict[str, int | float] = {}
        for signal in message.signals:
            if signal.choices:
                # The first real request of each signal (open, on, ...); "none" where it names no other.
                ordered = sorted(signal.choices.items())
                requests = [raw for raw, name in ordered if str(name) != "none"] or [raw for raw, _ in ordered]
                values[signal.name] = int(requests[0])
            else:
                values[signal.name] = 0
        frame = bytearray(message.encode(values, scaling=False, strict=False))
        if is_e2e_protected(message):
            window.counter = ((window.counter if window.counter is not None else -1) + 1) % COUNTER_MODULO
            protect(message.frame_id, frame, window.counter)
        return message.frame_id, bytes(frame)


def _raw_beyond_range(signal) -> int:
    """The raw value whose scaled value lies farthest past the signal's DBC maximum (else its minimum)."""
    low_raw, high_raw = (
        (-(2 ** (signal.length - 1)), 2 ** (signal.length - 1) - 1) if signal.is_signed else (0, 2**signal.length - 1)
    )

    def scaled(raw: int) -> float:
        return raw * signal.scale + signal.offset

    candidates = [
        r
        for r in (high_raw, low_raw)
        if (signal.maximum is not None and scaled(r) > signal.maximum)
        or (signal.minimum is not None and scaled(r) < signal.minimum)
    ]
    return candidates[0]
