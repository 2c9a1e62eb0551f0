"""The exhaustive search: every ending, softlock and dead branch, with proof.

Enumerating concrete states (every stat value, every flag) explodes on a real story, so
the search works in two stages:

1. **Over-approximation.** States are grouped by an *abstract key*: the node, the live
   flags, the live visit counts and used once-choices. Each group keeps, per stat, an
   interval that contains the values of every state in it. Conditions are evaluated over
   intervals (intervals.py: "can be true", "can be false"), so the groups reach everything
   the real states can reach, and possibly more. Whatever the groups cannot reach, no
   player can: these are the "unreachable" results, and they are sound.
2. **Witnesses.** For each ending the groups can reach (and each group that might get
   stuck), we look for a real path: first the shortest of a few thousand random runs, then,
   for what they miss, a search over real states guided by the distance in the group
   graph. Real states count as the same when they agree on the node, the live flags,
   visits and once-choices, and on which side of every threshold that can still matter
   each stat lies (stat_splits); see docs/exploration.md. An ending the groups reach but
   no witness confirms is reported as unconfirmed.

chance() rolls are taken both ways everywhere.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field

from riotgame.engine.analysis.intervals import FALSE, TRUE
from riotgame.engine.play.machine import MAX_HOPS, Machine, RoutingLoop
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.model import Story

WITNESS_BUDGET = 50_000  # real states one guided search may expand before giving up
WITNESS_RUNS = 3_000  # random runs that look for paths first


@dataclass
class ExhaustiveReport:
    states: int  # groups of states in the over-approximation
    complete: bool  # False when --max-states cut the search short
    ending_paths: dict  # ending id -> the shortest path found, as (node, choice) pairs
    softlocks: list  # (node, path) of real states with no available choice
    unreached_nodes: list  # no player can reach these
    untaken_choices: list  # no player can take these
    unreachable_endings: list  # declared, and no player can reach them
    unconfirmed: list = field(default_factory=list)  # endings the groups reach, no path found
    possible_softlocks: list = field(default_factory=list)  # nodes that might get stuck
    loops: list = field(default_factory=list)  # (node, choice, message)
    expanded: int = 0  # real states the guided searches expanded
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
    succ = {
        nid: [g for g, _ in node.targets() if g in story.nodes]
        + [i.goto for i in story.interrupts if i.goto in story.nodes]
        for nid, node in story.nodes.items()
    }
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
    ways this cannot follow (arithmetic, ==, another stat): it is kept exact.

    A backward fixed point over the graph with a work list: when the points at a node
    grow, only the nodes that lead to it are looked at again."""
    opaque = set()
    for c in _control(story):
        opaque |= c.opaque
    nodes = story.nodes
    targets = [i.goto for i in story.interrupts if i.goto in nodes]
    leads_to: dict[str, set] = {nid: set() for nid in nodes}
    for nid, node in nodes.items():
        for goto, _ in node.targets():
            if goto in nodes:
                leads_to[goto].add(nid)
    out: dict = {}
    for d in story.stats:
        if d.name in opaque:
            out[d.name] = None
            continue
        lo, hi = d.min, d.max
        intr_ops = _ops([i.cond for i in story.interrupts], d.name)
        plan = {  # what each node does to this stat, worked out once
            nid: (
                _ops(node.on_enter, d.name),
                _ops([r.cond for r in node.next if r.cond], d.name),
                [r.goto for r in node.next if r.goto in nodes],
                _back(
                    _ops([x for c in node.choices for x in (c.cond, c.disabled) if x], d.name),
                    set(),
                    lo,
                    hi,
                ),
                [(_ops(c.effects, d.name), c.goto) for c in node.choices if c.goto in nodes],
            )
            for nid, node in nodes.items()
        }
        rest = {nid: set() for nid in nodes}
        enter = {nid: set() for nid in nodes}
        todo, queued = deque(nodes), set(nodes)
        while todo:
            nid = todo.popleft()
            queued.discard(nid)
            on_enter, route_ops, routes, tests, choices = plan[nid]
            fired = set().union(*(enter[t] for t in targets))
            if routes:
                tail = _back(route_ops, set().union(*(enter[r] for r in routes)), lo, hi)
            else:
                tail = rest[nid]
            new_rest = set(tests)
            for effect_ops, goto in choices:
                after = _back(intr_ops, fired | enter[goto], lo, hi)
                new_rest |= _back(effect_ops, after, lo, hi)
            new_enter = _back(on_enter, _back(intr_ops, tail | fired, lo, hi), lo, hi)
            if new_enter <= enter[nid] and new_rest <= rest[nid]:
                continue
            rest[nid] |= new_rest
            if not new_enter <= enter[nid]:
                enter[nid] |= new_enter
                again = set(nodes) if nid in targets else leads_to[nid] | {nid}
            else:
                again = {nid}
            for other in again:
                if other not in queued:
                    todo.append(other)
                    queued.add(other)
        out[d.name] = {nid: tuple(sorted(points)) for nid, points in rest.items()}
    return out


