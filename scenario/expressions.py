"""Safe expressions over signals, home state and records, compiled once to nested closures.

Semantics (also in scenarios/README.md):
* numbers are equal when they differ by at most EQUALITY_TOLERANCE (1e-6), so a set point of 22 equals
  22.0 decoded from the bus; <= and >= include that tolerance and < and > exclude it, consistently;
* a missing value (None: a signal not yet received, a record field outside a record) makes every
  comparison false and every arithmetic result missing; `x == null` / `x != null` test for it explicitly;
* and/or short-circuit and give true/false; a missing value counts as false;
* mismatched types (text + number, division by zero) give a missing value instead of stopping the run,
  as does arithmetic past the range of a float (nothing an expression computes raises).

A list of literals is built once at compile time, and `x in [...]` over one looks the value up (a set for
text and true/false, a sorted array with the tolerance for numbers): a 100,000-item list costs each sample
a lookup, not a walk over the list.
"""

from __future__ import annotations

import math
import numbers
import operator
from bisect import bisect_left
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TypeGuard

from scenario.errors import ScenarioError, SourceLocation, suggestion_hint
from scenario.expression_syntax import (
    COMPARISONS,
    Binary,
    Call,
    ExpressionSyntaxError,
    ListLiteral,
    Literal,
    Name,
    Node,
    Unary,
    parse,
)
from scenario.vocabulary import Vocabulary

EQUALITY_TOLERANCE = 1e-6
_PLAIN_NUMBERS = (int, float)
# An int result past what a float holds would make the next comparison raise OverflowError: it is missing.
_LARGEST_RESULT = 1e300

Resolve = Callable[[str], object]
Compiled = Callable[[Resolve], object]


class Expression:
    """A compiled expression: `evaluate(resolve)` reads names through `resolve` (None = missing)."""

    __slots__ = ("text", "names", "units", "location", "evaluate")

    def __init__(
        self,
        text: str,
        names: frozenset[str],
        units: Mapping[str, str],
        location: SourceLocation,
        evaluate: Compiled,
    ):
        self.text = text
        self.names = names
        self.units = units
        self.location = location
        # An instance attribute, not a method: one call less in the innermost loop of a replay.
        self.evaluate = evaluate

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"


def compile_expression(text: object, vocabulary: Vocabulary, location: SourceLocation) -> Expression:
    """Parse, check every name against the vocabulary, compile; errors are ScenarioErrors at `location`."""
    if not isinstance(text, str):
        raise ScenarioError(
            f"expected an expression, got {_shown(text)}",
            location,
            'quote it if it is meant as text, e.g. that: action.kind == "climate.set"',
        )
    try:
        tree = parse(text)
        names = _collect_names(tree)
        for name, position in names.items():
            if not vocabulary.is_expression_name(name):
                raise ScenarioError(
                    f"unknown name {name!r} in expression {_shown(text)}",
                    location.shifted(position),
                    _name_hint(name, vocabulary),
                )
        _check_signal_literals(tree, vocabulary, text, location)
        compiled = _compile(tree)
    except ExpressionSyntaxError as error:
        raise ScenarioError(
            f"syntax error in expression {_shown(text)}: {error.message}", location.shifted(error.position)
        ) from None
    units = {name: unit for name in names if (unit := vocabulary.units_of(name))}
    return Expression(text, frozenset(names), MappingProxyType(units), location, compiled)


def _shown(text: object, limit: int = 80) -> str:
    """The expression as messages quote it: a 100,000-item list is cut, with its length said."""
    shown = repr(text)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown)} characters)"


def is_true(value: object) -> bool:
    """Whether an expression result counts as holding: a missing value does not."""
    return value is not None and bool(value)


def values_equal(left: object, right: object) -> bool:
    if left is None or right is None:
        return False
    if _is_number(left) and _is_number(right):
        return abs(left - right) <= EQUALITY_TOLERANCE
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right  # true is not 1
    return left == right


def _collect_names(node: Node) -> dict[str, int]:
    found: dict[str, int] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name):
            found.setdefault(current.name, current.position)
        elif isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.left, current.right))
        elif isinstance(current, Call | ListLiteral):
            stack.extend(current.arguments if isinstance(current, Call) else current.items)
    return found


