"""YAML values -> Text: the `text:`, `reply:` and `chosen:` of nodes and choices.

A text is a string, or a list of segments. A segment is a string, or one of:
`{if, text}` followed by any `{elif, text}` and one `{else}`; `{seq: [...]}`, `{cycle:}`,
`{shuffle:}`, `{once:}` (lists of texts); `{first, return}`. Each string is parsed by
text.inline. Every paragraph and every alternative gets a stable key from ids and its place
(`c3_yard.p2`, `c3_yard.if1.else.p1`, `c3_yard.choice.run.reply`), used for translation
catalogues and by check and explore; docs/story-format.md lists the forms.
"""

from __future__ import annotations

import hashlib
import re
import weakref
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from riotgame.engine.story.expr import Condition, ExprError, compile_condition
from riotgame.engine.story.model import Loc
from riotgame.engine.story.problems import did_you_mean
from riotgame.engine.story.text import Chain, Segment, Text, Vary, word_count
from riotgame.engine.story.text.blocks import EMPTY_TEXT, Block
from riotgame.engine.story.text.inline import Place, parse_string
from riotgame.engine.story.text.markup import SPECIAL
from riotgame.engine.story.text.pieces import Lit, Template, Value
from riotgame.engine.story.yamlfile import Pos, YList, YMap, locate

if TYPE_CHECKING:
    from riotgame.engine.story.reader import Reader

VARY_KINDS = ("seq", "cycle", "shuffle", "once")
SEGMENT_KEYS = {"if", "elif", "else", "text", "first", "return", *VARY_KINDS}
MAX_NESTING = 8
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One paragraph a player can read: its key, its source with its lines joined, and the
    place of the string it is in (a scalar of YAML `style`): the paragraph starts `at`
    characters into the string, after `raw`, those characters (at -1: the unit is a plain
    string, placed at `loc`). `exact_loc` turns that into the paragraph's own line and
    column. Only what comes before the paragraph is kept: that is all `locate` reads."""

    key: str
    source: str
    loc: Loc
    raw: str = ""
    style: str | None = None
    at: int = -1


def exact_loc(unit: TextUnit, lines: list[str]) -> Loc:
    """Where the unit's paragraph starts, given the lines of its file."""
    if not lines or unit.at < 0:
        return unit.loc
    line, col = locate(lines, (unit.loc.line, unit.loc.col), unit.style, unit.raw, unit.at)
    return Loc(unit.loc.path, line, col)


UNIT_FIELDS = 8  # key, source, path, line, col, raw, style, at


def units_of(rows: list[Any]) -> tuple[TextUnit, ...]:
    """The TextUnits of a builder's rows. A load keeps its units as rows, a few values a
    unit, and makes them units only when they are read (translations read them)."""
    return tuple(
        TextUnit(key, source, Loc(path, line, col), raw, style, at)
        for key, source, path, line, col, raw, style, at in zip(
            *[iter(rows)] * UNIT_FIELDS, strict=True
        )
    )


class _Gathered:
    """What one top-level text collects while it is built."""

    def __init__(self) -> None:
        self.reads: set[str] = set()
        self.conditions: list[Condition] = []
        self.alternatives: list[str] = []


class _Body:
    """The keys inside one text: paragraphs `BASE.p1`, `BASE.p2`... (a choice's text,
    reply and chosen text call their first paragraph BASE itself), and segments by kind
    and number, `BASE.if1`, `BASE.seq1`, so an edit elsewhere never moves a key."""

    def __init__(self, base: str, bare_first: bool = False):
        self.base, self.bare_first = base, bare_first
        self.count: dict[str, int] = {}

    def paragraph(self) -> str:
        n = self.count["p"] = self.count.get("p", 0) + 1
        return self.base if self.bare_first and n == 1 else f"{self.base}.p{n}"

    def segment(self, kind: str) -> str:
        n = self.count[kind] = self.count.get(kind, 0) + 1
        return f"{self.base}.{kind}{n}"


