"""Tokenizer and Pratt parser for the expression language (grammar in scenarios/README.md).

Only what the grammar names can be written: there is no attribute access on values, no indexing and no
calls except to the whitelisted functions, so `__import__('os')` or `"".__class__` are syntax errors
rather than something to sandbox.

Parsing, compiling and evaluating recurse once per level of the tree, so an expression may be at most
MAX_DEPTH levels deep (1000 nested parentheses, or `1 + 1 + ... + 1` a thousand times, is an error here,
not a RecursionError later); number literals must be finite and at most LARGEST_LITERAL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEYWORDS = frozenset({"and", "or", "not", "in", "contains", "true", "false", "null"})
FUNCTIONS = {"abs": (1, 1), "min": (2, None), "max": (2, None), "round": (1, 2)}  # name -> (min, max) arity
COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains"})

# Binding powers, loosest first: or < and < not < comparisons < + - < * / < unary minus.
_INFIX_POWER = {"or": 10, "and": 20, **{op: 40 for op in COMPARISONS}, "+": 50, "-": 50, "*": 60, "/": 60}
_NOT_POWER = 30
_NEGATE_POWER = 70

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<name>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|[<>+\-*/(),\[\]])
""",
    re.VERBOSE,
)
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t"}
MAX_DEPTH = 100
LARGEST_LITERAL = 1e15  # as the scenario's own numbers (scenario/schema.py); no signal gets near it


class ExpressionSyntaxError(Exception):
    """A syntax error at character `position` of the expression text."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, name, keyword, op, end
    text: str
    position: int
    value: object = None


# --- AST -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: object
    position: int


@dataclass(frozen=True)
class Name:
    name: str
    position: int


@dataclass(frozen=True)
class ListLiteral:
    items: tuple[Node, ...]
    position: int


@dataclass(frozen=True)
class Unary:
    operator: str  # "-" or "not"
    operand: Node
    position: int


@dataclass(frozen=True)
class Binary:
    operator: str  # arithmetic, comparison, and/or
    left: Node
    right: Node
    position: int


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple[Node, ...]
    position: int


Node = Literal | Name | ListLiteral | Unary | Binary | Call


def tokenize(text: str) -> list[Token]:
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            char = text[position]
            hint = " (names cannot start with '_')" if char == "_" else ""
            raise ExpressionSyntaxError(f"unexpected character {char!r}{hint}", position)
        kind, lexeme = match.lastgroup, match.group()
        if kind == "number":
            tokens.append(Token("number", lexeme, position, _number(lexeme, position)))
        elif kind == "string":
            tokens.append(Token("string", lexeme, position, _unescape(lexeme, position)))
        elif kind == "name":
            tokens.append(Token("keyword" if lexeme in KEYWORDS else "name", lexeme, position))
        elif kind == "op":
            tokens.append(Token("op", lexeme, position))
        position = match.end()
        if kind in ("number", "name") and position < len(text) and (text[position].isalnum() or text[position] in "._"):
            raise ExpressionSyntaxError(f"unexpected {text[position]!r} after {lexeme!r}", position)
    tokens.append(Token("end", "", len(text)))
    return tokens


def parse(text: str) -> Node:
    tree = _Parser(tokenize(text)).parse_all()
    depth, position = _deepest(tree)
    if depth > MAX_DEPTH:
        raise ExpressionSyntaxError(
            f"expression nested {depth} levels deep; at most {MAX_DEPTH} (split it into expectations)", position
        )
    return tree


def children(node: Node) -> tuple[Node, ...]:
    """The sub-expressions of `node`, for walks that must not recurse (see MAX_DEPTH)."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.arguments
    if isinstance(node, ListLiteral):
        return node.items
    return ()


