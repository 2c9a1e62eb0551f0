"""Snapshots of the shipped story (Cell 211) at 80x24, in English and in Spanish: the
title, a passage in chapter 1 with its meters and notes, and an ending. The run is the one that always takes the first
open choice, so it is fixed for a given story; an edit of the story changes these
pictures: update with `--snapshot-update`, then look at them (docs/ui.md)."""

from __future__ import annotations

import pytest

from riotgame import paths
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session
from riotgame.l10n import app as words
from riotgame.ui.app import load
from riotgame.ui.launch import make_app

STEPS = {"passage": 12, "ending": None}  # None: to the last passage, then "See how it ends"


def first_open_choices(story, steps: int | None) -> Session:
    session = Session(Machine(story), 1)
    for _ in range(steps if steps is not None else 5000):
        if session.ended:
            break
        session.choose(next(v.id for v in session.machine.choices(session.state) if v.enabled))
    assert steps is not None or session.ended
    return session


@pytest.fixture(scope="module", params=["en", "es"])
def lang(request):
    """English, then the Spanish edition (the app's words and the story's)."""
    words.use(request.param)
    yield request.param
    words.use("en")


@pytest.fixture(scope="module")
def story(lang):
    story, errors = load(paths.story_dir(), lang=lang)
    assert not errors, errors
    return story


@pytest.mark.parametrize("screen", ["title", "passage", "ending"])
def test_the_real_game(screen, story, lang, tmp_path, snap_compare):
    app = make_app(
        story,
        lang=lang,
        seed=1,
        data_dir=tmp_path / "data",
        saves_dir=tmp_path / "saves",
        config_dir=tmp_path / "config",
    )

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("enter")  # the content note
        await pilot.pause()
        if screen == "title":
            return
        app.play(first_open_choices(story, STEPS[screen]), "snapshot")
        await pilot.pause()
        if screen == "ending":
            await pilot.press("1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
