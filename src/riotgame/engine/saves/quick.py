"""The check-only replay's loop (`replay(..., frames=False)`: `replay --all`, save listings).

It re-plays a save's steps on one scratch state and checks every step as the machine would
let a player take it (the run is at the step's node, the node has the choice, and the
choice is available there), but takes most steps without Machine.step: a choice random
play takes inline or as a far move (analysis/moves.py: constant effects into a node where
the story rests, or through the `next` routes and `on_enter` effects of the nodes it
enters) is taken here the same way, and a choice that cannot be refused (no condition, not
once-only) is not asked about. The last step is the machine's own, so the state the run
ends in is the machine's to its last field (the inline and far moves leave `prior` behind;
only texts read it). When a step does not fit, or routing loops, it gives up: replay.py
then re-plays the run step by step to say where, in the state it got to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from operator import itemgetter

from riotgame.engine.analysis.moves import Far, Move, chained, far_moves, inline_moves, take
from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.session import Step
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.model import Choice

# node id -> choice id -> (the choice, whether Machine.can_take must be asked, its inline
# move, its far move); neither move: Machine.step
Entries = dict[str, dict[str, tuple[Choice, bool, Move | None, Far | None]]]


def entries(machine: Machine) -> Entries:
    """What the loop reads of each choice, built once per story (kept in `Story.derived`)."""
    story = machine.story
    built = story.derived.get("replay")
    if isinstance(built, dict):
        return built
    moves, far, places = inline_moves(story), far_moves(story), machine.places
    table: Entries = {}
    for node_id in story.nodes:
        row = table[node_id] = {}
        for choice_id, c in places[node_id].by_id.items():
            # can_take refuses only a used once-choice, a false `if` or a true `disabled_if`
            gated = c.once or c.cond is not None or c.disabled is not None
            row[choice_id] = (c, gated, moves[c.key], far[c.key])
    story.derived["replay"] = table
    return table


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
    table, last = entries(machine), len(nodes) - 1
    s = machine.start(seed)[0].thaw()
    try:
        if not _walk(machine, table, s, zip(islice(nodes, last), choices, strict=False)):
            return None
        node = nodes[last]  # the machine's step: `prior` and `trail` as it sets them
        entry = table[node].get(choices[last]) if s.node == node else None
        if entry is None or not machine.can_take(s, entry[0]):
            return None
        machine.step(s, entry[0])
    except RoutingLoop:
        return None
    return s


def _walk(machine: Machine, table: Entries, s: Scratch, steps: Iterable[tuple[str, str]]) -> bool:
    """Take `steps` (node, choice) on `s`, each checked; False at the first that does not
    fit."""
    can_take, step_on = machine.can_take, machine.step
    for node, choice_id in steps:
        entry = table[node].get(choice_id) if s.node == node else None
        if entry is None:
            return False
        choice, gated, move, far = entry
        if gated and not can_take(s, choice):
            return False
        if move is not None:
            take(machine, s, choice.key, move)
        elif far is not None:
            chained(machine, s, choice.key, far)
        else:
            step_on(s, choice)
    return True
