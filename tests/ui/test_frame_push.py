"""Only what changed goes to the window: the changed tiles after the first frame, nothing when nothing changed,
the whole frame again after the window lost its content."""

from __future__ import annotations

import pygame

from cockpit.ui.frame_push import TILE_PX, FramePusher


def test_only_changed_tiles_are_sent_and_an_exposed_window_gets_the_whole_frame():
    pygame.display.init()
    try:
        screen = pygame.display.set_mode((1280, 480))
        pusher = FramePusher(compare=True)
        screen.fill((7, 10, 15))
        pusher.push(screen)
        assert pusher.last_rects is None  # the first frame goes whole
        pusher.push(screen)
        assert pusher.last_rects == []  # nothing changed: nothing sent
        screen.set_at((700, 250), (255, 255, 255))
        pusher.push(screen)
        assert len(pusher.last_rects) == 1
        sent = pusher.last_rects[0]
        assert sent.collidepoint(700, 250) and sent.size == TILE_PX
        pygame.draw.rect(screen, (255, 105, 0), pygame.Rect(0, 0, 1280, 10))  # a strip across the top row
        pusher.push(screen)
        assert pusher.last_rects == [pygame.Rect(0, 0, 1280, TILE_PX[1])]  # a run of tiles is one rectangle
        pusher.note_event(pygame.event.Event(pygame.WINDOWEXPOSED))
        pusher.push(screen)
        assert pusher.last_rects is None
    finally:
        pygame.quit()


def test_the_dummy_driver_sends_whole_frames_without_comparing():
    pygame.display.init()
    try:
        screen = pygame.display.set_mode((320, 200))
        pusher = FramePusher()
        for _ in range(3):
            pusher.push(screen)
        assert pusher.compare is False and pusher.partial_pushes == 0
    finally:
        pygame.quit()
