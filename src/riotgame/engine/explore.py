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
from collections import Counter, deque
from dataclasses import dataclass, field

from riotgame.engine.machine import Machine
from riotgame.engine.model import Story
from riotgame.engine.state import GameState, Scratch

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
    unseen_nodes: list = field(default_factory=list)
    untaken_choices: list = field(default_factory=list)


def random_play(story: Story, runs: int, seed: int = 1, progress=None) -> RandomReport:
    """Play `runs` random runs. Run i uses game seed seed*1_000_003 + i for chance()."""
    machine = Machine(story)
    nodes = story.nodes
    pick = random.Random(seed)
    report = RandomReport(runs, seed)
    initial = [d.initial for d in story.stats]
    for run in range(runs):
        if progress:
            progress(run)
        s = Scratch(story.start, list(initial), 0, {}, {}, set(), 0, seed * 1_000_003 + run)
        machine.enter(s, story.start)
        words = 0
        for _ in range(MAX_STEPS):
            node = nodes[s.node]
            words += node.text.words
            if node.ending:
                report.endings[node.ending] += 1
                report.stats_at_ending.setdefault(node.ending, []).append(tuple(s.stats))
                break
            options = machine.available(s, node)
            if not options:
                report.softlocks.append((run, s.node))
                break
            choice = options[pick.randrange(len(options))] if len(options) > 1 else options[0]
            report.choices_taken.add(choice.key)
            machine.step(s, choice)
        else:
            report.cut_short += 1
        report.steps_total += s.turn
        report.words_total += words
        report.nodes_seen.update(s.visits)
    report.unseen_nodes = [n for n in nodes if n not in report.nodes_seen]
    report.untaken_choices = [c.key for n in nodes.values() for c in n.choices
                              if c.key not in report.choices_taken]
    return report


# -- exhaustive search -----------------------------------------------------------------------
@dataclass
class ExhaustiveReport:
    states: int
    complete: bool  # False when --max-states cut the search short
    ending_paths: dict  # ending id -> shortest list of (node, choice)
    softlocks: list  # (node, path) of states with no available choice
    unreached_nodes: list
    untaken_choices: list
    unreachable_endings: list  # declared in story.yaml, never reached
    loops: list = field(default_factory=list)  # (node, message) routing that never settled
    notes: list = field(default_factory=list)


def live_variables(story: Story) -> dict[str, frozenset]:
    """For each node, the variables some condition or effect may still read from there on."""
    global_reads = set()
    for intr in story.interrupts:
        global_reads |= intr.cond.reads | {f"@{v}" for v in intr.cond.visits}
    local: dict[str, set] = {}
    for nid, node in story.nodes.items():
        reads = set(global_reads)
        compiled = list(node.on_enter)
        compiled += [r.cond for r in node.next if r.cond]
        for c in node.choices:
            compiled += [x for x in (c.cond, c.disabled) if x] + list(c.effects)
            if c.once:
                reads.add(f"#{c.key}")
        for x in compiled:
            reads |= x.reads | {f"@{v}" for v in x.visits}
        local[nid] = reads
    succ = {nid: [g for g, _ in node.targets() if g in story.nodes] +
            [i.goto for i in story.interrupts if i.goto in story.nodes]
            for nid, node in story.nodes.items()}
    live = {nid: set(r) for nid, r in local.items()}
    changed = True
    while changed:  # a fixed point: small stories settle in a few passes
        changed = False
        for nid in story.nodes:
            mine = live[nid]
            before = len(mine)
            for s in succ[nid]:
                mine |= live[s]
            if len(mine) != before:
                changed = True
    return {nid: frozenset(v) for nid, v in live.items()}


