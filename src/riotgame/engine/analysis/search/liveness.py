"""What can still matter where: the facts that let the search merge states.

- `live_variables`: for each node, the variables (stats, "flags.x", "@node" visit counts,
  "#node/choice" once-choices) that some condition or effect may still read from there on.
- `stat_splits`: for each stat and resting node, the thresholds that can still change what
  happens; two values with no split point between them behave alike from that node on.
- `visit_caps`: for each visit count compared only with numbers, the count above which all
  counts behave alike.

And the orders in which the search walks the node graph: `search_order` (forwards, one
loop at a time) and `backward_order` (for the backward fixed points above), both from
`story_order` and the graph's strongly connected parts (`components`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from riotgame.engine.analysis.search.facts import facts
from riotgame.engine.story.expr import Condition, Effect
from riotgame.engine.story.model import StatDef, Story

Op = tuple[str, int]  # ("test", split point), ("add", n) or ("set", n)
_SHIFT = {">=": 0, "<": 0, ">": 1, "<=": 1}  # `stat > t` splits the values at t + 1


def control(story: Story) -> Iterator[Condition | Effect]:
    """Every compiled expression that can change where the story goes (not text)."""
    for intr in story.interrupts:
        yield intr.cond
    for node in story.nodes.values():
        yield from node.on_enter
        yield from (r.cond for r in node.next if r.cond)
        for c in node.choices:
            yield from (x for x in (c.cond, c.disabled) if x)
            yield from c.effects


def _reads(c: Condition | Effect) -> set[str]:
    return set(c.reads) | {f"@{v}" for v in c.visits}


def _local_reads(story: Story) -> dict[str, set[str]]:
    """What each node's own conditions and effects read (interrupts: read everywhere)."""
    global_reads: set[str] = set()
    for intr in story.interrupts:
        global_reads |= _reads(intr.cond)
    local = {}
    for nid, node in story.nodes.items():
        reads = set(global_reads)
        compiled: list[Condition | Effect] = [*node.on_enter]
        compiled += [r.cond for r in node.next if r.cond]
        for c in node.choices:
            compiled += [x for x in (c.cond, c.disabled) if x] + list(c.effects)
            if c.once:
                reads.add(f"#{c.key}")
        for x in compiled:
            reads |= _reads(x)
        local[nid] = reads
    return local


def successors(story: Story) -> dict[str, list[str]]:
    """Where each node can lead: its choices and routes, and every interrupt's target."""
    into_interrupts = [i.goto for i in story.interrupts if i.goto in story.nodes]
    return {
        nid: [g for g, _ in node.targets() if g in story.nodes] + into_interrupts
        for nid, node in story.nodes.items()
    }


def live_variables(story: Story) -> dict[str, frozenset[str]]:
    """For each node, the variables some condition or effect may still read from there on."""
    succ = successors(story)
    live = _local_reads(story)
    order = backward_order(story)  # successors first: without loops, one pass settles it
    changed = True
    while changed:  # a fixed point
        changed = False
        for nid in order:
            mine = live[nid]
            before = len(mine)
            for s in succ[nid]:
                mine |= live[s]
            if len(mine) != before:
                changed = True
    return {nid: frozenset(v) for nid, v in live.items()}


def story_order(story: Story) -> dict[str, int]:
    """Nodes in reverse post-order of a depth-first walk from the start: for the parts of
    the story without loops, every node comes after all the nodes that lead to it."""
    order: list[str] = []
    seen: set[str] = set()
    for root in [story.start, *(i.goto for i in story.interrupts)]:
        stack = [] if root in seen else [(root, iter([g for g, _ in story.nodes[root].targets()]))]
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


def search_order(story: Story) -> dict[str, int]:
    """The order in which to expand groups: the story's loops (strongly connected parts)
    one after another, each after all the parts that lead into it, and inside one in
    story order. So a loop has settled before what comes after it is expanded, which is
    then expanded once, not once for every round of the loop."""
    within = story_order(story)
    rank: dict[str, int] = {}
    for part in reversed(components(successors(story))):  # Tarjan's: the last part first
        for nid in sorted(part, key=within.__getitem__):
            rank[nid] = len(rank)
    return rank


def backward_order(story: Story) -> list[str]:
    """Every node after the nodes it leads to (where the story has no loops): the order in
    which backward fixed points (what is live, split points) settle fastest."""
    rank = story_order(story)
    return sorted(story.nodes, key=rank.__getitem__, reverse=True)


def _ops(compiled_list: Iterable[Condition | Effect], stat: str) -> list[Op]:
    """What a sequence of expressions does to one stat, in order: ("test", split point),
    ("add", n) or ("set", n). A test `stat >= t` splits the values at t: below / at or
    above."""
    out: list[Op] = []
    for c in compiled_list:
        known = facts(c)
        out += [("test", t + _SHIFT[op]) for name, op, t in known.tests if name == stat]
        if known.step and c.writes == stat:
            out.append(known.step)
    return out


