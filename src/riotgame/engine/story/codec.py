"""A loaded Story as plain data (lists, strings, numbers, true/false, null) and back.

This is the body of the compiled form (compiled.py): what the loader built, so a story
loads without reading YAML or running the loader. `encode(story)` gives a dict that JSON
can hold; `decode(data)` gives the same Story (every field equal, the same texts and
expressions), its nodes built when first read (codec_lazy.py). Expressions are kept as
their sources in one table (`exprs`: mode, source, chance site, where) and compiled again
by the expression compiler, each distinct source once, so the closures are the ones the
loader makes and nothing is ever evaluated. Places are `path, line, col` with the path an
index into `paths`. Texts: codec_text.py.

The data is untrusted: every value is checked for its type where it is read, and any
fault raises FormError (one line): at load for the declarations and the graph, when a
node is built for its line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from riotgame.engine.story.codec_lazy import (
    FAULTS,
    LazyExprs,
    LazyNodes,
    Rescue,
    Rescuer,
    faulted,
    pending,
    row_of,
)
from riotgame.engine.story.codec_text import (
    FormError,
    TextDecoder,
    _index,
    _int,
    _str,
    _strs,
    encode_text,
)
from riotgame.engine.story.expr import (
    Compiled,
    Condition,
    Effect,
    ExprError,
    Scope,
    compile_condition,
    compile_effect,
    parse_named,
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
)
from riotgame.engine.story.named import NamedDef
from riotgame.engine.story.textload import TextUnit

__all__ = ["FormError", "decode", "encode"]
HIGH_IS = ("good", "bad", "neutral")
_new_loc = tuple.__new__  # Loc(...) without the Python call of a NamedTuple's __new__


# -- encoding --------------------------------------------------------------------------------
class _Encoder:
    def __init__(self) -> None:
        self.paths: dict[str, int] = {}
        self.exprs: dict[int, int] = {}  # id of a compiled expression -> its row
        self.rows: list[list[Any]] = []
        self.kept: list[Any] = []  # the expressions themselves, so their ids stay theirs

    def path(self, path: str) -> int:
        return self.paths.setdefault(path, len(self.paths))

    def loc(self, loc: Loc) -> list[Any]:
        return [self.path(loc.path), loc.line, loc.col]

    def expr(self, compiled: Condition | Effect) -> int:
        row = self.exprs.get(id(compiled))
        if row is None:
            where = compiled.where
            self.rows.append([1 if compiled.kind == "effect" else 0, compiled.source,
                              compiled.site, None if where is None else
                              [self.path(where[0]), where[1], where[2]]])  # fmt: skip
            self.kept.append(compiled)
            row = self.exprs[id(compiled)] = len(self.rows) - 1
        return row

    def cond(self, compiled: Condition | None) -> int:
        return -1 if compiled is None else self.expr(compiled)

    def text(self, text: Any) -> object:
        return encode_text(text, self.expr)

    def choice(self, c: Choice) -> list[Any]:
        return [c.id, self.text(c.text), c.goto, self.text(c.reply),
                None if c.chosen is None else [self.text(c.chosen)], self.cond(c.cond),
                self.cond(c.disabled), c.reason, [self.expr(e) for e in c.effects], c.once,
                *self.loc(c.loc), *self.loc(c.goto_loc), c.key, list(c.tags)]  # fmt: skip

    def node(self, n: Node, chapters: dict[str, int]) -> list[Any]:
        ending_loc = None if n.ending_loc is None else self.loc(n.ending_loc)
        return [n.id, self.text(n.text), chapters[n.chapter.path], *self.loc(n.loc),
                list(n.tags), [self.expr(e) for e in n.on_enter],
                [self.choice(c) for c in n.choices],
                [[self.cond(r.cond), r.goto, *self.loc(r.loc)] for r in n.next],
                n.ending, ending_loc, n.content_hash]  # fmt: skip


def encode(story: Story) -> dict[str, Any]:
    """The story as plain data; decode() gives it back."""
    e = _Encoder()
    chapters = {c.path: i for i, c in enumerate(story.chapters)}
    body = {
        "id": story.id, "title": story.title, "start": story.start, "root": story.root,
        "content_note": story.content_note, "version": story.version,
        "fingerprint": story.fingerprint, "files": list(story.files),
        "start_loc": e.loc(story.start_loc),
        "stats": [[d.name, d.label, d.min, d.max, d.initial, d.high_is, d.hidden,
                   *e.loc(d.loc)] for d in story.stats],
        "flags": [[d.name, d.label, d.show, d.silent, *e.loc(d.loc)] for d in story.flags],
        "named": [[d.name, d.kind, d.source, *e.loc(d.loc)] for d in story.named.values()],
        "endings": [[d.id, d.title, d.description, *e.loc(d.loc)] for d in story.endings],
        "interrupts": [[e.expr(i.cond), i.goto, *e.loc(i.loc)] for i in story.interrupts],
        "chapters": [[c.number, c.title, c.path] for c in story.chapters],
        "nodes": [e.node(n, chapters) for n in story.nodes.values()],
        "units": _units(story.text_units, e),
        "alternatives": [[k, *e.loc(loc)] for k, loc in story.alternative_locs.items()],
        "rejected": [[k, [list(f) for f in faults]] for k, faults in story.rejected.items()],
        "complete": story.complete,
    }  # fmt: skip
    body["exprs"] = e.rows
    body["paths"] = list(e.paths)
    return body


# -- decoding --------------------------------------------------------------------------------
def decode(data: dict[str, Any], rescue: Rescue | None = None) -> Story:
    """The Story of encode()'s data, as compiled.py lays it out in lines (`nodes`: a line
    of JSON each, `exprs` and `units`: lines of rows, `graph`: [id, ending, target...] of
    each node). Its nodes and text units are built when first read (codec_lazy.py).
    Raises FormError for anything that is not one."""
    try:
        return _Decoder(data, rescue).story()
    except FAULTS as exc:
        raise faulted(exc) from None


class _Decoder:
    def __init__(self, data: dict[str, Any], rescue: Rescue | None):
        self.data = data
        self.paths = _strs(data["paths"])
        self.exprs = LazyExprs(_strs(data["exprs"]), self.compile_row)
        self.texts = TextDecoder(self.exprs, len(data["stats"]), len(data["flags"]))
        self.memo: dict[tuple[Any, ...], Any] = {}  # (mode, source, site) -> compiled
        self.rescuer = Rescuer(rescue, _str(data["fingerprint"]))
        self.chapters: tuple[Chapter, ...] = ()
        self.graph: dict[str, tuple[str | None, list[Any]]] = {}  # id -> ending, targets
        self.words: dict[str, str] = {}
        self.lines: dict[int, int] = {}  # line numbers, each one object for all its places

    def loc(self, path: Any, line: Any, col: Any) -> Loc:
        if type(line) is not int or type(col) is not int or type(path) is not int or path < 0:
            raise FormError("a place is a path, a line and a column")
        return _new_loc(Loc, (self.paths[path], self.lines.setdefault(line, line), col))

    def story(self) -> Story:
        d = self.data
        stats = tuple([self.stat(*row) for row in d["stats"]])
        flags = tuple([FlagDef(_str(n), _str(label), _bool(show), self.loc(*at), _bool(silent))
                       for n, label, show, silent, *at in d["flags"]])  # fmt: skip
        named = {row[0]: self.named(*row) for row in d["named"]}
        self.scope = _scope(stats, flags, named)
        self.chapters = tuple([Chapter(_int(n), _str(title), _str(path))
                               for n, title, path in d["chapters"]])  # fmt: skip
        story = Story(
            id=_str(d["id"]), title=_str(d["title"]), start=_str(d["start"]),
            root=_str(d["root"]), content_note=_str(d["content_note"]), stats=stats,
            flags=flags, endings=tuple([EndingDef(_str(i), _str(t), _str(desc), self.loc(*at))
                                        for i, t, desc, *at in d["endings"]]),
            interrupts=tuple([Interrupt(self.exprs[_index(c)], _str(goto), self.loc(*at))
                              for c, goto, *at in d["interrupts"]]),
            nodes=self.nodes(d["graph"], _strs(d["nodes"])), chapters=self.chapters,
            files=_strs(d["files"]), fingerprint=_str(d["fingerprint"]),
            start_loc=self.loc(*d["start_loc"]), version=_int(d["version"]), named=named,
            alternative_locs={_str(k): self.loc(*at) for k, *at in d["alternatives"]},
            complete=_bool(d["complete"]),
            rejected={_str(k): [(_str(c), _str(m), _int(o)) for c, m, o in faults]
                      for k, faults in d["rejected"]},
        )  # fmt: skip
        self.unit_lines = _strs(d["units"])
        self.data = {}  # let the form's lines go: each is held where it is read from
        return pending(_checked(story, self.graph), self.lazy_units)

    def nodes(self, graph: Any, lines: tuple[str, ...]) -> dict[str, Node]:
        """A pending node for each of the graph's rows, built from its line when read."""
        if type(graph) is not list or len(graph) != len(lines):
            raise FormError("a compiled story's graph must list every node")
        for row in graph:
            if type(row) is not list or len(row) < 2:
                raise FormError("a node in a compiled story's graph must be a list")
            nid, ending = _str(row[0]), row[1]
            self.graph[nid] = (None if ending is None else _str(ending), list(_strs(row[2:])))
        if len(self.graph) != len(graph):
            raise FormError("a compiled story holds a node twice")
        self.words = {nid: nid for nid in self.graph}
        lazy = LazyNodes(dict(zip(self.graph, lines, strict=True)), self.node, self.rescuer)
        return {nid: lazy.shell(nid) for nid in self.graph}

    def lazy_units(self) -> tuple[TextUnit, ...]:
        try:
            units = self.units(row for chunk in self.unit_lines for row in row_of(chunk))
        except FAULTS as exc:
            return self.rescuer("the text units", faulted(exc)).text_units
        self.unit_lines = ()
        return units

    def stat(self, name: Any, label: Any, lo: Any, hi: Any, initial: Any, high_is: Any,
             hidden: Any, *at: Any) -> StatDef:  # fmt: skip
        if high_is not in HIGH_IS:
            raise FormError(f"a stat's high_is is one of {', '.join(HIGH_IS)}")
        return StatDef(_str(name), _str(label), _int(lo), _int(hi), _int(initial), high_is,
                       _bool(hidden), self.loc(*at))  # fmt: skip

    def named(self, name: Any, kind: Any, source: Any, *at: Any) -> NamedDef:
        if kind not in ("constant", "condition"):
            raise FormError("a name is a constant or a condition")
        return NamedDef(_str(name), kind, _str(source), self.loc(*at))

    def compile_row(self, row: list[Any]) -> Any:
        """An expression of the table, compiled from its source (each distinct one once)."""
        mode, source, site, where = row
        key = (mode, source, site)
        compiled = self.memo.get(key)
        if compiled is None:
            compiled = self.memo[key] = _compile(mode, _str(source), _str(site), self.scope)
        if where is not None:
            at = self.loc(*where)
            compiled = compiled.placed((at.path, at.line, at.col))
        return compiled

    def cond(self, i: Any) -> Any:
        return None if i == -1 else self.exprs[_index(i)]

    def word(self, s: Any) -> str:
        """A string that repeats (an id, a goto, a reason): one object for all its uses."""
        return self.words.setdefault(_str(s), s)

    def node(self, row: list[Any]) -> Node:
        """A node from its line; where it leads and how it ends must be the graph's."""
        (nid, text, chapter, path, line, col, tags, on_enter, choices, routes, ending,
         ending_loc, content_hash) = row  # fmt: skip
        exprs = self.exprs
        node = Node(
            _str(nid),
            self.texts.text(text),
            self.chapters[_index(chapter)],
            self.loc(path, line, col),
            _strs(tags),
            tuple([exprs[_index(i)] for i in on_enter]),
            tuple([self.choice(*c) for c in choices]),
            tuple([Route(self.cond(c), self.word(goto), self.loc(*at)) for c, goto, *at in routes]),
            None if ending is None else _str(ending),
            None if ending_loc is None else self.loc(*ending_loc),
            _str(content_hash),
        )
        if self.graph.pop(node.id, None) != (node.ending, [goto for goto, _ in node.targets()]):
            raise FormError(f'node "{node.id[:40]}" does not lead where the graph says')
        return node

    def choice(self, cid: Any, text: Any, goto: Any, reply: Any, chosen: Any, cond: Any,
               disabled: Any, reason: Any, effects: Any, once: Any, path: Any, line: Any,
               col: Any, goto_path: Any, goto_line: Any, goto_col: Any, key: Any,
               tags: Any) -> Choice:  # fmt: skip
        exprs, texts = self.exprs, self.texts
        return Choice(
            self.word(cid),
            texts.text(text),
            self.word(goto),
            texts.text(reply),
            None if chosen is None else texts.text(chosen[0]),
            self.cond(cond),
            self.cond(disabled),
            self.word(reason),
            tuple([exprs[_index(i)] for i in effects]),
            _bool(once),
            self.loc(path, line, col),
            self.loc(goto_path, goto_line, goto_col),
            _str(key),
            _strs(tags),
        )

    def units(self, rows: Iterable[Any]) -> tuple[TextUnit, ...]:
        out: list[TextUnit] = []
        for key, source, path, line, col, raw, style, at in rows:
            unit = TextUnit(_str(key), _str(source), self.loc(path, line, col), _str(raw),
                            None if style is None else _str(style), _int(at))  # fmt: skip
            out.append(unit)
        return tuple(out)


