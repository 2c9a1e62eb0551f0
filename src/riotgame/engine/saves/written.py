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
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path

from riotgame.engine.play.session import Step
from riotgame.engine.saves.format import HEADER, KINDS, READS, Save, Snapshot

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


def read_written(text: str, path: Path | None = None) -> Save | None:
    """The Save in `text` when it is exactly in the written shape and sound; else None (then
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
    kind, label, when, run, node, story_id, title, fingerprint, chapter_title = texts
    version, oldest, seed, position, turn = map(int, group(*_NUMBERS))
    time = _time(when)
    steps = _steps(group("steps") or "")
    if (oldest or version) > READS or kind not in KINDS or time is None or steps is None:
        return None  # a newer format, or at fault: the full reader names the fault
    names = _names_of(group("stats"), group("flags"), group("used"))
    if names is None or not position == turn == len(steps):
        return None
    stats, flags, used = names
    visits, last, hashes = _visited(group("visited") or "")
    return Save(
        kind=kind,
        label=label,
        time=time,
        run=run,
        story_id=story_id,
        story_title=title,
        fingerprint=fingerprint,
        chapter=int(chapter[1]),
        chapter_title=chapter_title,
        seed=seed,
        steps=steps,
        node_hashes=hashes,
        snapshot=Snapshot(
            node=node,
            turn=turn,
            stats=stats,
            flags=flags,
            visits=visits,
            last=last,
            used=used,
            ending=None if ending in _NULL else _text(ending),
        ),
        format=version,
        story_version=int(story[3]) or 1,  # as the full reader takes a version of 0
        path=path,
    )


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


def _steps(rows: str) -> tuple[Step, ...] | None:
    """The steps of the table's rows, when their turns count up from 0 (None otherwise)."""
    fields = rows.split()
    turns = fields[0::3]
    if turns != list(map(str, range(len(turns)))):
        return None  # out of order, or written with leading zeros: the full reader says
    rows_of = zip(range(len(turns)), fields[1::3], fields[2::3], strict=True)
    return tuple(map(tuple.__new__, repeat(Step), rows_of))  # Step(*row), in C


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