class _Segments:
    """The blocks of one list of segments as they are built. An if/elif/else chain stays
    open until a segment that is not part of it; it counts the mean words of its arms."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.words = 0
        self.arms: list[tuple[Condition | None, Text, str]] | None = None
        self.arm_words: list[int] = []
        self.chain = ""  # the key of the open chain

    def close(self) -> None:
        if self.arms:
            self.blocks.append(Chain(tuple(self.arms)))
            self.words += sum(self.arm_words) // len(self.arm_words)
        self.arms = None
        self.arm_words.clear()

    def add(self, block: Block, words: int) -> None:
        self.close()
        self.blocks.append(block)
        self.words += words


class TextBuilder:
    def __init__(self, loader: Reader, translations: Mapping[str, str] | None = None):
        # a proxy, not a reference: the reader holds this builder, and a cycle would keep
        # every parsed file alive after the load until the garbage collector next ran
        self.loader = weakref.proxy(loader)
        self.lines = loader.lines  # line numbers, each one object (Reader.loc)
        self.translations = translations
        # the text units as rows of UNIT_FIELDS values, one after another (units_of)
        self.units: list[Any] = []
        self.alternative_locs: dict[str, Loc] = {}
        self.memo: dict[str, Condition] = {}
        self.reads_memo: dict[frozenset[str], frozenset[str]] = {}
        self.got = _Gathered()
        self.rejected: dict[str, list[tuple[str, str, int]]] = {}

    def text(self, path: str, m: YMap, key: str, base: str, bare_first: bool = True) -> Text:
        """m[key] as a Text (empty when m has no such key), its keys under `base`."""
        if key not in m:
            return EMPTY_TEXT
        self.got = _Gathered()
        value, pos, style = m[key], m.vpos(key), m.style(key)
        body = _Body(base, bare_first)
        blocks, words = self.build(path, value, pos, style, body, 0, f'"{key}"')
        got = self.got
        return Text(
            tuple(blocks),
            words,
            self.frozen(got.reads),
            tuple(got.conditions),
            tuple(got.alternatives),
            _signature(value),
        )

    def frozen(self, reads: set[str]) -> frozenset[str]:
        """`reads` as a frozenset, one object for each distinct set (most are empty)."""
        key = frozenset(reads) if reads else _NONE
        return self.reads_memo.setdefault(key, key)

    def plain_unit(self, path: str, m: YMap, key: str, unit_key: str) -> None:
        """m[key], a plain string a player reads (a disabled reason), as a unit."""
        pos = m.vpos(key)
        line = self.lines.setdefault(pos[0], pos[0])
        self.units += (unit_key, str(m[key]), path, line, pos[1], "", None, -1)

    def build(
        self, path: str, value: Any, pos: Pos, style: Any, body: _Body, depth: int, what: str
    ) -> tuple[list[Block], int]:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [self.string(path, str(value), pos, style, body)], word_count(str(value))
        if depth > MAX_NESTING:
            self.loader.add(path, pos, "E103", f"texts nested more than {MAX_NESTING} deep")
            return [], 0
        if not isinstance(value, YList):
            self.loader.add(path, pos, "E103", f"{what} must be text or a list of text segments")
            return [], 0
        return self.segments(path, value, body, depth)

    def segments(self, path: str, items: YList, body: _Body, depth: int) -> tuple[list[Block], int]:
        run = _Segments()
        for i, item in enumerate(items):
            ipos, istyle = items.ipos(i), items.istyle(i)
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                run.add(self.string(path, str(item), ipos, istyle, body), word_count(str(item)))
                continue
            if not isinstance(item, YMap):
                run.close()
                self.loader.add(
                    path, ipos, "E103", f"a text segment is text or a mapping, not {_what(item)}"
                )
                continue
            head = next(
                (k for k in ("if", "elif", "else", "first", *VARY_KINDS) if k in item), None
            )
            if head in ("if", "elif", "else"):
                self.conditional(path, item, head, run, body, depth)
                continue
            run.close()
            if head is None:
                needs = {"if"} if "text" in item else set()
                self.loader.check_keys(path, item, SEGMENT_KEYS, needs, "a text segment")
                continue
            made = self.vary(path, item, head, body.segment(head), depth)
            if made:
                run.add(*made)
        run.close()
        return run.blocks, run.words

    def conditional(
        self, path: str, item: YMap, head: str, run: _Segments, body: _Body, depth: int
    ) -> None:
        """An if, elif or else segment: it opens, extends or closes the run's chain."""
        if head in ("elif", "else") and run.arms is None:
            message = f'"{head}" needs an "if" segment just before it'
            self.loader.add(path, item.kpos(head), "E144", message)
            return
        if head == "if":
            run.close()
            run.arms = []
            run.chain = body.segment("if")
        ikey = run.chain if head == "if" else f"{run.chain}.else"
        if head == "elif":
            ikey = f"{run.chain}.elif{len(run.arms or ()) or 1}"
        arm = self.arm(path, item, head, ikey, depth)
        if arm and run.arms is not None:
            run.arms.append(arm[0])
            run.arm_words.append(arm[1])
        if head == "else":
            run.close()

    def arm(
        self, path: str, item: YMap, head: str, ikey: str, depth: int
    ) -> tuple[tuple[Condition | None, Text, str], int] | None:
        keys = {"else"} if head == "else" else {head, "text"}
        if not self.loader.check_keys(path, item, keys, keys, f"an {head} segment"):
            return None
        body = "else" if head == "else" else "text"
        cond = None
        if head != "else":
            cond = self.loader.compile(path, item, head, f"{ikey}/{head}", text=True)
            if cond is None:
                return None
            self.got.conditions.append(cond)
        text, words = self.nested(path, item, body, ikey, depth)
        self.note_alternative(ikey, path, item.vpos(body))
        return (cond, text, ikey), words

    def vary(
        self, path: str, item: YMap, head: str, ikey: str, depth: int
    ) -> tuple[Vary, int] | None:
        if head == "first":
            keys = {"first", "return"}
            if not self.loader.check_keys(path, item, keys, keys, "a first segment"):
                return None
            parts: list[tuple[str, Any, Any]] = [
                ("first", item, "first"),
                ("return", item, "return"),
            ]
        else:
            if not self.loader.check_keys(path, item, {head}, {head}, f"a {head} segment"):
                return None
            texts = item[head]
            if not isinstance(texts, YList) or not texts:
                self.loader.add(
                    path, item.vpos(head), "E103", f"{head} needs a list of one or more texts"
                )
                return None
            parts = [(f"v{j + 1}", texts, j) for j in range(len(texts))]
        items, words = [], []
        for name, holder, index in parts:
            key = f"{ikey}.{name}"
            text, n = self.nested(path, holder, index, key, depth)
            items.append((text, key))
            words.append(n)
            pos = holder.vpos(index) if isinstance(holder, YMap) else holder.ipos(index)
            self.note_alternative(key, path, pos)
        return Vary(head, zlib.crc32(ikey.encode()), tuple(items)), sum(words) // len(words)

    def nested(self, path: str, holder: Any, index: Any, key: str, depth: int) -> tuple[Text, int]:
        if isinstance(holder, YMap):
            value, pos, style = holder[index], holder.vpos(index), holder.style(index)
        else:
            value, pos, style = holder[index], holder.ipos(index), holder.istyle(index)
        blocks, words = self.build(path, value, pos, style, _Body(key), depth + 1, "a text")
        return Text(tuple(blocks), words), words

    def note_alternative(self, key: str, path: str, pos: Pos) -> None:
        self.got.alternatives.append(key)
        self.alternative_locs[key] = self.loader.loc(path, pos)

    # -- one string ----------------------------------------------------------------------
    def string(self, path: str, source: str, pos: Pos, style: Any, body: _Body) -> Segment:
        if not self.translations and not SPECIAL.search(source) and "\n\n" not in source.strip():
            # plain prose (most strings): the one paragraph parse_string would make of it
            text = " ".join(source.split())
            if text:
                at = len(source) - len(source.lstrip())
                line = self.lines.setdefault(pos[0], pos[0])
                self.units += (body.paragraph(), text, path, line, pos[1], source[:at], style, at)
                return Segment((Template((Lit("", text),)),))
        resolver = _Resolver(self, path, pos, style, source)
        parsed = parse_string(source, body.paragraph, resolver, self.translations)
        line, col = self.lines.setdefault(pos[0], pos[0]), pos[1]
        for key, offset, text in parsed.paragraphs:
            self.units += (key, text, path, line, col, source[:offset], style, offset)
        for alt_key, offset, _alt_source in parsed.alternatives:
            line, col = self.loader.place_inside(path, pos, style, source, offset)
            self.got.alternatives.append(alt_key)
            self.alternative_locs[alt_key] = self.loader.loc(path, (line, col))
        self.rejected.update(parsed.rejected)
        return Segment(parsed.templates)


