"""A whole text: the blocks of a `text:` (or `reply:`) value, and how it renders.

A block is a Segment (paragraphs of one string), a Chain (`if` / `elif` / `else`
segments: the first that holds) or a Vary (`seq`, `cycle`, `shuffle`, `once`, or `first`
with `return`: one of several texts, picked by visit). Texts nest: an arm or a variant is
itself a Text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riotgame.engine.story.expr import Condition
from riotgame.engine.story.text.markup import Passage
from riotgame.engine.story.text.pieces import Lit, Seen, Template, _note, pick


@dataclass(frozen=True, slots=True)
class Segment:
    """The paragraphs of one string."""

    paragraphs: tuple[Template, ...]

    def render(self, s: Any, visit: int, seen: Seen, out: Passage) -> None:
        for template in self.paragraphs:
            paragraph = template.render(s, visit, seen)
            if paragraph:
                out.append(paragraph)

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        for template in self.paragraphs:
            template.note(s, visit, seen)


@dataclass(frozen=True, slots=True)
class Chain:
    """`- if: ...`, `- elif: ...`, `- else: ...`: the first arm whose condition holds."""

    arms: tuple[tuple[Condition | None, Text, str], ...]

    def render(self, s: Any, visit: int, seen: Seen, out: Passage) -> None:
        for cond, text, key in self.arms:
            if cond is None or cond.fn(s):
                if seen is not None:
                    _note(seen, key)
                text.render_into(s, visit, seen, out)
                return

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        for cond, text, key in self.arms:
            if cond is None or cond.fn(s):
                _note(seen, key)
                text.note(s, visit, seen)
                return


@dataclass(frozen=True, slots=True)
class Vary:
    """One text of several, picked by (seed, site, visit)."""

    kind: str
    site: int
    items: tuple[tuple[Text, str], ...]

    def render(self, s: Any, visit: int, seen: Seen, out: Passage) -> None:
        i = pick(self.kind, len(self.items), s.seed, self.site, visit)
        if i is None:
            return
        text, key = self.items[i]
        if seen is not None:
            _note(seen, key)
        text.render_into(s, _inner_visit(self.kind, i, visit), seen, out)

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        i = pick(self.kind, len(self.items), s.seed, self.site, visit)
        if i is not None:
            text, key = self.items[i]
            _note(seen, key)
            text.note(s, _inner_visit(self.kind, i, visit), seen)


def _inner_visit(kind: str, i: int, visit: int) -> int:
    """The visit count the text inside a variant counts with: a `return:` text counts its
    own returns (1 on the first return), so a variation inside it starts at its first item."""
    return visit - 1 if kind == "first" and i == 1 else visit


Block = Segment | Chain | Vary


@dataclass(frozen=True, slots=True)
class Text:
    """A parsed text. `visit` is how many times its node has been entered (1 on the first
    visit); `seen`, when given, collects the key of every alternative shown."""

    blocks: tuple[Block, ...]
    words: int
    reads: frozenset[str] = frozenset()  # stats and "flags.x" written into the text
    conditions: tuple[Condition, ...] = ()  # every condition inside, at any depth
    alternatives: tuple[str, ...] = ()  # keys of every arm and variant, at any depth
    signature: str = ""  # what the text says, independent of its place ("": a nested text)

    def render(self, s: Any, visit: int = 1, seen: Seen = None) -> Passage:
        out: Passage = []
        self.render_into(s, visit, seen, out)
        return out

    def render_into(self, s: Any, visit: int, seen: Seen, out: Passage) -> None:
        for block in self.blocks:
            block.render(s, visit, seen, out)

    def constant(self) -> bool:
        """Plain paragraphs only: every render gives the same passage."""
        return all(
            isinstance(block, Segment)
            and all(isinstance(p, Lit) for t in block.paragraphs for p in t.pieces)
            for block in self.blocks
        )

    def note(self, s: Any, visit: int, seen: Seen) -> None:
        """Note in `seen` the key of every alternative `render` would show, building no
        text (random play's count of what players read)."""
        if self.alternatives:
            for block in self.blocks:
                block.note(s, visit, seen)


EMPTY_TEXT = Text((), 0)
