"""What the expression language is made of: its limits, its two kinds of value, the names
of its functions, the faults it reports, and what a compiled expression holds."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

MAX_LENGTH = 1000  # characters in one expression
MAX_DEPTH = 40  # nesting of the parsed tree
MAX_INT = 1_000_000
_MASK = (1 << 64) - 1

INT, BOOL = "number", "true/false"
EFFECT = "effect"  # the kind of a compiled effect
FUNCTIONS = ("visited", "turns_since", "chance", "min", "max")

# (stats, flags, visits of its node) before the last choice's effects; () at the start
Prior = tuple[()] | tuple[Sequence[int], int, int]


class Readable(Protocol):
    """What a condition reads: GameState and the machine's Scratch both have it."""

    @property
    def stats(self) -> Sequence[int]: ...  # by stat number
    @property
    def flags(self) -> int: ...  # bit i = flag i
    @property
    def visits(self) -> Mapping[str, int]: ...  # node id -> times entered
    @property
    def last(self) -> Mapping[str, int]: ...  # node id -> turn when last entered
    @property
    def turn(self) -> int: ...
    @property
    def prior(self) -> Prior: ...
    def chance(self, site: int, percent: int) -> bool: ...


class Writable(Readable, Protocol):
    """What an effect changes: the machine's Scratch."""

    stats: list[int]
    flags: int


# The common effects as data, so a step runs them without a call (Choice.plan):
# (SHIFT, stat index, amount, min, max) for `stat += n` / `stat -= n`; (SET, bit, 0, 0, 0)
# for `flags.x = true`; (CLEAR, bit, 0, 0, 0) for `flags.x = false`.
SHIFT, SET, CLEAR = 0, 1, 2
Op = tuple[int, int, int, int, int]

S = TypeVar("S", bound=Readable)  # what the closure takes
R = TypeVar("R")  # what it gives back


class ExprError(Exception):
    """A fault in an expression: code, message and the 0-based character offset."""

    def __init__(self, code: str, message: str, offset: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset


@dataclass
class Scope:
    """What names mean in a story: stat and flag numbers, and bounds for range checks."""

    stats: dict[str, int]  # name -> index
    flags: dict[str, int]  # name -> bit index
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)  # stat -> (min, max)
    constants: dict[str, int] = field(default_factory=dict)  # story.yaml `constants:`
    conditions: dict[str, ast.expr] = field(default_factory=dict)  # parsed `conditions:`


@dataclass(frozen=True, slots=True)
class Compiled(Generic[S, R]):
    """A parsed expression or effect: the closure, what it touches, and its tree.

    The tree (named constants and conditions already in place) is what analyses read:
    the exhaustive search derives its facts from it (analysis/search/facts.py)."""

    source: str
    fn: Callable[[S], R]
    reads: frozenset[str]  # stat names and "flags.x" names it reads
    visits: frozenset[str]  # node ids passed to visited()/turns_since()
    uses_turns: bool  # turns_since() depends on the turn counter
    uses_chance: bool
    tree: ast.expr | ast.stmt  # the expression, or the effect's assignment
    writes: str | None = None  # the stat or "flags.x" an effect assigns
    kind: str = BOOL  # result type of an expression, or EFFECT
    where: tuple[str, int, int] | None = None  # (path, line, col) of a condition's source
    op: Op | None = None  # an effect the machine may run inline instead of calling `fn`
    site: str = ""  # the site key its chance() rolls hash, when it has any (compiled form)

    def placed(self, where: tuple[str, int, int]) -> Compiled[S, R]:
        """The same expression, written at `where` (dataclasses.replace, without its cost)."""
        return Compiled(self.source, self.fn, self.reads, self.visits, self.uses_turns,
                        self.uses_chance, self.tree, self.writes, self.kind, where, self.op,
                        self.site)  # fmt: skip


Condition = Compiled[Readable, int]  # true/false (bool) or a number
Effect = Compiled[Writable, None]


def roll(seed: int, turn: int, site: int) -> int:
    """A number in 0..99 from (seed, turn, call site): reproducible, no hidden state."""
    x = (seed * 0x9E3779B97F4A7C15 + turn * 0xBF58476D1CE4E5B9 + site * 0x94D049BB133111EB) & _MASK
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & _MASK
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & _MASK
    x ^= x >> 31
    return x % 100
