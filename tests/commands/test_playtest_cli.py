"""`explore --random` with reach, gates and personas, and `stats SAVES...`, through the
command line, on small stories whose answers are known exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riotgame.cli import main
from riotgame.engine import Machine, load_story
from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import save_of, write_save
from tests.support.playtest import FORK, MANIFEST
from tests.support.stories import write_story

# One road: every run takes every node but the unused ending, and every choice it meets.
LINE = """\
nodes:
  start: {text: One., choices: [{id: on, text: On, goto: mid}]}
  mid:
    text:
      - Two.
      - {if: trust >= 0, text: Always so.}
    choices: [{id: on, text: On, goto: end_loyal}]
  end_loyal: {text: End., ending: loyal}
  end_alone: {text: Never., ending: alone}
"""

PLAYERS = """\
players:
  faithful:
    about: Always stands with him.
    prefers: {trust: 1}
    focus: 1
"""


@pytest.fixture
def cli(capsys):
    def run(*argv: object) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def line(tmp_path):
    return write_story(tmp_path / "line", LINE, MANIFEST)


@pytest.fixture
def fork(tmp_path):
    return write_story(tmp_path / "fork", FORK, MANIFEST, players_yaml=PLAYERS)


def test_reach_of_a_deterministic_story_is_exact(cli, line):
    code, out, _ = cli("explore", "--story", line, "--random", "40", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["reach"]["nodes"] == {"start": 1.0, "mid": 1.0, "end_loyal": 1.0, "end_alone": 0.0}
    assert data["reach"]["choices"] == {"start/on": 1.0, "mid/on": 1.0}
    assert data["rare_nodes"] == ["end_alone"]
    assert data["endings"] == {"loyal": 40, "alone": 0}


def test_an_always_true_gate_is_listed_at_its_exact_place(cli, line):
    _, out, _ = cli("explore", "--story", line, "--random", "160", "--format", "json")
    (gate,) = json.loads(out)["gates"]
    assert gate == {
        "file": str(line / "one.yaml"),
        "line": 6,
        "col": 14,
        "expr": "trust >= 0",
        "evaluated": 10,  # texts are read in every 16th run (TEXT_SAMPLE), once per run here
        "true_share": 1.0,
        "decided": True,
    }
    _, text, _ = cli("explore", "--story", line, "--random", "160")
    assert f"{line / 'one.yaml'}:6:14: W501 always true (100.0% of 10): trust >= 0" in text


def test_saturation_in_json_counts_runs_at_a_bound(cli, fork):
    _, out, _ = cli("explore", "--story", fork, "--random", "100", "--format", "json")
    (chapter,) = json.loads(out)["saturation"].values()  # the story has one chapter
    assert chapter["runs"] == 100
    assert chapter["stats"]["trust"] == {
        "p10": 5, "median": 5, "p90": 5, "at_min": 0.0, "at_max": 0.0
    }  # fmt: skip


def test_a_persona_from_the_story_provably_reaches_its_ending(cli, fork):
    code, out, _ = cli(
        "explore", "--story", fork, "--random", "60", "--player", "faithful", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["player"] == "faithful"
    assert data["endings"] == {"loyal": 60, "alone": 0}
    assert data["reach"]["choices"]["start/him"] == 1.0


def test_all_players_side_by_side(cli, fork):
    code, out, _ = cli("explore", "--story", fork, "--random", "60", "--player", "all")
    assert code == 0
    lines = out.splitlines()
    head = next(i for i, text in enumerate(lines) if text == "Endings:") + 1
    assert lines[head].split() == ["random", "explorer", "faithful"]
    loyal = lines[head + 1].split()
    assert loyal[0] == "loyal" and loyal[3] == "100.0%"  # the faithful column
    _, out, _ = cli(
        "explore", "--story", fork, "--random", "60", "--player", "all", "--format", "json"
    )
    both = json.loads(out)["players"]
    assert list(both) == ["random", "explorer", "faithful"]
    assert both["faithful"]["endings"]["loyal"] == 60
    _, html, _ = cli(
        "explore", "--story", fork, "--random", "60", "--player", "all", "--format", "html"
    )
    reach = html[html.index("<h2>Reach per player</h2>") :]
    # the faithful player never reaches the lonely ending: listed with 0.0% in its column
    row = reach[reach.index("<tr><td>end_alone</td>") :].split("</tr>")[0]
    assert row.endswith("<td>0.0%</td>") and row.count("<td>") == 4


def test_an_unknown_player_is_named_with_the_choices(cli, fork):
    code, _, err = cli("explore", "--story", fork, "--random", "5", "--player", "loyl")
    assert code == 2
    assert 'no player "loyl"; the players are random, explorer, faithful (or all)' in err


def test_a_broken_players_file_is_reported_at_its_place(cli, fork, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("players:\n  p:\n    focus: 2\n", encoding="utf-8")
    code, _, err = cli("explore", "--story", fork, "--random", "5", "--players", bad)
    assert code == 1 and f"{bad}:3:12: E403" in err


def test_html_goes_to_the_output_file(cli, fork, tmp_path):
    page = tmp_path / "report.html"
    code, out, err = cli(
        "explore", "--story", fork, "--random", "50", "--format", "html", "--output", page
    )
    assert code == 0 and out == ""
    assert f"Report written to {page}" in err
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<svg role="img"' in html


def test_html_on_stdout_without_output(cli, fork):
    _, out, _ = cli("explore", "--story", fork, "--random", "20", "--format", "html")
    assert out.startswith("<!doctype html>") and out.rstrip().endswith("</html>")


def test_the_exhaustive_search_has_no_html(cli, fork):
    code, _, err = cli("explore", "--story", fork, "--exhaustive", "--format", "html")
    assert code == 2 and "--format html is for --random runs" in err


# -- riotgame stats ------------------------------------------------------------------------
def saves_of(root: Path, folder: Path) -> Path:
    """Four hand-made saves: three runs (one of them saved twice) and a broken file."""
    story, _ = load_story(root)
    assert story is not None
    folder.mkdir()
    for i, choice in enumerate(["him", "nobody", "him"]):
        session = Session(Machine(story), seed=i)
        session.choose(choice)
        write_save(folder / f"run{i}.yaml", save_of(session, kind="autosave", run=f"r{i}"))
    write_save(folder / "run0-start.yaml", save_of(Session(Machine(story), 0), run="r0"))
    (folder / "junk.yaml").write_text("not: [a save", encoding="utf-8")
    return folder


def test_stats_over_hand_made_saves(cli, fork, tmp_path):
    saves = saves_of(fork, tmp_path / "saves")
    code, out, _ = cli("stats", saves, "--story", fork, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["files"], data["runs"]) == (5, 3)
    assert data["endings"] == {"loyal": 2, "alone": 1}
    assert data["reach"]["choices"]["start/him"] == pytest.approx(2 / 3, abs=1e-4)
    assert len(data["unreadable"]) == 1 and "junk.yaml" in data["unreadable"][0]
    assert data["diverged"] == []


def test_stats_on_an_edited_story_reports_the_divergence(cli, fork, tmp_path):
    saves = saves_of(fork, tmp_path / "saves")
    one = fork / "one.yaml"
    one.write_text(one.read_text(encoding="utf-8").replace("id: nobody", "id: none"))
    code, out, _ = cli("stats", saves, "--story", fork)
    assert code == 0
    assert "3 runs from 5 save files" in out
    assert "Runs that no longer fit the story: 1" in out
    assert f"  {saves / 'run1.yaml'}: diverges at step 1" in out
    assert "Where unfinished runs stopped:\n  start" in out


def test_stats_html_and_missing_files(cli, fork, tmp_path):
    saves = saves_of(fork, tmp_path / "saves")
    code, out, _ = cli("stats", saves / "run0.yaml", "--story", fork, "--format", "html")
    assert code == 0 and "1 real players&#x27; runs from 1 save files" in out
    code, _, err = cli("stats", tmp_path / "nowhere", "--story", fork)
    assert code == 1 and "nowhere: no such file or folder" in err
    code, _, err = cli("stats", saves / "junk.yaml", "--story", fork)
    assert code == 1 and "no readable save of this story among 1 files" in err
