"""Textual's footer, with each key's description in the player's language, rebuilt only
when the keys it shows change.

Bindings keep their English description (marked with N_ where they are declared), and it
is translated here, each time the footer is drawn: the language can change on the title
screen after every screen class, and its bindings, was defined.

Textual's footer removes and mounts a widget per key whenever the screen's bindings may
have changed (a focus change, every `refresh_bindings`: each choice), and most of those
times the keys are the same as before; styling the new widgets was a quarter of the CPU of
playing (tests/ui/test_play.py and test_saves.py: 51-55 -> 39 s of CPU).
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from riotgame.l10n.app import _


class Footer(TextualFooter):
    shown: tuple[Hashable, ...] = ()  # what the last compose showed (see keys_shown)

    def keys_shown(self) -> tuple[Hashable, ...]:
        """Everything of the screen's bindings that Textual's compose reads, translated."""
        if not self._bindings_ready:
            return ()
        return tuple(
            (key, b.action, _(b.description), b.key_display, b.show, b.group, enabled, tip)
            for key, (_node, b, enabled, tip) in self.screen.active_bindings.items()
        )

    def compose(self) -> ComposeResult:
        self.shown = self.keys_shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            yield widget

    async def recompose(self) -> None:
        if self.is_attached and self.keys_shown() == self.shown:
            return  # the same keys: the footer on screen is already right
        await super().recompose()
