"""What a parsed string is made of, and how it renders.

A string becomes a Template: a tuple of pieces. A piece writes (style, text) runs for a
state: a literal, a value (`{suspicion}`), a branch (`{if ...: ... | else: ...}`) or a
pick among variants (`{seq: ... | ...}`). The variant picked is a pure function of
(seed, site, visit), so the same run always reads the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from riotgame.engine.story.expr import Condition
from riotgame.engine.story.text.markup import Paragraph, Run

_MASK = (1 << 64) - 1
EMPTY = "\x00"  # left where a construct wrote nothing, so the spaces around it close up
KINDS = ("seq", "cycle", "shuffle", "once", "first")

Seen = Any  # a set or a Counter of alternative keys, filled while rendering (or None)


class Piece(Protocol):
    def emit(self, s: Any, visit: int, seen: Seen, out: list[Run]) -> None: ...

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        """Note in `seen` the alternatives `emit` would show, without building text."""


def _mix(*parts: int) -> int:
    x = 0
    for part in parts:
        x = (x ^ part) * 0x9E3779B97F4A7C15 & _MASK
        x ^= x >> 31
        x = x * 0xBF58476D1CE4E5B9 & _MASK
        x ^= x >> 29
    return x


def pick(kind: str, n: int, seed: int, site: int, visit: int) -> int | None:
    """Which of n variants shows on the visit-th visit (1-based), or None for nothing.

    seq stops at the last; cycle starts again; once shows each once, then nothing;
    first shows the first, then always the second; shuffle goes through all n in an
    order drawn from (seed, site) for each round of n visits."""
    v = max(visit, 1) - 1
    if kind == "seq":
        return min(v, n - 1)
    if kind == "cycle":
        return v % n
    if kind == "once":
        return v if v < n else None
    if kind == "first":
        return 0 if v == 0 else min(1, n - 1)
    order = list(range(n))
    block = v // n
    for i in range(n - 1, 0, -1):
        j = _mix(seed, site, block, i) % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order[v % n]


@dataclass(frozen=True, slots=True)
class Lit:
    style: str
    text: str

    def emit(self, s: Any, visit: int, seen: Seen, out: list[Run]) -> None:
        out.append((self.style, self.text))

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        return


@dataclass(frozen=True, slots=True)
class Value:
    """`{suspicion}`, `{flags.x}`, `{before.suspicion}`, `{before.flags.x}`, `{CONSTANT}`:
    kind "stat" or "flag" (index), with `before` from the state before the last choice, or
    "const" (index is the number)."""

    style: str
    kind: str
    index: int
    before: bool = False

    def emit(self, s: Any, visit: int, seen: Seen, out: list[Run]) -> None:
        if self.kind == "const":
            out.append((self.style, str(self.index)))
            return
        prior = s.prior if self.before else ()
        if self.kind == "stat":
            out.append((self.style, str((prior[0] if prior else s.stats)[self.index])))
            return
        flags = prior[1] if prior else s.flags
        out.append((self.style, "true" if (flags >> self.index) & 1 else "false"))

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        return


Arm = tuple[Condition | None, tuple["Piece", ...], str]


@dataclass(frozen=True, slots=True)
class Branch:
    """`{if A: x | elif B: y | else: z}`: the first arm whose condition holds."""

    arms: tuple[Arm, ...]

    def emit(self, s: Any, visit: int, seen: Seen, out: list[Run]) -> None:
        for cond, pieces, key in self.arms:
            if cond is None or cond.fn(s):
                _emit_all(pieces, s, visit, seen, out, key)
                return
        out.append(("", EMPTY))

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        for cond, pieces, key in self.arms:
            if cond is None or cond.fn(s):
                _note_all(pieces, s, visit, seen, key)
                return


@dataclass(frozen=True, slots=True)
class Pick:
    """`{seq: a | b}`, `{cycle: ...}`, `{shuffle: ...}`, `{once: ...}`, `{first: a | b}`."""

    kind: str
    site: int
    items: tuple[tuple[tuple[Piece, ...], str], ...]

    def emit(self, s: Any, visit: int, seen: Seen, out: list[Run]) -> None:
        i = pick(self.kind, len(self.items), s.seed, self.site, visit)
        if i is None:
            out.append(("", EMPTY))
            return
        pieces, key = self.items[i]
        inner = visit - 1 if self.kind == "first" and i == 1 else visit  # returns count returns
        _emit_all(pieces, s, inner, seen, out, key)

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        i = pick(self.kind, len(self.items), s.seed, self.site, visit)
        if i is not None:
            pieces, key = self.items[i]
            inner = visit - 1 if self.kind == "first" and i == 1 else visit
            _note_all(pieces, s, inner, seen, key)


def _emit_all(
    pieces: tuple[Piece, ...], s: Any, visit: int, seen: Seen, out: list[Run], key: str
) -> None:
    if seen is not None:
        _note(seen, key)
    start = len(out)
    for piece in pieces:
        piece.emit(s, visit, seen, out)
    if len(out) == start or all(not t for _, t in out[start:]):
        out.append(("", EMPTY))


def _note_all(pieces: tuple[Piece, ...], s: Any, visit: int, seen: Seen, key: str) -> None:
    _note(seen, key)
    for piece in pieces:
        piece.note(s, visit, seen)


def _note(seen: Seen, key: str) -> None:
    if isinstance(seen, set):
        seen.add(key)
    else:
        seen[key] += 1


_GAP_BEFORE_MARK = re.compile(r"\s*\x00+\s*(?=[.,;:!?)\u2019\u201d])")
_GAP = re.compile(r"\s*\x00+\s*")


@dataclass(frozen=True, slots=True)
class Template:
    """One paragraph. `dynamic` when it holds a branch or a pick (spaces then need tidying)."""

    pieces: tuple[Piece, ...]
    dynamic: bool = False

    def render(self, s: Any, visit: int = 1, seen: Seen = None) -> Paragraph:
        runs: list[Run] = []
        for piece in self.pieces:
            piece.emit(s, visit, seen, runs)
        out: Paragraph = []
        for style, text in runs:
            if out and out[-1][0] == style:
                out[-1] = (style, out[-1][1] + text)
            elif text:
                out.append((style, text))
        if self.dynamic:
            out = _tidy(out)
        return out

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        if self.dynamic:
            for piece in self.pieces:
                piece.note(s, visit, seen)


def _tidy(runs: Paragraph) -> Paragraph:
    """Close up the gaps a construct left when it wrote nothing, and doubled spaces."""
    out: Paragraph = []
    for style, text in runs:
        text = _GAP.sub(" ", _GAP_BEFORE_MARK.sub("", text))
        text = re.sub(r"  +", " ", text)
        if out and out[-1][1].endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text:
            out.append((style, text))
    if out:
        out[0] = (out[0][0], out[0][1].lstrip())
        out[-1] = (out[-1][0], out[-1][1].rstrip())
    return [r for r in out if r[1]]
