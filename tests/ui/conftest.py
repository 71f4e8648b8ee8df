"""Dashboard tests run pygame on its dummy video and audio drivers (no screen needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner.assembly import Parts

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "winter_commute_home.yaml"
FIXED_PHRASE = "set the temperature to 24 degrees"


class FixedPhraseUnderstanderDouble:
    """Test double for the NLU model: understands one fixed phrase, nothing else."""

    def understand(self, text: str):
        from types import SimpleNamespace

        if text.strip().lower() == FIXED_PHRASE:
            return SimpleNamespace(
                text=text, lang="en", intent="climate.set_temperature", confidence=0.97, slots={"temperature": 24}
            )
        return SimpleNamespace(text=text, lang="en", intent="out_of_scope", confidence=0.2, slots={})


@pytest.fixture(autouse=True)
def dummy_sdl(monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setenv("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(scope="session")
def parts() -> Parts:
    return Parts()


@pytest.fixture(scope="session")
def understander(parts):
    """The shipped NLU model when it loads, else the fixed-phrase double."""
    try:
        return parts.understander
    except Exception:  # the model is still being trained elsewhere
        return FixedPhraseUnderstanderDouble()


@pytest.fixture(scope="session")
def scenario(parts):
    return parts.load_scenario(SCENARIO)


@pytest.fixture
def make_app(parts, scenario, understander):
    from runner.app_command import build_app

    apps = []

    def make(size=(1920, 720), **kwargs):
        app = build_app(parts, scenario, None, size=size, understander=understander, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()
