"""Re-run a saved run on the current story, and report where it no longer fits.

`replay(save, machine)` re-executes the recorded steps through a Session (so through
Machine.choose: the same rules as play) and keeps every state on the way, for a replay
viewer. On the story the run was saved with, it must reach the saved snapshot exactly. On
an edited story it stops at the first step that no longer fits, or names the first part of
the final state that differs, and lists the visited nodes whose content changed.

Loading (a Session ready to play on) builds on this, in restore.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from riotgame.engine.play.machine import Machine, RoutingLoop
from riotgame.engine.play.session import Session, Step
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.saves.format import Save, Snapshot, check_story, snapshot_of
from riotgame.engine.saves.quick import play_quick, run_quick
from riotgame.engine.saves.written import same_snapshot, written_run
from riotgame.engine.story.model import Choice, Story


@dataclass(frozen=True, slots=True)
class Frame:
    """The run after `step` (None for the start): what a replay viewer shows."""

    index: int  # 0 for the start, i for the state after the i-th step
    step: Step | None
    state: GameState
    events: list[Any]  # what happened during this step (machine events)


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where the re-played run stopped matching the save."""

    step: int | None  # 1-based number of the step that failed; None: only the end state differs
    turn: int
    node: str
    choice: str
    message: str

    def line(self) -> str:
        if self.step is None:
            return f"the final state differs: {self.message}"
        return (
            f"diverges at step {self.step} (turn {self.turn}, node {self.node}, "
            f'choice "{self.choice}"): {self.message}'
        )


@dataclass
class Replay:
    save: Save
    state: GameState  # where the re-played run got to
    steps_done: int  # how many of the save's steps were re-played
    divergence: Divergence | None
    story_changed: bool  # the story's fingerprint differs from the save's
    changed_nodes: list[str] = field(default_factory=list)  # visited, text/choices edited
    removed_nodes: list[str] = field(default_factory=list)  # visited, no longer in the story
    session: Session | None = None  # with frames=True: the run, ready to play on
    frames: list[Frame] = field(default_factory=list)  # with frames=True: every state

    @property
    def ok(self) -> bool:
        return self.divergence is None


def replay(
    save: Save,
    machine: Machine,
    *,
    frames: bool = True,
    watch: Callable[[Scratch], None] | None = None,
) -> Replay:
    """Re-play `save` on `machine`'s story. Raises SaveError for a save of another story.

    With frames (the default) the run is re-played through a Session and every state is
    kept, for loading and for a replay viewer. frames=False only checks the run: it steps
    one scratch state through Machine.step, several times faster, for `replay --all` and
    for checking saves in a listing; `watch` (with frames=False) sees that state at the
    start and after each step, for play-testing reports."""
    story = machine.story
    check_story(save, story)
    session: Session | None = None
    kept: list[Frame] = []
    if frames:
        session = Session(machine, save.seed)
        kept.append(Frame(0, None, session.state, session.last_events))
        state, done, divergence = _play_session(session, save, kept)
    else:
        quick = play_quick(machine, save.seed, save.steps) if watch is None else None
        if quick is None:  # a step that does not fit (or a watch): step by step, to say where
            state, done, divergence = _play_scratch(machine, save, watch)
        else:
            state, done, divergence = quick, len(save.steps), None
    if divergence is None:
        now = snapshot_of(story, state)
        difference = "" if now == save.snapshot else compare(save.snapshot, now)
        if difference:
            divergence = Divergence(None, state.turn, state.node, "", difference)
    changed, removed = edited(story, save.node_hashes)
    return Replay(
        save,
        state,
        done,
        divergence,
        save.fingerprint != story.fingerprint,
        changed,
        removed,
        session,
        kept,
    )


def check_written(text: str, machine: Machine) -> tuple[int, str | None] | None:
    """`replay(parse_save(text), machine, frames=False)` of a save in the written shape
    when it re-plays to its own snapshot, reading only what that needs of the file (the
    steps as two columns, the snapshot compared as written): (the steps, the ending).
    None for anything else (another shape, another story, a step that does not fit,
    another state, a visited node edited since), which parse_save and replay then say."""
    run = written_run(text)
    story = machine.story
    if run is None or run.story_id != story.id:
        return None
    s = run_quick(machine, run.seed, run.nodes, run.choices)
    if s is None or not same_snapshot(run, story, s, _hashes(story)):
        return None
    return len(run.nodes), run.ending


class _Hashes(dict[str, str]):
    """Node id -> Node.content_hash, of the nodes met so far (a compiled story builds a
    node when first read)."""

    def __init__(self, story: Story):
        super().__init__()
        self.nodes = story.nodes

    def __missing__(self, node_id: str) -> str:
        digest = self[node_id] = self.nodes[node_id].content_hash  # KeyError: no such node
        return digest


