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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from riotgame.engine.story.expr import Compiled
from riotgame.engine.story.text.markup import SPECIAL, join_lines, paragraphs, source_offset
from riotgame.engine.story.text.pieces import KINDS, Branch, Lit, Pick, Piece, Template, Value

MAX_DEPTH = 8  # constructs inside constructs
ALIASES = {"sequence": "seq", "stopping": "seq", "random": "shuffle", "cycling": "cycle"}
_WORD = re.compile(r"\s*([A-Za-z_]\w*)")
Place = Callable[[int], int]  # offset in a piece of the string -> offset in the whole string


class Resolver(Protocol):
    """What the parser needs from the loader: names, conditions, and where faults go."""

    def condition(self, source: str, place: Place) -> Compiled | None: ...

    def value(self, name: str, offset: int) -> Value | None:
        """`{name}` as a Value with style "" (or None when it is not a name: reported)."""

    def fault(self, code: str, message: str, offset: int) -> None: ...


@dataclass
class Parsed:
    templates: tuple[Template, ...]
    # (key, offset in the string, source) of every inline alternative, in order
    alternatives: list[tuple[str, int, str]] = field(default_factory=list)


def parse_string(source: str, key: str, resolver: Resolver) -> Parsed:
    """Split a string into paragraphs (at blank lines) and parse each."""
    if not SPECIAL.search(source) and "\n\n" not in source.strip():  # plain prose
        text = " ".join(source.split())
        return Parsed((Template((Lit("", text),)),) if text else ())
    parser = _Parser(key, resolver)
    templates = []
    for start, para in paragraphs(source):
        text, starts = join_lines(para)
        parser.place = _placer(start, starts)
        parser.dynamic = False
        pieces, style, opened = parser.run(text, 0, len(text), "", 0)
        if style:
            resolver.fault("W206", "emphasis opened with * is never closed", opened)
        templates.append(Template(tuple(pieces), parser.dynamic))
    return Parsed(tuple(templates), parser.alternatives)


class _Parser:
    def __init__(self, key: str, resolver: Resolver):
        self.key = key
        self.r = resolver
        self.count = 0  # constructs numbered in order through the whole string
        self.alternatives: list[tuple[str, int, str]] = []
        self.place: Place = lambda i: i
        self.dynamic = False

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

    def new_key(self) -> str:
        key = f"{self.key}@{self.count}"
        self.count += 1
        self.dynamic = True
        return key

    def alternative(
        self, text: str, lo: int, hi: int, style: str, depth: int, key: str
    ) -> tuple[Piece, ...]:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        self.alternatives.append((key, self.place(lo), text[lo:hi]))
        pieces, end_style, opened = self.run(text, lo, hi, style, depth)
        if end_style != style:
            self.r.fault("W206", "emphasis opened inside {...} must close inside it", opened)
        return tuple(pieces)

    def branch(self, text: str, a: int, b: int, style: str, depth: int) -> Piece:
        key = self.new_key()
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
            pieces = self.alternative(text, colon + 1, hi, style, depth, f"{key}/{k}")
            arms.append((cond, pieces, f"{key}/{k}"))
        return Branch(tuple(arms))

    def variation(self, kind: str, text: str, a: int, b: int, style: str, depth: int) -> Piece:
        key = self.new_key()
        parts = _split(text, a, b)
        if kind == "first" and len(parts) != 2:
            self.r.fault(
                "E143", "first takes two texts: {first: first visit | every return}", self.place(a)
            )
        items = tuple(
            (self.alternative(text, lo, hi, style, depth, f"{key}/{m}"), f"{key}/{m}")
            for m, (lo, hi) in enumerate(parts)
        )
        return Pick(kind, zlib.crc32(key.encode()), items)


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
