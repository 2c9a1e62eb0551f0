"""Random play takes the machine's steps: its report is the one the public API gives for the
same picks, on stories with interrupts, routes, on_enter effects and once-choices (random
play steps some choices inline, analysis/moves.py, and works out which choices a node offers
by the signature of its conditions, analysis/menus.py: it must never part from the rules)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings

from riotgame.engine import Machine, load_story
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import RoutingLoop
from tests.support.random_stories import MANIFEST, stories
from tests.support.stories import write_story


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


# Far moves (analysis/moves.py: constant effects through `next` routes and `on_enter`),
# each story a case one of their rules is for: random play must play the API's runs.
ROUTED = "    next: [{goto: a}]\n"
FAR = {
    # on_enter writes what the interrupt reads: it fires on the way, at r
    "fires on the way": ("x >= 60", "caught", "    on_enter: ['x += 30']\n" + ROUTED, ""),
    # the run comes back to `a` through r: the turn `a` was entered counts (turns_since)
    "entered on the way": ("y <= 0", "caught", ROUTED, ""),
    # an interrupt reads the visits of a node on the way: the machine's step
    "visits read": ('visited("r") > 2', "caught", ROUTED, ""),
    # the interrupt leads to r itself (it does not fire there, then does at `a`: a loop)
    "leads on the way": ("x >= 60", "r", "    on_enter: ['x += 30']\n" + ROUTED, ""),
    # the choice's effects make the interrupt fire as it is taken
    "fires as it is taken": ("y >= 60", "caught", ROUTED, ""),
    # by a condition, then always, through on_enter effects that are not constant
    "routes and effects": (
        "y <= 20",
        "caught",
        "    on_enter: ['x = y']\n    next: [{if: 'x > 55', goto: q}, {goto: a}]\n",
        "  q:\n    text: Q.\n    on_enter: ['y -= 40']\n    next: [{goto: a}]\n",
    ),
}


@pytest.mark.parametrize("case", list(FAR))
def test_random_play_takes_far_moves_as_the_machine_steps(tmp_path, case):
    interrupt, goto, routing, more = FAR[case]
    chapter = (
        "nodes:\n  a:\n    text: A.\n    choices:\n"
        '      - {id: out, text: Out, if: \'turns_since("a") > 3 or visited("r") > 6 or y > 95\', goto: g}\n'
        "      - {id: go, text: Go, effects: ['y += 2'], goto: r}\n"
        "      - {id: stay, text: Stay, effects: ['y += 1'], goto: a}\n"
        f"  r:\n    text: R.\n{routing}{more}"
        "  g: {text: G., ending: good}\n  b: {text: B., ending: bad}\n"
        "  caught: {text: C., ending: caught}\n"
    )
    manifest = MANIFEST + f"interrupts:\n  - {{if: '{interrupt}', goto: {goto}}}\n"
    story, _ = load_story(write_story(tmp_path, chapter, manifest))
    assert story is not None
    same_runs(story, 40, Capped(40))
    same_runs(story, 40, None)
