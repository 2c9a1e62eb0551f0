"""The parser of one string of story text, run once at load time.

Inside a string:
- `{name}` writes a value: a stat, `flags.x` (true/false), `before.name`, a constant
- `{if CONDITION: text | elif CONDITION: text | else: text}` picks the first that holds
- `{seq: a | b | c}`, `{cycle: ...}`, `{shuffle: ...}`, `{once: ...}`, `{first: a | b}`
  pick a variant by visit
- `*em*`, `**strong**`; `{{` and `}}` write literal braces

Every fault goes to the resolver with its offset in the string, so the loader can place
it at `path:line:col`, also inside block scalars.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from riotgame.engine.story.expr import Condition
from riotgame.engine.story.text.markup import SPECIAL, join_lines, paragraphs, source_offset
from riotgame.engine.story.text.pieces import KINDS, Branch, Lit, Pick, Piece, Template, Value

MAX_DEPTH = 8  # constructs inside constructs
ALIASES = {"sequence": "seq", "stopping": "seq", "random": "shuffle", "cycling": "cycle"}
_WORD = re.compile(r"\s*([A-Za-z_]\w*)")
Place = Callable[[int], int]  # offset in a piece of the string -> offset in the whole string


class Resolver(Protocol):
    """What the parser needs from the loader: names, conditions, and where faults go."""

    def condition(self, source: str, place: Place) -> Condition | None: ...

    def value(self, name: str, offset: int) -> Value | None:
        """`{name}` as a Value with style "" (or None when it is not a name: reported)."""

    def fault(self, code: str, message: str, offset: int) -> None: ...

    def quiet(self) -> tuple[Resolver, list[tuple[str, str, int]]]:
        """A resolver like this one that keeps its faults in the list instead (for
        translations, which fall back to the source when they have any)."""


@dataclass
class Parsed:
    templates: tuple[Template, ...]
    # (key, offset in the string, source) of every inline alternative, in order
    alternatives: list[tuple[str, int, str]] = field(default_factory=list)
    # (key, offset in the string, source with its lines joined) of every paragraph
    paragraphs: list[tuple[str, int, str]] = field(default_factory=list)
    # key -> the faults of a translation that was not used: (code, message, offset in it)
    rejected: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)


def parse_string(
    source: str,
    next_key: Callable[[], str],
    resolver: Resolver,
    translated: Mapping[str, str] | None = None,
) -> Parsed:
    """Split a string into paragraphs (at blank lines) and parse each. `next_key` names
    each paragraph in turn; a paragraph whose key `translated` holds is read from the
    translation instead (constructs included), unless the translation has a fault."""
    out = Parsed(())
    templates = []
    if not SPECIAL.search(source) and "\n\n" not in source.strip():  # plain prose
        text = " ".join(source.split())
        if not text:
            return out
        key = next_key()
        out.paragraphs.append((key, len(source) - len(source.lstrip()), text))
        tried = _translation(key, translated, resolver, out)
        out.templates = (tried or Template((Lit("", text),)),)
        return out
    for start, para in paragraphs(source):
        text, starts = join_lines(para)
        key = next_key()
        out.paragraphs.append((key, start, text))
        tried = _translation(key, translated, resolver, out)
        if tried:
            templates.append(tried)
            continue
        parser = _Parser(key, resolver, _placer(start, starts))
        templates.append(parser.paragraph(text))
        out.alternatives.extend(parser.alternatives)
    out.templates = tuple(templates)
    return out


def _translation(
    key: str, translated: Mapping[str, str] | None, resolver: Resolver, out: Parsed
) -> Template | None:
    found = translated.get(key) if translated else None
    if not found:
        return None
    text = " ".join(found.split())
    if not SPECIAL.search(text):
        return Template((Lit("", text),))
    quiet, faults = resolver.quiet()
    template = _Parser(key, quiet, lambda i: i).paragraph(text)
    if faults:
        out.rejected[key] = faults
        return None
    return template


class _Parser:
    """One paragraph. Constructs are keyed by their kind and number at their level:
    `KEY.if1`, `KEY.if1.elif1`, `KEY.if1.else`, `KEY.seq1.v2`, `KEY.first1.return`."""

    def __init__(self, key: str, resolver: Resolver, place: Place):
        self.key = key
        self.r = resolver
        self.counts: dict[tuple[str, str], int] = {}  # (level key, kind) -> constructs so far
        self.alternatives: list[tuple[str, int, str]] = []
        self.place: Place = place
        self.dynamic = False
        self.level = key  # the key of the text the parser is inside

    def paragraph(self, text: str) -> Template:
        pieces, style, opened = self.run(text, 0, len(text), "", 0)
        if style:
            self.r.fault("W206", "emphasis opened with * is never closed", opened)
        return Template(tuple(pieces), self.dynamic)

    def run(
        self, text: str, lo: int, hi: int, style: str, depth: int
    ) -> tuple[list[Piece], str, int]:
        """Pieces of text[lo:hi]; returns (pieces, style at the end, where it opened)."""
        pieces: list[Piece] = []
        opened = self.place(lo)
        i = lo
        while i < hi:
            match = SPECIAL.search(text, i, hi)
            end = match.start() if match else hi
            if end > i:
                pieces.append(Lit(style, text[i:end]))
            if not match:
                break
            i = end
            pair = text[i : i + 2] if i + 1 < hi else text[i]
            if pair in ("{{", "}}"):
                pieces.append(Lit(style, pair[0]))
                i += 2
            elif text[i] == "{":
                close = _closing(text, i, hi)
                if close is None:
                    self.brace(text[i], i)
                    i += 1
                    continue
                pieces.append(self.construct(text, i + 1, close, style, depth + 1))
                i = close + 1
            elif text[i] == "}":
                self.brace(text[i], i)
                i += 1
            else:
                token = "**" if pair == "**" else "*"
                wanted = "em" if token == "*" else "strong"
                if style == wanted:
                    style = ""
                elif style == "":
                    style, opened = wanted, self.place(i)
                else:
                    pieces.append(Lit(style, token))
                i += len(token)
        return pieces, style, opened

    def brace(self, token: str, i: int) -> None:
        self.r.fault(
            "E142", f'unmatched "{token}" (write "{token * 2}" for a literal brace)', self.place(i)
        )

    def construct(self, text: str, a: int, b: int, style: str, depth: int) -> Piece:
        content = text[a:b]
        head = _WORD.match(content)
        word = head.group(1) if head else ""
        rest = content[head.end() :] if head else content
        if depth > MAX_DEPTH:
            self.r.fault("E143", f"constructs nested more than {MAX_DEPTH} deep", self.place(a))
            return Lit(style, "")
        if word == "if" and rest[:1].isspace():
            return self.branch(text, a, b, style, depth)
        if head and rest.lstrip().startswith(":"):
            if word not in KINDS:
                from riotgame.engine.story.problems import did_you_mean

                hint = did_you_mean(ALIASES.get(word.lower(), word), ("if", *KINDS))
                self.r.fault(
                    "E143",
                    f'unknown construct "{word}:"{hint}; use if, {", ".join(KINDS)}',
                    self.place(a + head.start(1)),
                )
                return Lit(style, "")
            colon = a + head.end() + rest.index(":")
            return self.variation(word, text, colon + 1, b, style, depth)
        value = self.r.value(content.strip(), self.place(a - 1))
        return replace(value, style=style) if value else Lit(style, "")

    def new_key(self, kind: str) -> str:
        n = self.counts.get((self.level, kind), 0) + 1
        self.counts[self.level, kind] = n
        self.dynamic = True
        return f"{self.level}.{kind}{n}"

    def alternative(
        self, text: str, lo: int, hi: int, style: str, depth: int, key: str
    ) -> tuple[Piece, ...]:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        self.alternatives.append((key, self.place(lo), text[lo:hi]))
        outer, self.level = self.level, key
        pieces, end_style, opened = self.run(text, lo, hi, style, depth)
        self.level = outer
        if end_style != style:
            self.r.fault("W206", "emphasis opened inside {...} must close inside it", opened)
        return tuple(pieces)

    def branch(self, text: str, a: int, b: int, style: str, depth: int) -> Piece:
        key = self.new_key("if")
        arms = []
        parts = _split(text, a, b)
        for k, (lo, hi) in enumerate(parts):
            head = _WORD.match(text, lo, hi)
            word = head.group(1) if head else ""
            wanted = "if" if k == 0 else "elif or else"
            if word not in (("if",) if k == 0 else ("elif", "else")):
                self.r.fault(
                    "E143", f"expected {wanted} here, not {word or 'nothing'}", self.place(lo)
                )
                return Lit(style, "")
            assert head is not None
            colon = _colon(text, head.end(), hi)
            if colon is None:
                self.r.fault(
                    "E143", f'"{word}" needs a ":" before its text', self.place(head.start(1))
                )
                return Lit(style, "")
            cond = None
            if word == "else":
                if text[head.end() : colon].strip():
                    self.r.fault("E143", 'else takes no condition (use "elif")', self.place(lo))
                if k != len(parts) - 1:
                    self.r.fault("E143", "else must be the last part", self.place(head.start(1)))
            else:
                start = head.end()
                cond = self.r.condition(text[start:colon], _shifted(self.place, start))
            arm = key if k == 0 else f"{key}.else" if word == "else" else f"{key}.elif{k}"
            pieces = self.alternative(text, colon + 1, hi, style, depth, arm)
            arms.append((cond, pieces, arm))
        return Branch(tuple(arms))

    def variation(self, kind: str, text: str, a: int, b: int, style: str, depth: int) -> Piece:
        key = self.new_key(kind)
        parts = _split(text, a, b)
        if kind == "first" and len(parts) != 2:
            self.r.fault(
                "E143", "first takes two texts: {first: first visit | every return}", self.place(a)
            )
        names = [f"{key}.{n}" for n in _variant_names(kind, len(parts))]
        items = tuple(
            (self.alternative(text, lo, hi, style, depth, name), name)
            for name, (lo, hi) in zip(names, parts, strict=True)
        )
        return Pick(kind, zlib.crc32(key.encode()), items)


def _variant_names(kind: str, n: int) -> list[str]:
    """`first` has a first and a return text; other variations number theirs v1, v2..."""
    if kind == "first":
        return ["first", "return", *(f"v{m}" for m in range(3, n + 1))][:n]
    return [f"v{m}" for m in range(1, n + 1)]


def _placer(start: int, starts: list[tuple[int, int]]) -> Place:
    return lambda i: start + source_offset(starts, i)


def _shifted(place: Place, by: int) -> Place:
    return lambda i: place(by + i)


def _closing(text: str, i: int, hi: int) -> int | None:
    """The offset of the "}" that closes the "{" at i (`{{` inside is a literal)."""
    depth, k = 0, i
    while k < hi:
        c = text[k]
        if c == "{" and k > i and text[k : k + 2] == "{{":
            k += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return None


def _split(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of text[a:b] between "|" outside inner braces."""
    parts, depth, start = [], 0, a
    for k in range(a, b):
        c = text[k]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append((start, k))
            start = k + 1
    parts.append((start, b))
    return parts


def _colon(text: str, a: int, b: int) -> int | None:
    """The first ":" in text[a:b] outside quotes and braces (a condition has none)."""
    quote, depth = "", 0
    for k in range(a, b):
        c = text[k]
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == ":" and depth == 0:
            return k
    return None
