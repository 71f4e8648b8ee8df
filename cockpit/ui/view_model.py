"""What the dashboard shows, as plain data: built from the cockpit's signal store and recent trace records.

Pure (no pygame): `TraceFeed` listens to the trace and keeps bounded lists of the conversation, the actions
and the alerts, the driver-monitoring alert levels and the card on offer; `build_state` reads the store once
per frame into a frozen `DashboardState`. `compose_state` is the same from any value source (the replay).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from canbus import vss
from cockpit.proactive.needs import NEED_SPECS
from cockpit.signals import Quality, SignalStore
from cockpit.zones import CLIMATE_ZONES, SEATS, SET_POINT_PATH

GEAR = vss.GEAR
MOTOR_POWER = vss.MOTOR_POWER
FAN_LEVEL = vss.FAN_LEVEL
AC_ON = vss.AIR_CONDITIONING_ON
WEATHER = vss.WEATHER
HEADING = vss.HEADING
DISTRACTION = vss.DISTRACTION
IS_CHARGING = vss.IS_CHARGING
DRIVE_MODE = vss.DRIVE_MODE
SEAT_HEAT_PATH = vss.SEAT_CLIMATE_PATH
OCCUPIED_PATH = vss.OCCUPANCY_PATH

# Display field → the VSS path it comes from (for the stale tells).
FIELD_PATHS: dict[str, str] = {
    "speed_kph": vss.SPEED,
    "gear": GEAR,
    "power_kw": MOTOR_POWER,
    "soc_pct": vss.STATE_OF_CHARGE,
    "range_km": vss.RANGE,
    "cabin_temp_c": vss.CABIN_TEMPERATURE,
    "outside_temp_c": vss.OUTSIDE_TEMPERATURE,
    "hvac_on": vss.HVAC_ON,
    "fan_level": FAN_LEVEL,
    "position": vss.LATITUDE,
    "destination": vss.DESTINATION_ID,
    "fatigue_pct": vss.FATIGUE,
    "clock": vss.UNIX_TIME,
    "set_points": SET_POINT_PATH["driver"],
    "seat_heat": SEAT_HEAT_PATH["driver"],
}
FATIGUE_WARNING_PCT = 60.0
DRIVER_ALERT_KINDS = ("drowsiness", "distraction", "monitoring_unavailable")
# A card's question when the assistant's spoken words are not at hand.
# A card's words until the assistant's own sentence arrives (the same tick): a need's offer as its spec says it
# (cockpit/proactive/needs.py), a confirmation's short question, else the need's name as a question.
CONFIRMATION_WORDS: dict[str, str] = {
    "confirm:home.open": "Open it?",
    "confirm:nav.navigate": "Change the route?",
}


def need_words(need: str) -> str:
    spec = NEED_SPECS.get(need)
    if spec is not None and spec.words.offer is not None and "{" not in spec.words.offer["en"]:
        return spec.words.offer["en"]
    if need in CONFIRMATION_WORDS:
        return CONFIRMATION_WORDS[need]
    if need.startswith("habit:"):
        return f"As usual: {need[6:].replace('_', ' ').replace('.', ' ')}?"
    return need.replace("_", " ").replace(":", ": ").capitalize() + "?"


@dataclass(frozen=True)
class ConversationLine:
    time_s: float
    speaker: str  # user | assistant
    seat: str | None
    text: str
    lang: str | None = None
    intent: str | None = None


@dataclass(frozen=True)
class ActionLine:
    time_s: float
    kind: str
    status: str
    source: str
    summary: str


@dataclass(frozen=True)
class AlertLine:
    time_s: float
    level: str  # info | warning | alert
    text: str


@dataclass(frozen=True)
class CardView:
    """The assistant's pending question, waiting for Accept / Dismiss."""

    need: str
    text: str
    offered_s: float
    seat: str = "driver"


@dataclass(frozen=True)
class DriverAlertView:
    kind: str  # drowsiness | distraction | monitoring_unavailable
    level: int  # 1 visual, 2 audible, 3 repeated
    since_s: float


