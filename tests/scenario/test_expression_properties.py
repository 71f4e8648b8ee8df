"""Random arithmetic/comparison trees: our evaluation must match Python arithmetic on the same numbers.

The reference is computed from the generated tree (not by eval of the text), with the language's
documented rules applied: == within 1e-6, division by zero gives a missing value.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from scenario.errors import SourceLocation
from scenario.expressions import EQUALITY_TOLERANCE, compile_expression
from scenario.vocabulary import Vocabulary

NAMES = ("Vehicle.Speed", "Vehicle.Exterior.AirTemperature")
numbers = st.one_of(st.integers(-1000, 1000), st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: round(x, 3)))
leaves = st.one_of(numbers.map(lambda value: ("number", value)), st.sampled_from(NAMES).map(lambda n: ("name", n)))
arithmetic = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from("+-*/"), inner, inner),
        st.tuples(st.just("neg"), inner),
    ),
    max_leaves=12,
)
comparisons = st.tuples(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), arithmetic, arithmetic)


def render(node) -> str:
    if node[0] == "number":
        return repr(node[1]) if node[1] >= 0 else f"({node[1]!r})"
    if node[0] == "name":
        return node[1]
    if node[0] == "neg":
        return f"-({render(node[1])})"
    return f"({render(node[1])} {node[0]} {render(node[2])})"


def reference(node, values):
    kind = node[0]
    if kind == "number":
        return node[1]
    if kind == "name":
        return values[node[1]]
    if kind == "neg":
        operand = reference(node[1], values)
        return None if operand is None else -operand
    left, right = reference(node[1], values), reference(node[2], values)
    if left is None or right is None:
        return None
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if kind == "/":
        return None if right == 0 else left / right
    close = abs(left - right) <= EQUALITY_TOLERANCE
    return {
        "==": close,
        "!=": not close,
        "<": left < right and not close,
        "<=": left <= right or close,
        ">": left > right and not close,
        ">=": left >= right or close,
    }[kind]


def _values():
    return st.fixed_dictionaries({name: numbers for name in NAMES})


@settings(max_examples=300, deadline=None)
@given(tree=arithmetic, values=_values())
def test_arithmetic_matches_python(tree, values):
    expression = compile_expression(render(tree), Vocabulary.permissive(), SourceLocation("p.yaml", 1))
    expected = reference(tree, values)
    actual = expression.evaluate(values.get)
    if expected is None or (isinstance(expected, float) and not math.isfinite(expected)):
        assert actual is None or actual == expected or not math.isfinite(actual)
    else:
        assert actual == expected  # same operations in the same order: bit-identical


@settings(max_examples=300, deadline=None)
@given(tree=comparisons, values=_values())
def test_comparisons_match_python_with_documented_tolerance(tree, values):
    expression = compile_expression(render(tree), Vocabulary.permissive(), SourceLocation("p.yaml", 1))
    expected = reference(tree, values)
    assert expression.evaluate(values.get) is (expected if expected is not None else False)
