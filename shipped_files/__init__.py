"""Where the files the simulator ships are: each one is named here once, by its place in the repository.

In a checkout (`python main.py`, `pip install -e .`) they are the repository's own files: assets/dbc/...,
models/nlu/..., scenarios/.... An installed wheel carries the same tree as package data of this package
(pyproject.toml maps assets/, models/ and scenarios/ under it), found through importlib.resources. The relative
paths are the same in both, so no other module needs to know which it is.

Only what the runtime reads ships (pyproject.toml's package-data; tests/packaging checks that every file named
here is in the wheel): not the training code and data, not the VSS sources the tests check the DBC against, not
the tests.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

# The repository folders the wheel carries under this package.
SHIPPED_FOLDERS = ("assets", "models", "scenarios")

# The product's Python packages, the wheel's top-level ones (`models` is the training side: only its built files
# ship, as data).
CODE_PACKAGES = (
    "canbus",
    "cockpit",
    "home_sim",
    "homelink",
    "roadmap",
    "runner",
    "scenario",
    "shipped_files",
    "vehicle_sim",
)

# Every shipped file the product reads, by its path in the repository.
DBC = "assets/dbc/su7_cockpit.dbc"
MAP = "assets/maps/city.yaml"
FONTS_FOLDER = "assets/fonts"  # a font dropped here wins over the system's (assets/fonts/README.md)
NLU_MODEL = "models/nlu/nlu.onnx"
NLU_CARD = "models/nlu/nlu.json"
NEEDS_MODEL = "models/proactive/needs.onnx"
NEEDS_CARD = "models/proactive/needs.json"
ASR_GRAMMAR = "models/asr/commands.gram"  # the JSGF the word graph is compiled from (its readable form)
ASR_WORD_GRAPH = "models/asr/commands.fsg"  # what the recogniser decodes
ASR_DICTIONARY = "models/asr/commands.dict"  # the pronunciations of the graph's words
DEFAULT_SCENARIO = "scenarios/winter_commute_home.yaml"

EVERY_SHIPPED_FILE = (
    DBC,
    MAP,
    NLU_MODEL,
    NLU_CARD,
    NEEDS_MODEL,
    NEEDS_CARD,
    ASR_GRAMMAR,
    ASR_WORD_GRAPH,
    ASR_DICTIONARY,
    DEFAULT_SCENARIO,
)


def code_root() -> Path:
    """The folder holding the product's packages (the checkout, or site-packages): a child process with it on
    its path imports the same code as this one."""
    return Path(__file__).resolve().parent.parent


@functools.cache
def shipped_root() -> Path:
    """The folder holding assets/, models/ and scenarios/: this package's data when installed, else the checkout."""
    packaged = resources.files(__name__)
    if isinstance(packaged, Path) and (packaged / SHIPPED_FOLDERS[0]).is_dir():
        return packaged
    return code_root()


def checkout_root() -> Path | None:
    """The repository this code runs from; None when it runs from an installed wheel."""
    root = shipped_root()
    return root if root == code_root() else None


def shipped_path(relative: str) -> Path:
    """A shipped file (or folder) by its path in the repository, e.g. shipped_path(MAP)."""
    return shipped_root() / relative
