"""Branch files added with `--with`, without editing the story: check, play and explore load
them, and an id that collides with the story's names both places."""

from __future__ import annotations

import io

import pytest

from riotgame.engine.story.loader import load_story
from tests.support.stories import KITCHEN, MINI

STORY = ("--story", MINI, "--with", KITCHEN)


def test_check_loads_the_branch(cli):
    code, out, _ = cli("check", MINI, "--with", KITCHEN)
    assert code == 0
    assert out.startswith("3 files, 7 nodes, 10 choices")  # the story alone: 2 files, 6 nodes


def test_play_reaches_the_branch_through_extend(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n5\n1\n"))
    code, out, _ = cli("play", "--plain", "--seed", "1", *STORY)
    assert code == 0
    assert "5. Slip into the kitchen" in out  # added to `yard` by the branch
    assert "Chapter 2: The Kitchen" in out
    assert "The kitchen smells of burnt rice. Your nerve is 4." in out
    assert "You chose: Pocket a knife\nSuspicion rises to 10.\nNerve rises to 5.\n" in out
    assert "Noted: A kitchen knife." in out


def test_explore_plays_into_the_branch(cli):
    code, out, _ = cli("explore", *STORY, "--random", "200")
    assert code == 0
    assert "nerve" in out  # the branch's stat, reported at the endings
    assert "Nodes never reached: 0" in out


def test_play_without_the_branch_does_not_offer_it(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    code, out, _ = cli("play", "--plain", "--seed", "1", "--story", MINI)
    assert code == 0
    assert "kitchen" not in out


@pytest.mark.parametrize(
    "command",
    [
        ("check", MINI),
        ("play", "--plain", "--story", MINI),
        ("explore", "--random", "5", "--story", MINI),
    ],
)
def test_a_missing_branch_file_is_reported(cli, tmp_path, command):
    missing = tmp_path / "nope.yaml"
    code, out, err = cli(*command, "--with", missing)
    assert code == 1
    assert f"{missing}:0:0: E101 file not found: {missing}" in out + err
    assert "Traceback" not in out + err


COLLISIONS = [
    (
        "node",
        "nodes:\n  yard:\n    text: Another yard.\n    ending: free\n",
        (2, 3),
        'node "yard" is already defined at {mini}/one.yaml:19:3',
    ),
    (
        "flag",
        "flags:\n  disguised: Another disguise\n",
        (2, 3),
        'flag "disguised" is already declared at {mini}/story.yaml:9:3',
    ),
    (
        "stat",
        "stats:\n  suspicion: {min: 0, max: 9, initial: 0}\n",
        (2, 3),
        '"suspicion" is already declared at {mini}/story.yaml:6:3',
    ),
    (
        "stat named like a flag",
        "stats:\n  lied: {min: 0, max: 9, initial: 0}\n",
        (2, 3),
        '"lied" is already declared at {mini}/story.yaml:10:3',
    ),
]


@pytest.mark.parametrize("kind,text,pos,message", COLLISIONS, ids=[c[0] for c in COLLISIONS])
def test_a_collision_names_both_places(tmp_path, kind, text, pos, message):
    branch = tmp_path / "branch.yaml"
    branch.write_text(text)
    story, problems = load_story(MINI, [branch])
    assert story is None
    errors = [(p.path, p.line, p.col, p.code, p.message) for p in problems if p.is_error]
    assert errors == [(str(branch), *pos, "E110", message.format(mini=MINI))]
