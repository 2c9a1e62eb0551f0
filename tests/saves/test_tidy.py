"""Writing an autosave tidies the directory: autosaves beyond the newest AUTOSAVES_KEPT go,
and so do temporary files a crash left behind; slots, the quicksave and anything that is
not a readable autosave stay."""

import os
import time

from riotgame.engine.saves.store import AUTOSAVES_KEPT, STALE_TEMP_SECONDS


def autosave_names(store) -> list[str]:
    return sorted(p.name for p in store.files() if p.name.startswith("autosave-"))


def test_only_the_newest_autosaves_are_kept(session, store):
    store.write_slot(session, "keep me")
    store.quicksave(session)
    runs = [f"run-{i:02}" for i in range(AUTOSAVES_KEPT + 5)]  # ids sort in writing order
    for i, run in enumerate(runs):
        store.autosave(session, run)
        assert len(autosave_names(store)) == min(i + 1, AUTOSAVES_KEPT)
    assert autosave_names(store) == [f"autosave-{run}.yaml" for run in runs[-AUTOSAVES_KEPT:]]
    assert store.slot_path("keep me").is_file() and store.quicksave_path().is_file()


def test_the_autosave_being_written_stays_even_if_it_looks_oldest(session, store):
    for i in range(AUTOSAVES_KEPT):
        store.autosave(session, f"run-{i:02}")
    future = time.time() + 1000  # every other autosave looks newer than the one written
    for path in store.files():
        os.utime(path, (future, future))
    store.autosave(session, "run-new")  # one more than kept: one must go, not this one
    names = autosave_names(store)
    assert "autosave-run-new.yaml" in names and len(names) == AUTOSAVES_KEPT


def test_files_named_like_autosaves_that_are_not_autosaves_stay(session, store):
    slot = store.write_slot(session, "a slot")
    store.directory.joinpath("autosave-copied-slot.yaml").write_bytes(slot.read_bytes())
    store.directory.joinpath("autosave-broken.yaml").write_text("format: [1\n")
    for name in ("autosave-copied-slot.yaml", "autosave-broken.yaml"):
        os.utime(store.directory / name, (1, 1))  # the oldest: first in line to go
    for i in range(AUTOSAVES_KEPT + 2):
        store.autosave(session, f"run-{i:02}")
    names = autosave_names(store)
    assert "autosave-copied-slot.yaml" in names and "autosave-broken.yaml" in names
    assert [n for n in names if n.startswith("autosave-run-")] == [
        f"autosave-run-{i:02}.yaml" for i in range(2, AUTOSAVES_KEPT + 2)
    ]


def test_old_temporary_files_go_fresh_ones_stay(session, store):
    store.directory.mkdir(parents=True)
    old = store.directory / ".autosave-r.yaml.4242.deadbeef.tmp"
    fresh = store.directory / ".quicksave.yaml.4242.cafebabe.tmp"
    not_ours = store.directory / ".notes.txt.4242.deadbeef.tmp"
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    for path in (old, fresh, not_ours):
        path.write_text("half a save")
    for path in (old, not_ours):
        os.utime(path, (long_ago, long_ago))
    store.autosave(session, "r")
    assert not old.exists()
    assert fresh.read_text() == "half a save" and not_ours.exists()
    assert store.autosave_path("r").is_file()
