"""Loading the project's DBC, the single source of truth for both ends of the bus."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cantools
from cantools.database.can import Database, Message

from shipped_files import DBC, shipped_path

DEFAULT_DBC_PATH = shipped_path(DBC)
VSS_COMMENT_PREFIX = "vss:"


@dataclass(frozen=True)
class SignalMeta:
    """What a reader needs to know about one signal: where it lives and what it means."""

    message: str
    signal: str
    vss_path: str | None
    unit: str | None
    choices: dict[int, str] | None
    cycle_time_ms: int
    is_flag: bool = False  # one bit, no value table: true or false (as the codec decodes it)


class DbcError(ValueError):
    """The DBC file cannot be read as a DBC (junk, cut short, another kind of file)."""


def load_dbc(path: Path | str | None = None) -> Database:
    """Parse a DBC file (the default is the project's SU7 cockpit DBC); DbcError says why one cannot be used."""
    dbc_path = Path(path or DEFAULT_DBC_PATH)
    if not dbc_path.is_file():
        raise DbcError(f"{dbc_path}: no such file")
    try:
        # The format is fixed: cantools would otherwise guess it from the file's suffix.
        database = cantools.database.load_file(str(dbc_path), database_format="dbc", strict=True)
    except (cantools.database.Error, UnicodeDecodeError, ValueError, KeyError, IndexError) as error:
        # cantools quotes the offending line: of a junk file that is bytes nobody can read, so only what prints.
        said = "".join(ch for ch in str(error).strip() if ch.isprintable() and ord(ch) < 0x250)[:200]
        raise DbcError(f"{dbc_path}: not a valid DBC ({said or type(error).__name__})") from None
    if not isinstance(database, Database):  # a diagnostics (CDD) database: dbc format was asked, so never expected
        raise DbcError(f"{dbc_path}: not a CAN database")
    if not database.messages:
        raise DbcError(f"{dbc_path}: the DBC defines no messages")
    for message in database.messages:
        for signal in message.signals:
            numbers = (signal.scale, signal.offset, signal.minimum or 0, signal.maximum or 0)
            if not all(math.isfinite(number) for number in numbers) or signal.scale == 0:
                raise DbcError(
                    f"{dbc_path}: signal {message.name}.{signal.name} has a scale, offset or range that "
                    f"is not a finite number (scale {signal.scale}, offset {signal.offset})"
                )
    return database


def vss_path_of(signal: cantools.database.can.Signal) -> str | None:
    """The VSS path a signal carries in its DBC comment (`vss:Vehicle.Speed`), if any."""
    comment = signal.comment or ""
    if comment.startswith(VSS_COMMENT_PREFIX):
        return comment[len(VSS_COMMENT_PREFIX) :].strip()
    return None


def is_e2e_protected(message: Message) -> bool:
    """Messages with `<name>_CRC` and `<name>_Counter` signals carry AUTOSAR-style E2E protection."""
    names = {s.name for s in message.signals}
    return f"{message.name}_CRC" in names and f"{message.name}_Counter" in names


def signal_catalogue(database: Database) -> dict[str, SignalMeta]:
    """Every VSS-mapped signal of the database, keyed by VSS path."""
    catalogue: dict[str, SignalMeta] = {}
    for message in database.messages:
        for signal in message.signals:
            path = vss_path_of(signal)
            if path is None:
                continue
            if path in catalogue:
                raise ValueError(
                    f"VSS path {path} is carried by two signals: "
                    f"{catalogue[path].message}.{catalogue[path].signal} and {message.name}.{signal.name}"
                )
            choices = {int(k): str(v) for k, v in signal.choices.items()} if signal.choices else None
            is_flag = signal.length == 1 and not choices and signal.scale == 1 and signal.offset == 0
            catalogue[path] = SignalMeta(
                message.name, signal.name, path, signal.unit, choices, message.cycle_time or 0, is_flag
            )
    return catalogue


STATE_SIGNAL_MAX_BITS = 4


def state_signals(message: Message) -> list[cantools.database.can.Signal]:
    """Signals that carry a state, not a measurement: a flag, a level, a mode (whole numbers in at most
    `STATE_SIGNAL_MAX_BITS` bits). A state holds for seconds; one that changes in frame after frame is noise."""
    return [
        signal
        for signal in message.signals
        if signal.length <= STATE_SIGNAL_MAX_BITS and not signal.is_float and signal.scale == 1 and signal.offset == 0
    ]


def narrowed_signals(message: Message) -> list[cantools.database.can.Signal]:
    """Signals whose DBC [min|max] is narrower than what their bits can carry (numeric ones, not value
    tables): a value outside that range is a wrong frame, not a reading."""
    found = []
    for signal in message.signals:
        if signal.choices or (signal.minimum is None and signal.maximum is None):
            continue
        raw_low, raw_high = (
            (-(2 ** (signal.length - 1)), 2 ** (signal.length - 1) - 1)
            if signal.is_signed
            else (0, 2**signal.length - 1)
        )
        low, high = sorted((raw_low * signal.scale + signal.offset, raw_high * signal.scale + signal.offset))
        if (signal.minimum is not None and signal.minimum > low + 1e-9) or (
            signal.maximum is not None and signal.maximum < high - 1e-9
        ):
            found.append(signal)
    return found


# The freshness contract of every message, one rule for both ends: a protected (safety or command) message is
# stale after 3 cycles without a valid frame, others after 10; never sooner than 100 ms, so that scheduling
# jitter on a live bus does not flap.
PROTECTED_TIMEOUT_CYCLES = 3
STATUS_TIMEOUT_CYCLES = 10
MINIMUM_TIMEOUT_S = 0.1


def message_timeout_s(message: Message) -> float:
    """How long a reader keeps a message's last valid frame as fresh."""
    cycles = PROTECTED_TIMEOUT_CYCLES if is_e2e_protected(message) else STATUS_TIMEOUT_CYCLES
    return max(MINIMUM_TIMEOUT_S, cycles * (message.cycle_time or 1000) / 1000.0)
