"""Scripted plays of the shipped story for continuity tests: at the nodes a test names, the
player takes the named choice (the first one available from its list); everywhere else the
choice that leaves suspicion lowest, so the run survives to the scene under test."""

from __future__ import annotations

from riotgame import paths

STORY = paths.CHECKOUT_DIR / "story"


def suspicion(machine, state):
    return state.stats[[d.name for d in machine.story.stats].index("suspicion")]


def play(machine, wanted: dict, until: str | None = None, seed: int = 3, max_steps: int = 400):
    """Play to `until` (or an ending). Returns (text read, nodes passed, final state)."""
    state, _ = machine.start(seed)
    read, nodes = [], []

    def note(st):
        nodes.extend((*st.trail, st.node))
        for paragraph in machine.passage(st):  # a paragraph is a list of (style, text) runs
            read.append(" ".join("".join(run for _, run in paragraph).split()))

    note(state)
    for _ in range(max_steps):
        if machine.ending(state) or state.node == until:
            break
        views = [v for v in machine.choices(state) if v.enabled]
        ids = [v.id for v in views]
        pick = next((c for c in wanted.get(state.node, ()) if c in ids), None)
        if pick is None:
            pick = min(
                ids,
                key=lambda c: (
                    suspicion(machine, machine.choose(state, c)[0]),
                    machine.ending(machine.choose(state, c)[0]) is not None,
                ),
            )
        state, _ = machine.choose(state, pick)
        note(state)
    return "\n".join(read), nodes, state
