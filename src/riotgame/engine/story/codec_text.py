"""Texts as plain data and back, for the compiled form (codec.py holds the rest).

A text is `[blocks, words, reads, conditions, alternatives, signature]` (null for an empty
text); a block is `[0, template...]` (a Segment), `[1, arm...]` (a Chain, an arm being
`[condition, text, key]`) or `[2, kind, site, [text, key]...]` (a Vary); a template is
`[dynamic, piece...]`; a piece is a string (plain words), `[0, style, words]`,
`[1, style, kind, index, before]` (a value), `[2, arm...]` (a branch, an arm being
`[condition, [piece...], key]`) or `[3, kind, site, [[piece...], key]...]` (a pick).
A condition is its index in the form's table of expressions, -1 for none.

Decoding reads untrusted data: a value of the wrong type or shape raises FormError, never
an object that would fail later in play.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from riotgame.engine.story.expr import Condition
from riotgame.engine.story.text import Chain, Segment, Template, Text, Vary
from riotgame.engine.story.text.blocks import EMPTY_TEXT, Block
from riotgame.engine.story.text.pieces import KINDS, Branch, Lit, Pick, Value

STYLES = ("", "em", "strong")
_NONE: frozenset[str] = frozenset()
VALUE_KINDS = ("stat", "flag", "const")
MAX_TEXT_DEPTH = 40  # texts and pieces nest at most 8 deep when loaded from YAML


def _signature(data: Any) -> str:
    """A text's signature, kept as a list of none (a nested text) or one string."""
    kept = _strs(data)
    if len(kept) > 1:
        raise FormError("a text has one signature at most")
    return kept[0] if kept else ""


class FormError(ValueError):
    """Compiled data that cannot be a story; str() says what is wrong."""


class Exprs(Protocol):
    """The form's table of expressions (codec_lazy.LazyExprs): index -> compiled."""

    def __getitem__(self, i: int, /) -> Any: ...


ExprIndex = Callable[[Any], int]  # a compiled expression -> its index in the table


# -- encoding --------------------------------------------------------------------------------
def encode_text(text: Text, ex: ExprIndex) -> object:
    if not text.blocks and not text.words and text == EMPTY_TEXT:
        return None
    plain = _plain(text)
    if plain is not None:
        return [plain, text.words, text.signature]
    return [[_block(b, ex) for b in text.blocks], text.words, sorted(text.reads),
            [ex(c) for c in text.conditions], list(text.alternatives),
            [text.signature] if text.signature else []]  # fmt: skip


def _plain(text: Text) -> str | None:
    """The words of a text that is one plain paragraph and nothing else (most choices)."""
    if len(text.blocks) != 1 or text.reads or text.conditions or text.alternatives:
        return None
    block = text.blocks[0]
    if not isinstance(block, Segment) or len(block.paragraphs) != 1:
        return None
    template = block.paragraphs[0]
    if template.dynamic or len(template.pieces) != 1 or not text.signature:
        return None
    piece = template.pieces[0]
    if isinstance(piece, Lit) and piece.style == "":
        return piece.text
    return None


def _block(block: Block, ex: ExprIndex) -> list[Any]:
    if isinstance(block, Segment):
        return [0, *(_template(t, ex) for t in block.paragraphs)]
    if isinstance(block, Chain):
        return [1, *([_cond(c, ex), encode_text(t, ex), k] for c, t, k in block.arms)]
    return [2, block.kind, block.site, *([encode_text(t, ex), k] for t, k in block.items)]


def _template(template: Template, ex: ExprIndex) -> list[Any]:
    return [template.dynamic, *(_piece(p, ex) for p in template.pieces)]


def _piece(piece: Any, ex: ExprIndex) -> object:
    if isinstance(piece, Lit):
        return piece.text if piece.style == "" else [0, piece.style, piece.text]
    if isinstance(piece, Value):
        return [1, piece.style, piece.kind, piece.index, piece.before]
    if isinstance(piece, Branch):
        return [2, *([_cond(c, ex), [_piece(p, ex) for p in ps], k] for c, ps, k in piece.arms)]
    assert isinstance(piece, Pick)
    return [3, piece.kind, piece.site, *([[_piece(p, ex) for p in ps], k] for ps, k in piece.items)]


def _cond(cond: Condition | None, ex: ExprIndex) -> int:
    return -1 if cond is None else ex(cond)


