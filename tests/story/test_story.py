"""The shipped story's own integrity: it checks clean, every ending can be reached, random
play is balanced, and the saved example runs play through the real command."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
import yaml

from riotgame import paths
from riotgame.cli import main
from riotgame.engine import Machine
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.search import exhaustive

STORY = paths.CHECKOUT_DIR / "story"
EXAMPLES = paths.CHECKOUT_DIR / "saves" / "examples"
SET_PIECES = ("disguise", "carajo", "yori-fight", "medics", "final-choice")


def test_checks_clean_with_strict(checked):
    _, problems, summary = checked
    assert [p.concise() for p in problems] == []
    assert summary.nodes >= 150 and summary.words >= 30_000 and summary.endings >= 8


def test_six_chapters_and_five_set_pieces(story):
    assert sorted(c.number for c in story.chapters) == [1, 2, 3, 4, 5, 6]
    for piece in SET_PIECES:
        nodes = [n for n in story.nodes.values() if f"set-piece:{piece}" in n.tags]
        assert len(nodes) >= 4, piece
        # real alternatives: some node of the scene offers three or more courses
        assert max(len(n.choices) for n in nodes) >= 3, piece


@pytest.mark.slow
def test_every_ending_is_reachable_and_nobody_gets_stuck(story):
    report = exhaustive(story)
    assert report.complete
    assert set(report.ending_paths) == {e.id for e in story.endings}
    assert report.softlocks == [] and report.possible_softlocks == [] and report.loops == []
    assert report.unreached_nodes == [] and report.untaken_choices == []


def test_random_play_is_balanced(story):
    report = random_play(story, 10_000, seed=1)
    shares = {e.id: report.endings.get(e.id, 0) / report.runs for e in story.endings}
    assert max(shares.values()) <= 0.40, shares
    assert min(shares.values()) >= 0.005, shares
    assert report.unseen_nodes == [] and report.softlocks == []


def scripted_input(story, save_file: Path) -> tuple[int, str]:
    """The seed and the numbers a player types to take a saved run's choices."""
    save = yaml.safe_load(save_file.read_text(encoding="utf-8"))
    machine = Machine(story)
    seed = save["rng"]["seed"]
    state, _ = machine.start(seed)
    typed = []
    for line in save["steps"].splitlines():
        _, node, choice = line.split()
        assert state.node == node
        ids = [view.id for view in machine.choices(state)]
        typed.append(str(ids.index(choice) + 1))
        state, _ = machine.choose(state, choice)
    return seed, "\n".join(typed) + "\n"


@pytest.mark.parametrize(
    "example, title",
    [
        ("king.yaml", "Long Live the King"),  # the series' own ending: Juan stays and leads
        ("helena.yaml", "Home to Ojinaga"),  # Helena lives
        ("unmasked.yaml", "Unmasked"),
    ],
)
def test_plain_mode_plays_a_scripted_run_to_its_ending(
    story, tmp_path, monkeypatch, capsys, example, title
):
    seed, typed = scripted_input(story, EXAMPLES / example)
    monkeypatch.setenv("RIOTGAME_DATA", str(tmp_path / "data"))  # a first start: the note
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    argv = ["play", "--plain", "--seed", str(seed), "--saves-dir", str(tmp_path / "saves")]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"Ending: {title}." in out
    assert "Content note:" in out.split("Chapter 1")[0]
    assert "Traceback" not in err


def test_the_series_path_goes_through_the_series_events(story):
    save = yaml.safe_load((EXAMPLES / "king.yaml").read_text(encoding="utf-8"))
    machine = Machine(story)
    state, _ = machine.start(save["rng"]["seed"])
    for line in save["steps"].splitlines():
        state, _ = machine.choose(state, line.split()[2])
    flags = set(story.flags_set(state))
    assert {"disguised", "carajo_dead", "yori_dead", "took_hand"} <= flags
    assert machine.ending(state) == "king"
    visited_set_pieces = Counter(
        tag for nid in state.visits for tag in story.nodes[nid].tags if tag.startswith("set-piece:")
    )
    assert set(visited_set_pieces) == {f"set-piece:{p}" for p in SET_PIECES}
