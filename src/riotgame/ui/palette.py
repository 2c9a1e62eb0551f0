"""The game's entries in the command palette (Ctrl+P), beside Textual's own (theme,
screenshot, quit)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.title import TitleScreen

if TYPE_CHECKING:
    from riotgame.ui.app import RiotApp


def game_commands(app: RiotApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """What the player can do from `screen`: start, look up, save, load, leave."""
    yield SystemCommand("New game", "Start the story from the beginning", app.action_new_game)
    yield SystemCommand("Endings", "The endings you have found", app.action_endings)
    yield SystemCommand("Help", "Keys and how the meters work", app.action_help)
    if isinstance(screen, GameScreen):
        if screen.session.steps:
            yield SystemCommand("Undo", "Take back the last choice", screen.action_undo)
        if app.saves is not None:
            yield SystemCommand("Save", "Save this run in a named slot", app.action_save_game)
    if app.saves is not None and app.saves.store.files():
        yield SystemCommand("Load", "Go on with a saved run", app.action_load_game)
        yield SystemCommand("Replay", "Step through a saved run", app.action_replay)
    if not isinstance(screen, TitleScreen):
        yield SystemCommand("Title", "Back to the title menu", app.title_screen)
