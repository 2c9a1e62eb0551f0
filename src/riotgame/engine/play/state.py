"""Game state: an immutable snapshot, and the mutable scratch copy the machine steps on.

GameState is what callers hold: hashable parts, never changed after it is made, so keeping
one per turn for undo costs only the small dicts of visit counts. The machine thaws it into
a Scratch, applies one step, and freezes the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.story.expr import roll


@dataclass(frozen=True, slots=True)
class GameState:
    node: str
    stats: tuple[int, ...]  # in the story's stat order
    flags: int  # bit i = the story's flag i
    visits: dict  # node id -> times entered (never mutated once frozen)
    last: dict  # node id -> turn when last entered
    used: frozenset  # "node/choice" keys of once-choices already taken
    turn: int  # choices made so far
    seed: int  # chance() rolls depend on (seed, turn, call site) only
    trail: tuple = ()  # nodes passed through by `next`/interrupts on the way here
    via: str = ""  # "node/choice" key of the choice that led here ("" at the start)
    prior: tuple = ()  # (stats, flags, visits of its node) when that choice was taken

    def chance(self, site: int, percent: int) -> bool:
        """A chance() roll: a pure function of (seed, turn, call site)."""
        return roll(self.seed, self.turn, site) < percent

    def thaw(self, kind: type[Scratch] | None = None) -> Scratch:
        """A mutable copy: a Scratch, or the given subclass of it."""
        return (kind or Scratch)(
            self.node,
            list(self.stats),
            self.flags,
            dict(self.visits),
            dict(self.last),
            set(self.used),
            self.turn,
            self.seed,
            [],
            self.via,
            self.prior,
        )


class Scratch:
    """The same fields, mutable: one step of the machine writes here."""

    __slots__ = (
        "flags",
        "last",
        "node",
        "prior",
        "seed",
        "stats",
        "trail",
        "turn",
        "used",
        "via",
        "visits",
    )

    def __init__(
        self, node, stats, flags, visits, last, used, turn, seed, trail=None, via="", prior=()
    ):
        self.node = node
        self.stats = stats
        self.flags = flags
        self.visits = visits
        self.last = last
        self.used = used
        self.turn = turn
        self.seed = seed
        self.trail = [] if trail is None else trail
        self.via = via
        self.prior = prior

    def chance(self, site: int, percent: int) -> bool:
        return roll(self.seed, self.turn, site) < percent

    def freeze(self) -> GameState:
        return GameState(
            self.node,
            tuple(self.stats),
            self.flags,
            self.visits,
            self.last,
            frozenset(self.used),
            self.turn,
            self.seed,
            tuple(self.trail),
            self.via,
            self.prior,
        )
