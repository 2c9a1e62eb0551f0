"""Groups of states over intervals: what a group is, where it belongs, when it is sure to
have a choice.

A group holds exact flags, visits and once-choices and, per stat, an interval (lo, hi)
containing the values of every state in it. Groups with the same abstract key (keys.py)
are merged by widening their intervals, so the search keeps one group per key.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from riotgame.engine.analysis.search.facts import facts
from riotgame.engine.analysis.search.keys import Key, Keyer
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.model import Node, Story

Interval = tuple[int, int]


class Group:
    """A set of states: exact flags, visits and once-choices, an interval per stat."""

    __slots__ = ("flags", "node", "stats", "used", "visits")

    def __init__(
        self,
        node: str,
        stats: list[Interval],
        flags: int,
        visits: Mapping[str, int],
        used: frozenset[str],
    ):
        self.node, self.stats, self.flags, self.visits, self.used = (
            node,
            stats,
            flags,
            visits,
            used,
        )

    @classmethod
    def of(cls, state: GameState) -> Group:
        """The group holding just this state."""
        return cls(state.node, [(v, v) for v in state.stats], state.flags, state.visits, state.used)

    def copy(self) -> Group:
        h = _new_group(Group)  # the slots set directly: a copy is made for every choice taken
        h.node, h.stats, h.flags, h.visits, h.used = (
            self.node,
            self.stats[:],
            self.flags,
            self.visits,
            self.used,
        )
        return h


_new_group = object.__new__


class GroupTable:
    """One group per abstract key, each widened to hold every state that arrived under it."""

    def __init__(self, story: Story, keyer: Keyer):
        ranges = [(d.min, d.max) for d in story.stats]
        self.live = {  # node -> what key() reads: (stat, its whole range) of each stat not
            nid: (  # live there, the live flags' mask, visit counts and once-choices
                [(i, r) for i, r in enumerate(ranges) if i not in stats],
                mask,
                visits,
                once,
            )
            for nid, (stats, mask, visits, once) in keyer.cache.items()
        }
        self.groups: dict[Key, Group] = {}

    def __len__(self) -> int:
        return len(self.groups)

    def key(self, g: Group) -> Key:
        """The group's key (Keyer.abstract_key), after forgetting what no one will read
        again: the stats (any value), the visit counts and once-choices (dropped). So a
        group holds a few counts, not one per node it passed through, and two groups with
        the same key hold the same counts."""
        forget, mask, visits, once = self.live[g.node]
        if forget:
            stats = g.stats
            for i, r in forget:
                stats[i] = r
        counts: tuple[int, ...] = ()
        if had := g.visits:
            kept = {}
            for v, cap in visits:
                if v in had:
                    n = had[v]
                    kept[v] = n if cap is None or n <= cap else cap
            g.visits = kept
            if visits:
                counts = tuple([kept.get(v, 0) for v, _ in visits])
        elif visits:
            counts = (0,) * len(visits)
        if g.used and not g.used <= once:
            g.used = g.used & once
        return (g.node, g.flags & mask, counts, g.used)

    def merge(self, k: Key, h: Group) -> bool:
        """Add `h` under key `k`; False when the group there already held all of it."""
        old = self.groups.get(k)
        if old is None:
            self.groups[k] = h
            return True
        had, new = old.stats, h.stats
        if had == new:  # the commonest case: a path that brought nothing new
            return False
        for (a, b), (c, d) in zip(had, new, strict=True):
            if c < a or d > b:
                break
        else:
            return False  # inside what the group already holds
        old.stats = [
            (a if a < c else c, b if b > d else d) for (a, b), (c, d) in zip(had, new, strict=True)
        ]
        return True


def _candidates(story: Story, g: Group, node: Node) -> list[list[int]] | None:
    """Per stat, the values worth trying: one from each side of every threshold the node's
    conditions test (every value, for a stat they use otherwise). None: too many."""
    conds = [x for c in node.choices for x in (c.cond, c.disabled) if x]
    names = {d.name: i for i, d in enumerate(story.stats)}
    candidates = [[lo] for lo, _ in g.stats]
    size = 1
    for name in set().union(*(x.reads for x in conds)) if conds else ():
        if name not in names:
            continue  # a flag: exact in the group
        i = names[name]
        lo, hi = g.stats[i]
        if any(name in facts(x).opaque for x in conds):
            values = list(range(lo, hi + 1))
        else:
            points = {
                t + (1 if op in (">", "<=") else 0)
                for x in conds
                for n, op, t in facts(x).tests
                if n == name
            }
            values = sorted({lo, hi} | {v for p in points for v in (p - 1, p) if lo <= v <= hi})
        candidates[i] = values
        size *= len(values)
        if size > 100_000:
            return None
    return candidates


def never_stuck(story: Story, machine: Machine, g: Group, node: Node) -> bool:
    """True when every state of the group has a choice at this node. Intervals alone cannot
    see that `x >= 35` and `not (x >= 35)` cover everything, so try one value of each stat
    from each side of every threshold the node's conditions test (or every value, for a
    stat they use otherwise)."""
    conds = [x for c in node.choices for x in (c.cond, c.disabled) if x]
    if any(x.uses_turns or x.uses_chance for x in conds):
        return False
    candidates = _candidates(story, g, node)
    if candidates is None:
        return False
    visits, used = dict(g.visits), set(g.used)  # read, never changed, by available()
    for stats in itertools.product(*candidates):
        s = Scratch(node=g.node, stats=list(stats), flags=g.flags, visits=visits, used=used)
        if not machine.available(s, node):
            return False
    return True
