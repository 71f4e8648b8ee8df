"""Re-pin the golden trace after an intended behaviour change: `python -m tests.golden.regenerate`.

Review the diff of the reference file before committing it: it is the behaviour you are pinning.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from runner.assembly import Parts

HERE = Path(__file__).resolve().parent
SCENARIO = HERE / "golden_drive.yaml"
REFERENCE = HERE / "golden_drive.trace.jsonl"


def replay_golden(out_dir: Path, parts: Parts | None = None) -> Path:
    parts = parts or Parts()
    scenario = parts.load_scenario(SCENARIO)
    parts.session(scenario, out_dir).run()
    return out_dir / "trace.jsonl"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(replay_golden(Path(folder)), REFERENCE)
    print(f"pinned {REFERENCE}")


if __name__ == "__main__":
    main()
