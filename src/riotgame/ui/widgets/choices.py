"""The numbered list of choices: keys 1-9, arrows and Enter, or the mouse.

Disabled choices stay in the list, greyed, with their reason. A long choice wraps under
its text, not under its number. The list only posts the id of the picked choice; the game
screen sends it to the Session.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from riotgame.engine.play.machine import ChoiceView
from riotgame.l10n.app import _
from riotgame.ui.widgets.passage import passage_content


def rich_text(content: Content) -> Text:
    """The same text and styles as a Rich Text (for a Rich table cell)."""
    text = Text(content.plain)
    for span in content.spans:
        style = span.style if isinstance(span.style, str) else span.style.rich_style
        text.stylize(style, span.start, span.end)
    return text


class Hanging:
    """`marker` then `content`, wrapped lines indented under the content (a Rich grid);
    `plain` and str() give the text as read."""

    def __init__(self, marker: str, content: Content):
        self.marker, self.content = marker, content

    @property
    def plain(self) -> str:
        return f"{self.marker} {self.content.plain}"

    def __str__(self) -> str:
        return self.plain

    def __rich__(self) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(self.marker, rich_text(self.content))
        return grid


class ChoiceList(OptionList):
    DEFAULT_CSS = """
    ChoiceList > .option-list--option-disabled { color: $text-muted; }
    """

    class Picked(Message):
        def __init__(self, choice_id: str):
            super().__init__()
            self.choice_id = choice_id

    def show(self, views: list[ChoiceView]) -> None:
        self.clear_options()
        for n, view in enumerate(views, 1):
            prompt = passage_content(view.text)
            if not view.enabled:
                prompt = Content.assemble(prompt, ("  (" + view.reason + ")", "italic"))
            option = Option(Hanging(f"{n}.", prompt), id=view.id, disabled=not view.enabled)
            self.add_option(option)
        first = next((i for i, v in enumerate(views) if v.enabled), None)
        self.highlighted = first

    def pick(self, number: int) -> str:
        """Pick the choice numbered `number` (1-based) if it exists and is enabled; else
        the sentence that says why not."""
        if not 1 <= number <= self.option_count:
            if self.option_count == 1:
                return _("There is no choice {number}: the only choice is 1.").format(number=number)
            said = _("There is no choice {number}: the choices are 1 to {count}.")
            return said.format(number=number, count=self.option_count)
        option = self.get_option_at_index(number - 1)
        if option.disabled:
            return _("Choice {number} is closed to you for now.").format(number=number)
        self.post_message(self.Picked(option.id or ""))
        return ""

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(event.option.id or ""))
