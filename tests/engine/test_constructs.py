"""Inline conditions, chains, variation, replies, chosen text, silent flags, named
conditions and `before.`: played through the machine and the plain player."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from riotgame.engine.play.machine import FlagChanged, Machine
from riotgame.engine.play.session import Session
from riotgame.engine.story.loader import load_story
from riotgame.engine.story.text import pick, plain
from riotgame.plain import PlainPlayer
from tests.support.stories import FIXTURES

CORPUS = sorted(p for p in (FIXTURES / "constructs").iterdir() if p.is_dir())


def machine(root: Path) -> Machine:
    story, problems = load_story(root)
    assert story is not None, problems
    assert problems == []
    return Machine(story)


def transcript(root: Path, seed: int, answers: str) -> str:
    m = machine(root)
    out = io.StringIO()
    PlainPlayer(Session(m, seed), out, io.StringIO(answers)).run(show_note=False)
    return out.getvalue()


@pytest.mark.parametrize("root", CORPUS, ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [1, 7, 123456])
def test_the_same_seed_gives_the_same_words_every_time(root, seed):
    answers = "1\n" * 12 + "2\n" * 12
    assert transcript(root, seed, answers) == transcript(root, seed, answers)


def test_first_visit_then_cycle_and_inline_branches():
    m = machine(FIXTURES / "constructs/yard")
    state, _ = m.start(3)
    assert plain(m.passage(state)) == (
        "The yard is wide and grey. Nobody looks at you.\n\nYou are calm."
    )
    state, _ = m.choose(state, "knife")
    # the reply first, reading the value before the effect, then the hub's return text, whose
    # cycle counts returns: its first item on the first return
    assert plain(m.passage(state)) == (
        "It was 10; now 35. You feel its weight.\n\nThe yard again.\n\nSuspicion is 35, past 30."
    )
    state, _ = m.choose(state, "knife")
    assert plain(m.passage(state)).startswith(
        "It was 35; now 60. Nothing new.\n\nStill the yard, and eyes on you."
    )


def test_button_text_and_recorded_text_differ_and_never_reroll():
    m = machine(FIXTURES / "constructs/yard")
    state, _ = m.start(3)
    view = next(v for v in m.choices(state) if v.id == "knife")
    assert plain(view.text) == "Take the knife"
    assert plain(view.chosen) == "You take the knife."
    state, _ = m.choose(state, "knife")
    view = next(v for v in m.choices(state) if v.id == "knife")
    assert plain(view.text) == "Take it again"  # once: the second visit's variant


def test_a_silent_flag_is_never_announced():
    m = machine(FIXTURES / "constructs/yard")
    state, _ = m.start(3)
    _, events = m.choose(state, "knife")
    assert [e.name for e in events if isinstance(e, FlagChanged)] == ["armed"]


def test_named_conditions_gate_choices():
    m = machine(FIXTURES / "constructs/yard")
    state, _ = m.start(3)
    assert [v.id for v in m.choices(state)] == ["knife", "out"]  # calm holds


@pytest.mark.parametrize("kind", ["seq", "cycle", "shuffle", "once", "first"])
def test_pick_is_a_pure_function_of_seed_site_and_visit(kind):
    picks = [pick(kind, 3, 42, 99, v) for v in range(1, 10)]
    assert picks == [pick(kind, 3, 42, 99, v) for v in range(1, 10)]
    expected = {
        "seq": [0, 1, 2, 2, 2, 2, 2, 2, 2],
        "cycle": [0, 1, 2, 0, 1, 2, 0, 1, 2],
        "once": [0, 1, 2, None, None, None, None, None, None],
        "first": [0, 1, 1, 1, 1, 1, 1, 1, 1],
    }
    if kind == "shuffle":  # every variant once in each round of three visits
        assert sorted(picks[:3]) == sorted(picks[3:6]) == [0, 1, 2]
    else:
        assert picks == expected[kind]


def test_a_woven_node_gives_every_step_a_stable_id_and_rejoins_at_the_gather():
    m = machine(FIXTURES / "constructs/weave")
    state, _ = m.start(2)
    state, _ = m.choose(state, "noon")
    assert state.node == "talk__noon"
    assert [v.id for v in m.choices(state)] == ["press", "nod"]
    state, _ = m.choose(state, "nod")
    assert state.node == "talk__"
    assert plain(m.passage(state)) == (
        "He nods back, almost kindly.\n\nHe turns back to the window. Trust is 5, was 5."
    )
    quiet = m.choose(m.start(2)[0], "quiet")[0]
    assert quiet.node == "talk__"
    assert plain(m.passage(quiet)).startswith("The silence holds.\n\nHe shrugs.")
