"""riotgame's three ways to play random runs, as runtimes_bench.py times them.

- `random_play`: what `riotgame explore --random` runs (with a Tally: reach and gates on);
- `step_loop`: a bare loop over `Machine.available` and `Machine.step` on one Scratch;
- `api_loop`: the public API, `start` / `choices` / `choose`, immutable states and events,
  as the UI, the web build and an embedder play.

The loops pick as random_play and the reference engine do (the numbers of
`random.Random(seed).randrange`, drawn with `getrandbits` inline, a draw only where more
than one choice can be taken), so all of them play the same runs and the cost of drawing
is the same in every loop. With `trace`, each step appends (node, keys offered, key
taken) and each run ("end", its ending, or the node where it got stuck, or None).
"""

from __future__ import annotations

import random
from typing import Any

from riotgame.engine.analysis.explore import MAX_STEPS
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import Scratch
from riotgame.engine.story.model import Story


def step_loop(story: Story, runs: int, seed: int = 1, trace: list[Any] | None = None) -> int:
    """Steps taken by `runs` runs through Machine.step."""
    machine, nodes = Machine(story), story.nodes
    getrandbits = random.Random(seed).getrandbits
    steps = 0
    for run in range(runs):
        s = Scratch.start(story, seed * 1_000_003 + run)
        machine.enter(s, s.node)
        outcome = None
        for _ in range(MAX_STEPS):
            node = nodes[s.node]
            if node.ending:
                outcome = node.ending
                break
            options = machine.available(s, node)
            if not options:
                outcome = s.node
                break
            if (n := len(options)) > 1:  # random.randrange(n), without its two calls
                k = n.bit_length()
                i = getrandbits(k)
                while i >= n:
                    i = getrandbits(k)
                choice = options[i]
            else:
                choice = options[0]
            if trace is not None:
                trace.append((s.node, [c.key for c in options], choice.key))
            machine.step(s, choice)
        if trace is not None:
            trace.append(("end", outcome))
        steps += s.turn
    return steps


def api_loop(story: Story, runs: int, seed: int = 1, trace: list[Any] | None = None) -> int:
    """Steps taken by `runs` runs through start / choices / choose."""
    machine = Machine(story)
    getrandbits = random.Random(seed).getrandbits
    steps = 0
    for run in range(runs):
        state, _ = machine.start(seed * 1_000_003 + run)
        outcome = None
        for _ in range(MAX_STEPS):
            ending = machine.ending(state)
            if ending:
                outcome = ending
                break
            offered = machine.choices(state).enabled
            if not offered:
                outcome = state.node
                break
            if (n := len(offered)) > 1:  # random.randrange(n), without its two calls
                k = n.bit_length()
                i = getrandbits(k)
                while i >= n:
                    i = getrandbits(k)
                view = offered[i]
            else:
                view = offered[0]
            if trace is not None:
                keys = [f"{state.node}/{v.id}" for v in offered]
                trace.append((state.node, keys, f"{state.node}/{view.id}"))
            state, _ = machine.choose(state, view.id)
        if trace is not None:
            trace.append(("end", outcome))
        steps += state.turn
    return steps
