"""The compiled form of a story that loaded without errors: the Story itself, as JSON.

The form is lines of JSON. The first, the header, says what it was made from and by:
the form's `format`, the `engine` that made it (a digest of the story layer's own source
files, so any change to the loader or the model makes old forms stale), the `key` (a
SHA-256 of every source file's path as shown and its bytes, in loading order: the same
hash the story's fingerprint is cut from), those `sources`, the `lang` (a digest of the
translation catalogue it was localised with, "" for none) and the loader's `problems`
(warnings: a form is only made when there are no errors). The other lines are the Story
(codec.py), as dumps_compiled lays it out. Reading the header alone tells whether the
form is stale, without the body.

Loading a form runs no YAML parser and no loader: the declarations and the graph are
decoded, and each node is built from its line when first read, its expressions compiled
again from their sources, so a 10,000-node story loads in a fraction of the time. The
form is untrusted input: its size is bounded, its lines are parsed as JSON (never pickle
or eval), every value is checked, and any fault is a CompiledError of one line (or, in a
node's line read later, what codec_lazy.py says). The loader keeps forms in its cache
directory (compiledcache.py); the web build ships one as `story.json`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from riotgame import __version__
from riotgame.engine.story import codec
from riotgame.engine.story.codec_lazy import EXPRS_A_LINE, Rescue, build_all
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.source import Unreadable, read_bounded

FORMAT = 5  # the layout of the compiled form (4: a line a node, built when first read;
#   5: a text unit keeps only what its string holds before its paragraph)
MAX_BYTES = 200_000_000  # a 10,000-node story (10 MB of YAML) compiles to about 12 MB
MAX_HEADER = 10_000_000
UNITS_A_LINE = 500
HEADER_KEYS = ("format", "engine", "key", "sources", "lang", "problems")


class CompiledError(Exception):
    """A compiled story that cannot be used; str() says why in one line."""


# -- what a form is made from --------------------------------------------------------------
_STAMP: list[str] = []


def engine_stamp() -> str:
    """A digest of the source of the code that builds a Story (this package) and the
    riotgame version: a form made by other code is stale."""
    if not _STAMP:
        digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            try:
                digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
            except OSError:  # inside a zip (the browser): the version and format say it
                continue
        _STAMP.append(digest.hexdigest()[:32])
    return _STAMP[0]


def sources_key(files: Sequence[str]) -> str:
    """The key of the sources as they are now: a SHA-256 of each file's path (as the
    loader shows it) and bytes, in loading order. Raises Unreadable."""
    digest = hashlib.sha256()
    for shown in files:
        digest.update(shown.encode() + b"\0" + read_bounded(Path(shown)) + b"\0")
    return digest.hexdigest()


def lang_key(translations: Mapping[str, str] | None) -> str:
    """A digest of a translation catalogue ("" for none): a form is only for its own."""
    if not translations:
        return ""
    text = json.dumps(sorted(translations.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# -- making and reading a form -------------------------------------------------------------
def make_form(
    story: Story, problems: Sequence[Problem], key: str, lang: str = ""
) -> dict[str, Any]:
    """The compiled form of a story loaded without errors, from sources of `key`."""
    assert not any(p.is_error for p in problems), "only a story without errors compiles"
    return {
        "format": FORMAT,
        "engine": engine_stamp(),
        "key": key,
        "sources": list(story.files),
        "lang": lang,
        "problems": [[p.path, p.line, p.col, p.code, p.message] for p in problems],
        "story": codec.encode(story),
    }


def is_fresh(compiled: Mapping[str, Any]) -> bool:
    """Whether the form still matches its source files on disk."""
    try:
        return bool(sources_key(compiled["sources"]) == compiled["key"])
    except (Unreadable, OSError, KeyError, TypeError, ValueError):
        return False


def portable(compiled: Mapping[str, Any], root: str | Path) -> dict[str, Any]:
    """The form with every file path written relative to `root`, for a form that leaves
    this machine (the web build): it names no folder of whoever built it."""
    base = os.path.abspath(root)

    def rel(path: str) -> str:
        return os.path.relpath(path, base) if os.path.isabs(path) else path

    story = dict(compiled["story"])
    story["root"] = "."
    story["files"] = [rel(p) for p in story["files"]]
    story["paths"] = [rel(p) for p in story["paths"]]
    story["chapters"] = [[n, title, rel(p)] for n, title, p in story["chapters"]]
    problems = [[rel(row[0]), *row[1:]] for row in compiled["problems"]]
    sources = [rel(p) for p in compiled["sources"]]
    return {**compiled, "sources": sources, "problems": problems, "story": story}


def dumps_compiled(compiled: Mapping[str, Any]) -> str:
    """The form as text: the header line; the story's line, without its nodes, text units
    and expressions but with its graph (each node's id, ending and targets); then a line
    per node, a line per UNITS_A_LINE units and a line per EXPRS_A_LINE expressions, so
    a reader parses a node's line only when the node is first read (codec_lazy.py)."""
    header = {k: compiled[k] for k in HEADER_KEYS}
    body = dict(compiled["story"])
    nodes, units, exprs = body.pop("nodes"), body.pop("units"), body.pop("exprs")
    unit_lines = _chunks(units, UNITS_A_LINE)
    expr_lines = _chunks(exprs, EXPRS_A_LINE)
    body["graph"] = [_graph_row(row) for row in nodes]
    body["lines"] = [len(nodes), len(unit_lines), len(expr_lines)]
    lines = [_dumps(header), _dumps(body), *map(_dumps, nodes), *unit_lines, *expr_lines]
    return "\n".join(lines) + "\n"


def _chunks(rows: list[Any], size: int) -> list[str]:
    return [_dumps(rows[i : i + size]) for i in range(0, len(rows), size)]


def _graph_row(row: Any) -> Any:
    """[id, ending, target...] of a node's row (codec.encode): its choices' gotos, then its
    routes'. What is not a node's row is written as it is, for the reader to refuse."""
    if not (isinstance(row, list) and len(row) == 13 and isinstance(row[8], list)):
        return row
    choices, routes = row[8], row[9]
    gotos = [c[2] if isinstance(c, list) and len(c) > 2 else None for c in choices]
    gotos += [r[1] if isinstance(r, list) and len(r) > 1 else None for r in routes]
    return [row[0], row[10], *gotos]


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads_header(text: str) -> dict[str, Any]:
    """The header of a form's text (its first line), checked. Raises CompiledError."""
    if len(text) > MAX_BYTES:
        raise CompiledError(f"{len(text):,} characters is too large for a compiled story")
    end = text.find("\n", 0, MAX_HEADER)
    header = _json(text[: end if end >= 0 else MAX_HEADER])
    if header.get("format") != FORMAT:
        raise CompiledError(
            f"compiled story format {str(header.get('format'))[:20]}; this version reads"
            f" {FORMAT}: build it again"
        )
    if not all(isinstance(header.get(k), str) for k in ("engine", "key", "lang")):
        raise CompiledError('a compiled story needs "engine", "key" and "lang"')
    sources = header.get("sources")
    if not (isinstance(sources, list) and all(isinstance(p, str) for p in sources)):
        raise CompiledError('"sources" in a compiled story must list file names')
    header["problems"] = _problems(header.get("problems"))
    return header


def loads_compiled(text: str) -> dict[str, Any]:
    """The form in `text`: its header checked, its story's line parsed, the lines of its
    nodes, units and expressions kept as text to be parsed when read. Raises CompiledError."""
    header = loads_header(text)
    lines = text.split("\n")
    body = _json(lines[1]) if len(lines) > 1 else {}
    counts = body.pop("lines", None)
    if not (isinstance(counts, list) and len(counts) == 3 and all(type(n) is int for n in counts)
            and all(n >= 0 for n in counts) and len(lines) >= 2 + sum(counts)):  # fmt: skip
        raise CompiledError("a compiled story's lines are not all there")
    units_at, exprs_at = 2 + counts[0], 2 + counts[0] + counts[1]
    body["nodes"], body["units"] = lines[2:units_at], lines[units_at:exprs_at]
    body["exprs"] = lines[exprs_at : exprs_at + counts[2]]
    header["story"] = body
    return header


def _json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CompiledError(f"not a compiled story: {str(exc)[:80]}") from None
    if not isinstance(data, dict):
        raise CompiledError("not a compiled story: each line must be an object")
    return data


def _problems(rows: object) -> list[Problem]:
    if not isinstance(rows, list):
        raise CompiledError('"problems" in a compiled story must be a list')
    out = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5
                and all(type(v) is t for v, t in zip(row, (str, int, int, str, str), strict=True))
                and row[3][:1] == "W"):  # fmt: skip
            raise CompiledError('each of "problems" must be [path, line, col, Wcode, message]')
        out.append(Problem(*row))
    return out


def load_compiled(
    compiled: Mapping[str, Any], rescue: Rescue | None = None
) -> tuple[Story, list[Problem]]:
    """The Story of a form (from loads_compiled) and the warnings it was loaded with.
    With `rescue` (the loader's: the same story loaded from its YAML), a node is built
    from its line when first read, and a damaged line is replaced from the YAML; without
    (the web build, a form given by hand) every line is read and checked now.
    Raises CompiledError for a broken form."""
    body = compiled.get("story")
    if not isinstance(body, dict):
        raise CompiledError("a compiled story needs its story")
    try:
        story = codec.decode(body, rescue)
        if rescue is None:
            build_all(story)
    except codec.FormError as exc:
        raise CompiledError(str(exc)) from None
    if not story.fingerprint == str(compiled.get("key"))[:16]:
        raise CompiledError("the story's fingerprint is not its key's")
    return story, list(compiled.get("problems", []))
