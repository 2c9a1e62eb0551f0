"""Play-testing data on small stories whose answers are known: reach, choice splits, decided
gates at their exact place, personas, stat saturation, and real players' saved runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from riotgame.engine import Machine
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.players import Player, read_players, story_players
from riotgame.engine.analysis.playtest import Tally, saturation
from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import save_of, write_save
from riotgame.engine.saves.playtest import collect
from tests.support.playtest import FORK, MANIFEST
from tests.support.stories import load, write_story


@pytest.fixture
def fork(tmp_path):
    return load(write_story(tmp_path / "fork", FORK, MANIFEST))


def test_reach_of_a_straight_story_is_exact(tmp_path):
    line = """\
    nodes:
      start: {text: One., choices: [{id: on, text: On, goto: mid}]}
      mid: {text: Two., choices: [{id: on, text: On, goto: end_loyal}]}
      end_loyal: {text: End., ending: loyal}
      end_alone: {text: Never., ending: alone}
    """
    story = load(write_story(tmp_path / "line", line, MANIFEST))
    tally = Tally()
    random_play(story, 40, seed=3, tally=tally)
    assert tally.node_reach(story) == {"start": 1.0, "mid": 1.0, "end_loyal": 1.0, "end_alone": 0.0}
    assert tally.choice_split(story) == {"start/on": 1.0, "mid/on": 1.0}


def test_reach_and_splits_add_up_and_the_hidden_choice_is_never_taken(fork):
    tally = Tally()
    report = random_play(fork, 400, seed=1, tally=tally)
    reach = tally.node_reach(fork)
    split = tally.choice_split(fork)
    assert reach["start"] == reach["mid"] == 1.0
    assert reach["end_loyal"] + reach["end_alone"] == 1.0
    assert reach["end_loyal"] == report.endings["loyal"] / 400 == split["start/him"]
    assert split["start/ghost"] == 0.0
    assert 0.4 < split["start/him"] < 0.6


def test_a_gate_always_true_is_flagged_at_its_place(fork):
    tally = Tally()
    random_play(fork, 200, seed=1, tally=tally)
    decided = {(g.source, g.line, g.col): g.true_share for g in tally.decided_gates()}
    assert decided[("trust >= 0", 11, 14)] == 1.0  # the text segment's if
    assert decided[("trust > 100", 7, 44)] == 0.0  # the ghost choice's if
    assert ("trust >= 10", 13, 14) not in decided  # the route: about half and half


def test_the_tally_changes_nothing_a_run_does(fork):
    plain = random_play(fork, 300, seed=9)
    counted = random_play(fork, 300, seed=9, tally=Tally())
    assert plain.endings == counted.endings and plain.steps_total == counted.steps_total


def test_a_loyal_persona_always_reaches_the_loyal_ending(fork):
    loyal = Player("loyal", prefers=(("trust", 1),), focus=1.0)
    report = random_play(fork, 50, seed=2, player=loyal.picker(fork))
    assert report.endings == {"loyal": 50}
    reckless = Player("reckless", tags=(("risky", 1),), focus=1.0)
    assert random_play(fork, 50, seed=2, player=reckless.picker(fork)).endings == {"alone": 50}


def test_players_read_from_yaml_with_problems_at_their_place(fork, tmp_path):
    """E402, E403 and E404 at their exact places; E400 and E401 for files that are not one."""
    path = tmp_path / "players.yaml"
    path.write_text(
        "players:\n"
        "  loyal:\n"
        "    prefers: {trust: 2, trsut: 1}\n"
        "    focus: 3\n"
        "  tidy: {about: Hm, colour: red}\n",
        encoding="utf-8",
    )
    players, problems = read_players(path, fork)
    assert {"random", "explorer", "loyal", "tidy"} <= set(players)
    assert players["loyal"].prefers == (("trust", 2),)
    assert [(p.code, p.line, p.col) for p in problems] == [
        ("E403", 4, 12),
        ("E404", 3, 25),
        ("E402", 5, 21),
    ]
    assert "did you mean" in problems[1].message
    path.write_text("players: [loyal]\n", encoding="utf-8")
    assert [(p.code, p.line, p.col) for p in read_players(path, fork)[1]] == [("E401", 1, 10)]
    _, problems = read_players(tmp_path / "missing.yaml", fork)
    assert [(p.code, p.line, p.col) for p in problems] == [("E400", 1, 1)]


def test_the_shipped_story_brings_its_own_players():
    story = load(Path(__file__).resolve().parents[2] / "story")
    players, problems = story_players(story)
    assert problems == []
    assert {"loyal", "informer", "humane", "reckless", "explorer", "random"} <= set(players)


def test_saturation_counts_runs_at_the_bounds(fork):
    report = random_play(fork, 300, seed=4)
    sat = saturation(fork, report.stats_at_chapter)
    at_min, at_max = sat[fork.nodes["start"].chapter.number]["trust"]
    assert (at_min, at_max) == (0.0, 0.0)  # every run enters chapter 1 at the initial 5
    rows = {2: [(0,), (10,), (5,), (10,)]}
    assert saturation(fork, rows) == {2: {"trust": (0.25, 0.5)}}


def test_saved_runs_count_once_each_and_an_edited_story_diverges(fork, tmp_path):
    root = Path(fork.root)
    saves = tmp_path / "saves"
    saves.mkdir()
    for i, choice in enumerate(["him", "nobody", "him"]):
        session = Session(Machine(fork), seed=i)
        session.choose(choice)
        write_save(saves / f"run{i}.yaml", save_of(session, kind="autosave", run=f"r{i}"))
        if i == 0:  # a second save of the same run, shorter: counted once
            write_save(saves / "run0-slot.yaml", save_of(Session(Machine(fork), 0), run="r0"))
    (saves / "junk.yaml").write_text("not: [a save", encoding="utf-8")
    result = collect([saves], Machine(fork))
    assert (result.files, result.runs) == (5, 3)
    assert result.endings == {"loyal": 2, "alone": 1}
    assert len(result.unreadable) == 1 and "junk.yaml" in result.unreadable[0]
    assert result.tally.taken == {"start/him": 2, "start/nobody": 1}

    edited = (root / "one.yaml").read_text(encoding="utf-8").replace("id: nobody", "id: none")
    (root / "one.yaml").write_text(edited, encoding="utf-8")
    result = collect([saves], Machine(load(root)))
    assert result.runs == 3 and [f for f, _ in result.diverged] == [str(saves / "run1.yaml")]
    assert '"nobody"' in result.diverged[0][1]
    assert result.stopped == {"start": 1}  # the diverged run counts up to where it stopped
