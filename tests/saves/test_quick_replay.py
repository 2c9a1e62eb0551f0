"""The check-only replay (saves/quick.py: most steps without Machine.step) re-plays a save to
the very state the full replay reaches, and refuses a step that does not fit with the full replay's words, on
stories with interrupts, routes, on_enter effects, conditions and once-choices."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from riotgame.engine import Machine, load_story
from riotgame.engine.play.machine import RoutingLoop
from riotgame.engine.play.session import Session, Step
from riotgame.engine.saves.format import Save, save_of
from riotgame.engine.saves.quick import play_quick
from riotgame.engine.saves.replay import replay
from tests.support.random_stories import stories
from tests.support.stories import write_story


def random_save(machine: Machine, seed: int, most: int = 40) -> Save | None:
    """A save of a run choosing at random among the available choices (None: it looped)."""
    pick = random.Random(seed)
    try:
        session = Session(machine, seed)
        while not session.ended and len(session.steps) < most:
            offered = [v for v in machine.choices(session.state) if v.enabled]
            if not offered:
                break
            session.choose(pick.choice(offered).id)
    except RoutingLoop:
        return None
    return save_of(session, run="r")


def same_replays(machine: Machine, save: Save) -> None:
    full, quick = replay(save, machine), replay(save, machine, frames=False)
    assert (quick.state, quick.steps_done) == (full.state, full.steps_done)
    assert quick.divergence == full.divergence


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(written=stories(), seed=st.integers(0, 10**6))
def test_the_quick_replay_reaches_the_full_replays_state(tmp_path_factory, written, seed):
    chapter, manifest = written
    story, _ = load_story(write_story(tmp_path_factory.mktemp("s"), chapter, manifest))
    assume(story is not None)
    machine = Machine(story)
    for run in range(8):
        save = random_save(machine, seed + run)
        if save is None or not save.steps:
            continue
        assert play_quick(machine, save.seed, save.steps) == replay(save, machine).state
        same_replays(machine, save)


def test_a_step_that_does_not_fit_is_refused_as_the_full_replay_refuses_it(machine, session):
    save = save_of(session, run="r")
    steps = list(save.steps)
    steps[2] = Step(2, "s_yard", "on")  # a once-choice, taken at step 2 already
    bad = replace(save, steps=tuple(steps))
    assert play_quick(machine, bad.seed, bad.steps) is None
    quick, full = replay(bad, machine, frames=False), replay(bad, machine)
    assert quick.divergence == full.divergence and quick.divergence is not None
    assert quick.divergence.step == 3 and "no longer available" in quick.divergence.message
    assert quick.state == full.state
