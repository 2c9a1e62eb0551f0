"""YAML files -> Story. Collects every problem in one pass instead of stopping at the first.

The loader reads the manifest, then every chapter file (and any extra branch files given
with `--with`). It first gathers declarations (stats, flags, node ids) from all files, so a
chapter may refer to anything declared anywhere, then builds nodes, compiling conditions,
effects and text once. Graph-level checks (reachability, unused flags...) live in check.py.
"""

from __future__ import annotations

import gc
import hashlib
import keyword
import re
from dataclasses import replace
from pathlib import Path

from riotgame.engine.story.expr import (
    FUNCTIONS,
    Compiled,
    ExprError,
    Scope,
    compile_condition,
    compile_effect,
)
from riotgame.engine.story.model import (
    Chapter,
    Choice,
    EndingDef,
    FlagDef,
    Interrupt,
    Loc,
    Node,
    Route,
    StatDef,
    Story,
    Text,
)
from riotgame.engine.story.named import read_named
from riotgame.engine.story.problems import Problem, did_you_mean
from riotgame.engine.story.textload import TextBuilder
from riotgame.engine.story.weave import SEP, weave
from riotgame.engine.story.yamlfile import YList, YMap, locate, parse_yaml_cached, split_lines
from riotgame.paths import cache_dir

ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
STAT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
RESERVED = {"true", "false", "and", "or", "not", "flags", *FUNCTIONS}
MANIFEST = "story.yaml"

MANIFEST_KEYS = {
    "id",
    "title",
    "start",
    "content_note",
    "stats",
    "flags",
    "interrupts",
    "endings",
    "files",
    "constants",
    "conditions",
}
CHAPTER_KEYS = {"chapter", "title", "stats", "flags", "nodes", "extend"}
STAT_KEYS = {"label", "min", "max", "initial", "high_is", "hidden"}
FLAG_KEYS = {"label", "show", "silent"}
ENDING_KEYS = {"id", "title", "description"}
NODE_KEYS = {"text", "tags", "on_enter", "choices", "next", "ending", "gather"}
CHOICE_KEYS = {
    "id",
    "text",
    "chosen",
    "reply",
    "if",
    "disabled_if",
    "reason",
    "effects",
    "goto",
    "once",
    "tags",
    "then",
}
ROUTE_KEYS = {"if", "goto"}
EXTEND_KEYS = {"choices"}
TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    YMap: "a mapping",
    YList: "a list",
}


def load_story(root, extra_files=()) -> tuple[Story | None, list[Problem]]:
    """Load the story in directory `root` plus branch files. Returns (story or None, problems).

    The story is None when there is any error; warnings come back with a story.
    """
    story, problems = read_story(root, extra_files)
    if any(p.is_error for p in problems):
        return None, problems
    return story, problems


def read_story(root, extra_files=()) -> tuple[Story | None, list[Problem]]:
    """Like load_story, but returns whatever could be built even when there are errors,
    so `check` can go on to report graph problems. Never play the result."""
    enabled = gc.isenabled()
    gc.disable()  # the loader makes many small objects and frees almost none of them
    try:
        return _Loader(Path(root), [Path(p) for p in extra_files]).load()
    finally:
        if enabled:
            gc.enable()


class _File:
    """One parsed file: its path as shown in problems, and its YAML data."""

    def __init__(self, path: str, data, chapter: Chapter | None):
        self.path = path
        self.data = data
        self.chapter = chapter


