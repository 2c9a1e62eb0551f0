"""The state machine: which choices a state offers, and what choosing one does.

`Machine(story)` is the only place game rules live. The UI, the plain player, exploration,
saves and replay all go through `start`, `choices` and `choose`. Stepping is written once,
on a mutable Scratch; `choose` wraps it so callers only ever see immutable GameStates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.expr import Readable
from riotgame.engine.story.model import Choice, Node, Story
from riotgame.engine.story.text import Passage
from riotgame.engine.story.text.pieces import Seen

MAX_HOPS = 1000  # automatic moves (next/interrupts) in one step before we call it a loop


class ChoiceError(Exception):
    """The choice id does not exist here or is not available in this state."""


class RoutingLoop(Exception):
    """Automatic routing went round in circles: a story bug that check.py also reports."""


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as the player sees it."""

    id: str
    text: Passage  # the button
    enabled: bool
    reason: str  # why it is disabled ("" when enabled)
    chosen: Passage = field(default_factory=list)  # what the record says once taken


# Events, in the order they happened during one step.
@dataclass(frozen=True, slots=True)
class NodeEntered:
    node: str


@dataclass(frozen=True, slots=True)
class StatChanged:
    name: str
    old: int
    new: int


@dataclass(frozen=True, slots=True)
class FlagChanged:
    name: str
    value: bool


@dataclass(frozen=True, slots=True)
class EndingReached:
    ending: str


Event = NodeEntered | StatChanged | FlagChanged | EndingReached


class Machine:
    def __init__(self, story: Story):
        self.story = story
        self.nodes = story.nodes
        self.interrupts = story.interrupts
        self.by_key = {c.key: c for n in story.nodes.values() for c in n.choices}
        self.silent = sum(1 << i for i, d in enumerate(story.flags) if d.silent)

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
        return [
            c
            for c in node.choices
            if not (c.once and c.key in state.used) and (c.cond is None or c.cond.fn(state))
        ]

    def available(self, state: GameState | Scratch, node: Node) -> list[Choice]:
        return [
            c for c in self.visible(state, node) if c.disabled is None or not c.disabled.fn(state)
        ]

    def choices(self, state: GameState) -> list[ChoiceView]:
        out = []
        visit = state.visits.get(state.node, 1)
        for c in self.visible(state, self.nodes[state.node]):
            blocked = c.disabled is not None and c.disabled.fn(state)
            button = c.text.render(state, visit)
            chosen = button if c.chosen is None else c.chosen.render(state, visit)
            out.append(ChoiceView(c.id, button, not blocked, c.reason if blocked else "", chosen))
        return out

    # -- moves -------------------------------------------------------------------------------
    def start(self, seed: int = 0) -> tuple[GameState, list[Event]]:
        scratch = Scratch.start(self.story, seed)
        before = scratch.freeze()
        entered: list[str] = []
        self.enter(scratch, scratch.node, entered)
        state = scratch.freeze()
        return state, self.events(before, state, entered)

    def choose(self, state: GameState, choice_id: str) -> tuple[GameState, list[Event]]:
        node = self.nodes[state.node]
        for c in self.available(state, node):
            if c.id == choice_id:
                scratch = state.thaw()
                entered: list[str] = []
                self.step(scratch, c, entered)
                new = scratch.freeze()
                return new, self.events(state, new, entered)
        if any(c.id == choice_id for c in node.choices):
            raise ChoiceError(f'choice "{choice_id}" is not available at "{state.node}"')
        raise ChoiceError(f'node "{state.node}" has no choice "{choice_id}"')

    def step(self, s: Scratch, choice: Choice, entered: list[str] | None = None) -> None:
        """Take `choice` (already known to be available) on the scratch state."""
        s.prior = (tuple(s.stats), s.flags, s.visits.get(s.node, 1))
        s.via = choice.key
        s.turn += 1
        s.trail = []
        if choice.once:
            s.used.add(choice.key)
        for effect in choice.effects:
            effect.fn(s)
        self.enter(s, self.interrupt(s, s.node) or choice.goto, entered)

    def enter(self, s: Scratch, node_id: str, entered: list[str] | None = None) -> None:
        """Enter a node, then follow interrupts and `next` routing until the story rests."""
        for _ in range(MAX_HOPS):
            node = self.nodes[node_id]
            s.visits[node_id] = s.visits.get(node_id, 0) + 1
            s.last[node_id] = s.turn
            if entered is not None:
                entered.append(node_id)
            for effect in node.on_enter:
                effect.fn(s)
            target = self.interrupt(s, node_id)
            if target is None and node.next:
                target = next(r.goto for r in node.next if r.cond is None or r.cond.fn(s))
            if target is None:
                s.node = node_id
                return
            s.trail.append(node_id)
            node_id = target
        raise RoutingLoop(
            f"automatic routing did not settle after {MAX_HOPS} moves (last at {node_id})"
        )

    def interrupt(self, s: Readable, here: str) -> str | None:
        for intr in self.interrupts:
            if intr.goto != here and intr.cond.fn(s):
                return intr.goto
        return None

    def events(self, before: GameState, after: GameState, entered: list[str]) -> list[Event]:
        story = self.story
        out: list[Event] = [NodeEntered(n) for n in entered]
        for i, d in enumerate(story.stats):
            if before.stats[i] != after.stats[i]:
                out.append(StatChanged(d.name, before.stats[i], after.stats[i]))
        changed = (before.flags ^ after.flags) & ~self.silent
        for i, f in enumerate(story.flags):
            if (changed >> i) & 1:
                out.append(FlagChanged(f.name, bool((after.flags >> i) & 1)))
        ending = self.nodes[after.node].ending
        if ending:
            out.append(EndingReached(ending))
        return out
