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
from bisect import bisect_right
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field

from riotgame.engine.machine import Machine, RoutingLoop
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
    stats_at_chapter: dict = field(default_factory=dict)  # chapter number -> stat tuples
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
        chapters_entered: set = set()
        for _ in range(MAX_STEPS):
            node = nodes[s.node]
            note_chapter_entry(report, node, s, chapters_entered)
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


def _control(story: Story):
    """Every compiled expression that can change where the story goes (not text)."""
    for intr in story.interrupts:
        yield intr.cond
    for node in story.nodes.values():
        yield from node.on_enter
        yield from (r.cond for r in node.next if r.cond)
        for c in node.choices:
            yield from (x for x in (c.cond, c.disabled) if x)
            yield from c.effects


def _ops(compiled_list, stat: str) -> list:
    """What a sequence of expressions does to one stat, in order: ("test", split point),
    ("add", n) or ("set", n). A test `stat >= t` splits the values at t: below / at or
    above."""
    shift = {">=": 0, "<": 0, ">": 1, "<=": 1}
    out = []
    for c in compiled_list:
        out += [("test", t + shift[op]) for name, op, t in c.tests if name == stat]
        if c.step and c.writes == stat:
            out.append(c.step)
    return out


def _back(ops: list, after: set, lo: int, hi: int) -> set:
    """The split points that matter before `ops`, given those that matter after them.

    A path of `+= n` / `= n` effects maps a value v to a clamped v + d, a non-decreasing
    function, so a later test `value >= t` is the test `v >= t - d` now (or constant)."""
    points = set(after)
    for op in reversed(ops):
        kind, n = op
        if kind == "test":
            points.add(n)
        elif kind == "add":
            points = {p - n for p in points}
        else:  # "set": the earlier value no longer matters
            points = set()
        points = {p for p in points if lo < p <= hi}  # outside the range: a constant test
    return points


def stat_splits(story: Story) -> dict[str, dict[str, tuple] | None]:
    """For each stat, the split points that matter at each resting node: two values with no
    split point between them behave the same from that node on. None for a stat used in
    ways this cannot follow (arithmetic, ==, another stat): it is kept exact."""
    opaque = set()
    for c in _control(story):
        opaque |= c.opaque
    nodes = story.nodes
    intr_conds = [i.cond for i in story.interrupts]
    out: dict = {}
    for d in story.stats:
        if d.name in opaque:
            out[d.name] = None
            continue
        lo, hi = d.min, d.max
        intr_ops = _ops(intr_conds, d.name)
        rest = {nid: set() for nid in nodes}
        enter = {nid: set() for nid in nodes}
        changed = True
        while changed:
            changed = False
            for nid, node in nodes.items():
                fired = set().union(*(enter[i.goto] for i in story.interrupts if i.goto in nodes))
                if node.next:
                    tail = _back(_ops([r.cond for r in node.next if r.cond], d.name),
                                 set().union(*(enter[r.goto] for r in node.next if r.goto in nodes)),
                                 lo, hi)
                else:
                    tail = rest[nid]
                new_enter = _back(node.on_enter and _ops(node.on_enter, d.name) or [],
                                  _back(intr_ops, tail | fired, lo, hi), lo, hi)
                new_rest = set(rest[nid])
                for c in node.choices:
                    new_rest |= _back(_ops([x for x in (c.cond, c.disabled) if x], d.name),
                                      set(), lo, hi)
                    after = _back(intr_ops, fired | (enter[c.goto] if c.goto in nodes else set()),
                                  lo, hi)
                    new_rest |= _back(_ops(c.effects, d.name), after, lo, hi)
                if new_enter != enter[nid] or new_rest != rest[nid]:
                    enter[nid], rest[nid] = enter[nid] | new_enter, new_rest
                    changed = True
        out[d.name] = {nid: tuple(sorted(points)) for nid, points in rest.items()}
    return out


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
        splits = stat_splits(story)
        self.tables: dict[str, tuple] = {}  # node -> per stat: value -> region, or None
        for nid in story.nodes:
            per_stat = []
            for d in story.stats:
                if splits[d.name] is None:
                    per_stat.append(None)
                else:
                    points = splits[d.name][nid]
                    per_stat.append(tuple(bisect_right(points, v) for v in range(d.min, d.max + 1)))
            self.tables[nid] = tuple(per_stat)
        self.mins = tuple(d.min for d in story.stats)
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
        tables, mins = self.tables[s.node], self.mins
        values = tuple(s.stats[i] if tables[i] is None else tables[i][s.stats[i] - mins[i]]
                       for i in stats)
        seen = tuple(s.visits.get(v, 0) for v in visits)
        if self.turns:
            seen += tuple(s.turn - s.last[v] if v in s.last else -1 for v in visits)
        used = s.used & once if once else frozenset()
        return (s.node, values, s.flags & mask, seen, used)


