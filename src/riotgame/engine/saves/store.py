"""Saved runs: a small YAML file per save, written atomically, read as untrusted input.

A save records the run itself (seed + the steps taken), not a pointer into the story: the
run is restored by re-playing the steps (replay.py), and the snapshot of the final state
is kept to check that the re-played run is the one that was saved. The format is described
in docs/saves.md.

`SaveStore(directory)` is what the game and the UI use: list the saves (bad ones with their
one-line problem), write a named slot, the quicksave or a run's rolling autosave, and load
any of them back into a Session.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from riotgame.engine.play.session import Session, Step
from riotgame.engine.play.state import GameState
from riotgame.engine.saves.files import TEMP_NAME, NotReadable, atomic_write, read_regular, reason
from riotgame.engine.saves.runs import is_locked, lock_path, new_run_id
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.yamlfile import Pos, YList, YMap, parse_yaml

if TYPE_CHECKING:
    from riotgame.engine.play.machine import Machine

if TYPE_CHECKING:  # both write the same YAML: typed as the pure-Python one
    from yaml import SafeDumper as _BaseDumper
else:
    try:  # libyaml writes several times faster; the output is the same
        from yaml import CSafeDumper as _BaseDumper
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeDumper as _BaseDumper


class _Table(str):
    """Lines of space-separated ids and numbers, written as a `|` block: one YAML value for
    the whole table keeps a long run fast to read and easy to diff."""


class _Dumper(_BaseDumper):
    pass


# Text our reader would take for something else (a number, true/false, null: "08", "1.0e5",
# "NULL") is quoted. PyYAML follows YAML 1.1, where "08" is no number, and would leave it bare.
_LOOKS_LIKE_DATA = re.compile(r"[-+.0-9~]|(?i:true|false|null)\Z|\Z")


def _text(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    style = "'" if _LOOKS_LIKE_DATA.match(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(
    _Table,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|"),
)

FORMAT = 1  # the format this version writes
MIN_FORMAT = 1  # the oldest reader that can read what we write
READS = 1  # the newest format this version reads
KINDS = ("slot", "quicksave", "autosave")
SUFFIX = ".yaml"
QUICKSAVE = "quicksave"
AUTOSAVE_PREFIX = "autosave-"
AUTOSAVES_KEPT = 20  # writing an autosave removes older ones beyond the newest this many
STALE_TEMP_SECONDS = 3600  # a temporary file this old is left by a crash, not a write
MAX_BYTES = 5_000_000  # a long run is ~50 KB; anything this big is not a save of ours
HEADER = "# A saved run of riotgame. Human-readable; the format is in docs/saves.md.\n"

# Problem codes for save files (story files use E1xx and W2xx).
UNREADABLE, BAD_SHAPE, TOO_NEW, OTHER_STORY, MISMATCH = "E300", "E302", "E303", "E304", "E305"

# Names Windows will not create as files, plus the names our own saves use.
_DEVICE_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


class SaveError(Exception):
    """A save that cannot be used. `problem` locates it; str() is the one-line message."""

    def __init__(self, problem: Problem):
        super().__init__(problem.concise())
        self.problem = problem


class NoSuchSave(SaveError):
    """No save by the name the player gave; str() is a sentence naming the saves there are."""

    def __init__(self, name: str, directory: Path, names: list[str]):
        super().__init__(Problem(str(directory / name), 0, 0, UNREADABLE, "no such save"))
        listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        known = f" Saves there: {listed}." if names else " There are no saves there yet."
        self.args = (f'No save called "{name}" in {directory}.{known}',)


class SaveNameError(ValueError):
    """A slot name the player typed that cannot become a file name; str() says why."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The state at the end of the saved run, by name (independent of story order)."""

    node: str
    turn: int
    stats: dict[str, int]
    flags: tuple[str, ...]  # the flags that are set
    visits: dict[str, int]
    last: dict[str, int]  # node -> turn when last entered (for turns_since)
    used: tuple[str, ...]  # "node/choice" keys of once-choices taken
    ending: str | None


