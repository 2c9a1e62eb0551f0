"""What the saves tell a player, as data: front ends translate and show it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SaveNotice:
    """Something to tell the player about saving: an English `message` with named fields,
    marked for translation (front ends show `_(message).format(**values)`), and its values."""

    message: str
    values: dict[str, str]
    failed: bool  # True: a save failed; False: good news (saving works again)

    @property
    def text(self) -> str:
        """The notice in English."""
        return self.message.format(**self.values)