# -- decoding --------------------------------------------------------------------------------
class TextDecoder:
    """Builds Texts from their data, conditions taken from the form's table."""

    def __init__(self, exprs: Exprs, stats: int, flags: int):
        self.exprs = exprs
        self.counts = {"stat": stats, "flag": flags}  # a value's index must name one
        self.shared: dict[tuple[str, ...], frozenset[str]] = {}  # one set of each reads

    def reads(self, data: Any) -> frozenset[str]:
        names = _strs(data)
        reads = self.shared.get(names)
        if reads is None:
            reads = self.shared[names] = frozenset(names)
        return reads

    def text(self, data: Any, depth: int = 0) -> Text:
        if data is None:
            return EMPTY_TEXT
        first = data[0]
        if type(first) is str:  # one plain paragraph: [words, count, signature]
            words, signature = data[1:]
            if type(words) is not int or type(signature) is not str:
                raise FormError("a plain text is [words, count, signature]")
            paragraph = (Template((Lit("", first),), False),)
            return Text((Segment(paragraph),), words, _NONE, (), (), signature)
        if depth > MAX_TEXT_DEPTH:
            raise FormError("texts nested too deeply")
        blocks, words, reads, conditions, alternatives, signature = data
        exprs = self.exprs
        return Text(
            tuple([self.block(b, depth) for b in blocks]),
            _int(words),
            self.reads(reads),
            tuple([exprs[_index(i)] for i in conditions]),
            _strs(alternatives),
            _signature(signature),
        )

    def block(self, data: list[Any], depth: int) -> Block:
        kind = data[0]
        if kind == 0:
            return Segment(tuple([self.template(t, depth) for t in data[1:]]))
        if kind == 1:
            return Chain(tuple([(self.cond(c), self.text(t, depth + 1), _str(k))
                                for c, t, k in data[1:]]))  # fmt: skip
        if kind == 2 and data[1] in KINDS:
            items = tuple([(self.text(t, depth + 1), _str(k)) for t, k in data[3:]])
            return Vary(data[1], _int(data[2]), items)
        raise FormError(f"not a block of text: {str(kind)[:20]}")

    def template(self, data: list[Any], depth: int) -> Template:
        dynamic = data[0]
        if type(dynamic) is not bool:
            raise FormError("a paragraph's first item must be true or false")
        return Template(self.pieces(data[1:], depth), dynamic)

    def pieces(self, items: list[Any], depth: int) -> tuple[Any, ...]:
        if depth > MAX_TEXT_DEPTH:
            raise FormError("texts nested too deeply")
        return tuple([Lit("", p) if type(p) is str else self.piece(p, depth) for p in items])

    def piece(self, data: list[Any], depth: int) -> Any:
        kind = data[0]
        if kind == 0 and data[1] in STYLES:
            return Lit(data[1], _str(data[2]))
        if kind == 1 and data[1] in STYLES and data[2] in VALUE_KINDS:
            before = data[4]
            if type(before) is not bool or len(data) != 5:
                raise FormError("a value in text is [1, style, kind, index, before]")
            index = _int(data[3])
            if data[2] in self.counts and not 0 <= index < self.counts[data[2]]:
                raise FormError(f"a value in text reads {data[2]} {index}, which is not one")
            return Value(data[1], data[2], index, before)
        if kind == 2:
            return Branch(tuple([(self.cond(c), self.pieces(ps, depth + 1), _str(k))
                                 for c, ps, k in data[1:]]))  # fmt: skip
        if kind == 3 and data[1] in KINDS:
            items = tuple([(self.pieces(ps, depth + 1), _str(k)) for ps, k in data[3:]])
            return Pick(data[1], _int(data[2]), items)
        raise FormError(f"not a piece of text: {str(data)[:40]}")

    def cond(self, i: Any) -> Condition | None:
        return None if i == -1 else self.exprs[_index(i)]


def _int(n: Any) -> int:
    if type(n) is not int:
        raise FormError(f"a whole number was expected, not {str(n)[:40]}")
    return n


def _index(n: Any) -> int:
    if type(n) is not int or n < 0:
        raise FormError(f"an index was expected, not {str(n)[:40]}")
    return n


def _str(s: Any) -> str:
    if type(s) is not str:
        raise FormError(f"text was expected, not {str(s)[:40]}")
    return s


def _strs(items: Any) -> tuple[str, ...]:
    if type(items) is not list:
        raise FormError(f"a list of text was expected, not {str(items)[:40]}")
    out = tuple(items)
    for s in out:
        if type(s) is not str:
            raise FormError(f"text was expected, not {str(s)[:40]}")
    return out