class _Loader:
    def __init__(self, root: Path, extra: list[Path]):
        self.root = root
        self.extra = extra
        self.problems: list[Problem] = []
        self.hasher = hashlib.sha256()
        self.stats: dict[str, StatDef] = {}
        self.flags: dict[str, FlagDef] = {}
        self.node_defs: dict[str, tuple[_File, str]] = {}  # id -> (file, id) of its definition
        self.scope: Scope | None = None
        self.memo: dict[tuple, Compiled] = {}
        self.cache = cache_dir()
        self.sources: dict[str, str | list] = {}  # path -> text (then lines), to place faults
        self.opened: set[Path] = set()  # resolved paths of the files read, to refuse repeats
        self.texts = TextBuilder(self)

    # -- problem helpers -------------------------------------------------------------------
    def add(self, path: str, pos, code: str, message: str) -> None:
        self.problems.append(Problem(path, pos[0], pos[1], code, message))

    def add_inside(self, path: str, pos, style, value: str, offset: int, code, message):
        """Report a fault at character `offset` of a scalar value that starts at `pos`."""
        self.add(path, self.place_inside(path, pos, style, value, offset), code, message)

    def place_inside(self, path: str, pos, style, value: str, offset: int):
        """(line, col) of character `offset` of a scalar value that starts at `pos`."""
        if not isinstance(self.sources.get(path), list):  # split once, when first needed
            self.sources[path] = split_lines(self.sources.get(path, ""))
        return locate(self.sources[path], pos, style, value, offset)

    def loc(self, path: str, pos) -> Loc:
        return Loc(path, pos[0], pos[1])

    def check_keys(self, path: str, m: YMap, allowed: set, required: set, what: str) -> bool:
        ok = True
        for key in m:
            if key not in allowed:
                shown = key if isinstance(key, str) else repr(key)
                self.add(
                    path,
                    m.key_pos[key],
                    "E104",
                    f'unknown key "{shown}" in {what}{did_you_mean(str(key), allowed)}',
                )
        for key in sorted(required):
            if key not in m:
                self.add(path, m.pos, "E105", f'{what} is missing "{key}"')
                ok = False
        return ok

    def typed(self, path: str, m: YMap, key, kind, what: str, default=None):
        """m[key] if it has the wanted type, else report E103 and return default."""
        if key not in m:
            return default
        value = m[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if type(value) in kinds or (bool not in kinds and int in kinds and type(value) is int):
            return value
        wanted = " or ".join(TYPE_NAMES[k] for k in kinds)
        self.add(
            path,
            m.val_pos[key],
            "E103",
            f'"{key}" in {what} must be {wanted}, not {_describe(value)}',
        )
        return default

    # -- reading files -----------------------------------------------------------------------
    def read(self, path: Path, shown: str):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, f"file not found: {shown}"
        except OSError as exc:
            return None, f"cannot read {shown}: {exc.strerror or exc}"
        self.hasher.update(shown.encode() + b"\0" + raw + b"\0")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f"not UTF-8 text (byte {exc.start})"
        self.sources[shown] = text
        data, problems = parse_yaml_cached(raw, text, shown, self.cache)
        self.problems.extend(problems)
        return data, None

    def root_exists(self) -> bool:
        return self.root.is_dir()

    def load(self) -> tuple[Story | None, list[Problem]]:
        manifest_path = self.root / MANIFEST
        shown = str(manifest_path)
        if not self.root_exists():
            self.add(str(self.root), (0, 0), "E101", "story directory not found")
            return None, self.problems
        data, err = self.read(manifest_path, shown)
        if err:
            self.add(shown, (0, 0), "E101", err)
            return None, self.problems
        if not isinstance(data, YMap):
            if data is not None:
                self.add(shown, (1, 1), "E103", "story.yaml must be a mapping of keys")
            return None, self.problems
        m = data
        self.check_keys(
            shown, m, MANIFEST_KEYS, {"id", "title", "start", "endings", "files"}, "story.yaml"
        )
        story_id = self.typed(shown, m, "id", str, "story.yaml", "")
        if story_id and not ID.match(story_id):
            self.add(
                shown,
                m.val_pos["id"],
                "E106",
                f'story id "{story_id}" must be letters, digits and _',
            )
        title = self.typed(shown, m, "title", str, "story.yaml", "")
        start = self.typed(shown, m, "start", str, "story.yaml", "")
        note = self.typed(shown, m, "content_note", str, "story.yaml", "")
        manifest = _File(shown, m, None)
        self.opened.add(_resolved(manifest_path))
        self.declare(manifest)

        files = [manifest]
        file_list = self.typed(shown, m, "files", YList, "story.yaml", YList((1, 1)))
        for i, name in enumerate(file_list):
            pos = file_list.item_pos[i]
            if not isinstance(name, str):
                self.add(shown, pos, "E103", f"files lists file names, not {_describe(name)}")
                continue
            target = self.root / name
            if not _inside(target, self.root):
                self.add(shown, pos, "E106", f'"{name}" is outside the story directory')
                continue
            f = self.open_chapter(target, str(target), shown, pos)
            if f:
                files.append(f)
        for extra in self.extra:
            f = self.open_chapter(extra, str(extra), None, None)
            if f:
                files.append(f)

        self.scope = Scope(
            {name: i for i, name in enumerate(self.stats)},
            {name: i for i, name in enumerate(self.flags)},
            {name: (d.min, d.max) for name, d in self.stats.items()},
        )
        named = read_named(self, manifest)
        endings = self.read_endings(manifest)
        interrupts = self.read_interrupts(manifest)

        raw_nodes: dict[str, dict] = {}
        for f in files[1:]:
            self.read_nodes(f, raw_nodes)
        for nid in list(raw_nodes):
            weave(self, nid, raw_nodes[nid], raw_nodes)
        for f in files[1:]:
            self.read_extends(f, raw_nodes)
        nodes = {nid: self.make_node(nid, raw) for nid, raw in raw_nodes.items()}

        self.check_references(nodes, endings, interrupts, start, manifest)
        story = Story(
            id=story_id,
            title=title,
            start=start,
            root=str(self.root),
            content_note=note.strip() if note else "",
            stats=tuple(self.stats.values()),
            flags=tuple(self.flags.values()),
            endings=tuple(endings),
            interrupts=tuple(interrupts),
            nodes=nodes,
            chapters=tuple(f.chapter for f in files[1:] if f.chapter),
            files=tuple(f.path for f in files),
            fingerprint=self.hasher.hexdigest()[:16],
            start_loc=self.loc(shown, m.val_pos.get("start", m.pos)),
            stat_index=dict(self.scope.stats),
            flag_index=dict(self.scope.flags),
            named=named,
            text_units=tuple(self.texts.units),
            alternative_locs=self.texts.alternative_locs,
        )
        return story, self.problems

    def open_chapter(self, path: Path, shown: str, listed_in, pos) -> _File | None:
        real = _resolved(path)
        if real in self.opened:
            self.add(listed_in or shown, pos or (0, 0), "E110", f'"{shown}" is already loaded')
            return None
        self.opened.add(real)
        data, err = self.read(path, shown)
        if err:
            if listed_in:
                self.add(listed_in, pos, "E101", err)
            else:
                self.add(shown, (0, 0), "E101", err)
            return None
        if data is None:
            return None
        if not isinstance(data, YMap):
            self.add(shown, (1, 1), "E103", "a chapter file must be a mapping with nodes:")
            return None
        self.check_keys(shown, data, CHAPTER_KEYS, set(), "a chapter file")
        number = self.typed(shown, data, "chapter", int, "a chapter file", 0)
        title = self.typed(shown, data, "title", str, "a chapter file", "")
        chapter = Chapter(number, title or Path(shown).stem, shown)
        f = _File(shown, data, chapter)
        self.declare(f)
        nodes = self.typed(shown, data, "nodes", YMap, "a chapter file")
        if nodes:
            for nid in nodes:
                if not isinstance(nid, str) or not ID.match(nid) or SEP in nid:
                    self.add(
                        shown,
                        nodes.key_pos[nid],
                        "E106",
                        f'node id "{nid}" must be letters, digits and _ ("{SEP}" is kept for '
                        "the steps of woven nodes)",
                    )
                    continue
                if nid in self.node_defs:
                    other, _ = self.node_defs[nid]
                    first = other.data["nodes"].key_pos[nid]
                    self.add(
                        shown,
                        nodes.key_pos[nid],
                        "E110",
                        f'node "{nid}" is already defined at {other.path}:{first[0]}:{first[1]}',
                    )
                    continue
                self.node_defs[nid] = (f, nid)
        return f

    # -- declarations ------------------------------------------------------------------------
    def declare(self, f: _File) -> None:
        path, m = f.path, f.data
        stats = self.typed(path, m, "stats", YMap, "the file", YMap((1, 1)))
        for name, spec in stats.items():
            pos = stats.key_pos[name]
            if not self.good_name(path, pos, name, "stat"):
                continue
            if name in self.stats or name in self.flags:
                self.add(path, pos, "E110", f'"{name}" is already declared at {self.where(name)}')
                continue
            if not isinstance(spec, YMap):
                self.add(
                    path,
                    stats.val_pos[name],
                    "E103",
                    f'stat "{name}" must be a mapping with label, min, max, initial',
                )
                continue
            what = f'stat "{name}"'
            self.check_keys(path, spec, STAT_KEYS, {"min", "max", "initial"}, what)
            lo = self.typed(path, spec, "min", int, what, 0)
            hi = self.typed(path, spec, "max", int, what, 100)
            initial = self.typed(path, spec, "initial", int, what, lo)
            high_is = self.typed(path, spec, "high_is", str, what, "neutral")
            if high_is not in ("good", "bad", "neutral"):
                self.add(
                    path,
                    spec.val_pos["high_is"],
                    "E103",
                    f'high_is must be good, bad or neutral, not "{high_is}"',
                )
            if lo > hi:
                self.add(path, spec.val_pos["min"], "E136", f"min {lo} is above max {hi}")
            elif not lo <= initial <= hi:
                self.add(
                    path,
                    spec.val_pos.get("initial", spec.pos),
                    "E136",
                    f"initial {initial} is outside {lo} to {hi}",
                )
            label = self.typed(path, spec, "label", str, what, name)
            hidden = self.typed(path, spec, "hidden", bool, what, False)
            self.stats[name] = StatDef(
                name, label, lo, hi, initial, high_is, hidden, self.loc(path, pos)
            )
        flags = self.typed(path, m, "flags", YMap, "the file", YMap((1, 1)))
        for name, spec in flags.items():
            pos = flags.key_pos[name]
            if not self.good_name(path, pos, name, "flag"):
                continue
            if "." in name:
                self.add(path, pos, "E106", f'flag name "{name}" cannot contain a dot')
                continue
            if name in self.flags:
                self.add(
                    path,
                    pos,
                    "E110",
                    f'flag "{name}" is already declared at {self.flags[name].loc}',
                )
                continue
            if isinstance(spec, str):
                spec_map = YMap(pos)
                spec_map["label"] = spec
                spec = spec_map
            if not isinstance(spec, YMap):
                self.add(
                    path,
                    flags.val_pos[name],
                    "E103",
                    f'flag "{name}" must be a label or a mapping with label and show',
                )
                continue
            self.check_keys(path, spec, FLAG_KEYS, set(), f'flag "{name}"')
            label = self.typed(path, spec, "label", str, f'flag "{name}"', name)
            show = self.typed(path, spec, "show", bool, f'flag "{name}"', False)
            silent = self.typed(path, spec, "silent", bool, f'flag "{name}"', False)
            if show and silent:
                self.add(
                    path, spec.val_pos["silent"], "E103", "a silent flag is never shown: drop show"
                )
            self.flags[name] = FlagDef(name, label, show, self.loc(path, pos), silent)

    def where(self, name) -> str:
        d = self.stats.get(name) or self.flags.get(name)
        return str(d.loc) if d else "?"

    def good_name(self, path, pos, name, what) -> bool:
        if not isinstance(name, str) or not STAT_NAME.match(name):
            self.add(path, pos, "E106", f'{what} name "{name}" must be letters, digits, _ and dots')
            return False
        parts = name.split(".")
        if parts[0] in RESERVED or any(keyword.iskeyword(p) or p.startswith("__") for p in parts):
            self.add(path, pos, "E106", f'"{name}" is a reserved word and cannot name a {what}')
            return False
        return True

    def read_endings(self, manifest: _File) -> list[EndingDef]:
        path, m = manifest.path, manifest.data
        endings = self.typed(path, m, "endings", YList, "story.yaml", YList((1, 1)))
        out, seen = [], {}
        for i, spec in enumerate(endings):
            pos = endings.item_pos[i]
            if not isinstance(spec, YMap):
                self.add(path, pos, "E103", "an ending is a mapping with id, title, description")
                continue
            self.check_keys(path, spec, ENDING_KEYS, {"id", "title"}, "an ending")
            eid = self.typed(path, spec, "id", str, "an ending")
            if eid is None:
                continue
            if eid in seen:
                self.add(
                    path,
                    spec.val_pos["id"],
                    "E110",
                    f'ending "{eid}" is already declared at line {seen[eid]}',
                )
                continue
            seen[eid] = spec.val_pos["id"][0]
            title = self.typed(path, spec, "title", str, "an ending", eid)
            description = self.typed(path, spec, "description", str, "an ending", "")
            out.append(EndingDef(eid, title, description, self.loc(path, spec.val_pos["id"])))
        return out

    def read_interrupts(self, manifest: _File) -> list[Interrupt]:
        path, m = manifest.path, manifest.data
        items = self.typed(path, m, "interrupts", YList, "story.yaml", YList((1, 1)))
        out = []
        for i, spec in enumerate(items):
            if not isinstance(spec, YMap):
                self.add(path, items.item_pos[i], "E103", "an interrupt is a mapping with if, goto")
                continue
            if not self.check_keys(path, spec, ROUTE_KEYS, {"if", "goto"}, "an interrupt"):
                continue
            cond = self.condition(path, spec, "if", f"interrupt{i}")
            goto = self.typed(path, spec, "goto", str, "an interrupt")
            if cond and goto:
                out.append(Interrupt(cond, goto, self.loc(path, spec.val_pos["goto"])))
        return out

    # -- expressions -------------------------------------------------------------------------
    def compile(self, path, container, key, site, effect=False, text=False) -> Compiled | None:
        """Compile container[key] (a YMap key or a YList index), reporting faults in place."""
        if isinstance(container, YMap):
            source, pos, style = container[key], container.val_pos[key], container.val_style[key]
        else:
            source, pos = container[key], container.item_pos[key]
            style = container.item_style[key]
        if isinstance(source, bool) and not effect:
            source = "true" if source else "false"
        if not isinstance(source, str):
            self.add(
                path,
                pos,
                "E103",
                f"an {'effect' if effect else 'expression'} must be text, not {_describe(source)}",
            )
            return None
        memo_key = (source, effect, text)
        if memo_key in self.memo:  # stories repeat `suspicion += 5` hundreds of times
            return self.known_nodes(path, pos, style, self.placed(self.memo[memo_key], path, pos))
        try:
            if effect:
                compiled = compile_effect(source, self.scope, site)
            else:
                compiled = compile_condition(source, self.scope, site, text)
            if not compiled.uses_chance:  # a chance() roll depends on its call site
                self.memo[memo_key] = compiled
            return self.known_nodes(path, pos, style, self.placed(compiled, path, pos))
        except ExprError as exc:
            self.add_inside(path, pos, style, source, exc.offset, exc.code, exc.message)
            return None

    @staticmethod
    def placed(compiled: Compiled, path: str, pos) -> Compiled:
        """A condition knows where it was written, so play-testing can report it there; an
        effect is shared between every place that writes the same text."""
        if compiled.writes is not None:
            return compiled
        return replace(compiled, where=(path, pos[0], pos[1]))

    def known_nodes(self, path, pos, style, compiled: Compiled) -> Compiled:
        """Report visited("x")/turns_since("x") of a node no file defines, at the "x"."""
        for target in [t for t in compiled.visits if t not in self.node_defs]:
            quoted = re.search(rf"""(["']){re.escape(target)}\1""", compiled.source)
            self.add_inside(
                path,
                pos,
                style,
                compiled.source,
                quoted.start() if quoted else 0,
                "E120",
                f'"{target}": no such node{did_you_mean(target, self.node_defs)}',
            )
        return compiled

    def condition(self, path, m: YMap, key, site) -> Compiled | None:
        return self.compile(path, m, key, site) if key in m else None

    def effects(self, path, m: YMap, key, site) -> tuple[Compiled, ...]:
        if key not in m:
            return ()
        value = m[key]
        if isinstance(value, str):  # a single effect may be written without a list
            wrapper = YList(m.val_pos[key])
            wrapper.append(value)
            wrapper.item_pos.append(m.val_pos[key])
            wrapper.item_style.append(m.val_style[key])
            value = wrapper
        if not isinstance(value, YList):
            self.add(path, m.val_pos[key], "E103", f'"{key}" must be a list of effects')
            return ()
        out = [self.compile(path, value, i, f"{site}#{i}", effect=True) for i in range(len(value))]
        return tuple(c for c in out if c)

    def text(self, path, m: YMap, key, tkey: str) -> Text:
        return self.texts.text(path, m, key, tkey)

    # -- nodes -------------------------------------------------------------------------------
    def read_nodes(self, f: _File, raw_nodes: dict) -> None:
        nodes = f.data.get("nodes")
        if not isinstance(nodes, YMap):
            return
        for nid, spec in nodes.items():
            if self.node_defs.get(nid, (None,))[0] is not f:
                continue  # invalid or duplicate id: already reported
            pos = nodes.key_pos[nid]
            if not isinstance(spec, YMap):
                self.add(
                    f.path,
                    nodes.val_pos[nid],
                    "E103",
                    f'node "{nid}" must be a mapping with text and choices',
                )
                continue
            raw_nodes[nid] = {"file": f, "spec": spec, "pos": pos, "extra": []}

    def read_extends(self, f: _File, raw_nodes: dict) -> None:
        extend = self.typed(f.path, f.data, "extend", YMap, "a chapter file")
        if not extend:
            return
        for nid, spec in extend.items():
            pos = extend.key_pos[nid]
            if nid not in raw_nodes:
                self.add(
                    f.path,
                    pos,
                    "E123",
                    f'extend: no node "{nid}" to extend{did_you_mean(str(nid), raw_nodes)}',
                )
                continue
            if not isinstance(spec, YMap):
                self.add(f.path, extend.val_pos[nid], "E103", "extend: expects choices:")
                continue
            self.check_keys(f.path, spec, EXTEND_KEYS, {"choices"}, f'extend of "{nid}"')
            if "choices" in spec and "choices" not in raw_nodes[nid]["spec"]:
                self.add(
                    f.path,
                    pos,
                    "E112",
                    f'node "{nid}" has no choices to extend (it routes with next or is an ending)',
                )
                continue
            raw_nodes[nid]["extra"].append((f, spec))

    def make_node(self, nid: str, raw: dict) -> Node:
        f, spec, pos = raw["file"], raw["spec"], raw["pos"]
        path = f.path
        what = f'node "{nid}"'
        # a node that routes on at once may stay silent; any other needs something to say
        silent = "next" in spec or raw.get("woven")
        self.check_keys(path, spec, NODE_KEYS, set() if silent else {"text"}, what)
        kinds = [k for k in ("choices", "next", "ending") if k in spec]
        if len(kinds) != 1:
            message = (
                "has none of choices, next or ending: the player would be stuck"
                if not kinds
                else f"has both {' and '.join(kinds)}: pick one"
            )
            self.add(path, pos, "E112", f"{what} {message}")
        tags = self.typed(path, spec, "tags", YList, what, ())
        tags = tuple(t for t in tags if isinstance(t, str))
        choices: list[Choice] = []
        seen: dict[str, tuple] = {}
        for owner, source in [(f, spec)] + raw["extra"]:
            items = self.typed(owner.path, source, "choices", YList, what, YList((0, 0)))
            if "choices" in source and not items and isinstance(items, YList) and owner is f:
                self.add(
                    path,
                    source.val_pos["choices"],
                    "E140",
                    f"{what} has an empty choices list: the player would be stuck",
                )
            for i, _item in enumerate(items):
                choice = self.make_choice(owner.path, nid, items, i, seen)
                if choice:
                    choices.append(choice)
        routes = self.make_routes(path, nid, spec)
        ending, ending_loc = None, None
        if "ending" in spec:
            ending = self.typed(path, spec, "ending", str, what)
            ending_loc = self.loc(path, spec.val_pos["ending"])
        digest = hashlib.blake2b(repr(spec).encode(), digest_size=8)
        for _, extra in raw["extra"]:
            digest.update(repr(extra).encode())
        return Node(
            id=nid,
            text=self.text(path, spec, "text", f"{nid}/text"),
            chapter=f.chapter,
            loc=self.loc(path, pos),
            tags=tags,
            on_enter=self.effects(path, spec, "on_enter", f"{nid}/on_enter"),
            choices=tuple(choices),
            next=routes,
            ending=ending,
            ending_loc=ending_loc,
            content_hash=digest.hexdigest(),
        )

    def make_choice(self, path, nid, items: YList, i: int, seen: dict) -> Choice | None:
        item, pos = items[i], items.item_pos[i]
        if not isinstance(item, YMap):
            self.add(
                path,
                pos,
                "E103",
                f"a choice is a mapping with id, text and goto, not {_describe(item)}",
            )
            return None
        if not self.check_keys(path, item, CHOICE_KEYS, {"id", "text", "goto"}, "a choice"):
            return None
        cid = self.typed(path, item, "id", str, "a choice")
        goto = self.typed(path, item, "goto", str, "a choice")
        if cid is None or goto is None:
            return None
        if not ID.match(cid):
            self.add(
                path, item.val_pos["id"], "E106", f'choice id "{cid}" must be letters, digits and _'
            )
        if cid in seen:
            first_path, first_pos = seen[cid]
            self.add(
                path,
                item.val_pos["id"],
                "E111",
                f'choice id "{cid}" is used twice in node "{nid}" (first at '
                f"{first_path}:{first_pos[0]}:{first_pos[1]})",
            )
            return None
        seen[cid] = (path, item.val_pos["id"])
        site = f"{nid}/{cid}"
        disabled = self.condition(path, item, "disabled_if", site + "/disabled_if")
        reason = self.typed(path, item, "reason", str, "a choice", "")
        if "disabled_if" in item and not reason:
            self.add(
                path,
                item.val_pos["disabled_if"],
                "E105",
                'a choice with disabled_if needs a "reason" to show the player',
            )
        if reason and "disabled_if" not in item:
            self.add(
                path, item.val_pos["reason"], "E105", '"reason" only makes sense with disabled_if'
            )
        return Choice(
            id=cid,
            text=self.text(path, item, "text", f"{site}/text"),
            reply=self.text(path, item, "reply", f"{site}/reply"),
            chosen=self.text(path, item, "chosen", f"{site}/chosen") if "chosen" in item else None,
            goto=goto,
            cond=self.condition(path, item, "if", site + "/if"),
            disabled=disabled,
            reason=reason or "",
            effects=self.effects(path, item, "effects", site),
            once=bool(self.typed(path, item, "once", bool, "a choice", False)),
            tags=tuple(
                t
                for t in self.typed(path, item, "tags", YList, "a choice", ())
                if isinstance(t, str)
            ),
            loc=self.loc(path, pos),
            goto_loc=self.loc(path, item.val_pos["goto"]),
            key=site,
        )

    def make_routes(self, path, nid, spec: YMap) -> tuple[Route, ...]:
        items = self.typed(path, spec, "next", YList, f'node "{nid}"')
        if items is None:
            return ()
        if not items:
            self.add(path, spec.val_pos["next"], "E140", f'node "{nid}" has an empty next list')
            return ()
        routes = []
        for i, item in enumerate(items):
            pos = items.item_pos[i]
            if isinstance(item, str):  # `next: [c2_start]` is an unconditional route
                routes.append(Route(None, item, self.loc(path, pos)))
                continue
            if not isinstance(item, YMap):
                self.add(path, pos, "E103", "a next entry is a mapping with if and goto")
                continue
            if not self.check_keys(path, item, ROUTE_KEYS, {"goto"}, "a next entry"):
                continue
            goto = self.typed(path, item, "goto", str, "a next entry")
            cond = self.condition(path, item, "if", f"{nid}/next{i}")
            if goto:
                routes.append(Route(cond, goto, self.loc(path, item.val_pos["goto"])))
        for route in routes[:-1]:
            if route.cond is None:
                self.add(
                    path,
                    tuple(route.loc[1:]),
                    "E113",
                    f'node "{nid}": this next entry has no if, so the entries after it '
                    "can never be used",
                )
        if routes and routes[-1].cond is not None:
            self.add(
                path,
                tuple(routes[-1].loc[1:]),
                "E113",
                f'node "{nid}": the last next entry needs no if, so the story always has '
                "somewhere to go",
            )
        return tuple(routes)

    # -- references --------------------------------------------------------------------------
    def check_references(self, nodes, endings, interrupts, start, manifest: _File) -> None:
        ending_ids = {e.id for e in endings}
        if start and start not in nodes:
            self.add(
                manifest.path,
                manifest.data.val_pos["start"],
                "E122",
                f'start node "{start}" does not exist{did_you_mean(start, nodes)}',
            )
        for node in nodes.values():
            for goto, loc in node.targets():
                if goto not in nodes:
                    self.add(
                        loc.path,
                        (loc.line, loc.col),
                        "E120",
                        f'goto "{goto}": no such node{did_you_mean(goto, nodes)}',
                    )
            if node.ending is not None and node.ending not in ending_ids:
                loc = node.ending_loc
                self.add(
                    loc.path,
                    (loc.line, loc.col),
                    "E121",
                    f'ending "{node.ending}" is not declared in story.yaml'
                    f"{did_you_mean(node.ending, ending_ids)}",
                )
        for intr in interrupts:
            if intr.goto not in nodes:
                self.add(
                    intr.loc.path,
                    (intr.loc.line, intr.loc.col),
                    "E120",
                    f'interrupt goto "{intr.goto}": no such node{did_you_mean(intr.goto, nodes)}',
                )


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


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f'"{value}"'