@dataclass(frozen=True, slots=True)
class Save:
    kind: str  # "slot", "quicksave" or "autosave"
    label: str
    time: datetime  # when it was written, timezone-aware (UTC)
    run: str  # id of the run; an autosave is rolled per run
    story_id: str
    story_title: str
    fingerprint: str  # Story.fingerprint when saved: any edit of the story changes it
    chapter: int
    chapter_title: str
    seed: int  # chance() depends only on (seed, turn, call site): the position is the turn
    steps: tuple[Step, ...]
    node_hashes: dict[str, str]  # Node.content_hash of every node the run entered
    snapshot: Snapshot
    format: int = FORMAT
    story_version: int = 1  # story.yaml's `version:` when saved (absent in older saves: 1)
    path: Path | None = field(default=None, compare=False)


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
    """One entry of `SaveStore.list()`. When `problem` is set, the file cannot be loaded
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


# -- building and writing ----------------------------------------------------------------------
def snapshot_of(story: Story, state: GameState) -> Snapshot:
    node = story.nodes[state.node]
    return Snapshot(
        node=state.node,
        turn=state.turn,
        stats=story.stat_values(state),
        flags=tuple(story.flags_set(state)),
        visits=dict(state.visits),
        last=dict(state.last),
        used=tuple(sorted(state.used)),
        ending=node.ending,
    )


def make_save(
    story: Story,
    seed: int,
    steps: Iterable[Step],
    state: GameState,
    *,
    kind: str = "slot",
    label: str = "",
    run: str = "",
) -> Save:
    """A Save of the run `steps` (from `seed`) that ended in `state`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    chapter = story.nodes[state.node].chapter
    return Save(
        kind=kind,
        label=label or f"Chapter {chapter.number}: {chapter.title}",
        time=datetime.now(UTC).replace(microsecond=0),
        run=run or new_run_id(),
        story_id=story.id,
        story_title=story.title,
        story_version=story.version,
        fingerprint=story.fingerprint,
        chapter=chapter.number,
        chapter_title=chapter.title,
        seed=seed,
        steps=tuple(steps),
        node_hashes={n: story.nodes[n].content_hash for n in sorted(state.visits)},
        snapshot=snapshot_of(story, state),
    )


def save_of(session: Session, *, kind: str = "slot", label: str = "", run: str = "") -> Save:
    """A Save of the session's run as it stands (after any undo)."""
    return make_save(
        session.story, session.seed, session.steps, session.state, kind=kind, label=label, run=run
    )


def dump_save(save: Save) -> str:
    snap = save.snapshot
    data = {
        "format": save.format,
        "min_format": MIN_FORMAT,
        "kind": save.kind,
        "label": save.label,
        "time": save.time.isoformat(),
        "run": save.run,
        "story": {
            "id": save.story_id,
            "title": save.story_title,
            "version": save.story_version,
            "fingerprint": save.fingerprint,
        },
        "chapter": {"number": save.chapter, "title": save.chapter_title},
        "rng": {"seed": save.seed, "position": snap.turn},
        "steps": _Table("".join(f"{s.turn} {s.node} {s.choice}\n" for s in save.steps)),
        "snapshot": {
            "node": snap.node,
            "turn": snap.turn,
            "ending": snap.ending,
            "stats": snap.stats,
            "flags": list(snap.flags),
            "used": list(snap.used),
            "visited": _Table(
                "".join(
                    f"{n} {snap.visits[n]} {snap.last.get(n, 0)} {save.node_hashes[n]}\n"
                    for n in sorted(snap.visits)
                )
            ),
        },
    }
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
    # Say what the table columns are, right above each table.
    text = text.replace("\nsteps: ", "\n# One line per choice: turn, node, choice.\nsteps: ", 1)
    return HEADER + text.replace(
        "\n  visited: ",
        "\n  # One line per node entered: node, times entered, turn last "
        "entered, content hash.\n  visited: ",
        1,
    )


