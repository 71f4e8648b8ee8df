"""Loading the shared parts once per process: the DBC codec, the map, the NLU model, the vocabulary.

Every file a command loads is a *part* (PARTS below: its name, how another file is chosen, the fix, what a run
does without it). A part that is missing, junk, cut short or of the wrong kind is one PartError (bad input,
exit 2) naming the part, the file and the fix. Optional parts (the needs model, the speech recogniser, the
font) do not stop a run: it goes on without them and says so once on stderr.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from canbus.codec import DatabaseCodec
from canbus.dbc import DbcError, load_dbc
from cockpit.home.geofence import HomeGeofence
from cockpit.nlu.model import MODEL_FIX as NLU_MODEL_FIX
from cockpit.ui.fonts import FONT_FIX
from cockpit.voice.asr import ACOUSTIC_MODEL_FIX, GRAMMAR_FIX
from roadmap.map import MapFormatError, RoadMap, load_map
from runner.errors import UsageError
from scenario.loader import load_scenario
from scenario.model import Scenario
from scenario.vocabulary import Vocabulary

Loaded = TypeVar("Loaded")

DBC_ENV = "COCKPIT_DBC"
MAP_ENV = "COCKPIT_MAP"
NEEDS_MODEL_ENV = "COCKPIT_NEEDS_MODEL"
_RESTORE = (
    "restore the shipped file (git checkout -- {path}; installed: reinstall the package; "
    "bash scripts/setup.sh for packages)"
)


@dataclass(frozen=True)
class PartSpec:
    """One file a command loads (README "Parts" has the table: shipped file, option, who loads it)."""

    name: str  # as every message says it
    fix: str  # what to do about a bad one: points at the option or variable that chooses another file
    without: str | None = None  # what a run does without it; None: no run without it


PARTS: dict[str, PartSpec] = {
    spec.name: spec
    for spec in (
        PartSpec("NLU model", NLU_MODEL_FIX),
        PartSpec(
            "needs model",
            f"point {NEEDS_MODEL_ENV} at a needs .onnx with its .json card, unset it, or "
            + _RESTORE.format(path="models/proactive"),
            without="no proactive suggestions",
        ),
        PartSpec("DBC", f"point {DBC_ENV} at the cockpit's DBC, unset it, or " + _RESTORE.format(path="assets/dbc")),
        PartSpec("map", f"point {MAP_ENV} at a map YAML, unset it, or " + _RESTORE.format(path="assets/maps")),
        PartSpec("font", FONT_FIX, without="pygame's default font (no Chinese)"),
        PartSpec(
            "speech model", ACOUSTIC_MODEL_FIX, without="typed input only (a scenario with `audio:` does not run)"
        ),
        PartSpec("speech grammar", GRAMMAR_FIX, without="typed input only (a scenario with `audio:` does not run)"),
    )
}


class PartError(UsageError):
    """A part that cannot be loaded: bad input (exit 2), one message with the part, the file and the fix."""

    def __init__(self, part: str, problem: str, fix: str | None = None) -> None:
        self.part = part
        fix = fix or PARTS[part].fix
        # The NLU loader's own messages carry the fix already (`understand` prints them as they are).
        super().__init__(f"{part}: {problem}" if "fix: " in problem else f"{part}: {problem}; fix: {fix}")


def _env_path(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value) if value else None


def load_part(part: str, load: Callable[[], Loaded]) -> Loaded:
    """`load()`, with what a broken file raises turned into one PartError for `part`. Only the errors that
    say "this file is not what it should be" are caught: a fault of the loading code stays an internal error."""
    from cockpit.nlu.model import ModelCardError
    from cockpit.proactive.scorer import ModelCardMismatchError

    try:
        return load()
    except (
        ModelCardError,
        ModelCardMismatchError,
        DbcError,
        MapFormatError,
        FileNotFoundError,
        PermissionError,
        IsADirectoryError,
        UnicodeDecodeError,
        json.JSONDecodeError,
    ) as error:
        raise PartError(part, str(error)) from None
    except (KeyError, TypeError, ValueError) as error:
        # A file that parsed but holds something else (a card with other fields, a DBC of another car).
        raise PartError(part, f"not a usable {part} ({type(error).__name__}: {error})") from None


@dataclass
class Parts:
    """What every run needs, loaded lazily (headless tests import everything; nothing loads at import)."""

    nlu_model_path: Path | None = None
    dbc_path: Path | None = field(default_factory=lambda: _env_path(DBC_ENV))
    map_path: Path | None = field(default_factory=lambda: _env_path(MAP_ENV))
    home: str | None = None  # None/"embedded": the simulated house; "mqtt://...": a real home
    proactive_model_path: Path | None = field(default_factory=lambda: _env_path(NEEDS_MODEL_ENV))
    profiles_dir: Path | None = None  # learnt habits; None: each run keeps its own under its out folder
    geofence: HomeGeofence | None = None  # the garage/gate radius (None: cockpit/home/geofence.py defaults)
    _said: set[str] = field(default_factory=set, repr=False)  # optional parts' notices, each said once

    @cached_property
    def codec(self) -> DatabaseCodec:
        return load_part("DBC", lambda: DatabaseCodec(load_dbc(self.dbc_path)))

    @cached_property
    def roadmap(self) -> RoadMap:
        return load_part("map", lambda: load_map(self.map_path))

    @cached_property
    def understander(self):
        from cockpit.nlu.model import NluModel

        return load_part("NLU model", lambda: NluModel.load(self.nlu_model_path))

    @cached_property
    def need_scorer(self):
        from cockpit.proactive.scorer import NeedScorer

        return load_part("needs model", lambda: NeedScorer.load(self.proactive_model_path))

    @cached_property
    def recogniser(self):
        """The speech recogniser (the process-wide one); PartError naming the speech model or grammar."""
        from cockpit.voice.asr import RecogniserUnavailableError, shared_recogniser

        try:
            return shared_recogniser()
        except RecogniserUnavailableError as error:
            part = error.part if error.part in PARTS else "speech model"
            raise PartError(part, str(error), error.fix) from None

    def say_once(self, message: str) -> None:
        """A notice about an optional part the run goes on without, printed once per process."""
        if message not in self._said:
            self._said.add(message)
            print(f"warning: {message}", file=sys.stderr, flush=True)

    def optional(self, load: Callable[[], Any]) -> Any:
        """An optional part, or None (said once) when it cannot be loaded."""
        try:
            return load()
        except PartError as error:
            self.say_once(f"{error} — going on with {PARTS[error.part].without}")
            return None

    def require_all(self) -> None:
        """Load every part now, optional ones included (`bench` measures them all): the first broken one
        raises its PartError before any figure is taken."""
        for load in (
            lambda: self.codec,
            lambda: self.roadmap,
            lambda: self.understander,
            lambda: self.need_scorer,
            lambda: self.recogniser,
        ):
            load()

    def proactive_policy(self):
        """A fresh policy (it keeps per-drive state) around the shared ONNX scorer; None without the needs
        model (said once): the cockpit then makes no proactive suggestions."""
        from cockpit.proactive.features import features
        from cockpit.proactive.policy import ProactivePolicy

        scorer = self.optional(lambda: self.need_scorer)
        if scorer is None:
            return None
        return ProactivePolicy(
            score=lambda context, extras: scorer.score(features(context, extras)), thresholds=dict(scorer.thresholds)
        )

    @cached_property
    def vocabulary(self) -> Vocabulary:
        from runner.vocabulary import build_vocabulary

        return build_vocabulary(self.codec, self.roadmap)

    def load_scenario(self, path: Path) -> Scenario:
        """The scenario, checked; one that plays recorded speech (`audio:`) needs the speech recogniser, so a
        broken one is a PartError now rather than a failure at the first clip."""
        scenario = load_scenario(path, self.vocabulary)
        if any(event.kind == "say" and "audio" in event.payload for event in scenario.events):
            self.recogniser  # noqa: B018 - a cached property: this loads it
        return scenario

    def session(self, scenario: Scenario, out_dir: Path | None, bus: str = "virtual", understander=None):
        """A run of `scenario` with every part; `understander` replaces the NLU model (the app's stand-in when
        the model cannot load) and nothing else: the needs model, the home and the rest are the same."""
        from runner.session import RunSession

        understander = self.understander if understander is None else understander
        return RunSession(
            scenario,
            codec=self.codec,
            roadmap=self.roadmap,
            understander=understander,
            out_dir=out_dir,
            bus=bus,
            home=self.home,
            proactive=self.proactive_policy(),
            profiles_dir=self.profiles_dir,
            geofence=self.geofence,
        )
