"""Random play-testing: N runs choosing among the available choices, and what players would
meet: ending shares, coverage, lengths, softlocks, the stats at each ending and chapter.

Runs pick uniformly (`explore --random N`), or as a persona picks (players.py), and may
count conditions and reach into a Tally (playtest.py). The exhaustive search, which proves
what no run can reach, is the package analysis/search; its random witnesses are runs of
random_play with a RunLog.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from riotgame.engine.analysis.players import Picker
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.state import Scratch
from riotgame.engine.play.tables import Test, tables
from riotgame.engine.story.model import Choice, Story

MAX_STEPS = 5_000  # a random run longer than this is cut and reported as a loop
# What random play does in place of Machine.step for one choice (inline_moves): the plan's
# stat shifts, flag bits set and kept (None: no flag written), the target, the interrupt
# conditions to test after the effects as one (None: none), whether the choice is once-only
WritesRead = Callable[[Collection[int], int, int], bool]  # plan shifts, set bits, keep
Move = tuple[tuple[tuple[int, int, int, int], ...], int, int | None, str, Test | None, bool]


class _FullSteps(dict[str, "Move | None"]):
    """Moves for a run that reads texts: none, every choice takes Machine.step."""

    def __missing__(self, key: str) -> None:
        return None


_NO_MOVES = _FullSteps()


# -- random play -----------------------------------------------------------------------------
@dataclass
class RandomReport:
    runs: int
    seed: int
    endings: Counter[str] = field(default_factory=Counter)
    steps_total: int = 0
    words_total: int = 0
    softlocks: list[tuple[int, str]] = field(
        default_factory=list
    )  # (run, node) of runs that got stuck
    cut_short: int = 0  # runs that hit MAX_STEPS
    # (run, choice key, message) of runs a routing loop stopped: the choice led into `next`
    # routes or interrupts that never settle in that state (check cannot see every such loop)
    loops: list[tuple[int, str, str]] = field(default_factory=list)
    nodes_seen: set[str] = field(default_factory=set)
    choices_taken: set[str] = field(default_factory=set)
    stats_at_ending: dict[str, list[tuple[int, ...]]] = field(
        default_factory=dict
    )  # ending -> list of stat tuples
    stats_at_chapter: dict[int, list[tuple[int, ...]]] = field(
        default_factory=dict
    )  # chapter number -> stat tuples
    unseen_nodes: list[str] = field(default_factory=list)
    untaken_choices: list[str] = field(default_factory=list)


class RunLog(Protocol):
    """Bookkeeping beside the report: the exhaustive search keeps the path of each run."""

    max_steps: int  # a run this long stops without an outcome

    def ended(self, path: list[tuple[str, str]], ending: str | None, stuck: str | None) -> bool:
        """A run reached `ending` or got stuck at node `stuck` (or neither: cut short)
        after `path`, its (node, choice) pairs. True stops random play."""
        ...


def random_play(
    story: Story,
    runs: int,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
    tally: Tally | None = None,
    player: Picker | None = None,
    log: RunLog | None = None,
) -> RandomReport:
    """Play `runs` random runs. Run i uses game seed seed*1_000_003 + i for chance().

    With a `tally`, the runs play on a copy of the story whose conditions count themselves,
    and reach, choice splits and gates are counted into it; with a `player`, that persona
    chooses instead of a uniform pick. Without either the loop is the plain fast one. With
    a `log` (the exhaustive search's witnesses), each run records its path and draws a
    number even at a single choice, so the runs are the ones the search has always taken."""
    runner = _Runner(story, RandomReport(runs, seed), tally, player, log)
    for run in range(runs):
        if progress:
            progress(run)
        if runner.play(run, seed * 1_000_003 + run):
            break
    return runner.finish()


class _Runner:
    """The runs of one random_play call, and what they share."""

    def __init__(
        self,
        story: Story,
        report: RandomReport,
        tally: Tally | None,
        player: Picker | None,
        log: RunLog | None,
    ):
        played = tally.instrument(story) if tally is not None else story
        self.machine = Machine(played)
        self.nodes = played.nodes
        self.places = self.machine.places
        self.story = story
        self.report, self.tally, self.player, self.log = report, tally, player, log
        self.pick = random.Random(report.seed)
        self.max_steps = MAX_STEPS if log is None else log.max_steps
        self.counts: defaultdict[str, int] = defaultdict(int)  # choice key -> times taken
        self.moves = inline_moves(story)
        self.guided = player is not None or log is not None
        self.taken = report.choices_taken
        self.path: list[tuple[str, str]] | None = None  # the run's (node, choice id), for a log

    def play(self, run: int, game_seed: int) -> bool:
        """One run, counted into the report. True when the log says to stop."""
        s = Scratch.start(self.story, game_seed)
        self.machine.enter(s, s.node)
        tally = self.tally
        reading = tally is not None and tally.reads_text(run)
        self.path = None if self.log is None else []
        words, ending, stuck, looped = self.walk(s, tally if reading else None)
        if looped:
            self.report.loops.append((run, s.via, looped))  # via: the choice that looped
        self.count(run, s, words, (ending, stuck, looped))
        if tally is not None:
            tally.end_run(s.visits, reading)
        return self.log is not None and self.log.ended(self.path or [], ending, stuck)

    def walk(self, s: Scratch, reader: Tally | None) -> tuple[int, str | None, str | None, str]:
        """Play on `s` until the run ends: (words read, ending, node stuck at, routing loop
        message); `reader` is the tally in a run that reads texts."""
        tally, machine, places, taken = self.tally, self.machine, self.places, self.taken
        at_chapter, counts, guided = self.report.stats_at_chapter, self.counts, self.guided
        getrandbits, visits, last = self.pick.getrandbits, s.visits, s.last
        moves = self.moves if reader is None else _NO_MOVES  # a reading run keeps `prior`
        words, chapters = 0, set()
        try:  # costs nothing until a routing loop raises
            for _ in range(self.max_steps):  # the hot loop: no calls it can do without
                place = places[s.node]
                if place.chapter not in chapters:  # stats as a chapter starts
                    chapters.add(place.chapter)
                    at_chapter.setdefault(place.chapter, []).append(tuple(s.stats))
                words += place.words
                options: Sequence[Choice] | None = place.fixed  # () at an ending
                if options is None:  # (when fixed, every choice is there: no condition to count)
                    options = tally.available(s, s.node) if tally else machine.available(s, place)
                if reader is not None:
                    reader.read(s, options)
                if not options:  # an ending (which has no choices), or stuck
                    break
                if guided:  # a persona's pick, or a logged run's
                    choice = self.guide(s, options)
                elif (n := len(options)) > 1:  # random.randrange(n), without its two calls
                    k = n.bit_length()
                    i = getrandbits(k)
                    while i >= n:
                        i = getrandbits(k)
                    choice = options[i]
                else:
                    choice = options[0]
                key = choice.key
                taken.add(key)
                if tally is not None:  # a defaultdict: a Counter's += costs twice as much
                    counts[key] += 1
                if (move := moves[key]) is None:
                    machine.step(s, choice)
                    continue
                shifts, set_bits, keep, target, checks, once = move  # Machine.step, inline
                s.via, s.turn = key, s.turn + 1
                if once:
                    s.used = s.used | {key}
                stats = s.stats
                for i, amount, lo, hi in shifts:
                    v = stats[i] + amount
                    stats[i] = lo if v < lo else hi if v > hi else v
                if keep is not None:
                    s.flags = (s.flags & keep) | set_bits
                if checks is not None and checks(s):  # an interrupt: the machine takes over
                    machine.enter(s, machine.interrupt(s, s.node) or target)
                    continue
                visits[target] = visits[target] + 1 if target in visits else 1
                last[target] = s.turn
                s.node = target
            else:
                return words, None, None, ""  # cut short
        except RoutingLoop as loop:
            return words, None, None, str(loop)
        return words, place.ending, None if place.ending else s.node, ""

    def guide(self, s: Scratch, options: Sequence[Choice]) -> Choice:
        """The choice of a persona, or of a logged run (which draws even at one choice, so
        the runs are the ones the search has always taken; randrange draws as `walk`)."""
        if self.player is not None:
            choice = self.player.pick(s, options, self.pick)
            self.player.taken[choice.key] += 1
        else:
            choice = options[self.pick.randrange(len(options))]
        if self.path is not None:
            self.path.append((s.node, choice.id))
        return choice

    def count(
        self, run: int, s: Scratch, words: int, outcome: tuple[str | None, str | None, str]
    ) -> None:
        """What one run adds to the report: its outcome (ending, node stuck at, routing loop
        message), length, words and reach."""
        report = self.report
        ending, stuck, looped = outcome
        if ending is not None:
            report.endings[ending] += 1
            report.stats_at_ending.setdefault(ending, []).append(tuple(s.stats))
        elif stuck is not None:
            report.softlocks.append((run, stuck))
        elif not looped:
            report.cut_short += 1
        report.steps_total += s.turn
        report.words_total += words
        report.nodes_seen.update(s.visits)

    def finish(self) -> RandomReport:
        if self.tally is not None:
            self.tally.taken.update(self.counts)
            self.tally.finish()
        report = self.report
        report.unseen_nodes = [n for n in self.nodes if n not in report.nodes_seen]
        taken = report.choices_taken  # every choice key, in story order, less those taken:
        report.untaken_choices = [key for key in self.machine.by_key if key not in taken]
        return report


def inline_moves(story: Story) -> dict[str, Move | None]:
    """Choice key -> the move random play makes in place of `Machine.step`, or None where
    it takes the step. Built once per story (kept in `Story.derived`).

    A move is a choice whose effects are constant (a plan) into a node where the story
    rests, from a node no interrupt leads to, in a story whose interrupts read no visits of
    that target, no turn and no chance(). Its step is the plan and the entering; `prior`
    and `trail` are left as they were (only texts read them, and a run that reads texts
    takes the full step), and no interrupt is checked unless the plan writes what one
    reads: where the story rested every interrupt's condition was false (one would have
    fired: none leads there), effects that leave what they read alone keep them false, and
    entering changes only visits."""
    built = story.derived.get("random")
    if isinstance(built, dict):
        return built
    plans = tables(story).plans
    starts, enters, writes_read, checks = _interrupt_reads(story)
    moves: dict[str, Move | None] = {}
    for nid, node in story.nodes.items():
        for c in node.choices:
            plan = plans[c.key]
            if plan is None or not plan[4] or nid in starts or c.goto in enters:
                moves[c.key] = None
                continue
            shifts, set_bits, keep, shifted, _ = plan
            flagged = keep != -1 or set_bits
            check = checks if writes_read(shifted, set_bits, keep) else None
            moves[c.key] = (shifts, set_bits, keep if flagged else None, c.goto, check, c.once)
    story.derived["random"] = moves
    return moves


def _interrupt_reads(story: Story) -> tuple[Container[str], Container[str], WritesRead, Test]:
    """What the story's interrupts ask of a move: the nodes no move may start from (those an
    interrupt leads to), those none may enter (those one reads the visits of; every node,
    for both, when one reads turns or chance), whether a plan writes what one reads, and
    the one test of them all."""
    interrupts = story.interrupts
    starts: Container[str] = {i.goto for i in interrupts}
    enters: Container[str] = set().union(*(i.cond.visits for i in interrupts))
    if any(i.cond.uses_turns or i.cond.uses_chance for i in interrupts):
        starts = enters = story.nodes
    read = set().union(*(i.cond.reads for i in interrupts))
    stat_read = {n for n, d in enumerate(story.stats) if d.name in read}
    flag_read = sum(1 << n for n, d in enumerate(story.flags) if f"flags.{d.name}" in read)

    def writes_read(shifted: Collection[int], set_bits: int, keep: int) -> bool:
        return bool(stat_read.intersection(shifted) or flag_read & (set_bits | ~keep))

    return starts, enters, writes_read, _any_of(tuple(i.cond.fn for i in interrupts))


def _any_of(tests: tuple[Test, ...]) -> Test:
    """One test that holds when any of `tests` does (the test itself when it is alone)."""
    if len(tests) == 1:
        return tests[0]
    return lambda s: any(test(s) for test in tests)