def _visit_caps(story: Story) -> dict[str, int | None]:
    """For each "@node" whose visit count is only ever compared with numbers, the count
    above which all counts behave alike (one more than the largest number); None when a
    count is used any other way and must be kept exact."""
    caps: dict[str, int | None] = {}
    opaque = set()
    for c in _control(story):
        opaque |= {v for v in c.opaque if v.startswith("@")}
        for name, _, number in c.tests:
            if name.startswith("@"):
                caps[name] = max(caps.get(name) or 0, number + 1)
    for name in opaque:
        caps[name] = None
    return caps


def _counts(s, visits) -> tuple:
    return tuple(
        s.visits.get(v, 0) if cap is None else min(s.visits.get(v, 0), cap) for v, cap in visits
    )


class _Keyer:
    """Builds the key under which states count as the same (see the module docstring)."""

    def __init__(self, story: Story):
        self.live = live_variables(story)
        stat_names = [d.name for d in story.stats]
        flag_names = [d.name for d in story.flags]
        control = list(_control(story))
        self.uses_chance = any(x.uses_chance for x in control)
        self.cache: dict[str, tuple] = {}
        self.story = story
        self._tables: dict[str, tuple] | None = None
        self.mins = tuple(d.min for d in story.stats)
        caps = _visit_caps(story)
        for nid, live in self.live.items():
            stats = tuple(i for i, n in enumerate(stat_names) if n in live)
            mask = sum(1 << i for i, n in enumerate(flag_names) if f"flags.{n}" in live)
            visits = tuple((v[1:], caps.get(v)) for v in sorted(live) if v.startswith("@"))
            once = frozenset(v[1:] for v in live if v.startswith("#"))
            self.cache[nid] = (stats, mask, visits, once)
        self.turns = any(x.uses_turns for x in control)

    @property
    def tables(self) -> dict[str, tuple]:
        """Node -> per stat: value -> region (None: exact). Built on first use: only the
        searches over real states need it."""
        if self._tables is None:
            splits = stat_splits(self.story)
            self._tables = {
                nid: tuple(
                    None
                    if splits[d.name] is None
                    else tuple(
                        bisect_right(splits[d.name][nid], v) for v in range(d.min, d.max + 1)
                    )
                    for d in self.story.stats
                )
                for nid in self.story.nodes
            }
        return self._tables

    def key(self, s: GameState):
        stats, mask, visits, once = self.cache[s.node]
        tables, mins = self.tables[s.node], self.mins
        values = tuple(
            s.stats[i] if tables[i] is None else tables[i][s.stats[i] - mins[i]] for i in stats
        )
        seen = _counts(s, visits)
        if self.turns:
            seen += tuple(s.turn - s.last[v] if v in s.last else -1 for v, _ in visits)
        used = s.used & once if once else frozenset()
        return (s.node, values, s.flags & mask, seen, used)

    def abstract_key(self, s):
        """The key of the group a state (or a group) belongs to: no stats."""
        _, mask, visits, once = self.cache[s.node]
        seen = _counts(s, visits)
        used = s.used & once if once else frozenset()
        return (s.node, s.flags & mask, seen, used)


