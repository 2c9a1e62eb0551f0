"""The machine's quick step (state to state) against its full step (thaw, step, freeze),
and the shared visit tables (Counts) against plain dicts."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riotgame.engine.play.counts import Counts
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import GameState
from riotgame.engine.story.loader import load_story
from tests.support.stories import MINI, write_story

SHIPPED = Path(__file__).resolve().parents[2] / "story"


def _machine(root: Path) -> Machine:
    story, problems = load_story(root)
    assert story is not None, problems
    return Machine(story)


def _full_step(machine: Machine, state: GameState, choice_id: str):
    """What `choose` gives when every step goes through the Scratch."""
    c = machine.places[state.node].by_id[choice_id]
    scratch = state.thaw()
    entered: list[str] = []
    machine.step(scratch, c, entered)
    new = scratch.freeze()
    return new, machine.events(state.stats, state.flags, new, entered)


@pytest.mark.parametrize("root", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_quick_and_full_steps_agree(root):
    """Random runs: every choice taken gives the same state (every field, the visit tables
    as mappings in the same order) and the same events both ways, and the quick step is
    taken on most of them (so this compares something)."""
    machine = _machine(root)
    rng = random.Random(7)
    quick = steps = 0
    for run in range(60):
        state, _ = machine.start(seed=run)
        for _ in range(300):
            offered = [v.id for v in machine.choices(state) if v.enabled]
            if not offered or machine.ending(state):
                break
            choice_id = rng.choice(offered)
            c = machine.places[state.node].by_id[choice_id]
            quick += machine._quick(state, c) is not None
            expected, expected_events = _full_step(machine, state, choice_id)
            state, events = machine.choose(state, choice_id)
            assert state == expected and events == expected_events
            assert list(state.visits.items()) == list(expected.visits.items())
            assert list(state.last.items()) == list(expected.last.items())
            steps += 1
    assert steps > 100 and quick > steps // 4, (steps, quick)


def test_earlier_states_keep_their_tables():
    """States of a run share their tables: an earlier state still reads its own counts."""
    machine = _machine(SHIPPED)
    states = [machine.start(seed=1)[0]]
    rng = random.Random(3)
    for _ in range(120):
        offered = [v.id for v in machine.choices(states[-1]) if v.enabled]
        if not offered:
            break
        states.append(machine.choose(states[-1], rng.choice(offered))[0])
    replayed = [machine.start(seed=1)[0]]
    for before, after in itertools.pairwise(states):
        replayed.append(machine.choose(replayed[-1], after.via[len(before.node) + 1 :])[0])
        assert dict(replayed[-2].visits) == dict(before.visits)
    assert [dict(s.visits) for s in replayed] == [dict(s.visits) for s in states]
    assert [dict(s.last) for s in replayed] == [dict(s.last) for s in states]


@given(st.lists(st.tuples(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), st.integers(0, 9))))
def test_counts_read_as_the_dict_they_stand_for(changes):
    table, plain = Counts(), {}
    history = []
    for key, value in changes:
        table = table.set(key, value)
        plain[key] = value
        history.append((table, dict(plain)))
    for counts, expected in history:  # every earlier table is unchanged
        assert counts == expected and expected == counts
        assert list(counts) == list(expected) and list(counts.items()) == list(expected.items())
        assert len(counts) == len(expected) and counts.to_dict() == expected
        for key in "abcz":
            assert (key in counts) == (key in expected)
            assert counts.get(key, -1) == expected.get(key, -1)
    assert Counts(plain) == table and repr(table) == repr(plain)


def test_an_interrupt_on_entering_the_target_is_taken_by_both_steps(tmp_path):
    """An interrupt that reads visits fires once the target is entered (where enter()
    checks it): the quick step must leave that move to the full step."""
    root = write_story(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: walk, text: Walk, goto: b}
          b:
            text: B.
            choices:
              - {id: back, text: Back, goto: a}
          caught: {text: Caught., ending: caught}
        """,
        """\
        id: t
        title: T
        start: a
        interrupts:
          - {if: visited("a") >= 3, goto: caught}
        endings:
          - {id: caught, title: Caught}
        files: [one.yaml]
        """,
    )
    machine = _machine(root)
    state, _ = machine.start(seed=1)
    for choice_id in ["walk", "back", "walk"]:
        state, _ = machine.choose(state, choice_id)
    expected, expected_events = _full_step(machine, state, "back")
    assert expected.node == "caught" and expected.visits["a"] == 3
    assert machine.choose(state, "back") == (expected, expected_events)


def _unfolded(machine: Machine) -> Machine:
    """The same story's machine with the interrupt check unfolded: every step asks every
    interrupt before and after entering, as when one reads visits."""
    other = Machine(machine.story)
    other.alarms = None
    return other


@pytest.mark.parametrize("seed", range(3))
def test_one_look_at_interrupts_that_read_stats_only_changes_nothing(seed):
    """The shipped story's interrupt reads a stat only, so a step looks at it once: runs
    played both ways (public API and scratch steps) reach the same states and events."""
    folded = _machine(SHIPPED)
    assert folded.alarms is not None and folded.interrupts
    unfolded, rng = _unfolded(folded), random.Random(seed)
    for run in range(20):
        state, _ = folded.start(seed=run)
        scratch = state.thaw()
        for _ in range(300):
            offered = [v.id for v in folded.choices(state) if v.enabled]
            if not offered or folded.ending(state):
                break
            choice_id = rng.choice(offered)
            expected = unfolded.choose(state, choice_id)
            state, events = folded.choose(state, choice_id)
            assert (state, events) == expected
            mirror = scratch.freeze().thaw()
            unfolded.step(mirror, folded.places[scratch.node].by_id[choice_id])
            folded.step(scratch, folded.places[scratch.node].by_id[choice_id])
            assert scratch.freeze() == mirror.freeze() == state


def test_an_interrupt_back_to_the_node_left_fires_once_the_target_is_entered(tmp_path):
    """An interrupt whose target is the node a choice leaves is not taken before the
    choice's target is entered, but once it is (where enter() checks): the folded check
    must leave that step to the full one and land where the unfolded check does."""
    root = write_story(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: push, text: Push, effects: [suspicion += 60], goto: b}
          b:
            text: B.
            choices:
              - {id: back, text: Back, goto: a}
        """,
        """\
        id: t
        title: T
        start: a
        stats:
          suspicion: {min: 0, max: 100, initial: 0}
        interrupts:
          - {if: suspicion >= 50, goto: a}
        endings: []
        files: [one.yaml]
        """,
    )
    machine = _machine(root)
    assert machine.alarms is not None
    state, _ = machine.start(seed=1)
    expected = _unfolded(machine).choose(state, "push")
    assert machine._quick(state, machine.places["a"].by_id["push"]) is None
    assert machine.choose(state, "push") == expected
    assert expected[0].node == "a" and expected[0].trail == ("b",)
