"""Scenes: each has `handle_event(event)`, `update(dt_s)` and `draw(surface)`, and draws from a view model."""

from __future__ import annotations

from typing import Protocol

import pygame


class Scene(Protocol):
    def handle_event(self, event: pygame.event.Event) -> None: ...

    def update(self, dt_s: float) -> None: ...

    def draw(self, surface: pygame.Surface) -> None: ...
