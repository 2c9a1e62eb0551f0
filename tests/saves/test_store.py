"""The SaveStore the game uses: slots, quicksave, rolling autosave, Continue, undo."""

import os

import pytest

from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import SaveError
from riotgame.engine.saves.reading import read_save


def test_named_slot_round_trip(session, machine, store):
    path = store.write_slot(session, "Before the dice")
    assert path == store.directory / "before-the-dice.yaml"
    [info] = store.listing(machine.story, machine)
    assert (info.name, info.kind, info.label, info.chapter) == (
        "before-the-dice",
        "slot",
        "Before the dice",
        1,
    )
    assert [(m.label, m.value) for m in info.meters] == [
        ("Suspicion", 14),
        ("The boss's trust", 15),
    ]  # luck hidden
    loaded = store.load("before-the-dice", machine)
    assert loaded.session.state == session.state and loaded.note is None


def test_writing_a_slot_again_replaces_it(session, machine, store):
    store.write_slot(session, "slot")
    session.choose("leave")
    store.write_slot(session, "slot")
    [info] = store.listing(machine.story)
    assert info.ending == "free"


def test_quicksave_and_quickload(session, machine, store):
    store.quicksave(session)
    session.choose("leave")
    loaded = store.quickload(machine)
    assert loaded.session.state.node == "s_yard"
    assert len(loaded.session.steps) == 5


def test_undo_goes_back_through_the_whole_loaded_run(session, machine, store):
    store.write_slot(session, "s")
    loaded = store.load("s", machine).session
    undone = 0
    while loaded.undo():
        undone += 1
        assert loaded.state == session.states[5 - undone]
    assert undone == 5 and loaded.state == Session(machine, 7).state


def test_one_rolling_autosave_per_run(session, machine, store):
    store.autosave(session, "run-a")
    session.choose("leave")
    store.autosave(session, "run-a")
    other = Session(machine, 1)
    store.autosave(other, "run-b")
    files = sorted(p.name for p in store.files())
    assert files == ["autosave-run-a.yaml", "autosave-run-b.yaml"]
    assert read_save(store.autosave_path("run-a")).snapshot.ending == "free"


def test_autosave_after_undo_holds_the_shorter_run(session, store):
    session.undo()
    store.autosave(session, "r")
    assert len(read_save(store.autosave_path("r")).steps) == 4


def test_continuing_an_autosave_keeps_its_run_other_loads_start_a_new_one(session, machine, store):
    store.autosave(session, "run-a")
    store.write_slot(session, "slot", run="run-a")
    assert store.load("autosave-run-a", machine).run == "run-a"
    assert store.load("slot", machine).run != "run-a"  # never overwrites run-a's autosave


def test_a_quickload_rewinds_the_run_it_was_saved_in(session, machine, store):
    """F9 goes back in the same run: its one autosave, however often it is pressed."""
    store.quicksave(session, "run-a")
    assert store.quickload(machine).run == "run-a"
    assert store.quickload(machine).run == "run-a"


def test_continue_is_the_newest_unfinished_run(session, machine, store):
    assert store.latest(machine.story, machine) is None
    older = store.write_slot(session, "older")
    os.utime(older, (1, 1))
    finished = Session(machine, 7)
    finished.choose("no")  # suspicion 100: caught at once
    assert finished.ended
    store.autosave(finished, "done")
    assert store.latest(machine.story, machine).name == "older"
    newer = Session(machine, 2)
    store.autosave(newer, "new")
    assert store.latest(machine.story, machine).name == "autosave-new"


def test_saves_of_an_edited_story_still_list_and_say_so(session, store, story_copy):
    from riotgame.engine import Machine
    from tests.support.saves import edit, load

    store.write_slot(session, "s")
    edit(story_copy, "The yard is loud.", "The yard is very loud.")
    edited = Machine(load(story_copy))
    [info] = store.listing(edited.story, edited)
    assert info.ok and info.story_changed


def test_loading_a_missing_save_is_a_clear_error(machine, store):
    with pytest.raises(SaveError) as info:
        store.load("nothing-here", machine)
    assert info.value.problem.code == "E300"  # located, for tools; said as a sentence
    assert str(info.value).startswith('No save called "nothing-here" in ')
