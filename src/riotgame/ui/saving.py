"""The save, load and replay flows of the app, over one SaveStore.

The store (engine/saves) reads and writes the files; this module asks the player (slot
name, overwrite, which save) and hands what was loaded back to the app with `app.play`.
Autosaves are written by one thread, in order, off the event loop. Imported once the
story is loaded, never for the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session
from riotgame.engine.saves.replay import replay
from riotgame.engine.saves.resume import resume
from riotgame.engine.saves.store import Loaded, SaveError, SaveInfo, SaveNameError, SaveStore
from riotgame.engine.story.model import Story
from riotgame.ui.screens.saves import (
    ConfirmScreen,
    SaveListScreen,
    SlotNameScreen,
    overwrite_question,
)

if TYPE_CHECKING:
    from riotgame.ui.app import RiotApp


class SaveFlows:
    def __init__(self, app: RiotApp, store: SaveStore, story: Story):
        self.app = app
        self.store = store
        self.story = story  # replaced by `reloaded` when --watch reloads the story
        self.failed = False  # say it once, then play on unsaved
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self.last_write: Future[object] | None = None

    def reloaded(self, story: Story) -> None:
        self.story = story

    # -- autosave ----------------------------------------------------------------------------
    def autosave(self, session: Session, run: str) -> None:
        """The run's rolling autosave, after every choice, undo and on quit. The arguments
        are immutable snapshots of the run, so the game goes on while the file is written."""
        self.last_write = self.writer.submit(
            self.store.write_autosave,
            session.story,
            session.seed,
            tuple(session.steps),
            session.state,
            run,
        )
        self.last_write.add_done_callback(self.autosave_done)

    def autosave_done(self, future: Future[object]) -> None:
        error = future.exception()
        if isinstance(error, OSError) and self.app.is_running:
            try:
                self.app.call_from_thread(self.saving_failed, error)
            except RuntimeError:  # already done when the callback was added: same thread
                self.saving_failed(error)

    def wait(self) -> None:
        """Block until every autosave asked for so far is on disk."""
        if self.last_write is not None:
            self.last_write.exception()

    def close(self) -> None:
        self.writer.shutdown(wait=True)

    def saving_failed(self, error: OSError) -> None:
        if not self.failed:
            self.app.notify(
                f"Saving failed ({error.strerror or error}); the game goes on.",
                severity="error",
                markup=False,
            )
        self.failed = True

    def write(self, save: Callable[[], object]) -> bool:
        """Run a save the player asked for (slot, quicksave) now; False if it failed."""
        try:
            save()
            return True
        except OSError as error:
            self.saving_failed(error)
            return False

    # -- loading -----------------------------------------------------------------------------
    def resume(self, load: Callable[[Machine], Loaded]) -> None:
        """Play the run `load(machine)` reads back; a bad save is said, never raised."""
        try:
            loaded = load(Machine(self.story))
        except SaveError as error:
            self.app.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self.app.play(loaded.session, loaded.run, loaded.note)

    def open_save(self, info: SaveInfo | None) -> None:
        if info is not None and info.save is not None:
            save = info.save
            self.resume(lambda machine: self.store.open(save, machine))

    def open_named(self, name: str) -> None:
        """`--continue` ("continue") or `--load NAME`, straight into the game."""
        self.continue_run(None if name == "continue" else name)

    def continue_run(self, name: str | None = None) -> None:
        """The newest unfinished run (or the save `name`), by engine.saves.resume."""
        try:
            loaded = resume(self.store, Machine(self.story), name)
        except SaveError as error:
            self.app.notify(str(error), severity="error", markup=False, timeout=10)
            return
        if loaded is None:
            self.app.notify("No unfinished run to continue; start a new game.")
            return
        self.app.play(loaded.session, loaded.run, loaded.note)

    def choose_load(self) -> None:
        self.app.push_screen(SaveListScreen("Load", self.store.list(self.story)), self.open_save)

    def quickload(self) -> None:
        self.resume(self.store.quickload)

    def choose_replay(self) -> None:
        from riotgame.ui.screens.replay import ReplayScreen

        def chosen(info: SaveInfo | None) -> None:
            if info is not None and info.save is not None:
                self.app.push_screen(ReplayScreen(replay(info.save, Machine(self.story))))

        self.app.push_screen(SaveListScreen("Replay", self.store.list(self.story)), chosen)

    # -- saving ------------------------------------------------------------------------------
    def save_slot(self, session: Session, run: str) -> None:
        """Ask for a slot name (and, for a taken one, before replacing it), then save."""

        def save(name: str) -> None:
            if self.write(lambda: self.store.write_slot(session, name, run)):
                self.app.notify(f"Saved as {name}.", markup=False)

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = self.store.slot_path(name)
            except SaveNameError as error:  # a label edited by hand in the file
                self.app.notify(str(error), severity="error", markup=False)
                return
            # Never replace a save unasked: name it (or its problem) and wait for Yes.
            old = None
            if path.is_file():  # list() reads every save: only when the name is taken
                old = next((i for i in self.store.list(self.story) if i.path == path), None)
            if old is None:
                save(name)
            else:
                question = ConfirmScreen(overwrite_question(old))
                self.app.push_screen(question, lambda yes: save(name) if yes else None)

        slots = [i.label for i in self.store.list(self.story) if i.ok and i.kind == "slot"]
        self.app.push_screen(SlotNameScreen(slots), named)

    def quicksave(self, session: Session, run: str) -> None:
        if self.write(lambda: self.store.quicksave(session, run)):
            self.app.notify("Quicksaved.")
