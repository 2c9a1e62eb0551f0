"""The play-testing report formats: one dict feeds JSON, text and HTML alike."""

from __future__ import annotations

import json
import re

from riotgame.commands.playtest_html import page
from riotgame.commands.playtest_report import endings_lines, playtest_lines, random_data
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.players import Player
from riotgame.engine.analysis.playtest import Tally
from tests.support.playtest import FORK, MANIFEST
from tests.support.stories import load, write_story


def reports(tmp_path):
    story = load(write_story(tmp_path / "fork", FORK, MANIFEST))
    out = []
    for player in (None, Player("loyal", prefers=(("trust", 1),), focus=1.0)):
        tally = Tally()
        report = random_play(
            story, 200, seed=1, tally=tally, player=player.picker(story) if player else None
        )
        out.append(random_data(story, report, tally, player.name if player else "random"))
    return story, out


def test_the_json_shape_has_reach_gates_and_saturation(tmp_path):
    _story, (data, _) = reports(tmp_path)
    data = json.loads(json.dumps(data))
    assert set(data["reach"]) == {"nodes", "choices", "texts"}
    assert data["reach"]["nodes"]["start"] == 1.0
    assert all(0 <= v <= 1 for v in data["reach"]["choices"].values())
    gate = next(g for g in data["gates"] if g["expr"] == "trust > 100")
    assert (gate["line"], gate["col"], gate["true_share"], gate["decided"]) == (7, 44, 0.0, True)
    assert set(gate) == {"file", "line", "col", "expr", "evaluated", "true_share", "decided"}
    chapter = next(iter(data["saturation"].values()))
    assert chapter["stats"]["trust"]["median"] == 5


def test_text_lists_personas_side_by_side_and_decided_gates_at_their_place(tmp_path):
    story, both = reports(tmp_path)
    lines = endings_lines(story, both)
    assert "random" in lines[1] and "loyal" in lines[1]
    loyal_row = next(line for line in lines if line.strip().startswith("loyal "))
    assert loyal_row.split()[2] == "100.0%"  # the loyal persona always ends loyal
    text = "\n".join(playtest_lines(story, both[0]))
    assert re.search(r"one\.yaml:7:44: W501 always false .*trust > 100", text)


def test_the_html_page_stands_alone(tmp_path):
    story, both = reports(tmp_path)
    html = page(story, both)
    assert html.startswith("<!doctype html>") and "<title>" in html
    assert html.count('<svg role="img"') >= 3 and "<table>" in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    assert "trust &gt; 100" in html  # story text is escaped, never markup
