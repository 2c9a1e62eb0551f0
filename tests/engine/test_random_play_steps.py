"""Random play takes the machine's steps: its report is the one the public API gives for the
same picks, on stories with interrupts, routes, on_enter effects and once-choices (random
play steps some choices inline, analysis/moves.py, and works out which choices a node offers
by the signature of its conditions, analysis/menus.py: it must never part from the rules)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from riotgame.engine import Machine, load_story
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import RoutingLoop
from tests.support.stories import write_story

MANIFEST = """\
id: t
title: T
start: a
stats:
  x: {min: 0, max: 100, initial: 0}
  y: {min: 0, max: 100, initial: 50}
flags:
  f: F
endings:
  - {id: good, title: Good}
  - {id: bad, title: Bad}
  - {id: caught, title: Caught}
files: [one.yaml]
"""
INTERRUPTS = st.sampled_from(  # the last two make every choice take the machine's step
    [
        "x >= 60",
        "y <= 20",
        "flags.f and x > 30",
        'visited("n1") > 2',
        'turns_since("a") > 6',
        "chance(5)",
    ]
)
EFFECTS = st.sampled_from(["x += 30", "x -= 10", "y += 15", "y -= 20", "flags.f = true",
                           "flags.f = not flags.f", "x = y"])  # fmt: skip
CONDITIONS = st.sampled_from(["x >= 10", "x < 40", "y > 60", "flags.f", "not flags.f",
                              'visited("n2") > 0'])  # fmt: skip

OUT = 'x >= 50 or y >= 80 or turns_since("a") > 8'  # most runs end, after a few choices


@st.composite
def stories(draw):
    """A manifest with 0-2 interrupts and a chapter of 3-6 nodes: choices with `if`,
    `disabled_if`, `once` and effects; some nodes route on with `next` or have on_enter."""
    size = draw(st.integers(3, 6))
    targets = [f"n{j}" for j in range(size)] * 3 + ["b"]  # an ending now and then
    lines = ["nodes:"]
    for i in range(size):
        lines += [f"  n{i}:", "    text: T."]
        if draw(st.booleans()):
            lines.append(f"    on_enter: ['{draw(EFFECTS)}']")
        if i and draw(st.integers(0, 3)) == 0:  # a routing node
            lines += ["    next:", f"      - {{if: '{draw(CONDITIONS)}', goto: {draw(st.sampled_from(targets))}}}",
                      f"      - {{goto: {draw(st.sampled_from(targets))}}}"]  # fmt: skip
            continue
        lines += ["    choices:", f"      - {{id: out, text: Out, if: '{OUT}', goto: g}}"]
        for c in range(draw(st.integers(1, 3))):
            lines += [f"      - id: c{c}", "        text: C."]
            if draw(st.booleans()):
                lines.append(f"        if: '{draw(CONDITIONS)}'")
            if draw(st.booleans()):
                lines += [f"        disabled_if: '{draw(CONDITIONS)}'", "        reason: R."]
            if draw(st.booleans()):
                lines.append("        once: true")
            lines.append(f"        effects: ['{draw(EFFECTS)}']")
            lines.append(f"        goto: {draw(st.sampled_from(targets))}")
    lines += ["  g: {text: G., ending: good}", "  b: {text: B., ending: bad}",
              "  caught: {text: C., ending: caught}"]  # fmt: skip
    intr = draw(st.lists(INTERRUPTS, min_size=1, max_size=2, unique=True))
    to = draw(st.sampled_from(["caught", "n1"]))  # an ending, or a node runs go on from
    manifest = MANIFEST + "".join(
        f"{'interrupts:' if k == 0 else ''}\n  - {{if: '{c}', goto: {to}}}"
        for k, c in enumerate(intr)
    )
    return "\n".join(lines).replace("n0", "a") + "\n", manifest + "\n"


class Capped:
    """A RunLog that cuts runs at `max_steps`: random play then draws at every choice."""

    def __init__(self, max_steps):
        self.max_steps = max_steps

    def ended(self, path, ending, stuck):
        return False


def count_gates(node, state, gates):
    """What showing `node`'s choices in `state` evaluates: each choice's `if` unless it is a
    used once-choice, then its `disabled_if` where the `if` held (gates: place -> counts)."""
    for c in node.choices:
        if c.once and c.key in state.used:
            continue
        held = True
        if c.cond is not None:
            held = bool(c.cond.fn(state))
            count_gate(gates, c.cond, held)
        if held and c.disabled is not None:
            count_gate(gates, c.disabled, bool(c.disabled.fn(state)))


def count_gate(gates, cond, true):
    counts = gates.setdefault(cond.where, [0, 0])
    counts[0] += 1
    counts[1] += true


def api_report(story, runs, seed, max_steps=5_000):
    """What random_play reports, played through start/choices/choose with its picks (with
    a cap on steps, as a Capped log plays them: a draw even at a single choice), and what
    a Tally counts of the choices: the times each was taken and each gate of theirs."""
    machine, pick = Machine(story), random.Random(seed)
    endings, seen, taken, steps, stuck, loops = Counter(), set(), set(), 0, [], []
    times, gates = Counter(), {}
    for run in range(runs):
        state, _ = machine.start(seed * 1_000_003 + run)
        try:
            for _ in range(max_steps):
                count_gates(machine.node(state), state, gates)
                if machine.ending(state):
                    endings[machine.ending(state)] += 1
                    break
                offered = [v for v in machine.choices(state) if v.enabled]
                if not offered:
                    stuck.append((run, state.node))
                    break
                capped = max_steps < 5_000
                one = len(offered) == 1 and not capped
                view = offered[0] if one else offered[pick.randrange(len(offered))]
                taken.add(f"{state.node}/{view.id}")
                times[f"{state.node}/{view.id}"] += 1
                state, _ = machine.choose(state, view.id)
        except RoutingLoop:
            loops.append(run)
            continue
        seen.update(state.visits)
        steps += state.turn
    return (endings, seen, taken, steps, stuck, loops), (times, gates)


def same_runs(story, runs, log):
    """random_play, with and without a Tally, reports what the public API plays, and the
    Tally counts the choices and their gates the API's runs took and evaluated."""
    (endings, seen, taken, steps, stuck, loops), (times, gates) = api_report(
        story, runs, 5, log.max_steps if log else 5_000
    )
    for tally in (None, Tally()):
        report = random_play(story, runs, seed=5, tally=tally, log=log)
        assert report.endings == endings and report.softlocks == stuck
        assert [run for run, _, _ in report.loops] == loops
        assert report.choices_taken == taken
        if not loops:  # a looped run's visits and turns are where the loop stopped it
            assert report.nodes_seen == seen and report.steps_total == steps
    counted = {(g.path, g.line, g.col): [g.evaluated, g.true] for g in tally.gates}
    assert tally.taken == times
    assert {where: counted.get(where) for where in gates} == gates


@pytest.mark.slow
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(written=stories())
def test_random_play_reports_the_runs_the_public_api_plays(tmp_path_factory, written):
    chapter, manifest = written
    story, _ = load_story(write_story(tmp_path_factory.mktemp("s"), chapter, manifest))
    assume(story is not None)
    same_runs(story, 30, Capped(60))
    same_runs(story, 5, None)
