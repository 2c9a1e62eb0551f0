"""Text no player can ever see: the arms of `if`/`elif`/`else` segments and inline branches,
and the variants, that the search proves are never shown in a node some player reaches.

Sound in the same sense as the rest of the search: an alternative listed here is never
shown; one not listed may or may not be. For each alternative, the conditions on the way to
it are evaluated over the groups resting at its node (stat intervals, exact live flags;
every value of a flag the groups do not keep exact), or over every state at all for the
places no group rests at (replies, nodes passed through by `next`). Visit counts are not
kept exact in groups, so a condition that reads one, and every variant of a node the story
can enter twice, counts as possibly shown; a node no route leads back to is entered once,
so only the variant of a first visit can show there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from riotgame.engine.analysis.search.groups import Group
from riotgame.engine.analysis.search.intervals import TRUE, Mask, abstract
from riotgame.engine.analysis.search.liveness import components, successors
from riotgame.engine.story.expr import Condition, Scope
from riotgame.engine.story.model import Story
from riotgame.engine.story.text.blocks import Chain, Segment, Text, Vary
from riotgame.engine.story.text.pieces import Branch, Pick, pick

MAX_UNKNOWN_FLAGS = 8  # past this many unsure flags in one condition, it may go either way
EITHER = 3  # a mask that can be true and false

Contexts = Sequence[tuple[Group, int]] | None  # (group, mask of exact flags); None: any state


class _Ctx:
    """A group with some flags set by hand (one of the values an unsure flag can take)."""

    __slots__ = ("flags", "stats", "visits")

    def __init__(self, stats: list[tuple[int, int]], flags: int) -> None:
        self.stats, self.flags = stats, flags
        self.visits: dict[str, int] = {}  # conditions that read visits are not judged


class _Judge:
    """What a condition can be over some groups."""

    def __init__(self, story: Story) -> None:
        self.flag_bit = {f"flags.{d.name}": 1 << i for i, d in enumerate(story.flags)}
        self.top = [(d.min, d.max) for d in story.stats]
        self.scope = Scope(
            {d.name: i for i, d in enumerate(story.stats)},
            {d.name: i for i, d in enumerate(story.flags)},
            {d.name: (d.min, d.max) for d in story.stats},
        )
        self.masks: dict[int, Mask] = {}

    def mask(self, cond: Condition, contexts: Contexts) -> int:
        if cond.visits or cond.uses_turns or cond.uses_chance:
            return EITHER
        fn = self.masks.get(id(cond))
        if fn is None:
            fn = self.masks[id(cond)] = abstract(cond, self.scope)
        read = [self.flag_bit[n] for n in cond.reads if n in self.flag_bit]
        if contexts is None:
            contexts = [(Group("", self.top, 0, {}, frozenset()), 0)]
        out = 0
        for g, exact in contexts:
            unsure = [bit for bit in read if not bit & exact]
            if len(unsure) > MAX_UNKNOWN_FLAGS:
                return EITHER
            for combo in range(1 << len(unsure)):
                flags = g.flags & ~sum(unsure)
                flags |= sum(bit for j, bit in enumerate(unsure) if combo >> j & 1)
                out |= fn(_Ctx(g.stats, flags))
                if out == EITHER:
                    return out
        return out


class _Walker:
    """Collects the keys of the alternatives that can be shown in one text."""

    def __init__(self, judge: _Judge, shown: set[str]) -> None:
        self.judge, self.shown = judge, shown
        self.contexts: Contexts = None
        self.again = False  # whether the text's node can be entered more than once

    def text(self, text: Text) -> None:
        for block in text.blocks:
            if isinstance(block, Segment):
                for template in block.paragraphs:
                    self.pieces(template.pieces)
            elif isinstance(block, Chain):
                self.arms((cond, text, key) for cond, text, key in block.arms)
            elif isinstance(block, Vary):
                for i in self.variants(block.kind, block.site, len(block.items)):
                    sub, key = block.items[i]
                    self.shown.add(key)
                    self.text(sub)

    def pieces(self, pieces: Iterable[Any]) -> None:
        for piece in pieces:
            if isinstance(piece, Branch):
                self.arms(piece.arms)
            elif isinstance(piece, Pick):
                for i in self.variants(piece.kind, piece.site, len(piece.items)):
                    sub, key = piece.items[i]
                    self.shown.add(key)
                    self.pieces(sub)

    def arms(self, arms: Iterable[tuple[Condition | None, Any, str]]) -> None:
        """The first arm that holds shows: an arm after one that surely holds never does."""
        for cond, body, key in arms:
            m = TRUE if cond is None else self.judge.mask(cond, self.contexts)
            if m & TRUE:
                self.shown.add(key)
                if isinstance(body, Text):
                    self.text(body)
                else:
                    self.pieces(body)
            if m == TRUE:
                return

    def variants(self, kind: str, site: int, n: int) -> Iterable[int]:
        if self.again or kind == "shuffle":  # a shuffle's first pick depends on the seed
            return range(n)
        first = pick(kind, n, 0, site, 1)
        return () if first is None else (first,)


def unseen_texts(
    story: Story,
    resting: Iterable[tuple[Group, int]],
    reached: set[str],
    taken: set[str],
) -> list[str]:
    """Keys of the alternatives never shown in reached nodes and taken choices, in file order.
    `resting`: every group of the search with the mask of the flags it keeps exact."""
    by_node: dict[str, list[tuple[Group, int]]] = {}
    for g, exact in resting:
        by_node.setdefault(g.node, []).append((g, exact))
    again = revisitable(story)
    shown: set[str] = set()
    walker = _Walker(_Judge(story), shown)
    for nid in reached:
        node = story.nodes[nid]
        if not any(t.alternatives for t in _texts_of(story, nid, taken)):
            continue
        walker.again = nid in again
        walker.contexts = None if node.next else by_node.get(nid, [])
        walker.text(node.text)
        for c in node.choices:
            if c.key not in taken:
                continue  # listed as a choice no player can take
            walker.contexts = by_node.get(nid, [])
            walker.text(c.text)
            if c.chosen is not None:
                walker.text(c.chosen)
            if c.key in taken:
                walker.contexts = None
                walker.text(c.reply)
    places = story.alternative_locs
    hidden = [
        key
        for nid in reached
        for text in _texts_of(story, nid, taken)
        for key in text.alternatives
        if key not in shown
    ]
    return sorted(set(hidden), key=lambda k: (places[k], k) if k in places else (k, k))


def _texts_of(story: Story, nid: str, taken: set[str]) -> Iterable[Text]:
    node = story.nodes[nid]
    yield node.text
    for c in node.choices:
        if c.key in taken:
            yield from (c.text, c.reply) if c.chosen is None else (c.text, c.chosen, c.reply)


def revisitable(story: Story) -> set[str]:
    """Nodes on a cycle of the story's graph (choices, routes, interrupts from anywhere):
    the only ones a player can enter more than once."""
    succ = successors(story)
    again: set[str] = set()
    for component in components(succ):
        if len(component) > 1 or component[0] in succ[component[0]]:
            again.update(component)
    return again