class _Forking(Scratch):
    """A scratch state whose chance() rolls follow a script instead of the seed, so the
    search can take every outcome: a roll not yet scripted comes out false, and the
    caller then tries the same step again with that roll true."""

    __slots__ = ("script", "at")

    def chance(self, site: int, percent: int) -> bool:
        if percent <= 0:
            return False
        if percent >= 100:
            return True
        if self.at == len(self.script):
            self.script.append(False)
        self.at += 1
        return self.script[self.at - 1]


def _forking(state: GameState, script: list) -> _Forking:
    s = _Forking(state.node, list(state.stats), state.flags, dict(state.visits),
                 dict(state.last), set(state.used), state.turn, state.seed)
    s.script, s.at = list(script), 0
    return s


def _every_roll(run):
    """Call run(script) for every combination of chance() outcomes it meets."""
    pending = [[]]
    while pending:
        script = pending.pop()
        s = run(script)
        pending.extend(s.script[:i] + [True] for i in range(len(script), len(s.script)))
        yield s


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

    def options_of(state, node):
        """The choices available in some outcome of the rolls their conditions make."""
        found = {}
        for s in _every_roll(lambda script: _forking(state, script)):
            for c in machine.available(s, node):
                found.setdefault(c.key, c)
        return list(found.values())

    def outcomes(state, choice):
        def run(script):
            s = _forking(state, script)
            machine.step(s, choice)
            return s
        for s in _every_roll(run):
            yield s.freeze()

    while queue and complete:
        state, key = queue.popleft()
        node = story.nodes[state.node]
        if node.ending:
            ending_keys.setdefault(node.ending, key)
            continue
        options = options_of(state, node) if keyer.uses_chance else machine.available(state, node)
        if not options:
            softlocks.append(key)
            continue
        for choice in options:
            choices_taken.add(choice.key)
            try:
                results = list(outcomes(state, choice))
            except RoutingLoop as exc:  # report it, keep searching
                loops.append((state.node, choice.id, str(exc)))
                continue
            for new in results:
                new_key = keyer.key(new)
                if new_key in parent:
                    continue
                parent[new_key] = (key, state.node, choice.id)
                nodes_seen.update(new.visits)
                queue.append((new, new_key))
            if len(parent) >= max_states:
                complete = False
                break
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
        notes.append("chance() rolls are searched both ways: every outcome of every roll")
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
    lines = [f"Stats on entering each chapter ({BINS} bins from min to max; 10th percentile, "
             "median, 90th percentile; runs that got there):"]
    for i, d in enumerate(story.stats):
        lines.append(f"  {d.name} ({d.min} to {d.max})")
        for number, rows in sorted(r.stats_at_chapter.items()):
            values = sorted(row[i] for row in rows)
            p10, p50, p90 = (values[min(len(values) - 1, len(values) * q // 10)]
                             for q in (1, 5, 9))
            lines.append(f"    chapter {number:<3} |{histogram(values, d.min, d.max)}|  "
                         f"{p10:>4} {p50:>4} {p90:>4}  {len(values):>7,} runs")
    return lines


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
                "stats_at_chapter": {n: dict(zip([d.name for d in story.stats], zip(*rows)))
                                     for n, rows in sorted(report.stats_at_chapter.items())},
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
