"""The shipped story, loaded and checked once for every test here that reads it (a Story is
immutable, and a Machine holds nothing of a run)."""

from __future__ import annotations

import pytest

from riotgame.engine import Machine
from riotgame.engine.analysis.check import check_story
from tests.support.scripted import STORY


@pytest.fixture(scope="session")
def checked():
    """check_story(STORY): (story, problems, summary)."""
    return check_story(STORY)


@pytest.fixture(scope="session")
def story(checked):
    story, problems, _ = checked
    assert story is not None, [p.concise() for p in problems]
    return story


@pytest.fixture(scope="session")
def machine(story):
    return Machine(story)
