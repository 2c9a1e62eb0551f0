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
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from riotgame.engine.analysis.players import Picker
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import Scratch
from riotgame.engine.story.model import Story

if TYPE_CHECKING:  # the search builds on random_play: imported where it is used
    from riotgame.engine.analysis.search import ExhaustiveReport

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


# -- command line ----------------------------------------------------------------------------
class Progress:
    """A progress bar on stderr, shown only once a run has taken more than a second."""

    def __init__(self, total: int | None, what: str):
        self.total, self.what = total, what
        self.started = time.monotonic()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        if not self.enabled or (done & 255):
            return
        if time.monotonic() - self.started < 1:
            return
        self.shown = True
        if self.total:
            filled = int(30 * done / self.total)
            bar = "#" * filled + "." * (30 - filled)
            sys.stderr.write(f"\r[{bar}] {done:,}/{self.total:,} {self.what}")
        else:
            sys.stderr.write(f"\r{done:,} {self.what}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "-"


def random_text(story: Story, r: RandomReport) -> str:
    lines = [f"{r.runs:,} random runs (seed {r.seed})", "", "Endings:"]
    titles = {e.id: e.title for e in story.endings}
    for e in story.endings:
        n = r.endings.get(e.id, 0)
        lines.append(f"  {e.id:<14} {n:>7,}  {_percent(n, r.runs):>6}  {titles[e.id]}")
    if r.softlocks:
        lines.append(
            f"  (stuck)        {len(r.softlocks):>7,}  {_percent(len(r.softlocks), r.runs):>6}"
            f"  e.g. at {r.softlocks[0][1]}"
        )
    if r.cut_short:
        lines.append(f"  (endless)      {r.cut_short:>7,}  runs longer than {MAX_STEPS:,} steps")
    lines += [
        "",
        f"Average run: {r.steps_total / max(r.runs, 1):.1f} choices, "
        f"{r.words_total / max(r.runs, 1):,.0f} words",
    ]
    lines += ["", "Stats at each ending (min / mean / max):"]
    names = [d.name for d in story.stats]
    for ending, rows in r.stats_at_ending.items():
        cells = []
        for i, name in enumerate(names):
            column = [row[i] for row in rows]
            cells.append(f"{name} {min(column)}/{sum(column) / len(column):.0f}/{max(column)}")
        lines.append(f"  {ending}: " + ", ".join(cells))
    lines += ["", *chapter_histograms(story, r)]
    lines += ["", f"Nodes never reached: {len(r.unseen_nodes)}"]
    lines += [f"  {n}" for n in r.unseen_nodes[:50]]
    lines += [f"Choices never taken: {len(r.untaken_choices)}"]
    lines += [f"  {c}" for c in r.untaken_choices[:50]]
    return "\n".join(lines)


# -- stats at chapter boundaries (for balancing thresholds) --------------------------------------
BARS = " ▁▂▃▄▅▆▇█"
BINS = 10


def note_chapter_entry(report: RandomReport, node, s, entered: set) -> None:
    """Record the stats when a run first rests in a node of a chapter it has not been in."""
    number = node.chapter.number
    if number not in entered:
        entered.add(number)
        report.stats_at_chapter.setdefault(number, []).append(tuple(s.stats))


def histogram(values: list[int], lo: int, hi: int) -> str:
    """One line of BINS bars over lo..hi; every bin that holds a run shows at least ▁."""
    counts = [0] * BINS
    for v in values:
        counts[min((v - lo) * BINS // (hi - lo + 1), BINS - 1)] += 1
    top = max(counts)
    return "".join(BARS[-(-c * (len(BARS) - 1) // top)] if c else "·" for c in counts)


def chapter_histograms(story: Story, r: RandomReport) -> list[str]:
    """For each stat, its spread when runs enter each chapter: an author can see where a
    threshold such as `suspicion >= 60` would fall."""
    lines = [
        f"Stats on entering each chapter ({BINS} bins from min to max; 10th percentile, "
        "median, 90th percentile; runs that got there):"
    ]
    for i, d in enumerate(story.stats):
        lines.append(f"  {d.name} ({d.min} to {d.max})")
        for number, rows in sorted(r.stats_at_chapter.items()):
            values = sorted(row[i] for row in rows)
            p10, p50, p90 = (values[min(len(values) - 1, len(values) * q // 10)] for q in (1, 5, 9))
            lines.append(
                f"    chapter {number:<3} |{histogram(values, d.min, d.max)}|  "
                f"{p10:>4} {p50:>4} {p90:>4}  {len(values):>7,} runs"
            )
    return lines


def _path(p) -> str:
    return " ".join(f"{n}/{c}" for n, c in p)


def exhaustive_text(story: Story, r: ExhaustiveReport) -> str:
    lines = [
        f"Exhaustive search: {r.states:,} groups of states"
        + ("" if r.complete else " (STOPPED at --max-states: the search is incomplete)")
    ]
    lines += [f"note: {n}" for n in r.notes]
    lines += ["", "Endings, with the shortest path found to each:"]
    for e in story.endings:
        if e.id in r.ending_paths:
            p = r.ending_paths[e.id]
            lines.append(f"  {e.id} in {len(p)} choices: {_path(p)}")
    if r.unconfirmed:
        lines += [
            "",
            "Endings the search could not rule out but found no path to "
            "(raise --max-states or check their conditions):",
        ]
        lines += [f"  {e}" for e in r.unconfirmed]
    if r.unreachable_endings:
        lines += ["", "Endings no player can reach" + ("" if r.complete else " (so far)") + ":"]
        lines += [f"  {e}" for e in r.unreachable_endings]
    lines += ["", f"Softlocks (no available choice, not an ending): {len(r.softlocks)}"]
    for node, p in r.softlocks[:20]:
        lines.append(f"  at {node} after: {_path(p)}")
    for node in r.possible_softlocks:
        lines.append(f"  possibly at {node} (not confirmed by a real path)")
    for node, cid, message in r.loops[:20]:
        lines.append(f"  routing loop after {node}/{cid}: {message}")
    if r.complete:
        lines += ["", f"Nodes no player can reach: {len(r.unreached_nodes)}"]
        lines += [f"  {n}" for n in r.unreached_nodes[:50]]
        lines += [f"Choices no player can take: {len(r.untaken_choices)}"]
        lines += [f"  {c}" for c in r.untaken_choices[:50]]
    return "\n".join(lines)


def run_cli(story: Story, args) -> int:
    import json

    if args.random is not None:
        progress = Progress(args.random, "runs")
        report = random_play(story, args.random, args.seed, progress)
        progress.close()
        if args.format == "json":
            print(
                json.dumps(
                    {
                        "runs": report.runs,
                        "seed": report.seed,
                        "endings": {e.id: report.endings.get(e.id, 0) for e in story.endings},
                        "softlocks": report.softlocks,
                        "cut_short": report.cut_short,
                        "average_steps": report.steps_total / max(report.runs, 1),
                        "average_words": report.words_total / max(report.runs, 1),
                        "unseen_nodes": report.unseen_nodes,
                        "untaken_choices": report.untaken_choices,
                        "stats_at_chapter": {
                            n: dict(
                                zip(
                                    [d.name for d in story.stats],
                                    zip(*rows, strict=False),
                                    strict=False,
                                )
                            )
                            for n, rows in sorted(report.stats_at_chapter.items())
                        },
                    },
                    indent=2,
                )
            )
        else:
            print(random_text(story, report))
        return 1 if report.softlocks else 0
    from riotgame.engine.analysis.search import exhaustive

    progress = Progress(None, "groups")
    report = exhaustive(story, args.max_states, args.seed, progress)
    progress.close()
    if args.format == "json":
        print(
            json.dumps(
                {
                    "states": report.states,
                    "complete": report.complete,
                    "ending_paths": {
                        e: [f"{n}/{c}" for n, c in p] for e, p in report.ending_paths.items()
                    },
                    "softlocks": [
                        {"node": n, "path": [f"{a}/{b}" for a, b in p]} for n, p in report.softlocks
                    ],
                    "possible_softlocks": report.possible_softlocks,
                    "unreachable_endings": report.unreachable_endings,
                    "unconfirmed_endings": report.unconfirmed,
                    "unreached_nodes": report.unreached_nodes,
                    "untaken_choices": report.untaken_choices,
                    "notes": report.notes,
                },
                indent=2,
            )
        )
    else:
        print(exhaustive_text(story, report))
    failed = (
        report.softlocks
        or report.loops
        or report.unreachable_endings
        or report.unconfirmed
        or not report.complete
    )
    return 1 if failed else 0
