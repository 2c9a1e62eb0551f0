"""The Autosaver every front end uses: each failure said with the folder and the reason,
the game going on, saving resuming (and saying so), and a write in the background that
quitting can wait for without hanging."""

from __future__ import annotations

import errno

import pytest

from riotgame.engine.play.session import Session
from riotgame.engine.saves.autosave import Autosaver, SaveHealth
from riotgame.engine.saves.reading import read_save
from tests.support.faults import BrokenDisk, full_folder, read_only_folder


def play_on(session: Session, saver: Autosaver, choices) -> list[bool]:
    results = []
    for choice in choices:
        session.choose(choice)
        results.append(saver.save(session))
    return results


def test_every_failure_is_said_and_saving_resumes_and_says_so(machine, store, monkeypatch):
    disk = BrokenDisk(monkeypatch, errno.ENOSPC)
    said = []
    saver = Autosaver(store, "r1", said.append)
    session = Session(machine, 7)
    assert play_on(session, saver, ["yes", "on"]) == [False, False]
    assert len(said) == 2 and all(n.failed for n in said)
    for notice in said:
        assert str(store.directory) in notice.text
        assert "No space left on device" in notice.text
    assert not saver.saved and saver.health.failing
    disk.heal()
    assert play_on(session, saver, ["dice", "dice"]) == [True, True]
    assert [n.failed for n in said] == [True, True, False]  # news once, then quiet
    assert said[2].text.startswith("Saving works again") and str(saver.path) in said[2].text
    assert [s.choice for s in read_save(saver.path).steps] == ["yes", "on", "dice", "dice"]


def test_one_health_is_shared_by_autosaves_and_other_saves(store, tmp_path):
    health = SaveHealth(store.directory)
    notice = health.failed("slot", OSError(errno.EROFS, "Read-only file system"), "mine")
    assert notice.failed and "Read-only file system" in notice.text
    assert health.succeeded(tmp_path / "x.yaml").text.startswith("Saving works again")
    assert health.succeeded(tmp_path / "x.yaml") is None


def test_in_the_background_the_newest_run_is_written_and_flush_waits(machine, store):
    said = []
    saver = Autosaver(store, "bg", said.append, background=True)
    session = Session(machine, 7)
    for choice in ["yes", "on", "dice"]:
        session.choose(choice)
        assert saver.save(session)
    assert saver.flush(timeout=30)
    assert [s.choice for s in read_save(store.autosave_path("bg")).steps] == ["yes", "on", "dice"]
    assert saver.close(timeout=30) and said == []


def test_background_failures_are_reported_from_the_thread(machine, store, monkeypatch):
    BrokenDisk(monkeypatch, errno.EROFS)
    said = []
    saver = Autosaver(store, "bg", said.append, background=True)
    session = Session(machine, 7)
    session.choose("yes")
    saver.save(session)
    assert saver.flush(timeout=30)
    assert not saver.saved and "Read-only file system" in said[0].text
    assert saver.close(timeout=30) is False  # closing says the run is not on disk


def test_a_real_read_only_folder(machine, tmp_path):
    from riotgame.engine.saves.store import SaveStore

    with read_only_folder(tmp_path / "ro") as folder:
        said = []
        saver = Autosaver(SaveStore(folder), "r", said.append)
        session = Session(machine, 7)
        assert play_on(session, saver, ["yes", "on"]) == [False, False]
        assert len(said) == 2 and str(folder) in said[0].text
        assert ("Read-only file system" in said[0].text) or ("Permission denied" in said[0].text)
        assert list(folder.iterdir()) == []  # no temporary file left behind
        saver.close()


def test_a_real_full_disk_then_room_again(machine, tmp_path):
    from riotgame.engine.saves.store import SaveStore

    with full_folder(tmp_path / "full") as (folder, free):
        said = []
        saver = Autosaver(SaveStore(folder), "r", said.append)
        session = Session(machine, 7)
        assert play_on(session, saver, ["yes"]) == [False]
        assert "No space left on device" in said[0].text
        free()
        assert play_on(session, saver, ["on"]) == [True]
        assert said[-1].text.startswith("Saving works again")
        assert [s.choice for s in read_save(saver.path).steps] == ["yes", "on"]
        saver.close()


def test_the_plain_autosaver_records_the_same_run_as_a_session(session, machine, store):
    saver = Autosaver(store, "plain")
    state, steps = Session(machine, 7).state, []
    from riotgame.engine.play.session import Step

    for step in session.steps:
        new, _ = machine.choose(state, step.choice)
        steps.append(Step(state.turn, state.node, step.choice))
        saver.save_run(machine.story, 7, steps, new)
        state = new
    saver.close()
    loaded = store.load("autosave-plain", machine)
    assert loaded.session.steps == session.steps and loaded.run == "plain"


@pytest.mark.parametrize("background", [False, True])
def test_closing_unlocks_the_run(store, background):
    first = Autosaver(store, "same", background=background)
    first.close(timeout=30)
    again = Autosaver(store, "same")
    assert again.run == "same" and again.note == ""
    again.close()
