"""Builds the recognition grammar: JSGF generated from the NLU's own English command phrasing.

Source of truth is the NLU generator's templates (models/nlu/templates_en*.py): every template
pattern becomes a grammar alternative for its intent, span slots ({temperature}, {zone}...)
become rules with *spoken* surface forms (numbers in words), enum placeholders ([device],
[body]...) become rules limited to the values the intent allows. So the recogniser can only
produce phrasings the NLU was trained on, and the two cannot drift apart silently.

Generated files (checked in and shipped, re-made with `python -m models.asr.build_grammar` in a checkout):
    models/asr/commands.gram   the JSGF grammar
    models/asr/commands.fsg    the same grammar compiled to a minimal word graph (what is decoded)
    models/asr/commands.dict   pronunciations of exactly the grammar's words (+ `pau`, silence)

A build tool, not part of the product: the runtime recogniser (cockpit/voice/asr.py) reads the files, and the
wake phrases it splits off are cockpit/voice/grammar.py's, which this puts in the grammar.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

from cockpit.voice.grammar import DICT_PATH, FSG_PATH, GRAMMAR_PATH, WAKE_PHRASES
from models.nlu.templates_en import spoken_number
from shipped_files import MAP, shipped_path

POLITE_PREFIXES = ("please", "could you", "can you", "would you", "hey", "hi", "excuse me", "ok so", "so")
POLITE_SUFFIXES = ("please", "thanks", "thank you", "now", "for me", "right now", "if you can")

# The intents spoken commands cover (the cockpit's core controls). Others stay typed: each one
# added grows the search graph, and pocketsphinx's decoding time grows with it.
SPOKEN_INTENTS = (
    "climate.set_temperature",
    "climate.adjust_temperature",
    "climate.set_fan",
    "climate.power",
    "seat.heat",
    "window.set",
    "body.open",
    "body.close",
    "nav.navigate",
    "nav.find_poi",
    "nav.cancel",
    "media.play",
    "media.pause",
    "media.next",
    "media.volume",
    "phone.call",
    "dialog.confirm",
    "dialog.deny",
    "dialog.cancel",
)
ZONE_WORDS = (
    "driver",
    "driver side",
    "driver's side",
    "passenger",
    "passenger side",
    "passenger's side",
    "rear",
    "back",
    "back seats",
    "rear seats",
    "rear left",
    "rear right",
    "everyone",
)
DESTINATIONS = (
    "home",
    "work",
    "the office",
    "office",
    "school",
    "the airport",
    "the train station",
    "the hospital",
    "the gym",
    "the mall",
    "the hotel",
)
CONTACTS = (
    "mom",
    "dad",
    "mum",
    "wife",
    "husband",
    "boss",
    "brother",
    "sister",
    "grandma",
    "grandpa",
    "john",
    "sarah",
    "mike",
    "lisa",
    "david",
    "emma",
    "peter",
    "grace",
    "jack",
    "kevin",
)
QUERIES = (
    "jazz",
    "classical music",
    "rock",
    "pop music",
    "the news",
    "a podcast",
    "chill music",
    "my favorites",
    "relaxing piano",
    "the beatles",
    "taylor swift",
    "jay chou",
)


_TOKEN = re.compile(r"\(([^()]*)\)|\{(\w+)(?:=([^{}]*))?\}|\[(\w+)\]")
_WORD_OK = re.compile(r"^[a-z][a-z']*$")
_SPOKEN_ALIASES = {
    "ac": "ac",
    "a/c": "ac",
    "tv": "tv",
    "k-pop": "k pop",
    "lo-fi": "lo fi",
    "co-driver": "co driver",
    "de-ice": "de ice",
}


def number_words(n: int) -> str:
    """0..100 in words, as the templates say them ("twenty two")."""
    return spoken_number(n)


def normalise(text: str) -> str | None:
    """Template/lexicon text -> the lower-case words a recogniser outputs; None if not speakable."""
    text = text.lower().strip()
    for written, spoken in _SPOKEN_ALIASES.items():
        text = re.sub(rf"(?<![\w/]){re.escape(written)}(?![\w/])", spoken, text)
    text = re.sub(r"[,.!?;:]", " ", text).replace("-", " ")
    words = text.split()
    if any(not _WORD_OK.match(w) for w in words):
        return None  # digits, °, / ... : not a spoken form
    return " ".join(words)


# --- pattern -> JSGF --------------------------------------------------------------------------
def _glued(pattern: str, match: re.Match) -> bool:
    before = pattern[match.start() - 1] if match.start() > 0 else " "
    after = pattern[match.end()] if match.end() < len(pattern) else " "
    for alt in match.group(1).split("|"):
        if alt and ((before != " " and alt[0] != " ") or (after != " " and alt[-1] != " ")):
            return True
    return False


def _unglue(pattern: str) -> list[str]:
    """Expand groups glued to a neighbouring word ("what('s| is)", "window(s|)") textually."""
    for match in _TOKEN.finditer(pattern):
        if match.group(1) is not None and _glued(pattern, match):
            head, tail = pattern[: match.start()], pattern[match.end() :]
            out: list[str] = []
            for alt in match.group(1).split("|"):
                out += _unglue(head + alt + tail)
            return out
    return [pattern]


class GrammarBuilder:
    """Collects rules; `pattern_to_jsgf` turns one template pattern into a JSGF expansion."""

    def __init__(self, lexicon) -> None:
        self.lexicon = lexicon
        self.rules: dict[str, str] = {}
        self.words: set[str] = set()
        self.dropped: list[str] = []

    # words and rules
    def _phrase(self, text: str) -> str | None:
        spoken = normalise(text)
        if spoken:
            self.words.update(spoken.split())
        return spoken

    def _alternatives(self, name: str, phrases: Iterable[str]) -> str | None:
        spoken = sorted({p for p in (self._phrase(t) for t in phrases) if p})
        if not spoken:
            return None
        self.rules.setdefault(name, " | ".join(spoken))
        return f"<{name}>"

    def _enum_rule(self, placeholder: str, intent: str) -> str | None:
        from cockpit.nlu.catalogue import intent_spec

        _slot, values = self.lexicon.enum_choices(placeholder, intent_spec(intent).enum_slots or {})
        surfaces = [s for v in values for s in self.lexicon.ENUM_SURFACES[placeholder][v]]
        name = f"{placeholder}_" + re.sub(r"[^a-z_]", "", "_".join(sorted(values)))[:60]
        return self._alternatives(name, surfaces)

    def _slot_rule(self, slot: str, fixed: str | None) -> str | None:
        if fixed is not None:
            return self._phrase(fixed)
        return f"<{slot}>" if slot in self.rules else None

    def pattern_to_jsgf(self, pattern: str, intent: str) -> str | None:
        parts: list[str] = []
        pos = 0
        for match in _TOKEN.finditer(pattern):
            literal = pattern[pos : match.start()]
            pos = match.end()
            if literal.strip():
                spoken = self._phrase(literal)
                if spoken is None:
                    return None
                parts.append(spoken)
            alternatives, slot, fixed, enum = match.groups()
            if alternatives is not None:
                options, optional = [], False
                for alt in alternatives.split("|"):
                    if not alt.strip():
                        optional = True
                        continue
                    converted = self.pattern_to_jsgf(alt, intent)
                    if converted is not None:
                        options.append(converted)
                if not options:
                    if optional:
                        continue
                    return None
                group = " | ".join(dict.fromkeys(options))
                parts.append(f"[ {group} ]" if optional else f"( {group} )")
            elif slot is not None:
                rule = self._slot_rule(slot, fixed)
                if rule is None:
                    return None
                parts.append(rule)
            else:
                rule = self._enum_rule(enum, intent)
                if rule is None:
                    return None
                parts.append(rule)
        tail = pattern[pos:]
        if tail.strip():
            spoken = self._phrase(tail)
            if spoken is None:
                return None
            parts.append(spoken)
        return " ".join(parts) if parts else None


def _map_aliases(path: Path | None = None) -> list[str]:
    """English place names of the road map (aliases), so 'take me to the rongjing charger' parses."""
    path = path or shipped_path(MAP)
    if not path.is_file():
        return []
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names: list[str] = []
    for place in data.get("places", []):
        for alias in place.get("aliases", []) or []:
            if isinstance(alias, str) and alias.isascii():
                names.append(alias)
    return names


def _slot_rules(builder: GrammarBuilder) -> None:
    lex = builder.lexicon
    numbers = {n: number_words(n) for n in range(101)}
    builder._alternatives("temp_number", [numbers[n] for n in range(16, 33)])
    builder.rules["temperature"] = "<temp_number> [ point five | and a half ] [ degrees [ celsius ] | celsius ]"
    builder.words.update(["point", "five", "and", "a", "half", "degrees", "celsius", "degree"])
    builder._alternatives("small_number", [numbers[n] for n in range(0, 11)])
    builder.rules["delta"] = "<small_number> [ degree | degrees ] | half a degree [ celsius ]"
    builder._alternatives("number", list(numbers.values()))
    builder._alternatives(
        "level_word",
        [
            "max",
            "maximum",
            "the max",
            "highest",
            "the highest",
            "full",
            "min",
            "minimum",
            "the lowest",
            "lowest",
            "mute",
        ],
    )
    builder.rules["level"] = "<number> | <level_word>"
    builder.rules["position"] = "halfway | half way | half | <number> ( percent | per cent )"
    builder.words.update(["halfway", "half", "way", "percent", "per", "cent"])
    builder._alternatives("zone", ZONE_WORDS)
    builder._alternatives("destination", DESTINATIONS + tuple(_map_aliases()))
    builder._alternatives("contact", CONTACTS)
    builder._alternatives("query", QUERIES)
    builder._alternatives("room", lex.ROOMS)
    builder._alternatives("place", lex.PLACES)
    builder._alternatives("when", lex.WHENS)


def build_grammar() -> tuple[str, set[str], list[str]]:
    """(JSGF text, the words it uses, templates left out as unspeakable)."""
    from models.nlu import templates_en

    builder = GrammarBuilder(templates_en)
    _slot_rules(builder)
    intent_rules: list[str] = []
    for intent in SPOKEN_INTENTS:
        templates = templates_en.TEMPLATES[intent]
        expansions: list[str] = []
        for pattern, _labels in templates:
            for variant in _unglue(pattern):
                converted = builder.pattern_to_jsgf(variant, intent)
                if converted is None:
                    builder.dropped.append(f"{intent}: {variant}")
                else:
                    expansions.append(converted)
        if expansions:
            rule = "intent_" + intent.replace(".", "_")
            builder.rules[rule] = "\n    | ".join(f"( {e} )" for e in dict.fromkeys(expansions))
            intent_rules.append(f"<{rule}>")
    builder._alternatives("wake", WAKE_PHRASES)
    builder._alternatives("prefix", POLITE_PREFIXES)
    builder._alternatives("suffix", POLITE_SUFFIXES)
    builder.rules["command"] = "\n    | ".join(intent_rules)
    lines = [
        "#JSGF V1.0;",
        "",
        "// Generated by models/asr/build_grammar.py from models/nlu/templates_en*.py.",
        "// Do not edit: run `python -m models.asr.build_grammar`.",
        "",
        "grammar cockpit;",
        "",
        "public <utterance> = <wake> | [ <wake> ] [ <prefix> ] <command> [ <suffix> ];",
        "",
    ]
    for name in sorted(builder.rules):
        lines.append(f"<{name}> = {builder.rules[name]};")
    return "\n".join(lines) + "\n", builder.words, builder.dropped


def write_model_files(
    grammar_path: Path = GRAMMAR_PATH, dict_path: Path = DICT_PATH, fsg_path: Path = FSG_PATH
) -> tuple[Path, Path, list[str]]:
    """Generate the grammar, its compiled word graph and its pronunciation dictionary into models/asr/."""
    from cockpit.voice.asr import default_model_paths
    from cockpit.voice.fsg import SILENCE_WORD, to_fsg
    from models.asr.pronounce import load_cmudict, pronunciations

    jsgf, words, dropped = build_grammar()
    prons = pronunciations(words, load_cmudict(default_model_paths()["dict"]))
    grammar_path.parent.mkdir(parents=True, exist_ok=True)
    grammar_path.write_text(jsgf, encoding="utf-8")
    fsg_path.write_text(to_fsg(jsgf), encoding="utf-8")
    lines = [f"{SILENCE_WORD} SIL"]
    for word, variants in prons.items():
        for i, phones in enumerate(variants):
            lines.append(f"{word} {phones}" if i == 0 else f"{word}({i + 1}) {phones}")
    dict_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return grammar_path, dict_path, dropped


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate models/asr/commands.gram and commands.dict")
    parser.add_argument("--show-dropped", action="store_true", help="list template variants left out")
    args = parser.parse_args()
    grammar_path, dict_path, dropped = write_model_files()
    print(
        f"wrote {grammar_path}, {FSG_PATH.name} and {dict_path.name} "
        f"({len(dropped)} template variants left out as unspeakable)"
    )
    if args.show_dropped:
        print("\n".join(dropped))


if __name__ == "__main__":
    main()
