"""The loops of random play, one per kind of run, each as short as its kind allows.

- `plain`: statistics off (`explore --random` without a Tally, the search's hot path);
- `counted`: with a Tally, in a run that does not read texts (15 runs in 16): one counter
  a step, the signature of the menu plus the pick (menus.py);
- `reading`: with a Tally, in a run that reads texts: the texts' conditions and, in some
  runs, the alternatives shown; its inline moves keep `prior` and `trail`, which texts read;
- `guided`: a persona's or a logged run's, with or without a Tally.

They are written out apart, not as one loop with switches, because each line of the
first three runs once a step: a call or a test a step more costs a few percent
(benchmarks/README.md). They all step the same way: the inline move of a choice that has
one, the far move (`moves.chained`, through `next` routes and `on_enter` effects) of one
that has that, `Machine.step` for the rest, and tests/engine/test_random_play_steps.py
holds each of them to the public API's runs.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

from riotgame.engine.analysis.menus import Entry, RandomTables
from riotgame.engine.analysis.moves import Move, chained, take
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.state import Scratch

# how a walk ended: the words read, the node where the run stopped (an ending, or a node
# with no choice to take; None when it was cut short or looped), the routing loop's message
Outcome = tuple[int, str | None, str]
Guide = Callable[[Scratch, Sequence[Entry]], int]  # the index of the choice to take


@dataclass
class Walker:
    """What the walks of one random_play call share."""

    machine: Machine
    tables: RandomTables
    at_chapter: dict[int, list[tuple[int, ...]]]  # the report's stats as chapters start
    taken: set[str]  # the report's choices taken (with a Tally: filled when runs are over)
    pick: random.Random
    max_steps: int
    # with a Tally: (menu signature << shift) + index of the pick -> steps (menus.py)
    counts: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self.getrandbits = self.pick.getrandbits
        self.shift = self.tables.pick_bits
        self.menus = self.tables.menus

    @staticmethod
    def state(s: Scratch) -> tuple[list[int], dict[str, int], dict[str, int]]:
        """The parts of a run's state a walk changes in place."""
        return s.stats, s.visits, s.last


def plain(w: Walker, s: Scratch) -> Outcome:
    """A run that counts nothing but what the report needs."""
    machine, rows, menus, taken = w.machine, w.tables.rows, w.tables.menus, w.taken
    at_chapter, getrandbits, stats, visits, last = w.at_chapter, w.getrandbits, *w.state(s)
    words, chapters = 0, set()
    try:  # costs nothing until a routing loop raises
        for _ in range(w.max_steps):
            chapter, here, options, n, k, sign, tests, sig = rows[s.node]
            if chapter not in chapters:  # stats as a chapter starts
                chapters.add(chapter)
                at_chapter.setdefault(chapter, []).append(tuple(stats))
            words += here
            if options is None:
                options, n, k = menus[sig + sign(s, tests)]
            if n > 1:  # random.randrange(n), without its two calls
                i = getrandbits(k)
                while i >= n:
                    i = getrandbits(k)
            elif n:
                i = 0
            else:  # an ending (which has no choices), or stuck
                return words, s.node, ""
            key, choice, shifts, set_bits, keep, target, checks, once, far = options[i]
            taken.add(key)
            if shifts is None:  # a far move, or the machine's step
                machine.step(s, choice) if far is None else chained(machine, s, key, far)
                continue
            s.turn += 1  # Machine.step, inline (`via` is set where the machine reads it)
            if once:
                s.used = s.used | {key}
            for j, amount, lo, hi in shifts:
                v = stats[j] + amount
                stats[j] = lo if v < lo else hi if v > hi else v
            if keep is not None:
                s.flags = (s.flags & keep) | set_bits
            if checks is not None and checks(s):  # an interrupt: the machine takes over
                s.via = key
                machine.enter(s, machine.interrupt(s, s.node) or target)
                continue
            visits[target] = visits[target] + 1 if target in visits else 1
            last[target] = s.turn
            s.node = target
    except RoutingLoop as loop:
        return words, None, str(loop)
    return words, None, ""  # cut short


