"""`python -m tests.two_process.scripted_nlu ARGS…` = `python main.py ARGS…` with a TEST DOUBLE for the NLU.

The shipped NLU model may not be trained yet; this stand-in understands exactly one sentence, so that
the typed-utterance path (stdin → reader thread → cockpit → bus → car → bus → trace) can be tested
across processes without it. Everything else is the real program.
"""

from __future__ import annotations

import sys
from functools import cached_property

SCRIPTED_TEXT = "set the temperature to 25 degrees"


class ScriptedUnderstanderTestDouble:
    """TEST DOUBLE: "set the temperature to 25 degrees" → climate.set_temperature 25; anything else
    out_of_scope."""

    def understand(self, text: str):
        from cockpit.nlu.model import Understanding

        if text.strip().lower() == SCRIPTED_TEXT:
            return Understanding(text, "en", "climate.set_temperature", 0.99, {"temperature": 25.0})
        return Understanding(text, "en", "out_of_scope", 0.99, {})


def main() -> int:
    from runner.assembly import Parts
    from runner.cli import main as cli_main

    double = cached_property(lambda self: ScriptedUnderstanderTestDouble())
    double.__set_name__(Parts, "understander")
    Parts.understander = double  # type: ignore[method-assign]
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
