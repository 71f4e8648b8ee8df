"""A hand in the car against noise on the bus: what `ManualChangeWatch` and the settings-pace check count."""

from __future__ import annotations

from canbus import vss
from canbus.codec import DatabaseCodec
from canbus.dbc import load_dbc
from cockpit.bus import make_signal_store
from cockpit.manual_changes import MANUAL_SIGNALS, ManualChangeWatch
from cockpit.plausibility import PlausibilityMonitor
from cockpit.signals import Quality

SEAT = vss.SEAT_CLIMATE_PATH["driver"]  # heat levels travel as VSS HeatingCooling (level x 33 %)
TICK_S = 0.1


class Cabin:
    """The store, the pace check and the watch, ticked as the cockpit ticks them."""

    def __init__(self) -> None:
        self.store = make_signal_store(DatabaseCodec(load_dbc()))
        self.message = self.store.message_of(SEAT)
        self.monitor = PlausibilityMonitor.for_bus(load_dbc(), self.store, settings=MANUAL_SIGNALS)
        self.watch = ManualChangeWatch(self.store)
        self.counted: list[tuple[object, float]] = []
        self.now_s = 0.0
        self.frame(0)
        self.tick()

    def frame(self, level: int) -> None:
        self.store.put(SEAT, vss.heating_cooling(level, 0), self.now_s)
        self.store.message_received(self.message, self.now_s)

    def tick(self) -> None:
        self.monitor.update(self.now_s)
        for path in sorted(self.store.take_changes()):
            if path == SEAT:
                value = self.store.last(path)
                if self.now_s == 0.0:
                    self.watch.baseline(path, value)
                else:
                    self.watch.changed(path, value, self.now_s)
        self.counted += [
            (vss.seat_heat_level(value), changed_s) for path, value, changed_s in self.watch.settled(self.now_s)
        ]
        self.now_s = round(self.now_s + TICK_S, 6)

    def run(self, levels: list[int]) -> None:
        for level in levels:
            self.frame(level)
            self.tick()


def test_one_press_counts_once_it_has_held() -> None:
    cabin = Cabin()
    cabin.run([0] * 5 + [2] * 20)
    assert cabin.counted == [(2, 0.6)]


def test_a_value_that_flickers_is_noise_and_counts_nothing() -> None:
    cabin = Cabin()
    cabin.run([0] * 5 + [1, 2, 3, 0, 2, 1, 3, 3, 3, 3, 3, 3, 3, 0, 1] + [0] * 40)
    assert cabin.store.message_quality(cabin.message, cabin.now_s) is Quality.VALID  # trusted again after
    assert cabin.counted == []


def test_a_burst_of_presses_counts_its_last_value_after_a_calm() -> None:
    """Four presses within a second read as noise at first; the setting they end on is kept and counts."""
    cabin = Cabin()
    cabin.run([0] * 5 + [1, 2, 3, 2])
    assert cabin.store.message_quality(cabin.message, cabin.now_s) is Quality.IMPLAUSIBLE
    cabin.run([2] * 40)
    [(value, changed_s)] = cabin.counted
    assert value == 2 and changed_s == 0.9