def _hashes(story: Story) -> _Hashes:
    known = story.derived.get("content hashes")
    if not isinstance(known, _Hashes):
        known = story.derived["content hashes"] = _Hashes(story)
    return known


def edited(story: Story, hashes: dict[str, str]) -> tuple[list[str], list[str]]:
    """Of the nodes a save entered (node -> content hash when saved), those whose content
    changed since and those no longer in the story, in the save's order."""
    known = _hashes(story)
    for node_id in hashes.keys() - known.keys():
        node = story.nodes.get(node_id)
        if node is not None:
            known[node_id] = node.content_hash
    if hashes.items() <= known.items():  # in C: every node is there, unchanged
        return [], []
    changed = [n for n, digest in hashes.items() if n in known and known[n] != digest]
    return changed, [n for n in hashes if n not in known]


Played = tuple[GameState, int, "Divergence | None"]  # where it got, steps done, divergence


def _play_session(session: Session, save: Save, kept: list[Frame]) -> Played:
    """Re-play through a Session, keeping a Frame per step (for loading and viewing)."""
    machine, done = session.machine, 0
    for number, step in enumerate(save.steps, 1):
        choice, divergence = _find(machine, session.state, step, number)
        if choice is None:
            return session.state, done, divergence
        try:
            events = session.choose(choice.id)
        except RoutingLoop as exc:
            return session.state, done, _looped(number, step, exc)
        kept.append(Frame(number, step, session.state, events))
        done = number
    return session.state, done, None


def _play_scratch(machine: Machine, save: Save, watch: Callable[[Scratch], None] | None) -> Played:
    """Re-play one scratch state through Machine.step: the quick check."""
    scratch = machine.start(save.seed)[0].thaw()
    if watch is not None:
        watch(scratch)
    places, can_take, step_on = machine.places, machine.can_take, machine.step
    for number, step in enumerate(save.steps, 1):
        # the common case inline (the step's node and choice fit); _find says why not
        choice = places[step.node].by_id.get(step.choice) if scratch.node == step.node else None
        if choice is None or not can_take(scratch, choice):
            return scratch.freeze(), number - 1, _find(machine, scratch, step, number)[1]
        try:
            step_on(scratch, choice)
        except RoutingLoop as exc:
            return scratch.freeze(), number - 1, _looped(number, step, exc)
        if watch is not None:
            watch(scratch)
    return scratch.freeze(), len(save.steps), None


def _looped(number: int, step: Step, exc: RoutingLoop) -> Divergence:
    return Divergence(number, step.turn, step.node, step.choice, str(exc))


def _find(
    machine: Machine, s: GameState | Scratch, step: Step, number: int
) -> tuple[Choice | None, Divergence | None]:
    """(the step's Choice, None) when it still fits state `s`, else (None, Divergence)."""
    if s.node != step.node:
        return None, Divergence(
            number, step.turn, step.node, step.choice, f"the run is at {s.node} instead"
        )
    node = machine.nodes[s.node]
    for choice in machine.available(s, node):
        if choice.id == step.choice:
            return choice, None
    exists = any(c.id == step.choice for c in node.choices)
    return None, Divergence(
        number,
        step.turn,
        step.node,
        step.choice,
        "the choice is no longer available" if exists else "the choice no longer exists",
    )


def compare(saved: Snapshot, now: Snapshot) -> str:
    """The first difference between two snapshots, in words; "" when they are the same."""
    if saved.node != now.node:
        return f"the run ends at {now.node}, the save at {saved.node}"
    if saved.ending != now.ending:
        return f"the ending is {now.ending or 'none'}, the save says {saved.ending or 'none'}"
    for name in sorted(saved.stats.keys() | now.stats.keys()):
        old, new = saved.stats.get(name), now.stats.get(name)
        if old != new:
            if new is None:
                return f'the save has stat "{name}", which the story no longer has'
            if old is None:
                return f'the story has a new stat "{name}"'
            return f'stat "{name}" is {new}, the save says {old}'
    for name in sorted(set(saved.flags) ^ set(now.flags)):
        state = "set" if name in now.flags else "not set"
        return f'flag "{name}" is {state}, the save says otherwise'
    for what, before, after in (
        ("visits", saved.visits, now.visits),
        ("last entered", saved.last, now.last),
    ):
        for node in sorted(before.keys() | after.keys()):
            if before.get(node) != after.get(node):
                return (
                    f"{what} of {node} is {after.get(node, 0)}, the save says {before.get(node, 0)}"
                )
    for key in sorted(set(saved.used) ^ set(now.used)):
        return f'once-choice "{key}" differs from the save'
    if saved.turn != now.turn:
        return f"the turn is {now.turn}, the save says {saved.turn}"
    return ""
