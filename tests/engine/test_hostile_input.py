"""Hostile and random input: always a Problem or an ExprError, never another exception,
and nothing in a story file is ever executed."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riotgame.engine.analysis.check import check_story
from riotgame.engine.story.expr import ExprError, Scope, compile_condition, compile_effect
from riotgame.engine.story.problems import Problem
from tests.support.stories import CHAPTER, write_story

SCOPE = Scope({"suspicion": 0, "trust.boss": 1}, {"disguised": 0}, {"suspicion": (0, 100)})
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- injection -------------------------------------------------------------------------------

HOSTILE = [
    "__import__('os').system('touch {marker}')",
    "().__class__.__bases__",
    "suspicion.__class__",
    "flags.__dict__",
    "suspicion.real > 0",
    "(lambda: 1)() == 1",
    "[x for x in (1, 2)] == 1",
    "{x: 1 for x in (1,)} == 1",
    "(x := 5) > 1",
    "f'{suspicion}' == 1",
    "10**100 > 1",
    "9999999999999 > 1",
    "1" * 400 + " > 1",
    "(" * 5000 + "1" + ")" * 5000,
    "-(" * 60 + "1" + ")" * 60 + " > 0",
    "not " * 300 + "true",
    " + ".join(["suspicion"] * 400) + " > 1",
    "open('{marker}', 'w')",
    "exec('x=1')",
    "eval('1')",
    "getattr(suspicion, 'real') > 1",
    "chance(__import__('os').system('touch {marker}'))",
    "visited(__file__) > 0",
    "suspicion[0] > 1",
    "suspicion if true else 0",
    "'a' * 10 == 'a'",
    "b'x' == 1",
    "...",
    "*suspicion",
    "yield 1",
    "await suspicion",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_conditions_are_refused_and_never_run(source, tmp_path):
    marker = tmp_path / "pwned"
    source = source.replace("{marker}", str(marker))
    with pytest.raises(ExprError) as info:
        compile_condition(source, SCOPE)
    assert info.value.code.startswith("E13")
    with pytest.raises(ExprError):
        compile_effect(f"suspicion = {source}", SCOPE)
    assert not marker.exists()


@pytest.mark.parametrize(
    "effect",
    [
        "import os",
        "suspicion = __import__('os').system('touch {marker}')",
        "suspicion.__class__ = 1",
        "flags.x.__class__ = true",
        "suspicion, trust.boss = 1, 2",
        "global suspicion",
        "suspicion += 1 if true else 2",
        "def f(): pass",
        "suspicion += (lambda: 1)()",
        "print('hi')",
        "class X: pass",
        "with open('{marker}', 'w'): pass",
        "suspicion @= 2",
        "assert false",
    ],
)
def test_hostile_effects_are_refused(effect, tmp_path):
    marker = tmp_path / "pwned"
    with pytest.raises(ExprError):
        compile_effect(effect.replace("{marker}", str(marker)), SCOPE)
    assert not marker.exists()


def test_injection_through_a_story_file_is_a_load_problem(tmp_path):
    marker = tmp_path / "pwned"
    chapter = CHAPTER.replace(
        "if: not flags.seen and suspicion < 50",
        f"""if: "__import__('os').system('touch {marker}') == 0\"""",
    )
    root = write_story(tmp_path / "s", chapter)
    story, problems, _ = check_story(root)
    assert story is None
    assert [(p.code, p.line) for p in problems if p.is_error] == [("E137", 7)]
    assert not marker.exists()


def test_python_tags_construct_nothing(tmp_path):
    marker = tmp_path / "pwned"
    chapter = f"nodes: !!python/object/apply:os.system ['touch {marker}']\n"
    story, problems, _ = check_story(write_story(tmp_path / "s", chapter))
    assert story is None and any(p.code == "E103" for p in problems)
    assert not marker.exists()