def _deepest(tree: Node) -> tuple[int, int]:
    """(levels, position of the deepest node), walked with a stack: a left-deep chain has no parser recursion."""
    deepest = (1, getattr(tree, "position", 0))
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest[0]:
            deepest = (depth, node.position)
        stack.extend((child, depth + 1) for child in children(node))
    return deepest


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.nesting = 0  # prefix levels open now: parentheses, not, unary minus, lists, calls

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> Token:
        if self.current.text != text or self.current.kind not in ("op", "keyword"):
            raise ExpressionSyntaxError(
                f"expected {text!r}, found {self._describe(self.current)}", self.current.position
            )
        return self.advance()

    def parse_all(self) -> Node:
        if self.current.kind == "end":
            raise ExpressionSyntaxError("empty expression", 0)
        node = self.parse_expression(0)
        if self.current.kind != "end":
            raise ExpressionSyntaxError(f"unexpected {self._describe(self.current)}", self.current.position)
        return node

    def parse_expression(self, min_power: int) -> Node:
        left = self.parse_prefix()
        while True:
            operator = self._infix_operator()
            if operator is None or _INFIX_POWER[operator] <= min_power:
                return left
            token = self.advance()
            if operator == "not in":
                self.advance()
            power = _INFIX_POWER[operator]
            right = self.parse_expression(power)
            left = Binary(operator, left, right, token.position)
            if operator in COMPARISONS and self._infix_operator() in COMPARISONS:
                raise ExpressionSyntaxError(
                    "comparisons cannot be chained; combine them with 'and'", self.current.position
                )

    def _infix_operator(self) -> str | None:
        token = self.current
        if token.kind == "op" and token.text in _INFIX_POWER:
            return token.text
        if token.kind == "keyword":
            if token.text == "not" and self.tokens[self.index + 1].text == "in":
                return "not in"
            if token.text in _INFIX_POWER:
                return token.text
        return None

    def parse_prefix(self) -> Node:
        self.nesting += 1
        try:
            if self.nesting > MAX_DEPTH:
                raise ExpressionSyntaxError(
                    f"expression nested more than {MAX_DEPTH} levels deep", self.current.position
                )
            return self._parse_prefix()
        finally:
            self.nesting -= 1

    def _parse_prefix(self) -> Node:
        token = self.advance()
        if token.kind in ("number", "string"):
            return Literal(token.value, token.position)
        if token.kind == "keyword" and token.text in ("true", "false", "null"):
            return Literal({"true": True, "false": False, "null": None}[token.text], token.position)
        if token.kind == "keyword" and token.text == "not":
            return Unary("not", self.parse_expression(_NOT_POWER), token.position)
        if token.kind == "op" and token.text == "-":
            return Unary("-", self.parse_expression(_NEGATE_POWER), token.position)
        if token.kind == "op" and token.text == "(":
            inner = self.parse_expression(0)
            self.expect(")")
            return inner
        if token.kind == "op" and token.text == "[":
            return ListLiteral(self._parse_items("]"), token.position)
        if token.kind == "name":
            if self.current.text == "(" and self.current.kind == "op":
                return self._parse_call(token)
            return Name(token.text, token.position)
        raise ExpressionSyntaxError(f"unexpected {self._describe(token)}", token.position)

    def _parse_call(self, name: Token) -> Call:
        if name.text not in FUNCTIONS:
            raise ExpressionSyntaxError(
                f"unknown function {name.text!r} (available: {', '.join(sorted(FUNCTIONS))})", name.position
            )
        self.advance()  # "("
        arguments = self._parse_items(")")
        low, high = FUNCTIONS[name.text]
        if len(arguments) < low or (high is not None and len(arguments) > high):
            wanted = f"{low}" if low == high else f"{low} or more" if high is None else f"{low} to {high}"
            raise ExpressionSyntaxError(f"{name.text}() takes {wanted} arguments, got {len(arguments)}", name.position)
        return Call(name.text, arguments, name.position)

    def _parse_items(self, closing: str) -> tuple:
        items = []
        if self.current.text != closing:
            items.append(self.parse_expression(0))
            while self.current.text == "," and self.current.kind == "op":
                self.advance()
                items.append(self.parse_expression(0))
        self.expect(closing)
        return tuple(items)

    @staticmethod
    def _describe(token: Token) -> str:
        return "end of expression" if token.kind == "end" else repr(token.text)


def _number(lexeme: str, position: int) -> int | float:
    # float() of a long literal is inf, never an error; int() of one past 4300 digits raises: check first.
    value = float(lexeme)
    if not abs(value) <= LARGEST_LITERAL:
        shown = lexeme if len(lexeme) <= 20 else f"{lexeme[:12]}... ({len(lexeme)} characters)"
        raise ExpressionSyntaxError(f"number {shown} is out of range (at most {LARGEST_LITERAL:g})", position)
    return int(lexeme) if lexeme.isdigit() else value


def _unescape(lexeme: str, position: int) -> str:
    body = lexeme[1:-1]
    result = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escaped = body[index + 1]
            if escaped not in _ESCAPES:
                raise ExpressionSyntaxError(f"unknown escape '\\{escaped}'", position + index + 1)
            result.append(_ESCAPES[escaped])
            index += 2
        else:
            result.append(char)
            index += 1
    return "".join(result)
