"""The saves in one folder: `SaveStore(directory)` is what the game and the UI use: list
the saves (bad ones with their one-line problem), write a named slot, the quicksave or a
run's rolling autosave, and load any of them back into a Session (restore.py).

The file format is in format.py (writing) and reading.py (reading); docs/saves.md says it
all for players and authors.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session, Step
from riotgame.engine.play.state import GameState
from riotgame.engine.saves.files import TEMP_NAME
from riotgame.engine.saves.format import (
    UNREADABLE,
    Save,
    SaveError,
    check_story,
    make_save,
    save_of,
    write_save,
)
from riotgame.engine.saves.notice import SaveNotice
from riotgame.engine.saves.reading import read_save
from riotgame.engine.saves.restore import Loaded, restore, verify
from riotgame.engine.saves.runs import is_locked, lock_path
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.l10n.marks import N_

SUFFIX = ".yaml"
QUICKSAVE = "quicksave"
AUTOSAVE_PREFIX = "autosave-"
AUTOSAVES_KEPT = 20  # writing an autosave removes older ones beyond the newest this many
STALE_TEMP_SECONDS = 3600  # a temporary file this old is left by a crash, not a write

# Names Windows will not create as files, plus the names our own saves use.
_DEVICE_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


NAMED = N_('No save called "{name}" in {folder}. Saves there: {names}.')
NONE_THERE = N_('No save called "{name}" in {folder}. There are no saves there yet.')


class NoSuchSave(SaveError):
    """No save by the name the player gave; str() is a sentence naming the saves there are."""

    def __init__(self, name: str, directory: Path, names: list[str]):
        super().__init__(Problem(str(directory / name), 0, 0, UNREADABLE, "no such save"))
        listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        values = {"name": name, "folder": str(directory), "names": listed}
        self._notice = SaveNotice(NAMED if names else NONE_THERE, values, failed=True)
        self.args = (self._notice.text,)

    @property
    def notice(self) -> SaveNotice:
        return self._notice


class SaveNameError(ValueError):
    """A slot name the player typed that cannot become a file name; str() says why."""


@dataclass(frozen=True, slots=True)
class Meter:
    """A stat as a save listing shows it."""

    name: str
    label: str
    value: int
    min: int
    max: int
    high_is: str  # "good", "bad" or "neutral"


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One entry of `SaveStore.listing()`. When `problem` is set, the file cannot be loaded
    and only `path`, `name` and `problem` are meaningful."""

    path: Path
    name: str  # the file name without .yaml: what `SaveStore.load` takes
    problem: str = ""  # one line: "path:line:col: CODE message"
    save: Save | None = None
    meters: tuple[Meter, ...] = ()  # visible stats, labelled from the story when known
    story_changed: bool = False  # the story was edited since: loading re-checks the run

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def label(self) -> str:
        return self.save.label if self.save else self.name

    @property
    def kind(self) -> str:
        return self.save.kind if self.save else ""

    @property
    def time(self) -> datetime | None:
        return self.save.time if self.save else None

    @property
    def chapter(self) -> int:
        return self.save.chapter if self.save else 0

    @property
    def ending(self) -> str | None:
        return self.save.snapshot.ending if self.save else None


# -- names -------------------------------------------------------------------------------------
def slot_file_name(name: str) -> str:
    """The file name for a slot the player named: a slug of the name plus .yaml.

    Raises SaveNameError for a name that tries to leave the saves directory (path
    separators, "..", absolute paths), names reserved by the system or by our own
    quicksave and autosaves, and names with nothing to keep."""
    stripped = name.strip()
    if not stripped:
        raise SaveNameError("a save needs a name")
    if "/" in stripped or "\\" in stripped or os.path.isabs(stripped):
        raise SaveNameError("a save name cannot contain / or \\")
    if ".." in stripped:
        raise SaveNameError('a save name cannot contain ".."')
    if any(unicodedata.category(ch).startswith("C") for ch in stripped):
        raise SaveNameError("a save name cannot contain control characters")
    slug = slugify(stripped)
    if not slug:  # nothing latin in the name: a stable stand-in keeps it a distinct file
        slug = "save-" + stripped.encode("utf-8").hex()[:16]
    if slug in _DEVICE_NAMES or slug == QUICKSAVE or slug.startswith(AUTOSAVE_PREFIX.rstrip("-")):
        raise SaveNameError(f'"{stripped}" is a reserved name; choose another')
    return slug + SUFFIX


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII letters, digits, _ and single dashes: "Before the Yard!" ->
    "before-the-yard"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


