"""YAML files -> Story. Collects every problem in one pass instead of stopping at the first.

The loader reads the manifest, then every chapter file (and any extra branch files given
with `--with`). It first gathers declarations (stats, flags, node ids) from all files, so a
chapter may refer to anything declared anywhere, then builds nodes, compiling conditions,
effects and text once. The phases live beside it: reader.py (shared state and problem
helpers), declarations.py, named.py, nodes.py, weave.py, textload.py. Graph-level checks
(reachability, unused flags...) live in analysis/check.py.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from riotgame.engine.story.codec_lazy import pending
from riotgame.engine.story.compiled import make_form
from riotgame.engine.story.compiledcache import Asked, load_cached, store
from riotgame.engine.story.declarations import declare, read_endings, read_interrupts
from riotgame.engine.story.expr import Scope
from riotgame.engine.story.keys import CHAPTER_KEYS, ID, MANIFEST, MANIFEST_KEYS, MANIFEST_REQUIRED
from riotgame.engine.story.localise import localised
from riotgame.engine.story.model import Chapter, Node, Story
from riotgame.engine.story.named import read_named
from riotgame.engine.story.nodes import check_references, make_node, read_extends, read_nodes
from riotgame.engine.story.problems import Problem, without_follow_ons
from riotgame.engine.story.reader import RawNode, Reader, StoryFile, describe
from riotgame.engine.story.textload import units_of
from riotgame.engine.story.weave import SEP, weave
from riotgame.engine.story.yamlfile import Pos, YList, YMap
from riotgame.paths import cache_dir

StoryPath = str | Path


def load_story(
    root: StoryPath,
    extra_files: Iterable[StoryPath] = (),
    translations: Mapping[str, str] | None = None,
) -> tuple[Story | None, list[Problem]]:
    """Load the story in directory `root` plus branch files. Returns (story or None, problems).

    The story is None when there is any error; warnings come back with a story.
    `translations` (text key -> translated source) replaces every text it holds; the others
    stay as written (see localise.py).
    """
    story, problems = read_story(root, extra_files, translations)
    if any(p.is_error for p in problems):
        return None, problems
    return story, problems


def read_story(
    root: StoryPath,
    extra_files: Iterable[StoryPath] = (),
    translations: Mapping[str, str] | None = None,
) -> tuple[Story | None, list[Problem]]:
    """Like load_story, but returns whatever could be built even when there are errors,
    so `check` can go on to report graph problems. Never play the result.

    A story that loads without errors is kept in the cache directory in its compiled form
    (compiledcache.py), and taken from there while its sources stay the same."""
    extra = [Path(p) for p in extra_files]
    cache = cache_dir()
    asked = (root, extra, translations)
    with _no_gc():
        if cache is not None:
            cached = load_cached(cache, asked, lambda: _rescued(cache, asked))
            if cached is not None:
                return cached
        return _from_yaml(cache, asked)


def _from_yaml(cache: Path | None, asked: Asked) -> tuple[Story | None, list[Problem]]:
    """The story loaded from its YAML, and kept in its compiled form when it has no errors."""
    root, extra, translations = asked
    loader = _Loader(Path(root), [Path(p) for p in extra])
    loader.texts.translations = translations
    story, problems = loader.load()
    if story is not None and translations:
        story = localised(story, translations, loader.texts.rejected)
    kept = story is not None and story.complete and not any(p.is_error for p in problems)
    if cache is not None and story is not None and kept:
        store(cache, asked, story, problems, loader.hasher.hexdigest())
    return story, problems


def _rescued(cache: Path, asked: Asked) -> Story | None:
    """The story loaded again from its YAML, when a line of its compiled form turns out
    damaged as it is read (the form is written anew)."""
    with _no_gc():
        story, problems = _from_yaml(cache, asked)
    return None if any(p.is_error for p in problems) else story


@contextmanager
def _no_gc() -> Iterator[None]:
    """The collector paused: the loader makes many small objects and frees almost none."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compile_story(
    root: StoryPath, extra_files: Iterable[StoryPath] = ()
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The compiled form of the story (compiled.py) and its problems; None when it has
    errors. The story is built afresh from its sources, not taken from a compiled form."""
    loader = _Loader(Path(root), [Path(p) for p in extra_files])
    with _no_gc():
        story, problems = loader.load()
        if story is None or not story.complete or any(p.is_error for p in problems):
            return None, problems
        return make_form(story, problems, loader.hasher.hexdigest()), problems


class _Header(NamedTuple):
    """What story.yaml says of the story itself."""

    id: str
    title: str
    start: str
    content_note: str
    version: int


class _Loader(Reader):
    # Files that did not load, and what they leave undeclared ("nodes", "names"): the
    # problems that only say "no such node/stat/flag" may follow from them, so are hidden.
    incomplete: frozenset[str] = frozenset()

    def did_not_load(self) -> None:
        self.incomplete = self.incomplete | {"nodes", "names"}

    def load(self) -> tuple[Story | None, list[Problem]]:
        opened = self.open_manifest()
        if opened is None:
            return None, self.problems
        manifest, header = opened
        files = [manifest, *self.open_chapters(manifest)]
        self.scope = Scope(
            {name: i for i, name in enumerate(self.stats)},
            {name: i for i, name in enumerate(self.flags)},
            {name: (d.min, d.max) for name, d in self.stats.items()},
        )
        refused = _refused_declarations(files)  # before build, which lets the trees go
        story = self.build(header, files)
        incomplete = self.incomplete | refused
        if not incomplete:
            return story, self.problems
        # the graph is partial: graph checks on it would only repeat the missing names
        return replace(story, complete=False), without_follow_ons(self.problems, incomplete)

    # -- opening files ---------------------------------------------------------------------
    def open_manifest(self) -> tuple[StoryFile, _Header] | None:
        """story.yaml, read and its declarations gathered; None when there is none to use."""
        path = self.root / MANIFEST
        shown = str(path)
        if not self.root_exists():
            self.add(str(self.root), (0, 0), "E101", "story directory not found")
            return None
        data, err = self.read(path, shown)
        if err:
            self.add(shown, (0, 0), "E101", err)
            return None
        if not isinstance(data, YMap):
            if data is not None:
                self.add(shown, (1, 1), "E107", "story.yaml must be a mapping of keys")
            return None
        self.check_keys(shown, data, MANIFEST_KEYS, MANIFEST_REQUIRED, "story.yaml")
        story_id = self.typed(shown, data, "id", str, "story.yaml", "")
        if story_id and not ID.match(story_id):
            message = f'story id "{story_id}" must be letters, digits and _'
            self.add(shown, data.vpos("id"), "E106", message)
        header = _Header(
            story_id,
            self.typed(shown, data, "title", str, "story.yaml", ""),
            self.typed(shown, data, "start", str, "story.yaml", ""),
            self.typed(shown, data, "content_note", str, "story.yaml", "").strip(),
            self._version(shown, data),
        )
        manifest = StoryFile(shown, data, None)
        self.opened.add(_resolved(path))
        declare(self, manifest)
        return manifest, header

    def _version(self, shown: str, data: YMap) -> int:
        """`version:`, a whole number from 1 (the default): raised when an edit breaks saves."""
        version = self.typed(shown, data, "version", int, "story.yaml", 1)
        if version < 1:
            self.add(shown, data.vpos("version"), "E103", '"version" must be 1 or more')
            return 1
        return version

    def open_chapters(self, manifest: StoryFile) -> list[StoryFile]:
        """The files story.yaml lists, then the extra branch files, in that order."""
        shown, m = manifest.path, manifest.data
        files = []
        listed = self.typed(shown, m, "files", YList, "story.yaml", YList((1, 1)))
        for i, name in enumerate(listed):
            pos = listed.ipos(i)
            if not isinstance(name, str):
                self.add(shown, pos, "E103", f"files lists file names, not {describe(name)}")
                self.did_not_load()
                continue
            target = self.root / name
            if not _inside(target, self.root):
                self.add(shown, pos, "E106", f'"{name}" is outside the story directory')
                self.did_not_load()
                continue
            f = self.open_chapter(target, str(target), (shown, pos))
            if f:
                files.append(f)
        for extra in self.extra:
            f = self.open_chapter(extra, str(extra), None)
            if f:
                files.append(f)
        return files

    def open_chapter(
        self, path: Path, shown: str, listed_at: tuple[str, Pos] | None
    ) -> StoryFile | None:
        """A chapter file, read, its declarations gathered and its node ids claimed.
        `listed_at` is where story.yaml lists it (None for a branch file)."""
        real = _resolved(path)
        at = listed_at or (shown, (0, 0))
        if real in self.opened:
            self.add(*at, "E110", f'"{shown}" is already loaded')
            return None
        self.opened.add(real)
        data, err = self.read(path, shown)
        if err:
            self.add(*at, "E101", err)
        elif data is not None and not isinstance(data, YMap):
            self.add(shown, (1, 1), "E107", "a chapter file must be a mapping with nodes:")
        if not isinstance(data, YMap):
            self.did_not_load()
            return None
        self.check_keys(shown, data, CHAPTER_KEYS, set(), "a chapter file")
        number = self.typed(shown, data, "chapter", int, "a chapter file", 0)
        title = self.typed(shown, data, "title", str, "a chapter file", "")
        f = StoryFile(shown, data, Chapter(number, title or Path(shown).stem, shown))
        declare(self, f)
        nodes = self.typed(shown, data, "nodes", YMap, "a chapter file")
        if nodes:
            for nid in nodes:
                self.claim_node(f, nodes.kpos(nid), nid)
        return f

    def claim_node(self, f: StoryFile, pos: Pos, nid: object) -> None:
        """Record that `f` defines node `nid`, unless the id is malformed or taken."""
        if not isinstance(nid, str) or not ID.match(nid) or SEP in nid:
            self.add(
                f.path,
                pos,
                "E106",
                f'node id "{nid}" must be letters, digits and _ ("{SEP}" is kept for '
                "the steps of woven nodes)",
            )
            return
        other = self.node_defs.get(nid)
        if other is not None:
            first = other.data["nodes"].kpos(nid)
            where = f"{other.path}:{first[0]}:{first[1]}"
            self.add(f.path, pos, "E110", f'node "{nid}" is already defined at {where}')
            return
        self.node_defs[nid] = f
        self.words[nid] = nid  # a goto to it is this very string

    # -- building ----------------------------------------------------------------------------
    def build(self, header: _Header, files: list[StoryFile]) -> Story:
        """The Story from the opened files, once every declaration is known."""
        manifest, chapters = files[0], files[1:]
        shown, m = manifest.path, manifest.data
        named = read_named(self, manifest)
        endings = read_endings(self, manifest)
        interrupts = read_interrupts(self, manifest)
        raw_nodes: dict[str, RawNode] = {}
        for f in chapters:
            read_nodes(self, f, raw_nodes)
        for nid in list(raw_nodes):
            weave(self, nid, raw_nodes[nid], raw_nodes)
        for f in chapters:
            read_extends(self, f, raw_nodes)
        nodes = self.build_nodes(raw_nodes)
        check_references(self, nodes, endings, interrupts, header.start, manifest)
        story = Story(
            id=header.id,
            title=header.title,
            start=header.start,
            root=str(self.root),
            content_note=header.content_note,
            version=header.version,
            stats=tuple(self.stats.values()),
            flags=tuple(self.flags.values()),
            endings=tuple(endings),
            interrupts=tuple(interrupts),
            nodes=nodes,
            chapters=tuple(f.chapter for f in chapters if f.chapter),
            files=tuple(f.path for f in files),
            fingerprint=self.hasher.hexdigest()[:16],
            start_loc=self.loc(shown, m.vpos("start") if "start" in m else m.pos),
            named=named,
            alternative_locs=self.texts.alternative_locs,
        )
        rows = self.texts.units
        return pending(story, lambda: units_of(rows))  # made units when first read

    def build_nodes(self, raw_nodes: dict[str, RawNode]) -> dict[str, Node]:
        """Every node built, in order. For the peak memory, each node's YAML is let go once
        it is built, and a file's source (kept to place faults inside values) once the
        last node that reads that file is."""
        last = {}  # path -> the number of the last node written (or extended) in that file
        for i, raw in enumerate(raw_nodes.values()):
            last[raw.file.path] = i
            last.update((f.path, i) for f, _ in raw.extra)
        done = {i: [p for p in last if last[p] == i] for i in set(last.values())}
        for path in [p for p in self.sources if p not in last]:
            del self.sources[path]
        nodes = {}
        for i, nid in enumerate(list(raw_nodes)):
            raw = raw_nodes.pop(nid)
            nodes[nid] = make_node(self, nid, raw)
            block = raw.file.data.get("nodes")
            if isinstance(block, YMap) and block.get(nid) is raw.spec:
                block[nid] = None
            for path in done.get(i, ()):
                self.sources.pop(path, None)
        return nodes


_DECLARING = (  # key, what it declares, the shape it must have
    ("stats", "names", YMap),
    ("flags", "names", YMap),
    ("nodes", "nodes", YMap),
    ("files", "nodes", YList),
    ("endings", "endings", YList),
)


def _refused_declarations(files: list[StoryFile]) -> set[str]:
    """What is left undeclared by a declaring block of the wrong shape, or by a stat,
    flag or node of the wrong shape: "stats: [a, b]" leaves every stat unknown."""
    kinds = set()
    for f in files:
        for key, kind, shape in _DECLARING:
            block = f.data.get(key, shape((0, 0)))
            if not isinstance(block, shape) or not _all_declared(key, block):
                kinds.add(kind)
    return kinds


def _all_declared(key: str, block: YMap | YList) -> bool:
    if not isinstance(block, YMap) or key == "files":
        return True
    allowed = (YMap, str) if key == "flags" else YMap
    return all(isinstance(v, allowed) for v in block.values())


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it will report the problem
        return path.absolute()


def _inside(path: Path, root: Path) -> bool:
    try:
        _resolved(path).relative_to(_resolved(root))
        return True
    except ValueError:
        return False
