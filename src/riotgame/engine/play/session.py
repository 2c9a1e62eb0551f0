"""A run in progress: the current state, the steps taken, and undo.

The UI and the plain player hold a Session; saves store its seed and steps, and replay
rebuilds one. Every state of the run is kept (they share their small parts), so undo can
go back through the whole run.
"""

from __future__ import annotations

from typing import NamedTuple

from riotgame.engine.play.machine import Event, Machine
from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import Story


class Step(NamedTuple):  # a tuple: a save of a long run reads thousands, quickly
    turn: int  # the turn at which the choice was made (0 for the first choice)
    node: str
    choice: str


class Session:
    def __init__(self, machine: Machine, seed: int):
        self.machine = machine
        self.seed = seed
        state, self.last_events = machine.start(seed)
        self.states: list[GameState] = [state]
        self.steps: list[Step] = []

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def story(self) -> Story:
        return self.machine.story

    def choose(self, choice_id: str) -> list[Event]:
        """Take a choice; returns the events. Raises ChoiceError if it is not available."""
        state = self.state
        new, events = self.machine.choose(state, choice_id)
        self.steps.append(Step(state.turn, state.node, choice_id))
        self.states.append(new)
        self.last_events = events
        return events

    def undo(self) -> bool:
        """Go back one choice. False when already at the start."""
        if not self.steps:
            return False
        self.steps.pop()
        self.states.pop()
        self.last_events = []
        return True

    @property
    def ended(self) -> bool:
        return self.machine.ending(self.state) is not None
