"""Game state: an immutable snapshot, and the mutable scratch copy the machine steps on.

GameState is what callers hold: never changed after it is made. Its visit counts and
last-entered turns are Counts (counts.py), which successive states share but for a small
log of what changed, so keeping one state per turn for undo costs little. The machine
thaws a state into a Scratch (plain dicts), applies one step, and freezes the result; the
common step (constant effects into a node where the story rests) builds the next state
directly (machine.py). Both list the same fields in the same order and are built by keyword
(tests/engine/test_machine.py holds them to it).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import NamedTuple

from riotgame.engine.play.counts import EMPTY, Counts, as_dict
from riotgame.engine.story.expr import roll
from riotgame.engine.story.expr.language import Prior
from riotgame.engine.story.model import Story


class GameState(NamedTuple):
    """A state of a run. A named tuple: immutable, and built in one call (a frozen
    dataclass sets each field through `object.__setattr__`, which cost a step more than
    all its rules)."""

    node: str
    stats: tuple[int, ...]  # in the story's stat order
    flags: int = 0  # bit i = the story's flag i
    visits: Mapping[str, int] = EMPTY  # node id -> times entered (a Counts once played)
    last: Mapping[str, int] = EMPTY  # node id -> turn when last entered
    used: frozenset[str] = frozenset()  # "node/choice" keys of once-choices already taken
    turn: int = 0  # choices made so far
    seed: int = 0  # chance() rolls depend on (seed, turn, call site) only
    trail: tuple[str, ...] = ()  # nodes passed through by `next`/interrupts on the way here
    via: str = ""  # "node/choice" key of the choice that led here ("" at the start)
    prior: Prior = ()  # (stats, flags, visits of its node) when that choice was taken

    def chance(self, site: int, percent: int) -> bool:
        """A chance() roll: a pure function of (seed, turn, call site)."""
        return roll(self.seed, self.turn, site) < percent

    def thaw(self, kind: type[Scratch] | None = None) -> Scratch:
        """A mutable copy: a Scratch, or the given subclass of it."""
        return (kind or Scratch)(
            node=self.node,
            stats=list(self.stats),
            flags=self.flags,
            visits=as_dict(self.visits),
            last=as_dict(self.last),
            used=self.used,  # replaced, never changed, when a once-choice is taken
            turn=self.turn,
            seed=self.seed,
            trail=[],
            via=self.via,
            prior=self.prior,
        )


@dataclass(slots=True)
class Scratch:
    """The same fields, in the same order, mutable: one step of the machine writes here."""

    node: str
    stats: list[int]
    flags: int = 0
    visits: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    used: AbstractSet[str] = frozenset()  # replaced by the step that adds to it
    turn: int = 0
    seed: int = 0
    trail: list[str] = field(default_factory=list)
    via: str = ""
    prior: Prior = ()

    @classmethod
    def start(cls, story: Story, seed: int) -> Scratch:
        """A run before it enters the start node: every stat at its initial value."""
        return cls(node=story.start, stats=[d.initial for d in story.stats], seed=seed)

    def chance(self, site: int, percent: int) -> bool:
        return roll(self.seed, self.turn, site) < percent

    def freeze(self) -> GameState:
        return GameState(  # by keyword, as everywhere but the machine's quick step
            node=self.node,
            stats=tuple(self.stats),
            flags=self.flags,
            visits=Counts.of(self.visits),  # handed over: a frozen scratch is not stepped on
            last=Counts.of(self.last),
            used=frozenset(self.used),
            turn=self.turn,
            seed=self.seed,
            trail=tuple(self.trail),
            via=self.via,
            prior=self.prior,
        )
