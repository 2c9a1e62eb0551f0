"""Witnesses: real paths that confirm what the groups say can happen.

First the shortest of a few thousand random runs (explore.random_play, with a log that
keeps each run's path), then, for what they miss, a search over real states guided by the
distance in the group graph. Paths found are then shortened: detours that change nothing
are cut out, and every cut path is replayed to check it is still real.

chance() rolls are taken both ways: a `_Forking` state follows a script of roll outcomes,
and `_every_roll` runs a step once per combination of outcomes it meets.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from typing import Any

from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.search.keys import Key, Keyer
from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.model import Choice, Story

Path = list[tuple[str, str]]  # (node, choice id) pairs
Goal = Callable[[GameState], bool]

WITNESS_BUDGET = 50_000  # real states one guided search may expand before giving up
WITNESS_RUNS = 3_000  # random runs that look for paths first
_MAX_RUN = 1_000  # choices in one random witness run


class _Forking(Scratch):
    """A scratch state whose chance() rolls follow a script instead of the seed, so the
    search can take every outcome: a roll not yet scripted comes out false, and the
    caller then tries the same step again with that roll true."""

    __slots__ = ("at", "script")
    script: list[bool]
    at: int

    def chance(self, site: int, percent: int) -> bool:
        if percent <= 0:
            return False
        if percent >= 100:
            return True
        if self.at == len(self.script):
            self.script.append(False)
        self.at += 1
        return self.script[self.at - 1]


def _forking(state: GameState, script: list[bool]) -> _Forking:
    s = state.thaw(_Forking)
    assert isinstance(s, _Forking)
    s.script, s.at = list(script), 0
    return s


def _every_roll(run: Callable[[list[bool]], _Forking]) -> Iterator[_Forking]:
    """Call run(script) for every combination of chance() outcomes it meets."""
    pending: list[list[bool]] = [[]]
    while pending:
        script = pending.pop()
        s = run(script)
        pending.extend([*s.script[:i], True] for i in range(len(script), len(s.script)))
        yield s


def options(machine: Machine, keyer: Keyer, state: GameState) -> list[Choice]:
    """The choices available in some outcome of the rolls their conditions make."""
    node = machine.nodes[state.node]
    if not keyer.uses_chance:
        return machine.available(state, node)
    found: dict[str, Choice] = {}
    for s in _every_roll(lambda script: _forking(state, script)):
        for c in machine.available(s, node):
            found.setdefault(c.key, c)
    return list(found.values())


def _outcomes(
    machine: Machine, keyer: Keyer, state: GameState, choice: Choice
) -> Iterator[GameState]:
    def run(script: list[bool]) -> _Forking:
        s = _forking(state, script)
        machine.step(s, choice)
        return s

    for s in _every_roll(run):
        keyer.forget(s)
        yield s.freeze()


class EndingGoal:
    """A state at the given ending."""

    def __init__(self, story: Story, ending: str):
        self.nodes, self.ending = story.nodes, ending

    def __call__(self, s: GameState) -> bool:
        return self.nodes[s.node].ending == self.ending


class StuckGoal:
    """A state at the given node with no choice in any outcome of the rolls."""

    def __init__(self, machine: Machine, keyer: Keyer, node: str):
        self.machine, self.keyer, self.node = machine, keyer, node

    def __call__(self, s: GameState) -> bool:
        return s.node == self.node and not options(self.machine, self.keyer, s)


class _RandomLog:
    """random_play's log: the shortest path to each ending and to each node where a run got
    stuck. It stops the runs once every wanted ending has a path and a further batch of
    500 runs found nothing shorter."""

    max_steps = _MAX_RUN

    def __init__(self, wanted: set[str]):
        self.wanted = wanted
        self.endings: dict[str, Path] = {}
        self.stuck: dict[str, Path] = {}
        self.run = 0
        self.before: dict[str, int] = {}

    def ended(self, path: Path, ending: str | None, stuck: str | None) -> bool:
        if ending is not None and len(path) < len(self.endings.get(ending, [*path, None])):
            self.endings[ending] = path
        if stuck is not None and len(path) < len(self.stuck.get(stuck, [*path, None])):
            self.stuck[stuck] = path
        self.run += 1
        if self.run % 500 != 499:
            return False
        lengths = {e: len(p) for e, p in self.endings.items()}
        if self.wanted <= set(lengths) and lengths == self.before:
            return True
        self.before = lengths
        return False


def random_witnesses(
    story: Story, runs: int, seed: int, wanted: set[str]
) -> tuple[dict[str, Path], dict[str, Path]]:
    """The shortest path random play finds to each ending, and to each node where a run
    got stuck."""
    log = _RandomLog(wanted)
    with suppress(RoutingLoop):  # a run fell into a loop of routes (the groups report it)
        random_play(story, runs, seed, log=log)
    return log.endings, log.stuck


class Witnesses:
    """Searches over real states from the first state, guided by the group graph."""

    def __init__(
        self,
        machine: Machine,
        keyer: Keyer,
        first: GameState,
        edges: dict[Key, set[Key]],
        budget: int,
    ):
        start = first.thaw()
        keyer.forget(start)
        self.machine, self.keyer, self.first, self.budget = machine, keyer, start.freeze(), budget
        self.edges = edges
        self._back: dict[Key, list[Key]] | None = None
        self.expanded = 0  # real states expanded so far, in every search

    @property
    def back(self) -> dict[Key, list[Key]]:
        """Group -> the groups with an edge into it. Built on first use: when random runs
        found every path (as on the shipped story), no guided search needs it."""
        if self._back is None:
            self._back = {}
            for k, outs in self.edges.items():
                for o in outs:
                    self._back.setdefault(o, []).append(k)
        return self._back

    def distances(self, goals: Iterable[Key]) -> dict[Key, int]:
        """Choices from each group to the nearest goal group, in the group graph."""
        dist = dict.fromkeys(goals, 0)
        todo = deque(dist)
        back = self.back
        while todo:
            k = todo.popleft()
            for p in back.get(k, ()):
                if p not in dist:
                    dist[p] = dist[k] + 1
                    todo.append(p)
        return dist

    def find(self, goals: Iterable[Key], is_goal: Goal) -> Path | None:
        """A path to a state where is_goal holds, through the goal groups; None if none
        was found within the budget."""
        path, count = self._guided(self.distances(goals), is_goal)
        self.expanded += count
        return path

    def _guided(self, dist: dict[Key, int], is_goal: Goal) -> tuple[Path | None, int]:
        """Always expand the real state whose group is nearest the goal in the group graph.
        (path, states expanded)."""
        machine, keyer, first = self.machine, self.keyer, self.first
        h0 = dist.get(keyer.abstract_key(first))
        if h0 is None:
            return None, 0
        tie = itertools.count()
        start_key = keyer.key(first)
        best = {start_key: 0}
        parent: dict[Key, tuple[Key, str, str] | None] = {start_key: None}
        heap: list[tuple[int, int, int, GameState, Key]] = [(h0, 0, next(tie), first, start_key)]
        expanded = 0
        while heap and expanded < self.budget:
            _, g, _, state, key = heapq.heappop(heap)
            if best.get(key, g) < g:
                continue
            if is_goal(state):
                return _path_to(parent, key), expanded
            expanded += 1
            if machine.nodes[state.node].ending:
                continue
            for choice in options(machine, keyer, state):
                try:
                    results = list(_outcomes(machine, keyer, state, choice))
                except RoutingLoop:
                    continue
                for new in results:
                    h = dist.get(keyer.abstract_key(new))
                    if h is None:
                        continue
                    k = keyer.key(new)
                    if best.get(k, g + 2) <= g + 1:
                        continue
                    best[k] = g + 1
                    parent[k] = (key, state.node, choice.id)
                    heapq.heappush(heap, (h, g + 1, next(tie), new, k))
        return None, expanded

    def follows(self, path: Path, is_goal: Goal) -> bool:
        """Whether some outcome of the rolls lets a player take `path` to a goal."""
        machine, keyer = self.machine, self.keyer
        states = [self.first]
        for node, choice_id in path:
            following: dict[Key, GameState] = {}
            for state in states:
                if state.node != node:
                    continue
                choice = next(
                    (c for c in options(machine, keyer, state) if c.id == choice_id), None
                )
                if choice is None:
                    continue
                try:
                    outcomes = list(_outcomes(machine, keyer, state, choice))
                except RoutingLoop:
                    continue
                for new in outcomes:
                    following.setdefault(keyer.key(new), new)
            states = list(following.values())
            if not states:
                return False
        return any(is_goal(s) for s in states)

    def shorten(self, path: Path, is_goal: Goal) -> Path:
        """Cut the detours out of a path found by random play: whenever it comes back to a
        node it has been at, try leaving out what happened in between."""
        improved = True
        while improved:
            improved = False
            at: dict[str, list[int]] = {}  # node -> the places in the path where it is
            for i, (node, _) in enumerate(path):
                at.setdefault(node, []).append(i)
            for i, (node, _) in enumerate(path):
                for j in reversed(at[node]):  # the longest detour first
                    if j <= i:
                        break
                    shorter = path[:i] + path[j:]
                    if self.follows(shorter, is_goal):
                        path, improved = shorter, True
                        break
                if improved:
                    break
        return path


def _path_to(parent: dict[Key, Any], key: Key) -> Path:
    path = []
    while parent[key] is not None:
        key, nid, cid = parent[key]
        path.append((nid, cid))
    return path[::-1]
