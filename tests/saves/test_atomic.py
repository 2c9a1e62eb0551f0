"""Atomic writes: a process killed with SIGKILL at random moments while writing saves never
leaves a broken save behind: each file holds the old content or the new one."""

import os
import random
import signal
import time
from pathlib import Path

import pytest

from riotgame.engine.play.session import Session
from riotgame.engine.saves.files import atomic_write
from riotgame.engine.saves.format import dump_save, save_of
from riotgame.engine.saves.reading import read_save
from riotgame.engine.saves.store import SaveStore

KILLS = 40
FILES = ["a.yaml", "b.yaml", "c.yaml"]


def start_writer(directory: Path, versions: list[bytes]) -> int:
    """A forked process that rewrites every file in turn with atomic_write, until killed.
    (Forked rather than started: the same separate process, without a new interpreter and
    its imports each of the KILLS times.)"""
    ready, tell = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer: never returns into the test
        try:
            os.close(ready)
            os.write(tell, b"ready\n")
            i = 0
            while True:
                for name in FILES:
                    atomic_write(directory / name, versions[i % len(versions)])
                i += 1
        finally:
            os._exit(1)
    os.close(tell)
    assert os.read(ready, 6) == b"ready\n"
    os.close(ready)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_sigkill_during_writes_never_leaves_a_broken_save(machine, tmp_path):
    short = Session(machine, 1)
    short.choose("yes")
    long = Session(machine, 2)
    for choice in ["yes", "on"] + ["dice"] * 25:  # a bigger file: more time mid-write
        long.choose(choice)
    texts = [dump_save(save_of(s, label=f"v{i}", run="r")) for i, s in enumerate([short, long])]
    directory = tmp_path / "saves"
    directory.mkdir()
    for name in FILES:
        (directory / name).write_text(texts[0])
    rng = random.Random(211)  # random moments, but the same ones on every run of the test

    for _ in range(KILLS):
        pid = start_writer(directory, [text.encode("utf-8") for text in texts])
        # sleep a random part of a few write cycles, then kill without warning
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        for name in FILES:
            text = (directory / name).read_text()
            assert text in texts, f"{name} holds neither the old nor the new save"
            assert read_save(directory / name).label in ("v0", "v1")

    store = SaveStore(directory)
    assert sorted(p.name for p in store.files()) == FILES  # leftover temporaries are hidden
    assert all(info.ok for info in store.listing(machine.story, machine))
