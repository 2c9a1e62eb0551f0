"""The numbered list of choices: keys 1-9, arrows and Enter, or the mouse.

Disabled choices stay in the list, greyed, with their reason. The list only posts the id of
the picked choice; the game screen sends it to the Session.
"""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from riotgame.engine.play.machine import ChoiceView
from riotgame.ui.widgets.passage import passage_content


class ChoiceList(OptionList):
    class Picked(Message):
        def __init__(self, choice_id: str):
            super().__init__()
            self.choice_id = choice_id

    def show(self, views: list[ChoiceView]) -> None:
        self.clear_options()
        for n, view in enumerate(views, 1):
            prompt = Content.assemble(f"{n}. ", passage_content(view.text))
            if not view.enabled:
                prompt = Content.assemble(prompt, ("  (" + view.reason + ")", "italic"))
            self.add_option(Option(prompt, id=view.id, disabled=not view.enabled))
        first = next((i for i, v in enumerate(views) if v.enabled), None)
        self.highlighted = first

    def pick(self, number: int) -> None:
        """Pick the choice numbered `number` (1-based) if it exists and is enabled."""
        if 1 <= number <= self.option_count:
            option = self.get_option_at_index(number - 1)
            if not option.disabled:
                self.post_message(self.Picked(option.id or ""))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(event.option.id or ""))
