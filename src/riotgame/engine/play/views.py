"""What the player is shown of a state's choices: views, and a node's menu of them.

A view is an immutable value, so a choice whose texts never change has its two views (off,
on) built once, the first time its node is shown, and handed out again (`menu`). `Menu`
is the list `Machine.choices` answers with: every choice shown, in order, and `enabled`,
the ones a player can take, gathered in the same pass so a caller does not filter again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from riotgame.engine.play.state import GameState
from riotgame.engine.play.tables import Place, Test
from riotgame.engine.story.model import Choice
from riotgame.engine.story.text import Passage

_ANY = GameState("", ())  # what a constant text is rendered in (it reads no state)


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as the player sees it."""

    id: str
    text: Passage  # the button
    enabled: bool
    reason: str  # why it is disabled ("" when enabled)
    chosen: Passage = field(default_factory=list)  # what the record says once taken
    # the choice it shows, so `choose` need not look it up again (not part of its value)
    choice: Choice | None = field(default=None, compare=False, repr=False)


class Menu(list[ChoiceView]):
    """The choices shown in a state, in order, disabled ones included; `enabled` holds
    those a player can take, in the same order (what a picking caller wants)."""

    __slots__ = ("enabled",)

    enabled: list[ChoiceView]


# a node's option (tables.Option) and its views, disabled and enabled, when they never change
MenuEntry = tuple[Choice, Test | None, Test | None, bool, ChoiceView | None, ChoiceView | None]


def view(state: GameState, c: Choice, enabled: bool) -> ChoiceView:
    """A choice as shown in `state`."""
    visit = state.visits.get(state.node, 1)
    button = c.text.render(state, visit)
    chosen = button if c.chosen is None else c.chosen.render(state, visit)
    return ChoiceView(c.id, button, enabled, "" if enabled else c.reason, chosen, c)


def menu(place: Place) -> list[MenuEntry]:
    """The node's options, each with its views (disabled, enabled) when its texts are
    constant (None when they change with the state)."""
    entries: list[MenuEntry] = []
    for c, shown, blocked, once in place.options:
        constant = c.text.constant() and (c.chosen is None or c.chosen.constant())
        off = view(_ANY, c, False) if constant else None
        on = view(_ANY, c, True) if constant else None
        entries.append((c, shown, blocked, once, off, on))
    return entries
