"""`riotgame graph`: the story map in dot and Mermaid, whole or one chapter."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.support.stories import KITCHEN, MINI

STORY = ("--story", MINI, "--with", KITCHEN)


def clusters(dot: str) -> dict[str, list[str]]:
    """Chapter label -> node ids declared inside that subgraph cluster."""
    out, current = {}, None
    for line in dot.splitlines():
        if line.strip().startswith("subgraph cluster_"):
            current = []
        elif current is not None and line.strip().startswith("label="):
            out[re.search(r'label="([^"]*)"', line).group(1)] = current
        elif current is not None and line.strip() == "}":
            current = None
        elif current is not None:
            current.append(re.match(r'\s*"([^"]+)" \[', line).group(1))
    return out


def dot_edges(dot: str) -> list[tuple[str, str, str]]:
    """(source, target, attributes) of every edge."""
    return re.findall(r'^\s*"([^"]+)" -> "([^"]+)"(?: \[(.*)\])?;$', dot, re.M)


def node_attrs(dot: str, node_id: str) -> str:
    return re.search(rf'^\s*"{node_id}" \[(.*)\];$', dot, re.M).group(1)


def test_dot_groups_nodes_by_chapter(cli):
    code, dot, _ = cli("graph", *STORY)
    assert code == 0
    assert clusters(dot) == {
        "Chapter 1: The Gate": ["gate", "yard", "exit_route", "free", "caught", "throne"],
        "Chapter 2: The Kitchen": ["kitchen"],
    }


def test_dot_marks_endings_set_pieces_and_the_start(cli):
    _, dot, _ = cli("graph", *STORY)
    assert "doubleoctagon" in node_attrs(dot, "free")
    assert "ending: Free" in node_attrs(dot, "free")
    assert "set piece: disguise" in node_attrs(dot, "gate")
    assert "filled" in node_attrs(dot, "gate")
    assert "penwidth" in node_attrs(dot, "gate")  # the start node
    for plain in ("yard", "kitchen"):
        assert "filled" not in node_attrs(dot, plain)


def test_dot_labels_edges_with_ids_and_conditions(cli):
    _, dot, _ = cli("graph", *STORY)
    edges = {(s, t, a) for s, t, a in dot_edges(dot)}
    assert ("yard", "throne", 'label="lead\\nunless trust.boss < 30"') in edges
    assert ("yard", "kitchen", 'label="to_kitchen"') in edges  # added by extend:
    assert (
        "kitchen",
        "kitchen",
        'label="take_knife\\nif not flags.has_knife and visited(\\"yard\\") > 0"',
    ) in edges
    assert ("yard", "yard", 'label="look\\nonce"') in edges


def test_dot_tells_routes_and_interrupts_from_choices(cli):
    _, dot, _ = cli("graph", *STORY)
    kinds = {(s, t): a for s, t, a in dot_edges(dot)}
    assert "style=dashed" in kinds[("exit_route", "caught")]
    assert 'label="if suspicion >= 50"' in kinds[("exit_route", "caught")]
    assert 'label="else"' in kinds[("exit_route", "free")]
    assert "style=bold" in kinds[("any_node", "caught")]
    assert 'label="if suspicion >= 100"' in kinds[("any_node", "caught")]
    assert "style=" not in kinds[("yard", "exit_route")]


def test_one_chapter_shows_its_ways_in_and_out_as_stubs(cli):
    code, dot, _ = cli("graph", *STORY, "--chapter", "2")
    assert code == 0
    assert clusters(dot) == {"Chapter 2: The Kitchen": ["kitchen"]}
    assert {(s, t) for s, t, _ in dot_edges(dot)} == {
        ("yard", "kitchen"),
        ("kitchen", "kitchen"),
        ("kitchen", "yard"),
        ("kitchen", "throne"),
    }
    assert "plain" in node_attrs(dot, "yard") and "(chapter 1)" in node_attrs(dot, "yard")
    assert "gate" not in dot


def test_an_unknown_chapter_is_a_usage_error(cli):
    code, out, err = cli("graph", *STORY, "--chapter", "9")
    assert (code, out) == (2, "")
    assert "no chapter 9; the story has chapters 1, 2" in err


def test_a_broken_story_reports_its_problems(cli, story_copy):
    root = story_copy("goto: throne", "goto: thrown")
    code, out, err = cli("graph", "--story", root)
    assert (code, out) == (1, "")
    assert f"{root / 'one.yaml'}:" in err and 'E120 goto "thrown": no such node' in err


def test_mermaid_groups_marks_and_escapes(cli):
    code, mm, _ = cli("graph", *STORY, "--format", "mermaid")
    assert code == 0
    lines = [line.strip() for line in mm.splitlines()]
    assert lines[0] == "flowchart TB"
    assert 'subgraph chapter_1 ["Chapter 2: The Kitchen"]' in lines
    assert 'n_free{{"free<br/>ending: Free"}}:::ending' in lines
    assert 'n_gate["gate<br/>set piece: disguise"]:::setpiece' in lines
    assert 'n_yard -->|"lead<br/>unless trust.boss #lt; 30"| n_throne' in lines
    assert 'n_exit_route -.->|"if suspicion #gt;= 50"| n_caught' in lines
    assert 'any_node ==>|"if suspicion #gt;= 100"| n_caught' in lines
    assert (
        'n_kitchen -->|"take_knife<br/>if not flags.has_knife and '
        'visited(#quot;yard#quot;) #gt; 0"| n_kitchen'
    ) in lines


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("chapter", [(), ("--chapter", "2")])
def test_graphviz_renders_the_map(cli, chapter):
    _, dot, _ = cli("graph", *STORY, *chapter)
    result = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "<svg" in result.stdout and ">kitchen</text>" in result.stdout
