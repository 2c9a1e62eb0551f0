"""Messages the screens post to the app: what happened to the run, never how to react.

The app handles them (`RiotApp.autosave_choice`, ...) to autosave and to remember an
ending. They live here, apart from the screens, because the app must name them when its
module is imported, and the screens (with the engine) are imported only after the first
frame (see `riotgame.ui.app`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from riotgame.engine.saves.notice import SaveNotice


class ChoiceMade(Message):
    """The player took a choice; the run in play has one more step."""


class Undone(Message):
    """The player took back the last choice."""


class SaveReported(Message):
    """News about saving from the autosave thread (a failure, or saving working again)."""

    def __init__(self, notice: SaveNotice):
        super().__init__()
        self.notice = notice


class LanguageChosen(Message):
    """The player picked another language on the title screen (already kept for the next
    start): the story is to be read again in it."""

    def __init__(self, code: str):
        super().__init__()
        self.code = code
