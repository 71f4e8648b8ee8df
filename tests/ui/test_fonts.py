from __future__ import annotations

from cockpit.ui.fonts import FontBook, find_cjk_font


def test_font_lookup_prefers_assets_then_system_paths(tmp_path):
    system = tmp_path / "wqy-microhei.ttc"
    system.write_bytes(b"")
    assert find_cjk_font([(str(tmp_path / "missing.ttc"), 2), (str(system), 0)], asset_dir=None) == (system, 0)
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "Mine.otf").write_bytes(b"")
    assert find_cjk_font([(str(system), 0)], asset_dir=assets) == (assets / "Mine.otf", 0)
    assert find_cjk_font([], asset_dir=None) is None


def test_fallback_font_warns_once_and_renders(monkeypatch, capsys):
    import pygame

    pygame.init()
    try:
        book = FontBook(search=False)
        assert not book.cjk
        assert "no CJK font" in capsys.readouterr().err
        surface = book.render("Speed 88 km/h 主驾", 24, (255, 255, 255))
        assert surface.get_width() > 50
        assert book.render("Speed 88 km/h 主驾", 24, (255, 255, 255)) is surface  # cached
    finally:
        pygame.quit()
