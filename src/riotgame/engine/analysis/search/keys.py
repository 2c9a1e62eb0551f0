"""The keys under which states count as the same.

A real state's key: the node, the live flags, visit counts and once-choices, and for each
live stat the region between split points it lies in (liveness.stat_splits). A group's
(abstract) key: the same without the stats, which the group holds as intervals.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any, Protocol

from riotgame.engine.analysis.search.liveness import (
    control,
    live_variables,
    stat_splits,
    visit_caps,
)
from riotgame.engine.play.state import Scratch
from riotgame.engine.story.model import StatDef, Story

Key = tuple[Any, ...]
Visits = tuple[tuple[str, int | None], ...]  # (node, cap) of each live visit count


class _Counted(Protocol):
    """A real state or a group: what the abstract key reads."""

    @property
    def node(self) -> str: ...
    @property
    def flags(self) -> int: ...
    @property
    def visits(self) -> Mapping[str, int]: ...
    @property
    def used(self) -> frozenset[str]: ...


def _counts(s: _Counted, visits: Visits) -> tuple[int, ...]:
    return tuple(
        s.visits.get(v, 0) if cap is None else min(s.visits.get(v, 0), cap) for v, cap in visits
    )


class Keyer:
    """Builds the key under which states count as the same (see the module docstring)."""

    def __init__(self, story: Story):
        self.live = live_variables(story)
        stat_names = [d.name for d in story.stats]
        flag_names = [d.name for d in story.flags]
        expressions = list(control(story))
        self.uses_chance = any(x.uses_chance for x in expressions)
        self.turns = any(x.uses_turns for x in expressions)
        self.story = story
        self._tables: dict[str, tuple[tuple[int, ...] | None, ...]] | None = None
        self.mins = tuple(d.min for d in story.stats)
        caps = visit_caps(story)
        self.cache: dict[str, tuple[tuple[int, ...], int, Visits, frozenset[str]]] = {}
        for nid, live in self.live.items():
            stats = tuple(i for i, n in enumerate(stat_names) if n in live)
            mask = sum(1 << i for i, n in enumerate(flag_names) if f"flags.{n}" in live)
            visits = tuple((v[1:], caps.get(v)) for v in sorted(live) if v.startswith("@"))
            once = frozenset(v[1:] for v in live if v.startswith("#"))
            self.cache[nid] = (stats, mask, visits, once)

    @property
    def tables(self) -> dict[str, tuple[tuple[int, ...] | None, ...]]:
        """Node -> per stat: value -> region (None: exact). Built on first use: only the
        searches over real states need it."""
        if self._tables is None:
            splits = stat_splits(self.story)
            shared: dict[tuple[int, int, tuple[int, ...]], tuple[int, ...]] = {}

            def table(d: StatDef, points: tuple[int, ...]) -> tuple[int, ...]:
                """One table per distinct set of points: most nodes share theirs."""
                found = shared.get((d.min, d.max, points))
                if found is None:
                    found = tuple(bisect_right(points, v) for v in range(d.min, d.max + 1))
                    shared[d.min, d.max, points] = found
                return found

            self._tables = {
                nid: tuple(
                    None if (points := splits[d.name]) is None else table(d, points[nid])
                    for d in self.story.stats
                )
                for nid in self.story.nodes
            }
        return self._tables

    def key(self, s: Any) -> Key:
        """The key of a real state (GameState or Scratch)."""
        stats, mask, visits, once = self.cache[s.node]
        tables, mins = self.tables[s.node], self.mins
        values = tuple(
            s.stats[i] if (table := tables[i]) is None else table[s.stats[i] - mins[i]]
            for i in stats
        )
        seen = _counts(s, visits)
        if self.turns:
            seen += tuple(s.turn - s.last[v] if v in s.last else -1 for v, _ in visits)
        used = s.used & once if once else frozenset()
        return (s.node, values, s.flags & mask, seen, used)

    def forget(self, s: Scratch) -> None:
        """Drop from a real state at rest the visit counts, turns and once-choices no rule
        reads again from its node on (what is live, liveness.py): they cannot change where
        it goes, and a state then holds a few counts, not one per node of its past."""
        _, _, visits, once = self.cache[s.node]
        had, last = s.visits, s.last
        s.visits = {v: had[v] for v, _ in visits if v in had}
        s.last = {v: last[v] for v, _ in visits if v in last}
        s.used = s.used & once

    def abstract_key(self, s: _Counted) -> Key:
        """The key of the group a state (or a group) belongs to: no stats."""
        _, mask, visits, once = self.cache[s.node]
        seen = _counts(s, visits)
        used = s.used & once if once else frozenset()
        return (s.node, s.flags & mask, seen, used)
