"""The save, load and replay flows of the app, over one SaveStore.

The store (engine/saves) reads and writes the files; this module asks the player (slot
name, overwrite, which save) and hands what was loaded back to the app with `app.play`.
Autosaves are written off the event loop by the engine's Autosaver (engine/saves/autosave.py);
every failed save, of any kind, is said each time, with the folder and the reason. Imported once the
story is loaded, never for the first frame.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session
from riotgame.engine.saves.autosave import Autosaver, SaveHealth
from riotgame.engine.saves.files import reason
from riotgame.engine.saves.format import SaveError
from riotgame.engine.saves.notice import SaveNotice
from riotgame.engine.saves.replay import replay
from riotgame.engine.saves.restore import Loaded
from riotgame.engine.saves.resume import resume
from riotgame.engine.saves.store import SaveInfo, SaveNameError, SaveStore
from riotgame.engine.story.model import Story
from riotgame.l10n.app import _, said
from riotgame.ui.messages import SaveReported
from riotgame.ui.screens.saves import (
    ConfirmScreen,
    SaveListScreen,
    SlotNameScreen,
    ago,
    overwrite_question,
)

if TYPE_CHECKING:
    from riotgame.ui.app import RiotApp


QUIT_WAIT_SECONDS = 5.0  # quitting waits this long for the last autosave, then asks


class SaveFlows:
    def __init__(self, app: RiotApp, store: SaveStore, story: Story):
        self.app = app
        self.store = store
        self.story = story  # replaced by `reloaded` when --watch reloads the story
        self.health = SaveHealth(store.directory)  # shared by autosaves, slots, quicksaves
        self.autosaver: Autosaver | None = None  # the run in play's

    def reloaded(self, story: Story) -> None:
        self.story = story

    # -- what the title menu says ------------------------------------------------------------
    def unavailable(self, option: str) -> str:
        """Why Continue, Load or Replay cannot be picked ("" when it can)."""
        if option == "continue":
            return "" if self.store.latest(self.story) else _("no run to continue")
        return "" if self.store.files() else _("no saves yet")

    def continue_detail(self) -> str:
        """Where Continue picks up: "chapter 2 · 5 min ago" ("" with no run to continue)."""
        latest = self.store.latest(self.story)
        if latest is None or latest.save is None:
            return ""
        save, when = latest.save, ago(latest.save.time, datetime.now(UTC))
        return _("chapter {number} · {when}").format(number=save.chapter, when=when)

    # -- autosave ----------------------------------------------------------------------------
    def start_run(self, run: str) -> str:
        """A new run in play: its own autosaver (the last run's finishes its write in the
        background). Returns the run id, a new one when another window plays `run`."""
        if self.autosaver is not None and self.autosaver.run == run:
            return run  # a quickload rewinds the run in play: same run, same autosaver
        if self.autosaver is not None:
            self.autosaver.close(timeout=0)
        self.autosaver = Autosaver(
            self.store, run, self.reported, health=self.health, background=True
        )
        if self.autosaver.note:
            self.say(SaveNotice(self.autosaver.note, {}, failed=False))
        return self.autosaver.run

    def autosave(self, session: Session) -> None:
        """The run's rolling autosave, after every choice and undo, written off the event
        loop; each failure (and saving working again) is said when the write ends."""
        if self.autosaver is not None:
            self.autosaver.save(session)

    def reported(self, notice: SaveNotice) -> None:
        """From the autosave thread: posted, never waited for (waiting here while the
        loop waits for the thread is how quitting used to hang)."""
        self.app.post_message(SaveReported(notice))

    def say(self, notice: SaveNotice) -> None:
        self.app.notify(
            said(notice.message, notice.values),
            severity="error" if notice.failed else "information",
            timeout=10 if notice.failed else 6,
            markup=False,
        )

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every autosave asked for so far is on disk (False: timed out)."""
        return self.autosaver is None or self.autosaver.flush(timeout)

    async def finish(self, session: Session | None) -> bool:
        """On quit: the last autosave, waited for in a thread (the loop keeps running).
        True when it is on disk; otherwise the player is asked, and `app.exit` runs once
        they choose to quit unsaved."""
        saver = self.autosaver
        if saver is None:
            return True
        if session is not None:
            saver.save(session)
        if await asyncio.to_thread(saver.flush, QUIT_WAIT_SECONDS) and saver.saved:
            self.close()
            return True
        question = Content(unsaved_question(self.health, saver.saved))
        self.app.push_screen(ConfirmScreen(question), self.quit_unsaved)
        return False

    def quit_unsaved(self, yes: bool | None) -> None:
        if yes:
            self.close()
            self.app.exit()

    def close(self) -> None:
        """The run's autosaver closed, its last write not waited for: on quit, and whenever
        the app ends (its thread would otherwise hold the app, and the run stay locked)."""
        if self.autosaver is not None:
            self.autosaver.close(timeout=0)
            self.autosaver = None

    def write(self, kind: str, save: Callable[[], Path], name: str = "") -> bool:
        """Run a save the player asked for ("slot" `name`, "quicksave") now; a failure is
        said, each time, and so is saving working again. False if it failed."""
        try:
            path = save()
        except OSError as error:
            self.say(self.health.failed(kind, error, name))
            return False
        notice = self.health.succeeded(path)
        if notice is not None:
            self.say(notice)
        return True

    # -- loading -----------------------------------------------------------------------------
    def resume(self, load: Callable[[Machine], Loaded]) -> Loaded | None:
        """Play the run `load(machine)` reads back; a bad save is said, never raised."""
        try:
            loaded = load(Machine(self.story))
        except SaveError as error:
            self.app.notify(unusable(error), severity="error", markup=False, timeout=10)
            return None
        self.app.play(loaded.session, loaded.run, noted(loaded))
        return loaded

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
            self.app.notify(unusable(error), severity="error", markup=False, timeout=10)
            return
        if loaded is None:
            self.app.notify(_("No unfinished run to continue; start a new game."))
            return
        self.app.play(loaded.session, loaded.run, noted(loaded))

    def choose_load(self) -> None:
        listing = SaveListScreen(_("Load"), self.store.listing(self.story))
        self.app.push_screen(listing, self.open_save)

    def quickload(self) -> None:
        if not self.store.quicksave_path().exists():
            self.app.notify(_("No quicksave yet: F5 makes one."), markup=False)
            return
        loaded = self.resume(self.store.quickload)
        if loaded is not None and not loaded.note:
            save = loaded.save
            text = _("Quickloaded: back to chapter {number}, {title}.")
            self.app.notify(
                text.format(number=save.chapter, title=save.chapter_title), markup=False
            )

    def choose_replay(self) -> None:
        from riotgame.ui.screens.replay import ReplayScreen

        def chosen(info: SaveInfo | None) -> None:
            if info is not None and info.save is not None:
                self.app.push_screen(ReplayScreen(replay(info.save, Machine(self.story))))

        self.app.push_screen(SaveListScreen(_("Replay"), self.store.listing(self.story)), chosen)

    # -- saving ------------------------------------------------------------------------------
    def save_slot(self, session: Session, run: str) -> None:
        """Ask for a slot name (and, for a taken one, before replacing it), then save."""

        def save(name: str) -> None:
            if self.write("slot", lambda: self.store.write_slot(session, name, run), name):
                self.app.notify(_("Saved as {name}.").format(name=name), markup=False)

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
                old = next((i for i in self.store.listing(self.story) if i.path == path), None)
            if old is None:
                save(name)
            else:
                question = ConfirmScreen(overwrite_question(old))
                self.app.push_screen(question, lambda yes: save(name) if yes else None)

        slots = [i.label for i in self.store.listing(self.story) if i.ok and i.kind == "slot"]
        self.app.push_screen(SlotNameScreen(slots), named)

    def quicksave(self, session: Session, run: str) -> None:
        if self.write("quicksave", lambda: self.store.quicksave(session, run)):
            self.app.notify(_("Quicksaved."))


def unsaved_question(health: SaveHealth, written: bool) -> str:
    """What quitting asks when the last autosave is not on disk."""
    folder = str(health.directory)
    if written:  # the write is still going after QUIT_WAIT_SECONDS
        problem = _("Saving to {folder} is taking a long time.").format(folder=folder)
    elif health.last_error is not None:
        problem = _("Your run could not be saved in {folder} ({reason}).")
        problem = problem.format(folder=folder, reason=reason(health.last_error))
    else:
        problem = _("Your run could not be saved in {folder}.").format(folder=folder)
    return problem + " " + _("Quit anyway, losing the choices made since the last save?")


def unusable(error: SaveError) -> str:
    """What the player is told of a save that cannot be used, in their language."""
    return said(error.notice.message, error.notice.values)


def noted(loaded: Loaded) -> str:
    """What the player is told on loading (the story changed since the save), or ""."""
    return said(loaded.note.message, loaded.note.values) if loaded.note else ""
