"""Loading the shared parts once per process: the DBC codec, the map, the NLU model, the vocabulary."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from canbus.codec import DatabaseCodec
from canbus.dbc import load_dbc
from cockpit.home.geofence import HomeGeofence
from roadmap.map import RoadMap, load_map
from scenario.loader import load_scenario
from scenario.model import Scenario
from scenario.vocabulary import Vocabulary


@dataclass
class Parts:
    """What every run needs, loaded lazily (headless tests import everything; nothing loads at import)."""

    nlu_model_path: Path | None = None
    dbc_path: Path | None = None
    map_path: Path | None = None
    home: str | None = None  # None/"embedded": the simulated house; "mqtt://...": a real home
    proactive_model_path: Path | None = None
    profiles_dir: Path | None = None  # learnt habits; None: each run keeps its own under its out folder
    geofence: HomeGeofence | None = None  # the garage/gate radius (None: cockpit/home/geofence.py defaults)

    @cached_property
    def codec(self) -> DatabaseCodec:
        return DatabaseCodec(load_dbc(self.dbc_path))

    @cached_property
    def roadmap(self) -> RoadMap:
        return load_map(self.map_path)

    @cached_property
    def understander(self):
        from cockpit.nlu.model import NluModel

        return NluModel.load(self.nlu_model_path)

    @cached_property
    def need_scorer(self):
        from cockpit.proactive.scorer import NeedScorer

        return NeedScorer.load(self.proactive_model_path)

    def proactive_policy(self):
        """A fresh policy (it keeps per-drive state) around the shared ONNX scorer."""
        from cockpit.proactive.features import features
        from cockpit.proactive.policy import ProactivePolicy

        scorer = self.need_scorer
        return ProactivePolicy(score=lambda context, extras: scorer.score(features(context, extras)),
                               thresholds=dict(scorer.thresholds))

    @cached_property
    def vocabulary(self) -> Vocabulary:
        from runner.vocabulary import build_vocabulary

        return build_vocabulary(self.codec, self.roadmap)

    def load_scenario(self, path: Path) -> Scenario:
        return load_scenario(path, self.vocabulary)

    def session(self, scenario: Scenario, out_dir: Path | None, bus: str = "virtual"):
        from runner.session import RunSession

        return RunSession(scenario, codec=self.codec, roadmap=self.roadmap, understander=self.understander,
                          out_dir=out_dir, bus=bus, home=self.home, proactive=self.proactive_policy(),
                          profiles_dir=self.profiles_dir, geofence=self.geofence)
