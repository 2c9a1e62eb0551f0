"""Checks of a translation against its story: what is missing, outdated, orphaned or does
not say the same things, each at its line of the catalogue and with the source's place.

The catalogue arrives as plain Entries (riotgame.l10n reads the PO file), so this module
knows nothing of the file format. The translated share is given by strings and weighted by
how often random players reach the text's node.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from riotgame.engine.story.model import Loc, Story
from riotgame.engine.story.problems import Problem

UNREADABLE = "E600"  # a catalogue that cannot be read at all (riotgame.l10n reports it)
MISSING = "W601"
FUZZY = "W602"
ORPHANED = "W603"
MISMATCHED = "W604"
FAULTY = "W605"

_LITERAL = re.compile(r"\{\{|\}\}")
_VALUE = re.compile(r"\{\s*([A-Za-z_][\w.]*)\s*\}")
_CONSTRUCT = re.compile(r"\{\s*(if|seq|cycle|shuffle|once|first)\b")
_CONDITION = re.compile(r"(?:\{\s*if|\|\s*elif)\s([^:{}|]*):")


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a catalogue: its key, the source it translates, where its msgstr is."""

    key: str
    source: str
    translation: str
    fuzzy: bool = False
    obsolete: bool = False
    line: int = 0
    previous: str = ""  # the source the translation was made from, when it is fuzzy


@dataclass(frozen=True, slots=True)
class Coverage:
    total: int
    translated: int
    reach_total: float
    reach_translated: float

    def line(self, lang: str) -> str:
        share = self.translated / self.total if self.total else 1.0
        weighted = self.reach_translated / self.reach_total if self.reach_total else 1.0
        return (
            f"{lang}: {self.translated} of {self.total} strings translated ({share:.1%}); "
            f"{weighted:.1%} weighted by how often players reach them"
        )


def check_translation(
    story: Story,
    entries: Sequence[Entry],
    catalogue: str,
    places: Mapping[str, Loc],
    reach: Mapping[str, float] | None = None,
    rejected: Mapping[str, Sequence[tuple[str, str, int]]] | None = None,
) -> tuple[list[Problem], Coverage]:
    """Problems of the catalogue at path `catalogue` and the translated share. `places` is
    where each key's source is written; `reach` the share of runs entering each node;
    `rejected` the faults of translations the loader could not use (Story.rejected of the
    story loaded with this catalogue)."""
    texts = story.texts()
    problems: list[Problem] = []
    live: dict[str, Entry] = {}
    for e in entries:
        if e.obsolete:
            continue
        if e.key in live:
            first = live[e.key].line
            problems.append(_at(catalogue, e, ORPHANED, f'"{e.key}" again (first at line {first})'))
        elif e.key not in texts:
            problems.append(_at(catalogue, e, ORPHANED, f'"{e.key}": no such text in the story'))
        else:
            live[e.key] = e
    done = set()
    for key, (source, loc) in texts.items():
        where = places.get(key, loc)
        found = live.get(key)
        if found is None:
            problems.append(
                Problem(*where, MISSING, f'"{key}" has no entry in {catalogue}: run l10n update')
            )
            continue
        e = found
        if not e.translation:
            problems.append(_at(catalogue, e, MISSING, f'"{key}" is not translated ({where})'))
        elif e.fuzzy or e.source != source:
            what = "marked fuzzy" if e.fuzzy else "not updated: run l10n update"
            problems.append(
                _at(catalogue, e, FUZZY, f'"{key}": the source changed ({what}; {where})')
            )
        else:
            done.add(key)
            problems.extend(_faults(catalogue, e, source, where, (rejected or {}).get(key, ())))
    return problems, _coverage(story, texts, done, reach)


def _faults(
    catalogue: str, e: Entry, source: str, where: Loc, faults: Sequence[tuple[str, str, int]]
) -> list[Problem]:
    out = []
    for code, message, _offset in faults:
        out.append(_at(catalogue, e, FAULTY, f'"{e.key}": {code} {message} (source at {where})'))
    differs = mismatch(source, e.translation)
    if differs:
        out.append(_at(catalogue, e, MISMATCHED, f'"{e.key}": {differs} ({where})'))
    return out


def mismatch(source: str, translation: str) -> str:
    """What a translation writes differently from its source ("" when nothing): values,
    constructs and their conditions, emphasis. Their order may change with the grammar."""
    a, b = _LITERAL.sub("", source), _LITERAL.sub("", translation)
    for what, pattern in (("placeholders", _VALUE), ("constructs", _CONSTRUCT)):
        wa, wb = Counter(pattern.findall(a)), Counter(pattern.findall(b))
        if wa != wb:
            return f"{what} differ: the source has {_list(wa)}, the translation {_list(wb)}"
    ca = Counter(" ".join(c.split()) for c in _CONDITION.findall(a))
    cb = Counter(" ".join(c.split()) for c in _CONDITION.findall(b))
    if ca != cb:
        return f"conditions differ: the source has {_list(ca)}, the translation {_list(cb)}"
    for mark, name in (("**", "strong emphasis"), ("*", "emphasis")):
        na, nb = a.count(mark), b.count(mark)
        if na != nb:
            return f"{name} differs: {mark} {na} times in the source, {nb} in the translation"
        a, b = a.replace(mark, ""), b.replace(mark, "")
    return ""


def _list(counts: Counter[str]) -> str:
    return ", ".join(f"{{{k}}}" + (f" x{n}" if n > 1 else "") for k, n in counts.items()) or "none"


def _at(catalogue: str, e: Entry, code: str, message: str) -> Problem:
    return Problem(catalogue, e.line, 1, code, message)


def _coverage(
    story: Story, texts: Mapping[str, object], done: set[str], reach: Mapping[str, float] | None
) -> Coverage:
    total = weighted = 0.0
    for key in texts:
        node = key.split(".", 1)[0]
        weight = reach.get(node, 0.0) if reach is not None and node in story.nodes else 1.0
        total += weight
        weighted += weight if key in done else 0.0
    return Coverage(len(texts), len(done), total, weighted)


def outdated(old: Story, new: Story, translated: Mapping[str, str]) -> list[tuple[str, Loc]]:
    """(key, where) of every translated text whose source an edit from `old` to `new`
    changed: what `l10n update` will mark fuzzy."""
    before = old.texts()
    return [
        (key, loc)
        for key, (source, loc) in new.texts().items()
        if key in translated and key in before and before[key][0] != source
    ]
