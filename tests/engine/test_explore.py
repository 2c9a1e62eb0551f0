"""Random play and the exhaustive search, through their public functions and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from riotgame.engine import Machine, load_story
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.analysis.search import exhaustive
from tests.support.stories import MINI, write_story

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
files: [one.yaml]
"""


def load(tmp_path, chapter, manifest=MANIFEST):
    story, problems = load_story(write_story(tmp_path / "s", chapter, manifest))
    assert story is not None, problems
    return story


def replays_to(story, path, ending):
    """A reported path is a real run: taking its choices reaches the ending."""
    machine = Machine(story)
    state, _ = machine.start(1)
    for node, choice in path:
        assert state.node == node
        state, _ = machine.choose(state, choice)
    return machine.ending(state) == ending


def test_random_play_counts_every_run_and_is_reproducible():
    story, _ = load_story(MINI)
    first = random_play(story, 500, seed=7)
    again = random_play(story, 500, seed=7)
    assert sum(first.endings.values()) + len(first.softlocks) + first.cut_short == 500
    assert first.endings == again.endings
    assert first.unseen_nodes == [] and first.untaken_choices == []
    other = random_play(story, 500, seed=8)
    assert other.endings != first.endings  # another seed, other runs


def test_exhaustive_finds_each_ending_with_a_path_that_replays():
    story, _ = load_story(MINI)
    report = exhaustive(story)
    assert report.complete and report.unreachable_endings == [] and report.unconfirmed == []
    assert set(report.ending_paths) == {"free", "caught", "boss"}
    for ending, path in report.ending_paths.items():
        assert replays_to(story, path, ending)
    assert report.softlocks == [] and report.unreached_nodes == []


def test_an_ending_behind_an_impossible_condition_is_proven_unreachable(tmp_path):
    # x can only reach 30 (three +10 once-choices), so `x >= 40` never holds
    story = load(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: p1, text: P1, once: true, effects: [x += 10], goto: a}
              - {id: p2, text: P2, once: true, effects: [x += 10], goto: a}
              - {id: p3, text: P3, once: true, effects: [x += 10], goto: a}
              - {id: win, text: Win, if: x >= 40, goto: g}
              - {id: lose, text: Lose, goto: b}
          g: {text: G., ending: good}
          b: {text: B., ending: bad}
        """,
    )
    report = exhaustive(story)
    assert report.unreachable_endings == ["good"]
    assert report.unreached_nodes == ["g"] and report.untaken_choices == ["a/win"]
    assert replays_to(story, report.ending_paths["bad"], "bad")


def test_a_number_read_as_true_or_false_is_searched(tmp_path):
    # `not visited("b")` and `x and ...` use numbers as true/false, as the language allows
    story = load(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: look, text: Look, if: not visited("b"), goto: b}
              - {id: win, text: Win, if: x and visited("b"), goto: g}
              - {id: lose, text: Lose, if: not x, goto: l}
          b:
            text: B.
            choices:
              - {id: back, text: Back, effects: [x += 5], goto: a}
          g: {text: G., ending: good}
          l: {text: L., ending: bad}
        """,
    )
    report = exhaustive(story)
    assert report.complete and report.unreachable_endings == [] and report.softlocks == []
    for ending, path in report.ending_paths.items():
        assert replays_to(story, path, ending)
    assert [node for node, _ in report.ending_paths["good"]] == ["a", "b", "a"]