class _Resolver:
    """Names and conditions inside one string, with faults placed in the file."""

    def __init__(self, builder: TextBuilder, path: str, pos: Pos, style: Any, source: str):
        self.b, self.path, self.pos, self.style, self.source = builder, path, pos, style, source
        self.kept: list[tuple[str, str, int]] | None = None

    def fault(self, code: str, message: str, offset: int) -> None:
        if self.kept is not None:
            self.kept.append((code, message, offset))
            return
        self.b.loader.add_inside(
            self.path, self.pos, self.style, self.source, offset, code, message
        )

    def quiet(self) -> tuple[_Resolver, list[tuple[str, str, int]]]:
        other = _Resolver(self.b, self.path, self.pos, self.style, self.source)
        other.kept = []
        return other, other.kept

    def condition(self, source: str, place: Place) -> Condition | None:
        compiled = self.b.memo.get(source)
        if compiled is None:
            try:
                compiled = compile_condition(source, self.b.loader.scope, "text", text=True)
            except ExprError as exc:
                self.fault(exc.code, exc.message, place(exc.offset))
                return None
            if compiled.uses_chance:
                self.fault("E133", "chance() would roll again each time the text is read", place(0))
                return None
            self.b.memo[source] = compiled
        for target in [t for t in compiled.visits if t not in self.b.loader.node_defs]:
            quoted = re.search(rf"""(["']){re.escape(target)}\1""", source)
            hint = did_you_mean(target, self.b.loader.node_defs)
            self.fault(
                "E120", f'"{target}": no such node{hint}', place(quoted.start() if quoted else 0)
            )
        self.b.got.conditions.append(compiled)
        return compiled

    def value(self, name: str, offset: int) -> Value | None:
        scope = self.b.loader.scope
        before = name.startswith("before.")
        bare = name[7:] if before else name
        if bare.startswith("flags.") and bare[6:] in scope.flags:
            self.b.got.reads.add(bare)
            return Value("", "flag", scope.flags[bare[6:]], before)
        if bare in scope.stats:
            self.b.got.reads.add(bare)
            return Value("", "stat", scope.stats[bare], before)
        if bare in scope.constants and not before:
            return Value("", "const", scope.constants[bare])
        names = [*scope.stats, *scope.constants, *(f"flags.{f}" for f in scope.flags)]
        hint = did_you_mean(bare, names)
        self.fault("E131", f'unknown name "{{{name}}}" in text{hint}', offset)
        return None


def _signature(value: Any) -> str:
    """What a text says as written, as a digest (its YAML value, independent of place)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=12).hexdigest()


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, YList):
        return "a list"
    return "nothing" if value is None else f'"{value}"'