@dataclass(frozen=True)
class HomeTile:
    key: str  # device id (or "lights")
    title: str
    value: str
    detail: str = ""
    active: bool = False  # on / open / unlocked: drawn highlighted
    busy: bool = False  # moving (opening, closing) or heating


def _action_summary(record: Mapping[str, Any]) -> str:
    skip = {"t", "type", "kind", "status", "source", "seat", "reason"}
    details = ", ".join(f"{k}={v}" for k, v in record.items() if k not in skip and v is not None)
    return f"{record.get('kind')}({details})"


class TraceFeed:
    """A trace listener keeping the recent conversation, actions and alerts (bounded, oldest dropped)."""

    def __init__(self, max_lines: int = 40, max_actions: int = 20, max_alerts: int = 12) -> None:
        self.conversation: deque[ConversationLine] = deque(maxlen=max_lines)
        self.actions: deque[ActionLine] = deque(maxlen=max_actions)
        self.alerts: deque[AlertLine] = deque(maxlen=max_alerts)
        self.driver_alerts: dict[str, DriverAlertView] = {}  # active ones (level ≥ 1) by kind
        self.card: CardView | None = None  # the last card offered and not yet answered
        self.revision = 0  # bumps on every kept record, so views can cache their layout

    def __call__(self, record: dict[str, Any]) -> None:
        handler = _FEED_HANDLERS.get(str(record.get("type")))
        if handler is None:  # signals and the records the screen does not show
            return
        handler(self, record, float(record.get("t", 0.0)))
        self.revision += 1

    def _utterance(self, record: dict[str, Any], t: float) -> None:
        self.conversation.append(
            ConversationLine(
                t,
                str(record.get("speaker")),
                record.get("seat"),
                str(record.get("text", "")),
                record.get("lang"),
                record.get("intent"),
            )
        )
        card = self.card
        if (
            card is not None
            and record.get("speaker") == "assistant"
            and t == card.offered_s
            and card.text == need_words(card.need)
        ):
            self.card = CardView(card.need, str(record.get("text", "")), t, record.get("seat") or card.seat)

    def _suggestion(self, record: dict[str, Any], t: float) -> None:
        need, status = str(record.get("need")), record.get("status")
        if status == "offered":
            self.card = CardView(need, need_words(need), t)
        elif status in ("accepted", "dismissed", "expired"):
            self.card = None
            self.alerts.append(AlertLine(t, "info", f"suggestion {status}: {need}"))
        elif status == "acted":
            self.alerts.append(AlertLine(t, "info", f"assistant acts: {need}"))

    def _alert(self, record: dict[str, Any], t: float) -> None:
        alert_kind, level = str(record.get("kind")), int(record.get("level") or 0)
        if level <= 0:
            self.driver_alerts.pop(alert_kind, None)
            return
        previous = self.driver_alerts.get(alert_kind)
        since = previous.since_s if previous is not None and previous.level == level else t
        self.driver_alerts[alert_kind] = DriverAlertView(alert_kind, level, since)
        severity = "info" if alert_kind == "monitoring_unavailable" else "alert" if level >= 2 else "warning"
        self.alerts.append(AlertLine(t, severity, f"{alert_kind.replace('_', ' ')} level {level}"))

    def _action(self, record: dict[str, Any], t: float) -> None:
        kind, status = str(record.get("kind")), str(record.get("status"))
        self.actions.append(ActionLine(t, kind, status, str(record.get("source")), _action_summary(record)))
        if record.get("status") != "sent":
            self.alerts.append(
                AlertLine(t, "warning", f"{record.get('kind')} {record.get('status')}: {record.get('reason')}")
            )

    def _note(self, record: dict[str, Any], t: float) -> None:
        """The records that are one line of the alert list."""
        severity, text = _alert_line(record)
        self.alerts.append(AlertLine(t, severity, text))

    def clear(self) -> None:
        self.conversation.clear()
        self.actions.clear()
        self.alerts.clear()
        self.driver_alerts.clear()
        self.card = None
        self.revision += 1


