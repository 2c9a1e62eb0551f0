"""The machine's tables for one story, built on the story's first play, not when it loads.

Loading and checking a story never pay for them (issue 11 wants 10,000 nodes loaded and
checked in under 2 s): they are built the first time a Machine is made for a Story and
kept with it (`Story.derived`), so every later Machine, random-play call and session on
the same story shares them. They only restate the model in the shapes the hot loops read.
Each is filled a node at a time as play looks it up (`_Table`), so a first move does not
build a story's every node (a compiled story builds a node when first read).
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, ValuesView
from typing import Any, NamedTuple, TypeVar

from riotgame.engine.play.events import (
    Announcer,
    EndingReached,
    FlagChanged,
    NodeEntered,
    Shift,
)
from riotgame.engine.story.codec_lazy import build_all
from riotgame.engine.story.expr import Effect
from riotgame.engine.story.expr.language import CLEAR, SHIFT
from riotgame.engine.story.model import Choice, Node, Story

# (stat shifts as (index, amount, min, max) in order, flag bits to set, mask of bits kept,
# the indices of the stats shifted, in stat order, whether the choice's target rests): the
# constant effects (language.Op) of one choice. Shifts and flag writes commute (a shift
# reads only its own stat), so the flags are written once, after the shifts.
Plan = tuple[tuple[tuple[int, int, int, int], ...], int, int, tuple[int, ...], bool]
Test = Callable[[Any], Any]  # a compiled condition's closure
Option = tuple[Choice, Test | None, Test | None, bool]  # choice, if, disabled_if, once
V = TypeVar("V")
Entries = Callable[[str], Iterable[tuple[str, V]]]  # a key -> the entries it brings
# what the quick step reads of a choice: its stat shifts (index, and the shift's table:
# value -> new value and event), its flag mask kept and bits set, the event of each flag it
# writes that the player is told of (bit, event), its target, the events of entering the
# target and of its ending
Move = tuple[
    tuple[tuple[int, Shift], ...],
    int,
    int,
    tuple[tuple[int, FlagChanged], ...],
    str,
    NodeEntered,
    EndingReached | None,
]


# how a node is passed through (machine.enter): its on_enter effects' closures, whether one
# of them writes what an interrupt reads, its `next` routes as (condition, target) in order
# (() when it has none)
Way = tuple[tuple[Callable[[Any], None], ...], bool, tuple[tuple[Test | None, str], ...]]


class Place(NamedTuple):
    """A node as the machine reads it."""

    node: Node
    options: tuple[Option, ...]  # each choice with its conditions' closures, once-only
    fixed: tuple[Choice, ...] | None  # all the choices, when every one is always available
    by_id: dict[str, Choice]
    rests: bool  # entering it ends the move: no on_enter effects, no next routes
    ending: str | None
    chapter: int  # its chapter's number
    words: int  # of its text

    @property
    def id(self) -> str:
        return self.node.id


class Tables(NamedTuple):
    places: dict[str, Place]  # node id ->
    plans: dict[str, Plan | None]  # choice key -> its effects as a plan (None: call them)
    by_key: dict[str, Choice]  # choice key ->


def tables(story: Story) -> Tables:
    """The story's tables, built on first use and kept with the story."""
    built = story.derived.get("play")
    if not isinstance(built, Tables):
        built = _build(story)
        story.derived["play"] = built
    return built


def share_tables(copy: Story, original: Story) -> None:
    """Give `copy`, a story that shares most of its nodes with `original` (the Tally's
    counting copy), tables built from the original's: a node that is the same object
    keeps its Place, and the choice tables are shared when every choice is the same."""
    base = tables(original)
    places = {}
    same_choices = True
    for nid, node in copy.nodes.items():
        known = base.places.get(nid)
        if known is not None and known.node is node:
            places[nid] = known
        else:
            places[nid] = place(node)
            same_choices = same_choices and all(base.by_key.get(c.key) is c for c in node.choices)
    if not same_choices or len(places) != len(base.places):
        copy.derived["play"] = _build(copy)
    else:
        copy.derived["play"] = Tables(places, base.plans, base.by_key)


def _build(story: Story) -> Tables:
    nodes = story.nodes

    def place_of(nid: str) -> Iterable[tuple[str, Place]]:
        return [(nid, place(nodes[nid]))] if nid in nodes else []

    def every_place(known: dict[str, Place]) -> Iterable[tuple[str, Place]]:
        return ((nid, known.get(nid) or place(node)) for nid, node in nodes.items())

    def choices_of(key: str) -> Iterable[tuple[str, Choice]]:  # a key is "node/choice"
        node = nodes.get(key.partition("/")[0])
        return [] if node is None else [(c.key, c) for c in node.choices]

    def every_choice(known: dict[str, Choice]) -> Iterable[tuple[str, Choice]]:
        return ((c.key, c) for node in nodes.values() for c in node.choices)

    def plan_of(key: str) -> Iterable[tuple[str, Plan | None]]:
        c = by_key.get(key)
        if c is None:
            return []
        target = places.get(c.goto)
        return [(key, plan(c.effects, target is not None and target.rests))]

    def every_plan(known: dict[str, Plan | None]) -> Iterable[tuple[str, Plan | None]]:
        for key in by_key:
            yield from [(key, known[key])] if key in known else plan_of(key)

    places = _Table(story, place_of, every_place)
    by_key = _Table(story, choices_of, every_choice)
    plans = _Table(story, plan_of, every_plan)
    return Tables(places, plans, by_key)


