"""The quick reader of a save in exactly the shape `dump_save` writes (format.py).

Saves are written by us, in a fixed shape: the same keys in the same order, the same
indentation, two tables as blocks of lines. `read_written` checks a whole file against
that shape in one regular-expression pass (in C) and builds the Save from its pieces,
without a YAML parser: a few times faster than reading it as YAML and checking each field.

It never judges a file. Whatever is not exactly in the written shape (a hand-edited save,
a comment added, a key moved, a long label the writer wrapped, a double-quoted text) or is
in that shape but at fault (a turn out of order, a date that is not one, a number too
large) gives None, and parse_save reads the file with the full YAML reader, which reads
any valid save and names each fault at its path:line:col. So the two readers agree on
every file the quick one reads (tests/saves/test_written.py holds them to it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from riotgame.engine.play.session import Step
from riotgame.engine.play.state import Scratch
from riotgame.engine.saves.format import HEADER, KINDS, READS, Save, Snapshot
from riotgame.engine.story.model import Story

# Plain words YAML reads as something other than text (the full reader's true, false, null).
_NULL = frozenset({"null", "Null", "NULL"})
_DATA = _NULL | {"true", "True", "TRUE", "false", "False", "FALSE"}

_INT = r"-?[0-9]{1,18}"  # a whole number well inside a save's largest (2**63 - 1)
# Text: plain words of letters, digits and a few marks (no ": ", " #", quotes first...) or
# one line in single quotes ('' for a quote) of characters YAML prints as they are: no
# control characters, no tab and none of the line breaks YAML 1.1 knows besides "\n".
_PRINTABLE = (
    "\x20-\x26\x28-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
)
_QUOTED = f"'(?:[{_PRINTABLE}]|'')*+'"
_WORDS = r"[^\W\d][\w.'()!,-]*+(?: [\w.'()!,-]++)*+"  # in a block: commas allowed
_FLOW_WORDS = r"[^\W\d][\w.'()!-]*+(?: [\w.'()!-]++)*+"  # inside {...}: no commas
_TEXT = f"(?:{_WORDS}|{_QUOTED})"
_FLOW_TEXT = f"(?:{_FLOW_WORDS}|{_QUOTED})"
_NAME = r"[A-Za-z_][A-Za-z0-9_./]*+"  # a stat, a flag, a once-choice's key, a node
_NEXT = r",(?: |\n    )"  # between the items of a snapshot's {...} or [...]: wrapped at 100
_STEP = r"  [0-9]{1,18} [A-Za-z0-9_]+ [A-Za-z0-9_]+\n"
_VISIT = r"    [A-Za-z0-9_]+ [0-9]{1,18} [0-9]{1,18} [A-Za-z0-9_]+\n"


def _names(item: str) -> str:
    return f"(?:{item}(?:{_NEXT}{item})*+)?"


_SHAPE = re.compile(
    re.escape(HEADER) + f"format: (?P<format>{_INT})\n"
    f"min_format: (?P<min_format>{_INT})\n"
    f"kind: (?P<kind>{_TEXT})\n"
    f"label: (?P<label>{_TEXT})\n"
    f"time: (?P<time>{_TEXT})\n"
    f"run: (?P<run>{_TEXT})\n"
    # a mapping of texts is written {on one line} unless a text in it is quoted as data
    "story:(?P<story> \\{[^\n]*\\}|(?:\n  [^\n]*){4})\n"
    "chapter:(?P<chapter> \\{[^\n]*\\}|(?:\n  [^\n]*){2})\n"
    f"rng: \\{{seed: (?P<seed>{_INT}), position: (?P<position>{_INT})\\}}\n"
    "# One line per choice: turn, node, choice.\n"
    f'steps: (?:""\n|\\|\n(?P<steps>(?:{_STEP})++))'
    f"snapshot:\n  node: (?P<node>{_TEXT})\n  turn: (?P<turn>{_INT})\n"
    f"  ending: (?P<ending>{_TEXT})\n"
    f"  stats: \\{{(?P<stats>{_names(f'{_NAME}: {_INT}')})\\}}\n"
    f"  flags: \\[(?P<flags>{_names(_NAME)})\\]\n"
    f"  used: \\[(?P<used>{_names(_NAME)})\\]\n"
    "  # One line per node entered: node, times entered, turn last entered, content hash.\n"
    f'  visited: (?:""\n|\\|\n(?P<visited>(?:{_VISIT})++))'
)
_STORY = (
    re.compile(
        f" \\{{id: ({_FLOW_TEXT}), title: ({_FLOW_TEXT}), version: ({_INT}), "
        f"fingerprint: ({_FLOW_TEXT})\\}}"
    ),
    re.compile(
        f"\n  id: ({_TEXT})\n  title: ({_TEXT})\n  version: ({_INT})\n  fingerprint: ({_TEXT})"
    ),
)
_CHAPTER = (
    re.compile(f" \\{{number: ({_INT}), title: ({_FLOW_TEXT})\\}}"),
    re.compile(f"\n  number: ({_INT})\n  title: ({_TEXT})"),
)
_STAT = re.compile(f"({_NAME}): ({_INT})")
_ITEM = re.compile(_NAME)
_TEXTS = ("kind", "label", "time", "run", "node")
_NUMBERS = ("format", "min_format", "seed", "position", "turn")


class Run(NamedTuple):
    """A save in the written shape, checked as `read_written` checks it, with its steps as
    two columns and its visited table as written: what the check-only replay of a file
    reads (`same_snapshot`; replay.check_written)."""

    found: re.Match[str]
    texts: tuple[str, ...]  # kind, label, time, run, node, story id, title, fingerprint,
    # chapter title
    numbers: tuple[int, ...]  # format, min_format, seed, position, turn
    time: datetime
    nodes: list[str]  # each step's node ...
    choices: list[str]  # ... and choice
    names: tuple[dict[str, int], tuple[str, ...], tuple[str, ...]]  # stats, flags, used
    ending: str | None

    @property
    def story_id(self) -> str:
        return self.texts[5]

    @property
    def seed(self) -> int:
        return self.numbers[2]


def written_run(text: str) -> Run | None:
    """The run in `text` when it is exactly in the written shape and sound; else None (then
    the full reader reads it, and says what is wrong with it, if anything)."""
    found = _SHAPE.fullmatch(text)
    if found is None:
        return None
    group = found.group
    story = _STORY[0].fullmatch(group("story")) or _STORY[1].fullmatch(group("story"))
    chapter = _CHAPTER[0].fullmatch(group("chapter")) or _CHAPTER[1].fullmatch(group("chapter"))
    if story is None or chapter is None:
        return None
    texts = _all_text(*group(*_TEXTS), *story.group(1, 2, 4), chapter[2])
    ending = group("ending")
    if texts is None or not (ending in _NULL or _text(ending)):
        return None  # a word YAML reads as something other than text
    numbers = (*map(int, group(*_NUMBERS)), int(story[3]), int(chapter[1]))
    version, oldest, _, position, turn = numbers[:5]
    time = _time(texts[2])
    steps = _rows(group("steps") or "")
    if (oldest or version) > READS or texts[0] not in KINDS or time is None or steps is None:
        return None  # a newer format, or at fault: the full reader names the fault
    names = _names_of(group("stats"), group("flags"), group("used"))
    if names is None or not position == turn == len(steps[0]):
        return None
    value = None if ending in _NULL else _text(ending)
    return Run(found, texts, numbers, time, *steps, names, value)


def read_written(text: str, path: Path | None = None) -> Save | None:
    """The Save in `text` when it is exactly in the written shape and sound; else None."""
    run = written_run(text)
    if run is None:
        return None
    kind, label, _, run_id, node, story_id, title, fingerprint, chapter_title = run.texts
    version, _, seed, _, turn, story_version, chapter = run.numbers
    stats, flags, used = run.names
    visits, last, hashes = _visited(run.found.group("visited") or "")
    rows = zip(range(turn), run.nodes, run.choices, strict=True)
    return Save(
        kind=kind,
        label=label,
        time=run.time,
        run=run_id,
        story_id=story_id,
        story_title=title,
        fingerprint=fingerprint,
        chapter=chapter,
        chapter_title=chapter_title,
        seed=seed,
        steps=tuple(map(tuple.__new__, repeat(Step), rows)),  # Step(*row), in C
        node_hashes=hashes,
        snapshot=Snapshot(
            node=node,
            turn=turn,
            stats=stats,
            flags=flags,
            visits=visits,
            last=last,
            used=used,
            ending=run.ending,
        ),
        format=version,
        story_version=story_version or 1,  # as the full reader takes a version of 0
        path=path,
    )


def same_snapshot(run: Run, story: Story, s: Scratch, hashes: Mapping[str, str]) -> bool:
    """Whether the snapshot written in `run` is the one of state `s` (snapshot_of), its
    visited table row for row as dump_save writes it with the content hashes `hashes`
    (node id ->). False may still be the same snapshot, written otherwise (rows repeated,
    a hash of another version): the full reader and replay then say."""
    stats, flags, used = run.names
    visits, last = s.visits, s.last
    # the turns agree already: the file's is its number of steps, each step one turn
    if s.node != run.texts[4] or len(last) != len(visits):
        return False
    if story.nodes[s.node].ending != run.ending or stats != story.stat_values(s):
        return False
    if flags != tuple(story.flags_set(s)) or used != tuple(sorted(s.used)):
        return False
    try:
        rows = "".join([f"    {n} {visits[n]} {last[n]} {hashes[n]}\n" for n in sorted(visits)])
    except KeyError:  # a node entered and never last entered: not a state we write
        return False
    return rows == (run.found.group("visited") or "")


def _text(written: str) -> str | None:
    """A text's value: a quoted one unquoted, a plain one as it is; None for null, and for a
    plain word YAML reads as true or false."""
    if written[0] == "'":
        return written[1:-1].replace("''", "'")
    return None if written in _DATA else written


def _all_text(*written: str) -> tuple[str, ...] | None:
    """The values of texts, or None when one is not text."""
    values = tuple(map(_text, written))
    return None if None in values else values  # type: ignore[return-value]


def _time(written: str) -> datetime | None:
    try:
        time = datetime.fromisoformat(written)
    except ValueError:
        return None
    return time if time.tzinfo is not None else time.replace(tzinfo=UTC)


def _rows(rows: str) -> tuple[list[str], list[str]] | None:
    """The nodes and choices of the steps table's rows, when their turns count up from 0
    (None otherwise)."""
    fields = rows.split()
    turns = fields[0::3]
    if turns != list(map(str, range(len(turns)))):
        return None  # out of order, or written with leading zeros: the full reader says
    return fields[1::3], fields[2::3]


def _names_of(
    stats: str, flags: str, used: str
) -> tuple[dict[str, int], tuple[str, ...], tuple[str, ...]] | None:
    """The snapshot's stats, flags and once-choices; None when a name is a word YAML reads
    as data or a stat is written twice."""
    pairs = _STAT.findall(stats)
    values = {name: int(value) for name, value in pairs}
    flag_names, used_keys = tuple(_ITEM.findall(flags)), tuple(_ITEM.findall(used))
    if len(values) != len(pairs) or not _DATA.isdisjoint(values):
        return None
    if not _DATA.isdisjoint(flag_names) or not _DATA.isdisjoint(used_keys):
        return None
    return values, flag_names, used_keys


def _visited(rows: str) -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """The visit counts, the turns last entered and the content hashes of the table's rows
    (a node written twice: its last row, as the full reader reads it)."""
    fields = rows.split()
    nodes = fields[0::4]
    visits = dict(zip(nodes, map(int, fields[1::4]), strict=True))
    last = dict(zip(nodes, map(int, fields[2::4]), strict=True))
    return visits, last, dict(zip(nodes, fields[3::4], strict=True))
