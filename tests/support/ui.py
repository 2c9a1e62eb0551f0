"""Driving the app in tests: fixture stories loaded as `riotgame play` loads them, the way
from launch into a game, picking from the title menu, reading a meter, editing a watched file."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Label, OptionList

from riotgame.ui.app import load
from riotgame.ui.screens.content_note import ContentNoteScreen
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.title import TitleScreen
from riotgame.ui.widgets.meters import Meter
from tests.support.stories import FIXTURES


def fixture_story(name: str):
    story, errors = load(FIXTURES / name)
    assert not errors, errors
    return story


async def start_game(app, pilot) -> None:
    """From launch: accept the content note (when the story has one), pick New game."""
    await pilot.pause()
    if app.story.content_note:
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("enter")
    assert isinstance(app.screen, TitleScreen)
    await pilot.press("enter")  # "New game" is highlighted first
    await pilot.pause()
    assert isinstance(app.screen, GameScreen)


async def pick_menu(app, pilot, option_id: str) -> None:
    menu = app.screen.query_one("#menu", OptionList)
    menu.highlighted = menu.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


def meter(app, name: str) -> Meter:
    return next(m for m in app.screen.query(Meter) if m.stat.name == name)


def meter_text(app, name: str) -> tuple[str, str]:
    m = meter(app, name)
    return (
        str(m.query_one(".meter-value", Label).content),
        str(m.query_one(".meter-delta", Label).content),
    )


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` in a watched file, and make the change visible to the watch."""
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    bump_mtime(path)


def bump_mtime(path: Path) -> None:
    """Make the change visible even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
