"""A story compiled at build time: what the loader needs, as JSON, so it loads with no YAML.

`compile_story(root)` runs the loader once and records every file it parsed: the tree of
values with their positions (what `yamlfile.parse_yaml` returns), keyed by a SHA-256 of
every source file's path and bytes. `load_compiled(data)` runs the same loader over those
trees instead of reading and parsing files, so the Story it builds is the one the YAML
gives: the same nodes, compiled expressions, locations and fingerprint. The source text is
not shipped, so the places the loader found inside scalars (where an inline alternative
starts in a block of text) are recorded with the trees. The web build
(`riotgame build-web`) ships this form, so the browser never parses YAML to start a game.

The JSON is read as untrusted input: its size is bounded, its shape is checked, and every
fault is a CompiledError with one line that says what is wrong.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from riotgame.engine.story.loader import _Loader
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.yamlfile import CACHE_VERSION, Pos, YList, YMap

FORMAT = 2  # the layout of the compiled form (2: places inside scalars)
PARSE_VERSION = CACHE_VERSION  # the trees are parse_yaml's results: they change together
MAX_BYTES = 50_000_000  # the real story compiles to ~2 MB


class CompiledError(Exception):
    """A compiled story that cannot be used; str() says why in one line."""


def compile_story(
    root: str | Path, extra_files: Iterable[str | Path] = ()
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Load the story and return (its compiled form, problems). None when it has errors."""
    extra = [Path(p) for p in extra_files]
    loader = _RecordingLoader(Path(root), extra)
    story, problems = _quietly(loader)
    if story is None or any(p.is_error for p in problems):
        return None, problems
    compiled = {
        "format": FORMAT,
        "parse_version": PARSE_VERSION,
        "key": loader.hasher.hexdigest(),
        "fingerprint": story.fingerprint,
        "root": story.root,
        "extra": [str(p) for p in extra],
        "files": [[shown, _encode(tree)] for shown, tree in loader.trees],
        "places": [[*key, *place] for key, place in loader.places.items()],
    }
    return compiled, problems


def sources_key(files: Sequence[str]) -> str:
    """The key of the sources as they are now on disk: a SHA-256 of each file's path (as
    the loader shows it) and bytes, in loading order. Raises OSError for a missing file."""
    digest = hashlib.sha256()
    for shown in files:
        digest.update(shown.encode() + b"\0" + Path(shown).read_bytes() + b"\0")
    return digest.hexdigest()


def is_fresh(compiled: dict[str, Any]) -> bool:
    """Whether the compiled form still matches its source files on disk."""
    try:
        return bool(sources_key([shown for shown, _ in compiled["files"]]) == compiled["key"])
    except (OSError, KeyError, TypeError, ValueError):
        return False


def dumps_compiled(compiled: dict[str, Any]) -> str:
    return json.dumps(compiled, ensure_ascii=False, separators=(",", ":"))


def loads_compiled(text: str) -> dict[str, Any]:
    """Parse compiled JSON text. Raises CompiledError."""
    if len(text) > MAX_BYTES:
        raise CompiledError(f"{len(text):,} characters is too large for a compiled story")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CompiledError(f"not a compiled story: {exc}") from None
    if not isinstance(data, dict):
        raise CompiledError("not a compiled story: the top level must be an object")
    return data


def load_compiled(compiled: dict[str, Any]) -> tuple[Story | None, list[Problem]]:
    """Build the Story from its compiled form, as load_story builds it from the files.
    Raises CompiledError for a form of another format or a broken one."""
    if compiled.get("format") != FORMAT or compiled.get("parse_version") != PARSE_VERSION:
        raise CompiledError(
            f"compiled story format {compiled.get('format')}/{compiled.get('parse_version')};"
            f" this version reads {FORMAT}/{PARSE_VERSION}: build it again"
        )
    root, extra = compiled.get("root"), compiled.get("extra")
    fingerprint, files = compiled.get("fingerprint"), compiled.get("files")
    if not (isinstance(root, str) and isinstance(fingerprint, str) and isinstance(files, list)):
        raise CompiledError('a compiled story needs "root", "fingerprint" and "files"')
    if not (isinstance(extra, list) and all(isinstance(p, str) for p in extra)):
        raise CompiledError('"extra" in a compiled story must list file names')
    trees = {}
    for item in files:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise CompiledError('each of "files" must be [path, tree]')
        trees[item[0]] = _decode_checked(item[1], item[0])
    loader = _CompiledLoader(Path(root), [Path(p) for p in extra], trees)
    loader.places = _places(compiled.get("places", []))
    story, problems = _quietly(loader)
    if story is None or any(p.is_error for p in problems):
        return None, problems
    return replace(story, fingerprint=fingerprint), problems


