"""The table of every VSS signal the bus publishes, as docs/VSS.md shows it, made from the DBC.

`python -m canbus.vss_table` prints it; `python -m canbus.vss_table --write` puts it in docs/VSS.md between its
markers (tests/bus/test_vss_spec.py checks the file holds the current table).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from canbus.dbc import load_dbc, vss_path_of

DOC = Path(__file__).resolve().parent.parent / "docs" / "VSS.md"
BEGIN, END = "<!-- signal table: python -m canbus.vss_table --write -->", "<!-- end of signal table -->"


def signal_table() -> str:
    """One row per published signal: VSS path, message.signal, unit, values, in path order."""
    rows = []
    for message in load_dbc().messages:
        for signal in message.signals:
            path = vss_path_of(signal)
            if path is None:
                continue
            if signal.choices:
                values = ", ".join(str(v) for v in signal.choices.values())
            elif signal.length == 1 and signal.scale == 1 and signal.offset == 0:
                values = "true / false"
            else:
                values = f"{signal.minimum:g} to {signal.maximum:g}"
            rows.append((path, f"{message.name}.{signal.name}", signal.unit or "", values))
    lines = ["| VSS path | DBC message.signal | unit | values |", "|---|---|---|---|"]
    lines += [f"| `{path}` | {where} | {unit} | {values} |" for path, where, unit, values in sorted(rows)]
    return "\n".join(lines)


def document_with_table(text: str) -> str:
    """`text` (docs/VSS.md) with the part between the markers replaced by the current table."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{signal_table()}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"update {DOC.name} in place")
    if parser.parse_args().write:
        DOC.write_text(document_with_table(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(signal_table())


if __name__ == "__main__":
    main()
