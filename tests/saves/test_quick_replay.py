"""The check-only replay (saves/quick.py: most steps without Machine.step, routed steps as random
play's far moves) re-plays a save to the very state the full replay reaches, and refuses a step
that does not fit with the full replay's words, on stories with interrupts, routes, on_enter
effects, conditions and once-choices; the check of a written file (replay.check_written, what
`replay --all` runs first) says "same" only of a file the full reader and replay find the
same, damaged where it may be."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from riotgame.engine import Machine, load_story
from riotgame.engine.play.machine import RoutingLoop
from riotgame.engine.play.session import Session, Step
from riotgame.engine.saves.format import Save, SaveError, dump_save, save_of
from riotgame.engine.saves.quick import play_quick
from riotgame.engine.saves.reading import parse_save
from riotgame.engine.saves.replay import check_written, replay
from tests.support.random_stories import MANIFEST, stories
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


def verdict(text: str, machine: Machine) -> tuple[int, str | None] | None:
    """What `replay --all` says of a file through the full reader and replay: (steps, ending)
    when it is the same, None when it diverges or cannot be read."""
    try:
        result = replay(parse_save(text), machine, frames=False)
    except SaveError:
        return None
    return (result.steps_done, result.save.snapshot.ending) if result.ok else None


def damaged(text: str, pick: random.Random) -> Iterator[str]:
    """`text` with one thing changed, for each part of the file the check reads."""
    steps = re.findall(r"(?m)^  [0-9]+ \w+ \w+$", text)
    rows = re.findall(r"(?m)^    \w+ [0-9]+ [0-9]+ \w+$", text)
    step, row = pick.choice(steps), pick.choice(rows)
    turn, node, choice = step.split()
    yield text.replace(step, f"  {turn} {node} {pick.choice(['out', 'c0', 'c1', 'c2', 'zz'])}")
    yield text.replace(step, f"  {turn} {pick.choice(['a', 'n1', 'n2', 'g'])} {choice}")
    yield re.sub(r"stats: \{x: ([0-9]+)", lambda m: f"stats: {{x: {int(m[1]) ^ 1}", text)
    name, visits, last, digest = row.split()
    for visits2, last2, digest2 in [(int(visits) + 1, last, digest), (visits, int(last) ^ 1, digest),
                                    (visits, last, "0123456789abcdef")]:  # fmt: skip
        yield text.replace(row, f"    {name} {visits2} {last2} {digest2}")
    yield text.replace(row + "\n", "")  # a node never entered
    yield text.replace(row, f"{row}\n{row}")  # written twice
    yield text.replace(row, f"{row}\n    zz 1 0 0123456789abcdef")  # a node not in the story
    yield text.replace("  flags: [f]", "  flags: []") if "flags: [f]" in text else (
        text.replace("  flags: []", "  flags: [f]"))  # fmt: skip
    yield text.replace("  used: [", "  used: [a/c0, ", 1).replace(", ]", "]")
    yield re.sub(r"  ending: \w+", f"  ending: {pick.choice(['null', 'good', 'caught'])}", text)
    yield re.sub(r"  node: \w+", f"  node: {pick.choice(['a', 'n1', 'n2', 'g'])}", text)
    yield re.sub(r"seed: ([0-9]+)", lambda m: f"seed: {int(m[1]) + 1}", text)
    yield text.replace("story: {id: t,", "story: {id: u,")


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(written=stories(), seed=st.integers(0, 10**6))
def test_the_check_of_a_written_file_says_same_only_when_the_full_replay_does(
    tmp_path_factory, written, seed
):
    chapter, manifest = written
    story, _ = load_story(write_story(tmp_path_factory.mktemp("s"), chapter, manifest))
    assume(story is not None)
    machine = Machine(story)
    for run in range(6):
        save = random_save(machine, seed + run)
        if save is None or not save.steps:
            continue
        text = dump_save(save)
        assert check_written(text, machine) == verdict(text, machine) is not None
        for bad in damaged(text, random.Random(seed + run)):
            quick = check_written(bad, machine)
            assert quick is None or quick == verdict(bad, machine)


ROUTED = """\
nodes:
  a:
    text: A.
    choices:
      - {id: push, text: Push, effects: ['x += 30'], goto: r}
      - {id: end, text: End, goto: g}
  r:
    text: R.
    on_enter: ['y -= 5']
    next:
      - {if: 'x >= 30', goto: a}
      - {goto: g}
  h:
    text: H.
    on_enter: ['flags.f = true']
    choices:
      - {id: end, text: End, goto: g}
  g: {text: G., ending: good}
  caught: {text: C., ending: caught}
"""


@pytest.mark.parametrize(
    "interrupt, steps",
    [
        ("x >= 60", 3),  # fires on the second push's effects: r is not entered
        ("y <= 40", 3),  # fires on r's on_enter, the second time: its routes are not followed
        ("x >= 200", 4),  # never: three pushes, each routed back to a, then the end
    ],
)
def test_an_interrupt_on_a_routed_step_is_taken_where_the_machine_takes_it(
    tmp_path, interrupt, steps
):
    once = f"interrupts:\n  - {{if: '{interrupt} and not flags.f', goto: h}}\nfiles:"
    machine = Machine(
        load_story(write_story(tmp_path, ROUTED, MANIFEST.replace("files:", once)))[0]
    )
    session = Session(machine, 1)
    while session.state.node == "a" and len(session.steps) < 3:
        session.choose("push")
    session.choose("end")
    save = save_of(session, run="r")
    assert (len(save.steps), save.snapshot.ending) == (steps, "good")
    assert play_quick(machine, save.seed, save.steps) == replay(save, machine).state
    assert check_written(dump_save(save), machine) == (steps, "good")


def test_a_snapshot_whose_ending_lies_is_not_the_same(machine, session):
    text = dump_save(save_of(session, run="r"))
    lying = text.replace("  ending: null\n", "  ending: free\n")
    assert check_written(lying, machine) is None
    result = replay(parse_save(lying), machine, frames=False)
    assert result.divergence is not None
    assert result.divergence.message == "the ending is none, the save says free"
