from __future__ import annotations

import pytest

from scenario.errors import ScenarioError
from scenario.expressions import compile_expression
from scenario.vocabulary import Vocabulary
from tests.scenario.conftest import DRIVER_TEMP, SPEED


def evaluate(text: str, values: dict | None = None, vocabulary: Vocabulary | None = None):
    expression = compile_expression(text, vocabulary or Vocabulary.permissive(), _where())
    return expression.evaluate((values or {}).get)


def _where():
    from scenario.errors import SourceLocation

    return SourceLocation("scenarios/test.yaml", 4, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("8 / 4 / 2", 1.0),
        ("-2 * 3", -6),
        ("- (2 + 3)", -5),
        ("2 * -3", -6),
        ("1 + 2 == 3", True),
        ("not 1 == 2", True),
        ("not 1 == 1 or 2 > 1", True),
        ("1 == 1 and 2 == 3 or 4 == 4", True),
        ("1 == 1 and (2 == 3 or 4 == 5)", False),
        ("1.5e1", 15.0),
        ("abs(-2)", 2),
        ("min(3, 1, 2)", 1),
        ("max(1, 4)", 4),
        ("round(2.567, 1)", 2.6),
        ("round(2.5)", 2),
        ("10 / 0", None),
    ],
)
def test_arithmetic_logic_and_precedence(text, expected):
    assert evaluate(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"abc" == "abc"', True),
        ("'abc' == \"abc\"", True),
        (r'"say \"hi\"" contains "\""', True),
        ('"abc" < "abd"', True),
        ('"heat" contains "ea"', True),
        ('"heat" contains "x"', False),
        ('"a" + "b" == "ab"', True),
        ('"a" + 1', None),
        ('"3" == 3', False),
        ("true == 1", False),
        ("true", True),
        ("false or null == null", True),
    ],
)
def test_strings_and_booleans(text, expected):
    assert evaluate(text) == expected


def test_equality_has_a_tolerance_of_one_millionth():
    assert evaluate(f"{DRIVER_TEMP} == 22", {DRIVER_TEMP: 22.0000004}) is True
    assert evaluate(f"{DRIVER_TEMP} == 22", {DRIVER_TEMP: 22.00001}) is False
    assert evaluate(f"{DRIVER_TEMP} <= 22", {DRIVER_TEMP: 22.0000004}) is True
    assert evaluate(f"{DRIVER_TEMP} < 22", {DRIVER_TEMP: 21.9999996}) is False


@pytest.mark.parametrize(
    "text",
    [
        f"{SPEED} > 3",
        f"{SPEED} < 3",
        f"{SPEED} == 3",
        f"{SPEED} != 3",
        f"{SPEED} >= 3",
        f"{SPEED} in [1, 2]",
        f"{SPEED} not in [1, 2]",
        "utterance.text contains 'x'",
        f"abs({SPEED}) > 0",
    ],
)
def test_missing_values_make_comparisons_false(text):
    assert evaluate(text, {}) is False


def test_missing_values_propagate_through_arithmetic_and_can_be_tested_with_null():
    assert evaluate(f"{SPEED} * 2", {}) is None
    assert evaluate(f"{SPEED} == null", {}) is True
    assert evaluate(f"{SPEED} != null", {SPEED: 0.0}) is True
    assert evaluate(f"not {SPEED} > 3", {}) is True  # 'not' of a false comparison


def test_in_and_contains():
    values = {"action.kind": "climate.set", "action.zone": "driver", SPEED: 50.0}
    assert evaluate('action.kind in ["climate.set", "body.open"]', values) is True
    assert evaluate('action.zone not in ["driver", "passenger"]', values) is False
    assert evaluate(f"{SPEED} in [49.9999999, 60]", values) is True
    assert evaluate('action.kind contains "climate"', values) is True
    assert evaluate('["a", "b"] contains action.zone', values) is False
    assert evaluate('[action.zone, "b"] contains "driver"', values) is True


def test_and_or_short_circuit():
    calls = []

    def resolve(name):
        calls.append(name)
        return 1.0

    expression = compile_expression(f"1 == 2 and {SPEED} > 0", Vocabulary.permissive(), _where())
    assert expression.evaluate(resolve) is False
    assert calls == []
    expression = compile_expression(f"1 == 1 or {SPEED} > 0", Vocabulary.permissive(), _where())
    assert expression.evaluate(resolve) is True
    assert calls == []


def test_names_and_units_are_collected(vocabulary):
    expression = compile_expression(f'{DRIVER_TEMP} == 22 and action.kind == "climate.set"', vocabulary, _where())
    assert expression.names == frozenset({DRIVER_TEMP, "action.kind"})
    assert dict(expression.units) == {DRIVER_TEMP: "celsius"}


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "''.__class__",
        "().__class__",
        f"{SPEED}.__class__",
        "exec('1')",
        "eval('1')",
        "open('/etc/passwd')",
        "[1][0]",
        "lambda: 1",
        "1 if 1 else 2",
        "1 ** 2",
        "a = 1",
        "1; 2",
        f"{SPEED} < 1 < 2",
        f"{SPEED} in 'abc'",
        f"{SPEED} > null",
        "",
        "(1",
        "max(1)",
        "abs(1, 2)",
        "1 2",
        "5s > 1",
        '"unterminated',
    ],
)
def test_rejects_anything_outside_the_grammar_as_a_syntax_error(text):
    with pytest.raises(ScenarioError) as caught:
        compile_expression(text, Vocabulary.permissive(), _where())
    assert "syntax error" in caught.value.message
    assert caught.value.location.line == 4


def test_unknown_signal_is_an_error_with_line_and_hint(vocabulary):
    with pytest.raises(ScenarioError) as caught:
        compile_expression("Vehicle.Sped > 3", vocabulary, _where())
    assert str(caught.value).startswith("scenarios/test.yaml:4: unknown name 'Vehicle.Sped'")
    assert caught.value.hint == "did you mean 'Vehicle.Speed'?"


def test_unknown_record_field_lists_the_fields(vocabulary):
    with pytest.raises(ScenarioError) as caught:
        compile_expression('action.knd == "x"', vocabulary, _where())
    assert "did you mean 'action.kind'?" in caught.value.hint
    assert "action.status" in caught.value.hint


def test_bare_words_are_unknown_names_not_strings(vocabulary):
    with pytest.raises(ScenarioError, match="unknown name 'heat'"):
        compile_expression("home.living_room.ac.mode == heat", vocabulary, _where())


def test_home_names_go_through_the_vocabulary_callback(vocabulary):
    assert compile_expression('home.living_room.ac.mode == "heat"', vocabulary, _where()).names
    with pytest.raises(ScenarioError, match="unknown name 'home.kitchen.oven.mode'"):
        compile_expression('home.kitchen.oven.mode == "bake"', vocabulary, _where())
