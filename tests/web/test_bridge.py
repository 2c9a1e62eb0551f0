"""The bridge the page talks to, run here in CPython: the same calls the browser makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riotgame.engine.saves.reading import parse_save, read_save
from riotgame.engine.saves.replay import replay
from riotgame.engine.story.compiled import dumps_compiled
from riotgame.engine.story.loader import compile_story
from riotgame.web.bridge import WebGame

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "saves" / "examples" / "unmasked.yaml"


@pytest.fixture(scope="module")
def compiled_text():
    compiled, problems = compile_story(REPO / "story")
    assert compiled is not None, problems
    return dumps_compiled(compiled)


def ask(game, method, *args):
    return json.loads(getattr(game, method)(*args))


def test_a_run_played_through_the_bridge_is_a_save_the_terminal_replays(compiled_text):
    example = read_save(EXAMPLE)
    game = WebGame(compiled_text)
    start = ask(game, "new_game", example.seed)
    assert [e["turn"] for e in start["transcript"]] == [0]
    for step in example.steps:
        answer = ask(game, "choose", step.choice)
        assert "error" not in answer, answer
    assert answer["view"]["ending"]["id"] == example.snapshot.ending
    assert answer["entry"]["ending"] is True
    saved = ask(game, "save_text", "slot", "From the page")
    assert saved["ended"] is True
    result = replay(parse_save(saved["text"]), game.machine)
    assert result.ok and result.steps_done == len(example.steps)


def test_undo_and_a_loaded_save_give_back_the_same_views(compiled_text):
    example = read_save(EXAMPLE)
    game = WebGame(compiled_text)
    ask(game, "new_game", example.seed)
    views = [ask(game, "choose", step.choice)["view"] for step in example.steps[:5]]
    saved = ask(game, "save_text", "autosave", "Autosave")["text"]
    undone = ask(game, "undo")
    assert undone["view"]["choices"] == views[3]["choices"]
    assert undone["taken_back"]
    other = WebGame(compiled_text)
    opened = ask(other, "load_text", saved, "autosave.yaml")
    assert opened["view"]["choices"] == views[4]["choices"]
    assert [e["turn"] for e in opened["transcript"]] == list(range(6))


def test_mistakes_come_back_as_one_line_not_a_traceback(compiled_text):
    game = WebGame(compiled_text)
    ask(game, "new_game", 1)
    assert "no choice" in ask(game, "choose", "no_such_choice")["error"]
    assert "Nothing to undo" in ask(game, "undo")["error"]
    damaged = ask(game, "load_text", "just: [yaml]\n", "x.yaml")["error"]
    assert damaged.startswith("This save is damaged at line 1 ") and " x.yaml:1:" in damaged
    other_story = EXAMPLE.read_text().replace("id: cell211", "id: another")
    other = ask(game, "load_text", other_story, "other.yaml")["error"]
    assert other.startswith("This save belongs to another story") and " E304 " in other
    assert "\n" not in damaged + other
    assert "/" in ask(game, "slot_key", "../up")["error"]
    assert ask(game, "slot_key", "Before the yard") == {"key": "before-the-yard"}
