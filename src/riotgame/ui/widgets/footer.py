"""Textual's footer, with each key's description in the player's language.

Bindings keep their English description (marked with N_ where they are declared), and it
is translated here, each time the footer is drawn: the language can change on the title
screen after every screen class, and its bindings, was defined.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from riotgame.l10n.app import _


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            yield widget
