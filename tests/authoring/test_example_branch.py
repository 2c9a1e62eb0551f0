"""The example branch of docs/writing-branches.md loads with the shipped story, adds no
problems of its own, and can be played into: take the bag in the queue, wear it later."""

from __future__ import annotations

import re
from collections import deque

import pytest

from riotgame.engine.analysis.check import check_story
from riotgame.engine.play.machine import Machine
from tests.support.stories import CHECKOUT

BRANCH = CHECKOUT / "examples" / "branches" / "shirt_man.yaml"


@pytest.fixture(scope="module")
def machine():
    story, problems, _ = check_story(CHECKOUT / "story", [BRANCH])
    assert [p.concise() for p in problems if p.is_error] == []
    assert story is not None
    return Machine(story)


def walk_to(machine: Machine, state, target: str):
    """The state after the shortest run of available choices from `state` to node `target`."""
    queue, seen = deque([state]), {state.node}
    while queue:
        state = queue.popleft()
        if state.node == target:
            return state
        for choice in machine.choices(state):
            if choice.enabled:
                new, _ = machine.choose(state, choice.id)
                if new.node not in seen:
                    seen.add(new.node)
                    queue.append(new)
    raise AssertionError(f"{target} cannot be reached")


def test_the_branch_is_played_into_and_carried_forward(machine):
    story = machine.story
    state, _ = machine.start(seed=1)
    state = walk_to(machine, state, "c1_queue")
    assert "shirt_man" in [c.id for c in machine.choices(state)]
    state, _ = machine.choose(state, "shirt_man")
    assert state.node == "c1_shirt_man"
    state, _events = machine.choose(state, "take_bag")
    assert "c1_beige_bag" in story.flags_set(state)
    assert "take_bag" not in [c.id for c in machine.choices(state)]  # its `if` is now false
    state, _ = machine.choose(state, "back")
    assert state.node == "c1_queue"
    assert "shirt_man" not in [c.id for c in machine.choices(state)]  # once: true
    state = walk_to(machine, state, "c1_dis_corridor")
    before = story.stat_values(state)["suspicion"]
    state, _ = machine.choose(state, "beige_bag")
    assert state.node == "c1_dis_beige"
    assert "disguised" in story.flags_set(state)
    assert story.stat_values(state)["suspicion"] == max(before - 10, 0)


def test_without_the_bag_the_corridor_choice_is_hidden(machine):
    state, _ = machine.start(seed=1)
    state = walk_to(machine, state, "c1_dis_corridor")
    assert "c1_beige_bag" not in machine.story.flags_set(state)
    assert "beige_bag" not in [c.id for c in machine.choices(state)]


TUTORIAL = CHECKOUT / "docs" / "writing-branches.md"


def tutorial_listings() -> list[str]:
    """The branch files the tutorial shows, in order (```yaml blocks with nodes)."""
    blocks = re.findall(r"```yaml\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if "\nnodes:" in b]


def test_the_tutorial_ends_with_the_shipped_example():
    listings = tutorial_listings()
    assert len(listings) == 3
    shipped = [
        line for line in BRANCH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert listings[-1].splitlines() == "\n".join(shipped).strip("\n").splitlines()


def test_every_step_of_the_tutorial_loads_cleanly(machine, tmp_path):
    for i, listing in enumerate(tutorial_listings()):
        step = tmp_path / f"step{i}.yaml"
        step.write_text(listing, encoding="utf-8")
        story, problems, _ = check_story(CHECKOUT / "story", [step])
        assert story is not None
        assert [p.concise() for p in problems if p.path == str(step)] == []