class _Keyer:
    """Builds the key under which states count as the same (see the module docstring)."""

    def __init__(self, story: Story):
        self.live = live_variables(story)
        stat_names = [d.name for d in story.stats]
        flag_names = [d.name for d in story.flags]
        self.uses_chance = any(
            x.uses_chance for node in story.nodes.values()
            for x in [*node.on_enter, *(r.cond for r in node.next if r.cond),
                      *(y for c in node.choices for y in (c.cond, c.disabled, *c.effects) if y)]
        ) or any(i.cond.uses_chance for i in story.interrupts)
        self.cache: dict[str, tuple] = {}
        for nid, live in self.live.items():
            stats = tuple(i for i, n in enumerate(stat_names) if n in live)
            mask = sum(1 << i for i, n in enumerate(flag_names) if f"flags.{n}" in live)
            visits = tuple(sorted(v[1:] for v in live if v.startswith("@")))
            once = frozenset(v[1:] for v in live if v.startswith("#"))
            self.cache[nid] = (stats, mask, visits, once)
        self.turns = any(
            x.uses_turns for node in story.nodes.values()
            for x in [*node.on_enter, *(r.cond for r in node.next if r.cond),
                      *(y for c in node.choices for y in (c.cond, c.disabled, *c.effects) if y)]
        )

    def key(self, s: GameState):
        stats, mask, visits, once = self.cache[s.node]
        values = tuple(s.stats[i] for i in stats)
        seen = tuple(s.visits.get(v, 0) for v in visits)
        if self.turns:
            seen += tuple(s.turn - s.last[v] if v in s.last else -1 for v in visits)
        used = s.used & once if once else frozenset()
        turn = s.turn if self.uses_chance else 0
        return (s.node, values, s.flags & mask, seen, used, turn)


def exhaustive(story: Story, max_states: int = 2_000_000, seed: int = 1,
               progress=None) -> ExhaustiveReport:
    machine = Machine(story)
    keyer = _Keyer(story)
    first, _ = machine.start(seed)
    start_key = keyer.key(first)
    parent: dict = {start_key: None}  # key -> (parent key, node, choice id)
    queue = deque([(first, start_key)])
    nodes_seen, choices_taken = set(first.visits), set()
    ending_keys: dict[str, tuple] = {}
    softlocks, loops = [], []
    complete = True
    while queue:
        state, key = queue.popleft()
        node = story.nodes[state.node]
        if node.ending:
            ending_keys.setdefault(node.ending, key)
            continue
        options = machine.available(state, node)
        if not options:
            softlocks.append(key)
            continue
        for choice in options:
            choices_taken.add(choice.key)
            s = state.thaw()
            try:
                machine.step(s, choice)
            except Exception as exc:  # a routing loop: report it, keep searching
                loops.append((state.node, choice.id, str(exc)))
                continue
            new = s.freeze()
            new_key = keyer.key(new)
            if new_key in parent:
                continue
            parent[new_key] = (key, state.node, choice.id)
            nodes_seen.update(new.visits)
            if len(parent) >= max_states:
                complete = False
                queue.clear()
                break
            queue.append((new, new_key))
        if progress and len(parent) % 4096 == 0:
            progress(len(parent))

    def path(k):
        out = []
        while parent[k] is not None:
            k, nid, cid = parent[k]
            out.append((nid, cid))
        return out[::-1]

    notes = []
    if keyer.uses_chance:
        notes.append(f"chance() rolls follow seed {seed}: the search covers every choice, "
                     "not every roll of the dice")
    return ExhaustiveReport(
        states=len(parent),
        complete=complete,
        ending_paths={e: path(k) for e, k in ending_keys.items()},
        softlocks=[(k[0], path(k)) for k in softlocks],
        unreached_nodes=[n for n in story.nodes if n not in nodes_seen],
        untaken_choices=[c.key for n in story.nodes.values() for c in n.choices
                         if c.key not in choices_taken],
        unreachable_endings=[e.id for e in story.endings if e.id not in ending_keys],
        loops=loops,
        notes=notes,
    )


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
        lines.append(f"  (stuck)        {len(r.softlocks):>7,}  {_percent(len(r.softlocks), r.runs):>6}"
                     f"  e.g. at {r.softlocks[0][1]}")
    if r.cut_short:
        lines.append(f"  (endless)      {r.cut_short:>7,}  runs longer than {MAX_STEPS:,} steps")
    lines += ["", f"Average run: {r.steps_total / max(r.runs, 1):.1f} choices, "
                  f"{r.words_total / max(r.runs, 1):,.0f} words"]
    lines += ["", "Stats at each ending (min / mean / max):"]
    names = [d.name for d in story.stats]
    for ending, rows in r.stats_at_ending.items():
        cells = []
        for i, name in enumerate(names):
            column = [row[i] for row in rows]
            cells.append(f"{name} {min(column)}/{sum(column) / len(column):.0f}/{max(column)}")
        lines.append(f"  {ending}: " + ", ".join(cells))
    lines += ["", f"Nodes never reached: {len(r.unseen_nodes)}"]
    lines += [f"  {n}" for n in r.unseen_nodes[:50]]
    lines += [f"Choices never taken: {len(r.untaken_choices)}"]
    lines += [f"  {c}" for c in r.untaken_choices[:50]]
    return "\n".join(lines)