class _Forking(Scratch):
    """A scratch state whose chance() rolls follow a script instead of the seed, so the
    search can take every outcome: a roll not yet scripted comes out false, and the
    caller then tries the same step again with that roll true."""

    __slots__ = ("at", "script")

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
    s = state.thaw(_Forking)
    s.script, s.at = list(script), 0
    return s


def _every_roll(run):
    """Call run(script) for every combination of chance() outcomes it meets."""
    pending = [[]]
    while pending:
        script = pending.pop()
        s = run(script)
        pending.extend([*s.script[:i], True] for i in range(len(script), len(s.script)))
        yield s


class _Group:
    """A set of states: exact flags, visits and once-choices, an interval per stat."""

    __slots__ = ("flags", "node", "stats", "used", "visits")

    def __init__(self, node, stats, flags, visits, used):
        self.node, self.stats, self.flags, self.visits, self.used = (
            node,
            stats,
            flags,
            visits,
            used,
        )

    def copy(self) -> _Group:
        return _Group(self.node, list(self.stats), self.flags, self.visits, self.used)


class _Over:
    """One step of the machine over groups of states: Machine.step and Machine.enter, with
    every condition that can go both ways taken both ways."""

    def __init__(self, story: Story):
        self.nodes = story.nodes
        self.interrupts = story.interrupts
        self.entered: set[str] = set()  # every node some group has passed through

    @staticmethod
    def apply(effects, groups: list) -> list:
        for effect in effects:
            out = []
            for g in groups:
                bit = effect.over(g)
                if bit:  # a flag that may end up either way: split the group
                    other = g.copy()
                    g.flags |= bit
                    other.flags &= ~bit
                    out += [g, other]
                else:
                    out.append(g)
            groups = out
        return groups

    def choose(self, g: _Group, choice) -> list:
        if choice.once:
            g.used = g.used | {choice.key}
        out = []
        for h in self.apply(choice.effects, [g]):
            out += self.redirect(h, h.node, choice.goto, 0)
        return out

    def redirect(self, g: _Group, here: str, target: str, hops: int) -> list:
        """Interrupts that may fire at `here`, else go on to `target`."""
        out = []
        for intr in self.interrupts:
            if intr.goto == here:
                continue
            m = intr.cond.over(g)
            if m & TRUE:
                out += self.enter(g.copy(), intr.goto, hops + 1)
            if not m & FALSE:
                return out
        if target is None:
            out.append(g)
        else:
            out += self.enter(g, target, hops + 1)
        return out

    def enter(self, g: _Group, nid: str, hops: int) -> list:
        if hops > MAX_HOPS:
            raise RoutingLoop(f"automatic routing did not settle (at {nid})")
        node = self.nodes[nid]
        self.entered.add(nid)
        g.node = nid
        g.visits = {**g.visits, nid: g.visits.get(nid, 0) + 1}
        out = []
        for h in self.apply(node.on_enter, [g]):
            for settled in self.redirect(h, nid, None, hops):
                if not node.next or settled.node != nid:
                    out.append(settled)
                    continue
                for route in node.next:
                    m = route.cond.over(settled) if route.cond else TRUE
                    if m & TRUE:
                        out += self.enter(settled.copy(), route.goto, hops + 1)
                    if not m & FALSE:
                        break
        return out