# -- the loader, recording or replaying what it parsed -------------------------------------------
class _RecordingLoader(_Loader):
    def __init__(self, root: Path, extra: list[Path]) -> None:
        super().__init__(root, extra)
        self.trees: list[tuple[str, object]] = []
        self.places: dict[_At, Pos] = {}

    def place_inside(self, path: str, pos: Pos, style: Any, value: str, offset: int) -> Pos:
        place = super().place_inside(path, pos, style, value, offset)
        self.places[(path, *pos, offset)] = place
        return place

    def read(self, path: Path, shown: str) -> tuple[object, str | None]:
        data, err = super().read(path, shown)
        if err is None:
            self.trees.append((shown, data))
        return data, err


class _CompiledLoader(_Loader):
    def __init__(self, root: Path, extra: list[Path], trees: dict[str, object]) -> None:
        super().__init__(root, extra)
        self.trees = trees
        self.places: dict[_At, Pos] = {}

    def place_inside(self, path: str, pos: Pos, style: Any, value: str, offset: int) -> Pos:
        recorded = self.places.get((path, *pos, offset))
        return recorded or super().place_inside(path, pos, style, value, offset)

    def root_exists(self) -> bool:
        return True  # the files are in the compiled form, not on disk

    def read(self, path: Path, shown: str) -> tuple[object, str | None]:
        if shown not in self.trees:
            return None, f"file not found: {shown}"
        self.sources[shown] = ""  # only faults are placed with the source: there are none
        return self.trees[shown], None


_At = tuple[str, int, int, int]  # (path, line, col) of a scalar, and an offset in its value


def _places(rows: object) -> dict[_At, Pos]:
    """The recorded places: [path, line, col, offset, line, col] rows."""
    if not isinstance(rows, list):
        raise CompiledError('"places" in a compiled story must be a list')
    places: dict[_At, Pos] = {}
    for row in rows:
        if not (
            isinstance(row, list)
            and len(row) == 6
            and isinstance(row[0], str)
            and all(type(n) is int for n in row[1:])
        ):
            raise CompiledError('each of "places" must be [path, line, col, offset, line, col]')
        places[(row[0], row[1], row[2], row[3])] = (row[4], row[5])
    return places


def _quietly(loader: _Loader) -> tuple[Story | None, list[Problem]]:
    enabled = gc.isenabled()
    gc.disable()  # as read_story: many small objects, almost none freed
    try:
        return loader.load()
    finally:
        if enabled:
            gc.enable()


# -- trees as JSON ---------------------------------------------------------------------------
# A mapping is ["M", line, col, keys, key positions, values, value positions, styles] and a
# list ["L", line, col, items, item positions, styles]; positions are flat [line, col, ...].
# Scalars (text, numbers, true/false, null) are themselves: a scalar is never a JSON list.
def _flat(positions: Iterable[tuple[int, int]]) -> list[int]:
    return [n for pos in positions for n in pos]


def _pairs(flat: list[int]) -> list[tuple[int, int]]:
    if len(flat) % 2 or not all(type(n) is int for n in flat):
        raise ValueError("positions must be pairs of whole numbers")
    return list(zip(flat[::2], flat[1::2], strict=True))


def _encode(value: object) -> object:
    if isinstance(value, YMap):
        keys = list(value)
        return ["M", *value.pos, keys, _flat(value.key_pos[k] for k in keys),
                [_encode(value[k]) for k in keys], _flat(value.val_pos[k] for k in keys),
                [value.val_style[k] for k in keys]]  # fmt: skip
    if isinstance(value, YList):
        return ["L", *value.pos, [_encode(v) for v in value], _flat(value.item_pos),
                list(value.item_style)]  # fmt: skip
    return value


def _decode(value: object) -> object:
    if not isinstance(value, list):
        if isinstance(value, dict):
            raise ValueError("an object where a value was expected")
        return value
    if value[0] == "M" and len(value) == 8:
        _, line, col, keys, key_pos, values, val_pos, styles = value
        out = YMap((int(line), int(col)))
        if not len(keys) == len(values) == len(styles):
            raise ValueError("a mapping's keys, values and styles differ in number")
        out.update(zip(keys, map(_decode, values), strict=True))
        out.key_pos = dict(zip(keys, _pairs(key_pos), strict=True))
        out.val_pos = dict(zip(keys, _pairs(val_pos), strict=True))
        out.val_style = dict(zip(keys, styles, strict=True))
        return out
    if value[0] == "L" and len(value) == 6:
        _, line, col, items, item_pos, styles = value
        seq = YList((int(line), int(col)))
        seq.extend(map(_decode, items))
        seq.item_pos = _pairs(item_pos)
        seq.item_style = list(styles)
        if not len(seq) == len(seq.item_pos) == len(seq.item_style):
            raise ValueError("a list's items, positions and styles differ in number")
        return seq
    raise ValueError("a list that is neither a mapping nor a list tree")


def _decode_checked(tree: object, shown: str) -> object:
    try:
        return _decode(tree)
    except (ValueError, TypeError, IndexError, RecursionError) as exc:
        raise CompiledError(f"{shown}: broken compiled tree: {exc}") from None
