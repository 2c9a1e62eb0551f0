"""The Textual app, built around an injected story (see `make_app`).

`make_app` is the one way to build the app: `run_app` (the `riotgame play` command) and the
tests both go through it. The app holds the run (an engine Session) and the player's
records; screens render them and send choice ids back. No game rules here.

The first frame comes first: `riotgame play` shows the title screen before the engine is
imported and the story loaded, then loads them in a thread (`load_in_background`). So the
engine, the saves and every screen but the title are imported inside the methods that use
them, never at the top of this module.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from riotgame import paths
from riotgame.ui.screens.title import TitleScreen
from riotgame.watch import StoryWatch

if TYPE_CHECKING:
    from riotgame.engine.play.machine import Machine
    from riotgame.engine.play.session import Session
    from riotgame.engine.saves.store import Loaded, SaveInfo
    from riotgame.engine.story.model import Story
    from riotgame.records import Records

WATCH_SECONDS = 0.5  # how often --watch looks at the files' modification times


class RiotApp(App):
    TITLE = "riotgame"  # until the story, and its title, are loaded
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        story: Story | None,
        problems=(),
        *,
        story_dir: Path | None = None,
        extra=(),
        seed: int = 0,
        saves_dir: Path | None = None,
        data_dir: Path | None = None,
        watch: StoryWatch | None = None,
        flash_seconds: float | None = 2.0,
        open_first: str | None = None,
    ):
        super().__init__()
        self.story = story
        self.problems = list(problems)
        # No story and no problems: load `story_dir` (+ `extra` files) while the title shows.
        self.story_dir, self.extra = story_dir, list(extra)
        self.loading = story is None and not self.problems and story_dir is not None
        self.seed = seed
        self.data_dir = data_dir if data_dir is not None else paths.user_data_dir()
        self.records: Records | None = None  # read once the story is ready
        self.watch = watch
        self.flash_seconds = flash_seconds  # how long a meter change shows; None: until next
        self.open_first = open_first  # "continue", or a save's name or path (--load)
        self.saves_dir = saves_dir
        self.store = None  # the SaveStore (when saves are on), made once the story is ready
        self.session: Session | None = None
        self.run_id = ""  # the run's autosave file; a new run gets a new one
        self.save_failed = False  # say it once, then play on unsaved
        # Autosaves are written (with fsync) by one thread, in order, off the event loop.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self.last_write: Future | None = None
        if story is not None:
            self.title = story.title

    def get_default_screen(self) -> Screen:
        """The title is the bottom of the stack and the first frame (pushing it on top of
        an empty default screen would cost ~8 ms more)."""
        return TitleScreen()

    def on_mount(self) -> None:
        if self.watch is not None:
            self.set_interval(WATCH_SECONDS, self.poll_story)
        if self.story is not None:
            self.story_ready()
        elif self.loading:  # the title's menu is greyed, "loading...", until then
            # Started at once rather than after the first frame: that frame comes no later
            # (within the noise), and the story is ready 10 to 25 ms sooner.
            self.run_worker(self.load_in_background())
        else:
            self.show_problems()

    async def load_in_background(self) -> None:
        """Import the engine and load the story in a thread, off the event loop; then, while
        the player reads the menu, import what a game needs."""
        story, errors = await asyncio.to_thread(load, self.story_dir, self.extra)
        self.loading = False
        if errors:
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

        self.title = self.story.title
        if self.records is None:
            self.records = Records(self.data_dir)
        if self.saves_dir is not None:
            self.store = SaveStore(self.saves_dir)
        self.screen_stack[0].show_story()  # the title, always at the bottom
        if self.open_first and self.store is not None:
            self.open_named(self.open_first)
        self.offer_content_note(then=self.run_queued_pick)

    def run_queued_pick(self) -> None:
        if isinstance(self.screen, TitleScreen):  # not when --continue/--load opened a run
            self.call_later(self.screen.run_queued_pick)

    def show_problems(self) -> None:
        """The problems screen, over the title alone: the story could not be loaded."""
        from riotgame.ui.screens.problems import ProblemsScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ProblemsScreen(self.problems, self.watch is not None))

    def open_named(self, name: str) -> None:
        """`--continue` ("continue") or `--load NAME`, straight into the game."""
        if name != "continue":
            self.resume(lambda machine: self.store.load(name, machine))
        elif self.store.latest(self.story) is None:
            self.notify("No unfinished run to continue; start a new game.")
        else:
            self.action_continue_game()

    def offer_content_note(self, then: Callable[[], None]) -> None:
        """The story's content note on its first start; `then` runs once it is accepted
        (at once when there is no note to show)."""
        from riotgame.ui.screens.content_note import ContentNoteScreen

        story = self.story
        if not story.content_note or self.records.note_seen(story.id):
            then()
            return

        def answered(go: bool | None) -> None:
            if go:
                self.records.mark_note_seen(story.id)
                then()
            else:
                self.exit()

        self.push_screen(ContentNoteScreen(story.content_note), answered)

    # -- menu actions ------------------------------------------------------------------------
    def menu_disabled(self, option: str) -> str:
        """Why a title-menu option is unavailable ("" when it is available)."""
        if option not in ("continue", "load", "replay"):
            return ""
        if self.store is None:
            return "saves are off"
        if option == "continue":
            return "" if self.store.latest(self.story) else "no run to continue"
        return "" if self.store.files() else "no saves yet"

    def action_new_game(self) -> None:
        from riotgame.engine.play.machine import Machine
        from riotgame.engine.play.session import Session
        from riotgame.engine.saves.store import new_run_id

        self.play(Session(Machine(self.story), self.seed), new_run_id())

    def play(self, session: Session, run: str, note: str = "") -> None:
        """Make `session` the run in play and show it."""
        from riotgame.ui.screens.game import GameScreen

        self.session, self.run_id = session, run
        self.title_screen()
        game = GameScreen()
        self.push_screen(game)
        if note:
            game.call_after_refresh(game.show_notice, note)

    # -- saves -------------------------------------------------------------------------------
    def autosave(self) -> None:
        """The run's rolling autosave, after every choice, undo and on quit. The arguments
        are immutable snapshots of the run, so the game goes on while the file is written."""
        if self.store is None or self.session is None:
            return
        s = self.session
        self.last_write = self.writer.submit(
            self.store.write_autosave, s.story, s.seed, tuple(s.steps), s.state, self.run_id
        )
        self.last_write.add_done_callback(self.autosave_done)

    def autosave_done(self, future: Future) -> None:
        error = future.exception()
        if isinstance(error, OSError) and self.is_running:
            try:
                self.call_from_thread(self.saving_failed, error)
            except RuntimeError:  # already done when the callback was added: same thread
                self.saving_failed(error)

    def wait_for_saves(self) -> None:
        """Block until every autosave asked for so far is on disk."""
        if self.last_write is not None:
            self.last_write.exception()

    def write(self, save) -> bool:
        """Run a save the player asked for (slot, quicksave) now; False if it failed."""
        try:
            save()
            return True
        except OSError as error:
            self.saving_failed(error)
            return False

    def saving_failed(self, error: OSError) -> None:
        if not self.save_failed:
            self.notify(
                f"Saving failed ({error.strerror or error}); the game goes on.",
                severity="error",
                markup=False,
            )
        self.save_failed = True

    def resume(self, load: Callable[[Machine], Loaded]) -> None:
        """Play the run `load(machine)` reads back; a bad save is said, never raised."""
        from riotgame.engine.play.machine import Machine
        from riotgame.engine.saves.store import SaveError

        try:
            loaded = load(Machine(self.story))
        except SaveError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self.play(loaded.session, loaded.run, loaded.note)

    def open_save(self, info: SaveInfo | None) -> None:
        if info is not None:
            self.resume(lambda machine: self.store.open(info.save, machine))

    def action_continue_game(self) -> None:
        self.open_save(self.store.latest(self.story))

    def action_load_game(self) -> None:
        from riotgame.ui.screens.saves import SaveListScreen

        self.push_screen(SaveListScreen("Load", self.store.list(self.story)), self.open_save)

    def action_replay(self) -> None:
        from riotgame.engine.play.machine import Machine
        from riotgame.engine.saves.replay import replay
        from riotgame.ui.screens.replay import ReplayScreen
        from riotgame.ui.screens.saves import SaveListScreen

        def chosen(info: SaveInfo | None) -> None:
            if info is not None:
                self.push_screen(ReplayScreen(replay(info.save, Machine(self.story))))

        self.push_screen(SaveListScreen("Replay", self.store.list(self.story)), chosen)

    def action_save_game(self) -> None:
        from riotgame.engine.saves.store import SaveNameError
        from riotgame.ui.screens.saves import ConfirmScreen, SlotNameScreen, overwrite_question

        def save(name: str) -> None:
            if self.write(lambda: self.store.write_slot(self.session, name, self.run_id)):
                self.notify(f"Saved as {name}.", markup=False)

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = self.store.slot_path(name)
            except SaveNameError as error:  # a label edited by hand in the file
                self.notify(str(error), severity="error", markup=False)
                return
            # Never replace a save unasked: name it (or its problem) and wait for Yes.
            old = None
            if path.is_file():  # list() reads every save: only when the name is taken
                old = next((i for i in self.store.list(self.story) if i.path == path), None)
            if old is None:
                save(name)
            else:
                self.push_screen(
                    ConfirmScreen(overwrite_question(old)), lambda yes: save(name) if yes else None
                )

        slots = [i.label for i in self.store.list(self.story) if i.ok and i.kind == "slot"]
        self.push_screen(SlotNameScreen(slots), named)

    def action_quicksave(self) -> None:
        if self.write(lambda: self.store.quicksave(self.session, self.run_id)):
            self.notify("Quicksaved.")

    def action_quickload(self) -> None:
        self.resume(self.store.quickload)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("save_game", "quicksave") and (self.store is None or self.session is None):
            return False
        return not (action == "quickload" and self.store is None)

    async def action_quit(self) -> None:
        self.autosave()
        self.writer.shutdown(wait=True)
        self.exit()

    def action_endings(self) -> None:
        from riotgame.ui.screens.gallery import GalleryScreen

        self.push_screen(GalleryScreen())

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

    def after_choice(self) -> None:
        """Called by the game screen after each choice: autosave; remember an ending."""
        self.autosave()
        ending = self.session.machine.ending(self.session.state)
        if ending:
            self.records.discover(self.story.id, ending)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.story is None:
            return
        from riotgame.ui.screens.game import GameScreen

        yield SystemCommand("New game", "Start the story from the beginning", self.action_new_game)
        yield SystemCommand("Endings", "The endings you have found", self.action_endings)
        yield SystemCommand("Help", "Keys and how the meters work", self.action_help)
        if isinstance(screen, GameScreen):
            if self.session.steps:
                yield SystemCommand("Undo", "Take back the last choice", screen.action_undo)
            if self.store is not None:
                yield SystemCommand("Save", "Save this run in a named slot", self.action_save_game)
        if self.store is not None and self.store.files():
            yield SystemCommand("Load", "Go on with a saved run", self.action_load_game)
            yield SystemCommand("Replay", "Step through a saved run", self.action_replay)
        if not isinstance(screen, TitleScreen):
            yield SystemCommand("Title", "Back to the title menu", self.title_screen)

    # -- --watch -----------------------------------------------------------------------------
    def poll_story(self) -> None:
        if not self.loading and self.watch.changed():  # an edit while loading waits its turn
            self.reload_story()

    def reload_story(self) -> None:
        from riotgame.engine.play.reload import carry_over

        story, errors = load(self.watch.root, self.watch.extra)
        if errors:
            self.problems = errors
            self.say_problems(errors)
            return
        first_load = self.story is None
        self.story, self.problems = story, []
        self.title = story.title
        if first_load:
            self.pop_screen()  # the problems: the title is under them
            self.story_ready()
            return
        note = "Story reloaded."
        if self.session is not None:
            carried = carry_over(self.session, story)
            self.session = carried.session
            note = carried.note or "Story reloaded: your run replays as before."
        self.notify(note, timeout=8, markup=False)
        self.rebuild_screens(note)

    def rebuild_screens(self, note: str) -> None:
        """Screens built from the old story are replaced by ones built from the new."""
        from riotgame.ui.screens.game import GameScreen

        in_game = any(isinstance(s, GameScreen) for s in self.screen_stack)
        self.title_screen()
        self.screen.show_story()
        if in_game:
            game = GameScreen()
            self.push_screen(game)
            game.call_after_refresh(game.show_notice, note)

    def say_problems(self, errors) -> None:
        from riotgame.ui.screens.game import GameScreen
        from riotgame.ui.screens.problems import ProblemsScreen, problems_content

        screen = self.screen
        if isinstance(screen, GameScreen):
            screen.show_notice(problems_content(errors))
        elif isinstance(screen, ProblemsScreen):
            self.pop_screen()
            self.push_screen(ProblemsScreen(errors, True))
        self.notify(
            f"The edited story has {len(errors)} errors; still playing the last good version.",
            severity="error",
            timeout=8,
        )


def make_app(story: Story | None = None, problems=(), **options) -> RiotApp:
    """The app for a loaded story, or its load problems when `story` is None, or (no story,
    no problems, `story_dir=`) the story loaded in the background after the first frame."""
    return RiotApp(story, problems, **options)


def load(story_dir: Path, extra=()) -> tuple[Story | None, list]:
    """The story and its errors. Warnings and the graph checks of `riotgame check` do not
    stop a game (a routing loop is caught when it happens), so start-up skips them."""
    from riotgame.engine.story.loader import load_story

    story, problems = load_story(story_dir, extra)
    return story, [p for p in problems if p.is_error]


def import_game_modules() -> None:
    """So that the first New game or Continue waits for no import (~15 ms)."""
    import riotgame.engine.play.session
    import riotgame.ui.screens.game  # noqa: F401


def run_app(args, seed: int) -> int:
    """`riotgame play` in the terminal. Exit code 1 when the story could not be loaded."""
    story_dir = paths.story_dir(args.story)
    watch = StoryWatch(story_dir, args.extra) if args.watch else None
    open_first = "continue" if getattr(args, "resume", False) else getattr(args, "load", None)
    app = make_app(
        story_dir=story_dir,
        extra=args.extra,
        seed=seed,
        saves_dir=paths.saves_dir(args.saves_dir),
        watch=watch,
        open_first=open_first,
    )
    app.run()
    return 1 if app.story is None and app.problems else 0
