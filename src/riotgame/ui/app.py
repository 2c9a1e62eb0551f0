"""The Textual app, built around an injected story (built by `launch.make_app`).

The app holds the run (an engine Session) and the player's records; screens get what they
show in their constructors, render it and post messages back (messages.py). No game rules
here. The save flows are in saving.py, `--watch` reloads in reloading.py, and building and
running the app from the command line in launch.py.

The first frame comes first: `riotgame play` shows the title screen before the engine is
imported and the story loaded, then loads them in a thread (`load_in_background`). So the
engine, the saves and every screen but the title are imported inside the methods that use
them, never at the top of this module.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from riotgame import paths
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.ui.messages import ChoiceMade, LanguageChosen, SaveReported, Undone
from riotgame.ui.screens.title import TitleScreen, tagline
from riotgame.ui.settings import Settings
from riotgame.watch import StoryWatch

if TYPE_CHECKING:
    from riotgame.engine.play.session import Session
    from riotgame.engine.story.model import Story
    from riotgame.engine.story.problems import Problem
    from riotgame.records import Records
    from riotgame.ui.reloading import StoryReloader
    from riotgame.ui.saving import SaveFlows

WATCH_SECONDS = 0.5  # how often --watch looks at the files' modification times
# the actions that need saves on (`check_action` refuses them when they are off)
SAVE_ACTIONS = {"continue_game", "load_game", "replay", "save_game", "quicksave", "quickload"}


class RiotApp(App[None]):
    TITLE = "riotgame"  # until the story, and its title, are loaded
    # Every screen's styles, read once as the app starts (each file's rules name their screen,
    # so none reaches another): a screen with a CSS_PATH of its own would make Textual parse
    # all the CSS again, every widget's defaults too, the first time that screen opens.
    CSS_PATH = ["app.tcss", *sorted(Path(__file__).parent.glob("screens/*.tcss"))]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark,f1", "help", N_("Help"), key_display="?"),
        # Textual's own would say "palette" in English
        Binding("ctrl+p", "command_palette", N_("palette"), show=False, priority=True),
    ]

    def __init__(
        self,
        story: Story | None,
        problems: Sequence[Problem] = (),
        *,
        story_dir: Path | None = None,
        extra: Sequence[str | Path] = (),
        seed: int = 0,
        saves_dir: Path | None = None,
        data_dir: Path | None = None,
        config_dir: Path | None = None,
        watch: StoryWatch | None = None,
        flash_seconds: float | None = None,
        open_first: str | None = None,
        lang: str | None = None,
    ):
        super().__init__()
        self.lang = lang  # asked for (--lang), or chosen on the title screen
        self.story = story
        self.problems = list(problems)
        # No story and no problems: load `story_dir` (+ `extra` files) while the title shows.
        self.story_dir, self.extra = story_dir, list(extra)
        self.loading = story is None and not self.problems and story_dir is not None
        self.seed = seed
        self.data_dir = data_dir if data_dir is not None else paths.user_data_dir()
        self.settings = Settings(config_dir if config_dir is not None else paths.user_config_dir())
        self.records: Records | None = None  # read once the story is ready
        self.story_watch = watch
        self.reloader: StoryReloader | None = None  # made at the first change --watch sees
        self.flash_seconds = flash_seconds  # how long a meter change shows; None: until next
        self.open_first = open_first  # "continue", or a save's name or path (--load)
        self.saves_dir = saves_dir
        self.saves: SaveFlows | None = None  # when saves are on, made once the story is ready
        self.session: Session | None = None
        self.run_id = ""  # the run's autosave file; a new run gets a new one
        if story is not None:
            self.title = story.title

    @property
    def ready_story(self) -> Story:
        """The story, for what only runs once it is loaded."""
        assert self.story is not None, "the story is not loaded yet"
        return self.story

    def get_default_screen(self) -> Screen[None]:
        """The title is the bottom of the stack and the first frame (pushing it on top of
        an empty default screen would cost ~8 ms more)."""
        return TitleScreen(self)

    @property
    def title_menu(self) -> TitleScreen:
        screen = self.screen_stack[0]  # the title, always at the bottom
        assert isinstance(screen, TitleScreen)
        return screen

    def on_mount(self) -> None:
        self.apply_settings()
        if self.story_watch is not None:
            self.set_interval(WATCH_SECONDS, self.poll_story)
        if self.story is not None:
            self.story_ready()
        elif self.loading:  # the title's menu is greyed, "loading...", until then
            # Started at once rather than after the first frame: that frame comes no later
            # (within the noise), and the story is ready 10 to 25 ms sooner.
            self.run_worker(self.load_in_background())
        else:
            self.show_problems()

    def apply_settings(self) -> None:
        """The theme the player chose last time; each change of it is kept."""
        theme = self.settings.get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def remember_theme(self, theme: Theme) -> None:
        self.settings.set("theme", theme.name)

    async def load_in_background(self) -> None:
        """Import the engine and load the story in a thread, off the event loop; then, while
        the player reads the menu, import what a game needs."""
        assert self.story_dir is not None
        story, errors = await asyncio.to_thread(load, self.story_dir, self.extra, self.lang)
        self.loading = False
        if story is None or errors:
            self.problems = errors
            self.show_problems()
            return
        self.story = story
        self.story_ready()
        self.call_after_refresh(self.run_worker, import_game_modules, thread=True)

    def story_ready(self) -> None:
        """The story is loaded: name it on the title, open what --continue/--load asked
        for, offer the content note, then run a menu pick made while it was loading."""
        from riotgame.engine.saves.store import SaveStore
        from riotgame.records import Records
        from riotgame.ui.saving import SaveFlows

        story = self.ready_story
        self.title = story.title
        if self.records is None:
            self.records = Records(self.data_dir)
        if self.saves_dir is not None and self.saves is None:
            self.saves = SaveFlows(self, SaveStore(self.saves_dir), story)
        self.title_menu.show_story(story.title, tagline(story))
        if self.open_first and self.saves is not None:
            self.saves.open_named(self.open_first)
        self.offer_content_note(story, self.records, then=self.run_queued_pick)

    def run_queued_pick(self) -> None:
        if isinstance(self.screen, TitleScreen):  # not when --continue/--load opened a run
            self.call_later(self.screen.run_queued_pick)

    def show_problems(self) -> None:
        """The problems screen, over the title alone: the story could not be loaded."""
        from riotgame.ui.screens.problems import ProblemsScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ProblemsScreen(self.problems, self.story_watch is not None))

    def offer_content_note(self, story: Story, records: Records, then: Callable[[], None]) -> None:
        """The story's content note on its first start; `then` runs once it is accepted
        (at once when there is no note to show)."""
        from riotgame.ui.screens.content_note import ContentNoteScreen

        if not story.content_note or records.note_seen(story.id):
            then()
            return

        def answered(go: bool | None) -> None:
            if go:
                records.mark_note_seen(story.id)
                then()
            else:
                self.exit()

        self.push_screen(ContentNoteScreen(story.content_note), answered)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """One toast at a time, top right (app.tcss), away from the choices: a new one
        replaces the last. It times out, errors after twice as long."""
        self.clear_notifications()
        if timeout is None and severity == "error":
            timeout = 2 * self.NOTIFICATION_TIMEOUT
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- menu actions ------------------------------------------------------------------------
    def menu_disabled(self, option: str) -> str:
        """Why a title-menu option is unavailable ("" when it is available)."""
        if option not in ("continue", "load", "replay"):
            return ""
        return self.saves.unavailable(option) if self.saves else _("saves are off")

    def menu_detail(self, option: str) -> str:
        """What an available option will do: where Continue picks up ("" for the rest)."""
        return self.saves.continue_detail() if option == "continue" and self.saves else ""

    @on(LanguageChosen)
    def language_chosen(self, message: LanguageChosen) -> None:
        """The title switched language: read the story again in it (saves come back with
        it; a run in progress is saved by id and needs nothing)."""
        self.lang, self.loading, self.saves = message.code, True, None
        self.title_menu.fill_menu()
        self.refresh_bindings()  # the footer's key names, in the new language
        self.run_worker(self.load_in_background())

    def action_new_game(self) -> None:
        from riotgame.engine.play.machine import Machine
        from riotgame.engine.play.session import Session
        from riotgame.engine.saves.runs import new_run_id

        self.play(Session(Machine(self.ready_story), self.seed), new_run_id())

    def play(self, session: Session, run: str, note: str = "") -> None:
        """Make `session` the run in play and show it. Its autosaves go under `run`, or
        under a new run when another window plays that one (and the player is told)."""
        if self.saves is not None:
            run = self.saves.start_run(run)
        self.session, self.run_id = session, run
        if self.reloader is not None:
            self.reloader.new_run()
        self.title_screen()
        self.show_game(session, note)

    def show_game(self, session: Session, note: str = "") -> None:
        from riotgame.ui.screens.game import GameScreen

        assert self.records is not None  # read with the story, before any run
        game = GameScreen(session, self.records, self.flash_seconds)
        self.push_screen(game)
        if note:
            game.call_after_refresh(game.show_notice, note)

    @on(ChoiceMade)
    def choice_made(self) -> None:
        """Autosave after each choice; remember an ending reached, and the places of the
        run (for the player's chapter maps)."""
        self.autosave()
        session = self.session
        if session is None or self.records is None:
            return
        ending = session.machine.ending(session.state)
        if ending:
            self.records.discover(session.story.id, ending)
            self.remember_places()

    def remember_places(self) -> None:
        if self.session is not None and self.records is not None:
            self.records.remember_places(self.session.story.id, self.session.state.visits)

    @on(Undone)
    def undone(self) -> None:
        self.autosave()

    # -- saves (the flows are in saving.py) --------------------------------------------------
    def autosave(self) -> None:
        if self.saves is not None and self.session is not None:
            self.saves.autosave(self.session)

    @on(SaveReported)
    def save_reported(self, message: SaveReported) -> None:
        if self.saves is not None:
            self.saves.say(message.notice)

    def wait_for_saves(self, timeout: float | None = None) -> bool:
        """Block until every autosave asked for so far is on disk (False: timed out)."""
        return self.saves is None or self.saves.wait(timeout)

    @property
    def flows(self) -> SaveFlows:
        """The save flows, for the actions `check_action` allows only when saves are on."""
        assert self.saves is not None, "saves are off"
        return self.saves

    def action_continue_game(self) -> None:
        self.flows.continue_run()

    def action_load_game(self) -> None:
        self.flows.choose_load()

    def action_replay(self) -> None:
        self.flows.choose_replay()

    def action_save_game(self) -> None:
        if self.session is not None:
            self.flows.save_slot(self.session, self.run_id)

    def action_quicksave(self) -> None:
        if self.session is not None:
            self.flows.quicksave(self.session, self.run_id)

    def action_quickload(self) -> None:
        self.flows.quickload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save_game", "quicksave") and self.session is None:
            return False
        return self.saves is not None or action not in SAVE_ACTIONS

    def on_unmount(self) -> None:
        if self.saves is not None:
            self.saves.close()  # however the app ends (a quit closed it already)

    async def action_quit(self) -> None:
        """Quit once the run is on disk; when it cannot be saved, ask first (saving.py)."""
        self.remember_places()
        if self.saves is None or await self.saves.finish(self.session):
            self.exit()

    def action_endings(self) -> None:
        from riotgame.ui.screens.gallery import GalleryScreen

        if self.records is not None:
            story = self.ready_story
            self.push_screen(GalleryScreen(story, self.records.endings(story.id)))

    def action_help(self) -> None:
        from riotgame.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_title_screen(self) -> None:
        self.title_screen()

    def title_screen(self) -> None:
        """Back to the title menu at the bottom of the stack."""
        while not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from riotgame.ui.palette import game_commands, translated

        yield from translated(super().get_system_commands(screen))
        if self.story is not None:
            yield from game_commands(self, screen)

    # -- --watch -----------------------------------------------------------------------------
    def poll_story(self) -> None:
        """`--watch`: reload once the files changed (ui/reloading.py), not while loading."""
        if self.story_watch is None or self.loading or not self.story_watch.changed():
            return
        if self.reloader is None:
            from riotgame.ui.reloading import StoryReloader

            self.reloader = StoryReloader(self, self.story_watch)
        self.reloader.reload()


def load(
    story_dir: Path, extra: Sequence[str | Path] = (), lang: str | None = None
) -> tuple[Story | None, list[Problem]]:
    """The story and its errors, by the rule every front end plays by (engine.play.playable),
    in the language to play in (riotgame.l10n.language)."""
    from riotgame.engine.play.playable import load_for_play
    from riotgame.l10n.language import play_language

    return load_for_play(story_dir, extra, play_language(lang, story_dir)[1])


def import_game_modules() -> None:
    """So that the first New game or Continue waits for no import (~15 ms)."""
    import riotgame.engine.play.session
    import riotgame.ui.saving
    import riotgame.ui.screens.game  # noqa: F401
