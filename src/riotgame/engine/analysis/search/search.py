"""The driver: build the group graph, then confirm its endings and softlocks with real paths.

See the package docstring for the two stages and why they are sound.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from riotgame.engine.analysis.search.abstract_machine import AbstractMachine
from riotgame.engine.analysis.search.groups import Group, GroupTable, never_stuck
from riotgame.engine.analysis.search.intervals import FALSE, TRUE
from riotgame.engine.analysis.search.keys import Key, Keyer
from riotgame.engine.analysis.search.liveness import search_order
from riotgame.engine.analysis.search.unseen_text import unseen_texts
from riotgame.engine.analysis.search.witness import (
    WITNESS_BUDGET,
    WITNESS_RUNS,
    EndingGoal,
    Path,
    StuckGoal,
    Witnesses,
    random_witnesses,
)
from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import Node, Story

Progress = Callable[[int], None]


@dataclass
class ExhaustiveReport:
    states: int  # groups of states in the over-approximation
    complete: bool  # False when --max-states cut the search short
    ending_paths: dict[str, Path]  # ending id -> the shortest path found
    softlocks: list[tuple[str, Path]]  # (node, path) of real states with no available choice
    unreached_nodes: list[str]  # no player can reach these
    untaken_choices: list[str]  # no player can take these
    unreachable_endings: list[str]  # declared, and no player can reach them
    unconfirmed: list[str] = field(default_factory=list)  # the groups reach them, no path found
    unseen_texts: list[str] = field(default_factory=list)  # text alternatives never shown
    possible_softlocks: list[str] = field(default_factory=list)  # nodes that might get stuck
    loops: list[tuple[str, str, str]] = field(default_factory=list)  # (node, choice, message)
    expanded: int = 0  # real states the guided searches expanded
    notes: list[str] = field(default_factory=list)


@dataclass
class _GroupGraph:
    """What the over-approximation found."""

    table: GroupTable
    edges: dict[Key, set[Key]] = field(default_factory=dict)
    ending_groups: dict[str, set[Key]] = field(default_factory=dict)
    maybe_stuck: set[Key] = field(default_factory=set)
    choices_seen: set[str] = field(default_factory=set)
    loops: list[tuple[str, str, str]] = field(default_factory=list)
    nodes_seen: set[str] = field(default_factory=set)
    complete: bool = True


class _Queue:
    """Groups waiting to be expanded, in search order (liveness.search_order: loops one
    after another, in the order the story reaches them), so a group has usually gathered
    everything that flows into it first."""

    def __init__(self, story: Story):
        self.rank = search_order(story)
        self.tie = itertools.count()
        self.heap: list[tuple[int, int, Key]] = []
        self.queued: set[Key] = set()

    def push(self, k: Key) -> None:
        if k not in self.queued:
            heapq.heappush(self.heap, (self.rank[k[0]], next(self.tie), k))
            self.queued.add(k)

    def pop(self) -> Key:
        _, _, key = heapq.heappop(self.heap)
        self.queued.discard(key)
        return key


def _expand(
    graph: _GroupGraph, over: AbstractMachine, queue: _Queue, key: Key, g: Group, node: Node
) -> bool:
    """Take every choice the group may offer; True when some choice is sure to be there."""
    surely_one = False
    table, seen, out = graph.table, graph.choices_seen, graph.edges.setdefault(key, set())
    for c in node.choices:
        masks = over.offered(c, g)
        if masks is None:
            continue
        surely_one = surely_one or masks == (TRUE, FALSE)
        seen.add(c.key)
        try:
            results = over.choose(g.copy(), c)
        except RoutingLoop as exc:
            if not any(n == g.node and i == c.id for n, i, _ in graph.loops):  # once each
                graph.loops.append((g.node, c.id, str(exc)))
            continue
        for h in results:
            k = table.key(h)
            out.add(k)
            if table.merge(k, h):
                queue.push(k)
    return surely_one


def _build_group_graph(
    story: Story,
    machine: Machine,
    keyer: Keyer,
    first: GameState,
    limits: tuple[int, Progress | None],
) -> _GroupGraph:
    """Stage 1: every group of states reachable from `first`, and the edges between them
    (stopped after max_states groups)."""
    max_states, progress = limits
    over = AbstractMachine(story)
    graph = _GroupGraph(GroupTable(story, keyer))
    table = graph.table
    start = Group.of(first)
    table.merge(table.key(start), start)
    queue = _Queue(story)
    for k in table.groups:
        queue.push(k)
    while queue.heap:
        key = queue.pop()
        g = table.groups[key]
        node = story.nodes[g.node]
        if node.ending:
            graph.ending_groups.setdefault(node.ending, set()).add(key)
            continue
        if not _expand(graph, over, queue, key, g, node) and not never_stuck(
            story, machine, g, node
        ):
            graph.maybe_stuck.add(key)
        if len(table) >= max_states:
            graph.complete = False
            break
        if progress and len(table) % 1024 == 0:
            progress(len(table))
    graph.nodes_seen = over.entered | set(first.visits)
    return graph


def _confirm_endings(
    story: Story, graph: _GroupGraph, witnesses: Witnesses, found: dict[str, Path]
) -> tuple[dict[str, Path], list[str]]:
    """Stage 2 for endings: (ending -> shortest real path, endings with none found)."""
    ending_paths, unconfirmed = {}, []
    for ending, goals in graph.ending_groups.items():
        is_end = EndingGoal(story, ending)
        path = found.get(ending) or witnesses.find(goals, is_end)
        if path is None:
            unconfirmed.append(ending)
        else:
            ending_paths[ending] = witnesses.shorten(path, is_end)
    return ending_paths, unconfirmed


def _confirm_softlocks(
    graph: _GroupGraph, witnesses: Witnesses, found: dict[str, Path]
) -> tuple[list[tuple[str, Path]], list[str]]:
    """Stage 2 for softlocks: ((node, real path) confirmed, nodes that only might be)."""
    softlocks, possible = [], []
    for nid in sorted({k[0] for k in graph.maybe_stuck}):
        goals = [k for k in graph.maybe_stuck if k[0] == nid]
        stuck = StuckGoal(witnesses.machine, witnesses.keyer, nid)
        path = found.get(nid) or witnesses.find(goals, stuck)
        if path is None:
            possible.append(nid)
        else:
            softlocks.append((nid, path))
    return softlocks, possible


def _unseen(story: Story, keyer: Keyer, graph: _GroupGraph) -> list[str]:
    """Text alternatives no group can show (each group keeps its node's live flags exact)."""
    resting = [(g, keyer.cache[g.node][1]) for g in graph.table.groups.values()]
    return unseen_texts(story, resting, graph.nodes_seen, graph.choices_seen)


def exhaustive(
    story: Story,
    max_states: int = 2_000_000,
    seed: int = 1,
    progress: Progress | None = None,
    budget: int = WITNESS_BUDGET,
    witness_runs: int = WITNESS_RUNS,
) -> ExhaustiveReport:
    """Every ending, softlock and dead branch of the story, with proof (see the package)."""
    machine = Machine(story)
    keyer = Keyer(story)
    first, _ = machine.start(seed)
    graph = _build_group_graph(story, machine, keyer, first, (max_states, progress))
    witnesses = Witnesses(machine, keyer, first, graph.edges, budget)
    found, stuck = (  # random runs look for paths only when some ending or softlock needs one
        random_witnesses(story, witness_runs, seed, set(graph.ending_groups))
        if graph.ending_groups or graph.maybe_stuck
        else ({}, {})
    )
    ending_paths, unconfirmed = _confirm_endings(story, graph, witnesses, found)
    softlocks, possible = _confirm_softlocks(graph, witnesses, stuck)
    complete = graph.complete
    return ExhaustiveReport(
        states=len(graph.table),
        complete=complete,
        ending_paths=ending_paths,
        softlocks=softlocks,
        unreached_nodes=[n for n in story.nodes if n not in graph.nodes_seen] if complete else [],
        untaken_choices=[
            c.key
            for n in story.nodes.values()
            for c in n.choices
            if c.key not in graph.choices_seen
        ]
        if complete
        else [],
        unreachable_endings=[e.id for e in story.endings if e.id not in graph.ending_groups],
        unconfirmed=unconfirmed,
        unseen_texts=_unseen(story, keyer, graph) if complete else [],
        possible_softlocks=possible,
        loops=graph.loops,
        expanded=witnesses.expanded,
        notes=["chance() rolls are searched both ways: every outcome of every roll"]
        if keyer.uses_chance
        else [],
    )
