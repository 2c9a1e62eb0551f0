"""Build the app the way `riotgame play` does (through make_app), on fixture stories, with
a private data directory, a fixed seed, and meter changes that stay until the next choice
(no timers: every screen is deterministic)."""

from __future__ import annotations

import shutil

import pytest

from riotgame.ui.launch import make_app
from tests.support.stories import FIXTURES
from tests.support.ui import fixture_story


@pytest.fixture
def build(tmp_path):
    """build(name="mini", **options) -> a RiotApp on tests/fixtures/NAME."""

    def build(name: str = "mini", **options):
        options.setdefault("seed", 1)
        options.setdefault("data_dir", tmp_path / "data")
        options.setdefault("config_dir", tmp_path / "config")
        options.setdefault("saves_dir", tmp_path / "saves")
        options.setdefault("flash_seconds", None)
        return make_app(fixture_story(name), **options)

    return build


@pytest.fixture
def story_dir(tmp_path):
    """A copy of tests/fixtures/mini to edit while the app watches it."""
    target = tmp_path / "story"
    shutil.copytree(FIXTURES / "mini", target)
    return target
