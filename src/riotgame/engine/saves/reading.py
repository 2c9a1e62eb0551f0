"""Reading a save back: the file is untrusted input (bounded size, the engine's safe YAML
reader, every field checked), and each fault is a SaveError at its path:line:col."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from riotgame.engine.play.session import Step
from riotgame.engine.saves.files import NotReadable, read_regular, reason
from riotgame.engine.saves.format import (
    BAD_SHAPE,
    KINDS,
    MISMATCH,
    READS,
    TOO_NEW,
    UNREADABLE,
    Save,
    SaveError,
    Snapshot,
    save_error,
)
from riotgame.engine.saves.written import read_written
from riotgame.engine.story.yamlfile import Pos, YList, YMap, parse_yaml

MAX_BYTES = 5_000_000  # a long run is ~50 KB; anything this big is not a save of ours


def read_save(path: str | os.PathLike[str]) -> Save:
    """Read and validate a save file. Raises SaveError; never changes the file."""
    path = Path(path)
    return parse_save(read_text(path), str(path), path)


def read_text(path: Path) -> str:
    """The text of a save file, read as untrusted input (bounded, a regular file, UTF-8).
    Raises SaveError."""
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
    return text


def parse_save(text: str, shown: str = "<save>", path: Path | None = None) -> Save:
    """Parse save text and check every field. Raises SaveError.

    A save in exactly the shape we write is read by the quick reader (written.py); any
    other is read with the engine's safe YAML reader (yes/no stay strings, no tags,
    duplicate keys refused), which names each fault at its line and column."""
    quick = read_written(text, path)
    return quick if quick is not None else parse_yaml_save(text, shown, path)


def parse_yaml_save(text: str, shown: str = "<save>", path: Path | None = None) -> Save:
    """Parse save text with the YAML reader and check every field: any valid save, written
    by us or edited by hand, reads; each fault is a SaveError at its line and column."""
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
            raise self.fail(m.vpos(key), f'"{key}" in {what} must be {_NAMES[kind]}')
        if kind is int and not -LARGEST <= value <= LARGEST:
            raise self.fail(m.vpos(key), f'"{key}" in {what} is too large a number')
        return value

    def table(self, m: YMap, key: str, kind: type, what: str) -> dict[str, Any]:
        """A mapping of names to values of `kind`."""
        table = self.get(m, key, YMap, what)
        for name, value in table.items():
            if not isinstance(name, str) or not _is(value, kind):
                raise self.fail(table.vpos(name), f'"{name}" in {key} must be {_NAMES[kind]}')
            if kind is int and not -LARGEST <= value <= LARGEST:
                raise self.fail(table.vpos(name), f'"{name}" in {key} is too large a number')
        return dict(table)

    def names(self, m: YMap, key: str, what: str) -> tuple[str, ...]:
        items = self.get(m, key, YList, what)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(items.ipos(i), f'"{key}" must list names')
        return tuple(items)

    def save(self, data: object, path: Path | None) -> Save:
        if not isinstance(data, YMap):
            raise self.fail((1, 1), "a save is a mapping of keys (is this a save file?)")
        version = self.get(data, "format", int, "a save")
        oldest = self.get(data, "min_format", int, "a save", optional=True) or version
        if oldest > READS:
            raise self.fail(
                data.vpos("format"),
                f"written by a newer riotgame (save format "
                f"{version}); this version reads format {READS}",
                TOO_NEW,
            )
        kind = self.get(data, "kind", str, "a save")
        if kind not in KINDS:
            raise self.fail(data.vpos("kind"), f"kind must be {', '.join(KINDS)}")
        when = self.get(data, "time", str, "a save")
        try:
            time = datetime.fromisoformat(when)
        except ValueError:
            raise self.fail(data.vpos("time"), f'"{when}" is not a date and time') from None
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
                rng.vpos("position"),
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

    def rows(self, m: YMap, key: str, what: str, table: _Table) -> list[tuple[str, ...]]:
        """The rows of `table` written as a block of lines under `key`, each a tuple of its
        fields; a bad line is a SaveError at its place."""
        text = self.get(m, key, str, what, optional=True) or ""
        found: list[tuple[str, ...]] = table.rows.findall(text)  # one pass, in C
        if len(found) == text.count("\n") + (not text.endswith("\n")):
            return found  # every line is a whole row
        return self.checked_rows(m, key, text, table)

    def checked_rows(self, m: YMap, key: str, text: str, table: _Table) -> list[tuple[str, ...]]:
        """Line by line, for a block the quick check refused: finds the fault and its place."""
        line = (m.vpos(key) if key in m else m.pos)[0]
        col = m.pos[1] + 2  # rows are indented 2 more
        out = []
        for i, text_row in enumerate(text.splitlines()):
            match = table.loose.fullmatch(text_row)
            if match is None:
                raise self.fail(
                    (line + 1 + i, col),
                    f'line {i + 1} of "{key}" must be {table.columns}, not {_shorten(text_row)!r}',
                )
            for digits in (match.group(n) for n in table.numbers):
                if len(digits) > MAX_DIGITS:
                    raise self.fail(
                        (line + 1 + i, col),
                        f"a number of {len(digits):,} digits is too large for a save",
                    )
            out.append(match.groups())
        return out

    def steps(self, m: YMap) -> tuple[Step, ...]:
        rows = self.rows(m, "steps", "a save", _STEPS)
        if [int(turn) for turn, _, _ in rows] != list(range(len(rows))):
            line = (m.vpos("steps") if "steps" in m else m.pos)[0]
            i, turn = next((i, t) for i, (t, _, _) in enumerate(rows) if int(t) != i)
            raise self.fail(
                (line + 1 + i, 1), f"step {i + 1} is at turn {turn}; expected turn {i}", MISMATCH
            )
        nodes, choices = [row[1] for row in rows], [row[2] for row in rows]
        return tuple(map(Step, range(len(rows)), nodes, choices))

    def snapshot(self, m: YMap) -> tuple[Snapshot, dict[str, str]]:
        ending = m.get("ending")
        if ending is not None and not isinstance(ending, str):
            raise self.fail(m.vpos("ending"), '"ending" in snapshot must be text or null')
        rows = self.rows(m, "visited", "snapshot", _VISITED)
        visits = {node: int(count) for node, count, _, _ in rows}
        last = {node: int(turn) for node, _, turn, _ in rows}
        hashes = {node: digest for node, _, _, digest in rows}
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


class _Table:
    """A table written as a block of lines, one row a line, its fields apart by spaces."""

    def __init__(self, columns: str, *fields: str):
        self.columns = columns  # the fields in words, for messages
        self.numbers = [n for n, f in enumerate(fields, 1) if f == "number"]  # match groups
        # a whole line each (so lines that are not rows leave the count short)
        row = " +".join(f"({_FIELDS[f]})" for f in fields)
        self.rows = re.compile(f"^ *{row} *$", re.MULTILINE)
        # any number of digits, so that a long number is named as such
        self.loose = re.compile(" *" + " +".join(f"({_LOOSE[f]})" for f in fields) + " *")


MAX_DIGITS = 18  # a turn or a count in a table row; 10**18 turns is no run of ours
_FIELDS = {"id": "[A-Za-z0-9_]+", "number": f"[0-9]{{1,{MAX_DIGITS}}}"}
_LOOSE = {"id": "[A-Za-z0-9_]+", "number": "[0-9]+"}
_STEPS = _Table("turn, node, choice", "number", "id", "id")
_VISITED = _Table(
    "node, times entered, turn last entered, content hash", "id", "number", "number", "id"
)

LARGEST = 2**63 - 1  # the largest whole number a save holds (seeds, turns, stats)


def _shorten(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "..."


_NAMES = {int: "a whole number", str: "text", YMap: "a mapping", YList: "a list"}


def _is(value: object, kind: type) -> bool:
    return type(value) is int if kind is int else isinstance(value, kind)
