"""A node -> number table that successive states share: `GameState.visits` and `.last`.

Each choice changes one or two entries of a run's visit counts and last-entered turns, but
a run may have entered hundreds of nodes: copying both tables at every step made the cost
of a step grow with the run. A Counts is a shared, never-changed `base` dict and a small
`log` of the entries changed since; a step copies only the log. When the log grows past
the square root of the base (at least LOG_MIN entries), the two are merged into a new
base, so a step copies about 2 * sqrt(n) entries instead of n, and unchanged parts are
shared between every state of the run (undo keeps them all).

It reads as a plain mapping: the same keys, values and order (a node's place is where it
was first entered, as in a dict), and it equals a dict with the same items.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from math import isqrt
from typing import Any, cast

LOG_MIN = 8  # entries the log may hold before a merge, however small the base


class Counts(Mapping[str, int]):
    __slots__ = ("base", "log", "room")

    base: dict[str, int]  # shared: never changed once a Counts holds it
    log: dict[str, int]  # entries changed since the base was made (new keys last)
    room: int  # changes left before the next one merges the log into a new base

    def __init__(self, items: Mapping[str, int] | None = None) -> None:
        self.base = dict(items) if items else {}
        self.log = {}
        self.room = _room(self.base)

    @classmethod
    def of(cls, owned: dict[str, int]) -> Counts:
        """A Counts over `owned`, which the caller hands over and never changes again."""
        out: Counts = Made() if cls is Counts else _new(cls)
        out.base, out.log, out.room = owned, {}, _room(owned)
        return out

    def set(self, key: str, value: int) -> Counts:
        """A new Counts with `key` set to `value`; this one is unchanged."""
        out: Counts = Made()
        if self.room:
            out.base, out.log, out.room = self.base, {**self.log, key: value}, self.room - 1
        else:
            out.base = {**self.base, **self.log, key: value}
            out.log, out.room = {}, _room(out.base)
        return out

    def to_dict(self) -> dict[str, int]:
        """A new dict with the same items, in the same order."""
        return {**self.base, **self.log} if self.log else self.base.copy()

    # -- reading, as a mapping ---------------------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        value = self.log.get(key)
        return self.base.get(key, default) if value is None else value

    def __getitem__(self, key: str) -> int:
        value = self.log.get(key)
        return self.base[key] if value is None else value

    def __contains__(self, key: object) -> bool:
        return key in self.log or key in self.base

    def __iter__(self) -> Iterator[str]:
        if not self.log:
            return iter(self.base)
        return iter(self.to_dict())

    def __len__(self) -> int:
        base = self.base
        return len(base) + sum(1 for k in self.log if k not in base)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Counts):
            if other.base is self.base:
                return other.log == self.log
            return self.to_dict() == other.to_dict()
        if isinstance(other, Mapping):
            return self.to_dict() == (other if isinstance(other, dict) else dict(other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping: unhashable, like a dict

    def __repr__(self) -> str:
        return repr(self.to_dict())


class Made(Counts):
    """A Counts whose maker sets its three fields (`of`, `set`, a step): made by calling the
    class with no arguments, which costs object.__init__ (a Counts runs its own __init__,
    and object.__new__(Counts) goes through a wrapper that costs more still)."""

    __slots__ = ()
    __init__ = object.__init__  # the C slot itself: no call


_new = object.__new__
_KINDS = (Counts, Made)


def _room(base: dict[str, int]) -> int:
    """How many changes a log over `base` takes before a merge: about sqrt(len(base))."""
    return max(LOG_MIN, isqrt(len(base)))


EMPTY = Counts()  # shared: a Counts is never changed


def entering(visits: Counts, last: Counts, node: str, turn: int) -> tuple[Counts, Counts]:
    """The two tables after entering `node` at `turn`: its count one up, its turn noted.
    (`set` on each, written out: this is most of what a quick step copies; a copy and a
    store, one field at a time, are cheaper than `{**log, node: count}` and a tuple.)"""
    count = (visits.log.get(node) or visits.base.get(node, 0)) + 1  # a count is never 0
    new_visits, new_last = Made(), Made()
    room = visits.room
    if room and last.room:
        log = visits.log.copy()
        log[node] = count
        new_visits.base = visits.base
        new_visits.log = log
        new_visits.room = room - 1
        log = last.log.copy()
        log[node] = turn
        new_last.base = last.base
        new_last.log = log
        new_last.room = last.room - 1
    else:
        new_visits.base = {**visits.base, **visits.log, node: count}
        new_last.base = {**last.base, **last.log, node: turn}
        new_visits.log, new_last.log = {}, {}
        new_visits.room, new_last.room = _room(new_visits.base), _room(new_last.base)
    return new_visits, new_last


def as_dict(table: Mapping[str, int]) -> dict[str, int]:
    """A new dict with the items of `table` (a Counts, or any mapping)."""
    return cast(Counts, table).to_dict() if type(table) in _KINDS else dict(table)


def as_counts(table: Mapping[str, int]) -> Counts:
    """`table` as a Counts (a state built by hand may hold a dict)."""
    return cast(Counts, table) if type(table) in _KINDS else Counts(table)
