"""Carrying a run over to a reloaded story (`riotgame play --watch`).

When an author saves a file, the story is loaded again and the player's run moves to it,
as Inky does: the recorded steps are re-played on the new story, as far as they still fit.

- Every step fits: the same run on the new text, undo history and all; nothing to say.
- A step no longer fits (its node is gone, its choice renamed or closed): the run goes back
  to the last step that fits, with its whole history up to there, and the note says where
  and why. Every state is one the new story really reaches, so undo, autosaves and saves
  stay true to it.
- The steps that were cut are remembered: while the player has not chosen anything new, the
  next reload tries them again, so an edit that breaks a node and the edit that restores it
  bring the whole run back, history included.

No Textual here: the app keeps one `RunCarrier` per run and shows the note.
"""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.play.machine import ChoiceError, Machine, RoutingLoop
from riotgame.engine.play.session import Session, Step
from riotgame.engine.story.model import Story


@dataclass(frozen=True, slots=True)
class Carried:
    session: Session
    note: str  # "" when the whole run replayed as before; else what changed, for the player


class RunCarrier:
    """Carries one run across successive reloads (see the module docstring)."""

    def __init__(self) -> None:
        self.kept: tuple[Step, ...] = ()  # the run's steps right after the last carry
        self.cut: tuple[Step, ...] = ()  # the steps after those the last edit could not replay

    def carry(self, old: Session, story: Story) -> Carried:
        """The run of `old` on `story`. Raises RoutingLoop when the new story cannot even
        start (its first nodes route in a loop): the caller keeps the old story."""
        steps = tuple(old.steps)
        came_back = steps == self.kept and bool(self.cut)
        wanted = steps + self.cut if came_back else steps
        new, why = replay_steps(Machine(story), old.seed, wanted)
        self.kept, self.cut = tuple(new.steps), wanted[len(new.steps) :]
        if not self.cut and came_back:
            note = f"Story reloaded: your whole run replays again ({len(wanted)} choices)."
        elif self.cut:
            note = (
                f"The story changed ({why}): your run goes back to choice {len(new.steps)} "
                f"of {len(wanted)}, at {new.state.node}. Undo works as before, and your "
                "later choices come back if an edit makes them fit again."
            )
        elif new.state.node != old.state.node:
            note = f"The story changed: your run now leads to {new.state.node}."
        else:
            note = ""
        new.last_events = []
        return Carried(new, note)


def replay_steps(machine: Machine, seed: int, steps: tuple[Step, ...]) -> tuple[Session, str]:
    """A Session of `steps` on `machine` as far as they fit, and why it stopped ("" when
    every step fitted)."""
    session = Session(machine, seed)
    for number, step in enumerate(steps, 1):
        if session.state.node != step.node:
            return session, f"step {number} no longer starts at {step.node}"
        try:
            session.choose(step.choice)
        except ChoiceError:
            return session, f'step {number}: choice "{step.choice}" at {step.node} no longer fits'
        except RoutingLoop as loop:
            session.last_events = []
            return session, f"step {number}: {loop}"
    return session, ""