def write_save(path: str | os.PathLike[str], save: Save) -> Path:
    """Write atomically: the file holds either its old content or the new, never a mix."""
    path = Path(path)
    atomic_write(path, dump_save(save).encode("utf-8"))
    return path


# -- reading -----------------------------------------------------------------------------------
def read_save(path: str | os.PathLike[str]) -> Save:
    """Read and validate a save file. Raises SaveError; never changes the file."""
    path = Path(path)
    shown = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except NotReadable as exc:
        raise save_error(shown, (0, 0), UNREADABLE, f"cannot be a save: {exc.strerror}") from None
    except OSError as exc:
        raise save_error(shown, (0, 0), UNREADABLE, f"cannot read: {reason(exc)}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise save_error(shown, (0, 0), UNREADABLE, f"not UTF-8 text (byte {exc.start})") from None
    return parse_save(text, shown, path)


def parse_save(text: str, shown: str = "<save>", path: Path | None = None) -> Save:
    """Parse save text with the engine's safe YAML reader (yes/no stay strings, no tags,
    duplicate keys refused) and check every field. Raises SaveError."""
    try:
        data, problems = parse_yaml(text, shown)
    except ValueError:  # Python refuses to convert a number of more than 4,300 digits
        raise save_error(
            shown, _long_number(text), BAD_SHAPE, "a number too long to read"
        ) from None
    errors = [p for p in problems if p.is_error]
    if errors:
        raise SaveError(min(errors))
    return _Reader(shown).save(data, path)


def _long_number(text: str) -> Pos:
    """Where the first run of more than 4,300 digits starts (1-based line and column)."""
    found = re.search(r"[0-9]{4301,}", text)
    if found is None:
        return (0, 0)
    line = text.count("\n", 0, found.start()) + 1
    return line, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1


def save_error(shown: str, pos: Pos, code: str, message: str) -> SaveError:
    return SaveError(Problem(shown, pos[0], pos[1], code, message))


class _Reader:
    """Field-by-field validation; each fault names its line and column."""

    def __init__(self, shown: str):
        self.shown = shown

    def fail(self, pos: Pos, message: str, code: str = BAD_SHAPE) -> SaveError:
        return save_error(self.shown, pos, code, message)

    def get(self, m: YMap, key: str, kind: type, what: str, *, optional: bool = False) -> Any:
        if key not in m:
            if optional:
                return None
            raise self.fail(m.pos, f'{what} is missing "{key}"')
        value = m[key]
        if not _is(value, kind):
            raise self.fail(m.val_pos[key], f'"{key}" in {what} must be {_NAMES[kind]}')
        if kind is int and not -LARGEST <= value <= LARGEST:
            raise self.fail(m.val_pos[key], f'"{key}" in {what} is too large a number')
        return value

    def table(self, m: YMap, key: str, kind: type, what: str) -> dict[str, Any]:
        """A mapping of names to values of `kind`."""
        table = self.get(m, key, YMap, what)
        for name, value in table.items():
            if not isinstance(name, str) or not _is(value, kind):
                raise self.fail(table.val_pos[name], f'"{name}" in {key} must be {_NAMES[kind]}')
            if kind is int and not -LARGEST <= value <= LARGEST:
                raise self.fail(table.val_pos[name], f'"{name}" in {key} is too large a number')
        return dict(table)

    def names(self, m: YMap, key: str, what: str) -> tuple[str, ...]:
        items = self.get(m, key, YList, what)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(items.item_pos[i], f'"{key}" must list names')
        return tuple(items)

    def save(self, data: object, path: Path | None) -> Save:
        if not isinstance(data, YMap):
            raise self.fail((1, 1), "a save is a mapping of keys (is this a save file?)")
        version = self.get(data, "format", int, "a save")
        oldest = self.get(data, "min_format", int, "a save", optional=True) or version
        if oldest > READS:
            raise self.fail(
                data.val_pos["format"],
                f"written by a newer riotgame (save format "
                f"{version}); this version reads format {READS}",
                TOO_NEW,
            )
        kind = self.get(data, "kind", str, "a save")
        if kind not in KINDS:
            raise self.fail(data.val_pos["kind"], f"kind must be {', '.join(KINDS)}")
        when = self.get(data, "time", str, "a save")
        try:
            time = datetime.fromisoformat(when)
        except ValueError:
            raise self.fail(data.val_pos["time"], f'"{when}" is not a date and time') from None
        if time.tzinfo is None:
            time = time.replace(tzinfo=UTC)
        story = self.get(data, "story", YMap, "a save")
        chapter = self.get(data, "chapter", YMap, "a save", optional=True) or YMap((0, 0))
        rng = self.get(data, "rng", YMap, "a save")
        steps = self.steps(data)
        snap, node_hashes = self.snapshot(self.get(data, "snapshot", YMap, "a save"))
        position = self.get(rng, "position", int, "rng")
        if position != snap.turn or snap.turn != len(steps):
            raise self.fail(
                rng.val_pos["position"],
                f"the run has {len(steps)} steps but the "
                f"snapshot is at turn {snap.turn} and rng position {position}",
                MISMATCH,
            )
        return Save(
            kind=kind,
            label=self.get(data, "label", str, "a save"),
            time=time,
            run=self.get(data, "run", str, "a save"),
            story_id=self.get(story, "id", str, "story"),
            story_title=self.get(story, "title", str, "story", optional=True) or "",
            fingerprint=self.get(story, "fingerprint", str, "story"),
            story_version=self.get(story, "version", int, "story", optional=True) or 1,
            chapter=self.get(chapter, "number", int, "chapter", optional=True) or 0,
            chapter_title=self.get(chapter, "title", str, "chapter", optional=True) or "",
            seed=self.get(rng, "seed", int, "rng"),
            steps=steps,
            node_hashes=node_hashes,
            snapshot=snap,
            format=version,
            path=path,
        )

    def rows(
        self, m: YMap, key: str, what: str, columns: str, row: re.Pattern[str]
    ) -> Iterator[tuple[int, tuple[str, ...]]]:
        """The rows of a table written as a block of lines: yields (row number, fields)
        once `row` (a regex with a group per column) has checked the whole line."""
        text = self.get(m, key, str, what, optional=True) or ""
        line, col = m.val_pos.get(key, m.pos)[0], m.pos[1] + 2  # rows are indented 2 more
        for i, text_row in enumerate(text.splitlines()):
            match = row.fullmatch(text_row)
            if match is None:
                raise self.fail(
                    (line + 1 + i, col),
                    f'line {i + 1} of "{key}" must be {columns}, not {_shorten(text_row)!r}',
                )
            yield i, match.groups()

    def number(self, digits: str, pos: Pos) -> int:
        """A count or a turn from a table row (digits only, checked by the row's regex)."""
        if len(digits) > MAX_DIGITS:
            raise self.fail(pos, f"a number of {len(digits):,} digits is too large for a save")
        return int(digits)

    def steps(self, m: YMap) -> tuple[Step, ...]:
        out = []
        line = m.val_pos.get("steps", m.pos)[0]
        for i, (turn, node, choice) in self.rows(
            m, "steps", "a save", "turn, node, choice", _STEP_ROW
        ):
            if self.number(turn, (line + 1 + i, 1)) != i:
                raise self.fail(
                    (line + 1 + i, 1),
                    f"step {i + 1} is at turn {turn}; expected turn {i}",
                    MISMATCH,
                )
            out.append(Step(i, node, choice))
        return tuple(out)

    def snapshot(self, m: YMap) -> tuple[Snapshot, dict[str, str]]:
        ending = m.get("ending")
        if ending is not None and not isinstance(ending, str):
            raise self.fail(m.val_pos["ending"], '"ending" in snapshot must be text or null')
        visits, last, hashes = {}, {}, {}
        columns = "node, times entered, turn last entered, content hash"
        for row, (node, count, turn, digest) in self.rows(
            m, "visited", "snapshot", columns, _VISITED_ROW
        ):
            pos = (m.val_pos.get("visited", m.pos)[0] + 1 + row, m.pos[1] + 2)
            visits[node], last[node] = self.number(count, pos), self.number(turn, pos)
            hashes[node] = digest
        snap = Snapshot(
            node=self.get(m, "node", str, "snapshot"),
            turn=self.get(m, "turn", int, "snapshot"),
            stats=self.table(m, "stats", int, "snapshot"),
            flags=self.names(m, "flags", "snapshot"),
            visits=visits,
            last=last,
            used=self.names(m, "used", "snapshot"),
            ending=ending,
        )
        return snap, hashes


# Table rows: ids (nodes, choices, content hashes) and numbers, separated by spaces.
_STEP_ROW = re.compile(r" *([0-9]+) +([A-Za-z0-9_]+) +([A-Za-z0-9_]+) *")
_VISITED_ROW = re.compile(r" *([A-Za-z0-9_]+) +([0-9]+) +([0-9]+) +([A-Za-z0-9_]+) *")

MAX_DIGITS = 18  # a turn or a count in a table row; 10**18 turns is no run of ours
LARGEST = 2**63 - 1  # the largest whole number a save holds (seeds, turns, stats)


def _shorten(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "..."


_NAMES = {int: "a whole number", str: "text", YMap: "a mapping", YList: "a list"}


def _newest(info: SaveInfo) -> tuple[datetime, float]:
    assert info.save is not None  # the good ones have their save
    return info.save.time, info.path.stat().st_mtime


def _is(value: object, kind: type) -> bool:
    return type(value) is int if kind is int else isinstance(value, kind)


def check_story(save: Save, story: Story) -> None:
    """Refuse a save of another story (a different story id). Raises SaveError."""
    if save.story_id != story.id:
        raise save_error(
            str(save.path or "<save>"),
            (0, 0),
            OTHER_STORY,
            f'a save of story "{save.story_id}", not of "{story.id}"',
        )


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


# -- the store the game uses -------------------------------------------------------------------
@dataclass
class Loaded:
    """A save read back into a playable Session (see replay.restore)."""

    session: Session
    save: Save
    run: str  # the run id to go on autosaving under
    note: str = ""  # for the player when the story changed since the save; "" otherwise


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
    def list(
        self, story: Story | None = None, machine: Machine | None = None
    ) -> builtins.list[SaveInfo]:
        """Every *.yaml file in the directory, newest first, then the bad ones by name.

        With `story`, saves of other stories are bad (E304) and meters get their labels.
        With `machine` too, each save of the same story version is re-played and a
        snapshot that does not match its steps is bad (E305), so the list never offers a
        save that will not load."""
        from riotgame.engine.saves.replay import verify  # replay.py builds on this module

        if story is None and machine is not None:
            story = machine.story
        good: builtins.list[SaveInfo] = []
        bad: builtins.list[SaveInfo] = []
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

    def files(self) -> builtins.list[Path]:
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
        from riotgame.engine.saves.replay import restore  # replay.py builds on this module

        return restore(save, machine)

    def quickload(self, machine: Machine) -> Loaded:
        return self.load(self.quicksave_path(), machine)

    def latest(
        self, story: Story, machine: Machine | None = None, *, unfinished: bool = True
    ) -> SaveInfo | None:
        """What "Continue" loads: the newest good save of this story (by default one whose
        run has not reached an ending)."""
        for info in self.list(story, machine):
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
