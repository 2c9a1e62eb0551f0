"""The state machine: which choices a state offers, and what choosing one does.

`Machine(story)` is the only place game rules live. The UI, the plain player, exploration,
saves and replay all go through `start`, `choices` and `choose`. Stepping is written once,
on a mutable Scratch; `choose` wraps it so callers only ever see immutable GameStates. The
common step (constant effects, into a node where the story rests, no interrupt firing) is
also written directly from state to state (`_quick`), which copies nothing that did not
change; tests/engine/test_machine.py holds the two to the same results.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from riotgame.engine.play.counts import Made, as_counts, entering
from riotgame.engine.play.events import (
    Announcer,
    EndingReached,
    Event,
    FlagChanged,
    NodeEntered,
    StatChanged,
)
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.play.tables import Move, Place, Way, alarms, quick_move, tables, way
from riotgame.engine.play.views import ChoiceView, Menu, MenuEntry, menu, view
from riotgame.engine.story.expr import Readable
from riotgame.engine.story.model import Choice, Node, Story
from riotgame.engine.story.text import Passage
from riotgame.engine.story.text.pieces import Seen

__all__ = [  # the events (events.py) and views (views.py) are read from here by callers
    "ChoiceError",
    "ChoiceView",
    "EndingReached",
    "Event",
    "FlagChanged",
    "Machine",
    "Menu",
    "NodeEntered",
    "RoutingLoop",
    "StatChanged",
]

MAX_HOPS = 1000  # automatic moves (next/interrupts) in one step before we call it a loop


_UNSEEN: Any = object()  # a choice `_quick` has not met yet
_state = tuple.__new__  # a GameState from its fields in order, in one call


class ChoiceError(Exception):
    """The choice id does not exist here or is not available in this state."""


class RoutingLoop(Exception):
    """Automatic routing went round in circles: a story bug that check.py also reports."""


class _Shared(NamedTuple):
    announce: Announcer
    moves: dict[str, Move | None]
    menus: dict[str, list[MenuEntry]]
    ways: dict[str, Way]


def _shared(story: Story) -> _Shared:
    """What the machines of one story build as they play and share (kept with the story:
    a new Machine, a new Session or a random-play call starts warm)."""
    shared = story.derived.get("machine")
    if not isinstance(shared, _Shared):
        shared = story.derived["machine"] = _Shared(Announcer(story), {}, {}, {})
    return shared


class Machine:
    def __init__(self, story: Story):
        self.story = story
        self.nodes = story.nodes
        self.interrupts = story.interrupts
        # the interrupts' conditions when none reads visits or turns since (then entering a
        # node cannot make one fire, and a step looks at them once): None when one does
        self.alarms = alarms(story)
        # the story's tables (play/tables.py), built on its first play
        self.places, self.plans, self.by_key = tables(story)
        # the events, the quick step's moves (choice key ->), the menus with their views and
        # how each node is passed through (node id ->), filled on first use and shared by
        # every machine of the story
        self.announce, self.moves, self.menus, self.ways = _shared(story)
        # the state `choices` last answered for, and its answer: `choose` checks against it
        self.shown_state: GameState | None = None
        self.shown_views = Menu()

    # -- queries -----------------------------------------------------------------------------
    def node(self, state: GameState) -> Node:
        return self.nodes[state.node]

    def passage(self, state: GameState, seen: Seen = None) -> Passage:
        """What the player reads now: the reply of the choice just taken, the text of every
        node passed through since (automatic `next` routing, interrupts), then the node
        where the story rests. Every text sees `state`, the state where the story rests;
        `before.name` in a text reads the value from before the choice's effects."""
        out = self.reply(state, seen)
        visits = state.visits
        for nid in (*state.trail, state.node):
            self.nodes[nid].text.render_into(state, visits.get(nid, 1), seen, out)
        return out

    def reply(self, state: GameState, seen: Seen = None) -> Passage:
        """The reply of the choice that led to `state` (empty when it has none)."""
        choice = self.by_key.get(state.via) if state.via else None
        if choice is None or not choice.reply.blocks:
            return []
        return choice.reply.render(state, state.prior[2] if state.prior else 1, seen)

    def chosen(self, state: GameState, choice: Choice, seen: Seen = None) -> Passage:
        """What the record of the run says was chosen: `chosen`, or else the button text,
        read in the state the choice was shown in (so a variant never re-rolls)."""
        text = choice.chosen if choice.chosen is not None else choice.text
        return text.render(state, state.visits.get(state.node, 1), seen)

    def ending(self, state: GameState) -> str | None:
        return self.nodes[state.node].ending

    def visible(self, state: GameState | Scratch, node: Node) -> list[Choice]:
        """Choices whose `if` holds and that are not used-up once-choices."""
        place = self.places[node.id]
        if place.fixed is not None:
            return list(place.fixed)
        used = state.used
        return [
            c
            for c, shown, _, once in place.options
            if not (once and c.key in used) and (shown is None or shown(state))
        ]

    def available(self, state: GameState | Scratch, node: Node | Place) -> list[Choice]:
        """The visible choices that are not disabled: what a move may take. (Random play
        passes the node's Place, which it holds already.)"""
        place = node if type(node) is Place else self.places[node.id]
        if place.fixed is not None:
            return list(place.fixed)
        out = []
        for c, shown, blocked, once in place.options:  # a loop, not a comprehension: no call
            if once and c.key in state.used:
                continue
            if (shown is None or shown(state)) and (blocked is None or not blocked(state)):
                out.append(c)
        return out

    def choices(self, state: GameState) -> Menu:
        """The choices shown in `state`, disabled ones included, with their texts; the
        answer's `enabled` lists those that can be taken (views.Menu)."""
        entries = self.menus.get(state.node)
        if entries is None:  # built on first use and shared: views are only ever read
            entries = self.menus[state.node] = menu(self.places[state.node])
        out = Menu()
        enabled = out.enabled = []
        for c, shown, blocked, once, off, on in entries:
            if (once and c.key in state.used) or (shown is not None and not shown(state)):
                continue  # visible(), inline (`used` read only at a once-choice)
            if blocked is None or not blocked(state):
                chosen = on or view(state, c, True)
                out.append(chosen)
                enabled.append(chosen)
            else:
                out.append(off or view(state, c, False))
        self.shown_state, self.shown_views = state, out
        return out

    def can_take(self, state: GameState | Scratch, c: Choice) -> bool:
        """Whether choice `c` of the node where `state` rests is available."""
        if c.once and c.key in state.used:
            return False
        if c.cond is not None and not c.cond.fn(state):
            return False
        return c.disabled is None or not c.disabled.fn(state)

    # -- moves -------------------------------------------------------------------------------
    def start(self, seed: int = 0) -> tuple[GameState, list[Event]]:
        scratch = Scratch.start(self.story, seed)
        initial = tuple(scratch.stats)
        entered: list[str] = []
        self.enter(scratch, scratch.node, entered)
        state = scratch.freeze()
        return state, self.events(initial, 0, state, entered)

    def choose(self, state: GameState, choice_id: str) -> tuple[GameState, list[Event]]:
        c = None
        if state is self.shown_state:  # `choices` just answered for this very state
            for shown in self.shown_views.enabled:
                if shown.id == choice_id:
                    c = shown.choice
                    break
        if c is None:
            c = self.offered(state, choice_id)
        quick = self._quick(state, c)
        if quick is not None:
            return quick
        scratch = state.thaw()
        entered: list[str] = []
        self.step(scratch, c, entered)
        new = scratch.freeze()
        return new, self.events(state.stats, state.flags, new, entered)

    def offered(self, state: GameState, choice_id: str) -> Choice:
        """The choice `choice_id` of the node where `state` rests; ChoiceError when there is
        none or it is not available."""
        c = self.places[state.node].by_id.get(choice_id)
        if c is None:
            raise ChoiceError(f'node "{state.node}" has no choice "{choice_id}"')
        if not self.can_take(state, c):
            raise ChoiceError(f'choice "{choice_id}" is not available at "{state.node}"')
        return c

    def _quick(self, state: GameState, c: Choice) -> tuple[GameState, list[Event]] | None:
        """`choose` from state to state, for a choice whose effects are constant (a plan)
        into a node where the story rests: what `step` does, copying only what changes.
        None when the choice needs the full step (effects to call, `next` routing,
        `on_enter` effects, or an interrupt that fires before or after the target is
        entered)."""
        move = self.moves.get(c.key, _UNSEEN)
        if move is _UNSEEN:
            move = self._move(c)
        if move is None:
            return None
        shifts, keep, set_bits, told, target, arrival, ending = move
        visits: Any  # a Counts, read below as one (or a dict, in a state built by hand)
        last: Any
        node, old, flags, visits, last, used, turn, seed, _, _, _ = state  # no field read twice
        events: list[Event] = [arrival]
        stats = old
        if shifts:  # one shift a stat, in stat order: its event as it moves
            values = [*old]  # (a display: list() is a call)
            for i, table in shifts:
                v, event = table[values[i]]
                if event is not None:
                    values[i] = v
                    events.append(event)
            stats = tuple(values)
        new_flags = (flags & keep) | set_bits
        if new_flags != flags:
            for bit, event in told:  # the bits written that the player is told of
                if (flags ^ new_flags) & bit:
                    events.append(event)
        if ending is not None:
            events.append(ending)
        turn += 1
        if c.once:
            used = used | {c.key}
        try:  # the two tables after entering `target` (counts.entering, inline)
            base, log, room = visits.base, visits.log, visits.room
            prior = (old, flags, log.get(node) or base.get(node, 1))
            count = (log.get(target) or base.get(target, 0)) + 1  # a count is never 0
            if room and last.room:  # a copy and a store, one field at a time: no call
                log = log.copy()
                log[target] = count
                table = Made()
                table.base, table.log, table.room = base, log, room - 1
                log = last.log.copy()
                log[target] = turn
                last_table = Made()
                last_table.base, last_table.log, last_table.room = last.base, log, last.room - 1
                visits, last = table, last_table
            else:  # a merge into new bases
                visits, last = entering(visits, last, target, turn)
        except AttributeError:  # a state built by hand holds dicts: as Counts, again
            return self._quick(state._replace(visits=as_counts(visits), last=as_counts(last)), c)
        new = _state(GameState, (target, stats, new_flags, visits, last, used, turn, seed, (),
                                 c.key, prior))  # fmt: skip
        if self.interrupts and self._interrupted(state, new):
            return None
        return new, events

    def _interrupted(self, state: GameState, new: GameState) -> bool:
        """Whether an interrupt fires on the way from `state` to `new`: where step() checks
        them (after the effects, before entering: `state`'s node and tables) or where
        enter() does (once the target is entered: `new`). When no interrupt reads visits or
        turns since (the two differ only in those), one look at their conditions says it."""
        if self.alarms is not None:
            return self._alarmed(new)
        here = _state(GameState, (state.node, *new[1:3], state.visits, state.last, *new[5:]))
        return self.interrupt(here, state.node) is not None or (
            self.interrupt(new, new.node) is not None
        )

    def _alarmed(self, s: Readable) -> bool:
        """Whether an interrupt may fire in `s`: one whose condition holds (always, when
        some interrupt reads visits or turns: then only `interrupt` can say)."""
        alarms = self.alarms
        if alarms is None:
            return True
        for alarm in alarms:  # noqa: SIM110 (a loop: any() would make a generator a step)
            if alarm(s):
                return True
        return False

    def _move(self, c: Choice) -> Move | None:
        """What `_quick` needs of choice `c`, kept (None: it takes the full step)."""
        move = self.moves[c.key] = quick_move(self.plans[c.key], self.places[c.goto], self.announce)
        return move

    def step(self, s: Scratch, choice: Choice, entered: list[str] | None = None) -> None:
        """Take `choice` (already known to be available) on the scratch state."""
        stats, visits, key = s.stats, s.visits, choice.key
        s.prior = (tuple(stats), s.flags, visits.get(s.node, 1))
        s.via = key
        s.turn += 1
        if s.trail:
            s.trail = []
        if choice.once:
            s.used = s.used | {key}
        plan = self.plans[key]
        if plan is None:
            for effect in choice.effects:
                effect.fn(s)
            rests = self.places[choice.goto].rests
        else:  # the constant effects, inline (tables.Plan)
            shifts, set_bits, keep, _, rests = plan
            for i, amount, lo, hi in shifts:
                v = stats[i] + amount
                stats[i] = lo if v < lo else hi if v > hi else v
            if keep != -1 or set_bits:
                s.flags = (s.flags & keep) | set_bits
        target = choice.goto
        calm = not self.interrupts or not self._alarmed(s)  # then none can fire on the way
        if not calm:
            target = self.interrupt(s, s.node) or target
        elif rests:  # where most steps end: enter() in short
            visits[target] = visits.get(target, 0) + 1
            s.last[target] = s.turn
            s.node = target
            if entered is not None:
                entered.append(target)
            return
        self.enter(s, target, entered, calm)

    def enter(
        self, s: Scratch, node_id: str, entered: list[str] | None = None, calm: bool = False
    ) -> None:
        """Enter a node, then follow interrupts and `next` routing until the story rests.
        `calm`: no interrupt's condition holds in `s`, which stays so while the nodes passed
        write nothing an interrupt reads (they read no visits or turns: `alarms`)."""
        ways, interrupts, visits, last = self.ways, self.interrupts, s.visits, s.last
        for _ in range(MAX_HOPS):
            effects, stirs, routes = ways.get(node_id) or self._way(node_id)
            visits[node_id] = visits.get(node_id, 0) + 1
            last[node_id] = s.turn
            if entered is not None:
                entered.append(node_id)
            if effects:
                for fn in effects:
                    fn(s)
                calm = calm and not stirs
            target = None
            if interrupts and not calm:
                if self._alarmed(s):
                    target = self.interrupt(s, node_id)
                else:
                    calm = True
            if target is None and routes:
                for test, goto in routes:  # the first that holds (the last holds always)
                    if test is None or test(s):
                        target = goto
                        break
                else:
                    raise StopIteration  # what next() of the routes raised when none held
            if target is None:
                s.node = node_id
                return
            s.trail.append(node_id)
            node_id = target
        raise RoutingLoop(
            f"automatic routing did not settle after {MAX_HOPS} moves (last at {node_id})"
        )

    def _way(self, node_id: str) -> Way:
        """How the node is passed through (tables.Way), built on first use and shared."""
        built = self.ways[node_id] = way(self.nodes[node_id], self.story)
        return built

    def interrupt(self, s: Readable, here: str) -> str | None:
        for intr in self.interrupts:
            if intr.goto != here and intr.cond.fn(s):
                return intr.goto
        return None

    def events(
        self, stats: tuple[int, ...], flags: int, after: GameState, entered: list[str]
    ) -> list[Event]:
        """The events of a move from `stats` and `flags` to `after`, through `entered`."""
        announce = self.announce
        out: list[Event] = [announce.node(n) for n in entered]
        announce.changes(out, stats, after.stats, flags ^ after.flags, after.flags)
        ending = self.nodes[after.node].ending
        if ending:
            out.append(announce.ending(ending))
        return out