def counted(w: Walker, s: Scratch) -> Outcome:
    """`plain`, counting each step's menu and pick for a Tally (and no choice taken: the
    counts say them when the runs are over)."""
    machine, rows, menus, counts, shift = (
        w.machine,
        w.tables.rows,
        w.tables.menus,
        w.counts,
        w.shift,
    )
    at_chapter, getrandbits, stats, visits, last = w.at_chapter, w.getrandbits, *w.state(s)
    words, chapters = 0, set()
    try:
        for _ in range(w.max_steps):
            chapter, here, options, n, k, sign, tests, sig = rows[s.node]
            if chapter not in chapters:
                chapters.add(chapter)
                at_chapter.setdefault(chapter, []).append(tuple(stats))
            words += here
            if options is None:
                sig += sign(s, tests)
                options, n, k = menus[sig]
            if n > 1:
                i = getrandbits(k)
                while i >= n:
                    i = getrandbits(k)
            elif n:
                i = 0
            else:
                counts[(sig << shift) + w.tables.stuck] += 1
                return words, s.node, ""
            counts[(sig << shift) + i] += 1
            key, choice, shifts, set_bits, keep, target, checks, once, far = options[i]
            if shifts is None:
                machine.step(s, choice) if far is None else chained(machine, s, key, far)
                continue
            s.turn += 1
            if once:
                s.used = s.used | {key}
            for j, amount, lo, hi in shifts:
                v = stats[j] + amount
                stats[j] = lo if v < lo else hi if v > hi else v
            if keep is not None:
                s.flags = (s.flags & keep) | set_bits
            if checks is not None and checks(s):
                s.via = key
                machine.enter(s, machine.interrupt(s, s.node) or target)
                continue
            visits[target] = visits[target] + 1 if target in visits else 1
            last[target] = s.turn
            s.node = target
    except RoutingLoop as loop:
        return words, None, str(loop)
    return words, None, ""


def reading(w: Walker, s: Scratch, reader: Tally) -> Outcome:
    """`counted`, reading what a player's screen shows at each rest: the texts passed
    through and the choices offered. Its inline moves keep `via`, `prior` and `trail`."""
    machine, rows, menus, counts, shift = (
        w.machine,
        w.tables.rows,
        w.tables.menus,
        w.counts,
        w.shift,
    )
    words, chapters, noting = 0, set(), reader.notes_alternatives()
    try:
        for _ in range(w.max_steps):
            chapter, here, options, n, _, sign, tests, sig = rows[s.node]
            if chapter not in chapters:
                chapters.add(chapter)
                w.at_chapter.setdefault(chapter, []).append(tuple(s.stats))
            words += here
            if options is None:
                sig += sign(s, tests)
                options, n, _ = menus[sig]
            reader.read_text(s)
            if noting:
                reader.read_choices(s, [entry[1] for entry in options])
            if not n:
                counts[(sig << shift) + w.tables.stuck] += 1
                return words, s.node, ""
            i = w.pick.randrange(n) if n > 1 else 0
            counts[(sig << shift) + i] += 1
            entry = options[i]
            far = entry[8]
            if entry[2] is None and far is None:
                machine.step(s, entry[1])
                continue
            s.prior = (tuple(s.stats), s.flags, s.visits.get(s.node, 1))
            if far is not None:  # it sets the trail
                chained(machine, s, entry[0], far)
                continue
            if s.trail:
                s.trail = []
            take(machine, s, entry[0], cast(Move, entry[2:8]))  # shifts not None here
    except RoutingLoop as loop:
        return words, None, str(loop)
    return words, None, ""


def guided(w: Walker, s: Scratch, guide: Guide, reader: Tally | None, counting: bool) -> Outcome:
    """A run where `guide` picks (a persona, or a logged run), counted for a Tally when
    `counting` and read by `reader` when it reads texts (with the machine's full step,
    which keeps what texts read)."""
    machine, rows, menus = w.machine, w.tables.rows, w.tables.menus
    counts, taken, shift = w.counts, w.taken, w.shift
    words, chapters = 0, set()
    noting = reader is not None and reader.notes_alternatives()
    try:
        for _ in range(w.max_steps):
            chapter, here, options, n, _, sign, tests, sig = rows[s.node]
            if chapter not in chapters:
                chapters.add(chapter)
                w.at_chapter.setdefault(chapter, []).append(tuple(s.stats))
            words += here
            if options is None:
                sig += sign(s, tests)
                options, n, _ = menus[sig]
            if reader is not None:
                reader.read_text(s)
                if noting:
                    reader.read_choices(s, [entry[1] for entry in options])
            i = guide(s, options) if n else w.tables.stuck
            if counting:
                counts[(sig << shift) + i] += 1
            if not n:
                return words, s.node, ""
            entry = options[i]
            taken.add(entry[0])
            if reader is not None or (entry[2] is None and entry[8] is None):
                machine.step(s, entry[1])
            elif entry[8] is not None:
                chained(machine, s, entry[0], entry[8])
            else:
                take(machine, s, entry[0], cast(Move, entry[2:8]))  # shifts not None here
    except RoutingLoop as loop:
        return words, None, str(loop)
    return words, None, ""
