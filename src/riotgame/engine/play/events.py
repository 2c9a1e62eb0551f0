"""What a step reports: the events, in the order they happened.

Events are immutable values, so `Announcer` builds each one once per machine (the first
time a node is entered, a stat moves from one value to another, a flag turns on or off)
and hands the same object out again: a step only looks up what changed. What a constant
shift of a stat does from each value (`Shift`) is kept the same way, so the quick step
reads the new value and its event in one look-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from riotgame.engine.story.model import Story


@dataclass(frozen=True, slots=True)
class NodeEntered:
    node: str


@dataclass(frozen=True, slots=True)
class StatChanged:
    name: str
    old: int
    new: int


@dataclass(frozen=True, slots=True)
class FlagChanged:
    name: str
    value: bool


@dataclass(frozen=True, slots=True)
class EndingReached:
    ending: str


Event = NodeEntered | StatChanged | FlagChanged | EndingReached


STAT_KEY = 4_000_037  # old * STAT_KEY + new: one int per (old, new), stats within MAX_INT


class Announcer:
    """The events of one story's steps, each built on first use and then shared."""

    def __init__(self, story: Story):
        self.stat_names = [d.name for d in story.stats]
        # the bits of flags a player is told about (silent flags never are)
        self.told = sum(1 << i for i, d in enumerate(story.flags) if not d.silent)
        self.flag_events = [
            (FlagChanged(d.name, False), FlagChanged(d.name, True)) for d in story.flags
        ]
        self.entered: dict[str, NodeEntered] = {}
        # per stat, old * STAT_KEY + new -> its event
        self.stat_events: list[dict[int, StatChanged]] = [{} for _ in story.stats]
        self.endings: dict[str, EndingReached] = {}
        self.shifts: dict[tuple[int, int, int, int], Shift] = {}  # (stat, amount, lo, hi) ->

    def node(self, node_id: str) -> NodeEntered:
        event = self.entered.get(node_id)
        if event is None:
            event = self.entered[node_id] = NodeEntered(node_id)
        return event

    def ending(self, ending: str) -> EndingReached:
        event = self.endings.get(ending)
        if event is None:
            event = self.endings[ending] = EndingReached(ending)
        return event

    def stat(self, i: int, old: int, new: int) -> StatChanged:
        known = self.stat_events[i]
        event = known.get(old * STAT_KEY + new)
        if event is None:
            event = known[old * STAT_KEY + new] = StatChanged(self.stat_names[i], old, new)
        return event

    def shift(self, i: int, amount: int, lo: int, hi: int) -> Shift:
        """The table of `stat i += amount`, clamped to lo..hi (shared by every choice that
        shifts that stat by that amount)."""
        key = (i, amount, lo, hi)
        table = self.shifts.get(key)
        if table is None:
            table = self.shifts[key] = Shift(self, i, amount, lo, hi)
        return table

    def changes(
        self,
        out: list[Event],
        old: Sequence[int],
        new: Sequence[int],
        changed: int,
        flags: int,
    ) -> None:
        """Append to `out` a StatChanged for each stat that differs between `old` and `new`,
        then the flag events of the bits of `changed` (`flags`: the flags after)."""
        if old != new:
            for i in range(len(old)):
                if old[i] != new[i]:
                    out.append(self.stat(i, old[i], new[i]))
        if changed & self.told:
            self.flags(out, changed, flags)

    def flags(self, out: list[Event], changed: int, flags: int) -> None:
        """Append a FlagChanged for each bit of `changed` the player is told about, lowest
        bit first (`flags`: the flags after the step)."""
        changed &= self.told
        events = self.flag_events
        while changed:
            i = (changed & -changed).bit_length() - 1
            changed &= changed - 1
            out.append(events[i][(flags >> i) & 1])


class Shift(dict[int, tuple[int, StatChanged | None]]):
    """One constant shift of one stat: value before -> (value after, its StatChanged, or
    None when the clamp leaves the value where it was), filled as values are met."""

    __slots__ = ("amount", "announce", "hi", "i", "lo")

    def __init__(self, announce: Announcer, i: int, amount: int, lo: int, hi: int):
        super().__init__()
        self.announce, self.i, self.amount, self.lo, self.hi = announce, i, amount, lo, hi

    def __missing__(self, was: int) -> tuple[int, StatChanged | None]:
        v = was + self.amount
        v = self.lo if v < self.lo else self.hi if v > self.hi else v
        moved = self[was] = (v, self.announce.stat(self.i, was, v) if v != was else None)
        return moved