def exhaustive_text(story: Story, r: ExhaustiveReport) -> str:
    lines = [f"Exhaustive search: {r.states:,} distinct states"
             + ("" if r.complete else " (STOPPED at --max-states: the search is incomplete)")]
    lines += [f"note: {n}" for n in r.notes]
    lines += ["", "Endings reached, with the shortest path to each:"]
    for e in story.endings:
        if e.id in r.ending_paths:
            p = r.ending_paths[e.id]
            lines.append(f"  {e.id} in {len(p)} choices: " + " ".join(f"{n}/{c}" for n, c in p))
    if r.unreachable_endings:
        lines += ["", "Endings never reached" + ("" if r.complete else " (so far)") + ":"]
        lines += [f"  {e}" for e in r.unreachable_endings]
    lines += ["", f"Softlocks (no available choice, not an ending): {len(r.softlocks)}"]
    for node, p in r.softlocks[:20]:
        lines.append(f"  at {node} after: " + " ".join(f"{n}/{c}" for n, c in p))
    for node, cid, message in r.loops[:20]:
        lines.append(f"  routing loop after {node}/{cid}: {message}")
    lines += ["", f"Nodes unreachable under the real conditions: {len(r.unreached_nodes)}"]
    lines += [f"  {n}" for n in r.unreached_nodes[:50]]
    lines += [f"Choices never available: {len(r.untaken_choices)}"]
    lines += [f"  {c}" for c in r.untaken_choices[:50]]
    return "\n".join(lines)


def run_cli(story: Story, args) -> int:
    import json

    if args.random is not None:
        progress = Progress(args.random, "runs")
        report = random_play(story, args.random, args.seed, progress)
        progress.close()
        if args.format == "json":
            print(json.dumps({
                "runs": report.runs, "seed": report.seed,
                "endings": {e.id: report.endings.get(e.id, 0) for e in story.endings},
                "softlocks": report.softlocks, "cut_short": report.cut_short,
                "average_steps": report.steps_total / max(report.runs, 1),
                "average_words": report.words_total / max(report.runs, 1),
                "unseen_nodes": report.unseen_nodes, "untaken_choices": report.untaken_choices,
            }, indent=2))
        else:
            print(random_text(story, report))
        return 1 if report.softlocks else 0
    progress = Progress(None, "states")
    report = exhaustive(story, args.max_states, args.seed, progress)
    progress.close()
    if args.format == "json":
        print(json.dumps({
            "states": report.states, "complete": report.complete,
            "ending_paths": {e: [f"{n}/{c}" for n, c in p] for e, p in report.ending_paths.items()},
            "softlocks": [{"node": n, "path": [f"{a}/{b}" for a, b in p]}
                          for n, p in report.softlocks],
            "unreachable_endings": report.unreachable_endings,
            "unreached_nodes": report.unreached_nodes, "untaken_choices": report.untaken_choices,
            "notes": report.notes,
        }, indent=2))
    else:
        print(exhaustive_text(story, report))
    failed = report.softlocks or report.loops or report.unreachable_endings
    return 1 if failed else 0
