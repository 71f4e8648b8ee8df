"""Chinese renders with the installed CJK font: real glyphs, not the missing-glyph box (tofu)."""

from __future__ import annotations

import pygame
import pytest

from cockpit.ui.fonts import FontBook, find_cjk_font
from cockpit.ui.replay import ReplayController, ReplayModel
from cockpit.ui.scenes.dashboard import DashboardScene

TEXT = "把空调调到二十二度"
TOFU = "\U000f0000"  # a private-use code point no font draws: the missing-glyph box


@pytest.fixture
def fonts():
    assert find_cjk_font() is not None, "no CJK font: install fonts-noto-cjk (scripts/run.sh does)"
    pygame.font.init()
    yield FontBook()
    pygame.quit()


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def test_chinese_glyphs_differ_from_the_tofu_box(fonts):
    assert fonts.cjk
    tofu = fonts.render(TOFU, 32, (255, 255, 255))
    glyphs = [fonts.render(ch, 32, (255, 255, 255)) for ch in dict.fromkeys(TEXT)]
    for ch, glyph in zip(dict.fromkeys(TEXT), glyphs, strict=True):
        assert glyph.get_size() != tofu.get_size() or _pixels(glyph) != _pixels(tofu), f"{ch} renders as a box"
    assert len({_pixels(g) for g in glyphs}) == len(glyphs)  # each character its own shape


def test_chinese_conversation_renders_in_a_dashboard_picture(fonts, parts):
    def picture(text: str) -> pygame.Surface:
        model = ReplayModel("zh", 60.0)
        model.add({"t": 5.0, "type": "utterance", "speaker": "user", "seat": "driver", "text": text, "lang": "zh"})
        scene = DashboardScene(ReplayController(model), fonts, parts.roadmap)
        scene.controller.seek(6.0)
        scene.state = scene.controller.state()
        surface = pygame.Surface((1920, 720))
        scene.draw(surface)
        return surface.subsurface(scene.layout.conversation).copy()

    chinese, boxes = picture(TEXT), picture(TOFU * len(TEXT))
    assert _pixels(chinese) != _pixels(boxes)
    assert chinese.get_bounding_rect().width > 0
