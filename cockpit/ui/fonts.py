"""Fonts that can draw Chinese: a CJK font found by path, else pygame's default font (Latin only).

Debian's `fonts-noto-cjk` (SIL OFL 1.1) or `fonts-wqy-microhei` (Apache-2.0 / GPLv3 with font exception)
provide the CJK files; a font dropped into `assets/fonts/` wins over both, and `COCKPIT_FONT=FILE` in the
environment over all. See assets/fonts/README.md. A font file that cannot be loaded (missing, junk, cut short, not
a font) or has no Chinese glyphs is said once on stderr and pygame's default font is used: the window still opens.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from shipped_files import FONTS_FOLDER, shipped_path

if TYPE_CHECKING:
    import pygame

ASSET_FONTS = shipped_path(FONTS_FOLDER)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

# (path, face index): the Noto CJK collections hold JP, KR, SC, TC, HK faces; index 2 is Simplified Chinese.
SYSTEM_CJK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)
SYSTEM_CJK_BOLD_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", 2),
)
TEXT_CACHE_LIMIT = 3000
FONT_ENV = "COCKPIT_FONT"  # a font file to use instead of the search below
FONT_FIX = "install fonts-noto-cjk (or fonts-wqy-microhei), or point COCKPIT_FONT at a CJK .ttf/.otf/.ttc"
_CJK_PROBE = "中"
_said: set[str] = set()  # warnings already printed: each is said once per process, however many windows


def _warn_once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        print(f"warning: {message}", file=sys.stderr)


def find_cjk_font(
    candidates: Sequence[tuple[str, int]] = SYSTEM_CJK_FONTS, asset_dir: Path | None = ASSET_FONTS
) -> tuple[Path, int] | None:
    """The font named by COCKPIT_FONT (present or not: loading it says what is wrong), else the first CJK font
    file present: one in `asset_dir` first, then the system packages' files."""
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        return Path(chosen), 0
    if asset_dir is not None and asset_dir.is_dir():
        for path in sorted(asset_dir.iterdir()):
            if path.suffix.lower() in FONT_SUFFIXES:
                return path, 0
    for path_text, index in candidates:
        path = Path(path_text)
        if path.is_file():
            return path, index
    return None


def _first_existing(candidates: Iterable[tuple[str, int]]) -> tuple[Path, int] | None:
    for path_text, index in candidates:
        if Path(path_text).is_file():
            return Path(path_text), index
    return None


class FontBook:
    """Renders text at any pixel size with one regular and one bold face, caching the rendered surfaces.

    Build after `pygame.init()`. `cjk` tells whether Chinese will show (else a one-line warning was printed).
    """

    def __init__(
        self, regular: tuple[Path, int] | None = None, bold: tuple[Path, int] | None = None, *, search: bool = True
    ) -> None:
        import pygame.freetype

        pygame.freetype.init()
        if regular is None and search:
            regular = find_cjk_font()
            bold = bold or _first_existing(SYSTEM_CJK_BOLD_FONTS)
        if regular is None:
            print(f"warning: font: no CJK font found, Chinese text will not render; fix: {FONT_FIX}", file=sys.stderr)
        self._regular = self._load(regular)
        if regular is not None and self._regular is None:
            regular, bold = None, None  # a bold face of a broken choice is not worth trying either
            self._regular = self._load(None)
        self.cjk = regular is not None and self._regular.get_metrics(_CJK_PROBE)[0] is not None
        if regular is not None and not self.cjk:
            _warn_once(f"font: {regular[0]} has no Chinese glyphs; Chinese text will not render; fix: {FONT_FIX}")
        self.path = regular[0] if regular is not None else None
        self._bold = self._load(bold) if bold is not None else None
        self._cache: dict[tuple, pygame.Surface] = {}

    @staticmethod
    def _load(spec: tuple[Path, int] | None):
        """The font of `spec` (None: pygame's default); None, said once on stderr, if that file cannot be used."""
        import pygame.freetype

        if spec is None:
            font = pygame.freetype.Font(None, 16)
        else:
            try:
                font = pygame.freetype.Font(str(spec[0]), 16, font_index=spec[1])
            except (OSError, pygame.error):
                try:  # a collection's face index that this file does not have: its first face
                    font = pygame.freetype.Font(str(spec[0]), 16)
                except (OSError, pygame.error) as error:
                    _warn_once(
                        f"font: {spec[0]} cannot be loaded ({error}); using pygame's default font, "
                        f"Chinese text will not render; fix: {FONT_FIX}"
                    )
                    return None
        font.pad = True
        font.antialiased = True
        return font

    def render(self, text: str, size: int, colour: tuple[int, int, int], *, bold: bool = False) -> pygame.Surface:
        key = (text, size, colour, bold)
        surface = self._cache.get(key)
        if surface is None:
            if len(self._cache) >= TEXT_CACHE_LIMIT:
                self._cache.clear()
            surface = self._render(text, max(6, size), colour, bold)
            self._cache[key] = surface
        return surface

    def _render(self, text: str, size: int, colour: tuple[int, int, int], bold: bool) -> pygame.Surface:
        import pygame.freetype

        font = self._bold if bold and self._bold is not None else self._regular
        style = pygame.freetype.STYLE_STRONG if bold and self._bold is None else pygame.freetype.STYLE_DEFAULT
        surface, _ = font.render(text or " ", colour, size=size, style=style)
        return surface

    def width(self, text: str, size: int, *, bold: bool = False) -> int:
        return self.render(text, size, (255, 255, 255), bold=bold).get_width()

    def line_height(self, size: int) -> int:
        return round(size * 1.35)
