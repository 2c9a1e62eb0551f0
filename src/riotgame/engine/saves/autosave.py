"""The rolling autosave of a run, for every front end, and what the player hears of saving.

One `Autosaver` per run in play (the Textual app and the plain player use the same one):

    autosaver = Autosaver(store, run, report=say)  # say(SaveNotice) tells the player
    autosaver.note                                 # non-empty: said once, the run was taken
    autosaver.save(session)                        # after every choice and undo
    autosaver.close()                              # on the way out: last write, lock released

- Every failed write is reported, each time, with the folder and the reason; the game goes
  on and the next save tries again. The first write that works after a failure is
  reported too ("Saving works again"). `SaveHealth` keeps that state, so a front end can
  share it between its autosaver and its named-slot saves and quicksaves.
- The run is locked for this process (runs.RunLock): a run already open in another window
  becomes a new run here, and `note` says so.
- `background=True` (the Textual app) writes in a daemon thread so the event loop never
  waits for the disk: only the newest request is kept (each is the whole run), `report`
  is called from that thread, and `flush(timeout)` waits for what was asked so far, for at
  most `timeout` seconds, so quitting never hangs on a stuck disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from riotgame.engine.play.session import Session, Step
from riotgame.engine.play.state import GameState
from riotgame.engine.saves.files import reason
from riotgame.engine.saves.notice import SaveNotice
from riotgame.engine.saves.runs import IN_USE_NOTE, RunLock, lock_path, new_run_id
from riotgame.engine.story.model import Story
from riotgame.l10n.marks import N_

if TYPE_CHECKING:
    from riotgame.engine.saves.store import SaveStore


FAILED = {
    "autosave": N_(
        "Autosave failed: cannot write to {folder} ({reason}); the game goes on and tries "
        "again after your next choice."
    ),
    "quicksave": N_(
        "Quicksave failed: cannot write to {folder} ({reason}); the game goes on: try again "
        "once the folder can be written."
    ),
    "slot": N_(
        'Saving "{name}" failed: cannot write to {folder} ({reason}); the game goes on: try '
        "again once the folder can be written."
    ),
}
WORKS_AGAIN = N_("Saving works again: the run is saved in {path}.")


class SaveHealth:
    """Whether writing to one saves folder works, as far as the last write knows.

    `failed` and `succeeded` turn each write's outcome into what the player is told: every
    failure, and the first success after failures. Safe to use from several threads."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.failing = False
        self.last_error: OSError | None = None
        self._lock = threading.Lock()

    def failed(self, kind: str, error: OSError, name: str = "") -> SaveNotice:
        """A save of `kind` (a key of FAILED; `name` for a slot) failed with `error`."""
        with self._lock:
            self.failing, self.last_error = True, error
        values = {"folder": str(self.directory), "reason": reason(error), "name": name}
        return SaveNotice(FAILED[kind], values, True)

    def succeeded(self, path: Path) -> SaveNotice | None:
        """A write to `path` worked: news only when saving had been failing."""
        with self._lock:
            was_failing, self.failing, self.last_error = self.failing, False, None
        if not was_failing:
            return None
        return SaveNotice(WORKS_AGAIN, {"path": str(path)}, False)


Run = tuple[Story, int, tuple[Step, ...], GameState]  # story, seed, steps, state


class Autosaver:
    """The rolling autosave of one run (see the module docstring)."""

    def __init__(
        self,
        store: SaveStore,
        run: str,
        report: Callable[[SaveNotice], object] | None = None,
        *,
        health: SaveHealth | None = None,
        background: bool = False,
    ):
        self.store = store
        self.report = report or (lambda notice: None)
        self.health = health or SaveHealth(store.directory)
        self.run, self.note, self._lock = _claim(store, run)
        self.path: Path | None = None  # the autosave, once written
        self.saved = True  # the newest write worked (True until one fails)
        self._background = background
        self._pending: Run | None = None
        self._busy = False
        self._closing = False
        self._unlock_later = False
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()

    def save(self, session: Session) -> bool:
        """Write the session's run (False: it failed, and that was reported). In the
        background it is queued: True, and the outcome is reported later."""
        return self.save_run(session.story, session.seed, session.steps, session.state)

    def save_run(self, story: Story, seed: int, steps: Sequence[Step], state: GameState) -> bool:
        run = (story, seed, tuple(steps), state)
        if not self._background:
            return self._write(run)
        with self._cond:
            self._pending = run
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name=f"autosave-{self.run}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()
        return True

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write asked for so far is done; False if `timeout` seconds
        passed first (a stuck disk). Never blocks without a background thread."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """The last write (at most `timeout` seconds waited), then the run is unlocked.
        True when everything asked for is on disk."""
        done = self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify_all()
            if not done:
                self._unlock_later = True  # the thread unlocks the run when its write ends
                return False
        self._lock.release()
        return self.saved

    def _work(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closing)
                run, self._pending = self._pending, None
                if run is None:  # closing, nothing left
                    break
                self._busy = True
            try:
                self._write(run)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
        with self._cond:
            unlock = self._unlock_later
        if unlock:
            self._lock.release()

    def _write(self, run: Run) -> bool:
        try:
            self.path = self.store.write_autosave(*run, self.run)
        except OSError as error:
            self.saved = False
            self.report(self.health.failed("autosave", error))
            return False
        self.saved = True
        notice = self.health.succeeded(self.path)
        if notice is not None:
            self.report(notice)
        return True


def _claim(store: SaveStore, run: str) -> tuple[str, str, RunLock]:
    """(run id, note, lock): `run` locked for this process, or a new run when another
    process plays it."""
    lock = RunLock.acquire(lock_path(store.autosave_path(run)))
    if lock is not None:
        return run, "", lock
    while True:  # a new id is free unless another window started in the same second
        fresh = new_run_id()
        lock = RunLock.acquire(lock_path(store.autosave_path(fresh)))
        if lock is not None:
            return fresh, IN_USE_NOTE, lock
