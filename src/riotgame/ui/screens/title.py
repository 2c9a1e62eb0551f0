"""The title screen: the story's name and the main menu.

It is the first frame, drawn while the story still loads (see `RiotApp.load_in_background`):
then the options that need the story are greyed, "loading...", but can still be picked;
the pick waits (`queued`) and runs once the story is ready.
"""

from __future__ import annotations

from collections.abc import Sized
from pathlib import Path
from typing import Protocol

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from riotgame.l10n import app as words
from riotgame.l10n import language
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.ui.messages import LanguageChosen
from riotgame.ui.widgets.footer import Footer

# (option id, label, app action, needs the story). The menu's `disabled(id)` says which are
# unavailable once the story is loaded.
MENU = [
    ("new", N_("New game"), "new_game", True),
    ("continue", N_("Continue"), "continue_game", True),
    ("load", N_("Load"), "load_game", True),
    ("replay", N_("Replay a saved run"), "replay", True),
    ("endings", N_("Endings"), "endings", True),
    ("language", N_("Language"), "screen.language", False),
    ("help", N_("Help"), "help", False),
    ("quit", N_("Quit"), "quit", False),
]
WAITING = "dim"  # greyed, but unlike a disabled option it can still be picked


def menu_entry(option_id: str) -> tuple[str, str, str, bool]:
    return next(entry for entry in MENU if entry[0] == option_id)


class Told(Protocol):
    """What the title tells of a story (a Story, without importing the engine here)."""

    @property
    def chapters(self) -> Sized: ...

    @property
    def endings(self) -> Sized: ...


def tagline(story: Told) -> str:
    """What the title screen says under the story's name: "6 chapters · 9 endings"."""
    chapters, endings = len(story.chapters), len(story.endings)
    said = _("{count} chapter") if chapters == 1 else _("{count} chapters")
    also = _("{count} ending") if endings == 1 else _("{count} endings")
    return said.format(count=chapters) + " · " + also.format(count=endings)


class MenuState(Protocol):
    """What the title menu asks of the app: whether the story is still loading, and why an
    option is unavailable ("" when it is available)."""

    @property
    def loading(self) -> bool: ...

    @property
    def story_dir(self) -> Path | None: ...  # where the story's catalogues are

    def menu_disabled(self, option: str) -> str: ...

    def menu_detail(self, option: str) -> str: ...


class TitleScreen(Screen[None]):
    def __init__(self, menu: MenuState):
        super().__init__()
        self.menu = menu
        self.story_title = ""  # set by show_story once the story is loaded
        self.tagline = ""  # "6 chapters · 9 endings", with the story
        self.queued = ""  # the option picked while the story was loading

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(Content(self.story_title), id="story-title")
            yield Static(Content(self.tagline), id="tagline")
            with Center():
                yield OptionList(*self.menu_options(), id="menu")
        if self.story_title:
            yield Footer()

    def show_story(self, title: str, tagline: str = "") -> None:
        """The story has loaded (or reloaded): its name, and the menu as it really is."""
        self.story_title, self.tagline = title, tagline
        if self.is_mounted:  # else it composes with the story, or on_mount shows it
            self.draw_story()

    def on_mount(self) -> None:
        if self.story_title:  # a small story can load while the screen is composed
            self.draw_story()

    def draw_story(self) -> None:
        self.query_one("#story-title", Static).update(Content(self.story_title))
        self.query_one("#tagline", Static).update(Content(self.tagline))
        self.fill_menu(first=True)
        # The key bar comes with the story, not in the first frame: it costs ~13 ms (a
        # widget per key, and their styles) that the first frame and the loading need more.
        if not self.query(Footer):
            self.mount(Footer())
            self.call_after_refresh(self.refresh_bindings)

    def on_screen_resume(self) -> None:
        self.fill_menu(first=True)

    def fill_menu(self, first: bool = False) -> None:
        """The menu as it stands. `first`: the highlight on Continue when there is a run to
        go on with, else on New game (or left where it was)."""
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted or 0
        menu.set_options(self.menu_options())
        if first and not self.menu.loading:
            can_continue = not self.menu.menu_disabled("continue")
            highlighted = menu.get_option_index("continue" if can_continue else "new")
        menu.highlighted = highlighted
        menu.focus()

    def menu_options(self) -> list[Option]:
        options = []
        for option_id, source, _action, needs_story in MENU:
            label = _(source)
            if option_id == "language":
                label = f"{label}: {language.name(words.current())}"
            if needs_story and self.menu.loading:
                note = _("as soon as loaded") if option_id == self.queued else _("loading...")
                prompt = Content.assemble((label, WAITING), (f"  ({note})", f"italic {WAITING}"))
                options.append(Option(prompt, id=option_id))
                continue
            why = self.menu.menu_disabled(option_id)
            detail = "" if why else self.menu.menu_detail(option_id)
            note = f"  ({why or detail})" if why or detail else ""
            prompt = Content.assemble(label, (note, "italic"))
            options.append(Option(prompt, id=option_id, disabled=bool(why)))
        return options

    @on(OptionList.OptionSelected, "#menu")
    async def picked(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        _id, _label, action, needs_story = menu_entry(option_id)
        if needs_story and self.menu.loading:
            self.queued = option_id  # the last pick wins
            self.fill_menu()
            return
        await self.app.run_action(action)

    async def run_queued_pick(self) -> None:
        """The story is ready: do what was picked while it loaded, or say why it cannot."""
        option_id, self.queued = self.queued, ""
        if not option_id:
            return
        _id, label, action, _story = menu_entry(option_id)
        why = self.menu.menu_disabled(option_id)
        if why:
            self.notify(f"{_(label)}: {why}.", markup=False)
        else:
            await self.app.run_action(action)

    def action_language(self) -> None:
        """The next language the story has a catalogue for, kept for the next start; the
        story is read again in it (a run in progress is not: it is saved by id)."""
        root = self.menu.story_dir
        codes = language.available(root) if root is not None else [language.SOURCE]
        if len(codes) < 2:
            self.notify(_("This story has no translations."), markup=False)
            return
        now = words.current()
        chosen = codes[(codes.index(now) + 1) % len(codes)] if now in codes else codes[0]
        failed = language.remember(chosen)
        if failed:
            self.notify(_("The language could not be kept: {why}").format(why=failed))
        words.use(chosen)
        self.post_message(LanguageChosen(chosen))
