"""Marks on the app's words where they are written, for the engine and front ends alike:
N_() on a string to translate where it is shown, and Said for a sentence with its values.
No imports: the lowest layers of the engine use it (riotgame.l10n.app translates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


def N_(message: str) -> str:  # gettext's name for it
    """Marks a string for translation where it is defined; `_()` translates it where shown."""
    return message


class Said(NamedTuple):
    """What the engine has to tell a player, as data: an English template marked with N_()
    and its values, each a plain value or a Said of its own (a reason inside a sentence)."""

    message: str
    values: Mapping[str, object]

    @property
    def english(self) -> str:
        return self.message.format(**{k: _english(v) for k, v in self.values.items()})


def _english(value: object) -> object:
    return value.english if isinstance(value, Said) else value
