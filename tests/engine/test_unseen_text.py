"""`explore --exhaustive` lists the text no player can ever see (branches and variants),
and nothing it lists ever shows in random play."""

from __future__ import annotations

import pytest

from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.analysis.search import exhaustive
from riotgame.engine.story.loader import load_story
from tests.support.stories import FIXTURES

CORPUS = sorted(p for p in (FIXTURES / "constructs").iterdir() if p.is_dir())


def test_the_unseen_alternatives_are_exactly_those_no_run_can_show():
    story, problems = load_story(FIXTURES / "constructs" / "unseen")
    assert story is not None, problems
    report = exhaustive(story)
    places = [
        (story.alternative_locs[k].line, story.alternative_locs[k].col, k)
        for k in report.unseen_texts
    ]
    assert places == [
        (10, 17, "road.first1.return"),  # road is entered once: only its first visit shows
        (11, 31, "road.p1.if1"),  # suspicion never passes 200 (its maximum is 100)
        (15, 15, "road.if1.elif1"),  # the `if` before it always holds
        (16, 15, "road.if1.else"),
        (18, 57, "road.choice.go.reply.if1"),  # a reply's branch, past any value
    ]


@pytest.mark.parametrize("root", CORPUS, ids=lambda p: p.name)
def test_random_play_never_shows_what_the_search_calls_unseen(root):
    story, problems = load_story(root)
    assert story is not None, problems
    unseen = set(exhaustive(story).unseen_texts)
    tally = Tally()
    random_play(story, 640, seed=3, tally=tally)
    assert tally.alternative_runs >= 20
    assert not unseen & set(tally.shown)
    assert set(tally.shown) | unseen <= set(story.alternative_locs)
