"""A one-line text box fed by pygame TEXTINPUT events (so an IME can type Chinese), with a seat selector."""

from __future__ import annotations

import pygame

from cockpit.zones import SEATS

SEAT_LABELS = {
    "driver": "Driver",
    "passenger": "Passenger",
    "rear_left": "Rear L",
    "rear_middle": "Rear M",
    "rear_right": "Rear R",
}
MAX_LENGTH = 200


class TextInput:
    def __init__(self) -> None:
        self.text = ""
        self.composition = ""  # IME text being composed (TEXTEDITING), shown but not yet typed
        self.focused = False
        self.seat_index = 0

    @property
    def seat(self) -> str:
        return SEATS[self.seat_index]

    @property
    def seat_label(self) -> str:
        return SEAT_LABELS[self.seat]

    def cycle_seat(self, step: int = 1) -> None:
        self.seat_index = (self.seat_index + step) % len(SEATS)

    def focus(self, on: bool = True) -> None:
        self.focused = on
        if not on:
            self.composition = ""

    def handle(self, event: pygame.event.Event) -> str | None:
        """Feed an event while focused; returns the submitted text on Enter, clears the box and leaves it, so the
        dashboard's keys (space, P, Y/N) act again; Enter or T types again."""
        if event.type == pygame.TEXTINPUT:
            self.text = (self.text + event.text)[:MAX_LENGTH]
            self.composition = ""
        elif event.type == pygame.TEXTEDITING:
            self.composition = event.text
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                submitted, self.text = self.text.strip(), ""
                self.focus(False)
                return submitted or None
            if event.key == pygame.K_BACKSPACE:
                self.text = self.text[:-1]
            elif event.key == pygame.K_ESCAPE:
                self.focus(False)
        return None