def test_a_gap_between_conditions_is_a_softlock_with_a_path(tmp_path):
    # at x == 40 neither `x > 40` nor `x < 40` holds: the player is stuck at c
    story = load(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: up, text: Up, once: true, effects: [x += 20], goto: a}
              - {id: on, text: On, goto: c}
          c:
            text: C.
            choices:
              - {id: hi, text: Hi, if: x > 40, goto: g}
              - {id: lo, text: Lo, if: x < 40, goto: b}
          g: {text: G., ending: good}
          b: {text: B., ending: bad}
        """.replace("x += 20", "x += 40"),
    )
    report = exhaustive(story)
    assert [node for node, _ in report.softlocks] == ["c"]
    ((_node, path),) = report.softlocks
    machine = Machine(story)
    state, _ = machine.start(1)
    for _n, c in path:
        state, _ = machine.choose(state, c)
    assert state.node == "c" and machine.choices(state) == []


def test_complementary_conditions_are_not_a_softlock(tmp_path):
    story = load(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: up, text: Up, effects: [x += 7], goto: c}
              - {id: down, text: Down, effects: [y -= 13], goto: c}
          c:
            text: C.
            choices:
              - {id: hi, text: Hi, if: x >= 35 or y < 40, goto: g}
              - {id: lo, text: Lo, if: not (x >= 35 or y < 40), goto: a}
          g: {text: G., ending: good}
          b: {text: B., ending: bad}
        """,
    )
    report = exhaustive(story)
    assert report.softlocks == [] and report.possible_softlocks == []


def test_every_chance_outcome_is_searched(tmp_path):
    story = load(
        tmp_path,
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: roll, text: Roll, goto: r}
          r:
            next:
              - {if: chance(1), goto: g}
              - goto: b
          g: {text: G., ending: good}
          b: {text: B., ending: bad}
        """,
    )
    report = exhaustive(story)
    assert set(report.ending_paths) == {"good", "bad"}


ROUTES_LOOP = """\
nodes:
  a:
    text: A.
    choices:
      - {id: go, text: Go, goto: b}
      - {id: out, text: Out, goto: g}
  b:
    on_enter: [x += 1]
    next:
      - {if: x < 200, goto: c}
      - goto: a
  c:
    next: [b]
  g: {text: G., ending: good}
  z: {text: Z., ending: bad}
