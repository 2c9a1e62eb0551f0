"""Problem objects and their output formats."""

from __future__ import annotations

import json

from riotgame.engine.story.problems import Problem, did_you_mean, format_problems

ERR = Problem("s/one.yaml", 3, 7, "E120", 'goto "bb": no such node')
WARN = Problem("s/one.yaml", 1, 1, "W200", 'node "x" cannot be reached')


def test_concise_is_sorted_and_deduplicated():
    assert format_problems([ERR, WARN, ERR]) == (
        's/one.yaml:1:1: W200 node "x" cannot be reached\n'
        's/one.yaml:3:7: E120 goto "bb": no such node'
    )


def test_json_and_github():
    assert json.loads(format_problems([ERR], "json")) == [
        {
            "path": "s/one.yaml",
            "line": 3,
            "col": 7,
            "code": "E120",
            "message": 'goto "bb": no such node',
        }
    ]
    assert format_problems([ERR, WARN], "github").splitlines() == [
        '::warning file=s/one.yaml,line=1,col=1::W200 node "x" cannot be reached',
        '::error file=s/one.yaml,line=3,col=7::E120 goto "bb": no such node',
    ]


def test_full_shows_the_line_and_a_caret(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text("a:\n  b:\n    goto: bb\n", encoding="utf-8")
    p = Problem(str(path), 3, 11, "E120", "no such node")
    assert (
        format_problems([p], "full")
        == f"{path}:3:11: E120 no such node\n        goto: bb\n              ^"
    )


def test_full_without_a_readable_file_is_concise():
    p = Problem("missing.yaml", 0, 0, "E101", "file not found")
    assert format_problems([p], "full") == "missing.yaml:0:0: E101 file not found"


def test_is_error_and_did_you_mean():
    assert ERR.is_error and not WARN.is_error
    assert did_you_mean("gotoo", ["goto", "text"]) == ' (did you mean "goto"?)'
    assert did_you_mean("zzz", ["goto", "text"]) == ""


def test_a_long_source_line_is_cut_round_the_column(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text("chapter: " + "1" * 5000 + "\n", encoding="utf-8")
    at_start = Problem(str(path), 1, 10, "E108", "too long")
    _, source, caret = format_problems([at_start], "full").split("\n")
    assert source == "    " + ("chapter: " + "1" * 5000)[:100] + "…"
    assert caret == "    " + " " * 9 + "^"
    deep = Problem(str(path), 1, 2000, "E108", "too long")
    _, source, caret = format_problems([deep], "full").split("\n")
    assert source.startswith("    …1") and source.endswith("…") and len(source) == 4 + 102
    assert source[len(caret) - 1] == "1" and caret.endswith("^") and len(caret) < 60