# -- random expressions ----------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "suspicion",
        "trust.boss",
        "flags.disguised",
        "flags.nope",
        "true",
        "false",
        "1",
        "-",
        "+",
        "==",
        "<",
        ">=",
        "and",
        "or",
        "not",
        "(",
        ")",
        "visited(",
        "chance(",
        "min(",
        ",",
        '"a"',
        "=",
        "+=",
        "__class__",
        ".",
        "lambda",
        ":",
        "[",
        "]",
        "10**9",
        "\n",
        "'",
        "\\",
    ]
)


@FUZZ
@given(st.one_of(st.text(max_size=60), st.lists(TOKENS, max_size=15).map(" ".join)))
def test_random_expressions_only_raise_expr_error(source):
    for compile_ in (compile_condition, compile_effect):
        try:
            compiled = compile_(source, SCOPE)
        except ExprError as exc:
            assert exc.code.startswith("E13") and 0 <= exc.offset <= len(source)
        else:
            assert callable(compiled.fn)


# -- random story files ----------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from(
        [
            "a",
            "b",
            "done",
            "go",
            "text",
            "suspicion += 1",
            "flags.seen",
            "{suspicion}",
            "yes",
            "*x",
            "nodes",
            "choices",
            "goto",
            "if",
            "ending",
            "next",
            "extend",
        ]
    ),
    st.text(max_size=12),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "nodes",
            "a",
            "b",
            "text",
            "choices",
            "id",
            "goto",
            "if",
            "effects",
            "next",
            "ending",
            "extend",
            "stats",
            "flags",
            "on_enter",
            "once",
            "disabled_if",
            "reason",
            "tags",
            "chapter",
            "title",
            "min",
            "max",
            "initial",
            "files",
            "start",
            "endings",
            "interrupts",
            "id",
        ]
    ),
    st.text(max_size=6),
    st.integers(0, 3),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)


def check_never_raises(root):
    story, problems, summary = check_story(root)
    assert all(isinstance(p, Problem) for p in problems)
    assert summary.errors == sum(p.is_error for p in problems)
    if summary.errors:
        assert story is None


def dump(tree) -> str:
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


@FUZZ
@given(tree=TREES)
def test_random_yaml_as_a_chapter(tmp_path_factory, tree):
    check_never_raises(write_story(tmp_path_factory.mktemp("c"), dump(tree)))


@FUZZ
@given(tree=TREES)
def test_random_yaml_as_the_manifest(tmp_path_factory, tree):
    check_never_raises(write_story(tmp_path_factory.mktemp("m"), CHAPTER, dump(tree)))


@FUZZ
@given(tree=st.dictionaries(st.sampled_from(["a", "b", "c"]), TREES, max_size=3))
def test_random_nodes_in_a_valid_chapter(tmp_path_factory, tree):
    check_never_raises(write_story(tmp_path_factory.mktemp("n"), dump({"nodes": tree})))


@FUZZ
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_random_bytes_as_files(tmp_path_factory, data):
    root = write_story(tmp_path_factory.mktemp("b"))
    (root / "one.yaml").write_bytes(data)
    check_never_raises(root)
    (root / "one.yaml").write_text(CHAPTER, encoding="utf-8")
    (root / "story.yaml").write_bytes(data)
    check_never_raises(root)


@FUZZ
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "nodes:",
                "  a:",
                "    text: |",
                "      {suspicion} *x",
                "    choices:",
                "      - id: go",
                "        goto: b",
                "        if: >",
                "          suspicion >",
                "  b: {text: x, ending: done}",
                "extend:",
                "  b:",
                "    choices: []",
                "  - x",
                "&a",
                "*a",
                ": :",
                "\t",
                "'",
                '"',
                "    next: [b]",
                "    ending: done",
                "---",
                "%YAML 1.1",
                "? x",
            ]
        ),
        max_size=14,
    )
)
def test_random_yaml_like_lines(tmp_path_factory, lines):
    check_never_raises(write_story(tmp_path_factory.mktemp("l"), "\n".join(lines) + "\n"))
