"""The game's entries in the command palette (Ctrl+P), beside Textual's own (theme,
screenshot, quit)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.title import TitleScreen

if TYPE_CHECKING:
    from riotgame.ui.app import RiotApp


# Textual's own commands (App.get_system_commands), so that they are translated too
TEXTUAL_WORDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def translated(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


def game_commands(app: RiotApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """What the player can do from `screen`: start, look up, save, load, leave."""
    yield SystemCommand(_("New game"), _("Start the story from the beginning"), app.action_new_game)
    yield SystemCommand(_("Endings"), _("The endings you have found"), app.action_endings)
    yield SystemCommand(_("Help"), _("Keys and how the meters work"), app.action_help)
    if isinstance(screen, GameScreen):
        if screen.session.steps:
            yield SystemCommand(_("Undo"), _("Take back the last choice"), screen.action_undo)
        if app.saves is not None:
            said = _("Save this run in a named slot")
            yield SystemCommand(_("Save"), said, app.action_save_game)
    if app.saves is not None and app.saves.store.files():
        yield SystemCommand(_("Load"), _("Go on with a saved run"), app.action_load_game)
        yield SystemCommand(_("Replay"), _("Step through a saved run"), app.action_replay)
    if not isinstance(screen, TitleScreen):
        yield SystemCommand(_("Title"), _("Back to the title menu"), app.title_screen)
