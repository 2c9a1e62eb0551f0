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

No Textual here: the app keeps one `RunCarrier` per run and shows the note, which comes as
data (an English template and its values, translated where it is shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.play.machine import ChoiceError, Machine, RoutingLoop
from riotgame.engine.play.session import Session, Step
from riotgame.engine.story.model import Story
from riotgame.l10n.marks import N_, Said

# What the author playing with --watch is told after a reload (nothing when it all fits).
ALL_BACK = N_("Story reloaded: your whole run replays again ({total} choices).")
WENT_BACK = N_(
    "The story changed ({why}): your run goes back to choice {done} of {total}, at {node}. "
    "Undo works as before, and your later choices come back if an edit makes them fit again."
)
LEADS_ELSEWHERE = N_("The story changed: your run now leads to {node}.")
# ... and why a step no longer fits ({why} above)
MOVED = N_("step {number} no longer starts at {node}")
CLOSED = N_('step {number}: choice "{choice}" at {node} no longer fits')
LOOPS = N_("step {number}: {loop}")


@dataclass(frozen=True, slots=True)
class Carried:
    session: Session
    note: Said | None  # None when the whole run replayed as before; else what changed

    @property
    def text(self) -> str:
        """The note in English ("" when there is none)."""
        return self.note.english if self.note else ""


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
        note = None
        if why is not None:
            done, total = str(len(new.steps)), str(len(wanted))
            note = Said(
                WENT_BACK, {"why": why, "done": done, "total": total, "node": new.state.node}
            )
        elif came_back:
            note = Said(ALL_BACK, {"total": str(len(wanted))})
        elif new.state.node != old.state.node:
            note = Said(LEADS_ELSEWHERE, {"node": new.state.node})
        new.last_events = []
        return Carried(new, note)


def replay_steps(
    machine: Machine, seed: int, steps: tuple[Step, ...]
) -> tuple[Session, Said | None]:
    """A Session of `steps` on `machine` as far as they fit, and why it stopped (None when
    every step fitted)."""
    session = Session(machine, seed)
    for number, step in enumerate(steps, 1):
        at = {"number": str(number), "node": step.node}
        if session.state.node != step.node:
            return session, Said(MOVED, at)
        try:
            session.choose(step.choice)
        except ChoiceError:
            return session, Said(CLOSED, {**at, "choice": step.choice})
        except RoutingLoop as loop:
            session.last_events = []
            return session, Said(LOOPS, {"number": str(number), "loop": str(loop)})
    return session, None
