"""The check-only replay's loop (`replay(..., frames=False)`: `replay --all`, save listings).

It re-plays a save's steps on one scratch state and checks every step as the machine would
let a player take it (the run is at the step's node, the node has the choice, and the
choice is available there), but takes most steps without Machine.step: a choice random
play takes inline (analysis/moves.py: constant effects into a node where the story
rests) is taken here the same way, and a choice that cannot be refused (no condition, not
once-only) is not asked about. The last step is the machine's own, so the state the run
ends in is the machine's to its last field (inline moves leave `prior` and `trail` behind;
only texts read them). When a step does not fit, or routing loops, it gives up: replay.py
then re-plays the run step by step to say where, in the state it got to.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from riotgame.engine.analysis.moves import Move, inline_moves, take
from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.session import Step
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.model import Choice

# node id -> choice id -> (the choice, whether Machine.can_take must be asked, its move)
Entries = dict[str, dict[str, tuple[Choice, bool, Move | None]]]


def entries(machine: Machine) -> Entries:
    """What the loop reads of each choice, built once per story (kept in `Story.derived`)."""
    story = machine.story
    built = story.derived.get("replay")
    if isinstance(built, dict):
        return built
    moves, places = inline_moves(story), machine.places
    table: Entries = {}
    for node_id in story.nodes:
        table[node_id] = {
            # can_take refuses only a used once-choice, a false `if` or a true `disabled_if`
            choice_id: (c, c.once or c.cond is not None or c.disabled is not None, moves[c.key])
            for choice_id, c in places[node_id].by_id.items()
        }
    story.derived["replay"] = table
    return table


def play_quick(machine: Machine, seed: int, steps: tuple[Step, ...]) -> GameState | None:
    """The state `steps` lead to from `seed`, every step checked; None when one does not
    fit or loops (then nothing is said: the step-by-step replay says where)."""
    if not steps:
        return None
    table = entries(machine)
    s = machine.start(seed)[0].thaw()
    try:
        if not _walk(machine, table, s, islice(steps, len(steps) - 1)):
            return None
        _, node, choice_id = steps[-1]  # the machine's step: `prior` and `trail` as it sets them
        entry = table[node].get(choice_id) if s.node == node else None
        if entry is None or not machine.can_take(s, entry[0]):
            return None
        machine.step(s, entry[0])
    except RoutingLoop:
        return None
    return s.freeze()


def _walk(machine: Machine, table: Entries, s: Scratch, steps: Iterable[Step]) -> bool:
    """Take `steps` on `s`, each checked; False at the first that does not fit."""
    can_take, step_on = machine.can_take, machine.step
    for _, node, choice_id in steps:
        entry = table[node].get(choice_id) if s.node == node else None
        if entry is None:
            return False
        choice, gated, move = entry
        if gated and not can_take(s, choice):
            return False
        if move is None:
            step_on(s, choice)
            continue
        take(machine, s, choice.key, move)
    return True
