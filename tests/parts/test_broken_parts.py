"""Every part x every way of breaking it x every command that loads it: one message naming the part, the right
exit code, never a traceback (README "Parts"; runner/assembly.py PARTS).

A broken copy is made in tmp_path and the command is pointed at it the way a person would (--nlu-model, the
COCKPIT_* variables), so the repository's own files are never touched. Commands run in this process through
`runner.cli.main`, the same entry main.py uses (the app and the live cockpit are given a frame / a duration
limit so that they end by themselves).
"""

from __future__ import annotations

import functools
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cockpit.nlu.model import DEFAULT_MODEL_PATH as NLU_ONNX
from cockpit.proactive.scorer import DEFAULT_MODEL_PATH as NEEDS_ONNX
from cockpit.voice.asr import default_model_paths
from cockpit.voice.grammar import DICT_PATH, FSG_PATH, GRAMMAR_PATH
from runner.errors import EXIT_BAD_INPUT

REPO = Path(__file__).resolve().parents[2]
DBC = REPO / "assets" / "dbc" / "su7_cockpit.dbc"
MAP = REPO / "assets" / "maps" / "city.yaml"
AUDIO = REPO / "scenarios" / "audio" / "set_temperature_22.wav"
ACOUSTIC_MODEL = Path(default_model_paths()["hmm"])
KINDS = ("missing", "junk", "truncated", "wrong")

TINY = """\
name: tiny
seed: 1
duration: 1s
start: {time: "2026-04-22T15:10:00+08:00", place: home}
occupants: [{seat: driver}]
events:
  - at: 0.5s
    say: {seat: driver, text: "turn the fan up"}
"""
SPOKEN = TINY.replace('text: "turn the fan up"', f"audio: {AUDIO}").replace("name: tiny", "name: spoken")
# A few frames of a recorded bus (candump -L) for `cockpit --bus replay:...`.
BUS_LOG = """\
(1776841800.000000) can0 1A0#4200000000000000 R
(1776841800.010000) can0 1B0#3F0052F378830000 R
(1776841800.020000) can0 2C1#2C2C2C2C00000000 R
"""


def _junk(size: int = 4096) -> bytes:
    return random.Random(17).randbytes(size)


