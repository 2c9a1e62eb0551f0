"""The title screen: the story's name and the main menu."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

# (option id, label, app action). The app's `menu_disabled(id)` says which are unavailable.
MENU = [
    ("new", "New game", "new_game"),
    ("continue", "Continue", "continue_game"),
    ("load", "Load", "load_game"),
    ("replay", "Replay a saved run", "replay"),
    ("endings", "Endings", "endings"),
    ("help", "Help", "help"),
    ("quit", "Quit", "quit"),
]


class TitleScreen(Screen):
    CSS_PATH = "title.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(Content(self.app.story.title), id="story-title")
            with Center():
                yield OptionList(id="menu")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.fill_menu()

    def fill_menu(self) -> None:
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted or 0
        menu.clear_options()
        for option_id, label, _ in MENU:
            why = self.app.menu_disabled(option_id)
            prompt = Content.assemble(label, (f"  ({why})", "italic") if why else "")
            menu.add_option(Option(prompt, id=option_id, disabled=bool(why)))
        menu.highlighted = highlighted
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    async def picked(self, event: OptionList.OptionSelected) -> None:
        action = next(a for i, _, a in MENU if i == event.option.id)
        await self.app.run_action(action)