def exhaustive(
    story: Story,
    max_states: int = 2_000_000,
    seed: int = 1,
    progress=None,
    budget: int = WITNESS_BUDGET,
    witness_runs: int = WITNESS_RUNS,
) -> ExhaustiveReport:
    machine = Machine(story)
    keyer = _Keyer(story)
    over = _Over(story)
    first, _ = machine.start(seed)
    start = _Group(first.node, [(v, v) for v in first.stats], first.flags, first.visits, first.used)
    live_stats = {nid: set(stats) for nid, (stats, _, _, _) in keyer.cache.items()}
    ranges = [(d.min, d.max) for d in story.stats]

    def group_key(g: _Group):
        for i, r in enumerate(ranges):  # a stat no one will read again: any value
            if i not in live_stats[g.node]:
                g.stats[i] = r
        return keyer.abstract_key(g)

    # Groups are taken in story order (a depth-first order of the node graph), so a group
    # has usually gathered everything that flows into it before it is expanded.
    rank = _story_order(story)
    table = {group_key(start): start}
    tie = itertools.count()
    queue = [(rank[start.node], next(tie), k) for k in table]
    queued = set(table)
    edges: dict = {}
    ending_groups: dict[str, set] = {}
    maybe_stuck, choices_seen, loops = set(), set(), []
    nodes_seen = over.entered
    nodes_seen.update(first.visits)
    complete = True
    while queue:
        _, _, key = heapq.heappop(queue)
        queued.discard(key)
        g = table[key]
        node = story.nodes[g.node]
        if node.ending:
            ending_groups.setdefault(node.ending, set()).add(key)
            continue
        surely_one = False
        for c in node.choices:
            if c.once and c.key in g.used:
                continue
            shown = c.cond.over(g) if c.cond else TRUE
            blocked = c.disabled.over(g) if c.disabled else FALSE
            if not (shown & TRUE and blocked & FALSE):
                continue
            surely_one = surely_one or (shown == TRUE and blocked == FALSE)
            choices_seen.add(c.key)
            try:
                results = over.choose(g.copy(), c)
            except RoutingLoop as exc:
                loops.append((g.node, c.id, str(exc)))
                continue
            out = edges.setdefault(key, set())
            for h in results:
                k = group_key(h)
                out.add(k)
                old = table.get(k)
                if old is None:
                    table[k] = h
                elif all(
                    a[0] <= b[0] and b[1] <= a[1] for a, b in zip(old.stats, h.stats, strict=False)
                ):
                    continue  # nothing new
                else:
                    old.stats = [
                        (min(a[0], b[0]), max(a[1], b[1]))
                        for a, b in zip(old.stats, h.stats, strict=False)
                    ]
                if k not in queued:
                    heapq.heappush(queue, (rank[k[0]], next(tie), k))
                    queued.add(k)
        if not surely_one and not _never_stuck(story, machine, g, node):
            maybe_stuck.add(key)
        if len(table) >= max_states:
            complete = False
            break
        if progress and len(table) % 1024 == 0:
            progress(len(table))

    back: dict = {}
    for k, outs in edges.items():
        for o in outs:
            back.setdefault(o, []).append(k)

    def distances(goals) -> dict:
        dist = {k: 0 for k in goals}
        todo = deque(goals)
        while todo:
            k = todo.popleft()
            for p in back.get(k, ()):
                if p not in dist:
                    dist[p] = dist[k] + 1
                    todo.append(p)
        return dist

    expanded = 0

    def witness(goals, is_goal):
        nonlocal expanded
        dist = distances(goals)
        path, count = _guided(machine, keyer, first, dist, is_goal, budget)
        expanded += count
        return path

    found, stuck = _random_witnesses(story, machine, witness_runs, seed, set(ending_groups))
    ending_paths, unconfirmed = {}, []
    for ending, goals in ending_groups.items():
        path = found.get(ending) or witness(
            goals, lambda s, e=ending: story.nodes[s.node].ending == e
        )
        if path is None:
            unconfirmed.append(ending)
        else:

            def is_end(s, e=ending):
                return story.nodes[s.node].ending == e

            ending_paths[ending] = _shorten(machine, keyer, first, path, is_end)
    softlocks, possible = [], []
    for nid in sorted({k[0] for k in maybe_stuck}):
        goals = [k for k in maybe_stuck if k[0] == nid]
        path = stuck.get(nid) or witness(
            goals, lambda s, n=nid: s.node == n and not _options(machine, keyer, s)
        )
        if path is None:
            possible.append(nid)
        else:
            softlocks.append((nid, path))

    notes = []
    if keyer.uses_chance:
        notes.append("chance() rolls are searched both ways: every outcome of every roll")
    return ExhaustiveReport(
        states=len(table),
        complete=complete,
        ending_paths=ending_paths,
        softlocks=softlocks,
        unreached_nodes=[n for n in story.nodes if n not in nodes_seen] if complete else [],
        untaken_choices=[
            c.key for n in story.nodes.values() for c in n.choices if c.key not in choices_seen
        ]
        if complete
        else [],
        unreachable_endings=[e.id for e in story.endings if e.id not in ending_groups],
        unconfirmed=unconfirmed,
        possible_softlocks=possible,
        loops=loops,
        expanded=expanded,
        notes=notes,
    )