def _half(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


@dataclass(frozen=True)
class Part:
    """How to make a broken copy of one part in a folder and point a command at it."""

    name: str  # as the message must say it
    source: Path  # the shipped file (or folder) that is copied
    companions: tuple[Path, ...]  # files that go with it (a model's card, a grammar's dictionary)
    wrong: Path  # a valid file of another kind, given in its place
    point: Callable[[Path], tuple[list[str], dict[str, str]]]  # copy -> (options before the command, env)
    optional: bool  # the run goes on without it (exit 0, said once)
    commands: tuple[str, ...]

    def break_into(self, folder: Path, kind: str) -> Path:
        """The broken copy (for a model card: its model next to it, whole)."""
        target = folder / self.source.name
        for companion in self.companions:
            shutil.copy(companion, folder / companion.name)
        if self.source.is_dir():
            return self._break_folder(target, kind)
        if kind == "missing":
            return target
        data = {"junk": _junk, "truncated": lambda: _half(self.source), "wrong": lambda: self.wrong.read_bytes()}[
            kind
        ]()
        target.write_bytes(data)
        return target

    def _break_folder(self, target: Path, kind: str) -> Path:
        if kind == "missing":
            return target
        if kind == "wrong":
            shutil.copytree(self.wrong, target)
            return target
        shutil.copytree(self.source, target)
        for name in ("means", "mdef"):  # the files pocketsphinx reads first
            (target / name).write_bytes(_junk() if kind == "junk" else _half(self.source / name))
        return target


def _card(onnx: Path) -> Path:
    return onnx.with_suffix(".json")


def _option(flag: str) -> Callable[[Path], tuple[list[str], dict[str, str]]]:
    return lambda path: ([flag, str(path)], {})


def _env(variable: str, *, card: bool = False) -> Callable[[Path], tuple[list[str], dict[str, str]]]:
    """The variable pointing at the copy (at the model next to it, when the copy is a model's card)."""
    return lambda path: ([], {variable: str(path.with_suffix(".onnx") if card else path)})


ALL = ("run", "understand", "cockpit", "sim", "app", "bench")
PARTS = (
    Part(
        "NLU model",
        NLU_ONNX,
        (_card(NLU_ONNX),),
        NEEDS_ONNX,
        _option("--nlu-model"),
        False,
        ("run", "understand", "cockpit", "app", "bench"),
    ),
    Part(
        "NLU model",
        _card(NLU_ONNX),
        (NLU_ONNX,),
        _card(NEEDS_ONNX),
        lambda path: (["--nlu-model", str(path.with_suffix(".onnx"))], {}),
        False,
        ("run", "understand", "cockpit", "app", "bench"),
    ),
    Part(
        "needs model",
        NEEDS_ONNX,
        (_card(NEEDS_ONNX),),
        NLU_ONNX,
        _env("COCKPIT_NEEDS_MODEL"),
        True,
        ("run", "cockpit", "app", "bench"),
    ),
    Part(
        "needs model",
        _card(NEEDS_ONNX),
        (NEEDS_ONNX,),
        _card(NLU_ONNX),
        _env("COCKPIT_NEEDS_MODEL", card=True),
        True,
        ("run", "cockpit", "app", "bench"),
    ),
    Part("DBC", DBC, (), MAP, _env("COCKPIT_DBC"), False, ("run", "cockpit", "sim", "app", "bench")),
    Part(
        "map",
        MAP,
        (),
        REPO / "scenarios" / "arrival_home.yaml",
        _env("COCKPIT_MAP"),
        False,
        ("run", "cockpit", "sim", "app", "bench"),
    ),
    Part(
        "font",
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        (),
        DBC,
        _env("COCKPIT_FONT"),
        True,
        ("app", "run --screenshots"),
    ),
    Part(
        "speech model",
        ACOUSTIC_MODEL,
        (),
        REPO / "models" / "asr",
        _env("COCKPIT_ASR_MODEL"),
        True,
        ("run", "app", "bench"),
    ),
    Part(
        "speech grammar",
        FSG_PATH,
        (DICT_PATH,),
        GRAMMAR_PATH,
        _env("COCKPIT_ASR_GRAMMAR"),
        True,
        ("run", "app", "bench"),
    ),
)
CASES = [
    pytest.param(
        part,
        kind,
        command,
        id=f"{part.name}{'-card' if part.source.suffix == '.json' else ''}-{kind}-{command.replace(' ', '')}",
    )
    for part in PARTS
    for kind in KINDS
    for command in part.commands
]


def _expected_exit(part: Part, command: str) -> int:
    """Optional parts let a command go on; a scenario with `audio:` and `bench` need the recogniser, and
    `bench` measures every part; the NLU model is needed except by the app and the live cockpit."""
    if part.name in ("speech model", "speech grammar"):
        return EXIT_BAD_INPUT if command in ("run", "bench") else 0
    if command == "bench":
        return EXIT_BAD_INPUT
    if part.optional or (part.name == "NLU model" and command in ("app", "cockpit")):
        return 0
    return EXIT_BAD_INPUT


class TestBrokenParts:
    @pytest.fixture(autouse=True)
    def _isolated(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Outputs under tmp_path; each case starts with no warning said yet and no recogniser loaded."""
        from cockpit.ui import fonts
        from cockpit.voice import asr

        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
        monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
        monkeypatch.setattr(fonts, "_said", set())
        monkeypatch.setattr(asr, "_shared", {})
        for variable in (
            "COCKPIT_NEEDS_MODEL",
            "COCKPIT_DBC",
            "COCKPIT_MAP",
            "COCKPIT_FONT",
            "COCKPIT_ASR_MODEL",
            "COCKPIT_ASR_GRAMMAR",
        ):
            monkeypatch.delenv(variable, raising=False)

    def _argv(self, command: str, tmp_path: Path, part: Part, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        from runner import app_command, two_process

        scenario = tmp_path / "scenario.yaml"
        # The app's own scenario has no recorded speech: without a recogniser its driver types.
        spoken = part.name.startswith("speech") and command != "app"
        scenario.write_text(SPOKEN if spoken else TINY, encoding="utf-8")
        if command == "app":
            # One frame, then closed (main.py's app runs until its window is closed).
            monkeypatch.setattr(
                app_command, "run_app", functools.partial(app_command.run_app, max_frames=1, out_root=tmp_path / "out")
            )
            monkeypatch.setattr("runner.cli.DEFAULT_SCENARIO", scenario)
            return []
        if command == "cockpit" and part.name == "NLU model":
            # Live, reading typed lines from an empty pipe: the NLU model is loaded for them.
            read_end, write_end = os.pipe()
            os.close(write_end)
            monkeypatch.setattr("sys.stdin", os.fdopen(read_end))
            monkeypatch.setattr(two_process, "_stdin_is_interactive_or_pipe", lambda: True)
            return ["cockpit", "--bus", "virtual", "--duration", "0.2", "--out", str(tmp_path / "cockpit")]
        if command == "cockpit":
            log = tmp_path / "bus.log"
            log.write_text(BUS_LOG, encoding="utf-8")
            return ["cockpit", "--bus", f"replay:{log}", "--out", str(tmp_path / "cockpit")]
        return {
            "run": ["run", str(scenario), "--out", str(tmp_path / "out")],
            "run --screenshots": ["run", str(scenario), "--out", str(tmp_path / "out"), "--screenshots"],
            "understand": ["understand", "turn the fan up"],
            "sim": ["sim", "--bus", "virtual", "--scenario", str(scenario), "--duration", "0.2"],
            "bench": ["bench"],
        }[command]

    @pytest.mark.parametrize(("part", "kind", "command"), CASES)
    def test_one_message_naming_the_part_no_traceback(
        self,
        part: Part,
        kind: str,
        command: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        if not part.source.exists():
            pytest.skip(f"{part.source} is not installed here")
        from runner.cli import main

        folder = tmp_path / "broken"
        folder.mkdir()
        before, environment = part.point(part.break_into(folder, kind))
        for variable, value in environment.items():
            monkeypatch.setenv(variable, value)
        argv = before + self._argv(command, tmp_path, part, monkeypatch)

        code = main(argv)

        err = capsys.readouterr().err
        assert code == _expected_exit(part, command), err
        assert part.name in err, err
        assert "Traceback" not in err
        assert sum(part.name in line for line in err.splitlines()) == 1, f"said more than once:\n{err}"
        assert "fix:" in err, err
