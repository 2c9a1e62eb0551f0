"""What every part of the loader shares: the problems found so far, placed at path:line:col;
values read with the type they must have; files read and hashed; expressions compiled in
place. The loader (loader.py) and the readers of declarations, nodes, names, weaves and
texts all work through one Reader.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, overload

from riotgame.engine.story.expr import (
    Condition,
    Effect,
    ExprError,
    Scope,
    compile_condition,
    compile_effect,
)
from riotgame.engine.story.model import Chapter, FlagDef, Loc, StatDef
from riotgame.engine.story.problems import Problem, did_you_mean
from riotgame.engine.story.source import Unreadable, decode_text, parse_yaml_cached, read_bounded
from riotgame.engine.story.text import Text
from riotgame.engine.story.textload import TextBuilder
from riotgame.engine.story.yamlfile import Pos, YList, YMap, locate, split_lines
from riotgame.paths import cache_dir

T = TypeVar("T")
D = TypeVar("D")
C = TypeVar("C", bound=Condition | Effect)

TYPE_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    YMap: "a mapping",
    YList: "a list",
}


@dataclass
class StoryFile:
    """One parsed file: its path as shown in problems, and its YAML data."""

    path: str
    data: YMap
    chapter: Chapter | None


@dataclass
class RawNode:
    """A node as read, before it is built: where it is written, its mapping, and the
    `extend:` mappings of other files that add choices to it."""

    file: StoryFile
    spec: YMap
    pos: Pos
    extra: list[tuple[StoryFile, YMap]] = field(default_factory=list)
    woven: bool = False  # a step of a woven node (weave.py): it may have no text


class Reader:
    """The loader's shared state and the helpers that report problems where they are."""

    def __init__(self, root: Path, extra: list[Path]):
        self.root = root
        self.extra = extra
        self.problems: list[Problem] = []
        self.hasher = hashlib.sha256()
        self.stats: dict[str, StatDef] = {}
        self.flags: dict[str, FlagDef] = {}
        self.node_defs: dict[str, StoryFile] = {}  # id -> the file that defines it
        self.scope = Scope({}, {})  # filled in once every file is declared
        self.memo: dict[tuple[str, bool, bool], Condition | Effect] = {}
        self.words: dict[str, str] = {}  # ids and gotos: each distinct string one object
        self.cache = cache_dir()
        self.sources: dict[str, str | list[str]] = {}  # path -> text (then lines), for faults
        self.opened: set[Path] = set()  # resolved paths of the files read, to refuse repeats
        self.lines: dict[int, int] = {}  # line numbers, each one object (loc)
        self.texts = TextBuilder(self)

    # -- problems --------------------------------------------------------------------------
    def add(self, path: str, pos: Pos, code: str, message: str) -> None:
        self.problems.append(Problem(path, pos[0], pos[1], code, message))

    def add_inside(
        self, path: str, pos: Pos, style: Any, value: str, offset: int, code: str, message: str
    ) -> None:
        """Report a fault at character `offset` of a scalar value that starts at `pos`."""
        self.add(path, self.place_inside(path, pos, style, value, offset), code, message)

    def place_inside(self, path: str, pos: Pos, style: Any, value: str, offset: int) -> Pos:
        """(line, col) of character `offset` of a scalar value that starts at `pos`."""
        source = self.sources.get(path, "")
        if not isinstance(source, list):  # split once, when first needed
            source = self.sources[path] = split_lines(source)
        return locate(source, pos, style, value, offset)

    def loc(self, path: str, pos: Pos) -> Loc:
        """A place, its line number shared with every other place on a line of that number
        (a large story holds a place for each choice, its goto and each condition)."""
        line = pos[0]
        return Loc(path, self.lines.setdefault(line, line), pos[1])

    def check_keys(
        self, path: str, m: YMap, allowed: set[str], required: set[str], what: str
    ) -> bool:
        ok = True
        for key in m:
            if key not in allowed:
                shown = key if isinstance(key, str) else repr(key)
                self.add(
                    path,
                    m.kpos(key),
                    "E104",
                    f'unknown key "{shown}" in {what}{did_you_mean(str(key), allowed)}',
                )
        for key in sorted(required) if not m.keys() >= required else ():
            if key not in m:
                self.add(path, m.pos, "E105", f'{what} is missing "{key}"')
                ok = False
        return ok

    @overload
    def typed(self, path: str, m: YMap, key: str, kind: type[T], what: str) -> T | None: ...
    @overload
    def typed(
        self, path: str, m: YMap, key: str, kind: type[T], what: str, default: D
    ) -> T | D: ...
    def typed(
        self, path: str, m: YMap, key: str, kind: type[T], what: str, default: Any = None
    ) -> Any:
        """m[key] if it has the wanted type, else report E103 and return default. A bool is
        not a whole number here, though Python counts it as one."""
        if key not in m:
            return default
        value = m[key]
        if type(value) is kind:
            return value
        self.add(
            path,
            m.vpos(key),
            "E103",
            f'"{key}" in {what} must be {TYPE_NAMES[kind]}, not {describe(value)}',
        )
        return default

    # -- files -----------------------------------------------------------------------------
    def read(self, path: Path, shown: str) -> tuple[object, str | None]:
        """(the file's YAML data, None), or (None, why it cannot be read). A file read but
        not loaded (not UTF-8, bad YAML, empty) gives (None, None), its problem in it."""
        try:
            raw = read_bounded(path)
        except Unreadable as exc:
            return None, f"{exc}: {shown}"
        self.hasher.update(shown.encode() + b"\0" + raw + b"\0")
        text, problem = decode_text(raw, shown)
        if problem is not None or text is None:
            self.problems.extend([problem] if problem else [])
            return None, None
        self.sources[shown] = text
        data, problems = parse_yaml_cached(raw, text, shown, self.cache)
        self.problems.extend(problems)
        return data, None

    def root_exists(self) -> bool:
        return self.root.is_dir()

    # -- expressions and texts -------------------------------------------------------------
    @overload
    def compile(
        self,
        path: str,
        container: YMap | YList,
        key: Any,
        site: str,
        effect: Literal[False] = False,
        text: bool = False,
    ) -> Condition | None: ...
    @overload
    def compile(
        self,
        path: str,
        container: YMap | YList,
        key: Any,
        site: str,
        effect: Literal[True],
        text: bool = False,
    ) -> Effect | None: ...
    def compile(
        self,
        path: str,
        container: YMap | YList,
        key: Any,
        site: str,
        effect: bool = False,
        text: bool = False,
    ) -> Condition | Effect | None:
        """Compile container[key] (a YMap key or a YList index), reporting faults in place."""
        if isinstance(container, YMap):
            source, pos, style = container[key], container.vpos(key), container.style(key)
        else:
            source, pos = container[key], container.ipos(key)
            style = container.istyle(key)
        if isinstance(source, bool) and not effect:
            source = "true" if source else "false"
        if not isinstance(source, str):
            what = "effect" if effect else "expression"
            self.add(path, pos, "E103", f"an {what} must be text, not {describe(source)}")
            return None
        memo_key = (source, effect, text)
        # stories repeat `suspicion += 5` hundreds of times
        compiled: Condition | Effect | None = self.memo.get(memo_key)
        if compiled is None:
            try:
                if effect:
                    compiled = compile_effect(source, self.scope, site)
                else:
                    compiled = compile_condition(source, self.scope, site, text)
            except ExprError as exc:
                self.add_inside(path, pos, style, source, exc.offset, exc.code, exc.message)
                return None
            if not compiled.uses_chance:  # a chance() roll depends on its call site
                self.memo[memo_key] = compiled
        compiled = self.placed(compiled, path, pos)
        return self.known_nodes(path, pos, style, compiled) if compiled.visits else compiled

    def placed(self, compiled: C, path: str, pos: Pos) -> C:
        """A condition knows where it was written, so play-testing can report it there; an
        effect is shared between every place that writes the same text."""
        if compiled.writes is not None:
            return compiled
        line = pos[0]
        return cast(C, compiled.placed((path, self.lines.setdefault(line, line), pos[1])))

    def known_nodes(self, path: str, pos: Pos, style: Any, compiled: C) -> C:
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

    def word(self, value: str) -> str:
        """The one object of this text (ids and gotos repeat)."""
        return self.words.setdefault(value, value)

    def condition(self, path: str, m: YMap, key: str, site: str) -> Condition | None:
        return self.compile(path, m, key, site) if key in m else None

    def effects(self, path: str, m: YMap, key: str, site: str) -> tuple[Effect, ...]:
        if key not in m:
            return ()
        value = m[key]
        if isinstance(value, str):  # a single effect may be written without a list
            wrapper = YList(m.vpos(key))
            wrapper.push(value, m.vpos(key), m.style(key))
            value = wrapper
        if not isinstance(value, YList):
            self.add(path, m.vpos(key), "E103", f'"{key}" must be a list of effects')
            return ()
        out = [self.compile(path, value, i, f"{site}#{i}", effect=True) for i in range(len(value))]
        return tuple(c for c in out if c)

    def text(self, path: str, m: YMap, key: str, base: str, bare_first: bool = True) -> Text:
        """m[key] as a Text, its keys under `base` (see textload)."""
        return self.texts.text(path, m, key, base, bare_first)


def describe(value: object) -> str:
    """A YAML value as a problem message names it."""
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