def _never_stuck(story: Story, machine: Machine, g: _Group, node) -> bool:
    """True when every state of the group has a choice at this node. Intervals alone cannot
    see that `x >= 35` and `not (x >= 35)` cover everything, so try one value of each stat
    from each side of every threshold the node's conditions test (or every value, for a
    stat they use otherwise)."""
    conds = [x for c in node.choices for x in (c.cond, c.disabled) if x]
    if any(x.uses_turns or x.uses_chance for x in conds):
        return False
    names = {d.name: i for i, d in enumerate(story.stats)}
    candidates = [[lo] for lo, _ in g.stats]
    size = 1
    for name in set().union(*(x.reads for x in conds)) if conds else ():
        if name not in names:
            continue  # a flag: exact in the group
        i = names[name]
        lo, hi = g.stats[i]
        if any(name in x.opaque for x in conds):
            values = range(lo, hi + 1)
        else:
            points = {
                t + (1 if op in (">", "<=") else 0)
                for x in conds
                for n, op, t in x.tests
                if n == name
            }
            values = sorted({lo, hi} | {v for p in points for v in (p - 1, p) if lo <= v <= hi})
        candidates[i] = list(values)
        size *= len(candidates[i])
        if size > 100_000:
            return False
    for stats in itertools.product(*candidates):
        s = Scratch(g.node, list(stats), g.flags, g.visits, {}, g.used, 0, 0)
        if not machine.available(s, node):
            return False
    return True


def _follows(machine: Machine, keyer, first: GameState, path: list, is_goal) -> bool:
    """Whether some outcome of the rolls lets a player take `path` from `first` to a goal."""
    states = [first]
    for node, choice_id in path:
        following = {}
        for state in states:
            if state.node != node:
                continue
            choice = next((c for c in _options(machine, keyer, state) if c.id == choice_id), None)
            if choice is None:
                continue
            for new in _outcomes(machine, state, choice):
                following.setdefault(keyer.key(new), new)
        states = list(following.values())
        if not states:
            return False
    return any(is_goal(s) for s in states)


def _shorten(machine: Machine, keyer, first: GameState, path: list, is_goal) -> list:
    """Cut the detours out of a path found by random play: whenever it comes back to a
    node it has been at, try leaving out what happened in between."""
    improved = True
    while improved:
        improved = False
        for i in range(len(path)):
            for j in range(len(path) - 1, i, -1):
                if path[j][0] != path[i][0]:
                    continue
                shorter = path[:i] + path[j:]
                if _follows(machine, keyer, first, shorter, is_goal):
                    path, improved = shorter, True
                    break
            if improved:
                break
    return path