"""


def test_a_loop_of_routes_some_states_fall_into_is_reported_not_a_crash(tmp_path):
    # x never reaches 200, so b and c route to each other for ever: the check cannot see
    # it (the way out has a condition); every searched move there, and every random run
    # that goes there, ends in a RoutingLoop, which the report lists
    story = load(tmp_path, ROUTES_LOOP)
    report = exhaustive(story)
    assert [(node, choice) for node, choice, _ in report.loops] == [("a", "go")]
    assert "did not settle" in report.loops[0][2]
    assert report.ending_paths == {"good": [("a", "out")]}
    assert report.unreachable_endings == ["bad"]


def test_random_runs_a_loop_of_routes_stops_are_counted_not_a_crash(tmp_path):
    report = random_play(load(tmp_path, ROUTES_LOOP), 200, seed=5)
    looped = len(report.loops)
    assert looped and report.endings["good"] + looped == 200
    assert report.cut_short == 0 and not report.softlocks
    run, key, message = report.loops[0]
    assert 0 <= run < 200 and key == "a/go" and "did not settle" in message


def test_explore_random_says_which_choice_loops_and_fails(tmp_path):
    root = write_story(tmp_path / "s", ROUTES_LOOP, MANIFEST)
    run = [sys.executable, "-m", "riotgame", "explore", "--story", str(root), "--random", "50"]
    text = subprocess.run(run, capture_output=True, text=True)
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert "(routing loop)" in text.stdout and "e.g. after a/go: automatic routing" in text.stdout
    data = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True).stdout)
    assert data["loops"] and all(key == "a/go" for _, key, _ in data["loops"])


def test_cli_exit_codes_and_json(tmp_path):
    root = write_story(
        tmp_path / "s",
        """\
        nodes:
          a:
            text: A.
            choices:
              - {id: lose, text: Lose, goto: b}
              - {id: win, text: Win, if: x > 5, goto: g}
          g: {text: G., ending: good}
          b: {text: B., ending: bad}
        """,
        MANIFEST,
    )
    run = [sys.executable, "-m", "riotgame", "explore", "--story"]
    bad = subprocess.run(
        [*run, str(root), "--exhaustive", "--format", "json"], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["unreachable_endings"] == ["good"]
    good = subprocess.run([*run, str(MINI), "--exhaustive"], capture_output=True, text=True)
    assert good.returncode == 0 and "boss in 4 choices" in good.stdout
    rand = subprocess.run(
        [*run, str(MINI), "--random", "200", "--format", "json"], capture_output=True, text=True
    )
    assert rand.returncode == 0 and sum(json.loads(rand.stdout)["endings"].values()) == 200


# -- soundness: the search never calls something unreachable that a real run reaches ------
effects = st.sampled_from(
    [
        "x += 10",
        "x -= 10",
        "y += 15",
        "y -= 5",
        "x = 50",
        "flags.f = true",
        "flags.f = not flags.f",
        "flags.f = x > 30",
    ]
)
conditions = st.sampled_from(
    [
        "x >= 10",
        "x > 10",
        "x < 40",
        "x <= 0",
        "y > 60",
        "y <= 45",
        "flags.f",
        "not flags.f",
        "x + y > 90",
        "x == 50",
        "chance(30)",
        'visited("n1") > 1',
    ]
)


@st.composite
def stories(draw):
    size = draw(st.integers(3, 6))
    lines = ["nodes:"]
    for i in range(size):
        lines.append(f"  n{i}:")
        lines.append("    text: T.")
        lines.append("    choices:")
        for c in range(draw(st.integers(1, 3))):
            lines.append(f"      - id: c{c}")
            lines.append("        text: C.")
            if draw(st.booleans()):
                lines.append(f"        if: '{draw(conditions)}'")
            if draw(st.booleans()):
                lines.append("        once: true")
            lines.append(f"        effects: ['{draw(effects)}']")
            target = draw(st.sampled_from([f"n{j}" for j in range(size)] + ["g", "b"]))
            lines.append(f"        goto: {target}")
    lines += ["  g: {text: G., ending: good}", "  b: {text: B., ending: bad}"]
    return "\n".join(lines).replace("n0", "a") + "\n"  # the manifest starts at a


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chapter=stories())
def test_random_runs_never_reach_what_the_search_calls_unreachable(tmp_path_factory, chapter):
    root = write_story(tmp_path_factory.mktemp("s"), chapter, MANIFEST)
    story, _problems = load_story(root)
    assume(story is not None)  # e.g. visited("n1") when the story has no n1: a load error
    report = exhaustive(story, max_states=50_000)
    played = random_play(story, 100, seed=3)
    assert not set(report.unreached_nodes) & played.nodes_seen
    assert not set(report.untaken_choices) & played.choices_taken
    assert not set(report.unreachable_endings) & set(played.endings)
    stuck_nodes = {node for _, node in played.softlocks}
    assert stuck_nodes <= {n for n, _ in report.softlocks} | set(report.possible_softlocks)


def test_paths_leave_out_detours_that_change_nothing(tmp_path):
    # random runs wander through the side rooms; the reported path goes straight out,
    # but keeps the side room that the ending needs
    story = load(
        tmp_path,
        """\
        nodes:
          a:
            text: A hub.
            choices:
              - {id: r1, text: Room 1, once: true, goto: s1}
              - {id: r2, text: Room 2, once: true, goto: s2}
              - {id: r3, text: Room 3, once: true, effects: [x += 10], goto: s3}
              - {id: r4, text: Room 4, once: true, goto: s4}
              - {id: r5, text: Room 5, once: true, goto: s5}
              - {id: out, text: Leave, goto: e}
          s1: {text: S1., choices: [{id: back, text: Back, goto: a}]}
          s2: {text: S2., choices: [{id: back, text: Back, goto: a}]}
          s3: {text: S3., choices: [{id: back, text: Back, goto: a}]}
          s4: {text: S4., choices: [{id: back, text: Back, goto: a}]}
          s5: {text: S5., choices: [{id: back, text: Back, goto: a}]}
          e:
            next:
              - {if: x >= 10, goto: g}
              - goto: b
          g: {text: G., ending: good}
          b: {text: B., ending: bad}
        """,
    )
    report = exhaustive(story, witness_runs=2)  # two wandering runs, then the cutting
    assert report.ending_paths["bad"] == [("a", "out")]
    assert report.ending_paths["good"] == [("a", "r3"), ("s3", "back"), ("a", "out")]
