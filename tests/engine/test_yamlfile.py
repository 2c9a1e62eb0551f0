"""Reading YAML: positions, YAML 1.1 traps, refused constructs, and locating inside scalars."""

from __future__ import annotations

import pytest

from riotgame.engine.story.yamlfile import YList, YMap, locate, parse_yaml, split_lines

pytestmark = pytest.mark.usefixtures("yaml_backend")  # every case with both backends


def test_values_and_positions():
    data, problems = parse_yaml("a: 1\nb:\n  - x\n  - 'y'\n", "f.yaml")
    assert problems == []
    assert data == {"a": 1, "b": ["x", "y"]}
    assert isinstance(data, YMap) and isinstance(data["b"], YList)
    assert {key: data.kpos(key) for key in data} == {"a": (1, 1), "b": (2, 1)}
    assert data.vpos("a") == (1, 4)
    assert [data["b"].ipos(i) for i in range(2)] == [(3, 5), (4, 5)]
    assert data["b"].istyle(1) == "'"


@pytest.mark.parametrize(
    "scalar, value",
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("'true'", "true"),
        ('"12"', "12"),
        ("0x10", "0x10"),
        ("2024-01-01", "2024-01-01"),
    ],
)
def test_only_true_and_false_are_booleans(scalar, value):
    data, problems = parse_yaml(f"k: {scalar}\n", "f.yaml")
    assert problems == [] and data["k"] == value and type(data["k"]) is type(value)


def test_duplicate_key_keeps_the_first_and_reports_the_second():
    data, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert data["a"] == 1
    assert [(p.code, p.line, p.col) for p in problems] == [("E102", 3, 1)]
    assert "line 1, column 1" in problems[0].message


def test_aliases_are_shared_and_a_billion_laughs_is_refused():
    data, problems = parse_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert problems == [] and data["b"] is data["a"]
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    data, problems = parse_yaml("\n".join(lines) + "\n", "f.yaml")
    # refused at the alias that passes the limit, not at the top of the file
    assert data is None and [(p.code, p.line, p.col) for p in problems] == [("E108", 7, 10)]


def test_syntax_error_has_a_position_and_no_traceback():
    data, problems = parse_yaml("a: [1, 2\nb: 3\n", "f.yaml")
    assert data is None
    assert [(p.code, p.line, p.col) for p in problems] == [("E100", 1, 4)]  # the "["


def test_deep_nesting_is_a_problem_not_a_crash():
    data, problems = parse_yaml("[" * 5000 + "]" * 5000, "f.yaml")
    assert data is None and [(p.code, p.line, p.col) for p in problems] == [("E108", 1, 65)]


@pytest.mark.parametrize(
    "source, style, value_start, offset, expected",
    [
        # plain, quoted and escaped scalars on one line
        ("k: abc {x}\n", None, (1, 4), 4, (1, 8)),
        ("k: 'it''s {x}'\n", "'", (1, 4), 5, (1, 11)),
        ('k: "a\\tb {x}"\n', '"', (1, 4), 4, (1, 10)),
        ('k: "\\u00e9 {x}"\n', '"', (1, 4), 2, (1, 12)),
        ('k: "\\x1F"\n', '"', (1, 4), 0, (1, 5)),  # a fault at an escape (found by fuzzing)
        # a plain scalar folded over two lines
        ("k: one\n  two {x}\n", None, (1, 4), 8, (2, 7)),
        # literal block: lines keep their breaks, indentation is not in the value
        ("k: |\n  one\n  two {x}\n", "|", (1, 4), 8, (3, 7)),
        ("k: |\n\n  one\n  {x}\n", "|", (1, 4), 5, (4, 3)),
        ("k: |\n  one\n    more {x}\n", "|", (1, 4), 11, (3, 10)),
        # folded block: a line break became a space
        ("k: >\n  one\n  two {x}\n", ">", (1, 4), 8, (3, 7)),
        ("k: >-\n    one two\n    three {x}\n", ">", (1, 4), 14, (3, 11)),
        # at the very end of a value: the end of its line, not the next key
        ("k: a +\nz: 1\n", None, (1, 4), 3, (1, 7)),
    ],
)
def test_locate_inside_scalars(source, style, value_start, offset, expected):
    data, problems = parse_yaml(source, "f.yaml")
    assert problems == []
    assert data.vpos("k") == value_start and (data.style("k") or None) == style
    assert locate(split_lines(source), value_start, style, data["k"], offset) == expected
