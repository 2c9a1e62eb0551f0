"""The machine: choices, routing, interrupts, clamping, events, determinism, immutability."""

from __future__ import annotations

from dataclasses import fields

import pytest

from riotgame.engine.play.machine import (
    ChoiceError,
    EndingReached,
    FlagChanged,
    Machine,
    NodeEntered,
    RoutingLoop,
    StatChanged,
)
from riotgame.engine.play.state import GameState, Scratch
from riotgame.engine.story.loader import load_story
from riotgame.engine.story.text import plain
from tests.support.stories import MINI, write_story


@pytest.fixture(scope="module")
def mini():
    story, problems = load_story(MINI)
    assert story is not None, problems
    return Machine(story)


def ids(machine, state):
    return [(v.id, v.enabled, v.reason) for v in machine.choices(state)]


def test_start(mini):
    state, events = mini.start(seed=3)
    assert (state.node, state.stats, state.flags, state.turn, state.seed) == (
        "gate",
        (10, 5),
        0,
        0,
        3,
    )
    assert events == [NodeEntered("gate")]
    assert plain(mini.passage(state)).startswith("The gate slams behind you. Suspicion is 10.")


def test_choose_applies_effects_and_reports_events(mini):
    state, _ = mini.start()
    new, events = mini.choose(state, "disguise")
    assert new.node == "yard" and new.turn == 1 and new.stats == (5, 5)
    assert events == [
        NodeEntered("yard"),
        StatChanged("suspicion", 10, 5),
        FlagChanged("disguised", True),
    ]
    assert mini.story.flags_set(new) == ["disguised"]


def test_states_are_immutable(mini):
    state, _ = mini.start()
    snapshot = (state.node, state.stats, state.flags, dict(state.visits), state.turn)
    mini.choose(state, "disguise")
    mini.choose(state, "shout")
    assert (state.node, state.stats, state.flags, dict(state.visits), state.turn) == snapshot
    with pytest.raises(AttributeError):
        state.node = "yard"


def test_a_state_thaws_and_freezes_with_every_field(mini):
    """GameState and Scratch list the same fields in order, and a round trip keeps each:
    a field added to one and not the other, or left out of thaw/freeze, fails here."""
    assert list(GameState._fields) == [f.name for f in fields(Scratch)]
    state, _ = mini.start(seed=5)
    state, _ = mini.choose(state, "disguise")  # a state with a prior, a via and visits
    full = state._replace(used=frozenset({"gate/x"}), trail=("gate",), last={"gate": 0})
    for name in GameState._fields:
        assert getattr(full, name) != getattr(GameState(node="", stats=()), name), name
    thawed = full.thaw()
    assert thawed.trail == []  # a step starts with no nodes passed through
    thawed.trail = list(full.trail)
    assert thawed.freeze() == full


def test_if_disabled_and_once(mini):
    state, _ = mini.choose(mini.start()[0], "disguise")
    assert ids(mini, state) == [
        ("look", True, ""),
        ("lie", True, ""),
        ("lead", False, "The boss does not trust you yet."),
        ("leave", True, ""),
    ]
    state, _ = mini.choose(state, "look")  # once: gone after use
    assert [v.id for v in mini.choices(state)] == ["lie", "lead", "leave"]
    state, events = mini.choose(state, "lie")  # `if: not flags.lied` hides it now
    assert [v.id for v in mini.choices(state)] == ["lead", "leave"]
    assert StatChanged("trust.boss", 15, 35) in events
    assert ids(mini, state)[0] == ("lead", True, "")  # trust 35 >= 30: enabled
    state, events = mini.choose(state, "lead")
    assert events[-1] == EndingReached("boss") and mini.ending(state) == "boss"


def test_choice_errors(mini):
    state, _ = mini.choose(mini.start()[0], "disguise")
    with pytest.raises(ChoiceError, match="not available"):
        mini.choose(state, "lead")  # disabled
    with pytest.raises(ChoiceError, match="no choice"):
        mini.choose(state, "fly")
    used, _ = mini.choose(state, "look")
    with pytest.raises(ChoiceError):
        mini.choose(used, "look")  # a once-choice already taken