class _Table(dict[str, V]):
    """One of the tables, filled a key at a time on first look-up (`one(key)` gives the
    entries it brings), so a first move reads only the nodes it meets (a story loaded from
    its compiled form builds a node when first read: story/codec_lazy.py). What reads it
    whole (iteration, len, `in`) fills it first, in story order, as if built at once
    (`every(known)`: every entry, reusing those already made)."""

    def __init__(
        self,
        story: Story,
        one: Entries[V],
        every: Callable[[dict[str, V]], Iterable[tuple[str, V]]],
    ):
        super().__init__()
        self.story, self.one, self.every, self.full = story, one, every, False

    def __missing__(self, key: str) -> V:
        if not self.full:
            self.update(self.one(key))
            if not dict.__contains__(self, key):
                self.fill()
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def fill(self) -> None:
        if not self.full:
            self.full = True
            build_all(self.story, units=False)  # every node at once, the collector paused
            known = dict(self.items())
            self.clear()
            self.update(self.every(known))

    def __contains__(self, key: object) -> bool:
        self.fill()
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        self.fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self.fill()
        return dict.__len__(self)

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        self.fill()
        return dict.keys(self)

    def values(self) -> ValuesView[V]:  # type: ignore[override]
        self.fill()
        return dict.values(self)

    def items(self) -> ItemsView[str, V]:  # type: ignore[override]
        self.fill()
        return dict.items(self)


def place(node: Node) -> Place:
    options = []
    free = True
    for c in node.choices:
        shown = c.cond.fn if c.cond is not None else None
        blocked = c.disabled.fn if c.disabled is not None else None
        options.append((c, shown, blocked, c.once))
        free = free and shown is None and blocked is None and not c.once
    return Place(
        node,
        tuple(options),
        node.choices if free else None,
        {c.id: c for c in node.choices},
        not node.on_enter and not node.next,
        node.ending,
        node.chapter.number,
        node.text.words,
    )


def plan(effects: tuple[Effect, ...], rests: bool) -> Plan | None:
    """The effects as a plan, or None when one of them needs its closure called."""
    shifts, set_bits, keep = [], 0, -1
    for effect in effects:
        if effect.op is None:
            return None
        kind, a, b, lo, hi = effect.op
        if kind == SHIFT:
            shifts.append((a, b, lo, hi))
        elif kind == CLEAR:
            set_bits, keep = set_bits & ~a, keep & ~a
        else:
            set_bits, keep = set_bits | a, keep | a
    return tuple(shifts), set_bits, keep, tuple(sorted({i for i, _, _, _ in shifts})), rests


def way(node: Node, story: Story) -> Way:
    """How `node` is passed through, for a step's routing."""
    reads = {name for intr in story.interrupts for name in intr.cond.reads}
    stirs = any(_touches(e.writes, reads) for e in node.on_enter)
    routes = tuple((r.cond.fn if r.cond is not None else None, r.goto) for r in node.next)
    return tuple(e.fn for e in node.on_enter), stirs, routes


def _touches(writes: str | None, reads: set[str]) -> bool:
    """Whether an effect that assigns `writes` (None: unknown) may change what is read."""
    if writes is None:
        return True
    return any(
        writes == r or writes.startswith(r + ".") or r.startswith(writes + ".") for r in reads
    )


def alarms(story: Story) -> tuple[Test, ...] | None:
    """The interrupts' conditions, when none reads visits or turns since (so entering a
    node cannot make one fire: a step need look at them once); None when one does."""
    conds = [intr.cond for intr in story.interrupts]
    if any(cond.visits or cond.uses_turns for cond in conds):
        return None
    return tuple(cond.fn for cond in conds)


def quick_move(plan: Plan | None, target: Place, announce: Announcer) -> Move | None:
    """What the machine's quick step reads of a choice with this plan into `target`; None
    when the choice takes the full step (effects to call, a target where the story does
    not rest, or a stat shifted twice, whose clamps the quick step does not repeat)."""
    if plan is None or not target.rests:
        return None
    shifts, set_bits, keep, touched, _ = plan
    if list(touched) != [i for i, _, _, _ in shifts]:
        return None
    written = (~keep | set_bits) & announce.told
    told = tuple(
        (1 << i, announce.flag_events[i][(set_bits >> i) & 1])
        for i in range(written.bit_length())
        if written >> i & 1
    )
    ending = announce.ending(target.ending) if target.ending else None
    shifted = tuple((i, announce.shift(i, amount, lo, hi)) for i, amount, lo, hi in shifts)
    return shifted, keep, set_bits, told, target.id, announce.node(target.id), ending
