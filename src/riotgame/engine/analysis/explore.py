"""Automated play-testing: random playthroughs and an exhaustive search of distinct states.

Random play (`--random N`) plays N runs choosing uniformly among the available choices and
reports what players would meet: ending shares, coverage, lengths, stats at each ending.

The exhaustive search (`--exhaustive`) is a breadth-first search over *distinct* states. Two
states count as the same when nothing the story can still test tells them apart: the same
node, and the same values of the variables that are *live* at that node, meaning read by
some condition or effect in a node reachable from it (interrupts are read everywhere). A
variable no future condition reads cannot change which choices appear, where routing goes
or which ending is reached, so merging states that differ only there loses nothing. See
docs/exploration.md for the full argument and its limits.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

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
    endings: Counter = field(default_factory=Counter)
    steps_total: int = 0
    words_total: int = 0
    softlocks: list = field(default_factory=list)  # (run, node) of runs that got stuck
    cut_short: int = 0  # runs that hit MAX_STEPS
    nodes_seen: set = field(default_factory=set)
    choices_taken: set = field(default_factory=set)
    stats_at_ending: dict = field(default_factory=dict)  # ending -> list of stat tuples
    stats_at_chapter: dict = field(default_factory=dict)  # chapter number -> stat tuples
    unseen_nodes: list = field(default_factory=list)
    untaken_choices: list = field(default_factory=list)


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
    progress=None,
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
    played = tally.instrument(story) if tally is not None else story
    machine = Machine(played)
    nodes = played.nodes
    pick = random.Random(seed)
    report = RandomReport(runs, seed)
    initial = [d.initial for d in story.stats]
    max_steps = MAX_STEPS if log is None else log.max_steps
    for run in range(runs):
        if progress:
            progress(run)
        s = Scratch(story.start, list(initial), 0, {}, {}, set(), 0, seed * 1_000_003 + run)
        machine.enter(s, story.start)
        words = 0
        chapters_entered: set = set()
        reading = tally is not None and tally.reads_text(run)
        path: list | None = None if log is None else []
        ending = stuck = None
        for _ in range(max_steps):
            node = nodes[s.node]
            note_chapter_entry(report, node, s, chapters_entered)
            words += node.text.words
            if reading:
                tally.read_text(s)
            if node.ending:
                ending = node.ending
                report.endings[ending] += 1
                report.stats_at_ending.setdefault(ending, []).append(tuple(s.stats))
                break
            options = machine.available(s, node) if tally is None else tally.available(s, s.node)
            if reading:
                tally.read_choices(s, options)
            if not options:
                stuck = s.node
                report.softlocks.append((run, stuck))
                break
            if player is not None:
                choice = player.pick(s, options, pick)
                player.taken[choice.key] += 1
            elif len(options) > 1 or path is not None:
                choice = options[pick.randrange(len(options))]
            else:
                choice = options[0]
            report.choices_taken.add(choice.key)
            if path is not None:
                path.append((s.node, choice.id))
            if tally is not None:
                tally.taken[choice.key] += 1
            machine.step(s, choice)
        else:
            report.cut_short += 1
        report.steps_total += s.turn
        report.words_total += words
        report.nodes_seen.update(s.visits)
        if tally is not None:
            tally.end_run(s.visits, reading)
        if log is not None and log.ended(path or [], ending, stuck):
            break
    if tally is not None:
        tally.finish()
    report.unseen_nodes = [n for n in nodes if n not in report.nodes_seen]
    report.untaken_choices = [
        c.key for n in nodes.values() for c in n.choices if c.key not in report.choices_taken
    ]
    return report


# -- stats at chapter boundaries (for balancing thresholds) --------------------------------------
def note_chapter_entry(report: RandomReport, node, s, entered: set) -> None:
    """Record the stats when a run first rests in a node of a chapter it has not been in."""
    number = node.chapter.number
    if number not in entered:
        entered.add(number)
        report.stats_at_chapter.setdefault(number, []).append(tuple(s.stats))
