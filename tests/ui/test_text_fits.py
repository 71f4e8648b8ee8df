"""No text leaves the window: every string the dashboard draws, with long English and Mandarin requests, a long
notice and the help page open, is whole on the screen at the three supported sizes (measured with the font)."""

from __future__ import annotations

import pygame
import pytest

from cockpit.ui.widgets import draw

LONG_EN = (
    "please set the temperature of the rear left zone to twenty-three and a half degrees and open the window a bit"
)
LONG_ZH = "请把后排左边的空调温度调到二十三度半然后把车窗稍微打开一点再导航去济南酒店顺便把座椅加热打开"


@pytest.mark.parametrize("size", [(1920, 720), (1280, 480), (1440, 900)])
@pytest.mark.parametrize("help_open", [False, True])
def test_no_text_leaves_the_window(make_app, size, help_open, monkeypatch):
    app = make_app(size=size)
    drawn: list[tuple[str, pygame.Rect]] = []
    original = draw.text

    def recording(surface, fonts, value, size_, colour, pos, **kwargs):
        rect = original(surface, fonts, value, size_, colour, pos, **kwargs)
        if surface is app.screen:
            drawn.append((value, rect))
        return rect

    monkeypatch.setattr(draw, "text", recording)
    app.controller.say("driver", LONG_EN)
    app.controller.say("passenger", LONG_ZH)
    app.controller.notices.append("notice: " + LONG_EN)
    if help_open:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode=""))
    for _ in range(5):
        app.frame(1 / 30)
    area = app.screen.get_rect()
    assert len(drawn) > 20
    cut = [(value, tuple(rect)) for value, rect in drawn if not area.contains(rect)]
    assert cut == [], cut[:5]
