"""Carrying a run over to a reloaded story (`riotgame play --watch`).

When an author saves a file, the story is loaded again and the player's run moves to it:

1. Re-run the recorded steps on the new story. If every step still applies, the run is the
   same run on the new text: nothing to say.
2. Otherwise keep the stats and flags (matched by name) and put the player at the node they
   were at, or at the start when that node is gone, and say where and why.

No Textual here: the UI calls `carry_over` and shows the note.
"""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.play.machine import ChoiceError, Machine, RoutingLoop
from riotgame.engine.play.session import Session
from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import Story


@dataclass(frozen=True, slots=True)
class Carried:
    session: Session
    note: str  # "" when the whole run replayed; else where the player was put, and why


def carry_over(old: Session, story: Story) -> Carried:
    """The run of `old` moved to `story`."""
    machine = Machine(story)
    new = Session(machine, old.seed)
    for i, step in enumerate(old.steps, 1):
        if new.state.node != step.node:
            return _placed(old, new, f"step {i} no longer starts at {step.node}")
        try:
            new.choose(step.choice)
        except ChoiceError:
            return _placed(
                old, new, f'step {i}: choice "{step.choice}" at {step.node} no longer fits'
            )
        except RoutingLoop as loop:
            return _placed(old, new, f"step {i}: {loop}")
    if new.state.node != old.state.node:
        return _placed(old, new, f"the run now leads to {new.state.node}")
    new.last_events = []
    return Carried(new, "")


def _placed(old: Session, fresh: Session, why: str) -> Carried:
    """Keep stats and flags; stay at the old node if it exists, else go to the start."""
    story = fresh.story
    state = old.state
    node = story.nodes.get(state.node)
    if node is not None and (node.choices or node.ending):
        here, moved = state.node, f"you stay at {state.node}"
    else:  # gone, or now an automatic node where nobody can stand
        here = fresh.states[0].node  # the start, after its own routing
        gone = "is gone" if node is None else "has no choices now"
        moved = f"{state.node} {gone}, so you are back at the start ({here})"
    fresh.states = [transfer(old.story, state, story, here)]
    fresh.steps = []
    fresh.last_events = []
    return Carried(
        fresh,
        f"The story changed ({why}): {moved}, with your stats and flags "
        "kept. Undo history starts here.",
    )


def transfer(old_story: Story, state: GameState, story: Story, node: str) -> GameState:
    """`state` re-expressed for `story` at `node`: stats and flags by name (new ones take
    their initial value, all clamped to the new ranges); visits and once-choices of nodes
    that still exist."""
    values = old_story.stat_values(state)
    stats = tuple(min(max(values.get(d.name, d.initial), d.min), d.max) for d in story.stats)
    was_set = set(old_story.flags_set(state))
    flags = sum(1 << i for i, d in enumerate(story.flags) if d.name in was_set)
    nodes = story.nodes
    return GameState(
        node=node,
        stats=stats,
        flags=flags,
        visits={n: v for n, v in state.visits.items() if n in nodes},
        last={n: t for n, t in state.last.items() if n in nodes},
        used=frozenset(k for k in state.used if k.split("/", 1)[0] in nodes),
        turn=state.turn,
        seed=state.seed,
    )