def _units(units: tuple[TextUnit, ...], e: _Encoder) -> list[list[Any]]:
    """Each unit as a row: key, paragraph, place, what its string holds before it, style,
    offset (most paragraphs start their string, so `raw` is mostly empty)."""
    return [[u.key, u.source, *e.loc(u.loc), u.raw, u.style, u.at] for u in units]


def _compile(mode: Any, source: str, site: str, scope: Scope) -> Compiled[Any, Any]:
    try:
        if mode == 1:
            return compile_effect(source, scope, site)
        if mode == 0:
            return compile_condition(source, scope, site, text=True)
    except ExprError as exc:
        raise FormError(f"an expression that does not compile: {source[:60]!r}: {exc}") from None
    raise FormError("an expression's mode is 0 (a condition) or 1 (an effect)")


def _scope(
    stats: tuple[StatDef, ...], flags: tuple[FlagDef, ...], named: dict[str, NamedDef]
) -> Scope:
    scope = Scope(
        {d.name: i for i, d in enumerate(stats)},
        {d.name: i for i, d in enumerate(flags)},
        {d.name: (d.min, d.max) for d in stats},
    )
    for d in named.values():  # in story.yaml's order: a condition may use those above it
        try:
            if d.kind == "constant":
                scope.constants[d.name] = int(d.source)
            else:
                scope.conditions[d.name] = parse_named(d.source, scope)
        except (ExprError, ValueError):
            raise FormError(f'the named {d.kind} "{d.name}" does not compile') from None
    return scope


def _checked(story: Story, graph: dict[str, tuple[str | None, list[Any]]]) -> Story:
    """The story, if everything its graph names is in it: what the loader's checks made
    sure of (the nodes themselves are held to the graph when they are built)."""
    nodes, endings = story.nodes, {e.id for e in story.endings}
    targets = [story.start, *(i.goto for i in story.interrupts)]
    for nid, (ending, gotos) in graph.items():
        targets.extend(gotos)
        if ending is not None and ending not in endings:
            raise FormError(f'node "{nid[:40]}" ends with an ending the story lacks')
    missing = next((t for t in targets if t not in nodes), None)
    if missing is not None:
        raise FormError(f'a way to the node "{missing[:40]}", which the story lacks')
    if any(not d.min <= d.initial <= d.max for d in story.stats):
        raise FormError("a stat starts outside its bounds")
    return story


def _bool(b: Any) -> bool:
    if type(b) is not bool:
        raise FormError(f"true or false was expected, not {str(b)[:40]}")
    return b