@dataclass(frozen=True)
class DashboardState:
    """One frame's worth of what the cockpit knows. None = never received; `stale` names dimmed fields."""

    time_s: float
    local_time: datetime | None = None
    speed_kph: float | None = None
    gear: str | None = None
    power_kw: float | None = None
    drive_mode: str | None = None
    soc_pct: float | None = None
    range_km: float | None = None
    charging: bool | None = None
    cabin_temp_c: float | None = None
    outside_temp_c: float | None = None
    weather: str | None = None
    hvac_on: bool | None = None
    ac_on: bool | None = None
    fan_level: int | None = None
    set_points: Mapping[str, float | None] = field(default_factory=dict)
    seat_heat: Mapping[str, int | None] = field(default_factory=dict)
    occupied: Mapping[str, bool | None] = field(default_factory=dict)
    position: tuple[float, float] | None = None
    heading_deg: float | None = None
    destination_id: int | None = None
    destination_name: str | None = None
    distance_to_destination_km: float | None = None
    eta_s: float | None = None
    has_arrived: bool | None = None
    fatigue_pct: float | None = None
    distraction_pct: float | None = None
    stale: frozenset[str] = frozenset()
    stale_messages: tuple[str, ...] = ()
    conversation: tuple[ConversationLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    alerts: tuple[AlertLine, ...] = ()
    feed_revision: int = 0
    card: CardView | None = None
    driver_alerts: tuple[DriverAlertView, ...] = ()  # active ones, most severe first
    home: tuple[HomeTile, ...] = ()

    @property
    def fatigue_warning(self) -> bool:
        return self.fatigue_pct is not None and self.fatigue_pct >= FATIGUE_WARNING_PCT

    @property
    def top_driver_alert(self) -> DriverAlertView | None:
        return self.driver_alerts[0] if self.driver_alerts else None

    def is_stale(self, name: str) -> bool:
        return name in self.stale


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def build_state(
    store: SignalStore,
    feed: TraceFeed | None,
    now_s: float,
    place_names: Mapping[int, str] | None = None,
    *,
    card: CardView | None = None,
    home: tuple[HomeTile, ...] = (),
) -> DashboardState:
    """Read the store (last values, whatever their quality; stale ones are flagged) and the feed."""
    stale = frozenset(
        name
        for name, path in FIELD_PATHS.items()
        if path in store.catalogue and store.sample(path, now_s).quality is Quality.STALE
    )
    stale_messages = tuple(m for m in store.messages() if store.message_quality(m, now_s) is Quality.STALE)
    return compose_state(
        store.last, now_s, feed, place_names, stale=stale, stale_messages=stale_messages, card=card, home=home
    )


def driver_alerts_of(feed: TraceFeed | None) -> tuple[DriverAlertView, ...]:
    if feed is None:
        return ()
    return tuple(
        sorted(
            feed.driver_alerts.values(),
            key=lambda a: (-a.level, DRIVER_ALERT_KINDS.index(a.kind) if a.kind in DRIVER_ALERT_KINDS else 9),
        )
    )


def compose_state(
    last: Callable[[str], Any],
    now_s: float,
    feed: TraceFeed | None,
    place_names: Mapping[int, str] | None = None,
    *,
    stale: frozenset[str] = frozenset(),
    stale_messages: tuple[str, ...] = (),
    card: CardView | None = None,
    home: tuple[HomeTile, ...] = (),
) -> DashboardState:
    """A `DashboardState` from any source of last values (the live store, or a replayed trace)."""
    unix_time, utc_offset = _number(last(vss.UNIX_TIME)), _number(last(vss.UTC_OFFSET))
    local_time = None
    if unix_time:
        local_time = datetime.fromtimestamp(int(unix_time), tz=timezone(timedelta(seconds=utc_offset or 0)))
    latitude, longitude = _number(last(vss.LATITUDE)), _number(last(vss.LONGITUDE))
    destination_raw = _number(last(vss.DESTINATION_ID))
    destination_id = int(destination_raw) if destination_raw else None
    range_m, distance_m = _number(last(vss.RANGE)), _number(last(vss.DISTANCE_TO_DESTINATION))
    fan = _number(last(FAN_LEVEL))
    return DashboardState(
        time_s=now_s,
        local_time=local_time,
        speed_kph=_number(last(vss.SPEED)),
        gear=vss.gear_name(last(GEAR)),
        power_kw=_number(last(MOTOR_POWER)),
        drive_mode=_text(last(DRIVE_MODE)),
        soc_pct=_number(last(vss.STATE_OF_CHARGE)),
        range_km=None if range_m is None else range_m / 1000,
        charging=last(IS_CHARGING),
        cabin_temp_c=_number(last(vss.CABIN_TEMPERATURE)),
        outside_temp_c=_number(last(vss.OUTSIDE_TEMPERATURE)),
        weather=_text(last(WEATHER)),
        hvac_on=last(vss.HVAC_ON),
        ac_on=last(AC_ON),
        fan_level=None if fan is None else int(fan),
        set_points={zone: _number(last(SET_POINT_PATH[zone])) for zone in CLIMATE_ZONES},
        seat_heat={seat: vss.seat_heat_level(last(SEAT_HEAT_PATH[seat])) for seat in SEATS},
        occupied={seat: vss.is_occupied(last(OCCUPIED_PATH[seat])) for seat in SEATS},
        position=(latitude, longitude) if latitude is not None and longitude is not None else None,
        heading_deg=_number(last(HEADING)),
        destination_id=destination_id,
        destination_name=(place_names or {}).get(destination_id) if destination_id else None,
        distance_to_destination_km=None if distance_m is None else distance_m / 1000,
        eta_s=_number(last(vss.TIME_TO_DESTINATION)),
        has_arrived=last(vss.HAS_ARRIVED),
        fatigue_pct=_number(last(vss.FATIGUE)),
        distraction_pct=_number(last(DISTRACTION)),
        stale=stale,
        stale_messages=stale_messages,
        conversation=tuple(feed.conversation) if feed else (),
        actions=tuple(feed.actions) if feed else (),
        alerts=tuple(feed.alerts) if feed else (),
        feed_revision=feed.revision if feed else 0,
        card=card,
        driver_alerts=driver_alerts_of(feed),
        home=home,
    )


def _alert_line(record: dict[str, Any]) -> tuple[str, str]:
    """(severity, text) of a record shown as one line of the alert list."""
    kind = record.get("type")
    if kind == "bus_fault":
        return "alert", f"bus fault {record.get('message')}: {record.get('status')}"
    if kind == "signal_quality":
        quality = record.get("quality")
        return ("info" if quality == Quality.VALID.value else "warning"), f"{record.get('message')} {quality}"
    if kind == "fault_injected":
        return "info", (
            f"{record.get('source') or 'scenario'} fault: {record.get('message') or 'whole bus'} "
            f"{record.get('kind')} for {record.get('duration_s')} s"
        )
    if kind == "bus_state":
        silent = record.get("state") == "silent"
        return ("alert", "bus silent: no frame from any node") if silent else ("info", "bus active again")
    if kind == "plausibility":
        doubting = bool(record.get("doubting"))
        messages = ", ".join(record.get("messages") or [])
        verdict = "implausible" if doubting else "plausible again"
        return ("warning" if doubting else "info"), f"{verdict}: {messages} ({record.get('check')})"
    if kind == "arrival":
        return "info", f"arrived at {record.get('place')}"
    return "info", f"assistant acts: {record.get('need')}"  # a decision


# What the feed does with each kind of trace record; every other kind (signals first) is not shown.
_FEED_HANDLERS: dict[str, Callable[[TraceFeed, dict[str, Any], float], None]] = {
    "utterance": TraceFeed._utterance,
    "suggestion": TraceFeed._suggestion,
    "alert": TraceFeed._alert,
    "action": TraceFeed._action,
    **{
        kind: TraceFeed._note
        for kind in (
            "bus_fault",
            "signal_quality",
            "fault_injected",
            "bus_state",
            "plausibility",
            "arrival",
            "decision",
        )
    },
}
