"""Play-testing tallies: how often runs reached each node and took each choice, and how often
each condition ("gate") held when it was evaluated.

Counting conditions costs nothing when it is off: `Tally.instrument(story)` returns a copy
of the story in which every condition is wrapped in a counter, and only runs that ask for
the tally play on that copy. The text of a node is never built during random play, so the
conditions inside it are evaluated by `Tally.read_text`, as a player's screen would.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from riotgame.engine.play.tables import share_tables
from riotgame.engine.story.expr import Condition
from riotgame.engine.story.model import Choice, Node, Story

Test = Callable[[Any], Any]  # a compiled condition's function
# a choice as the tally counts it: the gate numbers of its `if` and `disabled_if` (-1: none)
Counting = tuple[int, int]

DECIDED = 0.95  # a gate true (or false) in more of its evaluations than this is "decided"
# Texts are never built in random play, so their conditions are extra work: they are read in
# every TEXT_SAMPLE-th run only (choices and routes are counted in every run). The shipped
# story's texts hold so many conditions that reading them in 1 run in 8 made the tally
# cost 1.36x a plain run; at 1 in 16 it is about 1.2x, and the shares are those of 625 real
# runs out of 10,000, ample for a 95% threshold (each gate's `evaluated` says how many
# evaluations it rests on). benchmarks/README.md has the figures (playtest_bench.py).
TEXT_SAMPLE = 16
# Which text alternatives (branches, variants) a run shows is noted in every
# ALTERNATIVE_SAMPLE-th run (a multiple of TEXT_SAMPLE): walking the texts costs more than
# reading their conditions, and 1 run in 32 (312 of 10,000) is enough to list what random
# players never see.
ALTERNATIVE_SAMPLE = 2 * TEXT_SAMPLE


@dataclass
class Gate:
    """One condition where it is written, and what random play made of it."""

    source: str
    path: str
    line: int
    col: int
    evaluated: int = 0
    true: int = 0

    @property
    def true_share(self) -> float:
        return self.true / self.evaluated if self.evaluated else 0.0

    @property
    def decided(self) -> bool:
        share = self.true_share
        return self.evaluated > 0 and (share > DECIDED or share < 1 - DECIDED)


@dataclass
class Tally:
    """Counts collected over many runs of one story."""

    runs: int = 0
    text_runs: int = 0  # runs whose texts were read (every TEXT_SAMPLE-th)
    alternative_runs: int = 0  # runs whose text alternatives were noted
    node_runs: Counter[str] = field(default_factory=Counter)  # runs that entered the node
    taken: Counter[str] = field(default_factory=Counter)  # "node/choice" -> times taken
    _gates: list[Gate] | None = None  # `gates`, once read
    # per gate: (source, path, line, col), times evaluated, times true, kept apart from the
    # Gate objects (made by finish): cheap to count into
    _places: list[tuple[str, str, int, int]] = field(default_factory=list)
    _evaluated: list[int] = field(default_factory=list)
    _true: list[int] = field(default_factory=list)
    _choices: dict[str, tuple[Counting, ...]] = field(default_factory=dict)
    _texts: dict[str, tuple[tuple[Test, int], ...]] = field(default_factory=dict)
    # text alternatives (inline branches, variants, segment arms) -> runs that showed them,
    # counted in the runs that read their texts
    shown: Counter[str] = field(default_factory=Counter)
    _shown_now: set[str] = field(default_factory=set)
    _nodes: dict[str, Node] = field(default_factory=dict)
    _replies: dict[str, Choice] = field(default_factory=dict)

    # -- collecting ----------------------------------------------------------------------
    def instrument(self, story: Story) -> Story:
        """A copy of `story` whose `next` routes count into the gates (the story itself
        when no route has a condition); the conditions of choices are counted by random
        play, a menu at a time (`count_menu`), and those of texts by `read_text`.
        Interrupts are left out: they are checked at every step, like a rule, not met as a
        gate."""
        layout = story.derived.get("tally")  # the same for every Tally: kept with the story
        routed = layout.routed if isinstance(layout, _Layout) else _routed(story)
        nodes = story.nodes
        if routed:  # the route gates come first, in story order
            nodes = dict(nodes)
            for nid in routed:
                nodes[nid] = _rebuild_routes(nodes[nid], self._counted)
        if not isinstance(layout, _Layout) or layout.start != len(self._places):
            layout = story.derived["tally"] = _layout(story, len(self._places), routed)
        self._nodes = story.nodes  # for their texts: a copy keeps the same ones
        self._replies = layout.replies
        self._choices.update(layout.choices)
        self._texts.update(layout.texts)
        self._places.extend(layout.gates)
        self._evaluated.extend([0] * len(layout.gates))
        self._true.extend([0] * len(layout.gates))
        if not routed:
            return story
        played = dataclasses.replace(story, nodes=nodes)
        share_tables(played, story)
        return played

    def _slot(self, compiled: Condition | None) -> int:
        """The gate number of a condition (-1 for none)."""
        if compiled is None:
            return -1
        self._places.append((compiled.source, *(compiled.where or ("", 0, 0))))
        self._evaluated.append(0)
        self._true.append(0)
        return len(self._places) - 1

    def _counted(self, compiled: Condition) -> Condition:
        slot = self._slot(compiled)
        fn, evaluated, true = compiled.fn, self._evaluated, self._true

        def counted(state: Any) -> Any:
            result = fn(state)
            evaluated[slot] += 1
            if result:
                true[slot] += 1
            return result

        return dataclasses.replace(compiled, fn=counted)

    def count_menu(
        self, node_id: str, outcomes: Sequence[tuple[bool | None, bool | None]], n: int
    ) -> None:
        """Count `n` evaluations of a node's menu: per choice, whether its `if` held and
        whether its `disabled_if` did (None: not evaluated)."""
        evaluated, true = self._evaluated, self._true
        for (shown, blocked), (held, off) in zip(self._choices[node_id], outcomes, strict=True):
            if held is not None:
                evaluated[shown] += n
                true[shown] += n if held else 0
            if off is not None:
                evaluated[blocked] += n
                true[blocked] += n if off else 0

    def read_text(self, s: Any) -> None:
        """Evaluate the conditions a player's screen would evaluate to show the nodes passed
        through since the last choice and the node where the run rests."""
        evaluated, true, texts = self._evaluated, self._true, self._texts
        for nid in (*s.trail, s.node) if s.trail else (s.node,):
            for fn, slot in texts[nid]:
                evaluated[slot] += 1
                if fn(s):
                    true[slot] += 1
        if self.runs % ALTERNATIVE_SAMPLE == 0:
            self._note_shown(s)

    def _note_shown(self, s: Any) -> None:
        """Note the text alternatives the player reads (the reply, the nodes' texts)."""
        shown = self._shown_now
        reply = self._replies.get(s.via) if s.via else None
        if reply is not None:
            reply.reply.note(s, s.prior[2] if s.prior else 1, shown)
        for nid in (*s.trail, s.node) if s.trail else (s.node,):
            self._nodes[nid].text.note(s, s.visits.get(nid, 1), shown)

    def notes_alternatives(self) -> bool:
        """Whether the run being played notes the text alternatives it shows."""
        return self.runs % ALTERNATIVE_SAMPLE == 0

    def read_choices(self, s: Any, options: Sequence[Choice]) -> None:
        """Note the text alternatives on the buttons of the choices offered."""
        if self.runs % ALTERNATIVE_SAMPLE:
            return
        visit = s.visits.get(s.node, 1)
        for choice in options:
            choice.text.note(s, visit, self._shown_now)

    def reads_text(self, run: int) -> bool:
        """Whether run number `run` reads its texts' conditions."""
        return run % TEXT_SAMPLE == 0

    def end_run(self, visits: dict[str, int], read_text: bool) -> None:
        self.text_runs += read_text
        self.alternative_runs += read_text and self.runs % ALTERNATIVE_SAMPLE == 0
        self.shown.update(self._shown_now)
        self._shown_now.clear()
        self.runs += 1
        self.node_runs.update(visits.keys())

    # -- reading -------------------------------------------------------------------------
    def node_reach(self, story: Story) -> dict[str, float]:
        """Node id -> share of runs that entered it."""
        runs = max(self.runs, 1)
        return {nid: self.node_runs.get(nid, 0) / runs for nid in story.nodes}

    def choice_split(self, story: Story) -> dict[str, float]:
        """ "node/choice" -> share of the choices made at that node that took it."""
        out: dict[str, float] = {}
        for node in story.nodes.values():
            made = sum(self.taken.get(c.key, 0) for c in node.choices)
            for c in node.choices:
                out[c.key] = self.taken.get(c.key, 0) / made if made else 0.0
        return out

    def text_reach(self, story: Story) -> dict[str, float]:
        """Text alternative key -> share of the runs that noted alternatives which showed it."""
        runs = max(self.alternative_runs, 1)
        return {key: self.shown.get(key, 0) / runs for key in story.alternative_locs}

    def finish(self) -> None:
        """The counting is over: `gates` reads the counts afresh."""
        self._gates = None

    @property
    def gates(self) -> list[Gate]:
        """Every condition counted, with its counts: built when first read (a report reads
        them; random play only counts), not per condition while counting."""
        if self._gates is None:
            self._gates = [
                Gate(source, path, line, col, evaluated, true)
                for (source, path, line, col), evaluated, true in zip(
                    self._places, self._evaluated, self._true, strict=True
                )
            ]
        return self._gates

    def decided_gates(self) -> list[Gate]:
        return sorted((g for g in self.gates if g.decided), key=lambda g: (g.path, g.line, g.col))


class _Layout(NamedTuple):
    """Where a story's choice and text conditions count, from gate number `start` on."""

    start: int
    choices: dict[str, tuple[Counting, ...]]
    texts: dict[str, tuple[tuple[Test, int], ...]]
    gates: list[tuple[str, str, int, int]]  # per gate: source, path, line, col
    routed: tuple[str, ...]  # the nodes with a conditional `next` route
    replies: dict[str, Choice]  # choice key -> the choice, for those with a reply


def _routed(story: Story) -> tuple[str, ...]:
    return tuple(nid for nid, n in story.nodes.items() if any(r.cond for r in n.next))


def _layout(story: Story, start: int, routed: tuple[str, ...]) -> _Layout:
    """Number the conditions of every node's choices and texts (the gate order: per node,
    each choice's `if` and `disabled_if`, then the conditions of its texts)."""
    gates: list[tuple[str, str, int, int]] = []

    def slot(compiled: Condition | None) -> int:
        if compiled is None:
            return -1
        gates.append((compiled.source, *(compiled.where or ("", 0, 0))))
        return start + len(gates) - 1

    choices, texts = {}, {}
    for nid, node in story.nodes.items():
        choices[nid] = tuple((slot(c.cond), slot(c.disabled)) for c in node.choices)
        conds = [
            cond for t in (node.text, *(c.text for c in node.choices)) for cond in t.conditions
        ]
        texts[nid] = tuple((c.fn, slot(c)) for c in conds)
    replies = {c.key: c for n in story.nodes.values() for c in n.choices if c.reply.blocks}
    return _Layout(start, choices, texts, gates, routed, replies)


def _rebuild_routes(node: Node, wrap: Callable[[Condition], Condition]) -> Node:
    routes = tuple(
        dataclasses.replace(r, cond=wrap(r.cond)) if r.cond is not None else r for r in node.next
    )
    return dataclasses.replace(node, next=routes)


def saturation(
    story: Story, stats_at_chapter: dict[int, list[tuple[int, ...]]]
) -> dict[int, dict[str, tuple[float, float]]]:
    """Chapter -> stat -> (share of runs at its minimum, share at its maximum) as runs enter
    the chapter: a stat pinned at a bound there has stopped telling players apart."""
    out: dict[int, dict[str, tuple[float, float]]] = {}
    for chapter, rows in sorted(stats_at_chapter.items()):
        n = len(rows) or 1
        out[chapter] = {
            d.name: (
                sum(1 for r in rows if r[i] <= d.min) / n,
                sum(1 for r in rows if r[i] >= d.max) / n,
            )
            for i, d in enumerate(story.stats)
        }
    return out
