"""The abstract machine: one step of the story over groups of states.

This is the second copy of the stepping rules. `Machine.step` and `Machine.enter`
(engine/play/machine.py) are the rules; this module repeats them over groups (groups.py),
with every condition that can go both ways taken both ways, so that the groups reach at
least every state a player can. **Keep it in step with machine.py**: a rule added there
(a new kind of effect, routing, interrupt order) must be added here too.

What proves they agree: the hypothesis property
`tests/engine/test_explore.py::test_random_runs_never_reach_what_the_search_calls_unreachable`
plays random runs on generated stories through `Machine` and checks that no run reaches a
node, choice or ending the search calls unreachable, or gets stuck where it says no one can.
"""

from __future__ import annotations

from collections.abc import Iterable

from riotgame.engine.analysis.search.groups import Group
from riotgame.engine.analysis.search.intervals import FALSE, TRUE, abstract
from riotgame.engine.analysis.search.liveness import control
from riotgame.engine.play.machine import MAX_HOPS, RoutingLoop
from riotgame.engine.play.tables import tables
from riotgame.engine.story.expr import Effect, Scope
from riotgame.engine.story.model import Choice, Node, Story

# a group on its way: the node it enters next (None: it rests where it is), moves so far
Way = tuple[Group, str | None, int]


class AbstractMachine:
    """Machine.step and Machine.enter over groups of states."""

    def __init__(self, story: Story):
        self.nodes = story.nodes
        self.entered: set[str] = set()  # every node some group has passed through
        scope = Scope(
            {d.name: i for i, d in enumerate(story.stats)},
            {d.name: i for i, d in enumerate(story.flags)},
            {d.name: (d.min, d.max) for d in story.stats},
        )
        # each expression over groups, by the id of its compiled form (the story keeps those)
        self.over = {id(c): abstract(c, scope) for c in control(story)}
        self.interrupts = [(i.goto, self.over[id(i.cond)]) for i in story.interrupts]
        self.counted = {v for c in control(story) for v in c.visits}  # visits some rule reads
        played = tables(story)  # the machine's: each choice's constant effects as a plan
        self.plans = played.plans
        self.rests = {nid: place.rests for nid, place in played.places.items()}

    def offered(self, c: Choice, g: Group) -> tuple[int, int] | None:
        """Whether the choice can be shown and enabled for some state of the group:
        (shown, blocked) masks, or None when it never is."""
        if c.once and c.key in g.used:
            return None
        shown = self.over[id(c.cond)](g) if c.cond else TRUE
        blocked = self.over[id(c.disabled)](g) if c.disabled else FALSE
        if not (shown & TRUE and blocked & FALSE):
            return None
        return shown, blocked

    def apply(self, effects: Iterable[Effect], groups: list[Group]) -> list[Group]:
        for effect in effects:
            over = self.over[id(effect)]
            out = []
            for g in groups:
                bit = over(g)
                if bit:  # a flag that may end up either way: split the group
                    other = g.copy()
                    g.flags |= bit
                    other.flags &= ~bit
                    out += [g, other]
                else:
                    out.append(g)
            groups = out
        return groups

    def choose(self, g: Group, choice: Choice) -> list[Group]:
        if choice.once:
            g.used = g.used | {choice.key}
        plan = self.plans[choice.key]
        if plan is None:
            groups = self.apply(choice.effects, [g])
        else:  # constant effects, as Machine.step runs them
            shifts, set_bits, keep, _, _ = plan
            stats = g.stats
            for i, amount, lo, hi in shifts:
                a, b = stats[i]
                a, b = a + amount, b + amount
                a = lo if a < lo else hi if a > hi else a
                stats[i] = (a, lo if b < lo else hi if b > hi else b)
            g.flags = (g.flags & keep) | set_bits
            groups = [g]
        ways: list[Way] = []
        for h in groups:
            ways += self.interrupted(h, h.node, choice.goto, 1)
        return self.follow(ways)

    def follow(self, ways: list[Way]) -> list[Group]:
        """Follow every way until its group rests: depth first, in order, with a stack
        rather than recursion (a loop of routes is stopped after MAX_HOPS moves)."""
        out = []
        todo = ways[::-1]
        while todo:
            g, nid, hops = todo.pop()
            if nid is None:
                out.append(g)
            else:
                todo += reversed(self.enter(g, nid, hops))
        return out

    def interrupted(self, g: Group, here: str, then: str | None, hops: int) -> list[Way]:
        """The interrupts that may fire at `here`, each a way on; else on to `then` (None:
        the group stays). A group is copied only when it goes two ways: the last way takes
        it as it is."""
        ways: list[Way] = []
        for goto, cond in self.interrupts:
            if goto == here:
                continue
            m = cond(g)
            if not m & FALSE:  # it surely fires
                return [*ways, (g, goto, hops)] if m & TRUE else ways
            if m & TRUE:
                ways.append((g.copy(), goto, hops))
        ways.append((g, then, hops))
        return ways

    def enter(self, g: Group, nid: str, hops: int) -> list[Way]:
        """Enter a node (Machine.enter's one move): where the group can go from it."""
        if hops > MAX_HOPS:
            raise RoutingLoop(f"automatic routing did not settle (at {nid})")
        node = self.nodes[nid]
        self.entered.add(nid)
        g.node = nid
        if nid in self.counted:  # a count no rule reads is not kept (GroupTable.key)
            g.visits = {**g.visits, nid: g.visits.get(nid, 0) + 1}
        if self.rests[nid] and not self.interrupts:
            return [(g, None, hops)]
        ways = []
        for h in self.apply(node.on_enter, [g]) if node.on_enter else [g]:
            for way in self.interrupted(h, nid, None, hops + 1):
                if way[1] is None and node.next:
                    ways += self.route(way[0], node, hops + 1)
                else:
                    ways.append(way)
        return ways

    def route(self, g: Group, node: Node, hops: int) -> list[Way]:
        """Follow `next`: every route whose condition can hold, up to one that surely does."""
        ways: list[Way] = []
        for r in node.next:
            m = self.over[id(r.cond)](g) if r.cond else TRUE
            if not m & FALSE:  # surely taken, and the routes after it never are
                return [*ways, (g, r.goto, hops)] if m & TRUE else ways
            if m & TRUE:
                ways.append((g.copy(), r.goto, hops))
        return ways
