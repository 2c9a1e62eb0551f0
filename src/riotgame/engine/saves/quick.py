"""The check-only replay's loop (`replay(..., frames=False)`: `replay --all`, save listings).

It re-plays a save's steps on one scratch state and checks every step as the machine would
let a player take it (the run is at the step's node, the node has the choice, and the
choice is available there), but takes most steps without Machine.step: a choice random
play takes inline (analysis/moves.py: constant effects into a node where the story
rests) is taken here the same way, a choice with constant effects into a node that routes
on (`next`, `on_enter`) follows the routes from a table of the story's nodes (`_routed`:
Machine.step and Machine.enter written out for one such step), and a choice that cannot
be refused (no condition, not once-only) is not asked about. The last step is the
machine's own, so the state the run ends in is the machine's to its last field (the quick
steps leave `prior` and `trail` behind; only texts read them). When a step does not fit,
or routing loops, it gives up: replay.py then re-plays the run step by step to say where,
in the state it got to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from operator import itemgetter
from typing import NamedTuple

from riotgame.engine.analysis.moves import Move, inline_moves, take
from riotgame.engine.play.machine import MAX_HOPS, Machine, RoutingLoop
from riotgame.engine.play.session import Step
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.play.tables import Plan, Test, plan
from riotgame.engine.story.expr import Effect
from riotgame.engine.story.model import Choice, Story

# A node entered on the way (None: the story rests there): its on_enter effects as a plan
# (None: call them), the effects, and its `next` routes as (condition or None, target).
Hop = tuple[Plan | None, tuple[Effect, ...], tuple[tuple[Test | None, str], ...]]
# A choice as the loop reads it: the choice, whether Machine.can_take must be asked, its
# inline move, and its plan when its effects are constant and its target routes on (a
# routed step, `_routed`); neither: Machine.step.
Entry = tuple[Choice, bool, Move | None, Plan | None]


class Tables(NamedTuple):
    """What the loop reads, built once per story (kept in `Story.derived`)."""

    entries: dict[str, dict[str, Entry]]  # node id -> choice id ->
    hops: dict[str, Hop | None]  # node id ->


def tables(machine: Machine) -> Tables:
    """The loop's tables for the machine's story, built on first use."""
    story = machine.story
    built = story.derived.get("replay")
    if isinstance(built, Tables):
        return built
    moves, places, plans = inline_moves(story), machine.places, machine.plans
    entries: dict[str, dict[str, Entry]] = {}
    for node_id in story.nodes:
        row = entries[node_id] = {}
        for choice_id, c in places[node_id].by_id.items():
            routed = plans[c.key]
            if routed is not None and routed[4]:  # into a node where the story rests
                routed = None
            # can_take refuses only a used once-choice, a false `if` or a true `disabled_if`
            gated = c.once or c.cond is not None or c.disabled is not None
            row[choice_id] = (c, gated, moves[c.key], routed)
    built = story.derived["replay"] = Tables(entries, _hops(story))
    return built


def _hops(story: Story) -> dict[str, Hop | None]:
    hops: dict[str, Hop | None] = {}
    for node_id, node in story.nodes.items():
        routes = tuple((r.cond.fn if r.cond is not None else None, r.goto) for r in node.next)
        rests = not node.on_enter and not node.next
        hops[node_id] = None if rests else (plan(node.on_enter, False), node.on_enter, routes)
    return hops


def play_quick(machine: Machine, seed: int, steps: tuple[Step, ...]) -> GameState | None:
    """The state `steps` lead to from `seed`, every step checked; None when one does not
    fit or loops (then nothing is said: the step-by-step replay says where)."""
    s = run_quick(machine, seed, list(map(_NODE, steps)), list(map(_CHOICE, steps)))
    return None if s is None else s.freeze()


_NODE, _CHOICE = itemgetter(1), itemgetter(2)  # of a Step


def run_quick(
    machine: Machine, seed: int, nodes: Sequence[str], choices: Sequence[str]
) -> Scratch | None:
    """`play_quick` of the steps taking `choices[i]` at `nodes[i]`, on the scratch state it
    ends in (None when a step does not fit or loops)."""
    if not nodes:
        return None
    table, last = tables(machine), len(nodes) - 1
    s = machine.start(seed)[0].thaw()
    try:
        if not _walk(machine, table, s, zip(islice(nodes, last), choices, strict=False)):
            return None
        node = nodes[last]  # the machine's step: `prior` and `trail` as it sets them
        entry = table.entries[node].get(choices[last]) if s.node == node else None
        if entry is None or not machine.can_take(s, entry[0]):
            return None
        machine.step(s, entry[0])
    except RoutingLoop:
        return None
    return s


def _walk(machine: Machine, table: Tables, s: Scratch, steps: Iterable[tuple[str, str]]) -> bool:
    """Take `steps` (node, choice) on `s`, each checked; False at the first that does not
    fit."""
    can_take, step_on, entries, hops = machine.can_take, machine.step, table.entries, table.hops
    for node, choice_id in steps:
        entry = entries[node].get(choice_id) if s.node == node else None
        if entry is None:
            return False
        choice, gated, move, routed = entry
        if gated and not can_take(s, choice):
            return False
        if move is not None:
            take(machine, s, choice.key, move)
        elif routed is None:
            step_on(s, choice)
        elif not _routed(machine, hops, s, choice, routed):
            return False
    return True


def _routed(
    machine: Machine, hops: dict[str, Hop | None], s: Scratch, choice: Choice, fixed: Plan
) -> bool:
    """Machine.step of `choice`, whose effects are the plan `fixed` and whose target routes
    on, with Machine.enter's loop over `hops`: the same state but for `prior` and `trail`.
    False when routing does not settle (or no route is open): the machine's step says so."""
    key, stats = choice.key, s.stats
    s.via = key
    turn = s.turn = s.turn + 1
    if choice.once:
        s.used = s.used | {key}
    _apply(s, stats, fixed)
    interrupt = machine.interrupt if machine.interrupts else None
    node_id = choice.goto
    if interrupt is not None:
        node_id = interrupt(s, s.node) or node_id
    visits, last = s.visits, s.last
    for _ in range(MAX_HOPS):
        visits[node_id] = visits.get(node_id, 0) + 1
        last[node_id] = turn
        hop = hops[node_id]
        if hop is None:
            break
        on_enter, effects, routes = hop
        if on_enter is None:
            for effect in effects:
                effect.fn(s)
        else:
            _apply(s, stats, on_enter)
        target = interrupt(s, node_id) if interrupt is not None else None
        if target is None:
            for cond, goto in routes:
                if cond is None or cond(s):
                    target = goto
                    break
            else:
                if routes:
                    return False  # no route open: the machine's step raises
                break
        node_id = target
    else:
        return False
    s.node = node_id
    return True


def _apply(s: Scratch, stats: list[int], fixed: Plan) -> None:
    """The constant effects of a plan (tables.Plan) on `s`, as Machine.step applies them."""
    shifts, set_bits, keep, _, _ = fixed
    for i, amount, lo, hi in shifts:
        v = stats[i] + amount
        stats[i] = lo if v < lo else hi if v > hi else v
    if keep != -1 or set_bits:
        s.flags = (s.flags & keep) | set_bits
