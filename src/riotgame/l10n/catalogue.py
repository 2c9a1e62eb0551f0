"""Story catalogues: gettext PO files keyed by text key (msgctxt = key, msgid = source).

`template(story)` is the POT of every text a player reads; `merge(old, template)` updates a
language's catalogue the way msgmerge does, by key: an unchanged source keeps its
translation, a changed one keeps it marked fuzzy with the source it was made from
(`#| msgid`), a removed one becomes obsolete (`#~`), a new one is added empty. When a key
moved (a paragraph inserted before it) and its source did not change, the translation
follows it. PO files are untrusted input: `read_po` bounds their size and turns every
fault into a CatalogueError at path:line.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

from riotgame.engine.analysis.translation import UNREADABLE, Entry
from riotgame.engine.story.localise import exact_places
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.l10n.language import LOCALES
from riotgame.paths import cache_dir

MAX_BYTES = 8_000_000  # the whole story's Spanish catalogue is well under 1 MB
TEMPLATE = "story.pot"


class CatalogueError(Exception):
    """A catalogue that cannot be read: `problem` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.concise())
        self.problem = problem


def catalogue_path(story_dir: Path, lang: str) -> Path:
    return Path(story_dir) / LOCALES / f"{lang}.po"


def read_po(path: Path) -> polib.POFile:
    """The catalogue at `path`; CatalogueError when it is too big, not UTF-8 or not PO."""

    def fail(line: int, message: str) -> CatalogueError:
        return CatalogueError(Problem(str(path), line, 1 if line else 0, UNREADABLE, message))

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(0, f"catalogue is {size:,} bytes, over the limit of {MAX_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(0, f"cannot read the catalogue: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(line, f"not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise fail(text[: text.index("\x00")].count("\n") + 1, "a NUL character in the file")
    try:
        return polib.pofile(text, wrapwidth=79, check_for_duplicates=False)
    except (OSError, ValueError) as exc:  # polib says "Syntax error in po file (line N)"
        message = str(exc)
        digits = "".join(c for c in message.rsplit("line", 1)[-1] if c.isdigit())
        raise fail(int(digits) if digits else 1, f"not a PO catalogue: {message}") from None


def entries(po: polib.POFile, text: str) -> list[Entry]:
    """Every entry with a key, with the line of its msgstr, for the checks."""
    lines = text.splitlines()
    out = []
    for e in [*po, *po.obsolete_entries()]:
        if not e.msgctxt:
            continue
        line = e.linenum
        while line <= len(lines) and not lines[line - 1].lstrip("#~ ").startswith("msgstr"):
            line += 1
        out.append(
            Entry(
                key=e.msgctxt,
                source=e.msgid,
                translation=e.msgstr,
                fuzzy="fuzzy" in e.flags,
                obsolete=bool(e.obsolete),
                line=line if line <= len(lines) else e.linenum,
                previous=e.previous_msgid or "",
            )
        )
    return out


def translations(po: polib.POFile) -> dict[str, str]:
    """key -> translation, for play: translated entries that are not fuzzy or obsolete."""
    return {
        e.msgctxt: e.msgstr
        for e in po
        if e.msgctxt and e.msgstr and "fuzzy" not in e.flags and not e.obsolete
    }


def load_translations(story_dir: Path, lang: str) -> dict[str, str]:
    """The translations of the story in `lang` ({} when it has no catalogue). polib takes
    ~0.2 s to read the whole story's catalogue, so what it gives is cached by the hash of
    the file's bytes, as parsed story files are (riotgame.paths.cache_dir)."""
    path = catalogue_path(story_dir, lang)
    if not path.is_file():
        return {}
    cache = cache_dir()
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else b""
    except OSError:
        raw = b""
    cached = cache / f"po-{hashlib.sha256(raw).hexdigest()}.json" if cache and raw else None
    found = _read_cached(cached) if cached else None
    if found is not None:
        return found
    done = translations(read_po(path))
    if cached:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(done, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # no cache: the next start reads the catalogue again
    return done


def _read_cached(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        return data
    return None


def template(story: Story, relative_to: Path | None = None) -> polib.POFile:
    """The POT: one entry per key, with its source and where it is written."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = _metadata(story, "")
    places = exact_places(story)
    for key, (source, loc) in story.texts().items():
        where = places.get(key, loc)
        path = _shown(where.path, relative_to)
        pot.append(
            polib.POEntry(msgctxt=key, msgid=source, msgstr="", occurrences=[(path, where.line)])
        )
    return pot


@dataclass
class Merged:
    kept: int = 0
    fuzzy: list[str] = field(default_factory=list)  # keys whose source changed
    new: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old key, new key)
    untranslated: int = 0  # entries that were empty and still are

    def line(self) -> str:
        return (
            f"{self.kept} unchanged, {len(self.fuzzy)} marked fuzzy, {len(self.new)} new, "
            f"{len(self.moved)} moved, {len(self.obsolete)} made obsolete, "
            f"{self.untranslated} still untranslated"
        )


def merge(old: polib.POFile, pot: polib.POFile, lang: str) -> tuple[polib.POFile, Merged]:
    """The catalogue `old` brought up to the template `pot` (see the module's docstring).

    Each template entry takes, in this order: the old entry with its key and source; an
    unclaimed old entry with its source (it moved: one of the same node first); the old
    entry with its key (the source changed: fuzzy); nothing (new)."""
    done = Merged()
    olds = [e for e in [*old, *old.obsolete_entries()] if e.msgctxt]
    by_key = {e.msgctxt: e for e in olds}
    claimed: set[int] = set()  # id() of the old entries a template entry took
    match = _unchanged(pot, by_key, claimed)
    _match_moved(pot, olds, match, claimed, done)
    out = polib.POFile(wrapwidth=79)
    out.metadata = {**pot.metadata, **old.metadata, "Language": lang}
    for t in pot:
        entry = polib.POEntry(msgctxt=t.msgctxt, msgid=t.msgid, occurrences=t.occurrences)
        was = match.get(t.msgctxt)
        if was is None:
            was = by_key.get(t.msgctxt)
            was = was if was is not None and id(was) not in claimed else None
            if was is not None:
                claimed.add(id(was))
        _carry(entry, was, done)
        out.append(entry)
    for e in olds:  # what no template entry took stays, as obsolete, if it was translated
        if id(e) not in claimed and e.msgstr:
            out.append(
                polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr, obsolete=True)
            )
            if not e.obsolete:
                done.obsolete.append(e.msgctxt)
    return out, done


def _unchanged(
    pot: polib.POFile, by_key: dict[str, polib.POEntry], claimed: set[int]
) -> dict[str, polib.POEntry]:
    """The old entries with the same key and source as a template entry, by key."""
    match: dict[str, polib.POEntry] = {}
    for t in pot:
        was = by_key.get(t.msgctxt)
        if was is not None and was.msgid == t.msgid:
            match[t.msgctxt] = was
            claimed.add(id(was))
    return match


def _match_moved(
    pot: polib.POFile,
    olds: list[polib.POEntry],
    match: dict[str, polib.POEntry],
    claimed: set[int],
    done: Merged,
) -> None:
    """Template entries still without a match take an unclaimed, translated old entry with
    their source (it moved), into `match`."""
    by_source: dict[str, list[polib.POEntry]] = {}
    for e in olds:
        if id(e) not in claimed and e.msgstr:
            by_source.setdefault(e.msgid, []).append(e)
    for t in pot:
        if t.msgctxt in match:
            continue
        moved = _moved(t, by_source.get(t.msgid, []), claimed)
        if moved is not None:
            match[t.msgctxt] = moved
            done.moved.append((moved.msgctxt, t.msgctxt))


def _moved(
    t: polib.POEntry, candidates: list[polib.POEntry], claimed: set[int]
) -> polib.POEntry | None:
    node = t.msgctxt.split(".", 1)[0]
    free = [e for e in candidates if id(e) not in claimed]
    free.sort(key=lambda e: e.msgctxt.split(".", 1)[0] != node)
    if not free:
        return None
    claimed.add(id(free[0]))
    return free[0]


def _carry(entry: polib.POEntry, was: polib.POEntry | None, done: Merged) -> None:
    """What `entry` (the template's) keeps of the catalogue's entry `was` for its key."""
    if was is None or not was.msgstr:
        if was is None:
            done.new.append(entry.msgctxt)
        else:
            done.untranslated += 1
        return
    entry.msgstr, entry.tcomment = was.msgstr, was.tcomment
    fuzzy = "fuzzy" in was.flags
    if was.msgid == entry.msgid:  # the source is as it was at the last update
        if fuzzy:
            entry.flags, entry.previous_msgid = ["fuzzy"], was.previous_msgid
        done.kept += 1
        return
    # the source the translation was made from: the oldest the translator has not seen
    previous = was.previous_msgid if fuzzy and was.previous_msgid else was.msgid
    if previous == entry.msgid:  # changed back to what was translated
        done.kept += 1
        return
    entry.flags, entry.previous_msgid = ["fuzzy"], previous
    done.fuzzy.append(entry.msgctxt)


def write_po(po: polib.POFile, path: Path) -> None:
    """Write atomically: a crash never leaves a half-written catalogue."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(str(po) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _metadata(story: Story, lang: str) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{story.id}",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "riotgame l10n",
    }


def _shown(path: str, relative_to: Path | None) -> str:
    if relative_to is None:
        return path
    try:
        return str(Path(path).resolve().relative_to(relative_to.resolve()))
    except ValueError:
        return path