def _random_witnesses(story: Story, machine: Machine, runs: int, seed: int, wanted: set):
    """The shortest path random play finds to each ending, and to each node where a run
    got stuck. Runs stop early once every wanted ending has one and a second batch of
    runs found nothing shorter."""
    import random

    pick = random.Random(seed)
    nodes = story.nodes
    endings: dict[str, list] = {}
    stuck: dict[str, list] = {}
    before: dict = {}
    for run in range(runs):
        if run % 500 == 499:
            lengths = {e: len(p) for e, p in endings.items()}
            if wanted <= set(lengths) and lengths == before:
                break
            before = lengths
        s, _ = machine.start(seed * 1_000_003 + run)
        s = s.thaw()
        path = []
        while len(path) < 1_000:
            node = nodes[s.node]
            if node.ending:
                if len(path) < len(endings.get(node.ending, [*path, None])):
                    endings[node.ending] = path
                break
            options = machine.available(s, node)
            if not options:
                if len(path) < len(stuck.get(s.node, [*path, None])):
                    stuck[s.node] = path
                break
            choice = options[pick.randrange(len(options))]
            path = [*path, (s.node, choice.id)]
            machine.step(s, choice)
    return endings, stuck


def _story_order(story: Story) -> dict[str, int]:
    """Nodes in reverse post-order of a depth-first walk from the start: for the parts of
    the story without loops, every node comes after all the nodes that lead to it."""
    order, seen = [], set()
    roots = [story.start, *(i.goto for i in story.interrupts)]
    for root in roots:
        stack = (
            [(root, iter([g for g, _ in story.nodes[root].targets()]))] if root not in seen else []
        )
        seen.add(root)
        while stack:
            nid, children = stack[-1]
            for child in children:
                if child not in seen and child in story.nodes:
                    seen.add(child)
                    stack.append((child, iter([g for g, _ in story.nodes[child].targets()])))
                    break
            else:
                order.append(nid)
                stack.pop()
    rank = {nid: i for i, nid in enumerate(reversed(order))}
    for nid in story.nodes:
        rank.setdefault(nid, len(rank))
    return rank


def _options(machine: Machine, keyer, state: GameState) -> list:
    """The choices available in some outcome of the rolls their conditions make."""
    node = machine.nodes[state.node]
    if not keyer.uses_chance:
        return machine.available(state, node)
    found = {}
    for s in _every_roll(lambda script: _forking(state, script)):
        for c in machine.available(s, node):
            found.setdefault(c.key, c)
    return list(found.values())


def _outcomes(machine: Machine, state: GameState, choice):
    def run(script):
        s = _forking(state, script)
        machine.step(s, choice)
        return s

    for s in _every_roll(run):
        yield s.freeze()


def _guided(machine, keyer, first: GameState, dist: dict, is_goal, budget: int):
    """A path of (node, choice) from `first` to a state where is_goal holds, always
    expanding the real state whose group is nearest the goal in the group graph.
    (None, n) if none was found within `budget` expansions."""
    h0 = dist.get(keyer.abstract_key(first))
    if h0 is None:
        return None, 0
    tie = itertools.count()
    start_key = keyer.key(first)
    best = {start_key: 0}
    parent = {start_key: None}
    heap = [(h0, 0, next(tie), first, start_key)]
    expanded = 0
    while heap and expanded < budget:
        _, g, _, state, key = heapq.heappop(heap)
        if best.get(key, g) < g:
            continue
        if is_goal(state):
            path = []
            while parent[key] is not None:
                key, nid, cid = parent[key]
                path.append((nid, cid))
            return path[::-1], expanded
        expanded += 1
        if machine.nodes[state.node].ending:
            continue
        for choice in _options(machine, keyer, state):
            try:
                results = list(_outcomes(machine, state, choice))
            except RoutingLoop:
                continue
            for new in results:
                h = dist.get(keyer.abstract_key(new))
                if h is None:
                    continue
                k = keyer.key(new)
                if best.get(k, g + 2) <= g + 1:
                    continue
                best[k] = g + 1
                parent[k] = (key, state.node, choice.id)
                heapq.heappush(heap, (h, g + 1, next(tie), new, k))
    return None, expanded
