"""The smart-home panel's tiles as plain data: the main devices of the house and their live state.

Pure (no pygame). `HomeTileSpec`s are picked once from the adapter's catalogue (by device kind); each
frame `home_tiles(specs, state)` reads the attribute names (`living_room.ac.mode`, `garage.state`, ...)
through `state(name)`, the live adapter's or a replayed trace's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cockpit.ui.view_model import HomeTile

StateOf = Callable[[str], Any]
PREFERRED_ROOMS = ("living_room", "bedroom", "study", "kitchen", "entrance", "garage")
MAX_TILES = 6


@dataclass(frozen=True)
class HomeTileSpec:
    key: str
    title: str
    kind: str
    devices: tuple[str, ...]
    room: str | None = None


def _room_rank(room: str) -> int:
    return PREFERRED_ROOMS.index(room) if room in PREFERRED_ROOMS else len(PREFERRED_ROOMS)


def _title(room: str, noun: str) -> str:
    return f"{room.replace('_', ' ').capitalize()} {noun}".strip()


def pick_tiles(catalogue: Mapping[str, Any]) -> tuple[HomeTileSpec, ...]:
    """The main devices: the AC (+ its room's temperature), garage, lights, water heater, lock, gate."""
    by_kind: dict[str, list[Any]] = {}
    for info in catalogue.values():
        by_kind.setdefault(info.kind, []).append(info)
    for infos in by_kind.values():
        infos.sort(key=lambda i: (_room_rank(i.room), i.id))
    specs: list[HomeTileSpec] = []
    if by_kind.get("ac"):
        ac = by_kind["ac"][0]
        specs.append(HomeTileSpec(ac.id, _title(ac.room, "AC"), "ac", (ac.id,), ac.room))
    if by_kind.get("garage_door"):
        door = by_kind["garage_door"][0]
        specs.append(HomeTileSpec(door.id, "Garage", "garage_door", (door.id,)))
    if by_kind.get("light"):
        lights = tuple(i.id for i in by_kind["light"])
        specs.append(HomeTileSpec("lights", "Lights", "light", lights))
    if by_kind.get("water_heater"):
        heater = by_kind["water_heater"][0]
        specs.append(HomeTileSpec(heater.id, "Water heater", "water_heater", (heater.id,)))
    if by_kind.get("lock"):
        lock = by_kind["lock"][0]
        specs.append(
            HomeTileSpec(
                lock.id, _title(lock.room, "lock") if lock.room != "entrance" else "Front door", "lock", (lock.id,)
            )
        )
    if by_kind.get("gate"):
        gate = by_kind["gate"][0]
        specs.append(HomeTileSpec(gate.id, "Gate", "gate", (gate.id,)))
    return tuple(specs[:MAX_TILES])


def _fmt_temp(value: Any) -> str:
    return f"{value:.1f}°C" if isinstance(value, int | float) and not isinstance(value, bool) else "--"


def _word(value: Any) -> str:
    return "--" if value is None else str(value).replace("_", " ")


def tile_of(spec: HomeTileSpec, state: StateOf) -> HomeTile:
    device = spec.devices[0]
    if spec.kind == "ac":
        mode = state(f"{device}.mode")
        target = state(f"{device}.target_temperature")
        room_temp = state(f"{spec.room}.temperature") if spec.room else None
        on = mode not in (None, "off")
        detail = f"room {_fmt_temp(room_temp)}" + (f" → {_fmt_temp(target)}" if on else "")
        return HomeTile(
            spec.key,
            spec.title,
            _word(mode),
            detail,
            active=on,
            busy=state(f"{device}.hvac_action") not in (None, "off", "idle"),
        )
    if spec.kind in ("garage_door", "gate"):
        door = state(f"{device}.state")
        position = state(f"{device}.position")
        moving = door in ("opening", "closing")
        detail = f"{position:.0f}% open" if isinstance(position, int | float) and moving else ""
        return HomeTile(spec.key, spec.title, _word(door), detail, active=door not in (None, "closed"), busy=moving)
    if spec.kind == "light":
        lit = [d for d in spec.devices if state(f"{d}.state") == "on"]
        known = any(state(f"{d}.state") is not None for d in spec.devices)
        value = f"{len(lit)}/{len(spec.devices)} on" if known else "--"
        detail = ", ".join(d.split(".")[0].replace("_", " ") for d in lit[:3]) + (" ..." if len(lit) > 3 else "")
        return HomeTile(spec.key, spec.title, value, detail or ("all off" if known else ""), active=bool(lit))
    if spec.kind == "water_heater":
        heater = state(f"{device}.state")
        heating = state(f"{device}.heating") is True
        detail = _fmt_temp(state(f"{device}.temperature")) + (" heating" if heating else "")
        return HomeTile(spec.key, spec.title, _word(heater), detail, active=heater not in (None, "off"), busy=heating)
    if spec.kind == "lock":
        lock = state(f"{device}.state")
        return HomeTile(spec.key, spec.title, _word(lock), "", active=lock not in (None, "locked"))
    return HomeTile(spec.key, spec.title, _word(state(device)))


def home_tiles(specs: tuple[HomeTileSpec, ...], state: StateOf) -> tuple[HomeTile, ...]:
    return tuple(tile_of(spec, state) for spec in specs)
