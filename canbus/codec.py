"""A packer/parser pair compiled from the DBC's data model.

cantools parses the DBC and is the reference codec; its general `encode`/`decode` are too slow for a
bus carrying ~200 frames per simulated second replayed hundreds of times faster than real time, so
every message gets a compiled codec made of plain shifts and masks. Messages we cannot compile (big
endian or multiplexed signals, from a user's own DBC) fall back to cantools itself. Property tests
check both paths against cantools.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from cantools.database.can import Database, Message, Signal

Value = int | float | bool | str


@dataclass(frozen=True)
class _CompiledSignal:
    name: str
    start: int
    mask: int
    length: int
    is_signed: bool
    scale: float
    offset: float
    decimals: int | None  # None: the physical value is an integer
    is_flag: bool
    choices: Mapping[int, str] | None
    reverse_choices: Mapping[str, int] | None
    raw_minimum: int
    raw_maximum: int
    default_raw: int  # sent when a value is not given: the 'none' entry of the value table, else 0

    def raw_of_choice(self, value: str) -> int:
        """The raw value of a value-table entry's name (numbers are packed by `MessageCodec.encode`)."""
        try:
            return self.reverse_choices[value]  # type: ignore[index]
        except (KeyError, TypeError):
            known = sorted(self.reverse_choices or ())
            raise ValueError(f"signal {self.name}: {value!r} is not one of {known}") from None


def _decimals_for(scale: float, offset: float) -> int | None:
    if float(scale).is_integer() and float(offset).is_integer():
        return None
    smallest = min(abs(x) for x in (scale, offset) if x) if (scale or offset) else 1.0
    return max(0, -math.floor(math.log10(smallest))) + 1


def _compile_signal(signal: Signal) -> _CompiledSignal:
    choices = {int(k): str(v) for k, v in signal.choices.items()} if signal.choices else None
    raw_minimum = -(1 << (signal.length - 1)) if signal.is_signed else 0
    raw_maximum = (1 << (signal.length - 1)) - 1 if signal.is_signed else (1 << signal.length) - 1
    return _CompiledSignal(
        name=signal.name,
        start=signal.start,
        mask=(1 << signal.length) - 1,
        length=signal.length,
        is_signed=signal.is_signed,
        scale=signal.scale,
        offset=signal.offset,
        decimals=_decimals_for(signal.scale, signal.offset),
        is_flag=signal.length == 1 and not choices and signal.scale == 1 and signal.offset == 0,
        choices=choices,
        reverse_choices={v: k for k, v in choices.items()} if choices else None,
        raw_minimum=raw_minimum,
        raw_maximum=raw_maximum,
        default_raw=next((k for k, v in (choices or {}).items() if v == "none"), 0),
    )


def _none_or_zero(signal: Signal) -> Value:
    return "none" if signal.choices and "none" in {str(v) for v in signal.choices.values()} else 0


def _can_compile(message: Message) -> bool:
    return not message.is_multiplexed() and all(
        s.byte_order == "little_endian" and not s.is_float for s in message.signals
    )


class MessageCodec:
    """Encode a mapping of signal name → physical value to bytes and back, for one message."""

    def __init__(self, message: Message) -> None:
        self.message = message
        self.name: str = message.name
        self.frame_id: int = message.frame_id
        self.length: int = message.length
        self.cycle_time_ms: int = message.cycle_time or 0
        self.signal_names: tuple[str, ...] = tuple(s.name for s in message.signals)
        self._compiled = tuple(_compile_signal(s) for s in message.signals) if _can_compile(message) else None
        # The same signals as plain tuples, unpacked in the loops below: attribute reads and a method call
        # per signal were most of the cost of packing a frame that changes every tick (VCU_Dynamics).
        self._pack_plan = tuple(
            (c.name, c.start, c.mask, c.default_raw, c.offset, c.scale, c.raw_minimum, c.raw_maximum, c)
            for c in self._compiled or ()
        )
        self._unpack_plan = tuple(
            (
                c.name,
                c.start,
                c.mask,
                c.length if c.is_signed else 0,
                c.choices,
                c.is_flag,
                c.decimals,
                c.scale,
                c.offset,
            )
            for c in self._compiled or ()
        )

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def encode(self, values: Mapping[str, Value]) -> bytearray:
        """Pack physical values; a signal not given is sent as its value table's 'none', else raw 0."""
        if self._compiled is None:
            full = {s.name: values.get(s.name, _none_or_zero(s)) for s in self.message.signals}
            return bytearray(self.message.encode(full, scaling=True, strict=False))
        whole = 0
        get = values.get
        for name, start, mask, default_raw, offset, scale, raw_minimum, raw_maximum, signal in self._pack_plan:
            value = get(name)
            if value is None:
                raw = default_raw
            elif isinstance(value, str):
                raw = signal.raw_of_choice(value) & mask
            else:
                raw = round((float(value) - offset) / scale)
                if raw < raw_minimum:
                    raw = raw_minimum
                elif raw > raw_maximum:
                    raw = raw_maximum
                raw &= mask
            whole |= raw << start
        return bytearray(whole.to_bytes(self.length, "little"))

    def decode(self, data: bytes | bytearray) -> dict[str, Value]:
        """Unpack every signal to its physical value (value-table names as strings, 1-bit flags as bool)."""
        if self._compiled is None:
            decoded = self.message.decode(bytes(data), decode_choices=True, scaling=True)
            if not isinstance(decoded, dict):  # a container message decodes to its parts; the DBC has none
                raise TypeError(f"{self.message.name} is a container message, not decoded here")
            return {name: (str(v) if not isinstance(v, int | float) else v) for name, v in decoded.items()}
        whole = int.from_bytes(data, "little")
        result: dict[str, Value] = {}
        # The physical value: a value-table name, a flag, an integer, or rounded to the scale's decimals;
        # `signed_length` is 0 for unsigned signals.
        for name, start, mask, signed_length, choices, is_flag, decimals, scale, offset in self._unpack_plan:
            raw = (whole >> start) & mask
            if signed_length and raw >> (signed_length - 1):
                raw -= 1 << signed_length
            if choices is not None and raw in choices:
                result[name] = choices[raw]
            elif is_flag:
                result[name] = bool(raw)
            elif decimals is None:
                result[name] = int(raw * scale + offset)
            else:
                result[name] = round(raw * scale + offset, decimals)
        return result


class DatabaseCodec:
    """Codecs for every message of a DBC, by name and by frame id."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.by_name: dict[str, MessageCodec] = {}
        self.by_frame_id: dict[int, MessageCodec] = {}
        for message in database.messages:
            codec = MessageCodec(message)
            self.by_name[message.name] = codec
            self.by_frame_id[message.frame_id] = codec

    def __getitem__(self, name: str) -> MessageCodec:
        try:
            return self.by_name[name]
        except KeyError:
            raise KeyError(f"no message {name!r} in the DBC (known: {sorted(self.by_name)})") from None