def _back(ops: list[Op], after: set[int], lo: int, hi: int) -> set[int]:
    """The split points that matter before `ops`, given those that matter after them.

    A path of `+= n` / `= n` effects maps a value v to a clamped v + d, a non-decreasing
    function, so a later test `value >= t` is the test `v >= t - d` now (or constant)."""
    points = set(after)
    for kind, n in reversed(ops):
        if kind == "test":
            points.add(n)
        elif kind == "add":
            points = {p - n for p in points}
        else:  # "set": the earlier value no longer matters
            points = set()
        points = {p for p in points if lo < p <= hi}  # outside the range: a constant test
    return points


class _Plan(NamedTuple):
    """What one node does to one stat, worked out once."""

    on_enter: list[Op]
    route_ops: list[Op]
    routes: list[str]
    tests: set[int]  # split points its own choices test
    choices: list[tuple[list[Op], str]]  # (what the effects do, goto) per choice


class _Splits:
    """The backward fixed point for one stat, with a work list: when the points at a node
    grow, only the nodes that lead to it are looked at again."""

    def __init__(
        self, story: Story, stat: StatDef, leads_to: dict[str, set[str]], order: list[str]
    ):
        nodes = story.nodes
        self.lo, self.hi = stat.min, stat.max
        self.nodes = nodes
        self.order = order  # the nodes, those after first: one pass where there are no loops
        self.leads_to = leads_to
        self.targets = [i.goto for i in story.interrupts if i.goto in nodes]
        self.intr_ops = _ops([i.cond for i in story.interrupts], stat.name)
        name = stat.name
        self.plan = {
            nid: _Plan(
                _ops(node.on_enter, name),
                _ops([r.cond for r in node.next if r.cond], name),
                [r.goto for r in node.next if r.goto in nodes],
                self.back(_ops([x for c in node.choices for x in (c.cond, c.disabled) if x], name)),
                [(_ops(c.effects, name), c.goto) for c in node.choices if c.goto in nodes],
            )
            for nid, node in nodes.items()
        }
        self.rest: dict[str, set[int]] = {nid: set() for nid in nodes}  # resting at the node
        self.enter: dict[str, set[int]] = {nid: set() for nid in nodes}  # on entering it

    def back(self, ops: list[Op], after: Iterable[int] = ()) -> set[int]:
        return _back(ops, set(after), self.lo, self.hi)

    def points(self, nid: str) -> tuple[set[int], set[int]]:
        """The points at `nid` (on entering, at rest) given those of the nodes after it."""
        plan, enter = self.plan[nid], self.enter
        fired = set().union(*(enter[t] for t in self.targets))
        new_rest = set(plan.tests)
        for effect_ops, goto in plan.choices:
            new_rest |= self.back(effect_ops, self.back(self.intr_ops, fired | enter[goto]))
        if plan.routes:
            tail = self.back(plan.route_ops, set().union(*(enter[r] for r in plan.routes)))
        else:  # it rests here: what matters at rest, with what this pass has just found
            tail = self.rest[nid] | new_rest
        new_enter = self.back(plan.on_enter, self.back(self.intr_ops, tail | fired))
        return new_enter, new_rest

    def solve(self) -> dict[str, tuple[int, ...]]:
        todo, queued = deque(self.order), set(self.nodes)
        while todo:
            nid = todo.popleft()
            queued.discard(nid)
            new_enter, new_rest = self.points(nid)
            if new_enter <= self.enter[nid] and new_rest <= self.rest[nid]:
                continue
            self.rest[nid] |= new_rest
            if not new_enter <= self.enter[nid]:
                self.enter[nid] |= new_enter
                again = self.order if nid in self.targets else [*self.leads_to[nid], nid]
            else:
                again = [nid]
            for other in again:
                if other not in queued:
                    todo.append(other)
                    queued.add(other)
        return {nid: tuple(sorted(points)) for nid, points in self.rest.items()}


def stat_splits(story: Story) -> dict[str, dict[str, tuple[int, ...]] | None]:
    """For each stat, the split points that matter at each resting node: two values with no
    split point between them behave the same from that node on. None for a stat used in
    ways this cannot follow (arithmetic, ==, another stat): it is kept exact."""
    opaque: set[str] = set()
    for c in control(story):
        opaque |= facts(c).opaque
    leads_to: dict[str, set[str]] = {nid: set() for nid in story.nodes}
    for nid, node in story.nodes.items():
        for goto, _ in node.targets():
            if goto in story.nodes:
                leads_to[goto].add(nid)
    order = backward_order(story)
    return {
        d.name: None if d.name in opaque else _Splits(story, d, leads_to, order).solve()
        for d in story.stats
    }


def visit_caps(story: Story) -> dict[str, int | None]:
    """For each "@node" whose visit count is only ever compared with numbers, the count
    above which all counts behave alike (one more than the largest number); None when a
    count is used any other way and must be kept exact."""
    caps: dict[str, int | None] = {}
    opaque = set()
    for c in control(story):
        known = facts(c)
        opaque |= {v for v in known.opaque if v.startswith("@")}
        for name, _, number in known.tests:
            if name.startswith("@"):
                caps[name] = max(caps.get(name) or 0, number + 1)
    for name in opaque:
        caps[name] = None
    return caps


def components(succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in succ:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succ[w])))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                out.append(component)
    return out