def _check_signal_literals(tree: Node, vocabulary: Vocabulary, text: str, location: SourceLocation) -> None:
    """A signal compared with a literal it can never equal is an error at load, not an expectation that
    silently never holds: text against a number or a flag, or text outside the signal's value table
    (`SelectedGear == "P"`, `Wiping.Mode == "auto"`: values spelt as an earlier release did)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Binary):
            stack.extend((node.left, node.right))
            if node.operator not in ("==", "!="):
                continue
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if not (isinstance(side, Name) and isinstance(other, Literal) and isinstance(other.value, str)):
                    continue
                info = vocabulary.signals.get(side.name)
                if info is None:
                    continue
                if info.kind != "string":
                    problem = f"{side.name} is {'true or false' if info.kind == 'bool' else 'a number'}"
                elif info.values is not None and other.value not in info.values:
                    problem = f"{side.name} is one of {sorted(info.values)}"
                else:
                    continue
                raise ScenarioError(
                    f"{_shown(other.value)} can never equal the signal in expression {_shown(text)}: {problem}",
                    location.shifted(other.position),
                    vocabulary.value_hints.get(side.name),
                )
        elif isinstance(node, Unary):
            stack.append(node.operand)
        elif isinstance(node, Call | ListLiteral):
            stack.extend(node.arguments if isinstance(node, Call) else node.items)


def _name_hint(name: str, vocabulary: Vocabulary) -> str | None:
    if name in vocabulary.renamed_signals:
        return f"renamed for VSS 6.0: use {vocabulary.renamed_signals[name]}"
    namespace = name.partition(".")[0]
    if namespace in vocabulary.record_fields:
        fields = (f"{namespace}.{field}" for field in vocabulary.record_fields[namespace])
        return suggestion_hint(name, fields, list_expected=True)
    hint = suggestion_hint(name, vocabulary.expression_names())
    if hint is None and "." not in name:
        return (
            "names are signals (Vehicle.*), home.<room>.<device>.<attribute>, or record fields such as "
            "action.kind; text needs quotes"
        )
    return hint


# --- compilation to closures ------------------------------------------------------------------------------


def _is_number(value: object) -> TypeGuard[float]:
    # The exact-type test is the fast path; the Real check admits numpy scalars from the decoder (typed as
    # float: they take part in arithmetic and comparisons as floats do).
    return type(value) in _PLAIN_NUMBERS or (isinstance(value, numbers.Real) and not isinstance(value, bool))


def _compile(node: Node) -> Compiled:
    if isinstance(node, Literal):
        value = node.value
        return lambda resolve: value
    if isinstance(node, Name):
        name = node.name
        return lambda resolve: resolve(name)
    if isinstance(node, ListLiteral):
        constant = _constant_values(node)  # never mutated: comparisons only read it
        if constant is not None:
            return lambda resolve: constant
        items = tuple(_compile(item) for item in node.items)
        return lambda resolve: [item(resolve) for item in items]
    if isinstance(node, Unary):
        return _compile_unary(node)
    if isinstance(node, Call):
        return _compile_call(node)
    if node.operator in ("and", "or"):
        return _compile_logical(node)
    if node.operator in COMPARISONS:
        return _compile_comparison(node)
    return _compile_arithmetic(node)


def _compile_unary(node: Unary) -> Compiled:
    operand = _compile(node.operand)
    if node.operator == "not":
        return lambda resolve: not is_true(operand(resolve))

    def negate(resolve: Resolve) -> object:
        value = operand(resolve)
        return -value if _is_number(value) else None

    return negate


def _compile_logical(node: Binary) -> Compiled:
    left, right = _compile(node.left), _compile(node.right)
    if node.operator == "and":
        return lambda resolve: is_true(left(resolve)) and is_true(right(resolve))
    return lambda resolve: is_true(left(resolve)) or is_true(right(resolve))


def _divide(left: float, right: float) -> float | None:
    return None if right == 0 else left / right


def _add(left: object, right: object) -> object:
    if isinstance(left, str) and isinstance(right, str):
        return left + right
    return left + right if _is_number(left) and _is_number(right) else None


def _bounded(value: object) -> object:
    if type(value) is int and abs(value) > _LARGEST_RESULT:
        return None
    return value


# "+" is not here: it also joins text (_add).
_NUMERIC_ARITHMETIC: dict[str, Callable[[float, float], float | None]] = {
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
}


def _compile_arithmetic(node: Binary) -> Compiled:
    left, right = _compile(node.left), _compile(node.right)
    if node.operator == "+":
        return lambda resolve: _bounded(_add(left(resolve), right(resolve)))
    apply = _NUMERIC_ARITHMETIC[node.operator]

    def arithmetic(resolve: Resolve) -> object:
        a, b = left(resolve), right(resolve)
        return _bounded(apply(a, b)) if _is_number(a) and _is_number(b) else None

    return arithmetic


def _less(a: object, b: object) -> bool:
    if _is_number(a) and _is_number(b):
        return a < b - EQUALITY_TOLERANCE
    return isinstance(a, str) and isinstance(b, str) and a < b


def _less_or_equal(a: object, b: object) -> bool:
    if _is_number(a) and _is_number(b):
        return a <= b + EQUALITY_TOLERANCE
    return isinstance(a, str) and isinstance(b, str) and a <= b


def _contains(container: object, item: object) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, list | tuple | set | frozenset):
        return any(values_equal(element, item) for element in container)
    return False


_COMPARE = {
    "==": values_equal,
    "!=": lambda a, b: a is not None and b is not None and not values_equal(a, b),
    "<": _less,
    "<=": _less_or_equal,
    ">": lambda a, b: _less(b, a),
    ">=": lambda a, b: _less_or_equal(b, a),
    "in": lambda a, b: _contains(b, a),
    "not in": lambda a, b: a is not None and not _contains(b, a),
    "contains": _contains,
}


def _compile_comparison(node: Binary) -> Compiled:
    is_null = [isinstance(side, Literal) and side.value is None for side in (node.left, node.right)]
    if any(is_null):
        return _compile_null_test(node, other=node.right if is_null[0] else node.left)
    if node.operator in ("in", "not in") and not isinstance(node.right, ListLiteral):
        raise ExpressionSyntaxError(
            f"'{node.operator}' needs a list such as [1, 2]; for text use 'contains'", node.position
        )
    membership = _compile_constant_membership(node)
    if membership is not None:
        return membership
    left, right, compare = _compile(node.left), _compile(node.right), _COMPARE[node.operator]
    return lambda resolve: compare(left(resolve), right(resolve))


def _constant_values(node: Node) -> list[object] | None:
    """The values of a list of literals; None for any other node (a list with a name in it included)."""
    if not isinstance(node, ListLiteral):
        return None
    values = []
    for item in node.items:
        if not isinstance(item, Literal):
            return None
        values.append(item.value)
    return values


class _LiteralSet:
    """`x in [literals]` with the semantics of values_equal, in O(log n): text and true/false by hash (true is not
    1), numbers by bisection within EQUALITY_TOLERANCE; null equals nothing. Any other kind of value (never
    equal to a literal, but who knows what a decoder hands over) takes the walk values_equal would."""

    def __init__(self, values: list[object]):
        self._values = values
        self._texts = frozenset(value for value in values if isinstance(value, str))
        self._flags = frozenset(value for value in values if isinstance(value, bool))
        self._numbers = sorted(value for value in values if _is_number(value))

    def __contains__(self, item: object) -> bool:
        if item is None:
            return False
        if type(item) is str:
            return item in self._texts
        if type(item) is bool:
            return item in self._flags
        if type(item) is float or type(item) is int:  # exact types, as _PLAIN_NUMBERS
            if item != item:  # NaN equals nothing
                return False
            if not math.isfinite(item):
                return item in self._numbers
            index = bisect_left(self._numbers, item - EQUALITY_TOLERANCE)
            return index < len(self._numbers) and self._numbers[index] <= item + EQUALITY_TOLERANCE
        return any(values_equal(element, item) for element in self._values)


def _compile_constant_membership(node: Binary) -> Compiled | None:
    """`x in [literals]`, `x not in [literals]` and `[literals] contains x` as lookups; None for other forms."""
    if node.operator in ("in", "not in"):
        constant, item_node = _constant_values(node.right), node.left
    elif node.operator == "contains":
        constant, item_node = _constant_values(node.left), node.right
    else:
        return None
    if constant is None:
        return None
    members = _LiteralSet(constant)
    item = _compile(item_node)
    if node.operator == "not in":

        def absent(resolve: Resolve) -> bool:
            value = item(resolve)
            return value is not None and value not in members

        return absent
    return lambda resolve: item(resolve) in members


def _compile_null_test(node: Binary, other: Node) -> Compiled:
    if node.operator not in ("==", "!="):
        raise ExpressionSyntaxError("null can only be compared with == or !=", node.position)
    value = _compile(other)
    if node.operator == "==":
        return lambda resolve: value(resolve) is None
    return lambda resolve: value(resolve) is not None


def _round(value: float, digits: object = 0) -> float | None:
    if not isinstance(digits, int) or isinstance(digits, bool) or not math.isfinite(value):
        return None  # round(inf) raises; an infinite value comes from arithmetic past the float range
    return round(value, digits)


_FUNCTIONS: dict[str, Callable[..., object]] = {"abs": abs, "min": min, "max": max, "round": _round}


def _compile_call(node: Call) -> Compiled:
    arguments = tuple(_compile(argument) for argument in node.arguments)
    function = _FUNCTIONS[node.function]

    def call(resolve: Resolve) -> object:
        values = [argument(resolve) for argument in arguments]
        if not all(_is_number(value) for value in values):
            return None
        return function(*values)

    return call
