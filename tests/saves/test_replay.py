"""Replay: same story -> the same state; edited story -> the first divergence, named."""

import pytest

from riotgame.engine import Machine
from riotgame.engine.saves.format import SaveError, save_of
from riotgame.engine.saves.replay import replay
from riotgame.engine.saves.restore import ENDS_ELSEWHERE, FITS_UP_TO, restore
from tests.support.saves import edit, load


def replay_on(root, session):
    return replay(save_of(session, run="r"), Machine(load(root)))


def test_same_story_reaches_the_same_state(session, machine):
    result = replay(save_of(session, run="r"), machine)
    assert result.ok and not result.story_changed
    assert result.steps_done == 5 and result.session.state == session.state
    assert [f.index for f in result.frames] == [0, 1, 2, 3, 4, 5]
    assert [f.state for f in result.frames] == session.states
    assert result.frames[2].step.choice == "on"
    assert any(e.__class__.__name__ == "StatChanged" for e in result.frames[2].events)


def test_chance_rolls_depend_on_the_seed_and_replay_exactly(machine):
    from riotgame.engine.play.session import Session

    flags = set()
    for seed in range(20):
        s = Session(machine, seed)
        s.choose("yes")
        for _ in range(3):
            s.choose("dice")
        result = replay(save_of(s, run="r"), machine)
        assert result.ok and result.session.state == s.state
        flags.add(s.state.flags)
    assert len(flags) > 1  # the rolls really vary with the seed


def test_a_removed_choice_is_the_divergence(session, story_copy):
    edit(story_copy, "id: dice", "id: play_dice")
    result = replay_on(story_copy, session)
    d = result.divergence
    assert (d.step, d.turn, d.node, d.choice) == (3, 2, "s_yard", "dice")
    assert d.message == "the choice no longer exists"
    assert "diverges at step 3 (turn 2, node s_yard" in d.line()
    assert result.steps_done == 2 and result.story_changed


def test_a_choice_no_longer_available_is_the_divergence(session, story_copy):
    edit(story_copy, "text: Look around", "text: Look around\n        if: false")
    d = replay_on(story_copy, session).divergence
    assert (d.step, d.choice, d.message) == (2, "on", "the choice is no longer available")


def test_a_route_to_another_node_is_the_divergence(session, story_copy):
    edit(story_copy, 'goto: s_yard\n      - id: "no"', 'goto: s_exit\n      - id: "no"')
    d = replay_on(story_copy, session).divergence
    assert d.step == 2 and "the run is at s_free instead" in d.message


def test_a_changed_effect_names_the_stat_that_differs(session, story_copy):
    edit(story_copy, "trust.boss += 10", "trust.boss += 12")
    result = replay_on(story_copy, session)
    assert result.divergence.step is None
    assert result.divergence.message == 'stat "trust.boss" is 17, the save says 15'
    assert result.changed_nodes == ["s_yard"]


def test_edited_text_is_listed_but_the_run_still_fits(session, story_copy):
    edit(story_copy, "The gate slams behind you.", "The gate bangs shut.")
    result = replay_on(story_copy, session)
    assert result.ok and result.story_changed
    assert result.changed_nodes == ["s_gate"] and result.removed_nodes == []


def test_another_story_is_refused(session):
    mini = Machine(load("tests/fixtures/mini"))
    with pytest.raises(SaveError) as info:
        replay(save_of(session, run="r"), mini)
    assert info.value.problem.code == "E304"


def test_loading_on_an_edited_story_resumes_where_the_run_still_fits(session, story_copy):
    edit(story_copy, "id: dice", "id: play_dice")
    loaded = restore(save_of(session, run="r"), Machine(load(story_copy)))
    assert len(loaded.session.steps) == 2 and loaded.session.state.node == "s_yard"
    assert loaded.note is not None and loaded.note.message == FITS_UP_TO
    assert "fits it up to choice 2 of 5" in loaded.note.text
    assert loaded.run != "r"


def test_loading_when_the_same_choices_now_end_elsewhere_goes_on_from_them(session, story_copy):
    edit(story_copy, "trust.boss += 10", "trust.boss += 20")
    loaded = restore(save_of(session, run="r"), Machine(load(story_copy)))
    assert len(loaded.session.steps) == 5 and loaded.note is not None
    assert loaded.note.message == ENDS_ELSEWHERE and "its 5 choices now lead" in loaded.note.text


def test_loading_a_save_whose_snapshot_lies_is_refused(session, machine):
    from dataclasses import replace

    save = save_of(session, run="r")
    lying = replace(
        save, snapshot=replace(save.snapshot, stats={**save.snapshot.stats, "suspicion": 99})
    )
    with pytest.raises(SaveError) as info:
        restore(lying, machine)
    assert info.value.problem.code == "E305" and "suspicion" in str(info.value)


@pytest.mark.parametrize(
    "old, new",
    [
        ("id: dice", "id: play_dice"),
        ("text: Look around", "text: Look around\n        if: false"),
        ("trust.boss += 10", "trust.boss += 12"),
        ("The gate slams behind you.", "The gate bangs shut."),
    ],
)
def test_the_quick_check_agrees_with_the_full_replay(session, story_copy, old, new):
    edit(story_copy, old, new)
    machine = Machine(load(story_copy))
    save = save_of(session, run="r")
    full, quick = replay(save, machine), replay(save, machine, frames=False)
    assert quick.divergence == full.divergence
    assert (quick.state, quick.steps_done) == (full.state, full.steps_done)
    assert quick.changed_nodes == full.changed_nodes and quick.frames == []
