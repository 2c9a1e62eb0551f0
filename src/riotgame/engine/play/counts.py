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
from typing import Any

LOG_MIN = 8  # entries the log may hold before a merge, however small the base


class Counts(Mapping[str, int]):
    __slots__ = ("base", "limit", "log")

    base: dict[str, int]  # shared: never changed once a Counts holds it
    log: dict[str, int]  # entries changed since the base was made (new keys last)
    limit: int  # the size of log at which a change merges it into a new base

    def __init__(self, items: Mapping[str, int] | None = None) -> None:
        self.base = dict(items) if items else {}
        self.log = {}
        self.limit = max(LOG_MIN, isqrt(len(self.base)))

    @classmethod
    def of(cls, owned: dict[str, int]) -> Counts:
        """A Counts over `owned`, which the caller hands over and never changes again."""
        out = _new(cls)
        out.base, out.log, out.limit = owned, {}, max(LOG_MIN, isqrt(len(owned)))
        return out

    def set(self, key: str, value: int) -> Counts:
        """A new Counts with `key` set to `value`; this one is unchanged."""
        out = _new(Counts)
        log = self.log
        if len(log) < self.limit:
            out.base, out.log, out.limit = self.base, {**log, key: value}, self.limit
        else:
            base = out.base = {**self.base, **log, key: value}
            out.log, out.limit = {}, max(LOG_MIN, isqrt(len(base)))
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
            return self.to_dict() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping: unhashable, like a dict

    def __repr__(self) -> str:
        return repr(self.to_dict())


_new = object.__new__


EMPTY = Counts()  # shared: a Counts is never changed


def as_dict(table: Mapping[str, int]) -> dict[str, int]:
    """A new dict with the items of `table` (a Counts, or any mapping)."""
    return table.to_dict() if type(table) is Counts else dict(table)


def as_counts(table: Mapping[str, int]) -> Counts:
    """`table` as a Counts (a state built by hand may hold a dict)."""
    return table if type(table) is Counts else Counts(table)