class SaveStore:
    """The saves in one directory (riotgame.paths.saves_dir() decides which).

    File names: `<slug>.yaml` for named slots, `quicksave.yaml`, `autosave-<run>.yaml` for
    each run's rolling autosave. Every write is atomic. Reading never changes a file;
    writing an autosave removes autosaves beyond the newest AUTOSAVES_KEPT and stale
    temporary files (never a slot or the quicksave)."""

    def __init__(self, directory: str | os.PathLike[str]):
        self.directory = Path(directory)

    # where each kind goes
    def slot_path(self, name: str) -> Path:
        """The file a named slot is written to. Raises SaveNameError for a bad name."""
        path = self.directory / slot_file_name(name)
        assert path.parent == self.directory  # slot_file_name allows no separators
        return path

    def quicksave_path(self) -> Path:
        return self.directory / (QUICKSAVE + SUFFIX)

    def autosave_path(self, run: str) -> Path:
        return self.directory / (AUTOSAVE_PREFIX + slugify(run) + SUFFIX)

    # writing
    def write_slot(self, session: Session, name: str, run: str = "") -> Path:
        """Save the session to the slot called `name` (its label), replacing that slot."""
        path = self.slot_path(name)
        return write_save(path, save_of(session, kind="slot", label=name.strip(), run=run))

    def quicksave(self, session: Session, run: str = "") -> Path:
        return write_save(
            self.quicksave_path(), save_of(session, kind="quicksave", label="Quicksave", run=run)
        )

    def autosave(self, session: Session, run: str) -> Path:
        """The run's rolling autosave: one file per run, rewritten after every choice
        (and after undo, so it always holds the run as the player left it)."""
        return self.write_autosave(session.story, session.seed, session.steps, session.state, run)

    def write_autosave(
        self, story: Story, seed: int, steps: Iterable[Step], state: GameState, run: str
    ) -> Path:
        save = make_save(story, seed, steps, state, kind="autosave", label="Autosave", run=run)
        path = write_save(self.autosave_path(run), save)
        self._tidy(written=path)
        return path

    def _tidy(self, written: Path) -> None:
        """After writing the autosave `written`: remove the autosaves older than the newest
        AUTOSAVES_KEPT (counting `written`, which always stays) and temporary files older
        than STALE_TEMP_SECONDS (left by a crash mid-write). Best effort: a file that
        cannot be removed stays, and the autosave still succeeded."""
        now = time.time()
        autosaves = []  # (mtime, name) of the other autosave files
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return
        for entry in entries:
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                if TEMP_NAME.fullmatch(entry.name):
                    if now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                        os.unlink(entry.path)
                elif (
                    entry.name.startswith(AUTOSAVE_PREFIX)
                    and entry.name.endswith(SUFFIX)
                    and entry.name != written.name
                ):
                    autosaves.append((entry.stat().st_mtime_ns, entry.name))
            except OSError:
                continue
        # Newest first; run ids sort by start time, so they break ties of coarse mtimes.
        autosaves.sort(reverse=True)
        for _, name in autosaves[AUTOSAVES_KEPT - 1 :]:
            path = self.directory / name
            lock = lock_path(path)
            try:  # only a readable autosave goes; anything else there is the player's
                if read_save(path).kind == "autosave" and not is_locked(lock):
                    path.unlink()
                    lock.unlink(missing_ok=True)
            except (SaveError, OSError):
                continue

    # reading
    def listing(self, story: Story | None = None, machine: Machine | None = None) -> list[SaveInfo]:
        """Every *.yaml file in the directory, newest first, then the bad ones by name.

        With `story`, saves of other stories are bad (E304) and meters get their labels.
        With `machine` too, each save of the same story version is re-played and a
        snapshot that does not match its steps is bad (E305), so the list never offers a
        save that will not load."""
        if story is None and machine is not None:
            story = machine.story
        good: list[SaveInfo] = []
        bad: list[SaveInfo] = []
        for path in self.files():
            try:
                save = read_save(path)
                if story is not None:
                    check_story(save, story)
                if (
                    machine is not None
                    and story is not None
                    and save.fingerprint == story.fingerprint
                ):
                    verify(save, machine)
            except SaveError as exc:
                bad.append(SaveInfo(path, path.stem, problem=str(exc)))
                continue
            changed = story is not None and save.fingerprint != story.fingerprint
            good.append(
                SaveInfo(
                    path, path.stem, save=save, meters=_meters(save, story), story_changed=changed
                )
            )
        good.sort(key=_newest, reverse=True)
        return good + sorted(bad, key=lambda i: i.name)

    def files(self) -> list[Path]:
        """What is in the directory under a save's name (`*.yaml`, not hidden temporary
        files). Something there that is not a regular file is listed too: reading it is
        a problem the listing shows, so nothing in the folder goes unmentioned."""
        try:
            return sorted(
                p
                for p in self.directory.iterdir()
                if p.suffix == SUFFIX and not p.name.startswith(".")
            )
        except OSError:  # no folder yet, or one we cannot list
            return []

    def resolve(self, name: str | os.PathLike[str]) -> Path:
        """A save given by path, listing name (file stem), file name, or the label the
        player typed when saving ("at gate" finds at-gate.yaml). Raises NoSuchSave."""
        path = Path(name)
        if os.path.lexists(path):  # whatever is there: reading says what is wrong with it
            return path
        candidates = [self.directory / (str(name) + SUFFIX), self.directory / str(name)]
        with contextlib.suppress(SaveNameError):  # not a name a slot could have
            candidates.append(self.slot_path(str(name)))
        for candidate in candidates:
            if os.path.lexists(candidate):
                return candidate
        raise NoSuchSave(str(name), self.directory, [p.stem for p in self.files()])

    def load(self, name: str | os.PathLike[str], machine: Machine) -> Loaded:
        """Read a save (listing name or path) and restore it into a Session. Raises
        SaveError for a bad file, another story, or a snapshot that does not match."""
        save = read_save(self.resolve(name))
        check_story(save, machine.story)
        return self.open(save, machine)

    def open(self, save: Save, machine: Machine) -> Loaded:
        return restore(save, machine)

    def quickload(self, machine: Machine) -> Loaded:
        return self.load(self.quicksave_path(), machine)

    def latest(
        self, story: Story, machine: Machine | None = None, *, unfinished: bool = True
    ) -> SaveInfo | None:
        """What "Continue" loads: the newest good save of this story (by default one whose
        run has not reached an ending)."""
        for info in self.listing(story, machine):
            if info.ok and not (unfinished and info.ending):
                return info
        return None


def _meters(save: Save, story: Story | None) -> tuple[Meter, ...]:
    if story is None:
        return tuple(Meter(n, n, v, 0, 100, "neutral") for n, v in save.snapshot.stats.items())
    return tuple(
        Meter(d.name, d.label, save.snapshot.stats[d.name], d.min, d.max, d.high_is)
        for d in story.stats
        if not d.hidden and d.name in save.snapshot.stats
    )


def _newest(info: SaveInfo) -> tuple[datetime, float]:
    assert info.save is not None  # the good ones have their save
    return info.save.time, info.path.stat().st_mtime
