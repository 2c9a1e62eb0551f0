"""What random play does in place of `Machine.step` for the commonest choice (an inline
move), worked out once per story.

A move is a choice whose effects are constant (a plan) into a node where the story rests,
from a node no interrupt leads to, in a story whose interrupts read no visits of that
target, no turn and no chance(). Its step is the plan and the entering, and no interrupt
is checked unless the plan writes what one reads: where the story rested every
interrupt's condition was false (one would have fired: none leads there), effects that
leave what they read alone keep them false, and entering changes only visits. A run that
does not read texts leaves `prior` and `trail` as they were (only texts read them).

A far move (`far_moves`, taken by `chained`) is a choice with constant effects into a node
where the story does not rest: the nodes it enters on the way (`next` routes, `on_enter`
effects) are worked out once per node (an Arrival), and a step walks them as
`Machine.enter` would, asking a route's conditions when one has them. The walk is bounded
and cannot loop: a node whose routes may come back to it (or lead through a node an
interrupt reads the visits of, or past `MAX_HOPS`) has no arrival, and its choices take
`Machine.step`. The interrupts are asked where something they read may have changed: after
the choice's effects when those write what one reads, after a node's `on_enter` effects when
they do (or are not constant) — the latter only when every interrupt leads to one node that
rests, so an interrupt firing on the way settles at once, as the machine's would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container
from typing import Any

from riotgame.engine.play.machine import MAX_HOPS, Machine
from riotgame.engine.play.state import Scratch
from riotgame.engine.play.tables import Test, plan, tables
from riotgame.engine.story.model import Node, Story

# the plan's stat shifts, flag bits set and kept (None: no flag written), the target, the
# interrupt conditions to test after the effects as one (None: none), whether the choice is
# once-only
Shifts = tuple[tuple[int, int, int, int], ...]  # (stat index, amount, min, max) in order
Move = tuple[Shifts, int, int | None, str, Test | None, bool]
# a node a far move enters: its id, its `on_enter` effects as a plan (stat shifts, flag
# bits set, kept: None when no flag is written) or as the effects' functions (when one is
# not constant), and the interrupts' test to ask after them (None: none can fire there)
Hop = tuple[str, Shifts, int, int | None, tuple[Any, ...], Test | None]
# entering a node: the nodes entered in turn, the last where the story rests, or the id of
# that last node when its routes have conditions (the walk asks them and goes on); None:
# the machine's to take
Arrival = tuple[tuple[Hop, ...], str | None]
# a far move: the choice's plan (shifts, flag bits set, kept), the interrupts' test after
# it (None: none), once-only, the choice's target, the arrivals of the story's nodes
Far = tuple[Shifts, int, int | None, Test | None, bool, str, dict[str, Arrival]]
WritesRead = Callable[[Collection[int], int, int], bool]  # plan shifts, set bits, keep


def inline_moves(story: Story) -> dict[str, Move | None]:
    """Choice key -> the move random play makes in place of `Machine.step`, or None where
    it takes the step. Built once per story (kept in `Story.derived`; the check-only
    replay, saves/quick.py, takes the same moves)."""
    built = story.derived.get("moves")
    if isinstance(built, dict):
        return built
    plans = tables(story).plans
    starts, enters, writes_read, checks = _interrupt_reads(story)
    moves: dict[str, Move | None] = {}
    for nid, node in story.nodes.items():
        for c in node.choices:
            plan = plans[c.key]
            if plan is None or not plan[4] or nid in starts or c.goto in enters:
                moves[c.key] = None
                continue
            shifts, set_bits, keep, shifted, _ = plan
            flagged = keep != -1 or set_bits
            check = checks if writes_read(shifted, set_bits, keep) else None
            moves[c.key] = (shifts, set_bits, keep if flagged else None, c.goto, check, c.once)
    story.derived["moves"] = moves
    return moves


def _interrupt_reads(story: Story) -> tuple[Container[str], Container[str], WritesRead, Test]:
    """What the story's interrupts ask of a move: the nodes no move may start from (those an
    interrupt leads to), those none may enter (those one reads the visits of; every node,
    for both, when one reads turns or chance), whether a plan writes what one reads, and
    the one test of them all."""
    interrupts = story.interrupts
    starts: Container[str] = {i.goto for i in interrupts}
    enters: Container[str] = set().union(*(i.cond.visits for i in interrupts))
    if any(i.cond.uses_turns or i.cond.uses_chance for i in interrupts):
        starts = enters = story.nodes
    read = set().union(*(i.cond.reads for i in interrupts))
    stat_read = {n for n, d in enumerate(story.stats) if d.name in read}
    flag_read = sum(1 << n for n, d in enumerate(story.flags) if f"flags.{d.name}" in read)

    def writes_read(shifted: Collection[int], set_bits: int, keep: int) -> bool:
        return bool(stat_read.intersection(shifted) or flag_read & (set_bits | ~keep))

    return starts, enters, writes_read, _any_of(tuple(i.cond.fn for i in interrupts))


def _any_of(tests: tuple[Test, ...]) -> Test:
    """One test that holds when any of `tests` does (the test itself when it is alone)."""
    if len(tests) == 1:
        return tests[0]
    return lambda s: any(test(s) for test in tests)


def take(machine: Machine, s: Scratch, key: str, move: Move) -> None:
    """The move of the choice `key` on `s`: what `Machine.step` would do, `via` set, `prior`
    and `trail` left alone. (walks.plain and walks.counted write it out in their loops.)"""
    shifts, set_bits, keep, target, checks, once = move
    s.via, s.turn = key, s.turn + 1
    if once:
        s.used = s.used | {key}
    _apply(s, shifts, set_bits, keep)
    if checks is not None and checks(s):  # an interrupt: the machine takes over
        machine.enter(s, machine.interrupt(s, s.node) or target)
        return
    s.visits[target] = s.visits.get(target, 0) + 1
    s.last[target] = s.turn
    s.node = target


def far_moves(story: Story) -> dict[str, Far | None]:
    """Choice key -> its far move, for a choice with constant effects whose target does
    not rest and has an arrival (None for every other choice). Built once per story."""
    built = story.derived.get("far moves")
    if isinstance(built, dict):
        return built
    plans = tables(story).plans
    starts, enters, writes_read, checks = _interrupt_reads(story)
    arrivals = _Arrivals(story, enters, writes_read, checks)
    moves: dict[str, Far | None] = {}
    for nid, node in story.nodes.items():
        for c in node.choices:
            plan_ = plans[c.key]
            if plan_ is None or plan_[4] or nid in starts or arrivals.of(c.goto) is None:
                moves[c.key] = None
                continue
            shifts, set_bits, keep, shifted, _ = plan_
            flagged = keep != -1 or set_bits
            check = checks if writes_read(shifted, set_bits, keep) else None
            moves[c.key] = (shifts, set_bits, keep if flagged else None, check, c.once, c.goto,
                            arrivals.known)  # fmt: skip
    story.derived["far moves"] = moves
    return moves


class _Arrivals:
    """The arrival of each node (`of`), worked out when first asked, kept in `known`."""

    def __init__(self, story: Story, enters: Container[str], writes_read: WritesRead,
                 checks: Test):  # fmt: skip
        self.nodes, self.enters, self.writes_read = story.nodes, enters, writes_read
        interrupts = story.interrupts
        self.checks = checks if interrupts else None
        # whether an interrupt firing after `on_enter` effects settles at once: every
        # interrupt leads to one node, which rests (and none fires there: it is theirs)
        goto = {i.goto for i in interrupts}
        rests = len(goto) == 1 and all(not self.nodes[g].next and not self.nodes[g].on_enter
                                       for g in goto)  # fmt: skip
        self.settles = not interrupts or rests
        self.known: dict[str, Arrival] = {}
        self.longest: dict[str, int] = {}  # node id -> the most nodes its arrival enters
        self.failed: set[str] = set()
        self.busy: set[str] = set()  # the nodes on the way to the one being worked out

    def of(self, nid: str) -> Arrival | None:
        """The arrival of node `nid`, or None when the machine must take it."""
        if nid in self.known:
            return self.known[nid]
        if nid in self.failed or len(self.busy) > 100:
            return None
        got = self._walk(nid)
        if got is None:
            self.failed.add(nid)
            return None
        arrival, longest = got
        self.known[nid], self.longest[nid] = arrival, longest
        return arrival

    def _walk(self, nid: str) -> tuple[Arrival, int] | None:
        """Follow constant routes from `nid` to a node that rests or routes by a condition
        (then each of its routes' arrivals, worked out in turn)."""
        hops: list[Hop] = []
        ids: list[str] = []
        while True:
            node = self.nodes[nid]
            hop = self._hop(node)
            if hop is None or nid in self.enters or nid in self.busy or nid in ids:
                return None
            hops.append(hop)
            ids.append(nid)
            if not node.next:
                return ((tuple(hops), None), len(hops)) if len(hops) < MAX_HOPS else None
            if node.next[0].cond is not None:
                break
            nid = node.next[0].goto
        if node.next[-1].cond is not None:  # no route may hold: the machine's to say
            return None
        self.busy.update(ids)
        try:
            arrivals = [self.of(r.goto) for r in node.next]
        finally:
            self.busy.difference_update(ids)
        if any(a is None for a in arrivals):
            return None
        longest = len(hops) + max(self.longest[r.goto] for r in node.next)
        return ((tuple(hops), nid), longest) if longest < MAX_HOPS - 1 else None

    def _hop(self, node: Node) -> Hop | None:
        """What entering `node` does before its routes, or None when the walk cannot."""
        if not node.on_enter:
            return node.id, (), 0, None, (), None
        plan_ = plan(node.on_enter, False)
        if plan_ is None:
            hop: Hop = (node.id, (), 0, None, tuple(e.fn for e in node.on_enter), self.checks)
        else:
            shifts, set_bits, keep, shifted, _ = plan_
            check = self.checks if self.writes_read(shifted, set_bits, keep) else None
            flagged = keep != -1 or set_bits
            hop = (node.id, shifts, set_bits, keep if flagged else None, (), check)
        return hop if hop[5] is None or self.settles else None


def chained(machine: Machine, s: Scratch, key: str, far: Far) -> None:
    """The far move of the choice `key` on `s`: what `Machine.step` would do, `prior` left
    alone (`trail` is the machine's)."""
    shifts, set_bits, keep, checks, once, goto, arrivals = far
    s.via, s.turn = key, s.turn + 1
    if once:
        s.used = s.used | {key}
    _apply(s, shifts, set_bits, keep)
    if checks is not None and checks(s):  # an interrupt: the machine takes over
        s.trail = []
        machine.enter(s, machine.interrupt(s, s.node) or goto)
        return
    visits, last, turn, trail = s.visits, s.last, s.turn, []
    hops, router = arrivals[goto]
    while True:
        for nid, shifts, set_bits, keep, effects, check in hops:
            visits[nid] = visits.get(nid, 0) + 1
            last[nid] = turn
            _apply(s, shifts, set_bits, keep)
            for effect in effects:
                effect(s)
            if check is not None and check(s):
                fired = machine.interrupt(s, nid)
                if fired is not None:  # it leads to a node that rests: entering it settles
                    trail.append(nid)
                    s.trail = trail
                    machine.enter(s, fired)
                    return
            trail.append(nid)
        if router is None:
            break
        hops, router = arrivals[_route(machine, s, router)]
    s.node = trail.pop()
    s.trail = trail


def _apply(s: Scratch, shifts: Shifts, set_bits: int, keep: int | None) -> None:
    """Constant effects: stat shifts (clamped one by one), then the flags."""
    stats = s.stats
    for j, amount, lo, hi in shifts:
        v = stats[j] + amount
        stats[j] = lo if v < lo else hi if v > hi else v
    if keep is not None:
        s.flags = (s.flags & keep) | set_bits


def _route(machine: Machine, s: Scratch, nid: str) -> str:
    """Where node `nid`'s routes lead in `s` (the machine's story's: a Tally's counts)."""
    for r in machine.nodes[nid].next:
        if r.cond is None or r.cond.fn(s):
            return r.goto
    raise AssertionError(nid)  # its last route has no condition (_Arrivals._walk)
