"""Compile the command JSGF into a small deterministic word graph (pocketsphinx FSG format).

pocketsphinx's own JSGF conversion inlines every rule reference and links the pieces with null
(epsilon) transitions; for a grammar of a few hundred phrasings that graph is big enough to make
decoding take seconds. Here the grammar (a restricted JSGF: words, ( | ), [ ], <rule>) is turned
into an epsilon-NFA, determinised and minimised (Brzozowski: determinise the reverse twice), which
leaves a graph with no null transitions whose shared prefixes and suffixes are merged.
"""

from __future__ import annotations

import re
from collections import defaultdict

_TOKENS = re.compile(r"<[\w]+>|[()\[\]|]|[^\s()\[\]|<>;]+")
SILENCE_WORD = "pau"  # dictionary word whose pronunciation is the SIL phone: optional lead/trail silence


def parse_rules(jsgf: str) -> tuple[str, dict[str, list[str]]]:
    """(public rule name, rule name -> tokens) of a grammar written by models/asr/build_grammar.py."""
    body = re.sub(r"//[^\n]*", "", jsgf)
    rules: dict[str, list[str]] = {}
    public = None
    for match in re.finditer(r"(public\s+)?<(\w+)>\s*=\s*([^;]*);", body):
        if match.group(1):
            public = match.group(2)
        rules[match.group(2)] = _TOKENS.findall(match.group(3))
    if public is None:
        raise ValueError("grammar has no public rule")
    return public, rules


class _Nfa:
    def __init__(self) -> None:
        self.arcs: list[list[tuple[str | None, int]]] = []

    def state(self) -> int:
        self.arcs.append([])
        return len(self.arcs) - 1

    def arc(self, src: int, dst: int, word: str | None) -> None:
        self.arcs[src].append((word, dst))


def _build(rules: dict[str, list[str]], name: str, nfa: _Nfa, start: int, depth: int = 0) -> int:
    """Add rule `name` to the NFA from `start`; returns its end state."""
    if depth > 50:
        raise ValueError(f"rule <{name}> nests too deep (recursion?)")
    tokens = rules[name]

    def alternatives(pos: int, begin: int, closer: str | None) -> tuple[int, int]:
        end = nfa.state()
        current = begin
        while True:
            if pos >= len(tokens):
                if closer is not None:
                    raise ValueError(f"<{name}>: unbalanced brackets")
                nfa.arc(current, end, None)
                return end, pos
            token = tokens[pos]
            if token == "|":
                nfa.arc(current, end, None)
                current, pos = begin, pos + 1
            elif token in (")", "]"):
                if token != {"(": ")", "[": "]"}.get(closer or ""):
                    raise ValueError(f"<{name}>: unbalanced brackets")
                nfa.arc(current, end, None)
                return end, pos + 1
            elif token in ("(", "["):
                inner_end, pos = alternatives(pos + 1, current, token)
                if token == "[":
                    nfa.arc(current, inner_end, None)
                current = inner_end
            elif token.startswith("<"):
                current = _build(rules, token[1:-1], nfa, current, depth + 1)
                pos += 1
            else:
                nxt = nfa.state()
                nfa.arc(current, nxt, token)
                current, pos = nxt, pos + 1

    end, _ = alternatives(0, start, None)
    return end


def _determinise(
    arcs: dict[int, list[tuple[str | None, int]]], starts: set[int], finals: set[int]
) -> tuple[list[dict[str, int]], set[int]]:
    """Subset construction with epsilon closure. Returns (DFA transitions per state, final states)."""

    def closure(states: frozenset[int]) -> frozenset[int]:
        stack, seen = list(states), set(states)
        while stack:
            for word, dst in arcs.get(stack.pop(), ()):
                if word is None and dst not in seen:
                    seen.add(dst)
                    stack.append(dst)
        return frozenset(seen)

    first = closure(frozenset(starts))
    index = {first: 0}
    order = [first]
    table: list[dict[str, int]] = []
    dfa_finals: set[int] = set()
    i = 0
    while i < len(order):
        subset = order[i]
        if subset & finals:
            dfa_finals.add(i)
        moves: dict[str, set[int]] = defaultdict(set)
        for state in subset:
            for word, dst in arcs.get(state, ()):
                if word is not None:
                    moves[word].add(dst)
        row: dict[str, int] = {}
        for word in sorted(moves):
            target = closure(frozenset(moves[word]))
            if target not in index:
                index[target] = len(order)
                order.append(target)
            row[word] = index[target]
        table.append(row)
        i += 1
    return table, dfa_finals


def _reverse(table: list[dict[str, int]], finals: set[int], start: int = 0):
    arcs: dict[int, list[tuple[str | None, int]]] = defaultdict(list)
    for src, row in enumerate(table):
        for word, dst in row.items():
            arcs[dst].append((word, src))
    return arcs, set(finals), {start}


def minimal_dfa(jsgf: str) -> tuple[list[dict[str, int]], set[int]]:
    """The minimal DFA over words of the grammar's public rule (state 0 is the start)."""
    public, rules = parse_rules(jsgf)
    nfa = _Nfa()
    start = nfa.state()
    end = _build(rules, public, nfa, start)
    arcs = {i: a for i, a in enumerate(nfa.arcs)}
    table, finals = _determinise(arcs, {start}, {end})
    table, finals = _determinise(*_reverse(table, finals))
    table, finals = _determinise(*_reverse(table, finals))
    return table, finals


def to_fsg(jsgf: str, name: str = "cockpit", silence: bool = True) -> str:
    """pocketsphinx FSG text: the minimal DFA, with one final state and optional silence either end."""
    table, finals = minimal_dfa(jsgf)
    n = len(table)
    lead, final = n, n + 1  # extra states: after leading silence; the single final state
    lines: list[str] = []

    def transition(src: int, dst: int, word: str) -> None:
        lines.append(f"TRANSITION {src} {dst} 1.0 {word}")

    # state `lead` mirrors state 0's arcs so an optional leading silence can precede anything
    for src, row in enumerate(table):
        for word, dst in row.items():
            transition(src, dst, word)
            if src == 0 and silence:
                transition(lead, dst, word)
    for state in sorted(finals):
        lines.append(f"TRANSITION {state} {final} 1.0")  # null arc into the single final state
        if silence:
            transition(state, final, SILENCE_WORD)
    if silence:
        transition(0, lead, SILENCE_WORD)
    header = [f"FSG_BEGIN {name}", f"NUM_STATES {n + 2}", "START_STATE 0", f"FINAL_STATE {final}"]
    return "\n".join(header + lines + ["FSG_END"]) + "\n"


class WordGraph:
    """The minimal DFA of a grammar, to ask whether a word sequence is in it (tests, tools)."""

    def __init__(self, jsgf: str) -> None:
        self.table, self.finals = minimal_dfa(jsgf)

    def accepts(self, text: str) -> bool:
        state = 0
        for word in text.split():
            state = self.table[state].get(word, -1)
            if state < 0:
                return False
        return state in self.finals