def test_next_routing(mini):
    state, _ = mini.choose(mini.start()[0], "disguise")
    state, events = mini.choose(state, "leave")
    assert state.node == "free"
    assert events[:2] == [NodeEntered("exit_route"), NodeEntered("free")]
    assert events[-1] == EndingReached("free")
    assert state.visits == {"gate": 1, "yard": 1, "exit_route": 1, "free": 1}


def test_interrupt_redirects_and_stats_clamp(mini):
    state, events = mini.choose(mini.start()[0], "shout")  # 10 + 95 -> clamped to 100
    assert state.stats[0] == 100
    assert state.node == "caught"  # the interrupt fired instead of goto: yard
    assert "yard" not in state.visits
    assert events == [
        NodeEntered("caught"),
        StatChanged("suspicion", 10, 100),
        EndingReached("caught"),
    ]


INTERRUPTS = """\
id: t
title: T
start: a
stats:
  suspicion: {min: 0, max: 100, initial: 0}
  luck: {min: 0, max: 10, initial: 0}
flags:
  seen: Seen
interrupts:
  - if: suspicion >= 100
    goto: cornered
endings: [{id: done, title: Done}]
files: [one.yaml]
"""

INTERRUPT_NODES = """\
nodes:
  a:
    text: Start.
    choices:
      - {id: wait, text: Wait, goto: a, effects: [suspicion += 10]}
      - {id: blow, text: Blow cover, goto: b, effects: [suspicion = 100]}
      - {id: roll, text: Roll, goto: a, effects: [luck = 0, flags.seen = chance(50)]}
      - {id: count, text: Count, goto: counted}
      - {id: loop, text: Loop, goto: loop1}
  b:
    text: Never shown while cornered.
    ending: done
  counted:
    text: "Visited a {luck} times."
    on_enter: [luck = visited("a")]
    next:
      - if: turns_since("a") == 1
        goto: a
      - goto: b
  cornered:
    text: Cornered.
    on_enter: [suspicion += 1]
    choices:
      - {id: stay, text: Stay, goto: cornered}
      - {id: calm, text: Calm down, goto: b, effects: [suspicion = 0]}
  loop1:
    text: Round.
    next:
      - {if: luck >= 0, goto: loop2}
      - goto: b
  loop2:
    text: And round.
    next: [loop1]
"""


@pytest.fixture(scope="module")
def machine(tmp_path_factory):
    root = write_story(tmp_path_factory.mktemp("m") / "s", INTERRUPT_NODES, INTERRUPTS)
    story, problems = load_story(root)
    assert story is not None, problems
    return Machine(story)


def test_interrupt_fires_from_anywhere_and_never_again_at_its_target(machine):
    state, _ = machine.start()
    state, events = machine.choose(state, "blow")
    assert state.node == "cornered" and state.visits.get("b") is None
    # on_enter pushes suspicion further; being at the target does not re-fire the interrupt
    assert state.visits["cornered"] == 1 and state.stats[0] == 100
    state, _ = machine.choose(state, "stay")
    assert state.node == "cornered" and state.visits["cornered"] == 2
    state, events = machine.choose(state, "calm")  # suspicion 0: the way out is open
    assert state.node == "b" and events[-1] == EndingReached("done")


def test_interrupt_after_several_choices(machine):
    state, _ = machine.start()
    for _ in range(9):
        state, _ = machine.choose(state, "wait")
    assert state.node == "a" and state.stats[0] == 90
    state, _ = machine.choose(state, "wait")
    assert state.node == "cornered"


def test_visited_and_turns_since(machine):
    state, _ = machine.start()
    state, _ = machine.choose(state, "wait")  # a entered twice, last at turn 1
    state, events = machine.choose(state, "count")  # turn 2: turns_since("a") == 1
    assert NodeEntered("counted") in events and state.node == "a"
    assert state.stats[1] == 2  # visited("a") was 2 when counted was entered
    assert state.visits["a"] == 3 and state.last["a"] == 2


def test_chance_is_deterministic_for_a_seed(machine):
    def run(seed):
        state, _ = machine.start(seed)
        out = []
        for _ in range(30):
            state, _ = machine.choose(state, "roll")
            out.append(state.flags & 1)
        return out

    assert run(11) == run(11)
    assert run(11) != run(12)
    assert 0 < sum(run(11)) < 30


def test_a_conditional_routing_loop_raises_instead_of_hanging(machine):
    state, _ = machine.start()
    with pytest.raises(RoutingLoop):
        machine.choose(state, "loop")
