import shutil

import pytest

from riotgame.engine import Machine
from riotgame.engine.play.session import Session
from riotgame.engine.saves.store import SaveStore
from tests.support.saves import RUN, STORY, load


@pytest.fixture
def machine():
    return Machine(load(STORY))


@pytest.fixture
def session(machine):
    s = Session(machine, seed=7)
    for choice in RUN:
        s.choose(choice)
    return s


@pytest.fixture
def store(tmp_path):
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def story_copy(tmp_path):
    """A copy of the test story to edit; returns its directory."""
    target = tmp_path / "story"
    shutil.copytree(STORY, target)
    return target
