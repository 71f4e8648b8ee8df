"""What a replayed log carries beside this car's traffic: ids the DBC does not know, channels, off-cycle messages.

A log from another car (or another ECU set) shares ids with ours by chance: its frames on our Nav_Route id decode
as Nav_Route. The audit reads every frame once, during the replay's whole-log check (`check_log(on_frame=...)`),
and tells per channel:
- frames of ids the DBC does not know (each id with its count and channels) — another node's traffic;
- for each cyclic message the DBC knows, the median time between its frames on a channel, against the DBC's
  `GenMsgCycleTime`: outside [`CYCLE_LOW`, `CYCLE_HIGH`] × the cycle (0.5x to 2x) the message is *off cycle* — not
  this car's sender, whatever the bytes decode to. Its frames are not trusted: the replay does not hand them to
  the cockpit, so its signals stay unheard and never drive an action (README, "The bus");
- frames of a known id whose length is not the DBC's (the cockpit rejects those frame by frame anyway).
`IfActive` messages (the cockpit's commands, sent in bursts on request) have no cycle to compare. A message with
fewer than `MIN_GAPS_TO_JUDGE` gaps on a channel is not judged. The median is of at most `MAX_GAPS_KEPT` gaps per
message and channel (the first ones), so memory stays bounded on a day-long log.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import can
from cantools.database.can import Database

CYCLE_LOW, CYCLE_HIGH = 0.5, 2.0
MIN_GAPS_TO_JUDGE = 3
MAX_GAPS_KEPT = 100_000
IDS_LISTED_ON_STDERR = 5


def id_text(frame_id: int, extended: bool) -> str:
    return f"0x{frame_id:08X}" if extended else f"0x{frame_id:03X}"


@dataclass
class _Stream:
    """One id on one channel: its frame count, the gaps between its frames, the lengths it came with."""

    frames: int = 0
    last_s: float | None = None
    gaps: list[float] = field(default_factory=list)
    lengths: Counter = field(default_factory=Counter)

    def add(self, frame: can.Message) -> None:
        self.frames += 1
        self.lengths[frame.dlc] += 1
        if self.last_s is not None and frame.timestamp >= self.last_s and len(self.gaps) < MAX_GAPS_KEPT:
            self.gaps.append(frame.timestamp - self.last_s)
        self.last_s = frame.timestamp

    def median_gap_ms(self) -> float | None:
        """To the microsecond: logs keep no finer times, and epoch stamps carry float noise below it."""
        return round(statistics.median(self.gaps) * 1000, 3) if len(self.gaps) >= MIN_GAPS_TO_JUDGE else None


@dataclass(frozen=True)
class OffCycle:
    message: str
    frame_id: int
    extended: bool
    channel: str
    dbc_cycle_ms: int
    median_cycle_ms: float
    frames: int


class LogAudit:
    """Fed every frame of a log (`observe`), then asked what it found (`report`, `untrusted_ids`, `stderr_lines`)."""

    def __init__(self, database: Database) -> None:
        self._known = {(m.frame_id, bool(m.is_extended_frame)): m for m in database.messages}
        self._streams: dict[tuple[int, bool, str], _Stream] = {}
        self._channel_frames: Counter = Counter()
        self._channel_unknown: Counter = Counter()
        self.frames = self.error_frames = self.remote_frames = 0

    def observe(self, frame: can.Message) -> None:
        self.frames += 1
        channel = "can0" if frame.channel is None else str(frame.channel)
        if isinstance(frame.channel, int):
            channel = f"can{frame.channel}"
        self._channel_frames[channel] += 1
        if frame.is_error_frame:
            self.error_frames += 1
            return
        self.remote_frames += frame.is_remote_frame
        key = (frame.arbitration_id, bool(frame.is_extended_id), channel)
        stream = self._streams.get(key)
        if stream is None:
            stream = self._streams[key] = _Stream()
        stream.add(frame)
        if key[:2] not in self._known:
            self._channel_unknown[channel] += 1

    # --- what was found ---------------------------------------------------------------------------------
    def unknown_ids(self) -> list[dict[str, Any]]:
        """Ids the DBC does not know, most frames first: id, format, frames, channels, median cycle."""
        by_id: dict[tuple[int, bool], list[tuple[str, _Stream]]] = {}
        for (frame_id, extended, channel), stream in self._streams.items():
            if (frame_id, extended) not in self._known:
                by_id.setdefault((frame_id, extended), []).append((channel, stream))
        found = []
        for (frame_id, extended), streams in by_id.items():
            medians = [m for _, s in streams if (m := s.median_gap_ms()) is not None]
            found.append(
                {
                    "id": id_text(frame_id, extended),
                    "extended": extended,
                    "frames": sum(s.frames for _, s in streams),
                    "channels": sorted(channel for channel, _ in streams),
                    "median_cycle_ms": min(medians) if medians else None,
                }
            )
        return sorted(found, key=lambda entry: (-entry["frames"], entry["id"]))

    def off_cycle(self) -> list[OffCycle]:
        found = []
        for (frame_id, extended, channel), stream in sorted(self._streams.items()):
            message = self._known.get((frame_id, extended))
            if message is None or message.send_type == "IfActive" or not message.cycle_time:
                continue
            median_ms = stream.median_gap_ms()
            if median_ms is not None and not CYCLE_LOW <= median_ms / message.cycle_time <= CYCLE_HIGH:
                found.append(
                    OffCycle(message.name, frame_id, extended, channel, message.cycle_time, median_ms, stream.frames)
                )
        return found

    def untrusted_ids(self) -> frozenset[int]:
        """The ids of off-cycle messages: their frames are another sender's, not to be decoded as ours."""
        return frozenset(entry.frame_id for entry in self.off_cycle())

    def wrong_lengths(self) -> list[dict[str, Any]]:
        found = []
        for (frame_id, extended, channel), stream in sorted(self._streams.items()):
            message = self._known.get((frame_id, extended))
            if message is None:
                continue
            others = {
                str(length): count for length, count in sorted(stream.lengths.items()) if length != message.length
            }
            if others:
                found.append(
                    {
                        "message": message.name,
                        "id": id_text(frame_id, extended),
                        "channel": channel,
                        "dbc_length": message.length,
                        "frames_by_length": others,
                    }
                )
        return found

    def report(self) -> dict[str, Any]:
        """The `bus_audit` section of the replay's report.json."""
        unknown = self.unknown_ids()
        return {
            "frames": self.frames,
            "error_frames": self.error_frames,
            "remote_frames": self.remote_frames,
            "channels": {
                channel: {"frames": count, "unknown_id_frames": self._channel_unknown[channel]}
                for channel, count in sorted(self._channel_frames.items())
            },
            "unknown_ids": {"frames": sum(entry["frames"] for entry in unknown), "ids": unknown},
            "off_cycle": [
                {
                    "message": e.message,
                    "id": id_text(e.frame_id, e.extended),
                    "channel": e.channel,
                    "dbc_cycle_ms": e.dbc_cycle_ms,
                    "median_cycle_ms": e.median_cycle_ms,
                    "frames": e.frames,
                    "trusted": False,
                }
                for e in self.off_cycle()
            ],
            "wrong_length": self.wrong_lengths(),
            "cycle_rule": f"median time between frames within {CYCLE_LOW:g}x to {CYCLE_HIGH:g}x the DBC's "
            f"GenMsgCycleTime, judged from {MIN_GAPS_TO_JUDGE} gaps on",
        }

    def stderr_lines(self) -> list[str]:
        """What a person should know before reading the replay's trace (nothing for this car's own log)."""
        lines = []
        unknown = self.unknown_ids()
        if unknown:
            total = sum(entry["frames"] for entry in unknown)
            shown = ", ".join(f"{entry['id']} ×{entry['frames']}" for entry in unknown[:IDS_LISTED_ON_STDERR])
            more = f" and {len(unknown) - IDS_LISTED_ON_STDERR} more" if len(unknown) > IDS_LISTED_ON_STDERR else ""
            channels = sorted({channel for entry in unknown for channel in entry["channels"]})
            lines.append(
                f"{total} of {self.frames} frames are of {len(unknown)} ids the DBC does not know: "
                f"{shown}{more} (on {', '.join(channels)})"
            )
        for entry in self.off_cycle():
            lines.append(
                f"{entry.message} ({id_text(entry.frame_id, entry.extended)}) on {entry.channel} comes every "
                f"{entry.median_cycle_ms:g} ms (median), its DBC cycle is {entry.dbc_cycle_ms} ms: another "
                f"sender's message on this id; its {entry.frames} frames are not used"
            )
        return lines
