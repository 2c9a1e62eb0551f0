"""saves/examples/: runs through the shipped story, replayed as regression tests.

They are made by scripts/make_example_saves.py; re-run it when a story edit is meant to
change these runs."""

import pytest

from riotgame import paths
from riotgame.engine import Machine, load_story
from riotgame.engine.saves.reading import read_save
from riotgame.engine.saves.replay import replay

EXAMPLES = paths.CHECKOUT_DIR / "saves" / "examples"


@pytest.fixture(scope="module")
def shipped():
    story, _problems = load_story(paths.story_dir())
    assert story is not None, [p.concise() for p in _problems if p.is_error]
    return Machine(story)


@pytest.mark.parametrize("ending", ["king", "unmasked", "helena"])
def test_each_example_replays_to_its_ending(shipped, ending):
    save = read_save(EXAMPLES / f"{ending}.yaml")
    result = replay(save, shipped)
    assert result.ok, result.divergence.line()
    assert shipped.ending(result.state) == ending
    assert result.frames[-1].state == result.state  # the viewer sees the same run


def test_the_unmasking_is_early(shipped):
    save = read_save(EXAMPLES / "unmasked.yaml")
    assert save.chapter <= 2


def test_the_king_example_follows_the_series(shipped):
    flags = set(read_save(EXAMPLES / "king.yaml").snapshot.flags)
    assert {"carajo_dead", "yori_dead", "took_hand", "ramirez_dead"} <= flags
