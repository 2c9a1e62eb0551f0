"""Random play-testing: N runs choosing among the available choices, and what players would
meet: ending shares, coverage, lengths, softlocks, the stats at each ending and chapter.

Runs pick uniformly (`explore --random N`), or as a persona picks (players.py), and may
count conditions and reach into a Tally (playtest.py). The exhaustive search, which proves
what no run can reach, is the package analysis/search; its random witnesses are runs of
random_play with a RunLog.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from riotgame.engine.analysis import walks
from riotgame.engine.analysis.menus import Entry, random_tables
from riotgame.engine.analysis.players import Picker
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import Scratch
from riotgame.engine.story.model import Story

MAX_STEPS = 5_000  # a random run longer than this is cut and reported as a loop


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
        self.story, self.report, self.tally = story, report, tally
        self.player, self.log = player, log
        self.pick = random.Random(report.seed)
        self.tables = random_tables(story)
        self.walker = walks.Walker(
            Machine(played),
            self.tables,
            report.stats_at_chapter,
            report.choices_taken,
            self.pick,
            MAX_STEPS if log is None else log.max_steps,
        )
        self.path: list[tuple[str, str]] | None = None  # the run's (node, choice id), for a log

    def play(self, run: int, game_seed: int) -> bool:
        """One run, counted into the report. True when the log says to stop."""
        s = Scratch.start(self.story, game_seed)
        self.walker.machine.enter(s, s.node)
        tally = self.tally
        reading = tally is not None and tally.reads_text(run)
        self.path = None if self.log is None else []
        words, stopped, looped = self.walk(s, tally if reading else None)
        if looped:
            self.report.loops.append((run, s.via, looped))  # via: the choice that looped
        ending = self.walker.machine.places[stopped].ending if stopped is not None else None
        stuck = stopped if stopped is not None and ending is None else None
        self.count(run, s, words, (ending, stuck, looped))
        if tally is not None:
            tally.end_run(s.visits, reading)
        return self.log is not None and self.log.ended(self.path or [], ending, stuck)

    def walk(self, s: Scratch, reader: Tally | None) -> walks.Outcome:
        """The walk for this kind of run (walks.py)."""
        if self.player is not None or self.log is not None:
            return walks.guided(self.walker, s, self.guide, reader, self.tally is not None)
        if reader is not None:
            return walks.reading(self.walker, s, reader)
        if self.tally is not None:
            return walks.counted(self.walker, s)
        return walks.plain(self.walker, s)

    def guide(self, s: Scratch, options: Sequence[Entry]) -> int:
        """The index of the choice of a persona, or of a logged run (which draws even at
        one choice, so the runs are the ones the search has always taken)."""
        if self.player is not None:
            choices = [entry[1] for entry in options]
            choice = self.player.pick(s, choices, self.pick)
            self.player.taken[choice.key] += 1
            i = next(j for j, c in enumerate(choices) if c is choice)
        else:
            i = self.pick.randrange(len(options))
        if self.path is not None:
            self.path.append((s.node, options[i][1].id))
        return i

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
        report = self.report
        if self.tally is not None:
            report.choices_taken.update(self.tables.count_into(self.walker.counts, self.tally))
            self.tally.finish()
        report.unseen_nodes = [n for n in self.story.nodes if n not in report.nodes_seen]
        taken = report.choices_taken  # every choice key, in story order, less those taken:
        by_key = self.walker.machine.by_key
        report.untaken_choices = [key for key in by_key if key not in taken]
        return report
